"""Integrity check of a journal stream: sequence, chain and keyed seal of every entry, then the head
against the database's `journal_heads` and against a checkpoint kept outside the database.

The walk reads plain rows (a Core select streamed by batches, no ORM objects, the JSON columns as
their stored canonical text) and seals the canonical bytes assembled from them: no JSON is decoded
unless a seal does not match at first (then the values are decoded and encoded canonically, which
also covers entries stored before their text was canonical).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import DateTime, String, Text, and_, cast, func, literal, select, type_coerce
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

# The canonical JSON of an entry's sealed fields, keys in sorted order: the values are filled in
# directly from the row (the JSON columns hold canonical text already, see CanonicalJSON), which is
# byte for byte what `canonical_json(hashed_fields(entry))` gives, without decoding anything.
_KEYED = (
    '{"action":%s,"actor_id":%s,"actor_role":%s,"actor_username":%s,"codes":%s,"input":%s,"key_id":%s,'
    '"outcome":%s,"prev_hash":%s,"record_id":%s,"record_type":%s,"recorded_at":%s,"sandbox_date":%s,'
    '"sandbox_id":%s,"seq":%s,"stream":%s}'
)
_LEGACY = _KEYED.replace('"key_id":%s,', "")


def _legacy_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _number(value: int | None) -> str:
    if type(value) is int:
        return str(value)
    return "null" if value is None else json.dumps(value)  # not an integer: the seal cannot match


def _columns(dialect: str) -> tuple[Any, ...]:
    """SQLite: dates and instants as their stored text (no parsing), and whether each JSON text is
    well-formed (SQLite stores any text; PostgreSQL's json type refuses malformed text on input)."""
    if dialect == "sqlite":
        dates: tuple[Any, ...] = (cast(_table.c.sandbox_date, String), cast(_table.c.recorded_at, String))
        well_formed: Any = and_(*(func.json_valid(column) == 1 for column in (_table.c.codes, _table.c.input,
                                                                            _table.c.outcome)))  # fmt: skip
    else:
        dates = (_table.c.sandbox_date, type_coerce(_table.c.recorded_at, DateTime()))
        well_formed = literal(True)
    return (
        _table.c.seq, _table.c.sandbox_id, _table.c.actor_id, _table.c.actor_username, _table.c.actor_role,
        *dates, _table.c.action,
        # The stored JSON text itself (PostgreSQL's json type keeps it as written).
        cast(_table.c.codes, Text), cast(_table.c.input, Text), cast(_table.c.outcome, Text),
        _table.c.record_type, _table.c.record_id, _table.c.prev_hash, _table.c.hash, _table.c.key_id, well_formed,
    )  # fmt: skip


def _instant(value: datetime | str) -> str:
    """A stored UTC instant as canonical text (`2026-03-02T08:00:00.000000Z`)."""
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " ":  # SQLite's storage format, with microseconds
            return value[:10] + "T" + value[11:] + "Z"
        try:
            return datetime.fromisoformat(value).isoformat(timespec="microseconds") + "Z"
        except ValueError:
            return value  # not an instant: no seal can match
    return value.isoformat(timespec="microseconds") + "Z"


def _day(value: date | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def _decoded_bytes(row: Any, stream: str) -> bytes:
    """The slow, exact way (stored JSON not in canonical form, e.g. written before CanonicalJSON):
    decode the values and encode them canonically."""
    (seq, sandbox_id, actor_id, username, role, sandbox_date, recorded_at, action, codes, input_, outcome,
     record_type, record_id, prev_hash, _seal, key_id, _well_formed) = row  # fmt: skip
    try:
        fields: dict[str, Any] = {
            "stream": stream, "seq": seq, "sandbox_id": sandbox_id, "actor_id": actor_id, "actor_username": username,
            "actor_role": role, "sandbox_date": _day(sandbox_date), "recorded_at": _instant(recorded_at),
            "action": action, "codes": json.loads(codes), "record_type": record_type, "record_id": record_id,
            "input": json.loads(input_), "outcome": json.loads(outcome), "prev_hash": prev_hash,
        }  # fmt: skip
    except (TypeError, ValueError):
        return b""  # unreadable values: no seal can match
    if key_id is not None:
        fields["key_id"] = key_id
    return canonical_bytes(fields)


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
    connection = session.connection()
    statement = (
        select(*_columns(connection.dialect.name))
        .where(_table.c.stream == stream)
        .order_by(_table.c.seq)
        .execution_options(yield_per=batch)
    )
    stream_text, esc, seal_of, sha = encode_basestring(stream), encode_basestring, seal_bytes, _legacy_hash
    for row in connection.execute(statement):
        (seq, sandbox_id, actor_id, username, role, sandbox_date, recorded_at, action, codes, input_, outcome,
         record_type, record_id, prev_hash, seal, key_id, well_formed) = row  # fmt: skip
        count += 1
        if seq != expected_seq:
            missing = expected_seq if seq > expected_seq else seq
            return Verdict(False, count, missing, f"entrée n° {expected_seq} manquante (suivante trouvée : n° {seq})")
        if seq == 1 and first_action is not None and action != first_action:
            return Verdict(False, count, 1, f"le journal ne commence pas par son entrée de création ({first_action})")
        if prev_hash != previous:
            return Verdict(False, count, seq, "chaînage rompu : l'empreinte précédente ne correspond pas")
        # Strings escaped, numbers checked, JSON texts spliced only when well-formed: the assembled
        # bytes can equal the sealed ones only if every column holds what was sealed.
        head = (
            esc(action), _number(actor_id), esc(role), esc(username),
            codes if well_formed else "null", input_ if well_formed else "null",
        )  # fmt: skip
        tail = (
            outcome if well_formed else "null", esc(prev_hash), _text(record_id), _text(record_type),
            esc(_instant(recorded_at)), _text(_day(sandbox_date)), _number(sandbox_id), str(seq), stream_text,
        )  # fmt: skip
        if key_id is None:
            if keyed_seen:
                return Verdict(False, count, seq, "entrée sans sceau par clé après des entrées scellées")
            if not keyring.accept_legacy:
                return Verdict(False, count, seq, LEGACY_REFUSED)
            legacy += 1
            if sha((_LEGACY % (head + tail)).encode()) != seal and sha(_decoded_bytes(row, stream)) != seal:
                return Verdict(False, count, seq, MODIFIED_LEGACY)
        else:
            keyed_seen = True
            secret = secrets.get(key_id)
            if secret is None:
                secret = secrets[key_id] = keyring.secret(key_id, seq)
            data = (_KEYED % (*head, esc(key_id), *tail)).encode()
            if seal_of(secret, data) != seal and seal_of(secret, _decoded_bytes(row, stream)) != seal:
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
