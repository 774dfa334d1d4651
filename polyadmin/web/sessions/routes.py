"""Dashboard, exam sessions and the sandbox clock (trainers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain.errors import DomainError
from polyadmin.domain.roles import Permission, allowed, holds
from polyadmin.services import exam_sessions, sandboxes, seeding, users
from polyadmin.services.access import exam_session_access
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.formatting import french_date
from polyadmin.web.forms import Refusal, error_summary, refused_input
from polyadmin.web.sandbox import sandbox_page
from polyadmin.web.sessions.forms import session_data, session_defaults, session_values
from polyadmin.web.sessions.labels import SESSION_FIELD_LABELS


@bp.route("/")
@login_required
def dashboard() -> Any:
    actor = current_actor()
    session = db_session()
    boxes = sandboxes.list_sandboxes(session, actor)
    opens_sessions = allowed(actor, Permission.CREATE_EXAM_SESSION)
    exams = exam_sessions.list_exam_sessions(session, actor) if opens_sessions else []
    return render_template("sessions/dashboard.html", sandboxes=boxes, exams=exams, can_open_sessions=opens_sessions)


@bp.route("/sessions")
@login_required
def session_list() -> Any:
    actor = current_actor()
    if not holds(actor, Permission.SUPERVISE_EXAM_SESSION):
        abort(403)
    exams = exam_sessions.list_exam_sessions(db_session(), actor)
    return render_template("sessions/list.html", exams=exams, can_create=allowed(actor, Permission.CREATE_EXAM_SESSION))


def _people(role: str) -> list[Any]:
    """The accounts of one role ("candidate", "evaluator") for the session form's pickers."""
    return users.list_users(db_session(), current_actor(), role=role)


@bp.route("/sessions/new", methods=["GET", "POST"])
@login_required
def session_new() -> Any:
    actor = current_actor()
    if not allowed(actor, Permission.CREATE_EXAM_SESSION):
        abort(403)
    values = session_defaults()
    refused = Refusal()
    if request.method == "POST":
        values = session_values(request.form)
        # The messages stay on their exact paths (« candidates.0 »), as the form shows them.
        with refused_input(dict) as refused:
            exam = exam_sessions.create_exam_session(
                db_session(), actor, session_data(values), scenarios=_scenarios_path()
            )
            flash(_("Session « %(name)s » créée.", name=exam.name), "success")
            return redirect(url_for("web.session_detail", exam_session_id=exam.id))
    return (
        render_template(
            "sessions/new.html",
            values=values,
            errors=refused.errors,
            summary=error_summary(refused.errors, SESSION_FIELD_LABELS),
            candidates=_people(users.CANDIDATES),
            evaluators=_people(users.EVALUATORS),
            scenarios=_scenario_choices(),
        ),
        refused.status,
    )


def _scenarios_path() -> Path:
    return Path(current_app.config["SCENARIOS_PATH"])


def _scenario_choices() -> dict[str, str]:
    """« Portefeuille vide » then the scenario files of SCENARIOS_PATH (file name → title)."""
    choices = {seeding.EMPTY_SCENARIO: _("Portefeuille vide (aucun client)")}
    for item in seeding.list_scenarios(_scenarios_path()):
        choices[item.path.stem] = f"{item.title} ({item.path.name})"
    return choices


def _render_session(exam_session_id: int, clock_errors: dict[int, list[str]] | None = None, status: int = 200) -> Any:
    actor = current_actor()
    if not holds(actor, Permission.SUPERVISE_EXAM_SESSION):
        abort(403)
    session = db_session()
    exam = exam_sessions.get_exam_session(session, actor, exam_session_id)
    access = exam_session_access(exam)
    return (
        render_template(
            "sessions/detail.html",
            exam=exam,
            seedings={box.id: seeding.seeding_of(session, actor, box.id) for box in exam.sandboxes},
            can_reset=allowed(actor, Permission.RESET_SANDBOX, access),
            can_move_clock=allowed(actor, Permission.MOVE_CLOCK, access),
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


def _may_reset(exam: Any) -> bool:
    """The session's trainer, or an administrator (as the seeding service decides)."""
    return allowed(current_actor(), Permission.RESET_SANDBOX, exam_session_access(exam))


@bp.route("/sandboxes/<int:sandbox_id>/reset", methods=["GET", "POST"])
@login_required
def sandbox_reset(sandbox_id: int) -> Any:
    """Réinitialiser a seeded sandbox: a confirmation page, then the reset (candidate work deleted, journal kept)."""
    box, _access = sandbox_page(sandbox_id)
    if not _may_reset(box.exam_session):
        abort(403, description=_("Seul le formateur de la session (ou un administrateur) réinitialise un bac à sable."))
    session = db_session()
    actor = current_actor()
    record = seeding.seeding_of(session, actor, sandbox_id)
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        if record is None:
            errors = {"_schema": [_("Ce bac à sable n'a jamais été ensemencé : il n'y a pas d'état à restaurer.")]}
            status = 409
        elif request.form.get("confirm") != "oui":
            errors = {"confirm": [_("Cochez la case pour confirmer la réinitialisation.")]}
            status = 422
        else:
            try:
                record = seeding.reset_sandbox(session, actor, sandbox_id)
            except DomainError as exc:
                if exc.status not in (404, 409, 422):
                    raise
                errors = {"_schema": [exc.message]}
                status = exc.status
            else:
                flash(
                    _(
                        "Bac à sable de %(candidate)s réinitialisé : portefeuille « %(scenario)s » (graine %(seed)s) "
                        "remis dans son état ensemencé, date de la simulation au %(date)s. Le journal est conservé.",
                        candidate=box.candidate.display_name,
                        scenario=record.scenario_code,
                        seed=record.seed,
                        date=french_date(box.business_date),
                    ),
                    "success",
                )
                return redirect(
                    url_for("web.session_detail", exam_session_id=box.exam_session_id) + f"#sandbox-{box.id}"
                )
    return (
        render_template(
            "sessions/reset.html",
            box=box,
            record=record,
            errors=errors,
            summary=error_summary(errors, {"confirm": "Confirmation"}),
        ),
        status,
    )
