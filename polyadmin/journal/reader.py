"""Reading a sandbox's journal: filters for the evaluator's timeline and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, String, cast, select
from sqlalchemy.orm import Session

from polyadmin.domain.canonical import instant_text
from polyadmin.journal.actions import ACTIONS
from polyadmin.journal.writer import sandbox_stream
from polyadmin.store.models import JournalEntry
from polyadmin.store.queries import Page, paginate


@dataclass(frozen=True)
class JournalFilter:
    action: str | None = None
    record: str | None = None
    # The ids (text, as journaled) of the records a search found, within `record`'s type.
    record_ids: Select[Any] | None = None
    code: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def journal_query(sandbox_id: int, filters: JournalFilter) -> Select[JournalEntry]:
    query = select(JournalEntry).where(JournalEntry.stream == sandbox_stream(sandbox_id))
    if filters.action:
        query = query.where(JournalEntry.action.startswith(filters.action, autoescape=True))
    if filters.record:
        record_type, _, record_id = filters.record.partition(":")
        query = query.where(JournalEntry.record_type == record_type)
        if record_id:
            query = query.where(JournalEntry.record_id == record_id)
        if filters.record_ids is not None:
            query = query.where(JournalEntry.record_id.in_(filters.record_ids))
    if filters.code:
        # codes is a JSON list such as ["C1.8","C2A.1"]: match the quoted code in its text form.
        query = query.where(cast(JournalEntry.codes, String).contains(f'"{filters.code}"', autoescape=True))
    if filters.date_from:
        query = query.where(JournalEntry.sandbox_date >= filters.date_from)
    if filters.date_to:
        query = query.where(JournalEntry.sandbox_date <= filters.date_to)
    return query.order_by(JournalEntry.seq)


def read_journal(
    session: Session, sandbox_id: int, filters: JournalFilter, page: int, per_page: int
) -> Page[JournalEntry]:
    return paginate(session, journal_query(sandbox_id, filters), page, per_page)


def entry_as_dict(entry: JournalEntry) -> dict[str, Any]:
    kind = ACTIONS.get(entry.action)
    return {
        "seq": entry.seq,
        "sandbox_id": entry.sandbox_id,
        "actor": entry.actor_username,
        "actor_role": entry.actor_role,
        "sandbox_date": entry.sandbox_date.isoformat() if entry.sandbox_date else None,
        "recorded_at": instant_text(entry.recorded_at),
        "action": entry.action,
        "action_label": kind.label if kind else entry.action,
        "codes": list(entry.codes),
        "record_type": entry.record_type,
        "record_id": entry.record_id,
        "input": entry.input,
        "outcome": entry.outcome,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }
