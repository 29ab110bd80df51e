"""imported interactions remember where they came from

Revision ID: 0003_interaction_sources
Revises: 0002_mock_interview_interaction
Create Date: 2026-12-07

History imports (LinkedIn messages, mail, calendars) key each interaction by channel and
source key, so importing the same export twice doubles nothing. Interactions already
stored have no source: they were logged by hand.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003_interaction_sources'
down_revision = '0002_mock_interview_interaction'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'interaction_sources',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('interaction_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(), nullable=False),
        sa.Column('key', sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ['interaction_id'],
            ['interactions.id'],
            name=op.f('fk_interaction_sources_interaction_id_interactions'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_interaction_sources')),
        sa.UniqueConstraint('channel', 'key', name='uq_interaction_sources_channel_key'),
    )
    with op.batch_alter_table('interaction_sources', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_interaction_sources_interaction_id'), ['interaction_id'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('interaction_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interaction_sources_interaction_id'))
    op.drop_table('interaction_sources')
