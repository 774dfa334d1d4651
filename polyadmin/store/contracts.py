"""The tables of issuing contracts (C2A.4): SEPA mandates, the tasks of the services concerned, and the
idempotency keys of « émettre ».

The contracts themselves are rows of `contracts` (store/portfolio.py) with their issue columns filled.
Nothing here is seeded: a reset of the sandbox deletes these rows with the contracts the candidate
issued (`services.contracts.delete_issued`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from polyadmin.store.base import Base
from polyadmin.store.types import UTCDateTime


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
