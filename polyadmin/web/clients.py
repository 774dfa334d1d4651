"""The client list (search by name, number, postcode, registration) and the client page (« fiche 360° »).

The client page gathers everything the portfolio holds on one client, and lets the candidate record
a contact (« Enregistrer un contact »), which the interactions service journals.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain import interactions as interaction_domain
from polyadmin.domain.errors import InvalidInput
from polyadmin.services import clients as client_service
from polyadmin.services import interactions, portfolio
from polyadmin.web import clients_labels as _labels  # noqa: F401  registers the |label, |iban, |percent filters
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import error_summary, field_errors, page_number
from polyadmin.web.sandbox import _choices, _require_work, _sandbox

DOCUMENT_PDF_ENDPOINT = "web.supporting_document_pdf"
INTERACTION_FIELDS = ("occurred_on", "channel", "direction", "motive", "summary")
INTERACTION_LABELS: dict[str, Any] = {
    "occurred_on": _l("Date du contact"),
    "channel": _l("Canal"),
    "direction": _l("Sens"),
    "motive": _l("Motif"),
    "summary": _l("Compte rendu"),
}
INTERACTION_CHANNELS = interaction_domain.CHANNELS
INTERACTION_DIRECTIONS = interaction_domain.DIRECTIONS


@bp.route("/sandboxes/<int:sandbox_id>/clients")
@login_required
def client_list(sandbox_id: int) -> Any:
    box = _sandbox(sandbox_id)
    text = request.args.get("q", "").strip()[:100]
    page = client_service.find_clients(
        db_session(), current_actor(), sandbox_id, text, page_number(request.args.get("page"))
    )
    return render_template("clients/list.html", sandbox=box, area="clients", page=page, q=text)


def _client_page(
    sandbox_id: int,
    client_id: int,
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> Any:
    box = _sandbox(sandbox_id)
    view = portfolio.client_360(db_session(), current_actor(), sandbox_id, client_id)
    errors = errors or {}
    return (
        render_template(
            "clients/detail.html",
            sandbox=box,
            area="clients",
            view=view,
            client=view.client,
            interaction_values=values or {"occurred_on": box.business_date.isoformat(), "direction": "entrant"},
            interaction_errors=errors,
            interaction_summary=error_summary(errors, INTERACTION_LABELS),
            interaction_channels=INTERACTION_CHANNELS,
            interaction_directions=INTERACTION_DIRECTIONS,
            pdf_endpoint=DOCUMENT_PDF_ENDPOINT,
            **_choices(),
        ),
        status,
    )


@bp.route("/sandboxes/<int:sandbox_id>/clients/<int:client_id>")
@login_required
def client_detail(sandbox_id: int, client_id: int) -> Any:
    return _client_page(sandbox_id, client_id)


@bp.route("/sandboxes/<int:sandbox_id>/clients/<int:client_id>/contacts", methods=["POST"])
@login_required
def interaction_new(sandbox_id: int, client_id: int) -> Any:
    """Enregistrer un contact with the client (the service validates, stores and journals it)."""
    _require_work(sandbox_id)
    values = {name: request.form.get(name, "").strip() for name in INTERACTION_FIELDS}
    data = {name: value for name, value in values.items() if value}
    try:
        interactions.record_interaction(db_session(), current_actor(), sandbox_id, client_id, data)
    except InvalidInput as exc:
        return _client_page(sandbox_id, client_id, values, field_errors(exc.field_errors), 422)
    flash(_("Contact enregistré."), "success")
    return redirect(url_for("web.client_detail", sandbox_id=sandbox_id, client_id=client_id) + "#contacts")
