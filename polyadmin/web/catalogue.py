"""The catalogue pages of a sandbox: products, product sheet, IPID, and the pricing simulator.

Everything reads the catalogue snapshot the sandbox's exam session is pinned to
(`services.catalogue`), so a candidate sees the products of their exam whatever happens to products/
afterwards. The simulator prices without writing anything: no record, no journal entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask import Response, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from polyadmin.context import db_session
from polyadmin.documents import render_ipid
from polyadmin.domain import french
from polyadmin.domain.catalogue import Catalogue, Guarantee, Product, RiskField
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.pricing import Pricing
from polyadmin.services import catalogue as catalogue_service
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import error_summary
from polyadmin.web.sandbox import _sandbox as load_sandbox

# Labels of the pages (the products' own texts come from the catalogue, in French, untranslated).
LINE_LABELS = {
    "auto": _l("Automobile"),
    "habitation": _l("Habitation"),
    "sante": _l("Santé"),
    "emprunteur": _l("Assurance emprunteur"),
    "professionnelle": _l("Assurance professionnelle"),
}
CLIENT_KIND_LABELS = {"person": _l("Particuliers"), "company": _l("Entreprises")}
STATUS_LABELS = {
    "mandatory": _l("Incluse dans toutes les formules"),
    "formula": _l("Selon la formule"),
    "optional": _l("En option"),
}
CATNAT_LABELS = {
    "property": _l("Prime servant d'assiette à la surprime catastrophes naturelles (biens)"),
    "auto": _l("Prime servant d'assiette à la surprime catastrophes naturelles (véhicule)"),
}
TAX_COLUMNS = {
    "tsca": _l("Taxe sur les conventions d'assurance"),
    "catnat": _l("Surprime catastrophes naturelles"),
    "catnat_tax": _l("Taxe sur la surprime CatNat"),
    "fgao": _l("Contribution FGAO"),
}
BOOLEAN_CHOICES = {"oui": _l("Oui"), "non": _l("Non")}
# Form fields of the simulator outside the risk data, in the order of the page.
CHOICE_FIELDS = ("formula", "frequency", "effective_date", "other_contracts", "options", "deductibles")
CHOICE_LABELS = {
    "formula": _l("Formule"),
    "frequency": _l("Fréquence de paiement"),
    "effective_date": _l("Date d'effet"),
    "other_contracts": _l("Autres contrats du client"),
    "options": _l("Options"),
    "deductibles": _l("Franchises"),
}


@bp.app_template_filter("coefficient")
def coefficient(value: Decimal | int | None) -> str:
    """A rating coefficient exactly as the tariff applies it (never rounded for display): « 1,0875 »."""
    return "" if value is None else french.exact_number(value, get_locale())


@bp.app_template_filter("percent")
def percent(value: Decimal | int | None) -> str:
    """A rate written in percents in the catalogue (33 → « 33 % »)."""
    return "" if value is None else french.exact_percent(value, get_locale())


def tariff_effect(factor: Decimal) -> str:
    change = (factor - 1) * 100
    if change == 0:
        return _("tarif de référence")
    sign = "+" if change > 0 else "\u2212"
    return _("%(change)s sur la prime", change=f"{sign}{percent(abs(change))}")


# --- catalogue and product sheet -------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    """One row of the formula comparison: a guarantee or a tariff option, and its mark per formula."""

    label: str
    kind: str  # guarantee | modifier
    marks: tuple[str, ...]  # included | option | absent


def comparison_rows(product: Product) -> list[ComparisonRow]:
    rows = []
    for guarantee in product.guarantees:
        marks = tuple(
            "included"
            if guarantee.status == "mandatory" or guarantee.code in formula.guarantees
            else "option"
            if guarantee.code in formula.options
            else "absent"
            for formula in product.formulas
        )
        rows.append(ComparisonRow(guarantee.name, "guarantee", marks))
    for modifier in product.modifiers:
        marks = tuple("option" if modifier.code in formula.options else "absent" for formula in product.formulas)
        rows.append(ComparisonRow(modifier.name, "modifier", marks))
    return rows


def _pinned(sandbox_id: int) -> tuple[Any, Catalogue, Any]:
    box = load_sandbox(sandbox_id)
    session, actor = db_session(), current_actor()
    snapshot = catalogue_service.snapshot_for(session, actor, sandbox_id)
    return box, catalogue_service.catalogue_for(session, actor, sandbox_id), snapshot


def _labels() -> dict[str, Any]:
    return {
        "line_labels": LINE_LABELS,
        "client_kind_labels": CLIENT_KIND_LABELS,
        "status_labels": STATUS_LABELS,
        "catnat_labels": CATNAT_LABELS,
    }


@bp.route("/sandboxes/<int:sandbox_id>/catalogue")
@login_required
def catalogue_list(sandbox_id: int) -> Any:
    box, catalogue, snapshot = _pinned(sandbox_id)
    return render_template(
        "catalogue/list.html", sandbox=box, area="catalogue", catalogue=catalogue, snapshot=snapshot, **_labels()
    )


@bp.route("/sandboxes/<int:sandbox_id>/catalogue/<code>")
@login_required
def product_sheet(sandbox_id: int, code: str) -> Any:
    box, catalogue, snapshot = _pinned(sandbox_id)
    product = catalogue_service.get_product(db_session(), current_actor(), code, sandbox_id)
    return render_template(
        "catalogue/product.html",
        sandbox=box,
        area="catalogue",
        product=product,
        taxes=catalogue.taxes,
        snapshot=snapshot,
        comparison=comparison_rows(product),
        tariff_effect=tariff_effect,
        **_labels(),
    )


def ipid_filename(product: Product) -> str:
    return f"ipid-{product.code}-{product.version}.pdf"


@bp.route("/sandboxes/<int:sandbox_id>/catalogue/<code>/ipid.pdf")
@login_required
def product_ipid(sandbox_id: int, code: str) -> Any:
    load_sandbox(sandbox_id)
    product = catalogue_service.get_product(db_session(), current_actor(), code, sandbox_id)
    response = Response(render_ipid(product), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{ipid_filename(product)}"'
    return response


# --- pricing simulator -----------------------------------------------------------------------------


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


def tax_columns(pricing: Pricing) -> list[tuple[str, Any]]:
    present = {tax.code for line in pricing.lines for tax in line.taxes}
    return [(code, label) for code, label in TAX_COLUMNS.items() if code in present]


@bp.route("/sandboxes/<int:sandbox_id>/simulateur")
@login_required
def simulator(sandbox_id: int) -> Any:
    box, catalogue, snapshot = _pinned(sandbox_id)
    errors: dict[str, list[str]] = {}
    if "produit" in request.args:  # the product chooser was submitted
        wanted = request.args.get("produit", "").strip()
        if catalogue.product(wanted) is not None:
            return redirect(url_for("web.simulator_product", sandbox_id=sandbox_id, code=wanted))
        message = _("Produit inconnu « %(code)s » : choisissez dans la liste.", code=wanted[:40])
        errors["produit"] = [message if wanted else _("Choisissez un produit dans la liste.")]
    return render_template(
        "catalogue/simulator_choice.html",
        sandbox=box,
        area="simulateur",
        catalogue=catalogue,
        snapshot=snapshot,
        values={"produit": request.args.get("produit", "")},
        errors=errors,
        summary=error_summary(errors, {"produit": _("Produit")}),
        **_labels(),
    ), (422 if errors else 200)


@bp.route("/sandboxes/<int:sandbox_id>/simulateur/<code>", methods=["GET", "POST"])
@login_required
def simulator_product(sandbox_id: int, code: str) -> Any:
    box = load_sandbox(sandbox_id)
    session, actor = db_session(), current_actor()
    product = catalogue_service.get_product(session, actor, code, sandbox_id)
    values = simulator_defaults(product, box, request.args.get("formule"))
    errors: dict[str, list[str]] = {}
    pricing: Pricing | None = None
    status = 200
    if request.method == "POST":
        values = simulator_values(product, request.form)
        try:
            pricing = catalogue_service.price_product(
                session, actor, product.code, pricing_data(product, values), sandbox_id
            )
        except InvalidInput as exc:
            errors = simulator_errors(product, exc.field_errors or {"_schema": [exc.message]})
            status = 422
    return (
        render_template(
            "catalogue/simulator.html",
            sandbox=box,
            area="simulateur",
            product=product,
            values=values,
            errors=errors,
            summary=error_summary(errors, simulator_labels(product)),
            pricing=pricing,
            options=option_choices(product),
            tax_columns=tax_columns(pricing) if pricing else [],
            risk_key=risk_key,
            deductible_key=deductible_key,
            input_type=input_type,
            field_hint=field_hint,
            boolean_choices=BOOLEAN_CHOICES,
            tariff_effect=tariff_effect,
            **_labels(),
        ),
        status,
    )
