"""contract endorsements (avenants): the versions of a contract

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02

New table endorsements: one row per version of a contract after its issue (terms before and after,
premiums before and after, the difference pro rata by days and its settlement, status active or
cancelled). See polyadmin/store/contracts.py `Endorsement`. Plain CREATE TABLE on both databases.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "endorsements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sandbox_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("terms_before", sa.JSON(), nullable=False),
        sa.Column("terms_after", sa.JSON(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("pricing_before", sa.JSON(), nullable=True),
        sa.Column("premium_before", polyadmin.store.types.Money(), nullable=False),
        sa.Column("total_before", polyadmin.store.types.Money(), nullable=False),
        sa.Column("premium_after", polyadmin.store.types.Money(), nullable=False),
        sa.Column("total_after", polyadmin.store.types.Money(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("remaining_days", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("annual_difference", polyadmin.store.types.Money(), nullable=False),
        sa.Column("difference_before_tax", polyadmin.store.types.Money(), nullable=False),
        sa.Column("difference_taxes", polyadmin.store.types.Money(), nullable=False),
        sa.Column("difference_total", polyadmin.store.types.Money(), nullable=False),
        sa.Column("settlement", sa.String(length=12), nullable=False),
        sa.Column("settled", sa.JSON(), nullable=False),
        sa.Column("cancelled_on", sa.Date(), nullable=True),
        sa.CheckConstraint("status IN ('active', 'cancelled')", name=op.f("ck_endorsements_status")),
        sa.CheckConstraint(
            "settlement IN ('instalments', 'notice', 'refund', 'none')", name=op.f("ck_endorsements_settlement")
        ),
        sa.ForeignKeyConstraint(["contract_id"], ["contracts.id"], name=op.f("fk_endorsements_contract_id_contracts")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], name=op.f("fk_endorsements_recorded_by_id_users")),
        sa.ForeignKeyConstraint(["sandbox_id"], ["sandboxes.id"], name=op.f("fk_endorsements_sandbox_id_sandboxes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endorsements")),
        sa.UniqueConstraint("contract_id", "version", name=op.f("uq_endorsements_contract_id_version")),
    )
    op.create_index(op.f("ix_endorsements_sandbox_id"), "endorsements", ["sandbox_id"], unique=False)
    op.create_index(op.f("ix_endorsements_contract_id"), "endorsements", ["contract_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_endorsements_contract_id"), table_name="endorsements")
    op.drop_index(op.f("ix_endorsements_sandbox_id"), table_name="endorsements")
    op.drop_table("endorsements")
