"""Exam sessions: a trainer opens one sandbox per candidate and assigns evaluators."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain.errors import Forbidden, InvalidInput, NotFound
from polyadmin.domain.roles import Actor, Role, can_manage_sessions
from polyadmin.journal.writer import append_entry
from polyadmin.services.catalogue import resolve_snapshot
from polyadmin.services.clock import wall_now, wall_today
from polyadmin.services.unit import transaction
from polyadmin.store.models import ExamSession, Sandbox, User
from polyadmin.store.queries import visible_exam_sessions
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.sessions import ExamSessionSchema


def _users_with_role(session: Session, usernames: list[str], role: Role, field: str) -> list[User]:
    found = {
        user.username: user
        for user in session.execute(select(User).where(User.username.in_(usernames), User.active.is_(True))).scalars()
    }
    problems = [name for name in usernames if name not in found or found[name].role != role.value]
    if problems:
        raise InvalidInput({field: [f"Aucun {role.label.lower()} actif nommé « {name} »." for name in problems]})
    return [found[name] for name in usernames]


def create_exam_session(session: Session, actor: Actor, data: dict[str, Any]) -> ExamSession:
    if not can_manage_sessions(actor):
        raise Forbidden("Seul un formateur crée une session d'examen.")
    loaded = load_or_raise(ExamSessionSchema(), data)
    with transaction(session):
        snapshot = resolve_snapshot(session, loaded["catalogue"])  # pinned for the whole session
        candidates = _users_with_role(session, loaded["candidates"], Role.CANDIDATE, "candidates")
        evaluators = _users_with_role(session, sorted(set(loaded["evaluators"])), Role.EVALUATOR, "evaluators")
        now = wall_now()
        starts_on = loaded["starts_on"] or wall_today()
        exam = ExamSession(
            name=loaded["name"],
            scenario=loaded["scenario"],
            starts_on=starts_on,
            ends_on=loaded["ends_on"],
            owner_id=actor.user_id,
            created_at=now,
            evaluators=evaluators,
            catalogue_snapshot=snapshot,
        )
        session.add(exam)
        session.flush()
        sandboxes = []
        for candidate in candidates:
            sandbox = Sandbox(exam_session=exam, candidate=candidate, business_date=starts_on, created_at=now)
            session.add(sandbox)
            sandboxes.append(sandbox)
        session.flush()
        append_entry(
            session,
            actor=actor,
            action="exam_session.create",
            recorded_at=now,
            record=("exam_session", exam.id),
            input=loaded,
            outcome={
                "exam_session_id": exam.id,
                "starts_on": starts_on,
                "catalogue": snapshot.content_hash,
                "products": snapshot.product_versions,
                "sandboxes": [{"id": box.id, "candidate": box.candidate.username} for box in sandboxes],
            },
        )
        for box in sandboxes:
            append_entry(
                session,
                actor=actor,
                action="sandbox.create",
                recorded_at=now,
                sandbox_id=box.id,
                sandbox_date=box.business_date,
                record=("sandbox", box.id),
                input={"exam_session_id": exam.id, "candidate": box.candidate.username, "scenario": exam.scenario},
                outcome={"sandbox_id": box.id, "business_date": box.business_date},
            )
    return exam


def list_exam_sessions(session: Session, actor: Actor) -> list[ExamSession]:
    return list(session.execute(visible_exam_sessions(actor)).scalars().unique())


def get_exam_session(session: Session, actor: Actor, exam_session_id: int) -> ExamSession:
    exam = (
        session.execute(visible_exam_sessions(actor).where(ExamSession.id == exam_session_id))
        .scalars()
        .unique()
        .first()
    )
    if exam is None:
        raise NotFound("Session d'examen introuvable.")
    return exam
