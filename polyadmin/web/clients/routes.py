"""The client list (search by name, number, postcode, registration), the client page (« fiche 360° »), and the
client form (creation and edition).

The client page gathers everything the portfolio holds on one client, and lets the candidate record
a contact (« Enregistrer un contact »), which the interactions service journals.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain import clients as client_domain
from polyadmin.domain.client_documents import CHANNELS as DOCUMENT_CHANNELS
from polyadmin.domain.errors import Conflict, NotFound
from polyadmin.services import client_documents, document_registry, interactions, portfolio
from polyadmin.services import clients as client_service
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.clients.forms import (
    INTERACTION_LABELS,
    client_create_data,
    client_form_values,
    client_update_data,
    client_values_of,
    interaction_values,
)
from polyadmin.web.clients.labels import INTERACTION_CHANNELS, INTERACTION_DIRECTIONS, choices
from polyadmin.web.documents.routes import DOCUMENT_PDF_ENDPOINT
from polyadmin.web.forms import Refusal, error_summary, page_number, refused_input
from polyadmin.web.sandbox import sandbox_page


@bp.route("/sandboxes/<int:sandbox_id>/clients")
@login_required
def client_list(sandbox_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    text = request.args.get("q", "").strip()[:100]
    page = client_service.find_clients(
        db_session(), current_actor(), sandbox_id, text, page_number(request.args.get("page"))
    )
    return render_template("clients/list.html", sandbox=box, area="clients", page=page, q=text)


def _client_page(
    sandbox_id: int,
    client_id: int,
    values: dict[str, Any] | None = None,
    refused: Refusal | None = None,
    document_refusal: tuple[int, Refusal] | None = None,
) -> Any:
    box, _access = sandbox_page(sandbox_id)
    view = portfolio.client_360(db_session(), current_actor(), sandbox_id, client_id)
    errors = refused.errors if refused else {}
    documents = client_documents.list_for_client(
        db_session(), current_actor(), sandbox_id, client_id, int(current_app.config["DOCUMENT_REMINDER_DAYS"])
    )
    refused_document, document_refused = document_refusal or (None, None)
    status = (refused.status if refused else 200) if document_refused is None else document_refused.status
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
            client_documents=documents,
            accessible_formats=bool(view.client.get("accessible_formats")),
            document_channels=DOCUMENT_CHANNELS,
            refused_document=refused_document,
            document_errors=document_refused.errors if document_refused else {},
            document_message=document_refused.message if document_refused else None,
            **choices(),
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
    sandbox_page(sandbox_id, work=True)
    values = interaction_values(request.form)
    data = {name: value for name, value in values.items() if value}
    with refused_input() as refused:
        interactions.record_interaction(db_session(), current_actor(), sandbox_id, client_id, data)
        flash(_("Contact enregistré."), "success")
        return redirect(url_for("web.client_detail", sandbox_id=sandbox_id, client_id=client_id) + "#contacts")
    return _client_page(sandbox_id, client_id, values, refused)


# --- documents edited for the client (C1.9): transmission, reception, reminders, download -------------------


def _document_of(sandbox_id: int, client_id: int, document_id: int) -> Any:
    document = client_documents.document_for(db_session(), current_actor(), sandbox_id, document_id)
    if document.client_id != client_id:
        raise NotFound("Document introuvable.")
    return document


def _document_action(sandbox_id: int, client_id: int, document_id: int, act: Any, done: str) -> Any:
    sandbox_page(sandbox_id, work=True)
    _document_of(sandbox_id, client_id, document_id)
    with refused_input(also=(Conflict,)) as refused:
        act()
        flash(done, "success")
        anchor = f"#document-{document_id}"
        return redirect(url_for("web.client_detail", sandbox_id=sandbox_id, client_id=client_id) + anchor)
    return _client_page(sandbox_id, client_id, document_refusal=(document_id, refused))


@bp.route(
    "/sandboxes/<int:sandbox_id>/clients/<int:client_id>/documents/<int:document_id>/transmission", methods=["POST"]
)
@login_required
def client_document_transmit(sandbox_id: int, client_id: int, document_id: int) -> Any:
    """Record how and when the document was sent to the client."""
    data = {key: request.form.get(key, "").strip() for key in ("channel", "date")}
    data = {key: value for key, value in data.items() if value}
    return _document_action(
        sandbox_id,
        client_id,
        document_id,
        lambda: client_documents.transmit(db_session(), current_actor(), sandbox_id, document_id, data),
        _("Transmission enregistrée."),
    )


@bp.route("/sandboxes/<int:sandbox_id>/clients/<int:client_id>/documents/<int:document_id>/reception", methods=["POST"])
@login_required
def client_document_receive(sandbox_id: int, client_id: int, document_id: int) -> Any:
    """Record the date the client returned (signed) the document."""
    value = request.form.get("date", "").strip()
    data = {"date": value} if value else {}
    return _document_action(
        sandbox_id,
        client_id,
        document_id,
        lambda: client_documents.receive(db_session(), current_actor(), sandbox_id, document_id, data),
        _("Réception enregistrée."),
    )


@bp.route("/sandboxes/<int:sandbox_id>/clients/<int:client_id>/documents/<int:document_id>/relance", methods=["POST"])
@login_required
def client_document_remind(sandbox_id: int, client_id: int, document_id: int) -> Any:
    """Remind the client of a document transmitted and not returned."""
    return _document_action(
        sandbox_id,
        client_id,
        document_id,
        lambda: client_documents.remind(db_session(), current_actor(), sandbox_id, document_id),
        _("Relance enregistrée."),
    )


def _download(sandbox_id: int, client_id: int, document_id: int) -> document_registry.Download:
    sandbox_page(sandbox_id)
    _document_of(sandbox_id, client_id, document_id)
    return document_registry.download(db_session(), current_actor(), sandbox_id, document_id)


@bp.route("/sandboxes/<int:sandbox_id>/clients/<int:client_id>/documents/<int:document_id>.pdf")
@login_required
def client_document_pdf(sandbox_id: int, client_id: int, document_id: int) -> Any:
    """The document regenerated from its source record, as PDF."""
    printed = _download(sandbox_id, client_id, document_id)
    response = Response(printed.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{printed.filename}.pdf"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/sandboxes/<int:sandbox_id>/clients/<int:client_id>/documents/<int:document_id>.html")
@login_required
def client_document_html(sandbox_id: int, client_id: int, document_id: int) -> Any:
    """The accessible HTML twin, for a client whose record asks for accessible formats (404 otherwise)."""
    printed = _download(sandbox_id, client_id, document_id)
    if printed.html is None:
        raise NotFound("Pas de version accessible : la fiche du client ne demande pas de format accessible.")
    response = Response(printed.html, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _client_form(
    box: Any,
    values: dict[str, Any],
    refused: Refusal,
    client: dict[str, Any] | None = None,
) -> Any:
    """The one client form, for creation (no client) and edition (with its view and any conflict)."""
    return (
        render_template(
            "clients/form.html",
            sandbox=box,
            area="clients",
            values=values,
            errors=refused.errors,
            summary=error_summary(refused.errors),
            client=client,
            conflict=refused.message,
            **choices(),
        ),
        refused.status,
    )


@bp.route("/sandboxes/<int:sandbox_id>/clients/new", methods=["GET", "POST"])
@login_required
def client_new(sandbox_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id, work=True)
    values: dict[str, Any] = client_values_of(
        {"kind": client_domain.PERSON, "country": "FR", "preferred_channel": "email"}
    )
    refused = Refusal()
    if request.method == "POST":
        values = client_form_values(request.form)
        with refused_input() as refused:
            client = client_service.create_client(db_session(), current_actor(), sandbox_id, client_create_data(values))
            flash(_("Fiche client %(number)s créée.", number=client.number), "success")
            return redirect(url_for("web.client_detail", sandbox_id=sandbox_id, client_id=client.id))
    return _client_form(box, values, refused)


@bp.route("/sandboxes/<int:sandbox_id>/clients/<int:client_id>/edit", methods=["GET", "POST"])
@login_required
def client_edit(sandbox_id: int, client_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id, work=True)
    session = db_session()
    actor = current_actor()
    view = client_service.client_view(client_service.get_client(session, actor, sandbox_id, client_id))
    values = client_values_of(view)
    refused = Refusal()
    if request.method == "POST":
        values = {**client_form_values(request.form), "kind": view["kind"]}
        version = page_number(values["version"]) if values["version"] else None
        with refused_input(also=(Conflict,)) as refused:
            client_service.update_client(
                session,
                actor,
                sandbox_id,
                client_id,
                client_update_data(values, view["kind"]),
                expected_version=version,
            )
            flash(_("Fiche client %(number)s enregistrée.", number=view["number"]), "success")
            return redirect(url_for("web.client_detail", sandbox_id=sandbox_id, client_id=client_id))
    return _client_form(box, values, refused, client=view)
