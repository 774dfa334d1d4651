"""contract terminations and the refunds due

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02

New tables contract_terminations (one per contract: ground, dates, date of effect, the premium period
split pro rata by days, who asked) and refunds (the unearned premium to pay back, a payout for the
collections department: amount in cents, due date, status « à payer »). See polyadmin/store/contracts.py.
Plain CREATE TABLE on both databases (no batch rebuild of an existing table).
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

GROUNDS = (
    "ground IN ('annual', 'chatel', 'hamon', 'vehicle_sale', 'change_of_situation', 'lemoine', "
    "'withdrawal', 'insurer_claim', 'non_payment')"
)


def upgrade() -> None:
    op.create_table(
        "contract_terminations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sandbox_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("ground", sa.String(length=30), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("notice_sent_on", sa.Date(), nullable=True),
        sa.Column("notice_received_on", sa.Date(), nullable=True),
        sa.Column("event_on", sa.Date(), nullable=True),
        sa.Column("notice_of_right_sent_on", sa.Date(), nullable=True),
        sa.Column("requested_by_new_insurer", sa.Boolean(), nullable=False),
        sa.Column("new_insurer", sa.String(length=120), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("annual_premium", polyadmin.store.types.Money(), nullable=False),
        sa.Column("earned", polyadmin.store.types.Money(), nullable=False),
        sa.Column("refund", polyadmin.store.types.Money(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("previous_status", sa.String(length=12), nullable=False),
        sa.CheckConstraint(GROUNDS, name=op.f("ck_contract_terminations_ground")),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_contract_terminations_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_contract_terminations_recorded_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["sandbox_id"], ["sandboxes.id"], name=op.f("fk_contract_terminations_sandbox_id_sandboxes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_terminations")),
        sa.UniqueConstraint("contract_id", name=op.f("uq_contract_terminations_contract_id")),
    )
    op.create_index(op.f("ix_contract_terminations_sandbox_id"), "contract_terminations", ["sandbox_id"], unique=False)
    op.create_table(
        "refunds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sandbox_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("termination_id", sa.Integer(), nullable=False),
        sa.Column("amount", polyadmin.store.types.Money(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.CheckConstraint("status IN ('to_pay', 'paid', 'cancelled')", name=op.f("ck_refunds_status")),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], name=op.f("fk_refunds_client_id_clients")),
        sa.ForeignKeyConstraint(["contract_id"], ["contracts.id"], name=op.f("fk_refunds_contract_id_contracts")),
        sa.ForeignKeyConstraint(["sandbox_id"], ["sandboxes.id"], name=op.f("fk_refunds_sandbox_id_sandboxes")),
        sa.ForeignKeyConstraint(
            ["termination_id"],
            ["contract_terminations.id"],
            name=op.f("fk_refunds_termination_id_contract_terminations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refunds")),
    )
    op.create_index(op.f("ix_refunds_sandbox_id"), "refunds", ["sandbox_id"], unique=False)
    op.create_index(op.f("ix_refunds_client_id"), "refunds", ["client_id"], unique=False)
    op.create_index(op.f("ix_refunds_contract_id"), "refunds", ["contract_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_refunds_contract_id"), table_name="refunds")
    op.drop_index(op.f("ix_refunds_client_id"), table_name="refunds")
    op.drop_index(op.f("ix_refunds_sandbox_id"), table_name="refunds")
    op.drop_table("refunds")
    op.drop_index(op.f("ix_contract_terminations_sandbox_id"), table_name="contract_terminations")
    op.drop_table("contract_terminations")
