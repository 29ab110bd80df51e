"""CardDAV and vdir sync: accounts, address books, the cards as last synced, conflicts

Revision ID: 0004_carddav_sync
Revises: 0003_interaction_sources
Create Date: 2026-12-07

New tables only (docs/sync.md). `sync_items.person_id` is SET NULL when a person is
deleted: that is how the next sync learns of a deletion made in Trellis.

Local changes are tracked so that a sync reads only the people who changed: triggers on
every table a synced field lives in set `sync_items.dirty` on the items of the person
concerned (CREATE_TRIGGERS below; a person without a sync item costs one indexed
lookup); the sync clears it when it writes the item.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_carddav_sync'
down_revision = '0003_interaction_sources'
branch_labels = None
depends_on = None

# Triggers marking a person's sync items dirty when a synced field of theirs changes (names,
# note, birthday and UID in `people`; the contact-point tables, `photos`, `person_tags` and
# a renamed tag, `employment` and a renamed organisation). Each runs one UPDATE of
# `sync_items` by its `person_id` index: a person nobody syncs costs one index lookup.
_MARK = "UPDATE sync_items SET dirty = 1 WHERE person_id = {row}.person_id;"

# Tables with a person_id column: any insert, update or delete is a change of that person.
_PERSON_ROWS = ("emails", "phones", "urls", "addresses", "photos", "person_tags", "employment")
_PEOPLE_COLUMNS = (
    "full_name, given_name, family_name, note, birthday_year, birthday_month, birthday_day, "
    "vcard_uid"
)


def _statements() -> tuple[list[str], list[str]]:
    create: list[str] = []
    names: list[str] = []
    for table in _PERSON_ROWS:
        for event, row in (("INSERT", "NEW"), ("DELETE", "OLD"), ("UPDATE", "NEW")):
            name = f"trg_sync_dirty_{table}_{event.lower()}"
            names.append(name)
            body = _MARK.format(row=row)
            if event == "UPDATE":  # a row moved to another person changes both
                body += " " + _MARK.format(row="OLD")
            create.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN {body} END"
            )
    names.append("trg_sync_dirty_people_update")
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _PEOPLE_COLUMNS.split(", "))
    create.append(
        f"CREATE TRIGGER trg_sync_dirty_people_update AFTER UPDATE OF {_PEOPLE_COLUMNS} "
        f"ON people FOR EACH ROW WHEN {changed} BEGIN "
        "UPDATE sync_items SET dirty = 1 WHERE person_id = NEW.id; END"
    )
    names.append("trg_sync_dirty_tags_rename")
    create.append(
        "CREATE TRIGGER trg_sync_dirty_tags_rename AFTER UPDATE OF name ON tags "
        "FOR EACH ROW BEGIN UPDATE sync_items SET dirty = 1 WHERE person_id IN "
        "(SELECT person_id FROM person_tags WHERE tag_id = NEW.id); END"
    )
    names.append("trg_sync_dirty_organizations_rename")
    create.append(
        "CREATE TRIGGER trg_sync_dirty_organizations_rename AFTER UPDATE OF name "
        "ON organizations FOR EACH ROW BEGIN UPDATE sync_items SET dirty = 1 WHERE person_id "
        "IN (SELECT person_id FROM employment WHERE organization_id = NEW.id); END"
    )
    return create, [f"DROP TRIGGER IF EXISTS {name}" for name in names]


CREATE_TRIGGERS, DROP_TRIGGERS = _statements()


def upgrade() -> None:
    op.create_table(
        'sync_accounts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(), nullable=False),
        sa.Column('kind', sa.String(), nullable=False),
        sa.Column('url', sa.String(), nullable=False),
        sa.Column('username', sa.String(), nullable=False),
        sa.Column(
            'created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False
        ),
        sa.Column('last_synced_at', sa.DateTime(), nullable=True),
        sa.Column('last_summary', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_accounts')),
        sa.UniqueConstraint('name', name=op.f('uq_sync_accounts_name')),
    )
    op.create_table(
        'sync_address_books',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('url', sa.String(), nullable=False),
        sa.Column('name', sa.String(), nullable=False),
        sa.Column('sync_token', sa.String(), nullable=True),
        sa.Column('uses_sync_collection', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ['account_id'],
            ['sync_accounts.id'],
            name=op.f('fk_sync_address_books_account_id_sync_accounts'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_address_books')),
        sa.UniqueConstraint('account_id', 'url', name='uq_sync_address_books_account_id_url'),
    )
    with op.batch_alter_table('sync_address_books', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_sync_address_books_account_id'), ['account_id'], unique=False
        )
    op.create_table(
        'sync_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('address_book_id', sa.Integer(), nullable=False),
        sa.Column('href', sa.String(), nullable=False),
        sa.Column('etag', sa.String(), nullable=False),
        sa.Column('uid', sa.String(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('card', sa.Text(), nullable=False),
        sa.Column('local_state', sa.Text(), nullable=False),
        sa.Column('dirty', sa.Boolean(), server_default=sa.text('0'), nullable=False),
        sa.ForeignKeyConstraint(
            ['address_book_id'],
            ['sync_address_books.id'],
            name=op.f('fk_sync_items_address_book_id_sync_address_books'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['person_id'],
            ['people.id'],
            name=op.f('fk_sync_items_person_id_people'),
            ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_items')),
        sa.UniqueConstraint(
            'address_book_id', 'href', name='uq_sync_items_address_book_id_href'
        ),
    )
    with op.batch_alter_table('sync_items', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_sync_items_address_book_id'), ['address_book_id'], unique=False
        )
        batch_op.create_index(batch_op.f('ix_sync_items_person_id'), ['person_id'], unique=False)
    op.create_table(
        'sync_conflicts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('remote_card', sa.Text(), nullable=False),
        sa.Column('remote_etag', sa.String(), nullable=False),
        sa.Column('fields', sa.String(), nullable=False),
        sa.Column(
            'found_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ['item_id'],
            ['sync_items.id'],
            name=op.f('fk_sync_conflicts_item_id_sync_items'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflicts')),
        sa.UniqueConstraint('item_id', name=op.f('uq_sync_conflicts_item_id')),
    )
    for statement in CREATE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP_TRIGGERS:
        op.execute(statement)
    op.drop_table('sync_conflicts')
    with op.batch_alter_table('sync_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_items_person_id'))
        batch_op.drop_index(batch_op.f('ix_sync_items_address_book_id'))
    op.drop_table('sync_items')
    with op.batch_alter_table('sync_address_books', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_address_books_account_id'))
    op.drop_table('sync_address_books')
    op.drop_table('sync_accounts')
