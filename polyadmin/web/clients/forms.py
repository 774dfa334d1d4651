"""The client form: posted values to service data and back, its fields taken from the validation schema.

The fields come from `ClientSchema` (`polyadmin.validation.clients`), the one list of what a client
record holds: a field added there appears in the form's data without a second list to keep in step.
The interaction (« Enregistrer un contact ») fields are here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import fields
from werkzeug.datastructures import MultiDict

from polyadmin.domain import clients as domain
from polyadmin.validation.clients import ClientSchema

PERSON_ONLY = domain.PERSON_FIELDS
COMPANY_ONLY = domain.COMPANY_FIELDS
SCHEMA_FIELDS: Mapping[str, fields.Field] = ClientSchema().fields
# Ticked boxes (lists and yes/no) are posted differently from typed text; « kind » is chosen once.
LIST_FIELDS = tuple(name for name, field in SCHEMA_FIELDS.items() if isinstance(field, fields.List))
FLAG_FIELDS = tuple(name for name, field in SCHEMA_FIELDS.items() if isinstance(field, fields.Boolean))
TEXT_FIELDS = tuple(name for name in SCHEMA_FIELDS if name not in (*LIST_FIELDS, *FLAG_FIELDS, "kind"))
# What the schema gives a text left blank (country « FR », channel « email »): the form sends it as such.
TEXT_DEFAULTS = {name: default for name in TEXT_FIELDS if isinstance(default := SCHEMA_FIELDS[name].load_default, str)}

INTERACTION_FIELDS = ("occurred_on", "channel", "direction", "motive", "summary")
INTERACTION_LABELS: dict[str, Any] = {
    "occurred_on": _l("Date du contact"),
    "channel": _l("Canal"),
    "direction": _l("Sens"),
    "motive": _l("Motif"),
    "summary": _l("Compte rendu"),
}


def client_form_values(form: MultiDict[str, str]) -> dict[str, Any]:
    """What the user typed, kept as typed to re-fill the form."""
    values: dict[str, Any] = {name: form.get(name, "") for name in TEXT_FIELDS}
    values["kind"] = form.get("kind", "")
    values.update({name: form.getlist(name) for name in LIST_FIELDS})
    values.update({name: form.get(name) == "oui" for name in FLAG_FIELDS})
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
    values.update({name: bool(view.get(name)) for name in FLAG_FIELDS})
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
    for name, default in TEXT_DEFAULTS.items():
        data[name] = data[name] or default
    for name in LIST_FIELDS:
        data[name] = list(values.get(name) or [])
    data.update({name: bool(values.get(name)) for name in FLAG_FIELDS})
    return data


def client_update_data(values: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """Service input for an edit: the fields of this kind of client only, never « kind »."""
    foreign = COMPANY_ONLY if kind == domain.PERSON else PERSON_ONLY
    data = client_create_data(values)
    data.pop("kind")
    for name in foreign:
        data.pop(name, None)
    return data


def interaction_values(form: MultiDict[str, str]) -> dict[str, str]:
    return {name: form.get(name, "").strip() for name in INTERACTION_FIELDS}
