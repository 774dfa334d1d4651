"""Labels of the casework's codes for the request's workspace: statuses, document verdicts and states,
rule outcomes, experts, conditions, facts and their values — the page never prints a raw code.

The filters are listed in `FILTERS` and registered by `polyadmin.web.filters.register_filters`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from polyadmin.domain.acceptance import CONDITION_LABELS, EXPERT_LABELS, OUTCOME_LABELS
from polyadmin.domain.casework import STATUS_LABELS, VERDICT_LABELS
from polyadmin.domain.catalogue import Product
from polyadmin.domain.underwriting_facts import FACTS
from polyadmin.validation.casework import CHANNELS, CONSULTED, DOCUMENT_VERDICTS
from polyadmin.web.clients.labels import label, readable
from polyadmin.web.formatting import french_date, french_number

# Where a required document stands for the engine (acceptance.DocumentStatus.status).
DOCUMENT_STATES = {"present": "Présente", "missing": "Manquante", "expired": "Périmée", "rejected": "Non conforme"}
# A document request or a referral, as it stands.
FOLLOW_UP_STATES = {
    "en_attente": "En attente",
    "relancee": "Relancée",
    "recue": "Reçue",
    "envoyee": "Envoyée",
    "repondue": "Répondue",
}
BASES = {"reglementaire": "Réglementaire", "interne": "Règle interne"}
# Labels of the stored codes a fact's value may hold (the others read as words).
FACT_VALUE_KINDS = {
    "termination_reason": "termination_reason",
    "usage": "usage",
    "dwelling_type": "dwelling_type",
    "occupancy_status": "occupancy",
    "residence": "residence",
    "natural_hazard_zone": "hazard_zone",
}
CLIENT_KINDS = {"person": "Particulier", "company": "Entreprise"}


def _of(table: dict[Any, Any], code: object) -> str:
    if code is None or code == "":
        return "—"
    found = table.get(str(code))
    return str(found) if found else readable(str(code))


def casework_status(code: object) -> str:
    """A request's status (« attente_expert » → « En attente d'un expert »), old codes too."""
    found = {status.value: text for status, text in STATUS_LABELS.items()}.get(str(code))
    return found or label(code, "request_status")


def document_verdict(code: object) -> str:
    return _of(DOCUMENT_VERDICTS, code)


def document_state(code: object) -> str:
    return _of(DOCUMENT_STATES, code)


def rule_outcome(code: object) -> str:
    return _of({outcome.value: text for outcome, text in OUTCOME_LABELS.items()}, code)


def expert_role(code: object) -> str:
    return _of({role.value: text for role, text in EXPERT_LABELS.items()}, code)


def expert_verdict(code: object) -> str:
    return _of({verdict.value: text for verdict, text in VERDICT_LABELS.items()}, code)


def condition_kind(code: object) -> str:
    return _of({kind.value: text for kind, text in CONDITION_LABELS.items()}, code)


def follow_up(code: object) -> str:
    return _of(FOLLOW_UP_STATES, code)


def rule_basis(code: object) -> str:
    return _of(BASES, code)


def channel_name(code: object) -> str:
    return _of(CHANNELS, code)


def consulted(code: object) -> str:
    return _of(CONSULTED, code)


def fact_label(name: str) -> str:
    fact = FACTS.get(name)
    return fact.label if fact else readable(name)


def fact_value(value: Any, name: str, product: Product | None = None) -> str:
    """A fact's value as the reader wants it: « oui », « 1,25 », « 43 ans », a formula's name, a label."""
    if value is None or value == "":
        return "inconnu"
    if isinstance(value, bool):
        return "oui" if value else "non"
    fact = FACTS.get(name)
    unit = f"\u00a0{fact.unit}" if fact and fact.unit else ""
    if isinstance(value, (int, Decimal)):
        return french_number(value) + unit
    if isinstance(value, date):
        return french_date(value, "long")
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(fact_value(item, name, product) for item in value) or "aucune"
    code = str(value)
    if product is not None:
        if name == "formula" and (formula := product.formula(code)) is not None:
            return formula.name
        if name == "options" and (option := product.guarantee(code) or product.modifier(code)) is not None:
            return option.name
        if name == "frequency" and (frequency := product.frequency(code)) is not None:
            return frequency.label
    if name == "client_kind":
        return _of(CLIENT_KINDS, code)
    if name in FACT_VALUE_KINDS:
        return label(code, FACT_VALUE_KINDS[name])
    return readable(code)


FILTERS: dict[str, Callable[..., str]] = {
    "casework_status": casework_status,
    "document_verdict": document_verdict,
    "document_state": document_state,
    "rule_outcome": rule_outcome,
    "expert_role": expert_role,
    "expert_verdict": expert_verdict,
    "condition_kind": condition_kind,
    "follow_up": follow_up,
    "rule_basis": rule_basis,
    "channel_name": channel_name,
    "consulted": consulted,
    "fact_label": fact_label,
    "fact_value": fact_value,
}
