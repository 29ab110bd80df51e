"""a mock interview with a contact links the interaction it logged

Revision ID: 0002_mock_interview_interaction
Revises: 0001_initial
Create Date: 2026-11-29

Interviews already stored keep `interaction_id` NULL: no past interaction is invented.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002_mock_interview_interaction'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite cannot add a foreign key with ALTER TABLE: batch mode copies the table.
    with op.batch_alter_table('mock_interviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interaction_id', sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f('ix_mock_interviews_interaction_id'), ['interaction_id'], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_mock_interviews_interaction_id_interactions'),
            'interactions',
            ['interaction_id'],
            ['id'],
            ondelete='SET NULL',
        )


def downgrade() -> None:
    with op.batch_alter_table('mock_interviews', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_mock_interviews_interaction_id_interactions'), type_='foreignkey'
        )
        batch_op.drop_index(batch_op.f('ix_mock_interviews_interaction_id'))
        batch_op.drop_column('interaction_id')
