"""accounts: sessions that end, sign-in throttling, last sign-in

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

Adds `users.session_generation` (server default 0: every existing session is still valid until its
next sign-out, password change or disabling), `users.last_login_at`, and the `login_throttles`
table (failed sign-ins in a row per account and per client address, shared by every worker).

On SQLite the two user columns are added with a plain ALTER TABLE ADD COLUMN and dropped with a
plain ALTER TABLE DROP COLUMN (SQLite >= 3.35; neither column is indexed nor constrained): no batch
rebuild of `users`, which almost every table refers to; journal_entries is never touched.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_throttles',
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', polyadmin.store.types.UTCDateTime(), nullable=True),
    sa.Column('locked_until', polyadmin.store.types.UTCDateTime(), nullable=True),
    sa.CheckConstraint("scope IN ('account', 'address')", name=op.f('ck_login_throttles_scope')),
    sa.PrimaryKeyConstraint('scope', 'key', name=op.f('pk_login_throttles'))
    )
    op.add_column('users', sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))
    op.add_column('users', sa.Column('last_login_at', polyadmin.store.types.UTCDateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column('users', 'last_login_at')
    op.drop_column('users', 'session_generation')
    op.drop_table('login_throttles')
