"""What the journal's integrity tests do to the database behind the services' back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from polyadmin.store.models import JournalEntry


def drop_append_only_triggers(connection: Connection) -> None:
    """What an attacker with SQL access would do first (on the entries and the heads); the test's
    rollback restores them."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("DROP TRIGGER journal_entries_no_update_delete ON journal_entries"))
        connection.execute(text("DROP TRIGGER journal_heads_forward_only ON journal_heads"))
    else:
        for trigger in ("journal_entries_no_update", "journal_entries_no_delete"):
            connection.execute(text(f"DROP TRIGGER {trigger}"))
        for trigger in ("journal_heads_forward_only", "journal_heads_no_delete"):
            connection.execute(text(f"DROP TRIGGER {trigger}"))


def entries(session: Session, sandbox_id: int) -> list[Any]:
    """The sandbox's journal entries in order."""
    query = select(JournalEntry).where(JournalEntry.sandbox_id == sandbox_id).order_by(JournalEntry.seq)
    return list(session.execute(query).scalars())


def disable_triggers(connection: Connection) -> None:
    """As a superuser would: PostgreSQL's replica role skips every trigger; SQLite drops them."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL session_replication_role = replica"))
    else:
        drop_append_only_triggers(connection)


def seal_of(connection: Connection, stream: str, seq: int) -> str:
    return str(
        connection.execute(
            text("SELECT hash FROM journal_entries WHERE stream = :s AND seq = :q"), {"s": stream, "q": seq}
        ).scalar_one()
    )
