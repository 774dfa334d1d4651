"""The journal as the evaluators and archivists reach it (read-only): reading, verifying, sealing
an exam session, exporting."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from polyadmin.domain.canonical import readable_json
from polyadmin.domain.errors import DomainError, Forbidden
from polyadmin.domain.roles import Actor, Permission, allowed, holds
from polyadmin.journal.canonical import instant_text
from polyadmin.journal.checkpoints import Checkpoint, CheckpointFileInvalid, checkpoint_file, latest_checkpoint
from polyadmin.journal.export import iter_entries, sealed_fields, write_csv, write_jsonl
from polyadmin.journal.keys import JournalKeyMissing, active_keyring
from polyadmin.journal.reader import JournalFilter, read_journal
from polyadmin.journal.seals import SealFile, seal_document
from polyadmin.journal.verify import Verdict, verify_stream
from polyadmin.journal.writer import PLATFORM_STREAM, sandbox_stream
from polyadmin.services.access import exam_session_access, readable_sandbox
from polyadmin.services.exam_sessions import get_exam_session
from polyadmin.services.journal_view import batches as journal_batches
from polyadmin.services.journal_view import journal_filter, readable_csv
from polyadmin.store.models import JournalEntry, Sandbox, User
from polyadmin.store.queries import Page
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.sessions import JournalExportFilterSchema, JournalFilterSchema

SANDBOX_CREATION = "sandbox.create"
PAGING = ("page", "per_page")  # an export holds every entry the filters keep


class JournalUnverifiable(DomainError):
    """The journal cannot be checked (missing key, unreadable checkpoints): never reported « intact »."""

    status = 503


class JournalBroken(DomainError):
    """A stream is not intact: refusing to seal it (sealing would bless the tampering)."""

    status = 409


def sandbox_journal(session: Session, actor: Actor, sandbox_id: int, params: dict[str, Any]) -> Page[JournalEntry]:
    loaded = load_or_raise(JournalFilterSchema(), params)
    readable_sandbox(session, actor, sandbox_id)
    filters = journal_filter(sandbox_id, loaded)
    return read_journal(session, sandbox_id, filters, int(loaded["page"]), int(loaded["per_page"]))


def kept_checkpoint(stream: str) -> Checkpoint | None:
    """The latest head of `stream` in the instance's checkpoint file (none yet: no checkpoint)."""
    path = checkpoint_file()
    if path is None or not path.exists():
        return None
    try:
        return latest_checkpoint(path, stream)
    except CheckpointFileInvalid as exc:
        raise JournalUnverifiable(f"Vérification impossible : {exc}.") from None


def _verify(session: Session, stream: str, checkpoint: Checkpoint | None, **rules: Any) -> Verdict:
    try:
        return verify_stream(session, stream, checkpoint=checkpoint, **rules)
    except JournalKeyMissing as exc:
        raise JournalUnverifiable(str(exc)) from None


def verify_sandbox_journal(
    session: Session, actor: Actor, sandbox_id: int, *, checkpoint: Checkpoint | None = None
) -> Verdict:
    """The sandbox's stream must begin with its creation and reach its latest checkpoint (the one
    given, else the instance's checkpoint file)."""
    readable_sandbox(session, actor, sandbox_id)
    stream = sandbox_stream(sandbox_id)
    kept = checkpoint or kept_checkpoint(stream)
    return _verify(session, stream, kept, first_action=SANDBOX_CREATION, required=True)


def verify_platform_journal(session: Session, actor: Actor, *, checkpoint: Checkpoint | None = None) -> Verdict:
    """Accounts, exam sessions, tokens, catalogues: administrators only. The stream must exist as
    soon as an account does (every account is created through it)."""
    if not allowed(actor, Permission.VERIFY_PLATFORM_JOURNAL):
        raise Forbidden("Seul un administrateur vérifie le journal de la plateforme.")
    kept = checkpoint or kept_checkpoint(PLATFORM_STREAM)
    has_users = session.execute(select(exists().where(User.id.is_not(None)))).scalar_one()
    return _verify(session, PLATFORM_STREAM, kept, required=bool(has_users))


def verify_sealed_streams(session: Session, actor: Actor, seal: SealFile) -> list[tuple[str, Verdict]]:
    """Every stream of a seal file against its sealed head; a sealed sandbox gone from the database
    is reported as a deleted journal."""
    verdicts: list[tuple[str, Verdict]] = []
    for sealed in seal.streams:
        stream = sealed.checkpoint.stream
        if stream == PLATFORM_STREAM:
            verdicts.append((stream, verify_platform_journal(session, actor, checkpoint=sealed.checkpoint)))
            continue
        sandbox_id = sealed.sandbox_id
        if sandbox_id is None or session.get(Sandbox, sandbox_id) is None or stream != sandbox_stream(sandbox_id):
            reason = f"bac à sable absent de la base : son journal scellé (n° 1 à {sealed.checkpoint.seq}) a disparu"
            verdicts.append((stream, Verdict(False, 0, 1, reason)))
            continue
        verdicts.append((stream, verify_sandbox_journal(session, actor, sandbox_id, checkpoint=sealed.checkpoint)))
    return verdicts


