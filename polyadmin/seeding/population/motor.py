"""A drafted driver's motor insurance: the car and AUTO contract, the previous insurers (with a
relevé whose CRM the claims give, close to a target drawn from `crm`), the claims."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import cache, lru_cache

from polyadmin.domain import scenario as model
from polyadmin.domain.bonus_malus import ClaimYear
from polyadmin.domain.catalogue import Product
from polyadmin.seeding.factories import money
from polyadmin.seeding.population.drafting import Drafting, Parts
from polyadmin.seeding.reference import INSURERS

FREE = ClaimYear()
MAX_CHAIN = 90

CLAIM_AMOUNTS = {
    ("accident", "full"): (800, 9000),
    ("accident", "partial"): (500, 5000),
    ("accident", "none"): (300, 4000),
    ("bris_glace", "none"): (250, 900),
    ("vol", "none"): (1500, 15000),
    ("stationnement", "none"): (300, 2000),
    ("incendie", "none"): (2000, 18000),
    ("catastrophe_naturelle", "none"): (1000, 8000),
    ("degats_des_eaux", "none"): (400, 6000),
}
NOT_COUNTED = (("accident", 35), ("bris_glace", 33), ("vol", 9), ("stationnement", 15), ("incendie", 3),
               ("catastrophe_naturelle", 5))  # fmt: skip


@cache
def _claim_free_chain() -> tuple[tuple[Decimal, int], ...]:
    """(CRM, years at 0,50) after k claim-free years from 1,00, for k = 0 … MAX_CHAIN."""
    chain = [(Decimal("1.00"), 0)]
    for _ in range(MAX_CHAIN):
        crm, floor = chain[-1]
        result = model.cached_crm_after(crm, (FREE,), "standard", floor)
        chain.append((result.crm, model.years_at_floor_after(crm, floor, (FREE,), result)))
    return tuple(chain)


@lru_cache(maxsize=50000)
def _final_crm(k: int, years: tuple[ClaimYear, ...]) -> Decimal:
    crm, floor = _claim_free_chain()[k]
    return model.cached_crm_after(crm, years, "standard", floor).crm


def draft_claim(
    d: Drafting, first: date, last: date, *, counted: bool | None = None, contract: str | None = None
) -> model.ClaimSpec:
    """A motor claim between `first` and `last`: counted (raising the CRM) for `at_fault_percent`."""
    draw = d.draw
    if counted is None:
        counted = draw.chance(d.spec.at_fault_percent)
    if counted:
        kind, liability = "accident", ("full" if draw.chance(80) else "partial")
    else:
        kind = draw.weighted([k for k, _ in NOT_COUNTED], [w for _, w in NOT_COUNTED])
        liability = "none"
    low, high = CLAIM_AMOUNTS[(kind, liability)]
    occurred = draw.day_between(first, last)
    recent = (d.start - occurred).days < 60
    return model.ClaimSpec(
        occurred_on=occurred,
        kind=kind,
        liability=liability,
        amount=money(draw.rng.randint(low, high)),
        status="open" if recent and draw.chance(60) else "closed",
        contract=contract,
    )


def draft_auto(d: Drafting, ref: str, product: Product, birth: date, licence: date, parts: Parts) -> None:
    """The car, the previous insurers, the claims since the contract started, the AUTO contract."""
    draw = d.draw
    start = d.contract_start(max(licence, model.add_years(birth, 18)))
    vref = f"{ref}-v{len(parts['vehicles']) + 1}"
    vehicle = draw.vehicle(start)
    parts["vehicles"].append(model.VehicleSpec(ref=vref, **vehicle))
    years_before = model.years_between(licence, start)
    histories: list[model.HistorySpec] = []
    if years_before >= 1:
        histories = motor_history(d, ref, start, years_before)
    parts["histories"].extend(histories)
    cref = f"{ref}-auto"
    claims: list[model.ClaimSpec] = []
    year = 0
    while (begin := model.add_years(start, year)) < d.start:
        end = min(model.add_years(start, year + 1), d.start) - timedelta(days=1)
        for _ in range(draw.poisson(d.lam)):
            claims.append(draft_claim(d, begin, end, contract=cref))
        year += 1
    parts["claims"].extend(sorted(claims, key=lambda c: c.occurred_on))
    formula = d.formula(product)
    exclude = ("pay_as_you_drive",) if vehicle["annual_mileage"] > 8000 else ()
    parts["contracts"].append(
        model.ContractSpec(
            ref=cref,
            product=product.code,
            formula=formula,
            frequency=d.frequency(product),
            start_date=start,
            options=d.options(product, formula, exclude),
            vehicle=vref,
            unpaid=d.unpaid(),
        )
    )


def motor_history(d: Drafting, ref: str, start: date, years_before: int) -> list[model.HistorySpec]:
    """The previous insurers of a driver whose contract with us starts on `start`."""
    draw = d.draw
    length = min(years_before, draw.rng.randint(1, 8))
    h2_start = model.add_years(start, -length)
    dues = model.annual_due_dates(h2_start, start)
    statement = start - timedelta(days=draw.rng.randint(5, 40))
    oldest = model.add_years(statement, -model.RELEVE_YEARS)
    claims = _releve_claims(d, dues[-min(length, model.RELEVE_YEARS) :], h2_start, oldest, statement)
    k, claims = _claim_free_years_before(d, claims, dues, h2_start, oldest, statement, years_before - length)
    claims.sort(key=lambda c: c.occurred_on)
    counted = sum(1 for c in claims if c.kind == "accident" and c.liability != "none")
    if draw.chance(d.spec.terminated_percent):
        terminated_by, reason = "insurer", ("claims" if counted >= 2 else "non_payment")
    else:
        terminated_by, reason = "insured", draw.weighted(["echeance", "hamon"], [70, 30])
    histories = []
    if k >= 1:
        h1_start = model.add_years(h2_start, -k)
        histories.append(
            model.HistorySpec(
                ref=f"{ref}-h1",
                line="auto",
                insurer=draw.pick(INSURERS),
                start_date=h1_start,
                end_date=h2_start,
                statement_date=h2_start - timedelta(days=draw.rng.randint(5, 40)),
                terminated_by="insured",
                termination_reason=draw.weighted(["echeance", "demenagement"], [80, 20]),
            )
        )
    insurer = draw.pick(INSURERS)
    if histories and insurer == histories[0].insurer:
        insurer = INSURERS[(INSURERS.index(insurer) + 1) % len(INSURERS)]
    histories.append(
        model.HistorySpec(
            ref=f"{ref}-h2",
            line="auto",
            insurer=insurer,
            start_date=h2_start,
            end_date=start,
            statement_date=max(statement, claims[-1].occurred_on if claims else statement),
            terminated_by=terminated_by,
            termination_reason=reason,
            claims=tuple(claims),
        )
    )
    return histories


def _releve_claims(
    d: Drafting, window: list[date], h2_start: date, oldest: date, statement: date
) -> list[model.ClaimSpec]:
    """The claims of the periods the relevé shows (Poisson, `claims_per_year`, per period)."""
    claims: list[model.ClaimSpec] = []
    for due in window:
        period_start, period_end = model.cached_reference_period(due)
        first, last = max(period_start, h2_start, oldest), min(period_end, statement)
        if first > last:
            continue
        for _ in range(d.draw.poisson(d.lam)):
            claims.append(draft_claim(d, first, last))
    return claims


def _claim_free_years_before(
    d: Drafting,
    claims: list[model.ClaimSpec],
    dues: list[date],
    h2_start: date,
    oldest: date,
    statement: date,
    room: int,
) -> tuple[int, list[model.ClaimSpec]]:
    """How many claim-free years (at most `room`, what the licence leaves) the driver was insured
    before, so that the CRM the claims give comes closest to a target drawn from `crm`; a target
    above 1,00 the claims do not reach gets up to three more at-fault claims in the last period."""
    target = d.target_crm()
    k_max = min(room, MAX_CHAIN)

    def best(items: list[model.ClaimSpec]) -> tuple[int, Decimal]:
        years = model.claim_years(model.counted_claims(items), dues)
        candidates = sorted({*range(0, min(k_max, 16) + 1), k_max})
        chosen = min(candidates, key=lambda k: (abs(_final_crm(k, years) - target), -k))
        return chosen, _final_crm(chosen, years)

    k, final = best(claims)
    if target > Decimal("1.00"):
        last_start, last_end = model.cached_reference_period(dues[-1])
        first, last = max(last_start, h2_start, oldest), min(last_end, statement)
        added = 0
        while final < target - Decimal("0.05") and added < 3 and first <= last:
            claims.append(draft_claim(d, first, last, counted=True))
            k, final = best(claims)
            added += 1
    return k, claims
