"""The pricing simulator's form: defaults, posted values, the service's request, and its errors back to the fields.

Besides the formula, frequency, date, options and franchises, the form has one field per risk datum of
the product (`risk-<name>`), described by the product itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from polyadmin.domain import french
from polyadmin.domain.catalogue import Guarantee, Product, RiskField
from polyadmin.web.catalogue.labels import CHOICE_LABELS

# Form fields of the simulator outside the risk data, in the order of the page.
CHOICE_FIELDS = ("formula", "frequency", "effective_date", "other_contracts", "options", "deductibles")


def risk_key(field: RiskField) -> str:
    return f"risk-{field.name}"


def deductible_key(guarantee: Guarantee) -> str:
    return f"deductible-{guarantee.code}"


def input_type(field: RiskField) -> str:
    return {"integer": "number", "decimal": "number", "date": "date"}.get(field.kind, "text")


def _default_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def bound(value: Decimal, unit: str) -> str:
    """A field's bound as the product writes it (0.50 → « 0,50 », 100000 → « 100 000 »), with its unit."""
    text = french.number_as_written(value, get_locale())
    return f"{text}\u00a0{unit}" if unit else text


def field_hint(field: RiskField) -> str:
    """Help text, then what the field accepts (bounds with their unit, date format)."""
    parts = [field.help] if field.help else []
    if field.minimum is not None and field.maximum is not None:
        parts.append(
            _("Entre %(min)s et %(max)s.", min=bound(field.minimum, field.unit), max=bound(field.maximum, field.unit))
        )
    elif field.minimum is not None:
        parts.append(_("Au moins %(min)s.", min=bound(field.minimum, field.unit)))
    elif field.maximum is not None:
        parts.append(_("Au plus %(max)s.", max=bound(field.maximum, field.unit)))
    if field.kind == "date":
        parts.append(_("Format AAAA-MM-JJ si le calendrier n'est pas proposé."))
    if field.kind == "postcode":
        parts.append(_("5 chiffres."))
    return " ".join(parts)


def simulator_defaults(product: Product, box: Any, formula: str | None = None) -> dict[str, Any]:
    """The form as first shown: the sandbox's date, the first formula and frequency, default franchises."""
    chosen = product.formula(formula or "") or (product.formulas[0] if product.formulas else None)
    values: dict[str, Any] = {
        "formula": chosen.code if chosen else "",
        "frequency": product.frequencies[0].code if product.frequencies else "",
        "effective_date": box.business_date.isoformat(),
        "other_contracts": "0",
        "options": [],
    }
    for field in product.risk_fields:
        values[risk_key(field)] = _default_text(field.default)
    for guarantee in product.guarantees:
        if guarantee.deductibles:
            values[deductible_key(guarantee)] = guarantee.default_deductible or ""
    return values


def simulator_values(product: Product, form: MultiDict[str, str]) -> dict[str, Any]:
    """What the user posted, kept as typed to re-fill the form."""
    values: dict[str, Any] = {name: form.get(name, "").strip() for name in CHOICE_FIELDS if name != "options"}
    values["options"] = form.getlist("options")
    for field in product.risk_fields:
        values[risk_key(field)] = form.get(risk_key(field), "").strip()
    for guarantee in product.guarantees:
        if guarantee.deductibles:
            values[deductible_key(guarantee)] = form.get(deductible_key(guarantee), "").strip()
    return values


def simulator_prefill(product: Product, values: dict[str, Any], requested: Mapping[str, Any]) -> dict[str, Any]:
    """The simulator's form filled from a request: formula, options, frequency, effective date and the
    declared risk data, so nothing is typed again (a value the product does not know is left out)."""
    filled = dict(values)
    if product.formula(str(requested.get("formula") or "")) is not None:
        filled["formula"] = requested["formula"]
    if product.frequency(str(requested.get("frequency") or "")) is not None:
        filled["frequency"] = requested["frequency"]
    if requested.get("effective_date"):
        filled["effective_date"] = str(requested["effective_date"])
    filled["options"] = [
        code for code in requested.get("options") or () if product.guarantee(code) or product.modifier(code)
    ]
    declared = requested.get("declared") or {}
    for spec in product.risk_fields:
        value = declared.get(spec.name)
        if value is not None and value != "":
            filled[risk_key(spec)] = ("oui" if value else "non") if isinstance(value, bool) else str(value)
    return filled


def pricing_data(product: Product, values: Mapping[str, Any]) -> dict[str, Any]:
    """The service's pricing request. A franchise is sent only for a guarantee the choice includes (the
    form offers one per guarantee that has some, whatever the formula)."""
    options = list(values.get("options") or [])
    formula = product.formula(values.get("formula") or "")
    chosen = {g.code for g in product.included_guarantees(formula)} | set(options) if formula else set()
    data: dict[str, Any] = {
        "formula": values.get("formula", ""),
        "frequency": values.get("frequency", ""),
        "effective_date": values.get("effective_date") or None,
        "risk": {field.name: values.get(risk_key(field), "") for field in product.risk_fields},
        "options": options,
        "deductibles": {
            g.code: values[deductible_key(g)]
            for g in product.guarantees
            if g.deductibles and g.code in chosen and values.get(deductible_key(g))
        },
    }
    if values.get("other_contracts"):
        data["other_contracts"] = values["other_contracts"]
    return data


def simulator_errors(product: Product, errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Service error paths (« risk.garage_postcode », « deductibles.vol ») → the form field they belong to."""
    with_deductibles = {g.code: g for g in product.guarantees if g.deductibles}
    merged: dict[str, list[str]] = {}
    for path, messages in errors.items():
        head, _dot, rest = path.partition(".")
        name = rest.split(".", 1)[0]
        field = product.risk_field(name) if head == "risk" else None
        if field is not None:
            key = risk_key(field)
        elif head == "deductibles" and name in with_deductibles:
            key = deductible_key(with_deductibles[name])
        elif head in CHOICE_FIELDS:
            key = head
        else:
            key = "_schema"
        merged.setdefault(key, []).extend(messages)
    return merged


def simulator_labels(product: Product) -> dict[str, Any]:
    labels: dict[str, Any] = dict(CHOICE_LABELS)
    labels.update({risk_key(field): field.label for field in product.risk_fields})
    labels.update(
        {deductible_key(g): _("Franchise — %(name)s", name=g.name) for g in product.guarantees if g.deductibles}
    )
    return labels


@dataclass(frozen=True)
class OptionChoice:
    code: str
    name: str
    description: str
    kind: str  # guarantee | modifier
    formulas: tuple[str, ...]  # codes of the formulas offering it
    formula_names: tuple[str, ...]
    eco: bool


def option_choices(product: Product) -> list[OptionChoice]:
    """Every option some formula offers, with the formulas that offer it (the form lists them all)."""
    offered = [code for formula in product.formulas for code in formula.options]
    choices = []
    for code in dict.fromkeys(offered):
        formulas = tuple(f for f in product.formulas if code in f.options)
        guarantee = product.guarantee(code)
        modifier = product.modifier(code)
        item = guarantee or modifier
        if item is None:
            continue
        choices.append(
            OptionChoice(
                code=code,
                name=item.name,
                description=item.description,
                kind="guarantee" if guarantee else "modifier",
                formulas=tuple(f.code for f in formulas),
                formula_names=tuple(f.name for f in formulas),
                eco=item.eco,
            )
        )
    return choices
