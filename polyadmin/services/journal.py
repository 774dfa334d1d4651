"""The journal as the evaluators and archivists reach it (read-only)."""

from __future__ import annotations

from typing import Any, TextIO

from sqlalchemy.orm import Session

from polyadmin.domain.roles import Actor
from polyadmin.journal.export import iter_entries, write_csv, write_jsonl
from polyadmin.journal.reader import JournalFilter, read_journal
from polyadmin.journal.verify import Verdict, verify_stream
from polyadmin.journal.writer import sandbox_stream
from polyadmin.services.access import readable_sandbox
from polyadmin.store.models import JournalEntry
from polyadmin.store.queries import Page
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.sessions import JournalFilterSchema


def sandbox_journal(session: Session, actor: Actor, sandbox_id: int, params: dict[str, Any]) -> Page[JournalEntry]:
    loaded = load_or_raise(JournalFilterSchema(), params)
    readable_sandbox(session, actor, sandbox_id)
    filters = JournalFilter(
        action=loaded["action"] or None,
        record=loaded["record"] or None,
        code=loaded["code"] or None,
        date_from=loaded["date_from"],
        date_to=loaded["date_to"],
    )
    return read_journal(session, sandbox_id, filters, int(loaded["page"]), int(loaded["per_page"]))


def verify_sandbox_journal(session: Session, actor: Actor, sandbox_id: int) -> Verdict:
    readable_sandbox(session, actor, sandbox_id)
    return verify_stream(session, sandbox_stream(sandbox_id))


def export_sandbox_journal(session: Session, actor: Actor, sandbox_id: int, fmt: str, out: TextIO) -> int:
    readable_sandbox(session, actor, sandbox_id)
    writer = write_jsonl if fmt == "jsonl" else write_csv
    return writer(iter_entries(session, sandbox_id), out)
