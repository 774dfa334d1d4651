"""Every Jinja filter of the pages, registered in one place (`register_filters`).

Each module that defines filters lists them in a `FILTERS` mapping; this module gathers them. Two
filters with the same name are refused at start-up: Jinja would otherwise keep the last one
registered, silently, and a page would print numbers the way another page meant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from flask import Flask

from polyadmin.web import formatting
from polyadmin.web.catalogue import labels as catalogue_labels
from polyadmin.web.clients import labels as client_labels
from polyadmin.web.inbox import labels as inbox_labels
from polyadmin.web.offers import labels as offers_labels

Filter = Callable[..., Any]

# Dates, instants, numbers, amounts, roles and journal fields the French way (web/formatting.py).
FORMATTING_FILTERS: dict[str, Filter] = {
    "french_date": formatting.french_date,
    "french_instant": formatting.french_instant,
    "number": formatting.french_number,
    "euros": formatting.euros,
    "role_label": formatting.role_label,
    "action_label": formatting.action_label,
    "code_title": formatting.code_title,
    "field_label": formatting.field_label,
    "field_value": formatting.field_value,
}

FILTER_SOURCES: tuple[Mapping[str, Filter], ...] = (
    FORMATTING_FILTERS,
    client_labels.FILTERS,
    catalogue_labels.FILTERS,
    inbox_labels.FILTERS,
    offers_labels.FILTERS,
)


def merged_filters(sources: Iterable[Mapping[str, Filter]]) -> dict[str, Filter]:
    """The filters of every source, by name; a name defined twice is a ValueError."""
    merged: dict[str, Filter] = {}
    for source in sources:
        for name, function in source.items():
            if name in merged:
                raise ValueError(
                    f"Filtre Jinja « {name} » défini deux fois ({merged[name].__module__} et {function.__module__})."
                )
            merged[name] = function
    return merged


def register_filters(app: Flask, sources: Iterable[Mapping[str, Filter]] = FILTER_SOURCES) -> None:
    """Register every filter of the pages on the app; refuses a name that is already a filter of the app.

    Jinja's own filters (`upper`, `default`…) count: a page filter never shadows one of them.
    """
    filters = merged_filters(sources)
    taken = sorted(set(filters) & set(app.jinja_env.filters))
    if taken:
        raise ValueError(f"Filtre(s) Jinja déjà défini(s) : {', '.join(taken)}.")
    app.jinja_env.filters.update(filters)
