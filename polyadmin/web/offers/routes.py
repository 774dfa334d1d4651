"""Offers pages (« Devis », C2A.3): the quotes of the sandbox, a client's needs record with the advice,
the quote builder (from a request's workspace, a client, or a quote for its new version) and a quote.

Every change goes through `polyadmin.services.offers`, which checks the rights, prices and journals.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain.acceptance import CONDITION_LABELS, SpecialConditionKind
from polyadmin.domain.catalogue import Product
from polyadmin.domain.errors import Conflict, NotFound
from polyadmin.domain.offers import LINE_LABELS, LINE_QUESTIONS
from polyadmin.services import client_documents, offers
from polyadmin.services.catalogue import catalogue_for
from polyadmin.services.clients import find_clients
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.catalogue.forms import field_hint, input_type
from polyadmin.web.catalogue.labels import BOOLEAN_CHOICES
from polyadmin.web.forms import error_summary, refused_input
from polyadmin.web.offers.forms import (
    BUILDER_LINES,
    RECOMMENDATION_SLOTS,
    builder_errors,
    line_data,
    line_defaults,
    line_guarantees,
    line_values,
    needs_data,
    needs_errors,
    needs_values,
    offer_choices,
    option_choices,
    positions,
    prefix,
    version_positions,
)
from polyadmin.web.sandbox import sandbox_page

NEEDS_LABELS = {
    "budget_monthly": "Budget mensuel",
    "disability": "Handicap ou adaptation",
    "situation": "Situation du client",
    **{f"{line}-{q.code}": f"{label} — {q.label}" for line, label in LINE_LABELS.items() for q in LINE_QUESTIONS},
    **{
        f"r{n}-{name}": f"Recommandation {n}"
        for n in range(1, RECOMMENDATION_SLOTS + 1)
        for name in ("offer", "options", "reason", "need")
    },
}


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


@bp.route("/sandboxes/<int:sandbox_id>/devis")
@login_required
def quote_list(sandbox_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    session, actor = db_session(), current_actor()
    found = offers.list_quotes(session, actor, sandbox_id)
    clients = find_clients(session, actor, sandbox_id, per_page=200).items
    return render_template("offers/list.html", sandbox=box, area="devis", quotes=found, clients=clients)


@bp.route("/sandboxes/<int:sandbox_id>/clients/<int:client_id>/besoins", methods=["GET", "POST"])
@login_required
def client_needs(sandbox_id: int, client_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id, work=request.method == "POST")
    session, actor = db_session(), current_actor()
    catalogue = catalogue_for(session, actor, sandbox_id)
    current = offers.latest_needs(session, actor, sandbox_id, client_id)
    client = offers.builder_start(session, actor, sandbox_id, client_id, None).client
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        values = needs_values(request.form)
        with refused_input(needs_errors) as refused:
            data = needs_data(catalogue, values)
            demande = _int_arg("demande")
            if demande is not None:
                data["request_id"] = demande
            offers.record_needs(session, actor, sandbox_id, client_id, data)
            flash("Recueil des besoins et conseil enregistrés.", "success")
            return redirect(url_for("web.client_needs", sandbox_id=sandbox_id, client_id=client_id))
        errors, status = refused.errors, refused.status
    elif current is not None:
        values = _needs_form_of(current.record)
    return (
        render_template(
            "offers/needs.html",
            sandbox=box,
            area="devis",
            client=client,
            current=current,
            values=values,
            errors=errors,
            summary=error_summary(errors, NEEDS_LABELS),
            line_labels=LINE_LABELS,
            questions=LINE_QUESTIONS,
            guarantees={line: line_guarantees(catalogue, line) for line in LINE_LABELS},
            offers_choices=offer_choices(catalogue),
            options_choices=option_choices(catalogue),
            slots=range(1, RECOMMENDATION_SLOTS + 1),
            yes={"oui": "Oui"},
        ),
        status,
    )


def _needs_form_of(row: Any) -> dict[str, Any]:
    """The form filled with a needs record (to amend it: a new record is written)."""
    values: dict[str, Any] = {}
    for line, given in row.answers.items():
        if line not in LINE_LABELS:
            continue
        values[f"{line}-examined"] = "oui"
        for question in LINE_QUESTIONS:
            values[f"{line}-{question.code}"] = given.get(question.code)
    general = row.answers.get("general") or {}
    values["disability"] = general.get("disability", "")
    values["situation"] = general.get("situation", "")
    values["budget_monthly"] = str(row.budget_monthly) if row.budget_monthly is not None else ""
    values["accessible_formats"] = "oui" if row.accessible_formats else ""
    values["eco_interest"] = "oui" if row.eco_interest else ""
    for slot, advice in enumerate(row.recommendations, start=1):
        values[f"r{slot}-offer"] = f"{advice.get('product')}:{advice.get('formula')}"
        values[f"r{slot}-options"] = [f"{advice.get('product')}:{code}" for code in advice.get("options") or ()]
        values[f"r{slot}-need"] = advice.get("need", "")
        values[f"r{slot}-reason"] = advice.get("reason", "")
    return values


def _condition_texts(conditions: Any) -> list[str]:
    texts = []
    for condition in conditions:
        try:
            kind = CONDITION_LABELS[SpecialConditionKind(str(condition.get("kind")))]
        except ValueError:
            kind = "Condition"
        texts.append(f"{kind} : {condition.get('label') or ''}".strip())
    return texts


@bp.route("/sandboxes/<int:sandbox_id>/devis/nouveau", methods=["GET", "POST"])
@login_required
def quote_new(sandbox_id: int) -> Any:
    """Step 1 (no product chosen): the client and the products of the lines; step 2: each line's choices."""
    box, _access = sandbox_page(sandbox_id, work=True)
    session, actor = db_session(), current_actor()
    catalogue = catalogue_for(session, actor, sandbox_id)
    revising = None
    quote_id = _int_arg("devis")
    if quote_id is not None:
        revising = offers.get_quote(session, actor, sandbox_id, quote_id)
    start = offers.builder_start(
        session,
        actor,
        sandbox_id,
        revising.client.id if revising else _int_arg("client"),
        revising.quote.request_id if revising else _int_arg("demande"),
    )
    args = dict(request.args)
    if revising is not None and not any(key.startswith("p") for key in args):
        args.update(version_positions(revising.current.lines))
    chosen = positions(args)
    products: dict[int, Product] = {}
    unknown = []
    for position, code, _alt in chosen:
        product = catalogue.product(code)
        if product is None:
            unknown.append(code)
        else:
            products[position] = product
    if unknown or not chosen:
        if unknown:
            flash("Produit inconnu : choisissez les produits dans la liste.", "error")
        default = start.request.product_code if start.request else ""
        return render_template(
            "offers/start.html",
            sandbox=box,
            area="devis",
            start=start,
            revising=revising,
            products={p.code: p.name for p in catalogue.products},
            default=default,
            slots=range(1, BUILDER_LINES + 1),
        )
    risks = offers.client_risks(session, actor, sandbox_id, start.client.id)
    record_default = ""
    if start.request is not None:
        for kind in ("vehicle", "dwelling", "business", "loan"):
            if getattr(start.request, f"{kind}_id"):
                record_default = f"{kind}:{getattr(start.request, f'{kind}_id')}"
    values: dict[int, dict[str, Any]] = {}
    for position, _code, _alt in chosen:
        product = products[position]
        same = start.request is not None and start.request.product_code == product.code
        values[position] = line_defaults(
            product, start.request.requested if same and start.request else None, record_default if same else ""
        )
    if revising is not None:
        for line in revising.current.lines:
            if line.position in products and products[line.position].code == line.product_code:
                values[line.position] = _line_form_of(line)
    errors: dict[str, list[str]] = {}
    status = 200
    reason = ""
    if request.method == "POST":
        reason = request.form.get("reason", "").strip()
        values = {position: line_values(products[position], request.form, position) for position, _c, _a in chosen}
        lines = [line_data(products[position], values[position], alt) for position, _code, alt in chosen]
        with refused_input(builder_errors, also=(Conflict,)) as refused:
            if revising is not None:
                offers.new_version(session, actor, sandbox_id, revising.quote.id, {"reason": reason, "lines": lines})
                flash(f"Nouvelle version du devis {revising.quote.number} établie.", "success")
                target = revising.quote.id
            else:
                body: dict[str, Any] = {"client_id": start.client.id, "lines": lines}
                if start.request is not None:
                    body["request_id"] = start.request.id
                quote = offers.create_quote(session, actor, sandbox_id, body)
                flash(f"Devis {quote.number} établi.", "success")
                target = quote.id
            return redirect(url_for("web.quote_detail", sandbox_id=sandbox_id, quote_id=target))
        errors, status = refused.errors, refused.status
        if refused.message:
            errors = {"_schema": [refused.message]}
    labels = {"reason": "Motif de la nouvelle version"}
    for position, product in products.items():
        head = prefix(position)
        labels.update(
            {
                head + name: f"Ligne {position} — {text}"
                for name, text in (
                    ("formula", "Formule"),
                    ("frequency", "Fréquence"),
                    ("options", "Options"),
                    ("record", "Risque assuré"),
                )
            }
        )
        labels.update({f"{head}risk-{spec.name}": f"Ligne {position} — {spec.label}" for spec in product.risk_fields})
        labels.update(
            {f"{head}deductible-{g.code}": f"Ligne {position} — Franchise {g.name}" for g in product.guarantees}
        )
    return (
        render_template(
            "offers/builder.html",
            sandbox=box,
            area="devis",
            start=start,
            revising=revising,
            chosen=chosen,
            products=products,
            values=values,
            reason=reason,
            errors=errors,
            summary=error_summary(errors, labels),
            risks=risks,
            conditions=_condition_texts(start.conditions),
            prefix=prefix,
            input_type=input_type,
            field_hint=field_hint,
            boolean_choices=BOOLEAN_CHOICES,
        ),
        status,
    )


