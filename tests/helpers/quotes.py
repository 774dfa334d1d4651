"""Quotes for the tests of the agreement and the issue: rows of Quote, QuoteVersion and QuoteLine whose
lines are priced by the real engine with the sandbox's pinned catalogue (as the simulator prices them),
the pricing frozen as canonical JSON.

`make_quote(session, actor, sandbox_id, client_id)` gives a proposed one-line AUTO quote. Whenever the
real services can build what is asked (a proposed version valid 30 days, every line kept, no carried
condition, an effective date not in the past), it calls `services.offers.create_quote` / `new_version`;
otherwise (an accepted or refused status, a shorter validity, an alternative, conditions written by hand,
a request) it writes the rows directly, as those guard tests need.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain.canonical import to_json_value
from polyadmin.domain.identifiers import record_number
from polyadmin.domain.pricing import PricingRequest, price
from polyadmin.domain.roles import Actor
from polyadmin.services import offers
from polyadmin.services.catalogue import catalogue_for, snapshot_for
from polyadmin.store.models import Sandbox
from polyadmin.store.offers import Quote, QuoteLine, QuoteVersion
from polyadmin.store.sequences import next_value

# A driver and car the AUTO product prices (typed risk data, as read_risk_data reads them).
AUTO_RISK: dict[str, Any] = {
    "garage_postcode": "69003",
    "driver_birth_date": date(1985, 6, 14),
    "licence_date": date(2004, 9, 1),
    "accompanied_driving": False,
    "claim_free_years": 20,
    "crm": Decimal("0.64"),
    "vehicle_group": 32,
    "first_registration_date": date(2021, 4, 15),
    "energy": "hybride",
    "usage": "trajet",
    "annual_mileage": 12000,
    "vehicle_value": Decimal("24000"),
}


@dataclass
class LineSpec:
    product: str = "AUTO"
    formula: str = "tiers"
    frequency: str = "mensuel"
    options: tuple[str, ...] = ()
    risk: dict[str, Any] = field(default_factory=lambda: dict(AUTO_RISK))
    effective_in_days: int = 10  # from the sandbox's date
    chosen: bool = True
    conditions: list[dict[str, Any]] = field(default_factory=list)
    vehicle_id: int | None = None


def _real(lines: tuple[LineSpec, ...], status: str, valid_days: int) -> bool:
    """Whether the real quote services can build this quote."""
    return (
        status == "proposed"
        and valid_days == 30
        and all(spec.chosen and not spec.conditions and spec.effective_in_days >= 0 for spec in lines)
    )


def _line_data(spec: LineSpec, today: date) -> dict[str, Any]:
    """A line as the quote service's API takes it (JSON values)."""
    data: dict[str, Any] = {
        "product": spec.product,
        "formula": spec.formula,
        "frequency": spec.frequency,
        "options": list(spec.options),
        "risk": to_json_value(spec.risk),
        "effective_date": (today + timedelta(days=spec.effective_in_days)).isoformat(),
    }
    if spec.vehicle_id is not None:
        data["vehicle_id"] = spec.vehicle_id
    return data


def make_quote(
    session: Session,
    actor: Actor,
    sandbox_id: int,
    client_id: int,
    *,
    lines: tuple[LineSpec, ...] = (LineSpec(),),
    request_id: int | None = None,
    status: str = "proposed",
    valid_days: int = 30,
) -> Quote:
    box = session.get(Sandbox, sandbox_id)
    assert box is not None
    today = box.business_date
    if request_id is None and _real(lines, status, valid_days):
        data = {"client_id": client_id, "lines": [_line_data(spec, today) for spec in lines]}
        return offers.create_quote(session, actor, sandbox_id, data)
    quote = Quote(
        sandbox_id=sandbox_id,
        client_id=client_id,
        request_id=request_id,
        number=record_number("DV", next_value(session, sandbox_id, "quote")),
        created_on=today,
    )
    session.add(quote)
    session.flush()
    add_version(session, actor, quote, lines=lines, status=status, valid_days=valid_days)
    return quote


def add_version(
    session: Session,
    actor: Actor,
    quote: Quote,
    *,
    lines: tuple[LineSpec, ...] = (LineSpec(),),
    status: str = "proposed",
    valid_days: int = 30,
) -> QuoteVersion:
    """A new version of the quote (the previous ones become `superseded`)."""
    box = session.get(Sandbox, quote.sandbox_id)
    assert box is not None
    today = box.business_date
    previous = list(
        session.execute(
            select(QuoteVersion).where(QuoteVersion.quote_id == quote.id).order_by(QuoteVersion.version)
        ).scalars()
    )
    if (
        previous
        and _real(lines, status, valid_days)
        and previous[-1].status == "proposed"
        and today <= previous[-1].valid_until
    ):
        data = {"reason": "Le client a changé d'avis.", "lines": [_line_data(spec, today) for spec in lines]}
        offers.new_version(session, actor, quote.sandbox_id, quote.id, data)
        return (
            session.execute(
                select(QuoteVersion).where(QuoteVersion.quote_id == quote.id).order_by(QuoteVersion.version)
            )
            .scalars()
            .all()[-1]
        )
    catalogue = catalogue_for(session, actor, quote.sandbox_id)
    snapshot = snapshot_for(session, actor, quote.sandbox_id)
    for old in previous:
        old.status = "superseded"
    version = QuoteVersion(
        sandbox_id=quote.sandbox_id,
        quote_id=quote.id,
        version=len(previous) + 1,
        status=status,
        issued_on=today,
        valid_until=today + timedelta(days=valid_days),
        reason="",
        discount_total=Decimal(0),
        total=Decimal(0),
        distance_selling=False,
    )
    session.add(version)
    session.flush()
    total = Decimal(0)
    for position, spec in enumerate(lines, start=1):
        product = catalogue.product(spec.product)
        assert product is not None
        effective = today + timedelta(days=spec.effective_in_days)
        request = PricingRequest(
            formula=spec.formula,
            frequency=spec.frequency,
            effective_date=effective,
            risk=dict(spec.risk),
            options=spec.options,
        )
        pricing = price(product, catalogue.taxes, request)
        session.add(
            QuoteLine(
                sandbox_id=quote.sandbox_id,
                version_id=version.id,
                position=position,
                chosen=spec.chosen,
                product_code=product.code,
                product_version=product.version,
                snapshot_id=snapshot.id,
                formula=spec.formula,
                options=list(spec.options),
                deductibles={},
                frequency=spec.frequency,
                effective_date=effective,
                risk=to_json_value(spec.risk),
                vehicle_id=spec.vehicle_id,
                conditions=list(spec.conditions),
                pricing=to_json_value(asdict(pricing)),
                premium_before_tax=pricing.premium_before_tax,
                discount=Decimal(0),
                taxes=pricing.total - pricing.premium_before_tax,
                total=pricing.total,
            )
        )
        if spec.chosen:
            total += pricing.total
    version.total = total
    session.commit()  # inside the test's rolled-back transaction, like a service's change
    return version


def accept(session: Session, version: QuoteVersion, on: date, channel: str = "agence") -> None:
    """Mark a version accepted as if the agreement had been recorded (for guards tests that skip it)."""
    version.status = "accepted"
    version.agreed_on = on
    version.agreement_channel = channel
    version.signature_mode = "manuscrite"
    version.distance_selling = channel != "agence"
    session.commit()
