"""Archiving a journal as JSON Lines or CSV (the evaluation committee keeps these files)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain.canonical import readable_json
from polyadmin.journal.reader import entry_as_dict
from polyadmin.journal.writer import sandbox_stream
from polyadmin.store.models import JournalEntry

CSV_COLUMNS = (
    "seq",
    "sandbox_date",
    "recorded_at",
    "actor",
    "actor_role",
    "action",
    "action_label",
    "codes",
    "record_type",
    "record_id",
    "input",
    "outcome",
    "prev_hash",
    "hash",
    "stream",
    "actor_id",
    "key_id",
)


def sealed_fields(entry: JournalEntry) -> dict[str, Any]:
    """An exported line: the entry as read, with the stream, the actor's id and the key id, so an
    archived line holds every sealed field."""
    return {**entry_as_dict(entry), "stream": entry.stream, "actor_id": entry.actor_id, "key_id": entry.key_id}


def iter_entries(session: Session, sandbox_id: int) -> Iterator[dict[str, object]]:
    rows = session.execute(
        select(JournalEntry)
        .where(JournalEntry.stream == sandbox_stream(sandbox_id))
        .order_by(JournalEntry.seq)
        .execution_options(yield_per=500)
    ).scalars()
    for entry in rows:
        yield sealed_fields(entry)


def write_jsonl(entries: Iterable[dict[str, object]], out: TextIO) -> int:
    count = 0
    for entry in entries:
        out.write(readable_json(entry) + "\n")
        count += 1
    return count


def write_csv(entries: Iterable[dict[str, object]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for entry in entries:
        row = dict(entry)
        for key in ("codes", "input", "outcome"):
            row[key] = readable_json(row[key])
        writer.writerow(row)
        count += 1
    return count
