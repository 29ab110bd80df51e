"""The database schema as a typed SQLAlchemy 2 ORM, covering the whole product.

Changing anything here needs a new Alembic revision in `storage/migrations/versions/`
(a test compares this metadata with the migrated schema).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# An index on `full_name COLLATE NOCASE`: Alembic reflects SQLite indexes without their
# collation, so `schema_differences` (migrate.py) leaves it to a test of its own.
NAME_ORDER_INDEX = "ix_people_name_order"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


person_tags = Table(
    "person_tags",
    Base.metadata,
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)

interaction_participants = Table(
    "interaction_participants",
    Base.metadata,
    Column("interaction_id", ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)

goal_organizations = Table(
    "goal_organizations",
    Base.metadata,
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "organization_id",
        ForeignKey("organizations.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

goal_people = Table(
    "goal_people",
    Base.metadata,
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Person(Base):
    """A person of the network; exactly one row may be me (`is_me`)."""

    __tablename__ = "people"
    __table_args__ = (
        CheckConstraint("birthday_month IS NULL OR birthday_month BETWEEN 1 AND 12", name="bmonth"),
        CheckConstraint("birthday_day IS NULL OR birthday_day BETWEEN 1 AND 31", name="bday"),
        CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="cadence"),
        Index("uq_people_is_me", "is_me", unique=True, sqlite_where=text("is_me = 1")),
        # The contact table's order (0006).
        Index(NAME_ORDER_INDEX, text("full_name COLLATE NOCASE")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String, default="")
    family_name: Mapped[str] = mapped_column(String, default="")
    full_name: Mapped[str] = mapped_column(String, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    circle: Mapped[str | None] = mapped_column(String, index=True)
    how_we_met: Mapped[str] = mapped_column(Text, default="")
    met_on: Mapped[date | None] = mapped_column(Date)
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    birthday_year: Mapped[int | None] = mapped_column(Integer)
    birthday_month: Mapped[int | None] = mapped_column(Integer)
    birthday_day: Mapped[int | None] = mapped_column(Integer)
    is_me: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String, default="")
    vcard_uid: Mapped[str | None] = mapped_column(String, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=text("CURRENT_TIMESTAMP"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=text("CURRENT_TIMESTAMP"))

    emails: Mapped[list[Email]] = relationship(
        cascade="all, delete-orphan", order_by="Email.position", passive_deletes=True
    )
    phones: Mapped[list[Phone]] = relationship(
        cascade="all, delete-orphan", order_by="Phone.position", passive_deletes=True
    )
    urls: Mapped[list[Url]] = relationship(
        cascade="all, delete-orphan", order_by="Url.position", passive_deletes=True
    )
    addresses: Mapped[list[Address]] = relationship(
        cascade="all, delete-orphan", order_by="Address.position", passive_deletes=True
    )
    employment: Mapped[list[Employment]] = relationship(
        cascade="all, delete-orphan", back_populates="person", passive_deletes=True
    )
    tags: Mapped[list[Tag]] = relationship(secondary=person_tags)
    photo: Mapped[Photo | None] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class Email(Base):
    __tablename__ = "emails"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String)
    normalized: Mapped[str] = mapped_column(String, index=True)
    label: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Phone(Base):
    __tablename__ = "phones"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String)
    normalized: Mapped[str] = mapped_column(String, index=True, default="")
    label: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Url(Base):
    __tablename__ = "urls"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String)
    label: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String, default="")
    street: Mapped[str] = mapped_column(String, default="")
    locality: Mapped[str] = mapped_column(String, default="")
    region: Mapped[str] = mapped_column(String, default="")
    postal_code: Mapped[str] = mapped_column(String, default="")
    country: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Photo(Base):
    """Kept apart from `people` so table scans never drag image bytes along."""

    __tablename__ = "photos"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    mime: Mapped[str] = mapped_column(String, default="image/jpeg")
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)


class Organization(Base):
    __tablename__ = "organizations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)
    normalized_name: Mapped[str] = mapped_column(String, unique=True)
    industry: Mapped[str] = mapped_column(String, default="")
    url: Mapped[str] = mapped_column(String, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Employment(Base):
    """A person's job at an organisation, current or past."""

    __tablename__ = "employment"
    __table_args__ = (Index("ix_employment_current", "person_id", "current"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String, default="")
    start: Mapped[date | None] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    current: Mapped[bool] = mapped_column(Boolean, default=True)

    person: Mapped[Person] = relationship(back_populates="employment")
    organization: Mapped[Organization] = relationship()


class Relationship(Base):
    """How two people know each other; strength 1 (weak) to 5 (strong)."""

    __tablename__ = "relationships"
    __table_args__ = (
        CheckConstraint("strength BETWEEN 1 AND 5", name="strength"),
        CheckConstraint("a_id <> b_id", name="not_self"),
        UniqueConstraint("a_id", "b_id", "kind", name="uq_relationships_pair_kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    b_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String, default="acquaintance")
    strength: Mapped[int] = mapped_column(Integer, default=3)
    introduced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )
    since: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class Interaction(Base):
    """Something that happened between me and one or more people."""

    __tablename__ = "interactions"
    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String, index=True)
    direction: Mapped[str] = mapped_column(String, default="mutual")
    note: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[date | None] = mapped_column(Date, index=True)
    follow_up_done: Mapped[bool] = mapped_column(Boolean, default=False)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )

    participants: Mapped[list[Person]] = relationship(secondary=interaction_participants)
    resource: Mapped[SharedResource | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class InteractionSource(Base):
    """Where an imported interaction came from: a channel and a key (an e-mail thread and
    day, a LinkedIn conversation and day, a calendar event and occurrence). Importing the
    same or an overlapping export again finds the key and doubles nothing."""

    __tablename__ = "interaction_sources"
    __table_args__ = (
        UniqueConstraint("channel", "key", name="uq_interaction_sources_channel_key"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String)
    key: Mapped[str] = mapped_column(String)


class SharedResource(Base):
    """What was shared in a 'shared resource' interaction: the memory of giving."""

    __tablename__ = "shared_resources"
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String, default="article")
    title: Mapped[str] = mapped_column(String, default="")
    url: Mapped[str] = mapped_column(String, default="")
    tags: Mapped[str] = mapped_column(String, default="")


class Goal(Base):
    __tablename__ = "goals"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String)
    target_roles: Mapped[str] = mapped_column(Text, default="")
    target_industries: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_on: Mapped[date] = mapped_column(Date)
    achieved_on: Mapped[date | None] = mapped_column(Date)

    organizations: Mapped[list[Organization]] = relationship(secondary=goal_organizations)
    people: Mapped[list[Person]] = relationship(secondary=goal_people)
    disclosures: Mapped[list[GoalDisclosure]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class GoalDisclosure(Base):
    """Who was told about a goal, and when."""

    __tablename__ = "goal_disclosures"
    __table_args__ = (UniqueConstraint("goal_id", "person_id", name="uq_goal_disclosures_pair"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    told_on: Mapped[date] = mapped_column(Date)


class Document(Base):
    """A pitch, brand statement, resume… under review."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String)
    title: Mapped[str] = mapped_column(String)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=text("CURRENT_TIMESTAMP"))

    versions: Mapped[list[DocumentVersion]] = relationship(
        cascade="all, delete-orphan", order_by="DocumentVersion.number", passive_deletes=True
    )
    checklist: Mapped[list[ChecklistItem]] = relationship(
        cascade="all, delete-orphan", order_by="ChecklistItem.position", passive_deletes=True
    )
    rounds: Mapped[list[FeedbackRound]] = relationship(
        cascade="all, delete-orphan", order_by="FeedbackRound.asked_on", passive_deletes=True
    )


class DocumentVersion(Base):
    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_document_versions_num"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=text("CURRENT_TIMESTAMP"))
    body: Mapped[str | None] = mapped_column(Text)
    file_path: Mapped[str | None] = mapped_column(String)
    file_name: Mapped[str | None] = mapped_column(String)
    sha256: Mapped[str | None] = mapped_column(String)
    note: Mapped[str] = mapped_column(Text, default="")


class ChecklistItem(Base):
    __tablename__ = "checklist_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    criterion: Mapped[str] = mapped_column(String)
    met: Mapped[bool] = mapped_column(Boolean, default=False)


class FeedbackRound(Base):
    """A contact's review of one version; the reviewer's name is kept if they are deleted."""

    __tablename__ = "feedback_rounds"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_versions.id", ondelete="SET NULL")
    )
    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    reviewer_name: Mapped[str] = mapped_column(String, default="")
    asked_on: Mapped[date] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    verdict: Mapped[str] = mapped_column(String, default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL")
    )

    criteria: Mapped[list[CriterionFeedback]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class CriterionFeedback(Base):
    __tablename__ = "criterion_feedback"
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_rounds.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_items.id", ondelete="CASCADE"), index=True
    )
    verdict: Mapped[str] = mapped_column(String, default="not_reviewed")
    comment: Mapped[str] = mapped_column(Text, default="")


class MockInterview(Base):
    """A mock interview; with a contact it is also an 'asked' interaction (`interaction_id`),
    null for someone named only, for interviews from before revision 0002, and once the
    user deletes that interaction on its own."""

    __tablename__ = "mock_interviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    interviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    interviewer_name: Mapped[str] = mapped_column(String, default="")
    held_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )

    answers: Mapped[list[MockAnswer]] = relationship(
        cascade="all, delete-orphan", order_by="MockAnswer.position", passive_deletes=True
    )


class MockAnswer(Base):
    __tablename__ = "mock_answers"
    __table_args__ = (CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("mock_interviews.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    question: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None] = mapped_column(Integer)


class MapPosition(Base):
    """A node's place on the network map; `node` is 'p:<id>', 'o:<id>' or 'me'."""

    __tablename__ = "map_positions"
    node: Mapped[str] = mapped_column(String, primary_key=True)
    layout: Mapped[str] = mapped_column(String, primary_key=True, default="force")
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)


class Setting(Base):
    """Preferences that belong to the network (cadences per circle…), not to the machine."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncAccount(Base):
    """A CardDAV account (or a vdir folder) whose address books Trellis syncs with.
    The password is never here: it lives in the operating system's keychain."""

    __tablename__ = "sync_accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    kind: Mapped[str] = mapped_column(String, default="carddav")  # carddav | vdir
    url: Mapped[str] = mapped_column(String)  # the server, or the vdir folder's path
    username: Mapped[str] = mapped_column(String, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=text("CURRENT_TIMESTAMP"))
    last_synced_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_summary: Mapped[str] = mapped_column(Text, default="")


class SyncAddressBook(Base):
    """One address book of an account that the user chose to sync."""

    __tablename__ = "sync_address_books"
    __table_args__ = (
        UniqueConstraint("account_id", "url", name="uq_sync_address_books_account_id_url"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sync_accounts.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String, default="")
    sync_token: Mapped[str | None] = mapped_column(String)
    uses_sync_collection: Mapped[bool] = mapped_column(Boolean, default=True)


class SyncItem(Base):
    """A card as it was when last synced: where it lives (href, ETag), which person it is,
    its vCard text (the base of the 3-way merge; keeps what Trellis does not understand)
    and the person's synced fields as they were then (`local_state`, JSON)."""

    __tablename__ = "sync_items"
    __table_args__ = (
        UniqueConstraint("address_book_id", "href", name="uq_sync_items_address_book_id_href"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    address_book_id: Mapped[int] = mapped_column(
        ForeignKey("sync_address_books.id", ondelete="CASCADE"), index=True
    )
    href: Mapped[str] = mapped_column(String)
    etag: Mapped[str] = mapped_column(String, default="")
    uid: Mapped[str] = mapped_column(String, default="")
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    card: Mapped[str] = mapped_column(Text, default="")
    local_state: Mapped[str] = mapped_column(Text, default="")
    # Set by triggers when a synced field of the person changes (revision 0004_carddav_sync),
    # cleared when the sync writes the item: a sync reads only the people who changed.
    dirty: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))


class SyncConflict(Base):
    """A card changed on both sides since the last sync: the server's version waits here
    for the user to decide, field by field; neither side is overwritten meanwhile."""

    __tablename__ = "sync_conflicts"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("sync_items.id", ondelete="CASCADE"), unique=True
    )
    remote_card: Mapped[str] = mapped_column(Text)
    remote_etag: Mapped[str] = mapped_column(String, default="")
    fields: Mapped[str] = mapped_column(String, default="")  # comma-separated field names
    found_at: Mapped[datetime] = mapped_column(DateTime, server_default=text("CURRENT_TIMESTAMP"))


class Group(Base):
    """A professional association, meetup group, alumni network or online community."""

    __tablename__ = "groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String, default="")
    url: Mapped[str] = mapped_column(String, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    i_am_member: Mapped[bool] = mapped_column(Boolean, default=False)


class GroupMember(Base):
    """A contact's membership of a group; a person is a member of a group once."""

    __tablename__ = "group_members"
    __table_args__ = (UniqueConstraint("group_id", "person_id", name="uq_group_members_pair"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)


class Event(Base):
    """A meetup, conference, talk or lunch: something to plan for and follow up after."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("ends_at IS NULL OR ends_at >= starts_at", name="ends_after_start"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String)
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String, default="")
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("groups.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")


class EventPerson(Base):
    """Someone I know is going to an event ('going') or whom I met there ('met')."""

    __tablename__ = "event_people"
    __table_args__ = (CheckConstraint("role IN ('going', 'met')", name="role"),)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String, primary_key=True)


class InformationalInterview(Base):
    """An informational interview from idea to follow-up; each stage keeps its date."""

    __tablename__ = "informational_interviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String, default="idea", index=True)
    learn: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    idea_on: Mapped[date] = mapped_column(Date)
    asked_on: Mapped[date | None] = mapped_column(Date)
    scheduled_for: Mapped[date | None] = mapped_column(Date)
    held_on: Mapped[date | None] = mapped_column(Date)
    thanked_on: Mapped[date | None] = mapped_column(Date)
    followed_up_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String, default="")
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )


class InteractionDocumentVersion(Base):
    """Which version of each pitch/brand/resume document was current at an interaction."""

    __tablename__ = "interaction_document_versions"
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True
    )
    version_id: Mapped[int] = mapped_column(
        ForeignKey("document_versions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