def seal_exam_session(session: Session, actor: Actor, exam_session_id: int) -> dict[str, Any]:
    """The sealed heads of every sandbox of the session, after checking each one is intact."""
    if not holds(actor, Permission.SEAL_JOURNALS):
        raise Forbidden("Seul le formateur de la session ou un administrateur scelle ses journaux.")
    exam = get_exam_session(session, actor, exam_session_id)
    if not allowed(actor, Permission.SEAL_JOURNALS, exam_session_access(exam)):
        raise Forbidden("Seul le formateur de la session ou un administrateur scelle ses journaux.")
    streams: list[dict[str, Any]] = []
    for sandbox in exam.sandboxes:
        verdict = verify_sandbox_journal(session, actor, sandbox.id)
        if not verdict.intact:
            raise JournalBroken(f"Journal du bac à sable {sandbox.id} {verdict.describe()} : scellement refusé.")
        head = _head(session, sandbox_stream(sandbox.id))
        streams.append({"stream": sandbox_stream(sandbox.id), "sandbox_id": sandbox.id,
                        "candidate": sandbox.candidate.username, **head})  # fmt: skip
    body = {
        "exam_session_id": exam.id,
        "exam_session": exam.name,
        "sealed_at": instant_text(datetime.now(UTC)),
        "streams": streams,
    }
    try:
        return seal_document(active_keyring(), body)
    except JournalKeyMissing as exc:
        raise JournalUnverifiable(str(exc)) from None


def _head(session: Session, stream: str) -> dict[str, Any]:
    last = session.execute(
        select(JournalEntry.seq, JournalEntry.hash, JournalEntry.key_id)
        .where(JournalEntry.stream == stream)
        .order_by(JournalEntry.seq.desc())
        .limit(1)
    ).one()
    return {"seq": last.seq, "seal": last.hash, "key_id": last.key_id}


def export_sandbox_journal_with_checkpoint(
    session: Session, actor: Actor, sandbox_id: int, fmt: str, out: TextIO
) -> tuple[int, Checkpoint | None]:
    readable_sandbox(session, actor, sandbox_id)
    last: dict[str, Any] = {}

    def remembering(entries: Any) -> Any:
        for entry in entries:
            last.update(entry)
            yield entry

    writer = write_jsonl if fmt == "jsonl" else write_csv
    count = writer(remembering(iter_entries(session, sandbox_id)), out)
    if not last:
        return count, None
    checkpoint = Checkpoint(
        sandbox_stream(sandbox_id), int(last["seq"]), str(last["hash"]), last.get("key_id"),
        instant_text(datetime.now(UTC)),
    )  # fmt: skip
    if fmt == "jsonl":
        out.write(readable_json({"checkpoint": checkpoint.as_dict()}) + "\n")
    return count, checkpoint


def write_checkpoint_beside(path: Path, checkpoint: Checkpoint) -> Path:
    """A CSV export's checkpoint, in `<file>.checkpoint.json` (CSV has no room for it)."""
    target = path.with_name(path.name + ".checkpoint.json")
    target.write_text(readable_json({"checkpoint": checkpoint.as_dict()}) + "\n", encoding="utf-8")
    return target


def export_journal(session: Session, actor: Actor, sandbox_id: int, params: Mapping[str, Any], fmt: str) -> str:
    """The journal as a file for whoever may read it, filtered as its page (no pagination). JSON Lines:
    the lines of `polyadmin journal export` — the whole journal is that very file, its checkpoint last,
    which `polyadmin journal verify --export` checks; a filtered one has no checkpoint (its entries no
    longer form the chain). CSV: readable columns then every sealed field (`journal_view.readable_csv`).
    Reading only: an export is not journaled (as the CLI's)."""
    loaded = load_or_raise(JournalExportFilterSchema(), {k: v for k, v in params.items() if k not in PAGING})
    readable_sandbox(session, actor, sandbox_id)
    filters = journal_filter(sandbox_id, loaded)
    out = io.StringIO()
    if fmt == "jsonl" and filters == JournalFilter():
        export_sandbox_journal_with_checkpoint(session, actor, sandbox_id, "jsonl", out)
    elif fmt == "jsonl":
        for batch in journal_batches(session, sandbox_id, filters):
            write_jsonl((sealed_fields(entry) for entry in batch), out)
    else:
        readable_csv(session, actor, sandbox_id, journal_batches(session, sandbox_id, filters), out)
    return out.getvalue()
