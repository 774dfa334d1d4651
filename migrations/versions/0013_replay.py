"""replay: the record changes of each journal entry and the seeded state of each sandbox

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

New tables only: `record_changes` (the rows each action inserted, updated or deleted) and
`replay_baselines` (a sandbox's state right after its seeding or reset); see polyadmin/store/replay.py.
Sandboxes seeded before this revision have no baseline: their replay reports a divergence.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = '0013'
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('record_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stream', sa.String(length=40), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('op', sa.String(length=6), nullable=False),
    sa.Column('before', polyadmin.store.types.CanonicalJSON(), nullable=True),
    sa.Column('after', polyadmin.store.types.CanonicalJSON(), nullable=True),
    sa.CheckConstraint("op IN ('insert', 'update', 'delete')", name=op.f('ck_record_changes_op')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_changes')),
    sa.UniqueConstraint('stream', 'seq', 'position', name=op.f('uq_record_changes_stream_seq_position'))
    )
    op.create_table('replay_baselines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stream', sa.String(length=40), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('state', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_replay_baselines')),
    sa.UniqueConstraint('stream', 'seq', name=op.f('uq_replay_baselines_stream_seq'))
    )


def downgrade() -> None:
    op.drop_table('replay_baselines')
    op.drop_table('record_changes')