def _line_form_of(line: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "formula": line.formula,
        "frequency": line.frequency,
        "options": list(line.options),
        "record": next(
            (
                f"{kind}:{getattr(line, f'{kind}_id')}"
                for kind in ("vehicle", "dwelling", "business", "loan")
                if getattr(line, f"{kind}_id")
            ),
            "",
        ),
    }
    for name, value in line.risk.items():
        values[f"risk-{name}"] = ("oui" if value else "non") if isinstance(value, bool) else str(value)
    for code, deductible in line.deductibles.items():
        values[f"deductible-{code}"] = deductible
    return values


@bp.route("/sandboxes/<int:sandbox_id>/devis/<int:quote_id>")
@login_required
def quote_detail(sandbox_id: int, quote_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    session, actor = db_session(), current_actor()
    detail = offers.get_quote(session, actor, sandbox_id, quote_id)
    version = _int_arg("version")
    shown = detail.current
    if version is not None:
        shown = next((item for item in detail.versions if item.row.version == version), None)  # type: ignore[assignment]
        if shown is None:
            raise NotFound("Version du devis introuvable.")
    view = offers.quote_view(session, actor, sandbox_id, quote_id, shown.row.version)
    return render_template(
        "offers/quote.html",
        sandbox=box,
        area="devis",
        detail=detail,
        shown=shown,
        view=view,
        alternatives=[line for line in view.lines if line.alternative_of is not None],
        documents=client_documents.list_for_record(session, actor, sandbox_id, "quote", quote_id),
    )
