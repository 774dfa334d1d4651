"""The tables of issuing contracts (C2A.4): SEPA mandates, the tasks of the services concerned, the
idempotency keys of « émettre »; and of their termination (résiliation, with the refund due).

The contracts themselves are rows of `contracts` (store/portfolio.py) with their issue columns filled.
Nothing here is seeded: a reset of the sandbox deletes these rows with the contracts the candidate
issued (`services.contracts.delete_issued`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from polyadmin.store.base import Base
from polyadmin.store.types import Money, UTCDateTime


class SepaMandate(Base):
    """Mandat de prélèvement SEPA (core): its unique reference (RUM), the debtor's account, its sequence."""

    __tablename__ = "sepa_mandates"
    __table_args__ = (
        UniqueConstraint("sandbox_id", "reference"),
        CheckConstraint("sequence IN ('FRST', 'RCUR')", name="sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    reference: Mapped[str] = mapped_column(String(35))  # RUM-2026-000001
    iban: Mapped[str] = mapped_column(String(34))  # compact, upper case
    bic: Mapped[str] = mapped_column(String(11))
    debtor_name: Mapped[str] = mapped_column(String(160))
    signed_on: Mapped[date] = mapped_column(Date)
    sequence: Mapped[str] = mapped_column(String(4))  # FRST until the first debit, then RCUR


class Task(Base):
    """A task for a department (encaissement, archivage…), linked to the record it is about."""

    __tablename__ = "tasks"
    __table_args__ = (CheckConstraint("status IN ('open', 'done')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    department: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(Text)
    record_type: Mapped[str] = mapped_column(String(20))  # contract
    record_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10))
    created_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class IssueKey(Base):
    """An Idempotency-Key of « émettre »: the first issue's result, replayed for the same key."""

    __tablename__ = "issue_keys"
    __table_args__ = (UniqueConstraint("sandbox_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    version_id: Mapped[int] = mapped_column(ForeignKey("quote_versions.id"))
    contract_ids: Mapped[list[int]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ContractTermination(Base):
    """Résiliation d'un contrat: the ground, the dates the candidate recorded, what the ground computed
    (date of effect, the premium period split pro rata by days), who asked for it (the policyholder, or
    a new insurer on his behalf for a Hamon / L113-16 termination). One per contract."""

    __tablename__ = "contract_terminations"
    __table_args__ = (
        UniqueConstraint("contract_id"),
        CheckConstraint(
            "ground IN ('annual', 'chatel', 'hamon', 'vehicle_sale', 'change_of_situation', 'lemoine', "
            "'withdrawal', 'insurer_claim', 'non_payment')",
            name="ground",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    ground: Mapped[str] = mapped_column(String(30))
    recorded_on: Mapped[date] = mapped_column(Date)  # the sandbox's date
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    notice_sent_on: Mapped[date | None] = mapped_column(Date)
    notice_received_on: Mapped[date | None] = mapped_column(Date)
    event_on: Mapped[date | None] = mapped_column(Date)
    notice_of_right_sent_on: Mapped[date | None] = mapped_column(Date)
    requested_by_new_insurer: Mapped[bool] = mapped_column(Boolean, default=False)
    new_insurer: Mapped[str | None] = mapped_column(String(120))
    effective_on: Mapped[date] = mapped_column(Date)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    annual_premium: Mapped[Decimal] = mapped_column(Money())
    earned: Mapped[Decimal] = mapped_column(Money())
    refund: Mapped[Decimal] = mapped_column(Money())
    reason: Mapped[str] = mapped_column(Text)
    previous_status: Mapped[str] = mapped_column(String(12))


class Refund(Base):
    """Remboursement dû au client (a payout for the collections department): the unearned premium of a
    terminated contract, due within 30 days of the date of effect."""

    __tablename__ = "refunds"
    __table_args__ = (CheckConstraint("status IN ('to_pay', 'paid', 'cancelled')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    termination_id: Mapped[int] = mapped_column(ForeignKey("contract_terminations.id"))
    amount: Mapped[Decimal] = mapped_column(Money())
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))  # to_pay « à payer » | paid | cancelled
    created_on: Mapped[date] = mapped_column(Date)


class Endorsement(Base):
    """Avenant: a version of a contract from its date of effect (version 1 is the contract as issued). Keeps
    the terms before and after, the premiums before and after, the difference pro rata by days and how it
    was settled, so that the latest one can be cancelled and the contract's state at any date read."""

    __tablename__ = "endorsements"
    __table_args__ = (
        UniqueConstraint("contract_id", "version"),
        CheckConstraint("status IN ('active', 'cancelled')", name="status"),
        CheckConstraint("settlement IN ('instalments', 'notice', 'refund', 'none')", name="settlement"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)  # 2, 3… (1 is the contract as issued)
    effective_on: Mapped[date] = mapped_column(Date)
    recorded_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(10))
    justification: Mapped[str | None] = mapped_column(Text)
    terms_before: Mapped[dict[str, Any]] = mapped_column(JSON)
    terms_after: Mapped[dict[str, Any]] = mapped_column(JSON)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # [{field, label, before, after}]
    pricing_before: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the contract's frozen pricing
    premium_before: Mapped[Decimal] = mapped_column(Money())
    total_before: Mapped[Decimal] = mapped_column(Money())
    premium_after: Mapped[Decimal] = mapped_column(Money())
    total_after: Mapped[Decimal] = mapped_column(Money())
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    remaining_days: Mapped[int] = mapped_column(Integer)
    days: Mapped[int] = mapped_column(Integer)
    annual_difference: Mapped[Decimal] = mapped_column(Money())
    difference_before_tax: Mapped[Decimal] = mapped_column(Money())
    difference_taxes: Mapped[Decimal] = mapped_column(Money())
    difference_total: Mapped[Decimal] = mapped_column(Money())
    settlement: Mapped[str] = mapped_column(String(12))
    settled: Mapped[dict[str, Any]] = mapped_column(JSON)  # instalments changed, notice instalment, task
    cancelled_on: Mapped[date | None] = mapped_column(Date)
