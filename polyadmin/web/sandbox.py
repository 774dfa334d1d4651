"""The sandbox area: client forms and the evaluator's journal timeline (the inbox, client list and client
page are in clients_inbox.py and clients.py)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain import clients as client_domain
from polyadmin.domain.errors import Conflict, InvalidInput
from polyadmin.domain.roles import Permission, allowed
from polyadmin.journal.actions import ACTIONS, REFERENTIAL_CODES
from polyadmin.services import clients as client_service
from polyadmin.services import journal as journal_service
from polyadmin.services import sandboxes
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import (
    client_create_data,
    client_form_values,
    client_update_data,
    client_values_of,
    error_summary,
    field_errors,
    page_number,
)

JOURNAL_FILTERS = ("action", "record", "code", "date_from", "date_to", "page", "per_page")
PLATFORM_ACTIONS = ("user.", "auth.", "exam_session.")  # never in a sandbox's stream
ACTION_CHOICES = {name: kind.label for name, kind in ACTIONS.items() if not name.startswith(PLATFORM_ACTIONS)}
JOURNAL_FILTER_LABELS = {
    "action": "Action",
    "record": "Enregistrement",
    "code": "Code du référentiel",
    "date_from": "Du",
    "date_to": "Au",
    "page": "Page",
    "per_page": "Entrées par page",
}


def _sandbox(sandbox_id: int) -> Any:
    """Load the sandbox for the page (404 if the user may not see it) and expose it to the layout."""
    actor = current_actor()
    box, access = sandboxes.get_sandbox(db_session(), actor, sandbox_id)
    g.sandbox = box
    g.can_work = allowed(actor, Permission.WORK_IN_SANDBOX, access)
    g.can_move_clock = allowed(actor, Permission.MOVE_CLOCK, access)
    g.can_read_evaluation = allowed(actor, Permission.READ_EVALUATION, access)
    return box


def _require_work(sandbox_id: int) -> Any:
    box = _sandbox(sandbox_id)
    if not g.can_work:
        abort(403, description=_("Seul le candidat de ce bac à sable peut effectuer cette action."))
    return box


def _choices() -> dict[str, Any]:
    return {
        "kinds": client_domain.CLIENT_KINDS,
        "civilities": client_domain.CIVILITIES,
        "family_situations": client_domain.FAMILY_SITUATIONS,
        "legal_forms": client_domain.LEGAL_FORMS,
        "channels": client_domain.CONTACT_CHANNELS,
        "formats": client_domain.ACCESSIBLE_FORMATS,
        "purposes": client_domain.GDPR_PURPOSES,
    }


def _client_form(
    box: Any,
    values: dict[str, Any],
    errors: dict[str, list[str]],
    status: int,
    client: dict[str, Any] | None = None,
    conflict: str | None = None,
) -> Any:
    """The one client form, for creation (no client) and edition (with its view and any conflict)."""
    return (
        render_template(
            "clients/form.html",
            sandbox=box,
            area="clients",
            values=values,
            errors=errors,
            summary=error_summary(errors),
            client=client,
            conflict=conflict,
            **_choices(),
        ),
        status,
    )


@bp.route("/sandboxes/<int:sandbox_id>/clients/new", methods=["GET", "POST"])
@login_required
def client_new(sandbox_id: int) -> Any:
    box = _require_work(sandbox_id)
    values: dict[str, Any] = client_values_of(
        {"kind": client_domain.PERSON, "country": "FR", "preferred_channel": "email"}
    )
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        values = client_form_values(request.form)
        try:
            client = client_service.create_client(db_session(), current_actor(), sandbox_id, client_create_data(values))
        except InvalidInput as exc:
            errors = field_errors(exc.field_errors)
            status = 422
        else:
            flash(_("Fiche client %(number)s créée.", number=client.number), "success")
            return redirect(url_for("web.client_detail", sandbox_id=sandbox_id, client_id=client.id))
    return _client_form(box, values, errors, status)


@bp.route("/sandboxes/<int:sandbox_id>/clients/<int:client_id>/edit", methods=["GET", "POST"])
@login_required
def client_edit(sandbox_id: int, client_id: int) -> Any:
    box = _require_work(sandbox_id)
    session = db_session()
    actor = current_actor()
    view = client_service.client_view(client_service.get_client(session, actor, sandbox_id, client_id))
    values = client_values_of(view)
    errors: dict[str, list[str]] = {}
    conflict = None
    status = 200
    if request.method == "POST":
        values = {**client_form_values(request.form), "kind": view["kind"]}
        version = page_number(values["version"]) if values["version"] else None
        try:
            client_service.update_client(
                session,
                actor,
                sandbox_id,
                client_id,
                client_update_data(values, view["kind"]),
                expected_version=version,
            )
        except InvalidInput as exc:
            errors = field_errors(exc.field_errors)
            status = 422
        except Conflict as exc:
            conflict = exc.message
            status = 409
        else:
            flash(_("Fiche client %(number)s enregistrée.", number=view["number"]), "success")
            return redirect(url_for("web.client_detail", sandbox_id=sandbox_id, client_id=client_id))
    return _client_form(box, values, errors, status, client=view, conflict=conflict)


def _journal_params() -> dict[str, str]:
    return {name: value for name in JOURNAL_FILTERS if (value := request.args.get(name, "").strip())}


@bp.route("/sandboxes/<int:sandbox_id>/journal")
@login_required
def journal(sandbox_id: int) -> Any:
    box = _sandbox(sandbox_id)
    session = db_session()
    actor = current_actor()
    params = _journal_params()
    errors: dict[str, list[str]] = {}
    page = None
    try:
        page = journal_service.sandbox_journal(session, actor, sandbox_id, params)
    except InvalidInput as exc:
        errors = field_errors(exc.field_errors)
    verdict = journal_service.verify_sandbox_journal(session, actor, sandbox_id)
    filters = {name: value for name, value in params.items() if name not in ("page",)}
    return (
        render_template(
            "journal.html",
            sandbox=box,
            area="journal",
            page=page,
            verdict=verdict,
            params=params,
            filters=filters,
            errors=errors,
            summary=error_summary(errors, JOURNAL_FILTER_LABELS),
            action_choices=ACTION_CHOICES,
            code_choices={code: f"{code} — {title}" for code, title in REFERENTIAL_CODES.items()},
        ),
        422 if errors else 200,
    )
