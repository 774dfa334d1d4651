"""Integrity check of a journal stream: sequence, chain and keyed seal of every entry, then the head
against the database's `journal_heads` and against a checkpoint kept outside the database.

The walk reads plain rows (a Core select streamed by batches, no ORM objects) and seals the canonical
bytes directly: tens of thousands of entries a second on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import DateTime, select, type_coerce
from sqlalchemy.orm import Session

from polyadmin.journal.canonical import GENESIS_HASH, canonical_bytes, seal_bytes
from polyadmin.journal.checkpoints import Checkpoint
from polyadmin.journal.keys import Keyring, active_keyring
from polyadmin.store.models import JournalEntry, JournalHead

MODIFIED = "contenu modifié : le sceau (HMAC-SHA256) ne correspond plus"
LEGACY_REFUSED = (
    "entrée sans sceau par clé (SHA-256 seul) : refusée, sauf POLYADMIN_JOURNAL_ACCEPT_LEGACY pour une base "
    "antérieure au sceau par clé"
)
MODIFIED_LEGACY = "contenu modifié : l'empreinte SHA-256 ne correspond plus"


@dataclass(frozen=True)
class Verdict:
    intact: bool
    entries: int
    broken_seq: int | None = None
    reason: str | None = None
    legacy: int = 0  # entries written before the keyed seal (plain SHA-256)
    checkpoint_seq: int | None = None  # the head kept outside the database that the stream matched

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {"status": "intact" if self.intact else "broken", "entries": self.entries}
        if not self.intact:
            found.update(broken_seq=self.broken_seq, reason=self.reason)
        if self.legacy:
            found["legacy"] = self.legacy
        if self.checkpoint_seq is not None:
            found["checkpoint_seq"] = self.checkpoint_seq
        return found

    def describe(self) -> str:
        if not self.intact:
            return f"rompu à l'entrée n° {self.broken_seq} : {self.reason}"
        text = f"intact : {self.entries} entrée(s) vérifiée(s)"
        if self.legacy:
            text += f", dont {self.legacy} antérieure(s) au sceau par clé (SHA-256 seul)"
        if self.checkpoint_seq is not None:
            text += f", conforme au point de contrôle (entrée n° {self.checkpoint_seq})"
        return text


_table = JournalEntry.__table__
_COLUMNS = (
    _table.c.seq,
    _table.c.sandbox_id,
    _table.c.actor_id,
    _table.c.actor_username,
    _table.c.actor_role,
    _table.c.sandbox_date,
    # The stored naive UTC instant, without the aware-datetime decorator: formatted directly below.
    type_coerce(_table.c.recorded_at, DateTime()),
    _table.c.action,
    _table.c.codes,
    _table.c.record_type,
    _table.c.record_id,
    _table.c.input,
    _table.c.outcome,
    _table.c.prev_hash,
    _table.c.hash,
    _table.c.key_id,
)


def _legacy_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verify_stream(
    session: Session,
    stream: str,
    *,
    keyring: Keyring | None = None,
    checkpoint: Checkpoint | None = None,
    first_action: str | None = None,
    required: bool = False,
    batch: int = 2000,
) -> Verdict:
    """Walk the stream in order; report the first entry whose facts, links or seal do not hold.

    `first_action`: the action the stream must begin with (`sandbox.create` for a sandbox);
    `required`: the stream must hold at least one entry (its owner exists); `checkpoint`: a head
    kept outside the database that the stream must still contain.
    """
    keyring = keyring or active_keyring()
    secrets: dict[str, bytes] = {}
    expected_seq, previous, count, legacy = 1, GENESIS_HASH, 0, 0
    keyed_seen = False
    checkpoint_seal: str | None = None
    statement = (
        select(*_COLUMNS).where(_table.c.stream == stream).order_by(_table.c.seq).execution_options(yield_per=batch)
    )
    for row in session.connection().execute(statement):
        (seq, sandbox_id, actor_id, username, role, sandbox_date, recorded_at, action, codes, record_type,
         record_id, input_, outcome, prev_hash, seal, key_id) = row  # fmt: skip
        count += 1
        if seq != expected_seq:
            missing = expected_seq if seq > expected_seq else seq
            return Verdict(False, count, missing, f"entrée n° {expected_seq} manquante (suivante trouvée : n° {seq})")
        if seq == 1 and first_action is not None and action != first_action:
            return Verdict(False, count, 1, f"le journal ne commence pas par son entrée de création ({first_action})")
        if prev_hash != previous:
            return Verdict(False, count, seq, "chaînage rompu : l'empreinte précédente ne correspond pas")
        fields: dict[str, Any] = {
            "stream": stream,
            "seq": seq,
            "sandbox_id": sandbox_id,
            "actor_id": actor_id,
            "actor_username": username,
            "actor_role": role,
            "sandbox_date": sandbox_date.isoformat() if sandbox_date is not None else None,
            "recorded_at": recorded_at.isoformat(timespec="microseconds") + "Z",
            "action": action,
            "codes": codes,
            "record_type": record_type,
            "record_id": record_id,
            "input": input_,
            "outcome": outcome,
            "prev_hash": prev_hash,
        }
        if key_id is None:
            if keyed_seen:
                return Verdict(False, count, seq, "entrée sans sceau par clé après des entrées scellées")
            if not keyring.accept_legacy:
                return Verdict(False, count, seq, LEGACY_REFUSED)
            legacy += 1
            if _legacy_hash(canonical_bytes(fields)) != seal:
                return Verdict(False, count, seq, MODIFIED_LEGACY)
        else:
            keyed_seen = True
            fields["key_id"] = key_id
            secret = secrets.get(key_id)
            if secret is None:
                secret = secrets[key_id] = keyring.secret(key_id, seq)
            if seal_bytes(secret, canonical_bytes(fields)) != seal:
                return Verdict(False, count, seq, MODIFIED)
        if checkpoint is not None and seq == checkpoint.seq:
            checkpoint_seal = seal
        previous = seal
        expected_seq += 1
    return _check_ends(session, stream, count, previous, legacy, checkpoint, checkpoint_seal, required)


def _check_ends(
    session: Session,
    stream: str,
    count: int,
    last_seal: str,
    legacy: int,
    checkpoint: Checkpoint | None,
    checkpoint_seal: str | None,
    required: bool,
) -> Verdict:
    def broken(seq: int, reason: str) -> Verdict:
        return Verdict(False, count, seq, reason, legacy)

    if required and count == 0:
        return broken(1, "journal vide : l'entrée n° 1 (création) et les suivantes manquent")
    head = session.get(JournalHead, stream, populate_existing=True)
    last_seq = head.last_seq if head else 0
    if last_seq > count:
        return broken(count + 1, f"entrées n° {count + 1} à {last_seq} manquantes en fin de journal")
    if head is not None and head.last_hash != last_seal:
        return broken(count, "la tête du journal ne correspond pas à la dernière entrée")
    if checkpoint is None:
        return Verdict(True, count, legacy=legacy)
    if checkpoint.seq > count:
        return broken(
            count + 1,
            f"entrées n° {count + 1} à {checkpoint.seq} manquantes en fin de journal "
            f"(point de contrôle du {checkpoint.at or 'fichier de scellés'})",
        )
    if checkpoint.seq > 0 and checkpoint_seal != checkpoint.seal:
        return broken(checkpoint.seq, "l'entrée ne correspond pas au point de contrôle gardé hors de la base")
    return Verdict(True, count, legacy=legacy, checkpoint_seq=checkpoint.seq)
