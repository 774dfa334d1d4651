"""Novice driver surcharge (surprime des conducteurs novices), Code des assurances art. A121-1-1.

The article (formerly A335-9-1), in substance:

1. In motor liability insurance, the reference premium (annexe à l'article A121-1, art. 2) may
   carry a surcharge for insureds whose licence is less than three years old, and for those with
   an older licence who cannot show effective insurance during the three years before the
   contract.
2. The surcharge cannot exceed 100 % of the reference premium; this ceiling is 50 % for novices
   who passed their licence through « apprentissage anticipé de la conduite » (AAC, conduite
   accompagnée — code de la route R. 123-3 at the time of the text).
3. « Elle est réduite de la moitié de son taux initial après chaque année, consécutive ou non, sans
   sinistre engageant la responsabilité. »
4. A new insurer may apply the surcharge the previous one could have asked.

Reading implemented here (service-public.fr, fiche F2663 « Assurance auto : jeune conducteur et
surprime »: 100 % the first year, 50 % after one year without at-fault claim, 25 % after two, none
after three; with AAC: 50 %, 25 %, then none):

- The surcharge of an insurance year is the initial rate halved once per completed year *without*
  at-fault claim, « consécutive ou non »: a year with an at-fault claim (even partly at fault)
  brings no halving that year, the rate stays where it was.
- It disappears after three claim-free years (two with AAC). Years with at-fault claims do not
  count towards that end, so they push it back (this is the reading of « consécutive ou non »; some
  guides say it never lasts more than three years in all — the article itself sets no such limit).
- `maximum_percent` is the rate the insurer chose for the first year, at most 100; with AAC the
  legal ceiling of 50 % applies on top of it.
- Percentages are exact Decimals (100 → 50 → 25; a first-year rate of 75 gives 37.5, then 18.75).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.french import percent_text

LEGAL_MAXIMUM = Decimal(100)
ACCOMPANIED_MAXIMUM = Decimal(50)
CLAIM_FREE_YEARS_TO_END = 3
CLAIM_FREE_YEARS_TO_END_ACCOMPANIED = 2
MAX_YEARS = 100


@dataclass(frozen=True)
class NoviceSurcharge:
    """The surcharge rate, in percent of the reference premium, and the rule applied (French)."""

    percent: Decimal
    rule: str


def _count_error(value: object, label: str) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return f"{label} : nombre entier positif ou nul attendu."
    if value > MAX_YEARS:
        return f"{label} : {MAX_YEARS} au maximum."
    return None


def _validate(years_licensed: int, claim_free_years: int, maximum_percent: Decimal) -> None:
    errors: dict[str, list[str]] = {}
    for field, value, label in (
        ("years_licensed", years_licensed, "Années de permis"),
        ("claim_free_years", claim_free_years, "Années sans sinistre responsable"),
    ):
        message = _count_error(value, label)
        if message:
            errors[field] = [message]
    if not errors and claim_free_years > years_licensed:
        errors["claim_free_years"] = [
            "Le nombre d'années sans sinistre responsable ne peut pas dépasser le nombre d'années de permis."
        ]
    if not isinstance(maximum_percent, Decimal) or not maximum_percent.is_finite():
        errors["maximum_percent"] = ["Taux invalide : nombre décimal attendu."]
    elif not Decimal(0) <= maximum_percent <= LEGAL_MAXIMUM:
        errors["maximum_percent"] = ["La surprime est comprise entre 0 et 100 % de la prime de référence (A121-1-1)."]
    if errors:
        raise InvalidInput(errors)


def novice_surcharge(
    years_licensed: int,
    accompanied_driving: bool,
    claim_free_years: int,
    *,
    maximum_percent: Decimal = LEGAL_MAXIMUM,
) -> NoviceSurcharge:
    """The novice surcharge of the coming insurance year, with its explanation.

    `years_licensed`: whole years since the licence, i.e. the insurance years completed as a novice
    (for a driver who is novice because uninsured for three years, count the years since the
    contract began); `claim_free_years`: how many of them had no at-fault claim (consecutive or
    not). Raises `InvalidInput` when a count is negative
    or `claim_free_years` exceeds `years_licensed`.
    """
    _validate(years_licensed, claim_free_years, maximum_percent)
    ceiling = ACCOMPANIED_MAXIMUM if accompanied_driving else LEGAL_MAXIMUM
    initial = min(maximum_percent, ceiling)
    years_to_end = CLAIM_FREE_YEARS_TO_END_ACCOMPANIED if accompanied_driving else CLAIM_FREE_YEARS_TO_END
    with_claims = years_licensed - claim_free_years
    clauses = []
    first_year = (
        "Conduite accompagnée (AAC) : surprime de première année"
        if accompanied_driving
        else ("Surprime de première année")
    )
    clauses.append(f"{first_year} de {percent_text(initial)} ({percent_text(ceiling)} au plus)")
    if claim_free_years >= years_to_end:
        percent = Decimal(0)
        clauses.append(
            f"elle disparaît après {years_to_end} années sans sinistre responsable (ici {claim_free_years}) : 0 %"
        )
    elif claim_free_years == 0:
        percent = initial
        if years_licensed == 0:
            clauses.append("1re année d'assurance, pas encore de réduction")
        else:
            clauses.append("aucune année sans sinistre responsable, pas de réduction")
    else:
        percent = initial / (2**claim_free_years)
        year_word = "année" if claim_free_years == 1 else "années"
        clauses.append(
            f"réduite de moitié après chaque année sans sinistre responsable : {claim_free_years} {year_word}, "
            f"soit {percent_text(percent)}"
        )
    if with_claims and percent:
        year_word, pronoun = ("année", "elle") if with_claims == 1 else ("années", "elles")
        clauses.append(f"{with_claims} {year_word} avec sinistre responsable : pas de réduction pour {pronoun}")
    rule = " ; ".join(clauses) + " (article A121-1-1 du Code des assurances)."
    return NoviceSurcharge(percent=percent, rule=rule)


def novice_surcharge_percent(
    years_licensed: int,
    accompanied_driving: bool,
    claim_free_years: int,
    *,
    maximum_percent: Decimal = LEGAL_MAXIMUM,
) -> Decimal:
    """The novice surcharge rate in percent: (1, False, 1) → 50; (0, True, 0) → 50; (2, True, 2) → 0."""
    return novice_surcharge(
        years_licensed, accompanied_driving, claim_free_years, maximum_percent=maximum_percent
    ).percent
