"""Appending to the journal, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain.roles import Actor
from polyadmin.journal import changes as _changes  # noqa: F401 — registers the change capture of every flush
from polyadmin.journal.actions import action_kind
from polyadmin.journal.canonical import GENESIS_HASH, entry_seal, to_json_value
from polyadmin.journal.checkpoints import note_head
from polyadmin.journal.keys import active_keyring
from polyadmin.store.models import JournalEntry, JournalHead

PLATFORM_STREAM = "platform"


def sandbox_stream(sandbox_id: int) -> str:
    return f"sandbox:{sandbox_id}"


def evaluation_stream(sandbox_id: int) -> str:
    """The evaluation committee's stream of a sandbox (marks, decisions): never shown to its candidate."""
    return f"evaluation:{sandbox_id}"


def hashed_fields(entry: JournalEntry) -> dict[str, Any]:
    """What the seal covers: every column but the surrogate id and the seal itself (the key id only
    when there is one, so that legacy entries keep the SHA-256 they were written with)."""
    fields = {
        "stream": entry.stream,
        "seq": entry.seq,
        "sandbox_id": entry.sandbox_id,
        "actor_id": entry.actor_id,
        "actor_username": entry.actor_username,
        "actor_role": entry.actor_role,
        "sandbox_date": entry.sandbox_date,
        "recorded_at": entry.recorded_at,
        "action": entry.action,
        "codes": entry.codes,
        "record_type": entry.record_type,
        "record_id": entry.record_id,
        "input": entry.input,
        "outcome": entry.outcome,
        "prev_hash": entry.prev_hash,
    }
    if entry.key_id is not None:
        fields["key_id"] = entry.key_id
    return fields


def append_entry(
    session: Session,
    *,
    actor: Actor,
    action: str,
    recorded_at: datetime,
    sandbox_id: int | None = None,
    sandbox_date: date | None = None,
    record: tuple[str, str | int] | None = None,
    input: Mapping[str, Any] | None = None,
    outcome: Mapping[str, Any] | None = None,
    stream: str | None = None,
) -> JournalEntry:
    """Add the next entry of the stream (by default the sandbox's, or the platform's without a sandbox;
    `stream` names another, e.g. `evaluation_stream(sandbox_id)`); the caller's commit makes it and
    the change durable."""
    kind = action_kind(action)
    keyring = active_keyring()
    if stream is None:
        stream = sandbox_stream(sandbox_id) if sandbox_id is not None else PLATFORM_STREAM
    head = session.execute(
        select(JournalHead).where(JournalHead.stream == stream).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = JournalHead(stream=stream, last_seq=0, last_hash=GENESIS_HASH)
        session.add(head)
    entry = JournalEntry(
        stream=stream,
        seq=head.last_seq + 1,
        sandbox_id=sandbox_id,
        actor_id=actor.user_id,
        actor_username=actor.username,
        actor_role=actor.role.value,
        sandbox_date=sandbox_date,
        recorded_at=recorded_at,
        action=kind.name,
        codes=list(kind.codes),
        record_type=record[0] if record else None,
        record_id=str(record[1]) if record else None,
        input=to_json_value(dict(input or {})),
        outcome=to_json_value(dict(outcome or {})),
        prev_hash=head.last_hash,
        key_id=keyring.current_id,
    )
    entry.hash = entry_seal(hashed_fields(entry), keyring.current)
    head.last_seq = entry.seq
    head.last_hash = entry.hash
    session.add(entry)
    session.flush()
    note_head(session, stream, entry.seq, entry.hash, entry.key_id)
    return entry
