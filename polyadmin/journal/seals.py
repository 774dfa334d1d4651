"""Seal files: the sealed heads of every sandbox of an exam session, kept by the evaluators.

`polyadmin journal seal SESSION` writes one small JSON file at the end of an exam session. The file
itself is sealed (HMAC-SHA256 with the journal key), so nobody without the key can make one up to
match a rewritten journal; years later, `polyadmin journal verify --seal FILE` checks that every
stream it lists is still whole, up to and including the sealed head.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from polyadmin.journal.canonical import canonical_bytes, seal_bytes, seals_equal
from polyadmin.journal.checkpoints import Checkpoint, CheckpointFileInvalid
from polyadmin.journal.keys import Keyring

SEAL_FORMAT = "polyadmin-journal-seal/1"


@dataclass(frozen=True)
class SealedStream:
    checkpoint: Checkpoint
    sandbox_id: int | None
    candidate: str | None


@dataclass(frozen=True)
class SealFile:
    exam_session_id: int | None
    sealed_at: str
    streams: tuple[SealedStream, ...]

    def checkpoint(self, stream: str) -> Checkpoint | None:
        return next((s.checkpoint for s in self.streams if s.checkpoint.stream == stream), None)


def seal_document(keyring: Keyring, body: dict[str, Any]) -> dict[str, Any]:
    """`body` (plain JSON types) with its own seal under the current key."""
    document = {"format": SEAL_FORMAT, **body, "key_id": keyring.current_id}
    document["file_seal"] = seal_bytes(keyring.current, canonical_bytes(document))
    return document


def read_seal_file(path: Path, keyring: Keyring) -> SealFile:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CheckpointFileInvalid(f"fichier de scellés illisible : {path} ({exc.strerror})") from None
    except ValueError:
        raise CheckpointFileInvalid(f"fichier de scellés illisible : {path} (JSON invalide)") from None
    if not isinstance(document, dict) or document.get("format") != SEAL_FORMAT:
        raise CheckpointFileInvalid(f"{path} n'est pas un fichier de scellés du journal ({SEAL_FORMAT})")
    given = document.pop("file_seal", None)
    secret = keyring.secret(str(document.get("key_id")))
    if not isinstance(given, str) or not seals_equal(given, seal_bytes(secret, canonical_bytes(document))):
        raise CheckpointFileInvalid(f"fichier de scellés altéré : {path} (son sceau ne correspond pas)")
    sealed_at = str(document.get("sealed_at", ""))
    streams = []
    for item in document.get("streams") or []:
        checkpoint = Checkpoint.from_dict({**item, "at": sealed_at})
        streams.append(SealedStream(checkpoint, item.get("sandbox_id"), item.get("candidate")))
    return SealFile(document.get("exam_session_id"), sealed_at, tuple(streams))
