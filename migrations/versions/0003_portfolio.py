"""portfolio: insured risks, insurance history, contracts, schedules, interactions, requests, documents

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-09

Creates every table of polyadmin/store/portfolio.py and adds `clients.status` (prospect | client,
server default 'client') and `clients.seeded` (server default false). On SQLite the two client
columns are added with a plain ALTER TABLE ADD COLUMN (NOT NULL is allowed there because each has a
default) and dropped with a plain ALTER TABLE DROP COLUMN (SQLite >= 3.35; neither column is indexed
nor constrained): no batch rebuild of `clients`, which sandboxes' rows and the journal refer to, and
journal_entries is never touched (its append-only triggers stay as they are).
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sandbox_seedings',
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('scenario_code', sa.String(length=60), nullable=False),
    sa.Column('scenario_hash', sa.String(length=64), nullable=False),
    sa.Column('scenario_document', sa.Text(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('seeded_at', polyadmin.store.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_sandbox_seedings_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('sandbox_id', name=op.f('pk_sandbox_seedings'))
    )
    op.create_table('businesses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('siret', sa.String(length=14), nullable=False),
    sa.Column('naf_code', sa.String(length=6), nullable=False),
    sa.Column('activity', sa.String(length=160), nullable=False),
    sa.Column('turnover', polyadmin.store.types.Money(), nullable=False),
    sa.Column('staff', sa.Integer(), nullable=False),
    sa.Column('address_line1', sa.String(length=160), nullable=False),
    sa.Column('postcode', sa.String(length=5), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('premises_surface', sa.Integer(), nullable=False),
    sa.Column('contents_value', polyadmin.store.types.Money(), nullable=False),
    sa.Column('seeded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_businesses_client_id_clients')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_businesses_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_businesses'))
    )
    op.create_index(op.f('ix_businesses_client_id'), 'businesses', ['client_id'], unique=False)
    op.create_index(op.f('ix_businesses_sandbox_id'), 'businesses', ['sandbox_id'], unique=False)
    op.create_table('client_relations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('related_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.CheckConstraint("kind IN ('spouse', 'child', 'parent', 'director', 'company')", name=op.f('ck_client_relations_kind')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_relations_client_id_clients')),
    sa.ForeignKeyConstraint(['related_id'], ['clients.id'], name=op.f('fk_client_relations_related_id_clients')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_client_relations_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_relations')),
    sa.UniqueConstraint('client_id', 'related_id', 'kind', name=op.f('uq_client_relations_client_id_related_id_kind'))
    )
    op.create_index(op.f('ix_client_relations_client_id'), 'client_relations', ['client_id'], unique=False)
    op.create_index(op.f('ix_client_relations_related_id'), 'client_relations', ['related_id'], unique=False)
    op.create_index(op.f('ix_client_relations_sandbox_id'), 'client_relations', ['sandbox_id'], unique=False)
    op.create_table('dwellings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('address_line1', sa.String(length=160), nullable=False),
    sa.Column('postcode', sa.String(length=5), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('dwelling_type', sa.String(length=20), nullable=False),
    sa.Column('occupancy_status', sa.String(length=30), nullable=False),
    sa.Column('residence', sa.String(length=20), nullable=False),
    sa.Column('surface', sa.Integer(), nullable=False),
    sa.Column('rooms', sa.Integer(), nullable=False),
    sa.Column('floor', sa.Integer(), nullable=False),
    sa.Column('construction_year', sa.Integer(), nullable=False),
    sa.Column('security_features', sa.JSON(), nullable=False),
    sa.Column('natural_hazard_zone', sa.String(length=20), nullable=False),
    sa.Column('contents_value', polyadmin.store.types.Money(), nullable=False),
    sa.Column('seeded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_dwellings_client_id_clients')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_dwellings_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dwellings'))
    )
    op.create_index(op.f('ix_dwellings_client_id'), 'dwellings', ['client_id'], unique=False)
    op.create_index(op.f('ix_dwellings_sandbox_id'), 'dwellings', ['sandbox_id'], unique=False)
    op.create_table('insurance_histories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('line', sa.String(length=20), nullable=False),
    sa.Column('insurer', sa.String(length=80), nullable=False),
    sa.Column('policy_number', sa.String(length=30), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('crm', polyadmin.store.types.ExactDecimal(length=24), nullable=True),
    sa.Column('statement_date', sa.Date(), nullable=True),
    sa.Column('terminated_by', sa.String(length=10), nullable=True),
    sa.Column('termination_reason', sa.String(length=30), nullable=True),
    sa.Column('seeded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_insurance_histories_client_id_clients')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_insurance_histories_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_insurance_histories'))
    )
    op.create_index(op.f('ix_insurance_histories_client_id'), 'insurance_histories', ['client_id'], unique=False)
    op.create_index(op.f('ix_insurance_histories_sandbox_id'), 'insurance_histories', ['sandbox_id'], unique=False)
    op.create_table('interactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('direction', sa.String(length=8), nullable=False),
    sa.Column('motive', sa.String(length=120), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', polyadmin.store.types.UTCDateTime(), nullable=True),
    sa.Column('seeded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_interactions_client_id_clients')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_interactions_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_interactions_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interactions'))
    )
    op.create_index('ix_interactions_client_date', 'interactions', ['client_id', 'occurred_on'], unique=False)
    op.create_index(op.f('ix_interactions_sandbox_id'), 'interactions', ['sandbox_id'], unique=False)
    op.create_table('loans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('lender', sa.String(length=80), nullable=False),
    sa.Column('capital', polyadmin.store.types.Money(), nullable=False),
    sa.Column('duration_months', sa.Integer(), nullable=False),
    sa.Column('rate_percent', polyadmin.store.types.ExactDecimal(length=24), nullable=False),
    sa.Column('purpose', sa.String(length=30), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('insured_share_percent', sa.Integer(), nullable=False),
    sa.Column('seeded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_loans_client_id_clients')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_loans_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loans'))
    )
    op.create_index(op.f('ix_loans_client_id'), 'loans', ['client_id'], unique=False)
    op.create_index(op.f('ix_loans_sandbox_id'), 'loans', ['sandbox_id'], unique=False)
    op.create_table('vehicles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('registration', sa.String(length=9), nullable=False),
    sa.Column('registration_key', sa.String(length=7), nullable=False),
    sa.Column('make', sa.String(length=40), nullable=False),
    sa.Column('model', sa.String(length=60), nullable=False),
    sa.Column('vehicle_group', sa.Integer(), nullable=False),
    sa.Column('first_registration', sa.Date(), nullable=False),
    sa.Column('energy', sa.String(length=20), nullable=False),
    sa.Column('co2_class', sa.String(length=2), nullable=False),
    sa.Column('value', polyadmin.store.types.Money(), nullable=False),
    sa.Column('usage', sa.String(length=20), nullable=False),
    sa.Column('garage_postcode', sa.String(length=5), nullable=False),
    sa.Column('annual_mileage', sa.Integer(), nullable=False),
    sa.Column('seeded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_vehicles_client_id_clients')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_vehicles_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vehicles')),
    sa.UniqueConstraint('sandbox_id', 'registration', name=op.f('uq_vehicles_sandbox_id_registration'))
    )
    op.create_index(op.f('ix_vehicles_client_id'), 'vehicles', ['client_id'], unique=False)
    op.create_index(op.f('ix_vehicles_sandbox_id'), 'vehicles', ['sandbox_id'], unique=False)
    op.create_index('ix_vehicles_sandbox_registration', 'vehicles', ['sandbox_id', 'registration_key'], unique=False)
    op.create_table('contracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('product_code', sa.String(length=30), nullable=False),
    sa.Column('product_version', sa.String(length=20), nullable=False),
    sa.Column('formula', sa.String(length=40), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('deductibles', sa.JSON(), nullable=False),
    sa.Column('frequency', sa.String(length=20), nullable=False),
    sa.Column('risk', sa.JSON(), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=True),
    sa.Column('dwelling_id', sa.Integer(), nullable=True),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('loan_id', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('next_due_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('premium_before_tax', polyadmin.store.types.Money(), nullable=False),
    sa.Column('annual_total', polyadmin.store.types.Money(), nullable=False),
    sa.Column('iban', sa.String(length=34), nullable=True),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('seeded', sa.Boolean(), nullable=False),
    sa.CheckConstraint("status IN ('active', 'suspended', 'terminated')", name=op.f('ck_contracts_status')),
    sa.ForeignKeyConstraint(['business_id'], ['businesses.id'], name=op.f('fk_contracts_business_id_businesses')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_contracts_client_id_clients')),
    sa.ForeignKeyConstraint(['dwelling_id'], ['dwellings.id'], name=op.f('fk_contracts_dwelling_id_dwellings')),
    sa.ForeignKeyConstraint(['loan_id'], ['loans.id'], name=op.f('fk_contracts_loan_id_loans')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_contracts_sandbox_id_sandboxes')),
    sa.ForeignKeyConstraint(['snapshot_id'], ['catalogue_snapshots.id'], name=op.f('fk_contracts_snapshot_id_catalogue_snapshots')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicles.id'], name=op.f('fk_contracts_vehicle_id_vehicles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contracts')),
    sa.UniqueConstraint('sandbox_id', 'number', name=op.f('uq_contracts_sandbox_id_number'))
    )
    op.create_index(op.f('ix_contracts_client_id'), 'contracts', ['client_id'], unique=False)
    op.create_index(op.f('ix_contracts_sandbox_id'), 'contracts', ['sandbox_id'], unique=False)
    op.create_table('subscription_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('product_code', sa.String(length=30), nullable=False),
    sa.Column('requested', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=True),
    sa.Column('dwelling_id', sa.Integer(), nullable=True),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('loan_id', sa.Integer(), nullable=True),
    sa.Column('case_code', sa.String(length=40), nullable=True),
    sa.Column('expected_outcome', sa.String(length=30), nullable=True),
    sa.Column('expected_notes', sa.Text(), nullable=True),
    sa.Column('seeded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['business_id'], ['businesses.id'], name=op.f('fk_subscription_requests_business_id_businesses')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_subscription_requests_client_id_clients')),
    sa.ForeignKeyConstraint(['dwelling_id'], ['dwellings.id'], name=op.f('fk_subscription_requests_dwelling_id_dwellings')),
    sa.ForeignKeyConstraint(['loan_id'], ['loans.id'], name=op.f('fk_subscription_requests_loan_id_loans')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_subscription_requests_sandbox_id_sandboxes')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicles.id'], name=op.f('fk_subscription_requests_vehicle_id_vehicles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscription_requests')),
    sa.UniqueConstraint('sandbox_id', 'number', name=op.f('uq_subscription_requests_sandbox_id_number'))
    )
    op.create_index(op.f('ix_subscription_requests_client_id'), 'subscription_requests', ['client_id'], unique=False)
    op.create_index(op.f('ix_subscription_requests_sandbox_id'), 'subscription_requests', ['sandbox_id'], unique=False)
    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('history_id', sa.Integer(), nullable=True),
    sa.Column('contract_id', sa.Integer(), nullable=True),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('liability', sa.String(length=10), nullable=False),
    sa.Column('amount', polyadmin.store.types.Money(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('seeded', sa.Boolean(), nullable=False),
    sa.CheckConstraint("liability IN ('full', 'partial', 'none')", name=op.f('ck_claims_liability')),
    sa.CheckConstraint("status IN ('open', 'closed')", name=op.f('ck_claims_status')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_claims_client_id_clients')),
    sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], name=op.f('fk_claims_contract_id_contracts')),
    sa.ForeignKeyConstraint(['history_id'], ['insurance_histories.id'], name=op.f('fk_claims_history_id_insurance_histories')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_claims_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    op.create_index(op.f('ix_claims_client_id'), 'claims', ['client_id'], unique=False)
    op.create_index(op.f('ix_claims_sandbox_id'), 'claims', ['sandbox_id'], unique=False)
    op.create_table('expert_scripts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('expert', sa.String(length=40), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('delay_days', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['subscription_requests.id'], name=op.f('fk_expert_scripts_request_id_subscription_requests')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_expert_scripts_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_scripts'))
    )
    op.create_index(op.f('ix_expert_scripts_sandbox_id'), 'expert_scripts', ['sandbox_id'], unique=False)
    op.create_table('instalments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('amount', polyadmin.store.types.Money(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('method', sa.String(length=20), nullable=True),
    sa.CheckConstraint("status IN ('due', 'paid', 'unpaid', 'cancelled')", name=op.f('ck_instalments_status')),
    sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], name=op.f('fk_instalments_contract_id_contracts')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_instalments_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instalments')),
    sa.UniqueConstraint('contract_id', 'period_start', 'number', name=op.f('uq_instalments_contract_id_period_start_number'))
    )
    op.create_index(op.f('ix_instalments_contract_id'), 'instalments', ['contract_id'], unique=False)
    op.create_index('ix_instalments_sandbox_due', 'instalments', ['sandbox_id', 'due_date'], unique=False)
    op.create_index(op.f('ix_instalments_sandbox_id'), 'instalments', ['sandbox_id'], unique=False)
    op.create_table('supporting_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('anomaly', sa.String(length=200), nullable=True),
    sa.Column('seeded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_supporting_documents_client_id_clients')),
    sa.ForeignKeyConstraint(['request_id'], ['subscription_requests.id'], name=op.f('fk_supporting_documents_request_id_subscription_requests')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_supporting_documents_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supporting_documents'))
    )
    op.create_index(op.f('ix_supporting_documents_client_id'), 'supporting_documents', ['client_id'], unique=False)
    op.create_index(op.f('ix_supporting_documents_request_id'), 'supporting_documents', ['request_id'], unique=False)
    op.create_index(op.f('ix_supporting_documents_sandbox_id'), 'supporting_documents', ['sandbox_id'], unique=False)
    op.add_column('clients', sa.Column('status', sa.String(length=10), server_default='client', nullable=False))
    op.add_column('clients', sa.Column('seeded', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    op.drop_column('clients', 'seeded')
    op.drop_column('clients', 'status')
    op.drop_index(op.f('ix_supporting_documents_sandbox_id'), table_name='supporting_documents')
    op.drop_index(op.f('ix_supporting_documents_request_id'), table_name='supporting_documents')
    op.drop_index(op.f('ix_supporting_documents_client_id'), table_name='supporting_documents')
    op.drop_table('supporting_documents')
    op.drop_index(op.f('ix_instalments_sandbox_id'), table_name='instalments')
    op.drop_index('ix_instalments_sandbox_due', table_name='instalments')
    op.drop_index(op.f('ix_instalments_contract_id'), table_name='instalments')
    op.drop_table('instalments')
    op.drop_index(op.f('ix_expert_scripts_sandbox_id'), table_name='expert_scripts')
    op.drop_table('expert_scripts')
    op.drop_index(op.f('ix_claims_sandbox_id'), table_name='claims')
    op.drop_index(op.f('ix_claims_client_id'), table_name='claims')
    op.drop_table('claims')
    op.drop_index(op.f('ix_subscription_requests_sandbox_id'), table_name='subscription_requests')
    op.drop_index(op.f('ix_subscription_requests_client_id'), table_name='subscription_requests')
    op.drop_table('subscription_requests')
    op.drop_index(op.f('ix_contracts_sandbox_id'), table_name='contracts')
    op.drop_index(op.f('ix_contracts_client_id'), table_name='contracts')
    op.drop_table('contracts')
    op.drop_index('ix_vehicles_sandbox_registration', table_name='vehicles')
    op.drop_index(op.f('ix_vehicles_sandbox_id'), table_name='vehicles')
    op.drop_index(op.f('ix_vehicles_client_id'), table_name='vehicles')
    op.drop_table('vehicles')
    op.drop_index(op.f('ix_loans_sandbox_id'), table_name='loans')
    op.drop_index(op.f('ix_loans_client_id'), table_name='loans')
    op.drop_table('loans')
    op.drop_index(op.f('ix_interactions_sandbox_id'), table_name='interactions')
    op.drop_index('ix_interactions_client_date', table_name='interactions')
    op.drop_table('interactions')
    op.drop_index(op.f('ix_insurance_histories_sandbox_id'), table_name='insurance_histories')
    op.drop_index(op.f('ix_insurance_histories_client_id'), table_name='insurance_histories')
    op.drop_table('insurance_histories')
    op.drop_index(op.f('ix_dwellings_sandbox_id'), table_name='dwellings')
    op.drop_index(op.f('ix_dwellings_client_id'), table_name='dwellings')
    op.drop_table('dwellings')
    op.drop_index(op.f('ix_client_relations_sandbox_id'), table_name='client_relations')
    op.drop_index(op.f('ix_client_relations_related_id'), table_name='client_relations')
    op.drop_index(op.f('ix_client_relations_client_id'), table_name='client_relations')
    op.drop_table('client_relations')
    op.drop_index(op.f('ix_businesses_sandbox_id'), table_name='businesses')
    op.drop_index(op.f('ix_businesses_client_id'), table_name='businesses')
    op.drop_table('businesses')
    op.drop_table('sandbox_seedings')
