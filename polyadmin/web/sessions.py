"""Dashboard, exam sessions and the sandbox clock (trainers)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain.errors import DomainError, InvalidInput
from polyadmin.domain.roles import Role
from polyadmin.services import exam_sessions, sandboxes, users
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.formatting import french_date
from polyadmin.web.forms import error_summary

SESSION_READERS = (Role.TRAINER, Role.ADMIN)


@bp.route("/")
@login_required
def dashboard() -> Any:
    actor = current_actor()
    session = db_session()
    boxes = sandboxes.list_sandboxes(session, actor)
    exams = exam_sessions.list_exam_sessions(session, actor) if actor.role is Role.TRAINER else []
    return render_template("dashboard.html", sandboxes=boxes, exams=exams, is_trainer=actor.role is Role.TRAINER)


@bp.route("/sessions")
@login_required
def session_list() -> Any:
    actor = current_actor()
    if actor.role not in SESSION_READERS:
        abort(403)
    exams = exam_sessions.list_exam_sessions(db_session(), actor)
    return render_template("sessions/list.html", exams=exams, can_create=actor.role is Role.TRAINER)


def _people(role: Role) -> list[Any]:
    return users.list_users(db_session(), current_actor(), role=role.value)


@bp.route("/sessions/new", methods=["GET", "POST"])
@login_required
def session_new() -> Any:
    actor = current_actor()
    if actor.role is not Role.TRAINER:
        abort(403)
    values: dict[str, Any] = {
        "name": "",
        "starts_on": "",
        "ends_on": "",
        "scenario": "portefeuille-vide",
        "candidates": [],
        "evaluators": [],
    }
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        values = {
            "name": request.form.get("name", "").strip(),
            "starts_on": request.form.get("starts_on", "").strip(),
            "ends_on": request.form.get("ends_on", "").strip(),
            "scenario": request.form.get("scenario", "").strip(),
            "candidates": request.form.getlist("candidates"),
            "evaluators": request.form.getlist("evaluators"),
        }
        data = {key: value for key, value in values.items() if value not in ("", None)}
        data.setdefault("candidates", [])
        data.setdefault("evaluators", [])
        try:
            exam = exam_sessions.create_exam_session(db_session(), actor, data)
        except InvalidInput as exc:
            errors = exc.field_errors
            status = 422
        else:
            flash(_("Session « %(name)s » créée.", name=exam.name), "success")
            return redirect(url_for("web.session_detail", exam_session_id=exam.id))
    return (
        render_template(
            "sessions/new.html",
            values=values,
            errors=errors,
            summary=error_summary(errors, SESSION_FIELD_LABELS),
            candidates=_people(Role.CANDIDATE),
            evaluators=_people(Role.EVALUATOR),
        ),
        status,
    )


SESSION_FIELD_LABELS = {
    "name": "Nom de la session",
    "starts_on": "Date de début",
    "ends_on": "Date de fin",
    "scenario": "Scénario",
    "candidates": "Candidats",
    "evaluators": "Évaluateurs",
}


def _render_session(exam_session_id: int, clock_errors: dict[int, list[str]] | None = None, status: int = 200) -> Any:
    actor = current_actor()
    if actor.role not in SESSION_READERS:
        abort(403)
    exam = exam_sessions.get_exam_session(db_session(), actor, exam_session_id)
    return (
        render_template(
            "sessions/detail.html",
            exam=exam,
            can_move_clock=actor.role is Role.TRAINER and exam.owner_id == actor.user_id,
            clock_errors=clock_errors or {},
            clock_values=request.form if request.method == "POST" else {},
        ),
        status,
    )


@bp.route("/sessions/<int:exam_session_id>")
@login_required
def session_detail(exam_session_id: int) -> Any:
    return _render_session(exam_session_id)


@bp.route("/sandboxes/<int:sandbox_id>/clock", methods=["POST"])
@login_required
def move_clock(sandbox_id: int) -> Any:
    actor = current_actor()
    session = db_session()
    requested = request.form.get("date", "").strip()
    try:
        box = sandboxes.move_clock(session, actor, sandbox_id, {"date": requested})
    except DomainError as exc:
        if exc.status not in (400, 422):
            raise
        box, _access = sandboxes.get_sandbox(session, actor, sandbox_id)
        messages = [message for field in exc.field_errors.values() for message in field] or [exc.message]
        return _render_session(box.exam_session_id, {sandbox_id: messages}, 422)
    flash(
        _(
            "Date de la simulation de %(candidate)s avancée au %(date)s.",
            candidate=box.candidate.display_name,
            date=french_date(box.business_date),
        ),
        "success",
    )
    target = request.form.get("next")
    if target == "sandbox":
        return redirect(url_for("web.sandbox_home", sandbox_id=box.id))
    return redirect(url_for("web.session_detail", exam_session_id=box.exam_session_id) + f"#sandbox-{box.id}")
