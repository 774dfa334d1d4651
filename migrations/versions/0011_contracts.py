"""contracts issued: agreement, mandates, tasks, idempotency keys

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

New tables sepa_mandates (mandate reference unique per sandbox), tasks (the services' « tâches ») and
issue_keys (Idempotency-Key of « émettre »); the contracts table gains its issue columns (quote line,
first term, tacit renewal, payment method, withdrawal period, agreement, frozen pricing, mandate), null
on seeded contracts. See polyadmin/store/contracts.py and store/portfolio.py.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = '0011'
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('department', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('record_type', sa.String(length=20), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('open', 'done')", name=op.f('ck_tasks_status')),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_tasks_closed_by_id_users')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_tasks_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tasks'))
    )
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tasks_sandbox_id'), ['sandbox_id'], unique=False)

    op.create_table('sepa_mandates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=35), nullable=False),
    sa.Column('iban', sa.String(length=34), nullable=False),
    sa.Column('bic', sa.String(length=11), nullable=False),
    sa.Column('debtor_name', sa.String(length=160), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('sequence', sa.String(length=4), nullable=False),
    sa.CheckConstraint("sequence IN ('FRST', 'RCUR')", name=op.f('ck_sepa_mandates_sequence')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_sepa_mandates_client_id_clients')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_sepa_mandates_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sepa_mandates')),
    sa.UniqueConstraint('sandbox_id', 'reference', name=op.f('uq_sepa_mandates_sandbox_id_reference'))
    )
    with op.batch_alter_table('sepa_mandates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sepa_mandates_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sepa_mandates_sandbox_id'), ['sandbox_id'], unique=False)

    op.create_table('issue_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('contract_ids', sa.JSON(), nullable=False),
    sa.Column('created_at', polyadmin.store.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_issue_keys_sandbox_id_sandboxes')),
    sa.ForeignKeyConstraint(['version_id'], ['quote_versions.id'], name=op.f('fk_issue_keys_version_id_quote_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issue_keys')),
    sa.UniqueConstraint('sandbox_id', 'key', name=op.f('uq_issue_keys_sandbox_id_key'))
    )
    with op.batch_alter_table('issue_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issue_keys_sandbox_id'), ['sandbox_id'], unique=False)

    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quote_line_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('term_end', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('tacit_renewal', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('payment_method', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('withdrawal_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('agreed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('agreement_channel', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('signature_mode', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('distance_selling', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('pricing', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('mandate_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_contracts_quote_line_id'), ['quote_line_id'])
        batch_op.create_foreign_key(batch_op.f('fk_contracts_mandate_id_sepa_mandates'), 'sepa_mandates', ['mandate_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_contracts_quote_line_id_quote_lines'), 'quote_lines', ['quote_line_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_contracts_quote_line_id_quote_lines'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_contracts_mandate_id_sepa_mandates'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_contracts_quote_line_id'), type_='unique')
        batch_op.drop_column('mandate_id')
        batch_op.drop_column('pricing')
        batch_op.drop_column('distance_selling')
        batch_op.drop_column('signature_mode')
        batch_op.drop_column('agreement_channel')
        batch_op.drop_column('agreed_on')
        batch_op.drop_column('withdrawal_until')
        batch_op.drop_column('payment_method')
        batch_op.drop_column('tacit_renewal')
        batch_op.drop_column('term_end')
        batch_op.drop_column('quote_line_id')

    with op.batch_alter_table('issue_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issue_keys_sandbox_id'))

    op.drop_table('issue_keys')
    with op.batch_alter_table('sepa_mandates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sepa_mandates_sandbox_id'))
        batch_op.drop_index(batch_op.f('ix_sepa_mandates_client_id'))

    op.drop_table('sepa_mandates')
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tasks_sandbox_id'))

    op.drop_table('tasks')
