"""Form plumbing shared by every area: a refused input back to its form, the error summary, page numbers.

A page posts to a service; when the service refuses the input (`InvalidInput`, French messages per
field), the page shows the same form again with each message beside its field and in the summary at
the top. `refused_input()` is that mapping, in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from polyadmin.domain.errors import DomainError, InvalidInput
from polyadmin.web.formatting import FIELD_LABELS

FieldMapping = Callable[[Mapping[str, list[str]]], dict[str, list[str]]]


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


def error_summary(errors: Mapping[str, list[str]], labels: Mapping[str, Any] | None = None) -> list[SummaryItem]:
    labels = labels or FIELD_LABELS
    return [
        SummaryItem(field, labels.get(field, "Formulaire") if field != "_schema" else "Formulaire", message)
        for field, messages in errors.items()
        for message in messages
    ]


@dataclass
class Refusal:
    """What a refused input leaves for the form: messages per field, the HTTP status, and the message of
    another refusal the page shows on its own (e.g. a 409 « la fiche a changé »)."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    status: int = 200
    message: str | None = None

    def __bool__(self) -> bool:
        return self.status != 200


@contextmanager
def refused_input(
    to_fields: FieldMapping = field_errors, also: tuple[type[DomainError], ...] = ()
) -> Iterator[Refusal]:
    """Run a service call; if it refuses the input, keep its messages for the form instead of an error page.

    `to_fields` maps the service's error paths to the form's fields (by default « a.0 » → « a »); an
    input refused as a whole (no field) is reported on the form (`_schema`). Refusals listed in `also`
    keep only their message and status; any other error propagates to the error pages.

        with refused_input() as refused:
            client = create_client(...)
            return redirect(...)
        return render_form(errors=refused.errors), refused.status
    """
    refusal = Refusal()
    try:
        yield refusal
    except InvalidInput as exc:
        refusal.errors = to_fields(exc.field_errors or {"_schema": [exc.message]})
        refusal.status = exc.status
    except also as exc:
        refusal.message = exc.message
        refusal.status = exc.status


def page_number(raw: str | None) -> int:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and 0 < int(raw) < 1_000_000 else 1  # not « ² »
