"""scripts: the simulated client's replies to requests for documents, expert verdicts, expected missing documents

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02

Creates `document_scripts` (a planted case's scripted replies, seeded with the portfolio) and adds
nullable columns: `subscription_requests.expected_missing` (evaluators only), `expert_scripts.verdict`
and `document_requests.received` (the codes the simulated client has sent). Adding nullable columns
needs no batch rebuild on SQLite.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_scripts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('document_code', sa.String(length=40), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('delay_days', sa.Integer(), nullable=True),
    sa.Column('document', sa.JSON(), nullable=True),
    sa.CheckConstraint("outcome IN ('arrives', 'arrives_wrong', 'never')", name=op.f('ck_document_scripts_outcome')),
    sa.ForeignKeyConstraint(['request_id'], ['subscription_requests.id'], name=op.f('fk_document_scripts_request_id_subscription_requests')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_document_scripts_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_scripts'))
    )
    with op.batch_alter_table('document_scripts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_scripts_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_scripts_sandbox_id'), ['sandbox_id'], unique=False)

    op.add_column('subscription_requests', sa.Column('expected_missing', sa.JSON(), nullable=True))
    op.add_column('expert_scripts', sa.Column('verdict', sa.String(length=24), nullable=True))
    op.add_column('document_requests', sa.Column('received', sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column('document_requests', 'received')
    op.drop_column('expert_scripts', 'verdict')
    op.drop_column('subscription_requests', 'expected_missing')
    with op.batch_alter_table('document_scripts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_scripts_sandbox_id'))
        batch_op.drop_index(batch_op.f('ix_document_scripts_request_id'))

    op.drop_table('document_scripts')
