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
