"""offers: needs records, quotes, their versions and lines

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

New tables only (nothing seeded lives in them); see polyadmin/store/offers.py.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('needs_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('recommendations', sa.JSON(), nullable=False),
    sa.Column('budget_monthly', polyadmin.store.types.Money(), nullable=True),
    sa.Column('accessible_formats', sa.Boolean(), nullable=False),
    sa.Column('eco_interest', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_needs_records_client_id_clients')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_needs_records_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['subscription_requests.id'], name=op.f('fk_needs_records_request_id_subscription_requests')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_needs_records_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needs_records'))
    )
    with op.batch_alter_table('needs_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_needs_records_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_records_sandbox_id'), ['sandbox_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('needs_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_quotes_client_id_clients')),
    sa.ForeignKeyConstraint(['needs_id'], ['needs_records.id'], name=op.f('fk_quotes_needs_id_needs_records')),
    sa.ForeignKeyConstraint(['request_id'], ['subscription_requests.id'], name=op.f('fk_quotes_request_id_subscription_requests')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_quotes_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes')),
    sa.UniqueConstraint('sandbox_id', 'number', name=op.f('uq_quotes_sandbox_id_number'))
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_sandbox_id'), ['sandbox_id'], unique=False)

    op.create_table('quote_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('quote_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('discount_total', polyadmin.store.types.Money(), nullable=False),
    sa.Column('total', polyadmin.store.types.Money(), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('agreement_channel', sa.String(length=20), nullable=True),
    sa.Column('signature_mode', sa.String(length=20), nullable=True),
    sa.Column('distance_selling', sa.Boolean(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'proposed', 'accepted', 'superseded', 'expired', 'refused', 'issued')", name=op.f('ck_quote_versions_status')),
    sa.ForeignKeyConstraint(['quote_id'], ['quotes.id'], name=op.f('fk_quote_versions_quote_id_quotes')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_quote_versions_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_versions')),
    sa.UniqueConstraint('quote_id', 'version', name=op.f('uq_quote_versions_quote_id_version'))
    )
    with op.batch_alter_table('quote_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_versions_quote_id'), ['quote_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_versions_sandbox_id'), ['sandbox_id'], unique=False)

    op.create_table('quote_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('alternative_of', sa.Integer(), nullable=True),
    sa.Column('chosen', sa.Boolean(), nullable=False),
    sa.Column('product_code', sa.String(length=30), nullable=False),
    sa.Column('product_version', sa.String(length=20), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('formula', sa.String(length=40), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('deductibles', sa.JSON(), nullable=False),
    sa.Column('frequency', sa.String(length=20), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('risk', sa.JSON(), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=True),
    sa.Column('dwelling_id', sa.Integer(), nullable=True),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('loan_id', sa.Integer(), nullable=True),
    sa.Column('conditions', sa.JSON(), nullable=False),
    sa.Column('pricing', sa.JSON(), nullable=False),
    sa.Column('premium_before_tax', polyadmin.store.types.Money(), nullable=False),
    sa.Column('discount', polyadmin.store.types.Money(), nullable=False),
    sa.Column('taxes', polyadmin.store.types.Money(), nullable=False),
    sa.Column('total', polyadmin.store.types.Money(), nullable=False),
    sa.ForeignKeyConstraint(['business_id'], ['businesses.id'], name=op.f('fk_quote_lines_business_id_businesses')),
    sa.ForeignKeyConstraint(['dwelling_id'], ['dwellings.id'], name=op.f('fk_quote_lines_dwelling_id_dwellings')),
    sa.ForeignKeyConstraint(['loan_id'], ['loans.id'], name=op.f('fk_quote_lines_loan_id_loans')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_quote_lines_sandbox_id_sandboxes')),
    sa.ForeignKeyConstraint(['snapshot_id'], ['catalogue_snapshots.id'], name=op.f('fk_quote_lines_snapshot_id_catalogue_snapshots')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicles.id'], name=op.f('fk_quote_lines_vehicle_id_vehicles')),
    sa.ForeignKeyConstraint(['version_id'], ['quote_versions.id'], name=op.f('fk_quote_lines_version_id_quote_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_lines')),
    sa.UniqueConstraint('version_id', 'position', name=op.f('uq_quote_lines_version_id_position'))
    )
    with op.batch_alter_table('quote_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_lines_sandbox_id'), ['sandbox_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_lines_version_id'), ['version_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('quote_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_lines_version_id'))
        batch_op.drop_index(batch_op.f('ix_quote_lines_sandbox_id'))

    op.drop_table('quote_lines')
    with op.batch_alter_table('quote_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_versions_sandbox_id'))
        batch_op.drop_index(batch_op.f('ix_quote_versions_quote_id'))

    op.drop_table('quote_versions')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_sandbox_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_request_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_client_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('needs_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_needs_records_sandbox_id'))
        batch_op.drop_index(batch_op.f('ix_needs_records_client_id'))

    op.drop_table('needs_records')
