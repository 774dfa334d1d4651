"""Loading a sandbox on behalf of an actor: invisible ones answer « introuvable » (404)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain.errors import Forbidden, NotFound
from polyadmin.domain.roles import Actor, ExamSessionAccess, Permission, SandboxAccess, allowed
from polyadmin.store.models import ExamSession, Sandbox, exam_session_evaluators


def sandbox_access(session: Session, sandbox: Sandbox) -> SandboxAccess:
    evaluator_ids = session.execute(
        select(exam_session_evaluators.c.user_id).where(
            exam_session_evaluators.c.exam_session_id == sandbox.exam_session_id
        )
    ).scalars()
    owner_id = session.execute(
        select(ExamSession.owner_id).where(ExamSession.id == sandbox.exam_session_id)
    ).scalar_one()
    return SandboxAccess(candidate_id=sandbox.candidate_id, owner_id=owner_id, evaluator_ids=frozenset(evaluator_ids))


def exam_session_access(exam: ExamSession) -> ExamSessionAccess:
    """The facts of a loaded session (its evaluators and sandboxes are read through the relationships)."""
    return ExamSessionAccess(
        owner_id=exam.owner_id,
        evaluator_ids=frozenset(user.id for user in exam.evaluators),
        candidate_ids=frozenset(box.candidate_id for box in exam.sandboxes),
    )


def sandbox_access_in(exam: ExamSession, sandbox: Sandbox) -> SandboxAccess:
    """A sandbox's facts from its loaded session (no query when the session's evaluators are loaded)."""
    return SandboxAccess(
        candidate_id=sandbox.candidate_id,
        owner_id=exam.owner_id,
        evaluator_ids=frozenset(user.id for user in exam.evaluators),
    )


def readable_sandbox(
    session: Session, actor: Actor, sandbox_id: int, *, lock: bool = False
) -> tuple[Sandbox, SandboxAccess]:
    query = select(Sandbox).where(Sandbox.id == sandbox_id)
    if lock:
        # Serialises writers of one sandbox (PostgreSQL row lock; SQLite already serialises).
        query = query.with_for_update()
    sandbox = session.execute(query).scalar_one_or_none()
    if sandbox is None:
        raise NotFound("Bac à sable introuvable.")
    access = sandbox_access(session, sandbox)
    if not allowed(actor, Permission.READ_SANDBOX, access):
        raise NotFound("Bac à sable introuvable.")
    return sandbox, access


def workable_sandbox(session: Session, actor: Actor, sandbox_id: int) -> Sandbox:
    """The candidate's own sandbox, locked for the action; others may only read it."""
    sandbox, access = readable_sandbox(session, actor, sandbox_id, lock=True)
    if not allowed(actor, Permission.WORK_IN_SANDBOX, access):
        raise Forbidden("Seul le candidat de ce bac à sable peut y effectuer des actions.")
    return sandbox


def clock_sandbox(session: Session, actor: Actor, sandbox_id: int) -> Sandbox:
    sandbox, access = readable_sandbox(session, actor, sandbox_id, lock=True)
    if not allowed(actor, Permission.MOVE_CLOCK, access):
        raise Forbidden("Seul le formateur de la session peut avancer la date de la simulation.")
    return sandbox
