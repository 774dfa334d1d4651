"""Verifying an archived JSON Lines export without the database: years later, the export, the key
(or the older key in the keyring) and, at best, the session's seal file are all it takes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from polyadmin.journal.canonical import GENESIS_HASH, canonical_bytes, seal_bytes
from polyadmin.journal.checkpoints import Checkpoint, CheckpointFileInvalid
from polyadmin.journal.keys import Keyring
from polyadmin.journal.verify import LEGACY_REFUSED, MODIFIED, MODIFIED_LEGACY, Verdict

SANDBOX_CREATION = "sandbox.create"


def _sealed_fields(line: dict[str, Any]) -> dict[str, Any]:
    """The export's names back to the sealed fields (`actor` is the actor's username)."""
    fields = {
        "stream": line["stream"], "seq": line["seq"], "sandbox_id": line["sandbox_id"], "actor_id": line["actor_id"],
        "actor_username": line["actor"], "actor_role": line["actor_role"], "sandbox_date": line["sandbox_date"],
        "recorded_at": line["recorded_at"], "action": line["action"], "codes": line["codes"],
        "record_type": line["record_type"], "record_id": line["record_id"], "input": line["input"],
        "outcome": line["outcome"], "prev_hash": line["prev_hash"],
    }  # fmt: skip
    if line.get("key_id") is not None:
        fields["key_id"] = line["key_id"]
    return fields


def read_export(lines: Iterable[str]) -> tuple[list[dict[str, Any]], Checkpoint | None]:
    entries: list[dict[str, Any]] = []
    checkpoint: Checkpoint | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            raise CheckpointFileInvalid(f"export illisible : ligne {number}, JSON invalide") from None
        if isinstance(data, dict) and "checkpoint" in data:
            checkpoint = Checkpoint.from_dict(data["checkpoint"])
        elif isinstance(data, dict) and "seq" in data:
            if "stream" not in data or "actor_id" not in data:
                raise CheckpointFileInvalid("export sans les champs scellés (stream, actor_id, key_id) : trop ancien")
            entries.append(data)
    return entries, checkpoint


def verify_export(lines: Iterable[str], keyring: Keyring, sealed: Checkpoint | None = None) -> tuple[str, Verdict]:
    """The exported stream's name and verdict: numbers, chain and seal of every line, the creation
    entry of a sandbox, the export's own checkpoint and, when given, the seal file's head."""
    entries, own = read_export(lines)
    if not entries:
        raise CheckpointFileInvalid("export vide : aucune entrée à vérifier")
    stream = str(entries[0]["stream"])
    previous, legacy = GENESIS_HASH, 0
    for count, line in enumerate(entries, start=1):
        seq = line.get("seq")
        if line.get("stream") != stream or seq != count:
            return stream, Verdict(False, count, count, f"entrée n° {count} manquante (suivante trouvée : n° {seq})")
        if count == 1 and stream.startswith("sandbox:") and line.get("action") != SANDBOX_CREATION:
            reason = f"le journal ne commence pas par son entrée de création ({SANDBOX_CREATION})"
            return stream, Verdict(False, count, 1, reason)
        if line.get("prev_hash") != previous:
            return stream, Verdict(False, count, count, "chaînage rompu : l'empreinte précédente ne correspond pas")
        try:
            data = canonical_bytes(_sealed_fields(line))
        except KeyError as exc:
            return stream, Verdict(False, count, count, f"champ scellé absent : {exc}")
        key_id = line.get("key_id")
        if key_id is None:
            if not keyring.accept_legacy or legacy < count - 1:
                return stream, Verdict(False, count, count, LEGACY_REFUSED)
            legacy += 1
            if hashlib.sha256(data).hexdigest() != line.get("hash"):
                return stream, Verdict(False, count, count, MODIFIED_LEGACY)
        elif seal_bytes(keyring.secret(str(key_id), count), data) != line.get("hash"):
            return stream, Verdict(False, count, count, MODIFIED)
        previous = str(line.get("hash"))
    total = len(entries)
    for checkpoint, what in ((own, "point de contrôle de l'export"), (sealed, "fichier de scellés")):
        if checkpoint is None:
            continue
        if checkpoint.stream != stream:
            raise CheckpointFileInvalid(f"le {what} concerne {checkpoint.stream}, pas {stream}")
        if checkpoint.seq > total:
            reason = f"entrées n° {total + 1} à {checkpoint.seq} manquantes en fin de journal ({what})"
            return stream, Verdict(False, total, total + 1, reason, legacy)
        if checkpoint.seq and entries[checkpoint.seq - 1].get("hash") != checkpoint.seal:
            reason = f"l'entrée ne correspond pas au {what}"
            return stream, Verdict(False, total, checkpoint.seq, reason, legacy)
    reached = sealed.seq if sealed is not None else (own.seq if own is not None else None)
    return stream, Verdict(True, total, legacy=legacy, checkpoint_seq=reached)
