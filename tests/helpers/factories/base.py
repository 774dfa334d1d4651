"""Model factories write through the test's SQLAlchemy session, bound here by the `session` fixture.

Rows the candidate creates (users, sessions, sandboxes, clients) go through the services, so the
journal holds what the application writes; the rest of a portfolio is written as seeded rows, as
the scenario seeding writes them (`seeded=True`, no journal entry per row).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from factory.alchemy import SQLAlchemyModelFactory
from sqlalchemy.orm import Session

from polyadmin.store.models import Sandbox
from polyadmin.store.sequences import next_value

_bound: list[Session] = []


def current_session() -> Session:
    if not _bound:
        raise RuntimeError(
            "Les factories de modèles écrivent dans la session du test : demandez la fixture `session` "
            "(ou entourez l'appel de `with bound_session(session):`)."
        )
    return _bound[-1]


@contextmanager
def bound_session(session: Session) -> Iterator[Session]:
    """Model factories write through `session` inside the block (nested blocks: the innermost wins)."""
    _bound.append(session)
    try:
        yield session
    finally:
        _bound.pop()


def sandbox_of(sandbox: Sandbox | int) -> Sandbox:
    """A sandbox row from a row or an id (tests often hold `world.sandbox_id`)."""
    if isinstance(sandbox, Sandbox):
        return sandbox
    row = current_session().get(Sandbox, sandbox)
    assert row is not None, f"no sandbox {sandbox}"
    return row


def next_number(sandbox_id: int, sequence: str, prefix: str) -> str:
    """The sandbox's next human-readable number (CT-000001), from the same sequence the services use."""
    return f"{prefix}-{next_value(current_session(), sandbox_id, sequence):06d}"


class ModelFactory(SQLAlchemyModelFactory):
    """Each row is committed (inside the test's rolled-back transaction), like a service's change."""

    class Meta:
        abstract = True
        sqlalchemy_session_factory = current_session
        sqlalchemy_session_persistence = "commit"
