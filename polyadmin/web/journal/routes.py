"""The journal of a sandbox: its entries with filters, and the verdict of its hash chain."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.services import journal as journal_service
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import error_summary, refused_input
from polyadmin.web.journal.labels import ACTION_CHOICES, CODE_CHOICES, JOURNAL_FILTER_LABELS
from polyadmin.web.sandbox import sandbox_page

JOURNAL_FILTERS = ("action", "record", "code", "date_from", "date_to", "page", "per_page")


def _journal_params() -> dict[str, str]:
    return {name: value for name in JOURNAL_FILTERS if (value := request.args.get(name, "").strip())}


@bp.route("/sandboxes/<int:sandbox_id>/journal")
@login_required
def journal(sandbox_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    session = db_session()
    actor = current_actor()
    params = _journal_params()
    page = None
    with refused_input() as refused:
        page = journal_service.sandbox_journal(session, actor, sandbox_id, params)
    verdict = journal_service.verify_sandbox_journal(session, actor, sandbox_id)
    filters = {name: value for name, value in params.items() if name not in ("page",)}
    return (
        render_template(
            "journal/page.html",
            sandbox=box,
            area="journal",
            page=page,
            verdict=verdict,
            params=params,
            filters=filters,
            errors=refused.errors,
            summary=error_summary(refused.errors, JOURNAL_FILTER_LABELS),
            action_choices=ACTION_CHOICES,
            code_choices=CODE_CHOICES,
        ),
        refused.status,
    )
