"""The pricing engine as the generator calls it: once per distinct tariff request, periods before a
product version priced with that version.

Two contracts whose requests agree on every fact the tariff reads get the same amounts: the key
replaces a birth or licence date by the full years it gives on the effective date (counted as the
engine counts them, polyadmin.domain.scenario.years_between), and a postcode by
its département, *only* where the product reads that field through exactly that transform (derived
from the product's own tables and conditions, so a catalogue that reads a field otherwise keeps the
raw value in the key). The effective date enters the key through the tax rates in force that day.
On a hit the instalment amounts are the engine's and their due dates are computed from the contract's
own period start exactly as the engine does (`start + relativedelta(months=k × 12/n)`,
polyadmin.domain.dates.add_months).

A contract in force is priced for its current annual period, which may have begun before the
product version's effective date (a period that started in May 2025 under a 2026 catalogue): the
portfolio is seeded as if the current version had applied at the contract's last renewal, so the
engine is given the version with its effective date moved back (documented in docs/scenarios.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from polyadmin.domain.catalogue import Catalogue, Product, value_on
from polyadmin.domain.dates import add_months
from polyadmin.domain.pricing import PricingRequest, price
from polyadmin.domain.risk_data import departement
from polyadmin.domain.scenario import years_between

POSTCODE = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class Priced:
    """What a contract row keeps of a pricing: amounts, the choices as priced, the instalments."""

    product_version: str
    premium_before_tax: Decimal
    total: Decimal
    options: tuple[str, ...]
    deductibles: dict[str, str]
    amounts: tuple[Decimal, ...]
    priced_on: date
    dates: tuple[date, ...]

    def due_dates(self, start: date) -> tuple[date, ...]:
        """The instalment due dates for a period starting on `start` (the engine's rule)."""
        if start == self.priced_on:
            return self.dates
        step = 12 // len(self.amounts)
        return tuple(add_months(start, index * step) for index in range(len(self.amounts)))


def _reading(product: Product) -> tuple[frozenset[str], frozenset[str]]:
    """(date fields read only as years elapsed, postcode fields read only as a département)."""
    ways: dict[str, set[str]] = {}
    for table in product.tables:
        if table.measure is not None:
            ways.setdefault(table.measure.field, set()).add(table.measure.transform)
        if table.novice is not None:
            ways.setdefault(table.novice.years_licensed.field, set()).add(table.novice.years_licensed.transform)
            ways.setdefault(table.novice.accompanied_driving, set()).add("none")
            ways.setdefault(table.novice.claim_free_years, set()).add("none")
    for guarantee in product.guarantees:
        for component in guarantee.components:
            if component.when is not None:
                ways.setdefault(component.when.field, set()).add("none")
    kinds = {f.name: f.kind for f in product.risk_fields}
    dates = frozenset(n for n, w in ways.items() if kinds.get(n) == "date" and w == {"years_elapsed"})
    unread_dates = frozenset(n for n, k in kinds.items() if k == "date" and n not in ways)
    postcodes = frozenset(n for n, w in ways.items() if kinds.get(n) == "postcode" and w == {"departement"})
    return dates | unread_dates, postcodes


class PricingCache:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.products = {p.code: replace(p, effective_date=date.min) for p in catalogue.products}
        self.reading = {p.code: _reading(p) for p in catalogue.products}
        self.known = {p.code: frozenset(f.name for f in p.risk_fields) for p in catalogue.products}
        self.cache: dict[tuple[Any, ...], Priced] = {}

    def _taxes_on(self, day: date) -> tuple[Decimal | None, ...]:
        taxes = self.catalogue.taxes
        return tuple(
            value_on(p, day) for p in (taxes.catnat_property, taxes.catnat_auto, taxes.attentats, taxes.fgao_rate)
        )

    def _risk_key(self, code: str, risk: dict[str, object], day: date) -> tuple[Any, ...]:
        dates, postcodes = self.reading[code]
        key: list[tuple[str, object]] = []
        for name, value in sorted(risk.items()):
            if name in dates and isinstance(value, date):
                key.append((name, ("years", years_between(value, day), value > day)))
            elif name in postcodes and isinstance(value, str) and POSTCODE.match(value):
                key.append((name, ("dept", departement(value))))
            else:
                key.append((name, (type(value).__name__, value)))
        return tuple(key)

    def price(
        self,
        code: str,
        formula: str,
        frequency: str,
        day: date,
        risk: dict[str, object],
        options: tuple[str, ...] = (),
        deductibles: dict[str, str] | None = None,
        other_contracts: int = 0,
    ) -> Priced:
        """Price (or reuse the price of) one request; raises the engine's InvalidInput."""
        deductibles = deductibles or {}
        key = (
            code,
            formula,
            frequency,
            options,
            tuple(sorted(deductibles.items())),
            other_contracts,
            self._taxes_on(day),
            self._risk_key(code, risk, day),
        )
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        request = PricingRequest(
            formula=formula,
            frequency=frequency,
            effective_date=day,
            risk=risk,
            options=options,
            deductibles=deductibles,
            other_contracts=other_contracts,
        )
        pricing = price(self.products[code], self.catalogue.taxes, request, explain=False)
        priced = Priced(
            product_version=pricing.product_version,
            premium_before_tax=pricing.premium_before_tax,
            total=pricing.total,
            options=pricing.options,
            deductibles={line.code: line.deductible for line in pricing.lines if line.deductible},
            amounts=tuple(i.amount for i in pricing.instalments),
            priced_on=day,
            dates=tuple(i.due_date for i in pricing.instalments),
        )
        self.cache[key] = priced
        return priced
