"""The offer tables: needs and advice (C2A.3), quotes with their versions and lines (devis).

Nothing here is seeded: a reset of the sandbox deletes these rows with the candidate's other work.
A quote keeps every version: a new version supersedes the previous one (status `superseded`), which
stays readable. Each line stores the pricing as the engine returned it (`pricing`, canonical JSON:
amounts as text), so a quote reprinted later says exactly what the client was shown.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from polyadmin.store.base import Base
from polyadmin.store.types import Money


class NeedsRecord(Base):
    """Recueil des exigences et des besoins (art. L521-4 C. assur.): one row per recording; the latest
    one of a client is the current one, the earlier ones stay as they were."""

    __tablename__ = "needs_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("subscription_requests.id"))
    recorded_on: Mapped[date] = mapped_column(Date)  # sandbox date
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # {line: {question_code: answer}} — lines and questions are data (see the offers domain module)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    # [{line, need, product, formula, options: [...], reason}] — the advice, in the candidate's words
    recommendations: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    budget_monthly: Mapped[Decimal | None] = mapped_column(Money())
    accessible_formats: Mapped[bool] = mapped_column(Boolean, default=False)
    eco_interest: Mapped[bool] = mapped_column(Boolean, default=False)


class Quote(Base):
    """Devis: one number per sandbox (DV-000001), several versions."""

    __tablename__ = "quotes"
    __table_args__ = (UniqueConstraint("sandbox_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("subscription_requests.id"), index=True)
    needs_id: Mapped[int | None] = mapped_column(ForeignKey("needs_records.id"))
    number: Mapped[str] = mapped_column(String(20))
    created_on: Mapped[date] = mapped_column(Date)


class QuoteVersion(Base):
    """One version of a quote: its validity on the sandbox clock and what became of it."""

    __tablename__ = "quote_versions"
    __table_args__ = (
        UniqueConstraint("quote_id", "version"),
        CheckConstraint(
            "status IN ('draft', 'proposed', 'accepted', 'superseded', 'expired', 'refused', 'issued')",
            name="status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")  # why this version (the client's change of mind)
    discount_total: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())  # annual, taxes included, alternatives excluded
    # the client's agreement (C2A.4): date, channel, signature mode, distance selling
    agreed_on: Mapped[date | None] = mapped_column(Date)
    agreement_channel: Mapped[str | None] = mapped_column(String(20))
    signature_mode: Mapped[str | None] = mapped_column(String(20))
    distance_selling: Mapped[bool] = mapped_column(Boolean, default=False)


class QuoteLine(Base):
    """A product of the offer, priced by the engine; `alternative_of` points to the line this one is
    compared with (e.g. Tiers+ beside Tous risques); `chosen` marks the lines the client accepts."""

    __tablename__ = "quote_lines"
    __table_args__ = (UniqueConstraint("version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("quote_versions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1, 2, 3… within the version
    alternative_of: Mapped[int | None] = mapped_column(Integer)  # position of the line compared with
    chosen: Mapped[bool] = mapped_column(Boolean, default=True)
    product_code: Mapped[str] = mapped_column(String(30))
    product_version: Mapped[str] = mapped_column(String(20))
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("catalogue_snapshots.id"))
    formula: Mapped[str] = mapped_column(String(40))
    options: Mapped[list[str]] = mapped_column(JSON)
    deductibles: Mapped[dict[str, str]] = mapped_column(JSON)
    frequency: Mapped[str] = mapped_column(String(20))
    effective_date: Mapped[date] = mapped_column(Date)
    risk: Mapped[dict[str, Any]] = mapped_column(JSON)  # the risk data priced (dates, decimals as text)
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicles.id"))
    dwelling_id: Mapped[int | None] = mapped_column(ForeignKey("dwellings.id"))
    business_id: Mapped[int | None] = mapped_column(ForeignKey("businesses.id"))
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    # conditions carried from the request's decision: [{kind, text, percent?, amount?}]
    conditions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    pricing: Mapped[dict[str, Any]] = mapped_column(JSON)  # the engine's result, frozen (amounts as text)
    premium_before_tax: Mapped[Decimal] = mapped_column(Money())
    discount: Mapped[Decimal] = mapped_column(Money())
    taxes: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())
