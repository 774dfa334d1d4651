"""Per-sandbox sequences: gap-free within a committed transaction, locked against races."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.store.models import SandboxSequence


def next_value(session: Session, sandbox_id: int, name: str) -> int:
    row = session.execute(
        select(SandboxSequence)
        .where(SandboxSequence.sandbox_id == sandbox_id, SandboxSequence.name == name)
        .with_for_update()
    ).scalar_one_or_none()
    if row is None:
        row = SandboxSequence(sandbox_id=sandbox_id, name=name, last_value=0)
        session.add(row)
    row.last_value += 1
    session.flush()
    return row.last_value
