"""Bonus-malus — coefficient de réduction-majoration (CRM) of French motor insurance.

Source: Code des assurances, article A121-1 and its annex, the « clause type de
réduction-majoration » (articles of the annex cited as « annexe art. n »):

- annexe art. 1: the premium is the reference premium × the CRM; the first coefficient is 1.
- annexe art. 4: after each annual period *without* claim, the coefficient used at the previous
  due date is reduced by 5 % (× 0,95), « arrêté à la deuxième décimale et arrondi par défaut »;
  7 % (× 0,93) for a vehicle used for « tournées » or « tous déplacements ». The coefficient is
  never below 0,50. No increase for the first claim after a first period of at least three years
  during which the coefficient was 0,50.
- annexe art. 5: a claim during the annual period raises the coefficient by 25 % (× 1,25); a
  second claim raises « le coefficient obtenu » by 25 %, and so on for each further claim; the
  coefficient obtained is « arrêté à la deuxième décimale et arrondi par défaut ». 20 % (× 1,20)
  for « tournées ». The increase is halved when the driver is only partly liable (× 1,125;
  « tournées » × 1,10). Never above 3,50. After two consecutive years without claim, the
  coefficient cannot be above 1.
- annexe art. 6 and 7: claims that never raise it (see `assess_claim`).
- A121-1 / annexe: the annual period taken into account is the twelve consecutive months that end
  two months before the annual due date (see `reference_period`).

Where truncation applies (« arrondi par défaut », i.e. towards zero, to the hundredth): after
*every* multiplication — each claim-free period (art. 4) and each claim, one after the other
(art. 5: each claim raises « le coefficient obtenu », i.e. the already truncated one). This is the
reading of service-public.fr (« 0,68 × 1,25 = 0,85 ; second accident : 0,85 × 1,25 = 1,06 »).
Floor (0,50) and cap (3,50) are applied after each truncated multiplication.

Readings chosen where the text is silent (each one also written in the step it produces):

- One `ClaimYear` is one annual reference period, oldest first. A period with at least one
  counted claim (at fault or partly at fault) gets no reduction: art. 4 grants it only after a
  period « sans sinistre ».
- Inside a period, at-fault claims are applied before partly-at-fault ones (the counts carry no
  dates; with truncation after each step the order can move the result by 0,01 at most).
- « Deux années consécutives sans sinistre »: two consecutive claim-free periods among those
  given (periods before the first one given are unknown here).
- First-claim exemption: it applies when the coefficient in force during the period is 0,50 and
  at least three whole periods at 0,50 precede it (`years_at_floor` before the first period given,
  then counted on along the periods); only the first claim of that period is forgiven, further
  claims apply. Once used, the count of years at 0,50 starts again from zero (the text grants the
  exemption to « le premier sinistre » after such a period, not to every claim).
- Each `CrmStep` is exactly one reference period: `crm` is the coefficient after that period and
  `rule` tells, in French, every rule applied in it (reduction or increases with their
  truncation, floor, cap, return to 1, exemption).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal, localcontext
from typing import Literal, get_args

from polyadmin.domain.dates import add_months
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.french import coefficient_text

Usage = Literal["standard", "tournees"]
USAGES: tuple[str, ...] = get_args(Usage)
USAGE_LABELS: dict[str, str] = {
    "standard": "Usage courant (privé, trajet, affaires)",
    "tournees": "Tournées ou tous déplacements",
}

CRM_FLOOR = Decimal("0.50")
CRM_CAP = Decimal("3.50")
CRM_NEUTRAL = Decimal("1.00")
YEARS_AT_FLOOR_FOR_EXEMPTION = 3
HUNDREDTH = Decimal("0.01")
MAX_CLAIMS_PER_YEAR = 99  # far beyond the cap (3,50 is reached from 0,50 in 9 claims)
MAX_YEARS_AT_FLOOR = 100


@dataclass(frozen=True)
class Factors:
    """The multipliers of one usage (annexe art. 4 and 5)."""

    claim_free: Decimal
    at_fault: Decimal
    partial: Decimal


FACTORS: dict[str, Factors] = {
    "standard": Factors(claim_free=Decimal("0.95"), at_fault=Decimal("1.25"), partial=Decimal("1.125")),
    "tournees": Factors(claim_free=Decimal("0.93"), at_fault=Decimal("1.20"), partial=Decimal("1.10")),
}


@dataclass(frozen=True)
class ClaimYear:
    """The counted claims of one annual reference period (only those that raise the CRM)."""

    at_fault: int = 0
    partial: int = 0

    @property
    def claim_free(self) -> bool:
        return self.at_fault == 0 and self.partial == 0


@dataclass(frozen=True)
class CrmStep:
    """One reference period: the coefficient after it and the rules applied, in French."""

    crm: Decimal
    rule: str


@dataclass(frozen=True)
class CrmResult:
    crm: Decimal
    steps: tuple[CrmStep, ...]


# --- numbers ------------------------------------------------------------------------------------


def truncate_crm(value: Decimal) -> Decimal:
    """« Arrêté à la deuxième décimale et arrondi par défaut »: 0,9025 → 0,90; 1,5625 → 1,56."""
    return value.quantize(HUNDREDTH, rounding=ROUND_DOWN)


def _exact_product(left: Decimal, right: Decimal) -> Decimal:
    with localcontext() as context:
        context.prec = 50  # products of two short decimals: always exact
        return left * right


# --- validation ---------------------------------------------------------------------------------


def _validate(crm: Decimal, years: Sequence[ClaimYear], usage: str, years_at_floor: int) -> None:
    errors: dict[str, list[str]] = {}
    if not isinstance(crm, Decimal) or not crm.is_finite():
        errors["crm"] = ["Coefficient invalide : nombre décimal attendu (ex. 0,95)."]
    elif not CRM_FLOOR <= crm <= CRM_CAP:
        errors["crm"] = ["Le coefficient est compris entre 0,50 et 3,50 (annexe à l'article A121-1, art. 4 et 5)."]
    elif crm != truncate_crm(crm):
        errors["crm"] = ["Le coefficient a au plus deux décimales."]
    if usage not in FACTORS:
        errors["usage"] = ["Usage inconnu ; valeurs possibles : " + ", ".join(USAGES) + "."]
    if isinstance(years_at_floor, bool) or not isinstance(years_at_floor, int) or years_at_floor < 0:
        errors["years_at_floor"] = ["Nombre d'années positif ou nul attendu."]
    elif years_at_floor > MAX_YEARS_AT_FLOOR:
        errors["years_at_floor"] = [f"{MAX_YEARS_AT_FLOOR} ans au maximum."]
    elif years_at_floor > 0 and "crm" not in errors and crm != CRM_FLOOR:
        errors["years_at_floor"] = ["Des années passées à 0,50 supposent un coefficient actuel de 0,50."]
    for index, year in enumerate(years):
        for name in ("at_fault", "partial"):
            count = getattr(year, name)
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                errors[f"years.{index}.{name}"] = ["Nombre de sinistres positif ou nul attendu."]
            elif count > MAX_CLAIMS_PER_YEAR:
                errors[f"years.{index}.{name}"] = [f"{MAX_CLAIMS_PER_YEAR} sinistres au maximum par période."]
    if errors:
        raise InvalidInput(errors)


# --- the computation ----------------------------------------------------------------------------


def _multiply(crm: Decimal, factor: Decimal) -> tuple[Decimal, str]:
    exact = _exact_product(crm, factor)
    result = truncate_crm(exact)
    text = f"{coefficient_text(crm)} × {coefficient_text(factor)} = {coefficient_text(exact)}"
    if exact != result:
        text += f", arrondi par défaut à {coefficient_text(result)}"
    return result, text


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _claims_label(year: ClaimYear) -> str:
    parts = []
    if year.at_fault:
        parts.append(_plural(year.at_fault, "sinistre responsable", "sinistres responsables"))
    if year.partial:
        parts.append(
            _plural(year.partial, "sinistre partiellement responsable", "sinistres partiellement responsables")
        )
    return " et ".join(parts)


def crm_after(
    crm: Decimal,
    years: Sequence[ClaimYear],
    *,
    usage: Usage = "standard",
    years_at_floor: int = 0,
) -> CrmResult:
    """The CRM after the given reference periods (oldest first), with one explained step per period.

    `crm` is the coefficient in force during the first period given; `years_at_floor` the number of
    consecutive whole periods already spent at 0,50 just before it (0 unless `crm` is 0,50).
    Raises `InvalidInput` (French messages by field) on a coefficient outside [0,50 ; 3,50] or
    with more than two decimals, an unknown usage or negative counts.
    """
    years = tuple(years)
    _validate(crm, years, usage, years_at_floor)
    factors = FACTORS[usage]
    current = crm.quantize(HUNDREDTH)
    floor_years = years_at_floor
    previous_claim_free = False
    steps: list[CrmStep] = []
    for number, year in enumerate(years, start=1):
        in_force = current
        clauses: list[str] = []
        if year.claim_free:
            current, product = _multiply(current, factors.claim_free)
            clauses.append(f"Année {number} sans sinistre responsable : {product}")
            if current < CRM_FLOOR:
                current = CRM_FLOOR
                clauses.append("plancher : le coefficient ne descend pas sous 0,50")
            if previous_claim_free and current > CRM_NEUTRAL:
                current = CRM_NEUTRAL
                clauses.append("deux années consécutives sans sinistre : coefficient ramené à 1,00")
            floor_years = floor_years + 1 if in_force == CRM_FLOOR else 0
        else:
            header = f"Année {number} avec {_claims_label(year)} : "
            pending = [factors.at_fault] * year.at_fault + [factors.partial] * year.partial
            if in_force == CRM_FLOOR and floor_years >= YEARS_AT_FLOOR_FOR_EXEMPTION:
                pending.pop(0)
                clauses.append(f"premier sinistre survenu après {floor_years} ans à 0,50, aucune majoration")
            for done, factor in enumerate(pending):
                if current == CRM_CAP:
                    left = len(pending) - done
                    clauses.append(
                        "plafond de 3,50 atteint : "
                        + _plural(left, "sinistre de plus", "sinistres de plus")
                        + " sans effet"
                    )
                    break
                current, product = _multiply(current, factor)
                clauses.append(product)
                if current > CRM_CAP:
                    current = CRM_CAP
                    clauses.append("plafond : le coefficient ne dépasse pas 3,50")
            if not pending:
                clauses.append(f"coefficient maintenu à {coefficient_text(current)}")
            clauses[0] = header + clauses[0]
            floor_years = 0  # raised, or the exemption is used: a new period at 0,50 starts from zero
        previous_claim_free = year.claim_free
        steps.append(CrmStep(crm=current, rule=" ; ".join(clauses) + "."))
    return CrmResult(crm=current, steps=tuple(steps))


# --- reference period and claims ----------------------------------------------------------------


def reference_period(due_date: date) -> tuple[date, date]:
    """The annual reference period of a due date, both days included.

    Twelve consecutive months ending two months before the annual due date (annexe à l'article
    A121-1): due 2026-03-01 → 2025-01-01 to 2025-12-31. Calendar arithmetic as relativedelta does it
    (polyadmin.domain.dates.add_months) from
    the due date itself (never chained), so successive periods of one contract follow each other
    without gap or overlap, month ends included (due 30 April → the period ends on 27 or 28
    February). Only a due date of 29 February, whose anniversary falls on 28 February three years
    out of four, sees two successive periods share one day.
    """
    end_exclusive = add_months(due_date, -2)
    start = add_months(due_date, -14)
    return start, end_exclusive - timedelta(days=1)


ClaimKind = Literal["accident", "parked_unidentified", "theft", "fire", "glass", "natural_disaster"]
Liability = Literal["full", "partial", "none"]
ClaimEffect = Literal["at_fault", "partial", "none"]

CLAIM_KINDS: dict[str, str] = {
    "accident": "Accident de la circulation",
    "parked_unidentified": "Véhicule en stationnement endommagé par un tiers non identifié",
    "theft": "Vol",
    "fire": "Incendie",
    "glass": "Bris de glace",
    "natural_disaster": "Catastrophe naturelle",
}
LIABILITIES: dict[str, str] = {
    "full": "Responsabilité totale",
    "partial": "Responsabilité partielle",
    "none": "Aucune responsabilité",
}


@dataclass(frozen=True)
class Claim:
    """A claim (sinistre) as the bonus-malus sees it.

    `liability` is the insured driver's share of liability; `without_consent`: the driver took the
    vehicle without the owner's or a named driver's knowledge and does not live in their household;
    `force_majeure`: the cause is an event not attributable to the insured with the features of
    force majeure (annexe art. 6).
    """

    occurred_on: date
    kind: ClaimKind = "accident"
    liability: Liability = "full"
    without_consent: bool = False
    force_majeure: bool = False


@dataclass(frozen=True)
class ClaimAssessment:
    effect: ClaimEffect
    reason: str

    @property
    def counts(self) -> bool:
        return self.effect != "none"


GUARANTEE_ONLY_KINDS = {"theft": "vol", "fire": "incendie", "glass": "bris de glace"}


def assess_claim(claim: Claim) -> ClaimAssessment:
    """Whether a claim raises the CRM, and why (annexe à l'article A121-1, art. 5 to 7)."""
    if claim.kind in GUARANTEE_ONLY_KINDS:
        return ClaimAssessment(
            "none",
            f"Sinistre mettant en jeu la seule garantie {GUARANTEE_ONLY_KINDS[claim.kind]} : "
            "pas de majoration, et la réduction de l'année reste acquise (annexe art. 7).",
        )
    if claim.kind == "parked_unidentified" and claim.liability == "none":
        return ClaimAssessment(
            "none",
            "Véhicule en stationnement endommagé par un tiers non identifié, sans responsabilité de l'assuré : "
            "pas de majoration, et la réduction de l'année reste acquise (annexe art. 7).",
        )
    if claim.kind == "natural_disaster":
        return ClaimAssessment(
            "none",
            "Catastrophe naturelle : événement non imputable à l'assuré, pas de majoration (annexe art. 6).",
        )
    if claim.without_consent:
        return ClaimAssessment(
            "none",
            "Véhicule conduit à l'insu du propriétaire par une personne extérieure au foyer : "
            "pas de majoration (annexe art. 6).",
        )
    if claim.force_majeure:
        return ClaimAssessment(
            "none", "Événement de force majeure non imputable à l'assuré : pas de majoration (annexe art. 6)."
        )
    if claim.liability == "none":
        return ClaimAssessment(
            "none",
            "Accident entièrement imputable à la victime ou à un tiers : pas de majoration (annexe art. 6).",
        )
    if claim.liability == "partial":
        return ClaimAssessment(
            "partial", "Responsabilité partiellement engagée : majoration réduite de moitié (annexe art. 5)."
        )
    return ClaimAssessment("at_fault", "Responsabilité engagée : majoration de 25 % (annexe art. 5).")


def claim_year(claims: Iterable[Claim], due_date: date) -> ClaimYear:
    """The counted claims of the reference period of `due_date` (claims outside it are ignored)."""
    start, end = reference_period(due_date)
    at_fault = partial = 0
    for claim in claims:
        if not start <= claim.occurred_on <= end:
            continue
        effect = assess_claim(claim).effect
        at_fault += effect == "at_fault"
        partial += effect == "partial"
    return ClaimYear(at_fault=at_fault, partial=partial)
