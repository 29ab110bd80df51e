"""groups, events and informational interviews

Revision ID: 0005_groups_events
Revises: 0004_carddav_sync
Create Date: 2026-12-07

Groups with their members, events with who is going and whom I met, interactions that
belong to an event, the informational-interview pipeline (a date per stage), and which
document version was current at an interaction. Interactions already stored belong to no
event and record no version: nothing past is invented.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005_groups_events'
down_revision = '0004_carddav_sync'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(), nullable=False),
        sa.Column('kind', sa.String(), nullable=False),
        sa.Column('url', sa.String(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('i_am_member', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_groups')),
    )
    op.create_table(
        'group_members',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('since', sa.Date(), nullable=True),
        sa.Column('until', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ['group_id'], ['groups.id'],
            name=op.f('fk_group_members_group_id_groups'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['person_id'], ['people.id'],
            name=op.f('fk_group_members_person_id_people'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_group_members')),
        sa.UniqueConstraint('group_id', 'person_id', name='uq_group_members_pair'),
    )
    with op.batch_alter_table('group_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_members_group_id'), ['group_id'], unique=False)
        batch_op.create_index(
            batch_op.f('ix_group_members_person_id'), ['person_id'], unique=False
        )
    op.create_table(
        'events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(), nullable=False),
        sa.Column('starts_at', sa.DateTime(), nullable=False),
        sa.Column('ends_at', sa.DateTime(), nullable=True),
        sa.Column('place', sa.String(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.CheckConstraint(
            'ends_at IS NULL OR ends_at >= starts_at', name=op.f('ck_events_ends_after_start')
        ),
        sa.ForeignKeyConstraint(
            ['group_id'], ['groups.id'],
            name=op.f('fk_events_group_id_groups'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_starts_at'), ['starts_at'], unique=False)
    op.create_table(
        'event_people',
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(), nullable=False),
        sa.CheckConstraint("role IN ('going', 'met')", name=op.f('ck_event_people_role')),
        sa.ForeignKeyConstraint(
            ['event_id'], ['events.id'],
            name=op.f('fk_event_people_event_id_events'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['person_id'], ['people.id'],
            name=op.f('fk_event_people_person_id_people'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('event_id', 'person_id', 'role', name=op.f('pk_event_people')),
    )
    with op.batch_alter_table('event_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_people_person_id'), ['person_id'], unique=False)
    op.create_table(
        'informational_interviews',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('stage', sa.String(), nullable=False),
        sa.Column('learn', sa.Text(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('idea_on', sa.Date(), nullable=False),
        sa.Column('asked_on', sa.Date(), nullable=True),
        sa.Column('scheduled_for', sa.Date(), nullable=True),
        sa.Column('held_on', sa.Date(), nullable=True),
        sa.Column('thanked_on', sa.Date(), nullable=True),
        sa.Column('followed_up_on', sa.Date(), nullable=True),
        sa.Column('outcome', sa.String(), nullable=False),
        sa.Column('interaction_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['interaction_id'], ['interactions.id'],
            name=op.f('fk_informational_interviews_interaction_id_interactions'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['person_id'], ['people.id'],
            name=op.f('fk_informational_interviews_person_id_people'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_informational_interviews')),
    )
    with op.batch_alter_table('informational_interviews', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_informational_interviews_interaction_id'),
            ['interaction_id'], unique=False,
        )
        batch_op.create_index(
            batch_op.f('ix_informational_interviews_person_id'), ['person_id'], unique=False
        )
        batch_op.create_index(
            batch_op.f('ix_informational_interviews_stage'), ['stage'], unique=False
        )
    op.create_table(
        'interaction_document_versions',
        sa.Column('interaction_id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['interaction_id'], ['interactions.id'],
            name=op.f('fk_interaction_document_versions_interaction_id_interactions'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['version_id'], ['document_versions.id'],
            name=op.f('fk_interaction_document_versions_version_id_document_versions'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint(
            'interaction_id', 'version_id', name=op.f('pk_interaction_document_versions')
        ),
    )
    with op.batch_alter_table('interaction_document_versions', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_interaction_document_versions_version_id'), ['version_id'], unique=False
        )
    # SQLite cannot add a foreign key with ALTER TABLE: batch mode copies the table.
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_interactions_event_id'), ['event_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_interactions_event_id_events'),
            'events',
            ['event_id'],
            ['id'],
            ondelete='SET NULL',
        )


def downgrade() -> None:
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_interactions_event_id_events'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_interactions_event_id'))
        batch_op.drop_column('event_id')
    op.drop_table('interaction_document_versions')
    op.drop_table('informational_interviews')
    op.drop_table('event_people')
    op.drop_table('events')
    op.drop_table('group_members')
    op.drop_table('groups')
