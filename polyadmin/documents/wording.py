"""The wording and layout of the client documents (documents/client_documents.yaml), read and checked.

Trainers edit the file: it is read on each call (an edit shows on the next document) and checked
against `SHAPE`; every problem is reported at once, in French, with the file and the key
(« conditions_particulieres.exclusions_title : texte attendu »).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from string import Template
from typing import Any

import yaml

from polyadmin.documents.layout import Layout
from polyadmin.documents.resources import documents_path
from polyadmin.domain.french import typeset

WORDING_FILE = "client_documents.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ten times faster
TEXT, TEXTS, NUMBER, COLOUR = "text", "texts", "number", "colour"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _texts(*names: str, lists: tuple[str, ...] = ()) -> dict[str, str]:
    return {**dict.fromkeys(names, TEXT), **dict.fromkeys(lists, TEXTS)}


SHAPE: dict[str, dict[str, str]] = {
    "layout": {
        **{f.name: NUMBER for f in fields(Layout) if f.type in ("float", float)},
        **{f.name: COLOUR for f in fields(Layout) if f.type in ("str", str)},
    },
    "insurer": _texts("footer", lists=("lines",)),
    "advice": _texts(
        "title",
        "reference",
        "intro",
        "needs_heading",
        "needs_caption",
        "question",
        "answer",
        "recommendation_heading",
        "recommended",
        "reasons_heading",
        "no_recommendation",
        "warnings_heading",
        "eco_interest",
        "advisor",
        lists=("signatures",),
    ),
    "quote": _texts(
        "title",
        "reference",
        "validity",
        "comparison_heading",
        "comparison_caption",
        "alternative",
        "proposal",
        "line_heading",
        "risk_heading",
        "guarantees_caption",
        "options",
        "eco_title",
        "conditions_heading",
        "exclusions_title",
        "breakdown_caption",
        "totals_caption",
        "discount_note",
        "ipid_heading",
        "advisor",
    ),
    "conditions_particulieres": _texts(
        "title",
        "reference",
        "intro",
        "parties_heading",
        "policyholder",
        "insurer",
        "risk_heading",
        "guarantees_heading",
        "guarantees_caption",
        "conditions_heading",
        "premium_heading",
        "premium_caption",
        "dates_heading",
        "tacit_renewal",
        "no_renewal",
        "termination",
        "withdrawal",
        "agreement",
        "exclusions_title",
        "exclusions_intro",
        lists=("mentions", "signatures"),
    ),
    "attestation": _texts(
        "title", "reference", "body", "caption", "vehicle_heading", "signature", lists=("vehicle_mentions",)
    ),
    "echeancier": _texts(
        "title", "reference", "intro", "caption", "number", "due_date", "amount", "total", "mandate", "unpaid"
    ),
    "mandat_sepa": _texts(
        "title",
        "reference",
        "authorisation",
        "rights",
        "creditor_caption",
        "debtor_caption",
        "payment_caption",
        "creditor_name",
        "creditor_identifier",
        "debtor_name",
        "debtor_address",
        "iban",
        "bic",
        "payment_type",
        "reference_label",
        "contract",
        "signed",
        "unsigned",
        lists=("signatures",),
    ),
    "welcome_letter": _texts(
        "title",
        "reference",
        "salutation_line",
        "enclosed",
        "mandate_document",
        "withdrawal",
        "signature",
        lists=("paragraphs", "documents", "closing"),
    ),
    "termination_letter": _texts(
        "title",
        "reference",
        "salutation_line",
        "by_policyholder",
        "by_insurer",
        "new_insurer",
        "effect",
        "facts_caption",
        "ground_label",
        "sent_label",
        "received_label",
        "effective_label",
        "refund_label",
        "refund_due_label",
        "refund",
        "no_refund",
        "signature",
        lists=("closing",),
    ),
}


class DocumentWordingInvalid(ValueError):
    """documents/client_documents.yaml cannot be read or is not as expected: the message lists every
    problem with its key."""


def _problem(value: Any, expected: str) -> str | None:
    if expected == TEXT:
        return None if isinstance(value, str) and value.strip() else "texte attendu"
    if expected == TEXTS:
        ok = isinstance(value, list) and value and all(isinstance(item, str) and item.strip() for item in value)
        return None if ok else "liste de textes attendue"
    if expected == NUMBER:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 100
        return None if ok else "nombre entre 0 et 100 attendu"
    return None if isinstance(value, str) and _COLOUR.match(value) else "couleur #rrvvbb attendue"


@dataclass(frozen=True)
class Wording:
    """The checked wording: `fill(section, key, **values)` gives a final, typeset French text."""

    sections: Mapping[str, Mapping[str, Any]]
    layout: Layout

    def raw(self, section: str, key: str) -> Any:
        return self.sections[section][key]

    def fill(self, section: str, key: str, values: Mapping[str, str]) -> str:
        return fill_text(self.sections[section][key], values)

    def fill_all(self, section: str, key: str, values: Mapping[str, str]) -> tuple[str, ...]:
        return tuple(fill_text(text, values) for text in self.sections[section][key])


def fill_text(text: Any, values: Mapping[str, str]) -> str:
    """`$name` placeholders filled, spaces folded, French typography applied."""
    return typeset(Template(" ".join(str(text or "").split())).safe_substitute(values))


_cache: dict[Path, tuple[tuple[int, int], Wording]] = {}
_cache_lock = threading.Lock()


def load_client_wording(path: Path | None = None) -> Wording:
    """Read and check documents/client_documents.yaml (or `path`). The checked wording is kept while the
    file is unchanged (same modification time and size): a trainer's edit shows on the next document,
    and a batch of documents does not parse the file each time."""
    path = path or documents_path() / WORDING_FILE
    try:
        stat = path.stat()
    except OSError as exc:
        raise DocumentWordingInvalid(f"{path} : lecture impossible ({exc}).") from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    wording = _read(path)
    with _cache_lock:
        _cache[path] = (stamp, wording)
    return wording


def _read(path: Path) -> Wording:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as exc:
        raise DocumentWordingInvalid(f"{path} : lecture impossible ({exc}).") from None
    if not isinstance(data, dict):
        raise DocumentWordingInvalid(f"{path} : le fichier doit contenir des rubriques.")
    problems = []
    for section, keys in SHAPE.items():
        part = data.get(section)
        if not isinstance(part, dict):
            problems.append(f"{section} : rubrique absente")
            continue
        for key, expected in keys.items():
            if key not in part:
                problems.append(f"{section}.{key} : clé absente")
            elif (problem := _problem(part[key], expected)) is not None:
                problems.append(f"{section}.{key} : {problem}")
    if problems:
        raise DocumentWordingInvalid(f"{path} : " + " ; ".join(problems) + ".")
    layout = Layout(**{key: data["layout"][key] for key in SHAPE["layout"]})
    return Wording(sections=data, layout=layout)
