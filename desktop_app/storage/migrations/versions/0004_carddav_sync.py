"""CardDAV and vdir sync: accounts, address books, the cards as last synced, conflicts

Revision ID: 0004_carddav_sync
Revises: 0003_interaction_sources
Create Date: 2026-12-07

New tables only (docs/sync.md). `sync_items.person_id` is SET NULL when a person is
deleted: that is how the next sync learns of a deletion made in Trellis.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_carddav_sync'
down_revision = '0003_interaction_sources'
branch_labels = None
depends_on = None


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


def downgrade() -> None:
    op.drop_table('sync_conflicts')
    with op.batch_alter_table('sync_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_items_person_id'))
        batch_op.drop_index(batch_op.f('ix_sync_items_address_book_id'))
    op.drop_table('sync_items')
    with op.batch_alter_table('sync_address_books', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_address_books_account_id'))
    op.drop_table('sync_address_books')
    op.drop_table('sync_accounts')
