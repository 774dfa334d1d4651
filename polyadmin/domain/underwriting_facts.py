"""The facts acceptance rules speak about (données d'analyse), and how they follow from a request.

Rules in rules/ may only name a fact listed in `FACTS`; the loader checks each test against the fact's
kind. `request_facts` computes them from plain data (the request's declared risk data, the client's
record, insurance history and claims), on the request's dates: no storage, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

FactKind = Literal["integer", "decimal", "boolean", "text", "list", "date"]

# Lemoine (art. L113-2-1 C. assur.): no health questionnaire when the insured share of home loans is at
# most 200 000 € per person and the loan ends before the borrower's 60th birthday.
LEMOINE_MAX_INSURED_AMOUNT = Decimal("200000")
LEMOINE_AGE_AT_TERM = 60
# Claims and terminations looked at over the last three years (the relevé d'information's period).
HISTORY_MONTHS = 36


@dataclass(frozen=True)
class Fact:
    name: str
    kind: FactKind
    label: str
    unit: str = ""


FACTS: dict[str, Fact] = {
    fact.name: fact
    for fact in (
        # The request
        Fact("formula", "text", "Formule demandée"),
        Fact("options", "list", "Options demandées"),
        Fact("frequency", "text", "Fractionnement"),
        # The client and their history
        Fact("client_kind", "text", "Type de client"),
        Fact("age", "integer", "Âge du souscripteur à la date d'effet", "ans"),
        Fact("prior_insurance", "boolean", "Déjà assuré pour ce risque (antécédents déclarés ou connus)"),
        Fact("claims_36m", "integer", "Sinistres des 36 derniers mois"),
        Fact("at_fault_claims_36m", "integer", "Sinistres responsables (totalement ou en partie) des 36 derniers mois"),
        Fact("terminated_by_insurer", "boolean", "Résilié par un assureur au cours des 36 derniers mois"),
        Fact("termination_reason", "text", "Motif de la dernière résiliation par un assureur"),
        Fact("months_since_termination", "integer", "Mois écoulés depuis cette résiliation", "mois"),
        Fact("months_uninsured", "integer", "Mois sans assurance avant la date d'effet", "mois"),
        Fact("existing_contracts", "integer", "Contrats en cours chez nous"),
        Fact("unpaid_instalments", "integer", "Échéances impayées sur les contrats en cours"),
        # Auto
        Fact("driver_age", "integer", "Âge du conducteur principal", "ans"),
        Fact("licence_years", "integer", "Ancienneté du permis", "ans"),
        Fact("novice", "boolean", "Conducteur novice (permis de moins de 3 ans)"),
        Fact("accompanied_driving", "boolean", "Conduite accompagnée"),
        Fact("crm", "decimal", "Coefficient de réduction-majoration (CRM)"),
        Fact("vehicle_group", "integer", "Groupe SRA du véhicule"),
        Fact("vehicle_value", "decimal", "Valeur du véhicule", "€"),
        Fact("vehicle_age_years", "integer", "Âge du véhicule", "ans"),
        Fact("usage", "text", "Usage du véhicule"),
        Fact("annual_mileage", "integer", "Kilométrage annuel", "km"),
        # Home and business premises
        Fact("dwelling_type", "text", "Type de logement"),
        Fact("occupancy_status", "text", "Qualité de l'occupant"),
        Fact("residence", "text", "Résidence principale ou secondaire"),
        Fact("construction_year", "integer", "Année de construction"),
        Fact("natural_hazard_zone", "text", "Zone de risque naturel (inondation, argiles…)"),
        Fact("flood_zone", "boolean", "Zone inondable déclarée"),
        Fact("contents_value", "decimal", "Capital mobilier / contenu assuré", "€"),
        Fact("surface", "integer", "Surface", "m²"),
        # Professional
        Fact("activity", "text", "Activité professionnelle"),
        Fact("turnover", "decimal", "Chiffre d'affaires annuel", "€"),
        Fact("staff", "integer", "Effectif", "salariés"),
        Fact("years_in_business", "integer", "Ancienneté de l'entreprise", "ans"),
        # Loan insurance
        Fact("loan_capital", "decimal", "Capital emprunté", "€"),
        Fact("insured_amount", "decimal", "Part assurée du capital", "€"),
        Fact("age_at_term", "integer", "Âge de l'assuré à la fin du prêt", "ans"),
        Fact("lemoine_eligible", "boolean", "Dispensé de questionnaire de santé (loi Lemoine, L113-2-1)"),
        Fact("smoker", "boolean", "Fumeur"),
        Fact("profession_class", "text", "Classe de risque professionnel"),
        # Health
        Fact("children", "integer", "Enfants à assurer"),
        Fact("has_spouse", "boolean", "Conjoint à assurer"),
    )
}


@dataclass(frozen=True)
class PastInsurance:
    """One line of the client's insurance history (antécédent)."""

    line: str
    start_date: date
    end_date: date | None = None
    terminated_by: str | None = None
    termination_reason: str | None = None


@dataclass(frozen=True)
class PastClaim:
    occurred_on: date
    liability: str  # full | partial | none


@dataclass(frozen=True)
class RequestInputs:
    """What a request's analysis is computed from (plain values, read by the service)."""

    product_line: str
    received_on: date
    effective_date: date
    formula: str
    options: tuple[str, ...] = ()
    frequency: str = "annuel"
    declared: Mapping[str, Any] = field(default_factory=dict)
    client_kind: str = "person"
    birth_date: date | None = None
    history: tuple[PastInsurance, ...] = ()
    claims: tuple[PastClaim, ...] = ()
    existing_contracts: int = 0
    unpaid_instalments: int = 0
    record: Mapping[str, Any] = field(default_factory=dict)  # the risk record: vehicle, dwelling, business, loan


