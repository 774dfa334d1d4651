"""The offers' forms: posted values ↔ the service's data, and the service's error paths → form fields.

Field names: needs `<line>-<question>` (e.g. `auto-wanted`), recommendations `r<n>-<field>`, quote lines
`l<n>-<field>` with risk data `l<n>-risk-<name>` and deductibles `l<n>-deductible-<guarantee>`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from werkzeug.datastructures import MultiDict

from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.domain.offers import LINE_LABELS, LINE_QUESTIONS, QuestionKind

RECOMMENDATION_SLOTS = 3
BUILDER_LINES = 4
RECORD_KINDS = ("vehicle", "dwelling", "business", "loan")


# --- needs --------------------------------------------------------------------------------------------


def needs_values(form: MultiDict[str, str]) -> dict[str, Any]:
    """What was posted, as typed (to fill the form again)."""
    values: dict[str, Any] = {}
    for line in LINE_LABELS:
        values[f"{line}-examined"] = form.get(f"{line}-examined", "")
        for question in LINE_QUESTIONS:
            key = f"{line}-{question.code}"
            values[key] = form.getlist(key) if question.kind is QuestionKind.GUARANTEES else form.get(key, "").strip()
    for name in ("budget_monthly", "disability", "situation"):
        values[name] = form.get(name, "").strip()
    for name in ("accessible_formats", "eco_interest"):
        values[name] = form.get(name, "")
    for slot in range(1, RECOMMENDATION_SLOTS + 1):
        for name in ("offer", "need", "reason"):
            values[f"r{slot}-{name}"] = form.get(f"r{slot}-{name}", "").strip()
        values[f"r{slot}-options"] = form.getlist(f"r{slot}-options")
    return values


def needs_data(catalogue: Catalogue, values: Mapping[str, Any]) -> dict[str, Any]:
    """The service's input: only the lines ticked « examinée », the recommendations filled."""
    lines = {}
    for line in LINE_LABELS:
        if not values.get(f"{line}-examined"):
            continue
        lines[line] = {question.code: values[f"{line}-{question.code}"] for question in LINE_QUESTIONS}
    recommendations = []
    for slot in range(1, RECOMMENDATION_SLOTS + 1):
        offer = values.get(f"r{slot}-offer") or ""
        if not offer:
            continue
        code, _colon, formula = offer.partition(":")
        product = catalogue.product(code)
        options = [
            item.partition(":")[2] for item in values.get(f"r{slot}-options") or () if item.startswith(f"{code}:")
        ]
        recommendations.append(
            {
                "line": product.line if product else "",
                "product": code,
                "formula": formula,
                "options": options,
                "need": values.get(f"r{slot}-need", ""),
                "reason": values.get(f"r{slot}-reason", ""),
            }
        )
    data: dict[str, Any] = {
        "lines": lines,
        "disability": values.get("disability", ""),
        "situation": values.get("situation", ""),
        "accessible_formats": bool(values.get("accessible_formats")),
        "eco_interest": bool(values.get("eco_interest")),
        "recommendations": recommendations,
    }
    if values.get("budget_monthly"):
        data["budget_monthly"] = str(values["budget_monthly"]).replace(",", ".").replace(" ", "")
    return data


