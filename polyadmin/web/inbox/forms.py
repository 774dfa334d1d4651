"""The forms of a request's workspace: what each one posts to the casework service, what it shows first
(pre-filled from the analysis), and its errors back beside its own fields.

Several forms share a page, so each field's id is prefixed by its form (« f-decline-reason »): the
error summary links to the right field, and two « Motif » fields never share an id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from werkzeug.datastructures import MultiDict

from polyadmin.domain.acceptance import CONDITION_LABELS, EXPERT_LABELS, Outcome
from polyadmin.services.casework import Workspace
from polyadmin.web.forms import SummaryItem

DOCUMENT_DEADLINE_DAYS = 10  # a client is given ten days to send what is missing, unless the candidate says otherwise
EMPTY_CONDITION_ROWS = 2  # blank rows after the analysis's conditions, for the candidate's own
CONDITION_EXTRAS = ("guarantee", "deductible", "option", "percent", "amount")

# Each form of the page: its fields' labels (for the error summary).
FORM_LABELS: dict[str, dict[str, str]] = {
    "check": {"document_id": "Pièce", "document_kind": "Pièce", "verdict": "Constat", "reason": "Motif"},
    "correction": {"field": "Donnée", "value": "Valeur lue sur la pièce", "document_id": "Pièce", "reason": "Motif"},
    "documents": {
        "documents": "Pièces à demander",
        "deadline": "Date limite",
        "channel": "Canal",
        "message": "Message au client",
        "document_request": "Demande de pièces",
    },
    "referral": {"expert": "Expert", "question": "Question", "elements": "Pièces jointes", "referral": "Transmission"},
    "decision": {
        "outcome": "Décision",
        "conditions": "Conditions",
        "reason": "Motif",
        "justification": "Justification",
        "alternative": "Alternative proposée",
    },
    "non_conformity": {"document_id": "Pièce", "description": "Anomalie constatée", "handling": "Traitement"},
    "answer": {"verdict": "Avis", "answer": "Réponse de l'expert", "referral": "Transmission"},
    "simulation": {"_schema": "Simulation"},
}


def with_labels(errors: Mapping[str, list[str]], codes: Mapping[str, str]) -> dict[str, list[str]]:
    """The service's messages with the document codes they name replaced by their labels
    (« Pièces manquantes : releve_information » → « … : Relevé d'information »)."""
    if not codes:
        return dict(errors)
    pattern = re.compile(r"\b(" + "|".join(re.escape(code) for code in sorted(codes, key=len, reverse=True)) + r")\b")
    return {
        name: [pattern.sub(lambda found: codes[found.group(1)], message) for message in messages]
        for name, messages in errors.items()
    }


def text(form: Mapping[str, str], name: str) -> str | None:
    value = (form.get(name) or "").strip()
    return value or None


def number(form: Mapping[str, str], name: str) -> int | None:
    value = (form.get(name) or "").strip()
    return int(value) if value.isdigit() else None


def check_data(form: MultiDict[str, str]) -> dict[str, Any]:
    return {
        "document_id": number(form, "document_id"),
        "document_kind": text(form, "document_kind"),
        "verdict": text(form, "verdict"),
        "reason": text(form, "reason"),
    }


def correction_data(form: MultiDict[str, str]) -> dict[str, Any]:
    return {
        "field": text(form, "field"),
        "value": (form.get("value") or "").strip(),
        "document_id": number(form, "document_id"),
        "reason": text(form, "reason"),
    }


def documents_data(form: MultiDict[str, str]) -> dict[str, Any]:
    return {
        "documents": [code for code in form.getlist("documents") if code],
        "deadline": text(form, "deadline"),
        "channel": text(form, "channel") or "email",
        "message": text(form, "message"),
    }


def referral_data(form: MultiDict[str, str]) -> dict[str, Any]:
    return {
        "expert": text(form, "expert"),
        "question": text(form, "question"),
        "elements": [int(item) for item in form.getlist("elements") if item.isdigit()],
    }


def conditions_of(form: MultiDict[str, str]) -> list[dict[str, Any]]:
    """The condition rows the candidate kept: a row whose text was emptied is dropped."""
    rows = []
    index = 0
    while f"conditions-{index}-label" in form:
        prefix = f"conditions-{index}-"
        label = text(form, prefix + "label")
        if label:
            row: dict[str, Any] = {"kind": text(form, prefix + "kind"), "label": label}
            row.update({extra: text(form, prefix + extra) for extra in CONDITION_EXTRAS})
            rows.append(row)
        index += 1
    return rows


def decision_data(form: MultiDict[str, str]) -> dict[str, Any]:
    outcome = text(form, "outcome")
    data: dict[str, Any] = {
        "outcome": outcome,
        "reason": text(form, "reason"),
        "justification": text(form, "justification"),
        "alternative": text(form, "alternative"),
    }
    if outcome == "accept_conditions":
        data["conditions"] = conditions_of(form)
    return data


def non_conformity_data(form: MultiDict[str, str]) -> dict[str, Any]:
    return {
        "document_id": number(form, "document_id"),
        "description": text(form, "description"),
        "handling": text(form, "handling"),
    }


def answer_data(form: MultiDict[str, str]) -> dict[str, Any]:
    return {"verdict": text(form, "verdict"), "answer": text(form, "answer")}


def form_values(form: MultiDict[str, str]) -> dict[str, Any]:
    """What was posted, to show again: lists for the checkbox groups."""
    values: dict[str, Any] = {key: form.get(key) for key in form if key != "csrf_token"}
    for key in ("documents", "elements"):
        values[key] = form.getlist(key)
    return values


def condition_rows(ws: Workspace | None, posted: MultiDict[str, str] | None = None) -> list[dict[str, Any]]:
    """The conditions as first shown (the analysis's, then blank rows), or as posted."""
    if posted is not None and "conditions-0-label" in posted:
        rows = []
        index = 0
        while f"conditions-{index}-label" in posted:
            prefix = f"conditions-{index}-"
            rows.append({key: posted.get(prefix + key) or "" for key in ("kind", "label", *CONDITION_EXTRAS)})
            index += 1
        return rows
    rows = []
    for condition in ws.analysis.assessment.conditions if ws else ():
        row = {"kind": condition.kind.value, "label": condition.label}
        row.update(
            {
                extra: "" if getattr(condition, extra) is None else str(getattr(condition, extra))
                for extra in CONDITION_EXTRAS
            }
        )
        rows.append(row)
    blank = {"kind": "", "label": "", **{extra: "" for extra in CONDITION_EXTRAS}}
    return rows + [dict(blank) for _ in range(EMPTY_CONDITION_ROWS)]


def defaults(ws: Workspace | None) -> dict[str, dict[str, Any]]:
    """Each form's values as first shown, from the analysis: the documents to ask for, the expert to
    ask, a deadline ten days ahead."""
    if ws is None:
        return {}
    assessment = ws.analysis.assessment
    experts = assessment.experts
    return {
        "documents": {
            "documents": list(assessment.missing_documents),
            "deadline": (ws.sandbox.business_date + timedelta(days=DOCUMENT_DEADLINE_DAYS)).isoformat(),
            "channel": "email",
        },
        "referral": {"expert": experts[0].value if experts else ""},
        "decision": {"outcome": recommended_decision(assessment.outcome)},
    }


def recommended_decision(outcome: Outcome) -> str:
    return {Outcome.ACCEPT: "accept", Outcome.ACCEPT_CONDITIONS: "accept_conditions", Outcome.DECLINE: "decline"}.get(
        outcome, ""
    )


def summary_of(form: str, errors: Mapping[str, list[str]], prefix: str | None = None) -> list[SummaryItem]:
    """The error summary of a form, each message linked to its field (`#f-<prefix>-<field>`)."""
    labels = FORM_LABELS.get(form, {})
    return [
        SummaryItem(
            f"{prefix or form}-{name}" if name != "_schema" else "_schema", labels.get(name, "Formulaire"), message
        )
        for name, messages in errors.items()
        for message in messages
    ]


EXPERT_CHOICES = {role.value: label for role, label in EXPERT_LABELS.items()}
CONDITION_CHOICES = {kind.value: label for kind, label in CONDITION_LABELS.items()}