def years_between(start: date, end: date) -> int:
    """Whole years from `start` to `end` (an age, a seniority)."""
    return relativedelta(end, start).years


def months_between(start: date, end: date) -> int:
    delta = relativedelta(end, start)
    return delta.years * 12 + delta.months


def request_facts(inputs: RequestInputs) -> dict[str, Any]:
    """Every fact the inputs allow; a fact they do not give is left out (rules then treat it as unknown)."""
    facts: dict[str, Any] = {
        "formula": inputs.formula,
        "options": list(inputs.options),
        "frequency": inputs.frequency,
        "client_kind": inputs.client_kind,
        "existing_contracts": inputs.existing_contracts,
        "unpaid_instalments": inputs.unpaid_instalments,
    }
    if inputs.birth_date is not None:
        facts["age"] = years_between(inputs.birth_date, inputs.effective_date)
    facts.update(_history_facts(inputs))
    facts.update(_declared_facts(inputs))
    return facts


def _history_facts(inputs: RequestInputs) -> dict[str, Any]:
    since = inputs.received_on - relativedelta(months=HISTORY_MONTHS)
    recent = [claim for claim in inputs.claims if since <= claim.occurred_on <= inputs.received_on]
    facts: dict[str, Any] = {
        "claims_36m": len(recent),
        "at_fault_claims_36m": sum(1 for claim in recent if claim.liability in ("full", "partial")),
    }
    same_line = [past for past in inputs.history if past.line == inputs.product_line]
    terminations = sorted(
        (
            past
            for past in inputs.history
            if past.terminated_by == "insurer" and past.end_date is not None and past.end_date >= since
        ),
        key=lambda past: past.end_date or past.start_date,
    )
    facts["terminated_by_insurer"] = bool(terminations)
    if terminations:
        last = terminations[-1]
        assert last.end_date is not None
        facts["termination_reason"] = last.termination_reason
        facts["months_since_termination"] = months_between(last.end_date, inputs.received_on)
    declared = inputs.declared
    declared_past = _positive(declared.get("claim_free_years")) or _not_one(declared.get("crm"))
    facts["prior_insurance"] = bool(same_line) or declared_past
    if same_line and not any(past.end_date is None or past.end_date >= inputs.effective_date for past in same_line):
        ended = max(past.end_date for past in same_line if past.end_date is not None)
        facts["months_uninsured"] = max(0, months_between(ended, inputs.effective_date))
    elif same_line:
        facts["months_uninsured"] = 0
    return facts


def _positive(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _not_one(value: Any) -> bool:
    return isinstance(value, Decimal) and value != Decimal("1.00")


def _declared_facts(inputs: RequestInputs) -> dict[str, Any]:
    declared, record, on = inputs.declared, inputs.record, inputs.effective_date
    facts: dict[str, Any] = {}
    copied = {
        # fact: the declared risk field (or the record's attribute) it is read from
        "crm": "crm",
        "vehicle_group": "vehicle_group",
        "usage": "usage",
        "annual_mileage": "annual_mileage",
        "accompanied_driving": "accompanied_driving",
        "dwelling_type": "dwelling_type",
        "occupancy_status": "occupancy_status",
        "residence": "residence",
        "flood_zone": "flood_zone",
        "surface": "surface",
        "activity": "activity",
        "staff": "staff",
        "smoker": "smoker",
        "profession_class": "profession_class",
        "children": "children",
        "has_spouse": "has_spouse",
    }
    for fact, key in copied.items():
        value = declared.get(key, record.get(key))
        if value is not None:
            facts[fact] = value
    for fact in ("vehicle_value", "contents_value", "turnover"):
        value = declared.get(fact, record.get(fact))
        if value is not None:
            facts[fact] = Decimal(value)
    for fact in ("construction_year", "natural_hazard_zone"):
        if record.get(fact) is not None:
            facts[fact] = record[fact]
    _driver_facts(declared, on, facts)
    first_registration = declared.get("first_registration_date", record.get("first_registration"))
    if isinstance(first_registration, date):
        facts["vehicle_age_years"] = years_between(first_registration, on)
    started = record.get("start_of_activity")
    if isinstance(started, date):
        facts["years_in_business"] = years_between(started, on)
    _loan_facts(declared, record, on, facts)
    return facts


def _driver_facts(declared: Mapping[str, Any], on: date, facts: dict[str, Any]) -> None:
    birth = declared.get("driver_birth_date")
    if isinstance(birth, date):
        facts["driver_age"] = years_between(birth, on)
    licence = declared.get("licence_date")
    if isinstance(licence, date):
        seniority = years_between(licence, on)
        facts["licence_years"] = seniority
        facts["novice"] = seniority < 3  # A121-1-1: a licence of less than three years


def _loan_facts(declared: Mapping[str, Any], record: Mapping[str, Any], on: date, facts: dict[str, Any]) -> None:
    capital = declared.get("capital", record.get("capital"))
    if capital is None:
        return
    capital = Decimal(capital)
    share = Decimal(declared.get("quotite", record.get("insured_share_percent", 100)))
    months = declared.get("duration_months", record.get("duration_months"))
    facts["loan_capital"] = capital
    insured = (capital * share / Decimal(100)).quantize(Decimal("0.01"))
    facts["insured_amount"] = insured
    birth = declared.get("borrower_birth_date")
    started = record.get("start_date")
    start: date = started if isinstance(started, date) else on
    if isinstance(birth, date) and isinstance(months, int):
        term = start + relativedelta(months=months)
        facts["age_at_term"] = years_between(birth, term)
        sixtieth = birth + relativedelta(years=LEMOINE_AGE_AT_TERM)
        facts["lemoine_eligible"] = insured <= LEMOINE_MAX_INSURED_AMOUNT and term < sixtieth
