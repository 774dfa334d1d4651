"""Catalogue versions (versions du catalogue): what a product's `version:` label names, and what changed
between two catalogue documents.

A catalogue document is the plain JSON form of the files (`{"taxes": …, "products": {file: …},
"rules": {file: …}, "evaluation_grid": …}`, numbers as exact text). A product's *labelled content* is
its product file and the acceptance rules written for it: the label `MRH 2026.1` must always name the
same labelled content, so that two versions are told apart by their labels, not only by fingerprint.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from polyadmin.domain.canonical import canonical_hash

# The areas of a change, in the order a diff lists them, with their French titles.
AREAS: dict[str, str] = {
    "products": "Produits et versions",
    "rates": "Taux et taxes",
    "tables": "Tables de tarif",
    "guarantees": "Garanties",
    "formulas": "Formules et options",
    "rules": "Règles d'acceptation",
    "other": "Autres paramètres",
}
PRODUCT_KEY_AREAS = {"tables": "tables", "guarantees": "guarantees", "formulas": "formulas", "modifiers": "formulas"}


def _products_by_code(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Product code → its product file (the file name when a file has no code)."""
    found: dict[str, dict[str, Any]] = {}
    for file, raw in sorted((document.get("products") or {}).items()):
        if isinstance(raw, dict):
            found[str(raw.get("code") or file)] = raw
    return found


def _rules_by_product(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for file, raw in sorted((document.get("rules") or {}).items()):
        product = raw.get("product") if isinstance(raw, dict) else None
        found[str(product or file)] = raw
    return found


def labelled_contents(document: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(product code, version label) → the hash of what that label names (product file + its rules)."""
    rules = _rules_by_product(document)
    return {
        (code, str(raw.get("version", ""))): canonical_hash({"product": raw, "rules": rules.get(code)})
        for code, raw in _products_by_code(document).items()
    }


@dataclass(frozen=True)
class LabelClash:
    """A version label that already names another content."""

    product: str
    version: str


def label_clashes(document: dict[str, Any], stored: dict[tuple[str, str], str]) -> list[LabelClash]:
    """The labels of `document` that `stored` (labels of the catalogues loaded so far) gives to another content."""
    return [
        LabelClash(code, version)
        for (code, version), content in sorted(labelled_contents(document).items())
        if (code, version) in stored and stored[(code, version)] != content
    ]


# --- diff ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueChange:
    """One difference: its area, the product it concerns (empty for taxes), where in the file, before → after
    (None: absent on that side)."""

    area: str
    product: str
    path: str
    before: str | None
    after: str | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "ajout"
        if self.after is None:
            return "suppression"
        return "modification"


def value_text(value: Any) -> str:
    """A short readable text of a document value (exact numbers are already text)."""
    if isinstance(value, dict):
        inner = ", ".join(f"{key} : {value_text(item)}" for key, item in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(value_text(item) for item in value) + "]"
    if value is None:
        return "—"
    if value is True:
        return "oui"
    if value is False:
        return "non"
    return str(value)


def _keyed(items: list[Any]) -> dict[str, Any] | None:
    """A list of records with a `code` (or `name`), keyed by it; None when the list is not of that kind."""
    keyed: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, dict):
            return None
        key = item.get("code", item.get("name"))
        if key is None or str(key) in keyed:
            return None
        keyed[str(key)] = item
    return keyed


def _walk(before: Any, after: Any, path: str) -> Iterator[tuple[str, Any, Any]]:
    """(path, before, after) for every leaf that differs; a record present on one side only is one change."""
    if before == after:
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in [*before, *(k for k in after if k not in before)]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in after:
                yield sub, before[key], None
            elif key not in before:
                yield sub, None, after[key]
            else:
                yield from _walk(before[key], after[key], sub)
        return
    if isinstance(before, list) and isinstance(after, list):
        old, new = _keyed(before), _keyed(after)
        if old is not None and new is not None:
            yield from _walk(old, new, path)
            return
        if len(before) == len(after):
            for index, (left, right) in enumerate(zip(before, after, strict=True)):
                yield from _walk(left, right, f"{path}[{index + 1}]")
            return
    yield path, before, after


def _changes(area: str, product: str, before: Any, after: Any, path: str = "") -> list[CatalogueChange]:
    return [
        CatalogueChange(
            area,
            product,
            where,
            None if old is None else value_text(old),
            None if new is None else value_text(new),
        )
        for where, old, new in _walk(before, after, path)
    ]


def diff_documents(before: dict[str, Any], after: dict[str, Any]) -> list[CatalogueChange]:
    """Every difference from catalogue `before` to catalogue `after`, grouped by area (AREAS order)."""
    changes: list[CatalogueChange] = []
    old_products, new_products = _products_by_code(before), _products_by_code(after)
    for code in sorted(set(old_products) | set(new_products)):
        old, new = old_products.get(code), new_products.get(code)
        if old is None or new is None:
            side = old if new is None else new
            assert side is not None
            label = f"{side.get('name', code)} (version {side.get('version', '—')})"
            changes.append(
                CatalogueChange("products", code, "", label if new is None else None, label if old is None else None)
            )
            continue
        for key in [*old, *(k for k in new if k not in old)]:
            area = "products" if key == "version" else PRODUCT_KEY_AREAS.get(key, "other")
            changes.extend(_changes(area, code, old.get(key), new.get(key), key))
    changes.extend(_changes("rates", "", before.get("taxes"), after.get("taxes")))
    old_rules, new_rules = _rules_by_product(before), _rules_by_product(after)
    for code in sorted(set(old_rules) | set(new_rules)):
        changes.extend(_changes("rules", code, old_rules.get(code), new_rules.get(code)))
    changes.extend(_changes("other", "", before.get("evaluation_grid"), after.get("evaluation_grid"), "grille"))
    order = list(AREAS)
    return sorted(changes, key=lambda change: order.index(change.area))
