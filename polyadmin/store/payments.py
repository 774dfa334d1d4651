"""The tables of encaissements (C2A.4): payments received on a contract and the client's account ledger.

`payments` holds each payment as received (method, amount in cents, date on the sandbox clock, the
reference given, the Idempotency-Key that recorded it: unique per sandbox). `ledger_movements` is the
client's account (compte client): signed movements, + a payment, − its allocation to an instalment, − a
refund paid; the balance of a client (or of a contract) is the sum of its rows, the credit not yet applied.
What an instalment has received is the sum of its allocations (`instalments.status` becomes « paid » when
nothing remains due). Nothing here is seeded: a reset deletes these rows (`services.payments.delete_payments`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from polyadmin.store.base import Base
from polyadmin.store.types import Money, UTCDateTime


class Payment(Base):
    """Encaissement: a payment received from the client for a contract."""

    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("sandbox_id", "idempotency_key"),
        CheckConstraint("method IN ('carte', 'cheque', 'virement', 'prelevement')", name="method"),
        CheckConstraint("amount > 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money())
    received_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(String(60))
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LedgerMovement(Base):
    """Mouvement du compte client: signed amount (+ into the account, − out of it)."""

    __tablename__ = "ledger_movements"
    __table_args__ = (CheckConstraint("kind IN ('payment', 'allocation', 'refund')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"), index=True)
    instalment_id: Mapped[int | None] = mapped_column(ForeignKey("instalments.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    amount: Mapped[Decimal] = mapped_column(Money())
    booked_on: Mapped[date] = mapped_column(Date)
