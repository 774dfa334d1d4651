"""Integrity check of a journal stream: sequence, chain and content of every entry."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.journal.canonical import GENESIS_HASH, entry_hash
from polyadmin.journal.writer import hashed_fields
from polyadmin.store.models import JournalEntry, JournalHead


@dataclass(frozen=True)
class Verdict:
    intact: bool
    entries: int
    broken_seq: int | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, object]:
        if self.intact:
            return {"status": "intact", "entries": self.entries}
        return {"status": "broken", "entries": self.entries, "broken_seq": self.broken_seq, "reason": self.reason}

    def describe(self) -> str:
        if self.intact:
            return f"intact : {self.entries} entrée(s) vérifiée(s)"
        return f"rompu à l'entrée n° {self.broken_seq} : {self.reason}"


def verify_stream(session: Session, stream: str, *, batch: int = 1000) -> Verdict:
    """Walk the stream in order; report the first entry whose facts or links do not hold."""
    expected_seq, previous_hash, count = 1, GENESIS_HASH, 0
    rows = session.execute(
        select(JournalEntry)
        .where(JournalEntry.stream == stream)
        .order_by(JournalEntry.seq)
        .execution_options(yield_per=batch)
    ).scalars()
    for entry in rows:
        count += 1
        if entry.seq != expected_seq:
            missing = expected_seq if entry.seq > expected_seq else entry.seq
            return Verdict(
                False, count, missing, f"entrée n° {expected_seq} manquante (suivante trouvée : n° {entry.seq})"
            )
        if entry.prev_hash != previous_hash:
            return Verdict(False, count, entry.seq, "chaînage rompu : l'empreinte précédente ne correspond pas")
        if entry_hash(hashed_fields(entry)) != entry.hash:
            return Verdict(False, count, entry.seq, "contenu modifié : l'empreinte SHA-256 ne correspond plus")
        previous_hash = entry.hash
        expected_seq += 1
    head = session.get(JournalHead, stream)
    last_seq = head.last_seq if head else 0
    if last_seq > count:
        return Verdict(False, count, count + 1, f"entrées n° {count + 1} à {last_seq} manquantes en fin de journal")
    if head is not None and head.last_hash != previous_hash:
        return Verdict(False, count, count, "la tête du journal ne correspond pas à la dernière entrée")
    return Verdict(True, count)
