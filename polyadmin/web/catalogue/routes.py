"""The catalogue pages of a sandbox: products, product sheet, IPID, and the pricing simulator.

Everything reads the catalogue snapshot the sandbox's exam session is pinned to
(`services.catalogue`), so a candidate sees the products of their exam whatever happens to products/
afterwards. The simulator prices without writing anything: no record, no journal entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.documents import render_ipid
from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.domain.pricing import Pricing
from polyadmin.services import catalogue as catalogue_service
from polyadmin.services import portfolio
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.catalogue.forms import (
    deductible_key,
    field_hint,
    input_type,
    option_choices,
    pricing_data,
    risk_key,
    simulator_defaults,
    simulator_errors,
    simulator_labels,
    simulator_prefill,
    simulator_values,
)
from polyadmin.web.catalogue.labels import BOOLEAN_CHOICES, TAX_COLUMNS, page_labels, tariff_effect
from polyadmin.web.forms import error_summary, refused_input
from polyadmin.web.sandbox import sandbox_page

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
    box, _access = sandbox_page(sandbox_id)
    session, actor = db_session(), current_actor()
    snapshot = catalogue_service.snapshot_for(session, actor, sandbox_id)
    return box, catalogue_service.catalogue_for(session, actor, sandbox_id), snapshot


@bp.route("/sandboxes/<int:sandbox_id>/catalogue")
@login_required
def catalogue_list(sandbox_id: int) -> Any:
    box, catalogue, snapshot = _pinned(sandbox_id)
    return render_template(
        "catalogue/list.html", sandbox=box, area="catalogue", catalogue=catalogue, snapshot=snapshot, **page_labels()
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
        **page_labels(),
    )


def ipid_filename(product: Product) -> str:
    return f"ipid-{product.code}-{product.version}.pdf"


@bp.route("/sandboxes/<int:sandbox_id>/catalogue/<code>/ipid.pdf")
@login_required
def product_ipid(sandbox_id: int, code: str) -> Any:
    sandbox_page(sandbox_id)
    product = catalogue_service.get_product(db_session(), current_actor(), code, sandbox_id)
    response = Response(render_ipid(product), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{ipid_filename(product)}"'
    return response


# --- pricing simulator -----------------------------------------------------------------------------


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
        **page_labels(),
    ), (422 if errors else 200)


@bp.route("/sandboxes/<int:sandbox_id>/simulateur/<code>", methods=["GET", "POST"])
@login_required
def simulator_product(sandbox_id: int, code: str) -> Any:
    box, _access = sandbox_page(sandbox_id)
    session, actor = db_session(), current_actor()
    product = catalogue_service.get_product(session, actor, code, sandbox_id)
    values = simulator_defaults(product, box, request.args.get("formule"))
    linked = linked_request(session, actor, sandbox_id, product)  # opened from a request's workspace
    if linked is not None and request.method == "GET":
        values = simulator_prefill(product, values, linked.requested)
    errors: dict[str, list[str]] = {}
    pricing: Pricing | None = None
    status = 200
    if request.method == "POST":
        values = simulator_values(product, request.form)
        with refused_input(lambda paths: simulator_errors(product, paths)) as refused:
            pricing = catalogue_service.price_product(
                session, actor, product.code, pricing_data(product, values), sandbox_id
            )
        errors, status = refused.errors, refused.status
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
            linked=linked,
            **page_labels(),
        ),
        status,
    )


def linked_request(session: Any, actor: Any, sandbox_id: int, product: Product) -> Any:
    """The request the simulator was opened from (`?demande=<id>`), if it is one of this product."""
    raw = request.args.get("demande", "")
    if not raw.isdigit():
        return None
    found = portfolio.get_request(session, actor, sandbox_id, int(raw)).request
    return found if found.product_code == product.code else None
