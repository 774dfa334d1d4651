"""Contracts priced by the engine for their current annual period, and their instalments."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from polyadmin.domain import scenario as model
from polyadmin.domain.errors import InvalidInput
from polyadmin.seeding.builders import jsonable
from polyadmin.seeding.builders.risk_data import RiskRefs, risk_facts
from polyadmin.seeding.context import GenerationContext
from polyadmin.seeding.documents import Placed
from polyadmin.seeding.pricing_cache import Priced


def add_contract(
    ctx: GenerationContext,
    placed: Placed,
    client: model.ClientSpec,
    spec: model.ContractSpec,
    path: str,
    other_contracts: int,
    all_claims: list[model.ClaimSpec],
    links: dict[str, model.CrmLink] | None = None,
) -> dict[str, Any] | None:
    """The contract row and its instalments; None (and the engine's problems noted under `path`) if
    the engine refuses it."""
    product = ctx.catalogue.product(spec.product)
    assert product is not None  # checked by the loader
    period_start, next_due = model.current_period(spec.start_date, ctx.start)
    risk = risk_facts(
        placed,
        client,
        product,
        period_start,
        RiskRefs(spec.vehicle, spec.dwelling, spec.business, spec.loan),
        start=ctx.start,
        contract_start=spec.start_date,
        all_claims=all_claims,
        links=links,
    )
    risk.update(spec.risk)
    try:
        priced = ctx.pricer.price(
            product.code,
            spec.formula,
            spec.frequency,
            period_start,
            risk,
            options=spec.options,
            deductibles=dict(spec.deductibles),
            other_contracts=other_contracts,
        )
    except InvalidInput as exc:
        _note_refusal(ctx, exc, path, product.code)
        return None
    draw = ctx.draw
    number = ctx.next_number("CT")
    dues = priced.due_dates(period_start)
    method = spec.payment_method or (
        "prelevement"
        if len(dues) > 1
        else draw.weighted(["prelevement", "cheque", "virement", "carte"], [55, 15, 10, 20])
    )
    row = ctx.portfolio.add(
        "contracts",
        {
            "client": placed.row["number"],
            "number": number,
            "product_code": product.code,
            "product_version": priced.product_version,
            "formula": spec.formula,
            "options": list(priced.options),
            "deductibles": dict(priced.deductibles),
            "frequency": spec.frequency,
            "risk": jsonable(risk),
            "vehicle": placed.vehicles[spec.vehicle]["registration"] if spec.vehicle else None,
            "dwelling": placed.dwellings[spec.dwelling]["key"] if spec.dwelling else None,
            "business": placed.businesses[spec.business]["key"] if spec.business else None,
            "loan": placed.loans[spec.loan]["key"] if spec.loan else None,
            "start_date": spec.start_date,
            "next_due_date": next_due,
            "status": spec.status,
            "premium_before_tax": priced.premium_before_tax,
            "annual_total": priced.total,
            "iban": placed.iban if method == "prelevement" else None,
            "created_on": max(
                spec.start_date - timedelta(days=draw.rng.randint(2, 25)),
                min(client.created_on or date.min, spec.start_date),
            ),
        },
    )
    placed.contracts[spec.ref] = row
    _add_instalments(ctx, spec, number, priced, period_start, dues, method)
    return row


def _note_refusal(ctx: GenerationContext, exc: InvalidInput, path: str, product: str) -> None:
    """A planted contract's problem under its own path and field; a drafted one's under the product
    of the population (one problem per product and message, however many units hit it)."""
    for field, messages in exc.field_errors.items():
        for message in messages:
            problem = (
                (f"{path}.{product}", f"{field} : {message}")
                if path.startswith("population")
                else (f"{path}.{field}", message)
            )
            if problem not in ctx.problems:
                ctx.problems.append(problem)


def _add_instalments(
    ctx: GenerationContext,
    spec: model.ContractSpec,
    number: str,
    priced: Priced,
    period_start: date,
    dues: tuple[date, ...],
    method: str,
) -> None:
    """The engine's instalments of the current period: paid before the start date (the last
    `spec.unpaid` of them unpaid), due after it (cancelled for a terminated contract)."""
    draw, start = ctx.draw, ctx.start
    past = [index for index, due in enumerate(dues) if due < start]
    unpaid = set(past[max(len(past) - spec.unpaid, 0) :]) if spec.unpaid else set()
    for index, (due, amount) in enumerate(zip(dues, priced.amounts, strict=True)):
        paid_on = None
        if index in unpaid:
            status = "unpaid"
        elif due < start:
            status = "paid"
            delay = 0 if method == "prelevement" else draw.rng.randint(0, 9)
            paid_on = min(due + timedelta(days=delay), start - timedelta(days=1))
        else:
            status = "cancelled" if spec.status == "terminated" else "due"
        ctx.portfolio.add(
            "instalments",
            {
                "contract": number,
                "period_start": period_start,
                "number": index + 1,
                "due_date": due,
                "amount": amount,
                "status": status,
                "paid_on": paid_on,
                "method": method if status in ("paid", "unpaid") else None,
            },
        )
