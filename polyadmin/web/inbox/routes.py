"""The inbox (« Corbeille ») of a sandbox: the subscription requests received, and each request's page.

Evaluators, the session's trainer and administrators also see the planted case's expected outcome
and notes, marked « Réservé aux évaluateurs »; the read service never gives them to a candidate.
"""

from __future__ import annotations

from typing import Any

from flask import g, render_template, request
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.services import portfolio
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.documents.routes import DOCUMENT_PDF_ENDPOINT
from polyadmin.web.forms import page_number
from polyadmin.web.sandbox import sandbox_page


@bp.route("/sandboxes/<int:sandbox_id>/")
@login_required
def sandbox_home(sandbox_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    page = portfolio.list_requests(db_session(), current_actor(), sandbox_id, page_number(request.args.get("page")))
    return render_template(
        "inbox/list.html",
        sandbox=box,
        area="corbeille",
        page=page,
        shows_evaluation=g.can_read_evaluation,
    )


@bp.route("/sandboxes/<int:sandbox_id>/demandes/<int:request_id>")
@login_required
def request_detail(sandbox_id: int, request_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    detail = portfolio.get_request(db_session(), current_actor(), sandbox_id, request_id)
    return render_template(
        "inbox/request.html",
        sandbox=box,
        area="corbeille",
        detail=detail,
        item=detail.request,
        pdf_endpoint=DOCUMENT_PDF_ENDPOINT,
    )
