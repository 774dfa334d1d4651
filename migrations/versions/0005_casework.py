"""casework: document checks, document requests, referrals, decisions, non-conformities, consultations

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

Creates the tables of polyadmin/store/casework.py (the candidate's work on subscription requests).
New tables only: no batch rebuild of an existing table, and journal_entries is not touched.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('documents', sa.JSON(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('reminders', sa.Integer(), nullable=False),
    sa.Column('last_reminder_on', sa.Date(), nullable=True),
    sa.CheckConstraint("status IN ('en_attente', 'recue', 'incomplete', 'relancee')", name=op.f('ck_document_requests_status')),
    sa.ForeignKeyConstraint(['request_id'], ['subscription_requests.id'], name=op.f('fk_document_requests_request_id_subscription_requests')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_document_requests_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_requests'))
    )
    with op.batch_alter_table('document_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_requests_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_requests_sandbox_id'), ['sandbox_id'], unique=False)

    op.create_table('referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('expert', sa.String(length=30), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('elements', sa.JSON(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('answer_due', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('reminders', sa.Integer(), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('verdict', sa.String(length=24), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('envoyee', 'relancee', 'repondue')", name=op.f('ck_referrals_status')),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_referrals_answered_by_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['subscription_requests.id'], name=op.f('fk_referrals_request_id_subscription_requests')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_referrals_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    sa.UniqueConstraint('sandbox_id', 'number', name=op.f('uq_referrals_sandbox_id_number'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_sandbox_id'), ['sandbox_id'], unique=False)

    op.create_table('request_consultations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('what', sa.String(length=20), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('consulted_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['subscription_requests.id'], name=op.f('fk_request_consultations_request_id_subscription_requests')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_request_consultations_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_consultations')),
    sa.UniqueConstraint('request_id', 'what', 'document_id', name=op.f('uq_request_consultations_request_id_what_document_id'))
    )
    with op.batch_alter_table('request_consultations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_consultations_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_request_consultations_sandbox_id'), ['sandbox_id'], unique=False)

    op.create_table('request_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('conditions', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('justification', sa.Text(), nullable=True),
    sa.Column('alternative', sa.Text(), nullable=True),
    sa.Column('overridden', sa.JSON(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.CheckConstraint("outcome IN ('accept', 'accept_conditions', 'decline')", name=op.f('ck_request_decisions_outcome')),
    sa.ForeignKeyConstraint(['request_id'], ['subscription_requests.id'], name=op.f('fk_request_decisions_request_id_subscription_requests')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_request_decisions_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_decisions')),
    sa.UniqueConstraint('request_id', name=op.f('uq_request_decisions_request_id'))
    )
    with op.batch_alter_table('request_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_decisions_sandbox_id'), ['sandbox_id'], unique=False)

    op.create_table('document_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('document_kind', sa.String(length=40), nullable=False),
    sa.Column('verdict', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.CheckConstraint("verdict IN ('conforme', 'non_conforme', 'manquant', 'perime')", name=op.f('ck_document_checks_verdict')),
    sa.ForeignKeyConstraint(['document_id'], ['supporting_documents.id'], name=op.f('fk_document_checks_document_id_supporting_documents')),
    sa.ForeignKeyConstraint(['request_id'], ['subscription_requests.id'], name=op.f('fk_document_checks_request_id_subscription_requests')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_document_checks_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_checks'))
    )
    with op.batch_alter_table('document_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_checks_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_checks_sandbox_id'), ['sandbox_id'], unique=False)

    op.create_table('non_conformities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('handling', sa.Text(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_non_conformities_client_id_clients')),
    sa.ForeignKeyConstraint(['document_id'], ['supporting_documents.id'], name=op.f('fk_non_conformities_document_id_supporting_documents')),
    sa.ForeignKeyConstraint(['request_id'], ['subscription_requests.id'], name=op.f('fk_non_conformities_request_id_subscription_requests')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_non_conformities_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_non_conformities'))
    )
    with op.batch_alter_table('non_conformities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_non_conformities_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_non_conformities_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_non_conformities_sandbox_id'), ['sandbox_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('non_conformities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_non_conformities_sandbox_id'))
        batch_op.drop_index(batch_op.f('ix_non_conformities_request_id'))
        batch_op.drop_index(batch_op.f('ix_non_conformities_client_id'))

    op.drop_table('non_conformities')
    with op.batch_alter_table('document_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_checks_sandbox_id'))
        batch_op.drop_index(batch_op.f('ix_document_checks_request_id'))

    op.drop_table('document_checks')
    with op.batch_alter_table('request_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_decisions_sandbox_id'))

    op.drop_table('request_decisions')
    with op.batch_alter_table('request_consultations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_consultations_sandbox_id'))
        batch_op.drop_index(batch_op.f('ix_request_consultations_request_id'))

    op.drop_table('request_consultations')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_sandbox_id'))
        batch_op.drop_index(batch_op.f('ix_referrals_request_id'))

    op.drop_table('referrals')
    with op.batch_alter_table('document_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_requests_sandbox_id'))
        batch_op.drop_index(batch_op.f('ix_document_requests_request_id'))

    op.drop_table('document_requests')
