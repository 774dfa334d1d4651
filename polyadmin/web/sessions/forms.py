"""The exam session form: its first values, and what the trainer posted (kept as typed to re-fill it)."""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from polyadmin.services import seeding

SESSION_TEXT_FIELDS = ("name", "starts_on", "ends_on", "scenario", "seed", "catalogue")
SESSION_LIST_FIELDS = ("candidates", "evaluators")


def session_defaults() -> dict[str, Any]:
    values: dict[str, Any] = {name: "" for name in SESSION_TEXT_FIELDS}
    values["scenario"] = seeding.EMPTY_SCENARIO
    values.update({name: [] for name in SESSION_LIST_FIELDS})
    return values


def session_values(form: MultiDict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {name: form.get(name, "").strip() for name in SESSION_TEXT_FIELDS}
    values.update({name: form.getlist(name) for name in SESSION_LIST_FIELDS})
    return values


def session_data(values: dict[str, Any]) -> dict[str, Any]:
    """The service's input: blanks left out (the service's defaults apply), the lists always present."""
    data = {key: value for key, value in values.items() if value not in ("", None)}
    for name in SESSION_LIST_FIELDS:
        data.setdefault(name, [])
    return data
