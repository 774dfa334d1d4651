"""How the services' objects become the request endpoints' answers: plain dicts for `schemas.py`, with a
French label beside every code (statuses, outcomes, experts, document kinds).

Reading only: the services decide what the actor may see (`shows_evaluation`), this module writes it out
and leaves the evaluators' fields out of everyone else's answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from polyadmin.documents.specimen_kinds import kind_title
from polyadmin.domain.acceptance import (
    EXPERT_LABELS,
    OUTCOME_LABELS,
    DelegationCheck,
    DocumentStatus,
    ExpertRole,
    Firing,
    Outcome,
    SpecialCondition,
    SpecialConditionKind,
)
from polyadmin.domain.canonical import to_json_value
from polyadmin.domain.casework import VERDICT_LABELS
from polyadmin.domain.catalogue import Product
from polyadmin.domain.scoring import Score
from polyadmin.domain.underwriting_facts import FACTS
from polyadmin.services.analysis import RequestAnalysis
from polyadmin.services.casework import SIMULATED_EXPERT, Workspace
from polyadmin.services.portfolio import DocumentView, RequestDetail, RequestView
from polyadmin.store.casework import DocumentCheck, DocumentRequest, NonConformity, Referral, RequestDecision
from polyadmin.store.models import Sandbox, User
from polyadmin.validation.casework import CHANNELS, DOCUMENT_VERDICTS

ENGINE_STATUS_LABELS = {
    "present": "Présente et valable",
    "missing": "Manquante",
    "expired": "Périmée",
    "rejected": "Non conforme (contredit la déclaration ou écartée)",
}
STAGE_LABELS = {"analyse": "Nécessaire pour décider", "emission": "Nécessaire avant l'émission du contrat"}
BASIS_LABELS = {"reglementaire": "Règle réglementaire", "interne": "Règle interne de souscription"}
DOCUMENT_REQUEST_STATUS_LABELS = {
    "en_attente": "En attente",
    "recue": "Reçue",
    "incomplete": "Incomplète",
    "relancee": "Relancée",
}
REFERRAL_STATUS_LABELS = {"envoyee": "Envoyée", "relancee": "Relancée", "repondue": "Répondue"}


def plain(value: Any) -> Any:
    """A value as JSON (decimals and dates as strings); a float read back from a JSON column as its text."""
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return to_json_value(value)


def _label(labels: Mapping[Any, str], code: str | None) -> str | None:
    if code is None:
        return None
    return labels.get(code, code)


def document_label(code: str, product: Product | None = None) -> str:
    """The product's name for a required document, else the SPECIMEN kind's title."""
    if product is not None:
        for document in product.required_documents:
            if document.code == code:
                return document.label
    return kind_title(code)


def _outcome_label(code: str | None) -> str | None:
    try:
        return Outcome(code).label if code else None
    except ValueError:
        return code


# --- the inbox and the workspace ----------------------------------------------------------------------


def summary_view(view: RequestView, evaluation: bool) -> dict[str, Any]:
    requested = view.requested
    options = requested.get("options")
    answer: dict[str, Any] = {
        "id": view.id,
        "number": view.number,
        "received_on": view.received_on,
        "channel": view.channel,
        "product_code": view.product_code,
        "product_name": view.product_name,
        "formula": requested.get("formula") if isinstance(requested.get("formula"), str) else None,
        "formula_name": view.formula_name,
        "options": [str(code) for code in options] if isinstance(options, list) else [],
        "option_names": list(view.option_names),
        "frequency": requested.get("frequency") if isinstance(requested.get("frequency"), str) else None,
        "frequency_label": view.frequency_label,
        "status": view.status,
        "status_label": view.status_label,
        "deadline": view.deadline,
        "overdue": view.overdue,
        "client_id": view.client_id,
        "client_number": view.client_number,
        "client_name": view.client_name,
        "documents_count": view.documents_count,
        "upcoming": view.upcoming,
    }
    if evaluation:
        answer.update(
            case_code=view.case_code,
            expected_outcome=view.expected_outcome,
            expected_outcome_label=_outcome_label(view.expected_outcome),
            expected_notes=view.expected_notes,
        )
    return answer


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def request_view(detail: RequestDetail, work: Workspace | None) -> dict[str, Any]:
    """The workspace: the request as received, what the analysis reads in it, and the casework so far
    (`work` is None for a request that has not arrived yet, which only evaluators and trainers see)."""
    evaluation = detail.shows_evaluation
    requested = detail.request.requested
    product = work.analysis.product if work is not None else None
    statuses = {s.document_id: s for s in work.analysis.assessment.documents} if work is not None else {}
    mismatches = work.analysis.mismatches if work is not None else {}
    today = work.sandbox.business_date if work is not None else None
    message = requested.get("message")
    return {
        **summary_view(detail.request, evaluation),
        "effective_date": _day(requested.get("effective_date")),
        "message": message if isinstance(message, str) else None,
        "declared": [
            {
                "name": item.name,
                "label": item.label,
                "value": plain(item.value),
                "kind": item.kind,
                "unit": item.unit,
                "choice_label": item.choice_label,
            }
            for item in detail.declared
        ],
        "documents": [
            _document(document, product, statuses.get(document.id), mismatches.get(document.id, ()), evaluation)
            for document in detail.documents
        ],
        "required_documents": (
            [required_view(status, product) for status in work.analysis.assessment.documents] if work else []
        ),
        "checks": [check_view(row, product) for row in work.checks] if work else [],
        "document_requests": [document_request_view(row, product) for row in work.document_requests] if work else [],
        "referrals": [referral_view(row, today) for row in work.referrals] if work and today else [],
        "decision": decision_view(work.decision) if work and work.decision else None,
        "non_conformities": [non_conformity_view(row) for row in work.non_conformities] if work else [],
    }


def _document(
    document: DocumentView,
    product: Product | None,
    status: DocumentStatus | None,
    mismatches: Iterable[Any],
    evaluation: bool,
) -> dict[str, Any]:
    found = list(mismatches)
    engine = status.status if status is not None else ("rejected" if found else None)
    answer = {
        "id": document.id,
        "kind": document.kind,
        "kind_label": document_label(document.kind, product),
        "title": document.title,
        "issued_on": document.issued_on,
        "valid_until": document.valid_until,
        "data": plain(document.data),
        "engine_status": engine,
        "engine_status_label": _label(ENGINE_STATUS_LABELS, engine),
        "mismatches": [
            {"field": m.field, "label": m.label, "on_document": m.on_document, "declared": m.declared} for m in found
        ],
    }
    if evaluation:
        answer["anomaly"] = document.anomaly
    return answer


def required_view(status: DocumentStatus, product: Product | None) -> dict[str, Any]:
    return {
        "code": status.code,
        "label": document_label(status.code, product),
        "status": status.status,
        "status_label": ENGINE_STATUS_LABELS.get(status.status, status.status),
        "document_id": status.document_id,
        "issued_on": status.issued_on,
        "stage": status.stage,
        "stage_label": STAGE_LABELS.get(status.stage, status.stage),
    }


def check_view(row: DocumentCheck, product: Product | None = None) -> dict[str, Any]:
    return {
        "id": row.id,
        "document_id": row.document_id,
        "document_kind": row.document_kind,
        "document_label": document_label(row.document_kind, product),
        "verdict": row.verdict,
        "verdict_label": DOCUMENT_VERDICTS.get(row.verdict, row.verdict),
        "reason": row.reason,
        "checked_on": row.checked_on,
    }


def document_request_view(row: DocumentRequest, product: Product | None = None) -> dict[str, Any]:
    return {
        "id": row.id,
        "documents": list(row.documents),
        "document_labels": [document_label(code, product) for code in row.documents],
        "message": row.message,
        "channel": row.channel,
        "channel_label": CHANNELS.get(row.channel, row.channel),
        "sent_on": row.sent_on,
        "deadline": row.deadline,
        "status": row.status,
        "status_label": DOCUMENT_REQUEST_STATUS_LABELS.get(row.status, row.status),
        "reminders": row.reminders,
        "last_reminder_on": row.last_reminder_on,
    }


def _answered_by(row: Referral) -> str | None:
    if row.status != "repondue":
        return None
    if row.answered_by_id is None:
        return SIMULATED_EXPERT.username
    session = Session.object_session(row)
    user = session.get(User, row.answered_by_id) if session is not None else None
    return user.username if user is not None else None


def referral_view(row: Referral, today: date | None = None) -> dict[str, Any]:
    if today is None:
        session = Session.object_session(row)
        sandbox = session.get(Sandbox, row.sandbox_id) if session is not None else None
        today = sandbox.business_date if sandbox is not None else row.sent_on
    return {
        "id": row.id,
        "request_id": row.request_id,
        "number": row.number,
        "expert": row.expert,
        "expert_label": _label(EXPERT_LABELS, row.expert),
        "question": row.question,
        "elements": list(row.elements),
        "sent_on": row.sent_on,
        "answer_due": row.answer_due,
        "overdue": row.status != "repondue" and today > row.answer_due,
        "status": row.status,
        "status_label": REFERRAL_STATUS_LABELS.get(row.status, row.status),
        "reminders": row.reminders,
        "answered_on": row.answered_on,
        "answer": row.answer,
        "verdict": row.verdict,
        "verdict_label": _label(VERDICT_LABELS, row.verdict),
        "answered_by": _answered_by(row),
    }


def _condition(condition: Mapping[str, Any] | SpecialCondition) -> dict[str, Any]:
    read = condition.get if isinstance(condition, Mapping) else lambda key: getattr(condition, key)
    kind = str(to_json_value(read("kind")))
    try:
        kind_label = SpecialConditionKind(kind).label
    except ValueError:
        kind_label = kind
    return {
        "kind": kind,
        "kind_label": kind_label,
        "label": str(read("label") or ""),
        "guarantee": read("guarantee"),
        "deductible": read("deductible"),
        "option": read("option"),
        "percent": read("percent"),
        "amount": read("amount"),
    }


def decision_view(row: RequestDecision) -> dict[str, Any]:
    return {
        "id": row.id,
        "outcome": row.outcome,
        "outcome_label": _outcome_label(row.outcome),
        "conditions": [_condition(condition) for condition in row.conditions],
        "reason": row.reason,
        "justification": row.justification,
        "alternative": row.alternative,
        "overridden": list(row.overridden),
        "decided_on": row.decided_on,
    }


def non_conformity_view(row: NonConformity) -> dict[str, Any]:
    return {
        "id": row.id,
        "document_id": row.document_id,
        "description": row.description,
        "handling": row.handling,
        "recorded_on": row.recorded_on,
    }


def correction_view(changes: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "changes": [
            {"target": target, "before": plain(change.get("from")), "after": plain(change.get("to"))}
            for target, change in changes.items()
        ]
    }


# --- the analysis -------------------------------------------------------------------------------------


def _fact_values(values: Mapping[str, Any]) -> list[dict[str, Any]]:
    answer = []
    for name, value in values.items():
        fact = FACTS.get(name)
        answer.append(
            {
                "fact": name,
                "label": fact.label if fact else name,
                "value": plain(value),
                "unit": fact.unit if fact else "",
            }
        )
    return answer


def _expert(role: ExpertRole | None) -> tuple[str | None, str | None]:
    return (role.value, role.label) if role is not None else (None, None)


def _rule(firing: Firing) -> dict[str, Any]:
    rule = firing.rule
    expert, expert_label = _expert(rule.expert)
    return {
        "code": rule.code,
        "label": rule.label,
        "outcome": rule.outcome.value,
        "outcome_label": rule.outcome.label,
        "blocking": rule.blocking,
        "basis": rule.basis,
        "basis_label": BASIS_LABELS.get(rule.basis, rule.basis),
        "message": rule.message,
        "reference": rule.reference,
        "expert": expert,
        "expert_label": expert_label,
        "conditions": [_condition(condition) for condition in rule.conditions],
        "values": _fact_values(firing.values),
    }


def _delegation(check: DelegationCheck) -> dict[str, Any]:
    limit = check.limit
    return {
        "fact": limit.fact,
        "label": limit.label,
        "expert": limit.expert.value,
        "expert_label": limit.expert.label,
        "maximum": limit.maximum,
        "limit_values": list(limit.values),
        "value": plain(check.value),
        "exceeded": check.exceeded,
    }


def _score(found: Score | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "label": found.label,
        "probability": found.probability,
        "log_odds": found.log_odds,
        "level": found.level,
        "contributions": [
            {"label": item.label, "points": item.points, "values": _fact_values(item.values)}
            for item in found.contributions
        ],
    }


def analysis_view(analysis: RequestAnalysis) -> dict[str, Any]:
    assessment = analysis.assessment
    product = analysis.product
    return {
        "request_id": analysis.request.id,
        "recommendation": assessment.outcome.value,
        "recommendation_label": OUTCOME_LABELS[assessment.outcome],
        "rules": [_rule(firing) for firing in assessment.firings],
        "documents": [required_view(status, product) for status in assessment.documents],
        "delegation": [_delegation(check) for check in assessment.delegation],
        "exceeds_delegation": assessment.exceeds_delegation,
        "score": _score(analysis.score),
        "experts": [{"code": role.value, "label": role.label} for role in assessment.experts],
        "conditions": [_condition(condition) for condition in assessment.conditions],
        "missing_documents": list(assessment.missing_documents),
        "unknown_facts": [
            {"code": name, "label": FACTS[name].label if name in FACTS else name} for name in assessment.unknown_facts
        ],
    }
