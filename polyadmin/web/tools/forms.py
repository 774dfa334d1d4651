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
