"""The calculators' forms: defaults, posted values, the calculators' input, and their errors back to the fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

PERIOD_ROWS = 10
BONUS_MALUS = "bonus_malus"
NOVICE = "novice"


def bonus_malus_defaults() -> dict[str, str]:
    values = {"crm": "1,00", "usage": "standard", "years_at_floor": "0", "at_fault_0": "0", "partial_0": "0"}
    for row in range(1, PERIOD_ROWS):
        values[f"at_fault_{row}"] = values[f"partial_{row}"] = ""
    return values


def novice_defaults() -> dict[str, Any]:
    return {"years_licensed": "0", "claim_free_years": "0", "accompanied_driving": False}


def _text(form: MultiDict[str, str], name: str) -> str:
    return form.get(name, "").strip()[:20]


def bonus_malus_values(form: MultiDict[str, str]) -> dict[str, str]:
    return {name: _text(form, name) for name in bonus_malus_defaults()}


def bonus_malus_data(values: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Form values → the calculator's input; rows left blank at the end are not periods.

    A row is a period as soon as one of its two cells is filled (the other counts 0); a blank row
    followed by a filled one is an error, so that a forgotten year is never skipped silently.
    """
    errors: dict[str, list[str]] = {}
    filled = [bool(values[f"at_fault_{row}"] or values[f"partial_{row}"]) for row in range(PERIOD_ROWS)]
    used = max((row + 1 for row, is_filled in enumerate(filled) if is_filled), default=0)
    for row in range(used):
        if not filled[row]:
            errors[f"at_fault_{row}"] = [
                _("Période vide entre deux périodes saisies : écrivez 0 et 0 pour une année sans sinistre.")
            ]
    data: dict[str, Any] = {
        "crm": values["crm"] or None,
        "usage": values["usage"] or "standard",
        "years_at_floor": values["years_at_floor"] or "0",
        "years": [
            {"at_fault": values[f"at_fault_{row}"] or "0", "partial": values[f"partial_{row}"] or "0"}
            for row in range(used)
        ],
    }
    if data["crm"] is None:
        data.pop("crm")
    return data, errors


def form_errors(errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Validation paths to form fields: « years.2.partial » → « partial_2 »."""
    merged: dict[str, list[str]] = {}
    for path, messages in errors.items():
        parts = path.split(".")
        is_row = parts[0] == "years" and len(parts) == 3 and parts[1].isdigit()
        field = f"{parts[2]}_{parts[1]}" if is_row else parts[0]
        merged.setdefault(field, []).extend(messages)
    return merged


def novice_values(form: MultiDict[str, str]) -> dict[str, Any]:
    return {
        "years_licensed": _text(form, "years_licensed"),
        "claim_free_years": _text(form, "claim_free_years"),
        "accompanied_driving": form.get("accompanied_driving") == "oui",
    }


def novice_data(values: Mapping[str, Any]) -> dict[str, Any]:
    data = {name: values[name] for name in ("years_licensed", "claim_free_years") if values[name]}
    data["accompanied_driving"] = bool(values["accompanied_driving"])
    return data


TERMINATION = "termination"
UNPAID = "unpaid"
TERMINATION_DATES = (
    "subscribed_on",
    "period_start",
    "period_end",
    "notice_sent_on",
    "notice_received_on",
    "event_on",
    "due_date",
    "notice_of_right_sent_on",
)
UNPAID_DATES = ("due_date", "notice_sent_on", "paid_on")
UNPAID_PREFIX = "up_"  # the unpaid-premium form's fields: « due_date » and « notice_sent_on » are the termination's too


def termination_defaults() -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(TERMINATION_DATES, "")
    values.update(ground="", annual_premium="", professional=False)
    return values


def termination_values(form: MultiDict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {name: _text(form, name) for name in (*TERMINATION_DATES, "ground", "annual_premium")}
    values["professional"] = form.get("professional") == "oui"
    return values


def termination_data(values: Mapping[str, Any]) -> dict[str, Any]:
    """Form values → the calculator's input: a blank optional date is absent (None), a blank required
    field is left blank so that its message says « Champ obligatoire »."""
    data: dict[str, Any] = {name: values[name] or None for name in TERMINATION_DATES}
    for name in ("subscribed_on", "period_start", "period_end", "ground", "annual_premium"):
        data[name] = values[name]
    data["professional"] = bool(values["professional"])
    return data


def unpaid_defaults() -> dict[str, str]:
    return {UNPAID_PREFIX + name: "" for name in UNPAID_DATES}


def unpaid_values(form: MultiDict[str, str]) -> dict[str, str]:
    return {UNPAID_PREFIX + name: _text(form, UNPAID_PREFIX + name) for name in UNPAID_DATES}


def unpaid_data(values: Mapping[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {name: values[UNPAID_PREFIX + name] for name in UNPAID_DATES}
    data["paid_on"] = data["paid_on"] or None
    return data


def unpaid_form_errors(errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The calculator's fields to the form's: « due_date » → « up_due_date » (a whole-form error stays)."""
    return {(field if field == "_schema" else UNPAID_PREFIX + field): messages for field, messages in errors.items()}
