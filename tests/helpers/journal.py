"""What the journal's integrity tests do to the database behind the services' back."""

from __future__ import annotations

from sqlalchemy import Connection, text


def drop_append_only_triggers(connection: Connection) -> None:
    """What an attacker with SQL access would do first; the test's rollback restores them."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("DROP TRIGGER journal_entries_no_update_delete ON journal_entries"))
    else:
        connection.execute(text("DROP TRIGGER journal_entries_no_update"))
        connection.execute(text("DROP TRIGGER journal_entries_no_delete"))
