"""payments received and the client's account ledger

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02

New tables payments (an encaissement on a contract: method, amount in cents, date, reference, its
Idempotency-Key unique per sandbox) and ledger_movements (the client's account: signed movements, + a
payment, − an allocation to an instalment, − a refund paid). See polyadmin/store/payments.py.
Plain CREATE TABLE on both databases (no batch rebuild of an existing table).
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sandbox_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("amount", polyadmin.store.types.Money(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=True),
        sa.Column("idempotency_key", sa.String(length=100), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", polyadmin.store.types.UTCDateTime(), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payments_amount")),
        sa.CheckConstraint("method IN ('carte', 'cheque', 'virement', 'prelevement')", name=op.f("ck_payments_method")),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], name=op.f("fk_payments_client_id_clients")),
        sa.ForeignKeyConstraint(["contract_id"], ["contracts.id"], name=op.f("fk_payments_contract_id_contracts")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], name=op.f("fk_payments_recorded_by_id_users")),
        sa.ForeignKeyConstraint(["sandbox_id"], ["sandboxes.id"], name=op.f("fk_payments_sandbox_id_sandboxes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("sandbox_id", "idempotency_key", name=op.f("uq_payments_sandbox_id_idempotency_key")),
    )
    op.create_index(op.f("ix_payments_sandbox_id"), "payments", ["sandbox_id"], unique=False)
    op.create_index(op.f("ix_payments_client_id"), "payments", ["client_id"], unique=False)
    op.create_index(op.f("ix_payments_contract_id"), "payments", ["contract_id"], unique=False)
    op.create_table(
        "ledger_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sandbox_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("payment_id", sa.Integer(), nullable=True),
        sa.Column("instalment_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("amount", polyadmin.store.types.Money(), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.CheckConstraint("kind IN ('payment', 'allocation', 'refund')", name=op.f("ck_ledger_movements_kind")),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], name=op.f("fk_ledger_movements_client_id_clients")),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_ledger_movements_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["instalment_id"], ["instalments.id"], name=op.f("fk_ledger_movements_instalment_id_instalments")
        ),
        sa.ForeignKeyConstraint(["payment_id"], ["payments.id"], name=op.f("fk_ledger_movements_payment_id_payments")),
        sa.ForeignKeyConstraint(
            ["sandbox_id"], ["sandboxes.id"], name=op.f("fk_ledger_movements_sandbox_id_sandboxes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_movements")),
    )
    for column in ("sandbox_id", "client_id", "contract_id", "payment_id", "instalment_id"):
        op.create_index(op.f(f"ix_ledger_movements_{column}"), "ledger_movements", [column], unique=False)


def downgrade() -> None:
    for column in ("instalment_id", "payment_id", "contract_id", "client_id", "sandbox_id"):
        op.drop_index(op.f(f"ix_ledger_movements_{column}"), table_name="ledger_movements")
    op.drop_table("ledger_movements")
    op.drop_index(op.f("ix_payments_contract_id"), table_name="payments")
    op.drop_index(op.f("ix_payments_client_id"), table_name="payments")
    op.drop_index(op.f("ix_payments_sandbox_id"), table_name="payments")
    op.drop_table("payments")
