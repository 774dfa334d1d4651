"""Valid pricing requests drawn from a product's own declarations (fields, tables, formulas).

Used by the property test "every value a product's fields accept prices" and by the benchmark.
Deterministic: every draw comes from the `random.Random` passed in.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from polyadmin.domain.catalogue import Product, RiskField
from polyadmin.domain.pricing import PricingRequest
from polyadmin.domain.risk_data import years_elapsed

POSTCODE_OF_DEPARTEMENT = {"2A": "20000", "2B": "20200"}


def _departements(product: Product, field: str) -> list[str]:
    keys: list[str] = []
    for table in product.tables:
        if table.measure and table.measure.field == field and table.measure.transform == "departement":
            keys.extend(key for key, _ in table.entries)
    return sorted(set(keys))


def _postcode(departement: str) -> str:
    if departement in POSTCODE_OF_DEPARTEMENT:
        return POSTCODE_OF_DEPARTEMENT[departement]
    return departement.ljust(5, "0") if len(departement) == 3 else f"{departement}100"


def _value(product: Product, spec: RiskField, rng: random.Random, on: date) -> object:
    if spec.kind == "choice":
        return rng.choice(spec.choice_codes())
    if spec.kind == "boolean":
        return rng.random() < 0.5
    if spec.kind == "postcode":
        departements = _departements(product, spec.name)
        return _postcode(rng.choice(departements)) if departements else "75001"
    if spec.kind == "date":
        low = spec.min_years or 0
        high = spec.max_years if spec.max_years is not None else low + 40
        years = rng.randint(low, high)
        return on - relativedelta(years=years) - timedelta(days=rng.randint(1, 360))
    if spec.kind in ("integer", "decimal"):
        low = spec.minimum if spec.minimum is not None else Decimal(0)
        high = spec.maximum if spec.maximum is not None else low + 1000
        if spec.kind == "integer":
            return rng.randint(int(low), int(high))
        cents = rng.randint(int(low * 100), int(high * 100))
        return Decimal(cents) / 100
    return "texte"


def random_request(product: Product, rng: random.Random, on: date | None = None) -> PricingRequest:
    on = on or max(product.effective_date, date(2026, 3, 2))
    risk = {spec.name: _value(product, spec, rng, on) for spec in product.risk_fields}
    births = [spec.name for spec in product.risk_fields if spec.kind == "date" and spec.name.endswith("birth_date")]
    for table in product.tables:  # the claim-free years of a novice cannot exceed the licence's age
        if table.novice is not None:
            licence = risk[table.novice.years_licensed.field]
            assert isinstance(licence, date)
            born = risk[births[0]] if len(births) == 1 else None
            if isinstance(born, date) and licence < born + relativedelta(years=18):  # the licence came at 18 at least
                earliest = born + relativedelta(years=18)
                licence = earliest + timedelta(days=rng.randint(0, max((on - earliest).days, 0)))
                risk[table.novice.years_licensed.field] = licence
            limit = max(years_elapsed(licence, on), 0)
            claim_free = risk[table.novice.claim_free_years]
            assert isinstance(claim_free, int)
            risk[table.novice.claim_free_years] = min(claim_free, limit)
    formula = rng.choice(product.formulas)
    options = tuple(code for code in formula.options if rng.random() < 0.4)
    chosen = {g.code for g in product.included_guarantees(formula)} | set(options)
    deductibles = {
        g.code: rng.choice(g.deductibles).code for g in product.guarantees if g.code in chosen and g.deductibles
    }
    return PricingRequest(
        formula=formula.code,
        frequency=rng.choice(product.frequencies).code,
        effective_date=on,
        risk=risk,
        options=options,
        deductibles=deductibles,
        other_contracts=rng.randint(0, 3),
    )


# The risk of the auto simulator's form as the catalogue pages' tests fill it in (field name → text).
AUTO_RISK = {
    "garage_postcode": "69003",
    "driver_birth_date": "1985-06-14",
    "licence_date": "2004-09-01",
    "accompanied_driving": "non",
    "claim_free_years": "20",
    "crm": "0.64",
    "vehicle_group": "32",
    "first_registration_date": "2021-04-15",
    "energy": "hybride",
    "usage": "trajet",
    "annual_mileage": "12000",
    "vehicle_value": "24000",
}
