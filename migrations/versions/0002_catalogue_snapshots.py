"""catalogue snapshots, pinned by each exam session

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

On SQLite the new column is added with a plain ALTER TABLE (a NULL column with an inline REFERENCES
clause is allowed there): a batch rebuild of exam_sessions would fail once sandboxes refer to it, and
journal_entries is never touched (its append-only triggers stay as they are). Sessions opened before
this revision keep a NULL snapshot until one is pinned (services.catalogue.pin_catalogue).
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

FK_NAME = 'fk_exam_sessions_catalogue_snapshot_id_catalogue_snapshots'
INDEX_NAME = 'ix_exam_sessions_catalogue_snapshot_id'


def upgrade() -> None:
    op.create_table('catalogue_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.Column('products', sa.Text(), nullable=False),
    sa.Column('loaded_at', polyadmin.store.types.UTCDateTime(), nullable=False),
    sa.Column('loaded_by_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['loaded_by_id'], ['users.id'], name=op.f('fk_catalogue_snapshots_loaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_snapshots')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_catalogue_snapshots_content_hash'))
    )
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(
            'ALTER TABLE exam_sessions ADD COLUMN catalogue_snapshot_id INTEGER '
            f'CONSTRAINT {FK_NAME} REFERENCES catalogue_snapshots (id)'
        )
    else:
        op.add_column('exam_sessions', sa.Column('catalogue_snapshot_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f(FK_NAME), 'exam_sessions', 'catalogue_snapshots', ['catalogue_snapshot_id'], ['id'])
    op.create_index(op.f(INDEX_NAME), 'exam_sessions', ['catalogue_snapshot_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f(INDEX_NAME), table_name='exam_sessions')
    if op.get_bind().dialect.name == 'sqlite':
        _drop_snapshot_column_on_sqlite()
    else:
        op.drop_constraint(op.f(FK_NAME), 'exam_sessions', type_='foreignkey')
        op.drop_column('exam_sessions', 'catalogue_snapshot_id')
    op.drop_table('catalogue_snapshots')


def _drop_snapshot_column_on_sqlite() -> None:
    """SQLite cannot drop a column that carries a foreign key, and a batch rebuild (copy, drop, rename)
    fails once sandboxes refer to the sessions. So: keep the rows aside, re-create exam_sessions as
    revision 0001 made it and put the rows back, with foreign keys checked at commit (every sandbox
    finds its session again). journal_entries is not touched."""
    columns = 'id, name, scenario, starts_on, ends_on, owner_id, created_at'
    op.execute('PRAGMA defer_foreign_keys = ON')
    op.execute(f'CREATE TABLE _kept_exam_sessions AS SELECT {columns} FROM exam_sessions')
    op.drop_index('ix_exam_sessions_owner_id', table_name='exam_sessions')
    op.drop_table('exam_sessions')
    op.create_table('exam_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('scenario', sa.String(length=80), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('created_at', polyadmin.store.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name='fk_exam_sessions_owner_id_users'),
    sa.PrimaryKeyConstraint('id', name='pk_exam_sessions')
    )
    op.create_index('ix_exam_sessions_owner_id', 'exam_sessions', ['owner_id'], unique=False)
    op.execute(f'INSERT INTO exam_sessions ({columns}) SELECT {columns} FROM _kept_exam_sessions')
    op.execute('DROP TABLE _kept_exam_sessions')
