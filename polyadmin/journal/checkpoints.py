"""Checkpoints of each stream's head, kept outside the database.

After every commit that appended entries, the new head of each stream (sequence, seal, key id,
time) is appended as one JSON line to a file of the instance folder. Someone who rewrites the
database does not reach that file (keep it on storage the database's administrators cannot
write), so cutting entries from the end of a stream, or deleting a whole stream with its head, no
longer goes unnoticed. Exports carry the same checkpoint, and `polyadmin journal seal` writes the
heads of a whole exam session to a file the evaluators keep.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from polyadmin.domain.canonical import readable_json
from polyadmin.journal.canonical import instant_text

PENDING_HEADS = "polyadmin.journal.pending_heads"
log = logging.getLogger(__name__)


class CheckpointFileInvalid(ValueError):
    """A checkpoint or seal file cannot be read or was altered (the journal cannot be checked against it)."""


@dataclass(frozen=True)
class Checkpoint:
    stream: str
    seq: int
    seal: str
    key_id: str | None
    at: str

    def as_dict(self) -> dict[str, Any]:
        return {"stream": self.stream, "seq": self.seq, "seal": self.seal, "key_id": self.key_id, "at": self.at}

    @classmethod
    def from_dict(cls, data: Any) -> Checkpoint:
        try:
            seq = data["seq"]
            if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
                raise TypeError("seq")
            return cls(str(data["stream"]), seq, str(data["seal"]), data.get("key_id"), str(data.get("at", "")))
        except (KeyError, TypeError, AttributeError) as exc:
            raise CheckpointFileInvalid(f"point de contrôle illisible ({exc})") from None


def checkpoint_line(checkpoint: Checkpoint) -> str:
    return readable_json(checkpoint.as_dict()) + "\n"


# --- the instance file, written after commit -------------------------------------------------------

_checkpoint_file: Path | None = None


def use_checkpoint_file(path: Path | None) -> None:
    """Set by the app factory: where heads are appended after each commit (None: nowhere, as in tests)."""
    global _checkpoint_file
    _checkpoint_file = path


def checkpoint_file() -> Path | None:
    return _checkpoint_file


def note_head(session: Session, stream: str, seq: int, seal: str, key_id: str | None) -> None:
    """Remember the stream's new head until the transaction commits (a rollback forgets it)."""
    session.info.setdefault(PENDING_HEADS, {})[stream] = (seq, seal, key_id)


def append_checkpoints(path: Path, checkpoints: Iterable[Checkpoint]) -> None:
    text = "".join(checkpoint_line(checkpoint) for checkpoint in checkpoints)
    if not text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_APPEND: lines of concurrent workers never overwrite each other; one write per commit.
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, text.encode("utf-8"))
    finally:
        os.close(descriptor)


@event.listens_for(Session, "after_commit")
def _write_pending_heads(session: Session) -> None:
    pending = session.info.pop(PENDING_HEADS, None)
    if not pending or _checkpoint_file is None:
        return
    at = instant_text(datetime.now(UTC))
    heads = [Checkpoint(stream, seq, seal, key_id, at) for stream, (seq, seal, key_id) in pending.items()]
    try:
        append_checkpoints(_checkpoint_file, heads)
    except OSError:
        # The change is committed already; say loudly that this head was not checkpointed.
        log.exception("journal checkpoint not written to %s", _checkpoint_file)


@event.listens_for(Session, "after_rollback")
def _forget_pending_heads(session: Session) -> None:
    session.info.pop(PENDING_HEADS, None)


# --- reading checkpoints back ----------------------------------------------------------------------


def read_checkpoints(lines: Iterable[str]) -> Iterator[Checkpoint]:
    """Checkpoints from JSON lines: the instance file's lines, or an export's `{"checkpoint": …}` line
    (the export's entry lines are skipped)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            raise CheckpointFileInvalid(f"ligne {number} : JSON illisible") from None
        if isinstance(data, dict) and "checkpoint" in data:
            yield Checkpoint.from_dict(data["checkpoint"])
        elif isinstance(data, dict) and "stream" in data and "seal" in data:
            yield Checkpoint.from_dict(data)


def latest_checkpoints(checkpoints: Iterable[Checkpoint]) -> dict[str, Checkpoint]:
    """The furthest head seen for each stream (lines of concurrent writers may arrive out of order)."""
    latest: dict[str, Checkpoint] = {}
    for checkpoint in checkpoints:
        known = latest.get(checkpoint.stream)
        if known is None or checkpoint.seq >= known.seq:
            latest[checkpoint.stream] = checkpoint
    return latest


def load_checkpoints(path: Path, stream: str | None = None) -> dict[str, Checkpoint]:
    """The latest checkpoint of each stream in a file (only `stream`'s lines are parsed when given)."""
    try:
        with path.open(encoding="utf-8") as handle:
            lines: Iterable[str] = handle
            if stream is not None:
                quoted = json.dumps(stream)
                lines = (line for line in handle if quoted in line)
            return latest_checkpoints(read_checkpoints(lines))
    except OSError as exc:
        raise CheckpointFileInvalid(f"fichier de points de contrôle illisible : {path} ({exc.strerror})") from None


def _lines_from_the_end(path: Path, block: int = 1 << 16) -> Iterator[str]:
    """The file's lines, last first, reading blocks backwards (the file only grows at its end)."""
    with path.open("rb") as handle:
        position = handle.seek(0, os.SEEK_END)
        rest = b""
        while position > 0:
            step = min(block, position)
            position -= step
            handle.seek(position)
            parts = (handle.read(step) + rest).split(b"\n")
            rest = parts[0]  # the start of this block's first line may lie in the block before
            for line in reversed(parts[1:]):
                if line.strip():
                    yield line.decode("utf-8", "replace")
        if rest.strip():
            yield rest.decode("utf-8", "replace")


# Lines of concurrent commits may land slightly out of order: look a little further back than the
# last line of the stream before deciding which checkpoint is the furthest.
LOOK_BEHIND = 1000


def latest_checkpoint(path: Path, stream: str) -> Checkpoint | None:
    """The furthest checkpoint of `stream`, scanning the file from its end (a page view need not read
    a large file whole: only back to the stream's last lines)."""
    quoted = json.dumps(stream)
    found: list[Checkpoint] = []
    remaining: int | None = None
    try:
        for line in _lines_from_the_end(path):
            if remaining is not None:
                remaining -= 1
                if remaining < 0:
                    break
            if quoted not in line:
                continue
            found.extend(checkpoint for checkpoint in read_checkpoints([line]) if checkpoint.stream == stream)
            if found and remaining is None:
                remaining = LOOK_BEHIND
    except OSError as exc:
        raise CheckpointFileInvalid(f"fichier de points de contrôle illisible : {path} ({exc.strerror})") from None
    return latest_checkpoints(found).get(stream)