def needs_errors(errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """`lines.auto.wanted` → `auto-wanted`; `recommendations.0.product` → `r1-offer`."""
    merged: dict[str, list[str]] = {}
    for path, messages in errors.items():
        parts = path.split(".")
        if parts[0] == "lines" and len(parts) >= 3:
            key = f"{parts[1]}-{parts[2]}"
        elif parts[0] == "recommendations" and len(parts) >= 3 and parts[1].isdigit():
            name = "offer" if parts[2] in ("product", "formula", "line") else parts[2]
            key = f"r{int(parts[1]) + 1}-{name}"
        elif parts[0] in ("budget_monthly", "disability", "situation"):
            key = parts[0]
        else:
            key = "_schema"
        merged.setdefault(key, []).extend(messages)
    return merged


def offer_choices(catalogue: Catalogue) -> dict[str, str]:
    """« AUTO:tiers_plus » → « Auto particulier — Tiers+ »: every product and formula."""
    return {f"{p.code}:{f.code}": f"{p.name} — {f.name}" for p in catalogue.products for f in p.formulas}


def option_choices(catalogue: Catalogue) -> dict[str, str]:
    choices = {}
    for product in catalogue.products:
        for code in dict.fromkeys(c for f in product.formulas for c in f.options):
            item = product.guarantee(code) or product.modifier(code)
            if item is not None:
                choices[f"{product.code}:{code}"] = f"{product.name} : {item.name}" + (
                    " (éco-responsable)" if item.eco else ""
                )
    return choices


def line_guarantees(catalogue: Catalogue, line: str) -> dict[str, str]:
    return {g.code: g.name for p in catalogue.products if p.line == line for g in p.guarantees}


# --- the quote builder --------------------------------------------------------------------------------


def prefix(position: int) -> str:
    return f"l{position}-"


def line_defaults(product: Product, requested: Mapping[str, Any] | None, record: str) -> dict[str, Any]:
    """A line's form filled from the request (same product) or the product's first formula."""
    requested = requested or {}
    formula = requested.get("formula") if product.formula(str(requested.get("formula") or "")) else None
    frequency = requested.get("frequency") if product.frequency(str(requested.get("frequency") or "")) else None
    values: dict[str, Any] = {
        "formula": formula or product.formulas[0].code,
        "frequency": frequency or product.frequencies[0].code,
        "options": [c for c in requested.get("options") or () if product.guarantee(c) or product.modifier(c)],
        "record": record,
    }
    declared = requested.get("declared") or {}
    for spec in product.risk_fields:
        value = declared.get(spec.name)
        if value is not None and value != "":
            values[f"risk-{spec.name}"] = ("oui" if value else "non") if isinstance(value, bool) else str(value)
    return values


def line_values(product: Product, form: MultiDict[str, str], position: int) -> dict[str, Any]:
    head = prefix(position)
    values: dict[str, Any] = {
        "formula": form.get(head + "formula", ""),
        "frequency": form.get(head + "frequency", ""),
        "options": form.getlist(head + "options"),
        "record": form.get(head + "record", ""),
    }
    for spec in product.risk_fields:
        values[f"risk-{spec.name}"] = form.get(f"{head}risk-{spec.name}", "").strip()
    for guarantee in product.guarantees:
        if guarantee.deductibles:
            values[f"deductible-{guarantee.code}"] = form.get(f"{head}deductible-{guarantee.code}", "")
    return values


def line_data(product: Product, values: Mapping[str, Any], alternative_of: int | None) -> dict[str, Any]:
    """One line of the service's input: blank risk fields are left to the request and the record picked."""
    formula = product.formula(values.get("formula") or "")
    included = (
        {g.code for g in product.included_guarantees(formula)} | set(values.get("options") or ()) if formula else set()
    )
    data: dict[str, Any] = {
        "product": product.code,
        "formula": values.get("formula", ""),
        "frequency": values.get("frequency", ""),
        "options": list(values.get("options") or ()),
        "risk": {
            spec.name: values[f"risk-{spec.name}"] for spec in product.risk_fields if values.get(f"risk-{spec.name}")
        },
        "deductibles": {
            g.code: values[f"deductible-{g.code}"]
            for g in product.guarantees
            if g.deductibles and g.code in included and values.get(f"deductible-{g.code}")
        },
        "alternative_of": alternative_of,
    }
    kind, _colon, record_id = str(values.get("record") or "").partition(":")
    if kind in RECORD_KINDS and record_id.isdigit():
        data[f"{kind}_id"] = int(record_id)
    return data


def builder_errors(errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """`lines.0.risk.crm` → `l1-risk-crm`, `lines.1.deductibles.vol` → `l2-deductible-vol`,
    `lines.0.vehicle_id` → `l1-record`."""
    merged: dict[str, list[str]] = {}
    for path, messages in errors.items():
        parts = path.split(".")
        if parts[0] == "lines" and len(parts) >= 3 and parts[1].isdigit():
            head = prefix(int(parts[1]) + 1)
            name = parts[2]
            if name == "risk" and len(parts) >= 4:
                key = f"{head}risk-{parts[3]}"
            elif name == "deductibles" and len(parts) >= 4:
                key = f"{head}deductible-{parts[3]}"
            elif name.endswith("_id"):
                key = f"{head}record"
            elif name in ("formula", "frequency", "options", "effective_date", "alternative_of", "product"):
                key = head + name
            else:
                key = head + "formula"
        elif parts[0] == "reason":
            key = "reason"
        else:
            key = "_schema"
        merged.setdefault(key, []).extend(messages)
    return merged


def positions(args: Mapping[str, str]) -> list[tuple[int, str, int | None]]:
    """The builder's lines from the query string: (position, product code, alternative of)."""
    found: list[tuple[int, str, int | None]] = []
    for position in range(1, BUILDER_LINES + 1):
        code = args.get(f"p{position}", "")
        if not code:
            continue
        alt = args.get(f"a{position}", "")
        found.append((len(found) + 1, code, int(alt) if alt.isdigit() else None))
    return found


def version_positions(lines: Sequence[Any]) -> dict[str, str]:
    """The query string that opens the builder on a quote's lines (for a new version)."""
    args: dict[str, str] = {}
    for line in lines:
        args[f"p{line.position}"] = line.product_code
        if line.alternative_of:
            args[f"a{line.position}"] = str(line.alternative_of)
    return args
