"""A drafted client's contracts of the other lines: home (MRH), health, borrower and professional."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from polyadmin.domain import scenario as model
from polyadmin.domain.catalogue import Product
from polyadmin.seeding.factories import BusinessFactory, DwellingFactory, LoanFactory, money
from polyadmin.seeding.population.drafting import Drafting, Parts
from polyadmin.seeding.reference import COMMUNES, INSURERS, Activity

COMMUNE_BY_POSTCODE = {(c.postcode, c.city): c for c in COMMUNES}


def draft_home(d: Drafting, ref: str, product: Product, birth: date, address: dict[str, Any], parts: Parts) -> None:
    """A dwelling (a tenant's formula under 28; a landlord's dwelling elsewhere), the previous home
    insurer for 40 %, the MRH contract."""
    draw = d.draw
    age = model.years_between(birth, d.start)
    allowed = [f.code for f in product.formulas]
    if age < 28:
        allowed = [c for c in allowed if c.startswith("locataire")] or allowed
    formula = d.formula(product, allowed)
    if formula.startswith("locataire"):
        occupancy = "locataire"
    elif formula == "proprietaire_non_occupant":
        occupancy = "proprietaire_non_occupant"
    else:
        occupancy = "proprietaire_occupant"
    where = draw.address() if occupancy == "proprietaire_non_occupant" else address
    commune = COMMUNE_BY_POSTCODE.get((where["postcode"], where["city"]))
    dwelling = DwellingFactory.build(
        draw=draw, city=where["city"], hazard=commune.hazard if commune else "aucune", occupancy_status=occupancy
    )
    dref = f"{ref}-d{len(parts['dwellings']) + 1}"
    parts["dwellings"].append(
        model.DwellingSpec(
            ref=dref,
            occupancy_status=occupancy,
            residence="principale",
            address=model.Address(where["line1"], where["postcode"], where["city"])
            if occupancy == "proprietaire_non_occupant"
            else None,
            **{**dwelling, "security_features": tuple(dwelling["security_features"])},
        )
    )
    start = d.contract_start(model.add_years(birth, 18), years=15)
    if draw.chance(40) and model.add_years(start, -1) > model.add_years(birth, 18):
        parts["histories"].append(_previous_home_insurer(d, ref, birth, start))
    parts["contracts"].append(
        model.ContractSpec(
            ref=f"{ref}-mrh-{len(parts['dwellings'])}",
            product=product.code,
            formula=formula,
            frequency=d.frequency(product),
            start_date=start,
            options=d.options(product, formula),
            dwelling=dref,
            unpaid=d.unpaid(),
        )
    )


def _previous_home_insurer(d: Drafting, ref: str, birth: date, start: date) -> model.HistorySpec:
    """One to six years with another insurer before `start`, with a water damage for 12 %."""
    draw = d.draw
    length = draw.rng.randint(1, max(1, min(6, model.years_between(model.add_years(birth, 18), start))))
    begin = model.add_years(start, -length)
    claims: tuple[model.ClaimSpec, ...] = ()
    if draw.chance(12):
        claims = (
            model.ClaimSpec(
                occurred_on=draw.day_between(begin, start - timedelta(days=1)),
                kind="degats_des_eaux",
                liability="none",
                amount=money(draw.rng.randint(400, 6000)),
            ),
        )
    return model.HistorySpec(
        ref=f"{ref}-mrh",
        line="habitation",
        insurer=draw.pick(INSURERS),
        start_date=begin,
        end_date=start,
        terminated_by="insured",
        termination_reason=draw.weighted(["echeance", "hamon", "demenagement"], [40, 30, 30]),
        claims=claims,
    )


def draft_health(
    d: Drafting,
    ref: str,
    product: Product,
    birth: date,
    children: int,
    spouse: model.ClientSpec | None,
    parts: Parts,
) -> None:
    """A health contract covering, where the product allows, the spouse (70 %) and the children."""
    draw = d.draw
    start = d.contract_start(model.add_years(birth, 18), years=10)
    period_start, _ = model.current_period(start, d.start)
    risk: dict[str, Any] = {}
    if spouse is not None and spouse.birth_date is not None and draw.chance(70):
        spouse_age = model.years_between(spouse.birth_date, period_start)
        if 18 <= spouse_age <= 99:
            risk.update(has_spouse=True, spouse_age=spouse_age)
    if children:
        risk["children"] = children
    if draw.chance(6):
        risk["regime"] = "tns"
    formula = d.formula(product)
    parts["contracts"].append(
        model.ContractSpec(
            ref=f"{ref}-sante",
            product=product.code,
            formula=formula,
            frequency=d.frequency(product),
            start_date=start,
            options=d.options(product, formula),
            risk={k: v for k, v in risk.items() if product.risk_field(k) is not None},
            unpaid=d.unpaid(),
        )
    )


def draft_borrower(d: Drafting, ref: str, product: Product, birth: date, segment: str, parts: Parts) -> None:
    """A home loan still running, taken between 20 and 60, and its borrower contract (none if the
    borrower's age or the loan's length do not fit)."""
    draw = d.draw
    earliest = max(model.add_years(birth, 20), model.add_years(d.start, -12))
    latest = min(model.add_years(birth, 60), d.start - timedelta(days=31))
    if earliest > latest:
        return
    start = draw.day_between(earliest, latest).replace(day=1)
    if start < earliest:
        start = earliest
    age_at_start = model.years_between(birth, start)
    max_months = min(300, (75 - age_at_start) * 12)
    elapsed = (d.start.year - start.year) * 12 + d.start.month - start.month
    if max_months < 96 or max_months <= elapsed + 12:
        return
    loan = LoanFactory.build(draw=draw, start_date=start, max_months=max_months)
    if loan["duration_months"] <= elapsed + 12:
        loan["duration_months"] = min(max_months, (elapsed // 12 + 3) * 12)
    period_start, _ = model.current_period(start, d.start)
    if model.years_between(birth, period_start) > 70:
        return
    lref = f"{ref}-l{len(parts['loans']) + 1}"
    share = 100 if segment == "person" else draw.weighted([50, 100], [60, 40])
    parts["loans"].append(model.LoanSpec(ref=lref, start_date=start, insured_share_percent=share, **loan))
    formula = d.formula(product)
    risk = {
        "smoker": draw.chance(18),
        "profession_class": draw.weighted(["classe_1", "classe_2", "classe_3", "classe_4"], [60, 25, 10, 5]),
    }
    parts["contracts"].append(
        model.ContractSpec(
            ref=f"{ref}-emp-{len(parts['loans'])}",
            product=product.code,
            formula=formula,
            frequency=d.frequency(product),
            start_date=start,
            options=d.options(product, formula),
            loan=lref,
            risk={k: v for k, v in risk.items() if product.risk_field(k) is not None},
            unpaid=d.unpaid(),
        )
    )


def draft_professional(d: Drafting, ref: str, product: Product, founded: date, trade: Activity, parts: Parts) -> None:
    """A business of `trade` and its professional contract (a formula without premises guarantees
    when the business has no premises)."""
    draw = d.draw
    figures = BusinessFactory.build(draw=draw, trade=trade)
    naf, label = draw.pick(trade.naf)
    bref = f"{ref}-b{len(parts['businesses']) + 1}"
    parts["businesses"].append(model.BusinessSpec(ref=bref, naf_code=naf, activity=label[:160], **figures))
    allowed = None if figures["premises_surface"] > 0 else [f.code for f in product.formulas if not f.guarantees]
    formula = d.formula(product, allowed or None)
    start = d.contract_start(founded, years=12)
    parts["contracts"].append(
        model.ContractSpec(
            ref=f"{ref}-pro-{len(parts['businesses'])}",
            product=product.code,
            formula=formula,
            frequency=d.frequency(product),
            start_date=start,
            options=d.options(product, formula),
            business=bref,
            unpaid=d.unpaid(),
        )
    )
