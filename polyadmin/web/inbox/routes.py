"""The inbox (« Corbeille ») of a sandbox: the subscription requests received, and each request's
workspace, where the candidate works the request (documents, analysis, referrals, decision).

Evaluators, the session's trainer and administrators also see the planted case's expected outcome
and notes, marked « Réservé aux évaluateurs »; the read service never gives them to a candidate. The
forms of the workspace post to `web/inbox/actions.py`.
"""

from __future__ import annotations

from typing import Any

from flask import Response, g, redirect, render_template, request, url_for
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain.casework import Decision, RequestStatus
from polyadmin.domain.errors import NotFound
from polyadmin.domain.roles import Permission, allowed
from polyadmin.services import casework, letters, portfolio
from polyadmin.validation.casework import CHANNELS, DOCUMENT_VERDICTS
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.clients.labels import label
from polyadmin.web.documents.routes import DOCUMENT_PDF_ENDPOINT
from polyadmin.web.forms import page_number
from polyadmin.web.inbox.forms import (
    CONDITION_CHOICES,
    EXPERT_CHOICES,
    condition_rows,
    defaults,
    summary_of,
    with_labels,
)
from polyadmin.web.sandbox import sandbox_page

SORTS = {"arrivee": "Ordre d'arrivée", "echeance": "Échéance de traitement"}
LATENESS = {"": "Toutes", "oui": "En retard", "non": "Dans les délais"}


