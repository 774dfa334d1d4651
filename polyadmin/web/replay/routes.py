"""Rejouer: a sandbox step by step (its journal entry, what it changed, the state rebuilt at that step,
the live/replay integrity banner), and two candidates side by side on one planted case.

For the session's evaluators and trainer (Permission.READ_EVALUATION, asked by services.replay); a
candidate gets « introuvable ». Linked from the journal page and the session page.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain.replay import RowChange
from polyadmin.services import replay
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import page_number
from polyadmin.web.replay.labels import (
    OPERATION_LABELS,
    column_label,
    column_value,
    record_title,
    table_label,
)
from polyadmin.web.sandbox import sandbox_page

ROWS_PER_PAGE = 25
HIDDEN_COLUMNS = frozenset({"id", "sandbox_id"})


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangeView:
    title: str
    operation: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class TablePage:
    """The records of one table at the step, a page of them, as label → value pairs."""

    table: str
    label: str
    columns: tuple[str, ...]  # labels
    rows: tuple[tuple[str, ...], ...]
    page: int
    pages: int
    total: int


def change_view(change: RowChange, state: dict[str, dict[int, dict[str, Any]]]) -> ChangeView:
    row = state.get(change.table, {}).get(change.row_id) or change.before or change.after
    before, after = change.before or {}, change.after or {}
    names = [name for name in sorted(before.keys() | after.keys()) if name not in HIDDEN_COLUMNS]
    fields = tuple(
        FieldChange(
            column_label(name),
            column_value(change.table, name, before.get(name)) if change.op != "insert" else "—",
            column_value(change.table, name, after.get(name)) if change.op != "delete" else "—",
        )
        for name in names
    )
    return ChangeView(record_title(change.table, change.row_id, row), OPERATION_LABELS[change.op], fields)


def table_page(state: dict[str, dict[int, dict[str, Any]]], table: str, page: int) -> TablePage | None:
    rows = state.get(table)
    if not rows:
        return None
    ordered = [rows[row_id] for row_id in sorted(rows)]
    pages = max(1, ceil(len(ordered) / ROWS_PER_PAGE))
    page = min(page, pages)
    names = [name for name in ordered[0] if name not in HIDDEN_COLUMNS]
    shown = ordered[(page - 1) * ROWS_PER_PAGE : page * ROWS_PER_PAGE]
    return TablePage(
        table,
        table_label(table, plural=True),
        tuple(column_label(name) for name in names),
        tuple(tuple(column_value(table, name, row.get(name)) for name in names) for row in shown),
        page,
        pages,
        len(ordered),
    )


@bp.route("/sandboxes/<int:sandbox_id>/replay")
@login_required
def replay_start(sandbox_id: int) -> Any:
    """The last step, or the step typed in the « aller à l'étape » form."""
    sandbox_page(sandbox_id)
    integrity = replay.compare_live(db_session(), current_actor(), sandbox_id)
    raw = request.args.get("seq", "").strip()
    typed = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else 0
    seq = typed if 1 <= typed <= integrity.last_seq else integrity.last_seq
    if seq < 1:
        abort(404)
    return redirect(url_for("web.replay_step", sandbox_id=sandbox_id, seq=seq))


@bp.route("/sandboxes/<int:sandbox_id>/replay/<int:seq>")
@login_required
def replay_step(sandbox_id: int, seq: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    session, actor = db_session(), current_actor()
    step = replay.state_at(session, actor, sandbox_id, seq)
    integrity = replay.compare_live(session, actor, sandbox_id)
    counts = [(name, table_label(name, plural=True), len(rows)) for name, rows in sorted(step.state.items())]
    chosen = request.args.get("table", "")
    if chosen not in step.state:
        chosen = "clients" if "clients" in step.state else (counts[0][0] if counts else "")
    return render_template(
        "replay/step.html",
        sandbox=box,
        area="journal",
        step=step,
        integrity=integrity,
        changes=[change_view(change, step.state) for change in step.changes],
        differences=[change_view(change, {}) for change in integrity.differences[:50]],
        counts=counts,
        records=table_page(step.state, chosen, page_number(request.args.get("page"))),
    )


@bp.route("/sessions/<int:exam_session_id>/replay")
@login_required
def replay_compare(exam_session_id: int) -> Any:
    """Two candidates of a session side by side on one planted case: each one's steps on it."""
    session, actor = db_session(), current_actor()
    exam, checked = replay.session_cases(session, actor, exam_session_id)
    boxes = {str(box.id): box for box in exam.sandboxes}
    chosen = [request.args.get(side, "") for side in ("left", "right")]
    defaults = [str(box.id) for box in exam.sandboxes[:2]]
    sides = [value if value in boxes else (defaults[n] if n < len(defaults) else "") for n, value in enumerate(chosen)]
    case = request.args.get("case", "")
    if case not in checked:
        case = checked[0] if checked else ""
    columns = []
    for value in sides:
        if value and case:
            found = replay.case_steps(session, actor, int(value), case)
            entries = replay.entries_of(session, found.sandbox.id, found.seqs)
            columns.append((found, entries))
    return render_template(
        "replay/compare.html",
        exam=exam,
        cases=checked,
        case=case,
        sides=sides,
        boxes=exam.sandboxes,
        columns=columns,
    )
