"""Endorsement of a contract (avenant, C2A.4): effective-dated changes, the premium difference pro rata
temporis by days over the rest of the annual period, its taxes, and how it is settled.

The rule (docs/contracts.md « Avenants »):

- the contract's terms (formula, options, deductibles, payment frequency, risk data: garage or home
  postcode re-rated by its zone, vehicle, driver, sums insured…) are priced by the engine *before* and
  *after* the changes, on the same date (the endorsement's date of effect) and the same conditions;
- the annual difference is the difference of the recurring amounts (the guarantees' totals, taxes
  included; the per-contract fees and contributions are not charged again): `annual_difference`, split
  into its amount before tax (premium and fractionnement) and its taxes;
- each part is split pro rata by days over the annual period running at the date of effect
  (`domain.prorata`): the part of the days from the date of effect to the end of the period is due
  (positive) or refunded (negative), each rounded half up to the cent; the amount to settle is their
  sum;
- settlement, a setting per product (`endorsements.settlement`, default « instalments »): spread over the
  remaining instalments of the period due on or after the date of effect (equal shares truncated to the
  cent, the first carries the leftover cents), or a separate notice (positive) or refund (negative);
  with no remaining instalment, a separate notice or refund;
- guards: no endorsement on a terminated or suspended contract; no change that leaves a mandatory
  guarantee out; a date of effect not before the contract's start and not after its current period;
  backdating beyond the product's window (`endorsements.backdating_days`, default 30 days) requires a
  written justification.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from polyadmin.domain.errors import Conflict, InvalidInput
from polyadmin.domain.french import short_date
from polyadmin.domain.money import from_cents, to_cents
from polyadmin.domain.prorata import pro_rata

SETTLEMENT_LABELS = {
    "instalments": "Ajoutée aux échéances restantes",
    "notice": "Quittance séparée",
    "refund": "Remboursement séparé",
    "none": "Aucune régularisation",
}
# The changeable terms, with their French labels (journal, preview, PDF).
TERM_LABELS = {
    "formula": "Formule",
    "options": "Options",
    "deductibles": "Franchises",
    "frequency": "Fractionnement",
    "payment_method": "Mode de paiement",
    "beneficiary": "Bénéficiaire",
}
STATUS_REFUSALS = {
    "terminated": "Le contrat {number} est résilié : il ne peut plus faire l'objet d'un avenant.",
    "suspended": "Le contrat {number} est suspendu : un avenant n'est possible qu'après sa remise en vigueur.",
}


@dataclass(frozen=True)
class ContractTerms:
    """What an endorsement may change: the priced choices, the risk data, how the premium is paid."""

    formula: str
    options: tuple[str, ...]
    deductibles: dict[str, str]
    frequency: str
    risk: dict[str, Any]
    payment_method: str | None = None
    beneficiary: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "formula": self.formula,
            "options": list(self.options),
            "deductibles": dict(self.deductibles),
            "frequency": self.frequency,
            "risk": dict(self.risk),
            "payment_method": self.payment_method,
            "beneficiary": self.beneficiary,
        }


def terms_from(data: dict[str, Any]) -> ContractTerms:
    return ContractTerms(
        formula=str(data["formula"]),
        options=tuple(data.get("options") or ()),
        deductibles=dict(data.get("deductibles") or {}),
        frequency=str(data["frequency"]),
        risk=dict(data.get("risk") or {}),
        payment_method=data.get("payment_method"),
        beneficiary=data.get("beneficiary"),
    )


def apply_changes(terms: ContractTerms, changes: dict[str, Any]) -> ContractTerms:
    """The terms after the changes: risk data merged field by field, the other terms replaced when given."""
    risk = dict(terms.risk)
    risk.update(changes.get("risk") or {})
    return ContractTerms(
        formula=changes.get("formula") or terms.formula,
        options=tuple(changes["options"]) if changes.get("options") is not None else terms.options,
        deductibles={**terms.deductibles, **(changes.get("deductibles") or {})},
        frequency=changes.get("frequency") or terms.frequency,
        risk=risk,
        payment_method=changes.get("payment_method") or terms.payment_method,
        beneficiary=changes.get("beneficiary") if changes.get("beneficiary") is not None else terms.beneficiary,
    )


@dataclass(frozen=True)
class Change:
    """One changed term, before → after, in French."""

    field: str
    label: str
    before: str
    after: str


def _text(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key} : {item}" for key, item in sorted(value.items()))
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def changes_between(
    before: ContractTerms,
    after: ContractTerms,
    risk_labels: dict[str, str],
    names: dict[str, dict[str, str]] | None = None,
) -> tuple[Change, ...]:
    """The terms that differ, the risk data field by field (labelled by the product's field labels); `names`
    gives the product's names of the codes (formula, options, frequency…)."""
    changes: list[Change] = []
    names = names or {}

    def named(name: str, value: Any) -> Any:
        known = names.get(name, {})
        if isinstance(value, (list, tuple)):
            return [known.get(item, item) for item in value]
        return known.get(value, value) if isinstance(value, str) else value

    old = {key: named(key, value) for key, value in before.as_dict().items()}
    new = {key: named(key, value) for key, value in after.as_dict().items()}
    for name, label in TERM_LABELS.items():
        if name in ("options",):
            if sorted(old[name]) != sorted(new[name]):
                changes.append(Change(name, label, _text(old[name]), _text(new[name])))
        elif old[name] != new[name]:
            changes.append(Change(name, label, _text(old[name]), _text(new[name])))
    for name in sorted(set(before.risk) | set(after.risk)):
        if str(before.risk.get(name)) != str(after.risk.get(name)):
            label = risk_labels.get(name, name)
            changes.append(Change(f"risk.{name}", label, _text(before.risk.get(name)), _text(after.risk.get(name))))
    return tuple(changes)


# --- guards --------------------------------------------------------------------------------------------


def check_endorsable(status: str, number: str) -> None:
    """No endorsement on a terminated or suspended contract (409 with the reason)."""
    if status in STATUS_REFUSALS:
        raise Conflict(STATUS_REFUSALS[status].format(number=number))


def check_effective_date(
    effective_on: date,
    *,
    start_date: date,
    period_end: date,
    today: date,
    backdating_days: int,
    justification: str | None,
) -> None:
    """The date of effect: not before the start, not after the current annual period; backdated beyond
    the product's window (days before the simulation's date), only with a written justification."""
    errors: dict[str, list[str]] = {}
    if effective_on < start_date:
        errors["effective_on"] = [
            f"La date d'effet de l'avenant précède la prise d'effet du contrat ({short_date(start_date)})."
        ]
    elif effective_on > period_end:
        errors["effective_on"] = [
            f"La date d'effet dépasse la période annuelle en cours (jusqu'au {short_date(period_end)}) : "
            "l'avenant se fera à l'échéance."
        ]
    elif effective_on < today - timedelta(days=backdating_days) and not (justification or "").strip():
        errors["justification"] = [
            f"Avenant rétroactif de plus de {backdating_days} jours (date d'effet le {short_date(effective_on)}) : "
            "une justification écrite est obligatoire."
        ]
    if errors:
        raise InvalidInput(errors, "Date d'effet de l'avenant invalide.")


def check_mandatory(missing: tuple[str, ...]) -> None:
    """A change may not leave a mandatory guarantee out (e.g. the RC auto, art. L211-1)."""
    if missing:
        raise InvalidInput(
            {"changes": [f"Garantie obligatoire absente après l'avenant : {', '.join(missing)}."]},
            "Avenant refusé : une garantie obligatoire manquerait.",
        )


# --- the premium difference ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RecurringAmounts:
    """The recurring annual amounts of a pricing: before tax (premium + fractionnement) and total."""

    premium_before_tax: Decimal  # the guarantees' premiums (without fractionnement)
    before_tax: Decimal  # premium + fractionnement
    total: Decimal  # taxes included


@dataclass(frozen=True)
class Difference:
    """The endorsement's premium difference and its pro rata over the rest of the annual period."""

    period_start: date
    period_end: date
    days: int
    remaining_days: int
    annual_premium_difference: Decimal  # premium before tax, without fractionnement (the contract's premium)
    annual_before_tax: Decimal  # premium + fractionnement
    annual_taxes: Decimal
    annual_total: Decimal
    before_tax: Decimal  # pro rata of the remaining days, to the cent
    taxes: Decimal
    total: Decimal


def premium_difference(
    before: RecurringAmounts, after: RecurringAmounts, period_start: date, period_end: date, effective_on: date
) -> Difference:
    annual_before_tax = after.before_tax - before.before_tax
    annual_total = after.total - before.total
    annual_taxes = annual_total - annual_before_tax
    split_before_tax = pro_rata(annual_before_tax, period_start, period_end, effective_on)
    split_taxes = pro_rata(annual_taxes, period_start, period_end, effective_on)
    return Difference(
        period_start=period_start,
        period_end=period_end,
        days=split_before_tax.days,
        remaining_days=split_before_tax.days - split_before_tax.earned_days,
        annual_premium_difference=after.premium_before_tax - before.premium_before_tax,
        annual_before_tax=annual_before_tax,
        annual_taxes=annual_taxes,
        annual_total=annual_total,
        before_tax=split_before_tax.unearned,
        taxes=split_taxes.unearned,
        total=split_before_tax.unearned + split_taxes.unearned,
    )


@dataclass(frozen=True)
class InstalmentShare:
    instalment_id: int
    due_date: date
    before: Decimal
    after: Decimal


@dataclass(frozen=True)
class Settlement:
    mode: str  # instalments | notice | refund | none
    amount: Decimal
    shares: tuple[InstalmentShare, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return SETTLEMENT_LABELS[self.mode]


def settle(amount: Decimal, setting: str, remaining: list[tuple[int, date, Decimal]]) -> Settlement:
    """How `amount` is collected (> 0) or refunded (< 0). `remaining`: (id, due date, amount) of the
    instalments of the period still due on or after the date of effect."""
    if amount == 0:
        return Settlement("none", amount)
    if setting == "instalments" and remaining:
        share, leftover = divmod(abs(to_cents(amount)), len(remaining))
        sign = 1 if amount > 0 else -1
        shares = []
        for index, (instalment_id, due_date, current) in enumerate(sorted(remaining, key=lambda item: item[1])):
            extra = sign * from_cents(share + (leftover if index == 0 else 0))
            shares.append(InstalmentShare(instalment_id, due_date, current, current + extra))
        if all(item.after >= 0 for item in shares):
            return Settlement("instalments", amount, tuple(shares))
    return Settlement("notice" if amount > 0 else "refund", amount)
