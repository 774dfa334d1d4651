"""Posted values ↔ the payments service's data (fields from `validation/payments.py`)."""

from __future__ import annotations

import secrets
from typing import Any

from werkzeug.datastructures import MultiDict

from polyadmin.validation.payments import IDEMPOTENCY_KEY_MAX

PAYMENT_FIELDS = ("method", "amount", "received_on", "reference")


def _text(form: MultiDict[str, str], name: str) -> str | None:
    value = (form.get(name) or "").strip()
    return value or None


def payment_data(form: MultiDict[str, str]) -> dict[str, Any]:
    """The « Encaisser » form: empty fields left out (the service says which are required); the instalments
    ticked, in the order of the schedule; none ticked: the oldest first."""
    data: dict[str, Any] = {}
    for name in PAYMENT_FIELDS:
        value = _text(form, name)
        if value is not None:
            data[name] = value
    chosen = form.getlist("instalment_ids")
    if chosen:
        data["instalment_ids"] = [int(value) if value.isascii() and value.isdigit() else value for value in chosen]
    return data


def payment_token(form: MultiDict[str, str] | None = None) -> str:
    """The hidden token of the « Encaisser » form: one per form shown, kept when the form comes back with
    errors, so a double submission records the payment once."""
    posted = (form or MultiDict()).get("idempotency_key") or ""
    valid = 0 < len(posted) <= IDEMPOTENCY_KEY_MAX and posted.isascii() and posted.isprintable() and " " not in posted
    return posted if valid else secrets.token_urlsafe(18)
