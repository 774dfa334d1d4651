"""Form plumbing: posted values to service data, and service errors back to the form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from werkzeug.datastructures import MultiDict

from polyadmin.domain import clients as domain
from polyadmin.web.formatting import FIELD_LABELS

PERSON_ONLY = domain.PERSON_FIELDS
COMPANY_ONLY = domain.COMPANY_FIELDS
COMMON_TEXT = (
    "address_line1",
    "address_line2",
    "postcode",
    "city",
    "country",
    "phone",
    "email",
    "preferred_channel",
    "specific_needs",
)
LIST_FIELDS = ("accessible_formats", "gdpr_purposes")
TEXT_FIELDS = PERSON_ONLY + COMPANY_ONLY + COMMON_TEXT


@dataclass(frozen=True)
class SummaryItem:
    field: str
    label: str
    message: str


def base_field(path: str) -> str:
    """« accessible_formats.0 » → « accessible_formats »: errors sit beside the whole field."""
    return path.split(".", 1)[0]


def field_errors(errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for path, messages in errors.items():
        merged.setdefault(base_field(path), []).extend(messages)
    return merged


def error_summary(errors: Mapping[str, list[str]], labels: Mapping[str, str] | None = None) -> list[SummaryItem]:
    labels = labels or FIELD_LABELS
    return [
        SummaryItem(field, labels.get(field, "Formulaire") if field != "_schema" else "Formulaire", message)
        for field, messages in errors.items()
        for message in messages
    ]


def client_form_values(form: MultiDict[str, str]) -> dict[str, Any]:
    """What the user typed, kept as typed to re-fill the form."""
    values: dict[str, Any] = {name: form.get(name, "") for name in TEXT_FIELDS}
    values["kind"] = form.get("kind", "")
    values.update({name: form.getlist(name) for name in LIST_FIELDS})
    values["gdpr_consent"] = form.get("gdpr_consent") == "oui"
    values["version"] = form.get("version", "")
    return values


def client_values_of(view: Mapping[str, Any]) -> dict[str, Any]:
    """A stored client as form values (dates as AAAA-MM-JJ, None as empty)."""
    values: dict[str, Any] = {}
    for name in (*TEXT_FIELDS, "kind"):
        value = view.get(name)
        values[name] = value.isoformat() if isinstance(value, date) else ("" if value is None else str(value))
    for name in LIST_FIELDS:
        values[name] = list(view.get(name) or [])
    values["gdpr_consent"] = bool(view.get("gdpr_consent"))
    values["version"] = str(view.get("version", ""))
    return values


def _text(value: str) -> str | None:
    value = value.strip()
    return value or None


def client_create_data(values: Mapping[str, Any]) -> dict[str, Any]:
    """Service input for a new client: every field the form posts, blanks as None.

    Without JavaScript both fieldsets are shown; what the user filled in the fieldset that does
    not apply is sent anyway, so the validation says so rather than dropping it silently.
    """
    data: dict[str, Any] = {"kind": values.get("kind") or None}
    for name in TEXT_FIELDS:
        data[name] = _text(values.get(name) or "")
    data["country"] = data["country"] or "FR"
    data["preferred_channel"] = data["preferred_channel"] or "email"
    for name in LIST_FIELDS:
        data[name] = list(values.get(name) or [])
    data["gdpr_consent"] = bool(values.get("gdpr_consent"))
    return data


def client_update_data(values: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """Service input for an edit: the fields of this kind of client only, never « kind »."""
    foreign = COMPANY_ONLY if kind == domain.PERSON else PERSON_ONLY
    data = client_create_data(values)
    data.pop("kind")
    for name in foreign:
        data.pop(name, None)
    return data


def page_number(raw: str | None) -> int:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and 0 < int(raw) < 1_000_000 else 1  # not « ² »
