"""client documents: the documents edited for a client and their life (C1.9)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

One new table, client_documents (polyadmin/store/client_documents.py): kind, title, source record,
version and PDF fingerprint, status edited → transmitted → received, channel and dates, reminders.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = '0010'
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('client_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=True),
    sa.Column('signature_required', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('edited_on', sa.Date(), nullable=False),
    sa.Column('edited_at', polyadmin.store.types.UTCDateTime(), nullable=False),
    sa.Column('edited_by_id', sa.Integer(), nullable=True),
    sa.Column('transmitted_channel', sa.String(length=24), nullable=True),
    sa.Column('transmitted_on', sa.Date(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('reminders', sa.Integer(), nullable=False),
    sa.Column('last_reminder_on', sa.Date(), nullable=True),
    sa.CheckConstraint("status IN ('edited', 'transmitted', 'received')", name=op.f('ck_client_documents_status')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_documents_client_id_clients')),
    sa.ForeignKeyConstraint(['edited_by_id'], ['users.id'], name=op.f('fk_client_documents_edited_by_id_users')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_client_documents_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_documents')),
    sa.UniqueConstraint('sandbox_id', 'kind', 'record_type', 'record_id', 'version', name='uq_client_documents_edition')
    )
    with op.batch_alter_table('client_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_documents_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_client_documents_sandbox_id'), ['sandbox_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('client_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_documents_sandbox_id'))
        batch_op.drop_index(batch_op.f('ix_client_documents_client_id'))

    op.drop_table('client_documents')
