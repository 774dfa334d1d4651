"""Sandboxes: listing what an actor may see, and moving a sandbox's business clock."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from polyadmin.domain.clock import advance_clock
from polyadmin.domain.roles import Actor, SandboxAccess
from polyadmin.journal.writer import append_entry
from polyadmin.services.access import clock_sandbox, readable_sandbox
from polyadmin.services.casework import deliver_due_answers, deliver_due_documents
from polyadmin.services.clock import wall_now
from polyadmin.services.unit import transaction
from polyadmin.store.models import Sandbox
from polyadmin.store.queries import visible_sandboxes
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.sessions import ClockSchema


def list_sandboxes(session: Session, actor: Actor) -> list[Sandbox]:
    return list(session.execute(visible_sandboxes(actor)).scalars())


def get_sandbox(session: Session, actor: Actor, sandbox_id: int) -> tuple[Sandbox, SandboxAccess]:
    return readable_sandbox(session, actor, sandbox_id)


def move_clock(session: Session, actor: Actor, sandbox_id: int, data: dict[str, Any]) -> Sandbox:
    loaded = load_or_raise(ClockSchema(), data)
    with transaction(session):
        sandbox = clock_sandbox(session, actor, sandbox_id)
        previous = sandbox.business_date
        sandbox.business_date = advance_clock(previous, loaded["date"])
        append_entry(
            session,
            actor=actor,
            action="sandbox.clock.move",
            recorded_at=wall_now(),
            sandbox_id=sandbox.id,
            sandbox_date=sandbox.business_date,
            record=("sandbox", sandbox.id),
            input=loaded,
            outcome={"from": previous, "to": sandbox.business_date},
        )
        deliver_due_answers(session, sandbox)
        deliver_due_documents(session, sandbox)
    return sandbox