@bp.route("/sandboxes/<int:sandbox_id>/")
@login_required
def sandbox_home(sandbox_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    status = request.args.get("statut", "")
    status = status if status in {item.value for item in RequestStatus} else ""
    late = request.args.get("retard", "")
    late = late if late in LATENESS else ""
    sort = request.args.get("tri", "arrivee")
    sort = sort if sort in portfolio.REQUEST_SORTS else "arrivee"
    page = portfolio.list_requests(
        db_session(),
        current_actor(),
        sandbox_id,
        page_number(request.args.get("page")),
        status=status or None,
        overdue={"oui": True, "non": False}.get(late),
        sort=sort,
    )
    filters = {"statut": status, "retard": late, "tri": sort}
    return render_template(
        "inbox/list.html",
        sandbox=box,
        area="corbeille",
        page=page,
        shows_evaluation=g.can_read_evaluation,
        filters=filters,
        filtered=bool(status or late),
        page_args={"sandbox_id": box.id, **{key: value for key, value in filters.items() if value}},
        statuses={item.value: item.label for item in RequestStatus},
        lateness=LATENESS,
        sorts=SORTS,
    )


def render_workspace(
    sandbox_id: int,
    request_id: int,
    *,
    form: str | None = None,
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    message: str | None = None,
    status: int = 200,
    analysis_open: bool = False,
    posted: Any = None,
) -> Any:
    """The request's workspace; after a refused form, that form shows what was posted and its errors."""
    box, access = sandbox_page(sandbox_id)
    session, actor = db_session(), current_actor()
    detail = portfolio.get_request(session, actor, sandbox_id, request_id)
    try:
        ws = casework.workspace(session, actor, sandbox_id, request_id)
    except NotFound:  # a request still to come, which only evaluators see: nothing to work yet
        ws = None
    client = portfolio.client_360(session, actor, sandbox_id, detail.request.client_id)
    initial = defaults(ws)
    if form is not None and values is not None:
        initial[form] = values
    product = ws.analysis.product if ws else None
    named = {spec.name: spec.label for spec in product.risk_fields} if product else {}
    named.update(
        {document.code: label(document.code, "document") for document in product.required_documents} if product else {}
    )
    errors = with_labels(errors or {}, named)
    return (
        render_template(
            "inbox/request.html",
            sandbox=box,
            area="corbeille",
            detail=detail,
            item=detail.request,
            ws=ws,
            client=client,
            product=product,
            pdf_endpoint=DOCUMENT_PDF_ENDPOINT,
            form=form,
            values=initial,
            errors={form: errors} if form else {},
            summary=summary_of(form, errors, _field_prefix(form, values)) if form else [],
            message=message,
            analysis_open=analysis_open,
            conditions=condition_rows(ws, posted if form == "decision" else None),
            can_answer=allowed(actor, Permission.ANSWER_REFERRAL, access),
            verdicts=DOCUMENT_VERDICTS,
            channels=CHANNELS,
            experts=EXPERT_CHOICES,
            condition_kinds=CONDITION_CHOICES,
        ),
        status,
    )


def _field_prefix(form: str, values: dict[str, Any] | None) -> str:
    """The ids of a form's fields: the three decision forms are told apart by their outcome."""
    outcome = (values or {}).get("outcome")
    if form == "decision" and outcome in {decision.value for decision in Decision}:
        return str(outcome)
    return form


@bp.route("/sandboxes/<int:sandbox_id>/demandes/<int:request_id>")
@login_required
def request_detail(sandbox_id: int, request_id: int) -> Any:
    return render_workspace(sandbox_id, request_id)


@bp.route("/sandboxes/<int:sandbox_id>/demandes/<int:request_id>/analyse")
@login_required
def request_analysis(sandbox_id: int, request_id: int) -> Any:
    """The workspace with the analysis and the score open: the candidate's first opening is journaled
    (once per request), so the evaluator sees the decision tools used."""
    sandbox_page(sandbox_id)
    session, actor = db_session(), current_actor()
    casework.consult(session, actor, sandbox_id, request_id, {"what": "analysis"})
    casework.consult(session, actor, sandbox_id, request_id, {"what": "score"})
    return render_workspace(sandbox_id, request_id, analysis_open=True)


@bp.route("/sandboxes/<int:sandbox_id>/demandes/<int:request_id>/pieces/<int:document_id>")
@login_required
def request_document(sandbox_id: int, request_id: int, document_id: int) -> Any:
    """Open a supporting document from the workspace: the candidate's first opening is journaled, then
    the document's SPECIMEN PDF is shown."""
    sandbox_page(sandbox_id)
    casework.consult(
        db_session(), current_actor(), sandbox_id, request_id, {"what": "document", "document_id": document_id}
    )
    return redirect(url_for(DOCUMENT_PDF_ENDPOINT, sandbox_id=sandbox_id, document_id=document_id))


@bp.route("/sandboxes/<int:sandbox_id>/demandes/<int:request_id>/client")
@login_required
def request_client(sandbox_id: int, request_id: int) -> Any:
    """Open the client's record from the workspace: journaled once per request, then the record."""
    sandbox_page(sandbox_id)
    session, actor = db_session(), current_actor()
    detail = portfolio.get_request(session, actor, sandbox_id, request_id)
    casework.consult(session, actor, sandbox_id, request_id, {"what": "client"})
    return redirect(url_for("web.client_detail", sandbox_id=sandbox_id, client_id=detail.request.client_id))


# --- letters (read-only: whoever may read the sandbox prints them; nothing is journaled) -------------


def _letter_pdf(rendered: letters.RenderedLetter) -> Any:
    response = Response(rendered.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


def _letter_html(rendered: letters.RenderedLetter) -> Any:
    """The accessible version, only for a client whose record asks for accessible formats."""
    if rendered.html is None:
        raise NotFound("Pas de version accessible : la fiche du client ne demande pas de format accessible.")
    return Response(rendered.html, mimetype="text/html")


def _decline_letter(sandbox_id: int, request_id: int) -> letters.RenderedLetter:
    sandbox_page(sandbox_id)
    return letters.decision_letter(db_session(), current_actor(), sandbox_id, request_id)


def _documents_letter(sandbox_id: int, request_id: int, document_request_id: int) -> letters.RenderedLetter:
    sandbox_page(sandbox_id)
    return letters.documents_request_letter(db_session(), current_actor(), sandbox_id, request_id, document_request_id)


@bp.route("/sandboxes/<int:sandbox_id>/demandes/<int:request_id>/decision/lettre.pdf")
@login_required
def request_decline_letter(sandbox_id: int, request_id: int) -> Any:
    """The decline letter of a declined request (404 otherwise)."""
    return _letter_pdf(_decline_letter(sandbox_id, request_id))


@bp.route("/sandboxes/<int:sandbox_id>/demandes/<int:request_id>/decision/lettre.html")
@login_required
def request_decline_letter_html(sandbox_id: int, request_id: int) -> Any:
    return _letter_html(_decline_letter(sandbox_id, request_id))


@bp.route(
    "/sandboxes/<int:sandbox_id>/demandes/<int:request_id>/demandes-de-pieces/<int:document_request_id>/courrier.pdf"
)
@login_required
def request_documents_letter(sandbox_id: int, request_id: int, document_request_id: int) -> Any:
    """The letter asking the client for the documents of one request for documents."""
    return _letter_pdf(_documents_letter(sandbox_id, request_id, document_request_id))


@bp.route(
    "/sandboxes/<int:sandbox_id>/demandes/<int:request_id>/demandes-de-pieces/<int:document_request_id>/courrier.html"
)
@login_required
def request_documents_letter_html(sandbox_id: int, request_id: int, document_request_id: int) -> Any:
    return _letter_html(_documents_letter(sandbox_id, request_id, document_request_id))
