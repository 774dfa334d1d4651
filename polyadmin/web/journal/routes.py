"""The journal of a sandbox: its entries as a person reads them, with filters, the verdict of its hash
chain, and its exports (JSON Lines, CSV) for whoever may read the page."""

from __future__ import annotations

from typing import Any

from flask import Response, redirect, render_template, request, url_for
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain.errors import InvalidInput
from polyadmin.services import journal as journal_service
from polyadmin.services import journal_view
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import error_summary, refused_input
from polyadmin.web.journal.labels import (
    ACTION_CHOICES,
    CODE_CHOICES,
    EXPORT_FORMATS,
    JOURNAL_FILTER_LABELS,
    RECORD_TYPE_CHOICES,
)
from polyadmin.web.sandbox import sandbox_page

JOURNAL_FILTERS = (
    "action",
    "record",
    "record_type",
    "record_search",
    "code",
    "date_from",
    "date_to",
    "page",
    "per_page",
)


def _journal_params() -> dict[str, str]:
    return {name: value for name in JOURNAL_FILTERS if (value := request.args.get(name, "").strip())}


@bp.route("/sandboxes/<int:sandbox_id>/journal")
@login_required
def journal(sandbox_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    session = db_session()
    actor = current_actor()
    params = _journal_params()
    found = None
    with refused_input() as refused:
        found = journal_view.readable_journal(session, actor, sandbox_id, params)
    verdict = journal_service.verify_sandbox_journal(session, actor, sandbox_id)
    filters = {name: value for name, value in params.items() if name not in ("page",)}
    return (
        render_template(
            "journal/page.html",
            sandbox=box,
            area="journal",
            page=found.page if found else None,
            entries=found.entries if found else [],
            verdict=verdict,
            params=params,
            filters=filters,
            export_filters={name: value for name, value in filters.items() if name != "per_page"},
            errors=refused.errors,
            summary=error_summary(refused.errors, JOURNAL_FILTER_LABELS),
            action_choices=ACTION_CHOICES,
            code_choices=CODE_CHOICES,
            record_type_choices=RECORD_TYPE_CHOICES,
            export_formats=EXPORT_FORMATS,
            record_filter=journal_view.record_filter_label(session, sandbox_id, params["record"])
            if params.get("record")
            else None,
        ),
        refused.status,
    )


@bp.route("/sandboxes/<int:sandbox_id>/journal/export.jsonl", defaults={"fmt": "jsonl"})
@bp.route("/sandboxes/<int:sandbox_id>/journal/export.csv", defaults={"fmt": "csv"})
@login_required
def journal_export(sandbox_id: int, fmt: str) -> Any:
    """The (filtered) journal as a file: JSON Lines as `polyadmin journal export` writes it, or a CSV
    for a French spreadsheet. Reading only: an export is not journaled (as the CLI's)."""
    sandbox_page(sandbox_id)
    params = _journal_params()
    try:
        text = journal_service.export_journal(db_session(), current_actor(), sandbox_id, params, fmt)
    except InvalidInput:
        # Back to the page with the same filters: it says what is wrong with each one.
        back: dict[str, Any] = {"sandbox_id": sandbox_id, **params}
        return redirect(url_for("web.journal", **back), 303)
    mimetype = "application/x-ndjson" if fmt == "jsonl" else "text/csv"
    response = Response(text.encode("utf-8"), content_type=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="journal-bac-{sandbox_id}.{fmt}"'
    return response
