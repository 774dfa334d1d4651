"""Posted values ↔ the contracts service's data (fields from `validation/contracts.py`)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date
from typing import Any

ISSUE_FIELDS = ("payment_method", "iban", "bic", "debtor_name")


def _text(form: Mapping[str, str], name: str) -> str | None:
    value = (form.get(name) or "").strip()
    return value or None


def agreement_data(form: Mapping[str, str]) -> dict[str, Any]:
    return {
        "date": _text(form, "date"),
        "channel": _text(form, "channel"),
        "signature_mode": _text(form, "signature_mode"),
    }


def agreement_defaults(today: date) -> dict[str, str]:
    return {"date": today.isoformat(), "channel": "agence"}


def issue_data(form: Mapping[str, str]) -> dict[str, Any]:
    data = {name: _text(form, name) for name in ISSUE_FIELDS}
    if data["payment_method"] is None:
        data.pop("payment_method")  # the service says it is required
    return data


def issue_token(form: Mapping[str, str] | None = None) -> str:
    """The hidden token of the « Émettre » form: one per form shown, kept when the form comes back with
    errors, so a double submission replays the first issue instead of issuing twice."""
    posted = (form or {}).get("idempotency_key") or ""
    return posted if 0 < len(posted) <= 100 and posted.isascii() and posted.isprintable() else secrets.token_urlsafe(18)


TERMINATION_DATES = ("notice_sent_on", "notice_received_on", "event_on", "notice_of_right_sent_on")


def termination_data(form: Mapping[str, str]) -> dict[str, Any]:
    """The « Résilier » form: empty dates left out (the ground says which it needs), the box ticked or not."""
    data: dict[str, Any] = {"ground": _text(form, "ground")}
    if data["ground"] is None:
        data.pop("ground")  # the service says it is required
    for name in TERMINATION_DATES:
        value = _text(form, name)
        if value is not None:
            data[name] = value
    data["requested_by_new_insurer"] = form.get("requested_by_new_insurer") == "on"
    data["new_insurer"] = _text(form, "new_insurer")
    return data


def endorsement_data(form: Mapping[str, str], postcode_field: str | None, current: Mapping[str, str]) -> dict[str, Any]:
    """The « Avenant » form: only what differs from the contract's current terms is a change (the form shows
    the current values); the postcode goes to the product's postcode field (garage or home)."""
    changes: dict[str, Any] = {}
    for name in ("formula", "frequency", "beneficiary"):
        value = _text(form, name)
        if value is not None and value != current.get(name):
            changes[name] = value
    postcode = _text(form, "postcode")
    if postcode_field is not None and postcode is not None and postcode != current.get("postcode"):
        changes["risk"] = {postcode_field: postcode}
    data: dict[str, Any] = {"changes": changes, "justification": _text(form, "justification")}
    effective_on = _text(form, "effective_on")
    if effective_on is not None:
        data["effective_on"] = effective_on
    return data
