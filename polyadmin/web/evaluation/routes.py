"""« Évaluation »: the committee's pages (issue 12).

- `/sandboxes/<id>/evaluation`: a candidate's grid — competences → criteria with the journal's evidence
  (each step linked to its replay), the mark and comment form per criterion, the planted cases, the
  committee's decision per block, the report PDF; the candidate's timeline chart.
- `/sessions/<id>/evaluation`: the session's overview — coverage chart (candidates × criteria), each
  candidate's timeline, the CSV and JSON exports.

The services refuse a candidate (403) before anything is looked up, and anyone outside the session
gets « introuvable »: so each page asks the service first, then loads the sandbox's layout.
"""

from __future__ import annotations

from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain.evaluation import DECISION_LABELS, MARK_LABELS
from polyadmin.services import evaluation, evaluation_report
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.evaluation import charts
from polyadmin.web.forms import refused_input
from polyadmin.web.sandbox import sandbox_page

BASE = "/sandboxes/<int:sandbox_id>/evaluation"


def anchor_of(code: str) -> str:
    """« C2A.1-3 » → « critere-C2A-1-3 », an id usable in a URL fragment and a CSS selector."""
    return "critere-" + code.replace(".", "-")


def _render_grid(
    sandbox_id: int,
    *,
    form: str | None = None,
    errors: dict[str, list[str]] | None = None,
    values: Any = None,
    status: int = 200,
) -> Any:
    sheet = evaluation.evaluation_sheet(db_session(), current_actor(), sandbox_id)
    box, _access = sandbox_page(sandbox_id)
    data = evaluation_report.sheet_data(sheet)
    by_competence: dict[str, list[dict[str, Any]]] = {}
    for criterion in data["criteria"]:
        by_competence.setdefault(criterion["competence"], []).append(criterion)
    return (
        render_template(
            "evaluation/grid.html",
            sandbox=box,
            area="evaluation",
            sheet=sheet,
            data=data,
            competences=[(c.code, c.label, by_competence[c.code]) for c in sheet.view.grid.competences],
            marks=MARK_LABELS,
            decisions=DECISION_LABELS,
            anchor_of=anchor_of,
            stream_label=evaluation_report.stream_label,
            timeline=charts.timeline(sheet.activity),
            form=form,
            errors=errors or {},
            values=values or {},
        ),
        status,
    )


@bp.route(BASE)
@login_required
def evaluation_grid(sandbox_id: int) -> Any:
    return _render_grid(sandbox_id)


@bp.route(f"{BASE}/appreciations", methods=["POST"])
@login_required
def evaluation_mark(sandbox_id: int) -> Any:
    data = {key: request.form.get(key, "") for key in ("criterion", "mark", "comment") if key in request.form}
    with refused_input() as refused:
        evaluation.record_mark(db_session(), current_actor(), sandbox_id, data)
        flash(f"Appréciation du critère {data.get('criterion', '')} enregistrée.", "success")
        return redirect(
            url_for("web.evaluation_grid", sandbox_id=sandbox_id, _anchor=anchor_of(data.get("criterion", "")))
        )
    return _render_grid(
        sandbox_id, form=data.get("criterion"), errors=refused.errors, values=request.form, status=refused.status
    )


@bp.route(f"{BASE}/decisions", methods=["POST"])
@login_required
def evaluation_decision(sandbox_id: int) -> Any:
    data = {key: request.form.get(key, "") for key in ("block", "decision", "comment") if key in request.form}
    with refused_input() as refused:
        evaluation.record_decision(db_session(), current_actor(), sandbox_id, data)
        flash("Décision du jury enregistrée.", "success")
        return redirect(url_for("web.evaluation_grid", sandbox_id=sandbox_id, _anchor="decisions"))
    return _render_grid(
        sandbox_id, form=f"block-{data.get('block', '')}", errors=refused.errors, values=request.form,
        status=refused.status,
    )  # fmt: skip


def _download(body: bytes | str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route(f"{BASE}/rapport.pdf")
@login_required
def evaluation_report_pdf(sandbox_id: int) -> Any:
    pdf, filename = evaluation_report.evaluation_report_pdf(db_session(), current_actor(), sandbox_id)
    return _download(pdf, "application/pdf", filename)


@bp.route("/sessions/<int:exam_session_id>/evaluation")
@login_required
def session_evaluation(exam_session_id: int) -> Any:
    exam, sheets = evaluation_report.session_sheets(db_session(), current_actor(), exam_session_id)
    return render_template(
        "evaluation/session.html",
        exam=exam,
        sheets=sheets,
        coverage=charts.coverage(sheets),
        timelines=[(sheet, charts.timeline(sheet.activity)) for sheet in sheets],
    )


@bp.route("/sessions/<int:exam_session_id>/evaluation.csv")
@login_required
def session_evaluation_csv(exam_session_id: int) -> Any:
    text = evaluation_report.session_export_csv(db_session(), current_actor(), exam_session_id)
    return _download(text.encode("utf-8"), "text/csv", f"evaluation-session-{exam_session_id}.csv")


@bp.route("/sessions/<int:exam_session_id>/evaluation.json")
@login_required
def session_evaluation_json(exam_session_id: int) -> Any:
    text = evaluation_report.session_export_json(db_session(), current_actor(), exam_session_id)
    return _download(text.encode("utf-8"), "application/json", f"evaluation-session-{exam_session_id}.json")
