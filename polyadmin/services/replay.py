"""Rejeu: a sandbox as it was right after any entry of its journal, rebuilt from its seeded state and the
record changes of its entries — never read from the live tables — and checked against them.

Read-only, for the session's evaluators, its trainer and admins (Permission.READ_EVALUATION); a
candidate gets « introuvable ». The method is described in docs/journal.md (« Rejeu et état à une
étape »).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain.errors import Forbidden, NotFound
from polyadmin.domain.replay import RowChange, State, apply_changes, state_diff, state_digest, unpack_state
from polyadmin.domain.roles import Actor, Permission, allowed, holds
from polyadmin.journal.changes import live_state
from polyadmin.journal.writer import sandbox_stream
from polyadmin.services.access import exam_session_access, readable_sandbox
from polyadmin.store.models import ExamSession, JournalEntry, Sandbox
from polyadmin.store.portfolio import SubscriptionRequest
from polyadmin.store.replay import RecordChange, ReplayBaseline


@dataclass(frozen=True)
class ReplayStep:
    """The sandbox right after entry `seq`: the entry, what it changed, the state and its digest."""

    sandbox_id: int
    seq: int
    last_seq: int
    entry: JournalEntry
    changes: tuple[RowChange, ...]
    state: State
    digest: str
    problems: tuple[str, ...]  # changes that did not fit the state they were applied to


@dataclass(frozen=True)
class Integrity:
    """The replayed state at the last step against the live tables."""

    sandbox: Sandbox
    last_seq: int
    replay_digest: str
    live_digest: str
    differences: tuple[RowChange, ...] = ()  # what turns the replayed state into the live one
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.replay_digest == self.live_digest and not self.problems


REFUSED = "Le rejeu est réservé aux évaluateurs et au formateur de la session."


def _evaluable_sandbox(session: Session, actor: Actor, sandbox_id: int) -> Sandbox:
    """The sandbox if the actor evaluates it: « introuvable » if they may not even read it, refused (403)
    if they may read it but not evaluate it (its candidate)."""
    sandbox, access = readable_sandbox(session, actor, sandbox_id)
    if not allowed(actor, Permission.READ_EVALUATION, access):
        raise Forbidden(REFUSED)
    return sandbox


def _evaluable_session(session: Session, actor: Actor, exam_session_id: int) -> ExamSession:
    """Refused (403) to a role that never evaluates; « introuvable » for a session the actor does not evaluate."""
    if not holds(actor, Permission.READ_EVALUATION):
        raise Forbidden(REFUSED)
    exam = session.get(ExamSession, exam_session_id)
    if exam is None or not allowed(actor, Permission.READ_EVALUATION, exam_session_access(exam)):
        raise NotFound("Session d'examen introuvable.")
    return exam


def _last_seq(session: Session, stream: str) -> int:
    found = session.execute(
        select(JournalEntry.seq).where(JournalEntry.stream == stream).order_by(JournalEntry.seq.desc()).limit(1)
    ).scalar_one_or_none()
    return found or 0


def _stored_changes(session: Session, stream: str, after: int, upto: int) -> list[tuple[int, RowChange]]:
    rows = session.execute(
        select(RecordChange)
        .where(RecordChange.stream == stream, RecordChange.seq > after, RecordChange.seq <= upto)
        .order_by(RecordChange.seq, RecordChange.position)
    ).scalars()
    return [(row.seq, RowChange(row.table_name, row.row_id, row.op, row.before, row.after)) for row in rows]


def _baseline(session: Session, stream: str, upto: int) -> ReplayBaseline | None:
    return session.execute(
        select(ReplayBaseline)
        .where(ReplayBaseline.stream == stream, ReplayBaseline.seq <= upto)
        .order_by(ReplayBaseline.seq.desc())
        .limit(1)
    ).scalar_one_or_none()


@dataclass
class Replayed:
    """A replayed state, the known canonical lines of its rows untouched since the baseline, the problems
    met and the seq of the baseline it started from (0: none, an empty sandbox)."""

    state: State
    lines: dict[tuple[str, int], str]
    problems: list[str]
    start: int

    @property
    def digest(self) -> str:
        return state_digest(self.state, self.lines)


def replayed_state(session: Session, stream: str, upto: int) -> Replayed:
    """The state right after entry `upto` (0: before the first entry)."""
    baseline = _baseline(session, stream, upto)
    state: State = {}
    lines: dict[tuple[str, int], str] = {}
    problems: list[str] = []
    start = 0
    if baseline is not None:
        state, lines, digest = unpack_state(baseline.state)
        start = baseline.seq
        if digest != baseline.digest:
            problems.append(f"L'état ensemencé enregistré à l'étape {baseline.seq} ne correspond plus à son empreinte.")
    changes = [change for _seq, change in _stored_changes(session, stream, start, upto)]
    problems += apply_changes(state, changes, lines)
    return Replayed(state, lines, problems, start)


def changes_of(session: Session, stream: str, seq: int) -> list[RowChange]:
    """What entry `seq` changed: its record changes, or, for a seeding or a reset, the difference
    between the state before it and the new baseline."""
    baseline = _baseline(session, stream, seq)
    if baseline is not None and baseline.seq == seq:
        before = replayed_state(session, stream, seq - 1)
        return state_diff(before.state, unpack_state(baseline.state)[0])
    return [change for _seq, change in _stored_changes(session, stream, seq - 1, seq)]


def state_at(session: Session, actor: Actor, sandbox_id: int, seq: int) -> ReplayStep:
    """The sandbox right after its journal entry `seq` (NotFound for a step its journal does not have)."""
    sandbox = _evaluable_sandbox(session, actor, sandbox_id)
    stream = sandbox_stream(sandbox.id)
    entry = session.execute(
        select(JournalEntry).where(JournalEntry.stream == stream, JournalEntry.seq == seq)
    ).scalar_one_or_none()
    if entry is None:
        raise NotFound(f"Le journal de ce bac à sable n'a pas d'étape n° {seq}.")
    replayed = replayed_state(session, stream, seq)
    return ReplayStep(
        sandbox_id=sandbox.id,
        seq=seq,
        last_seq=_last_seq(session, stream),
        entry=entry,
        changes=tuple(changes_of(session, stream, seq)),
        state=replayed.state,
        digest=replayed.digest,
        problems=tuple(replayed.problems),
    )


def _integrity(session: Session, sandbox: Sandbox) -> Integrity:
    stream = sandbox_stream(sandbox.id)
    last = _last_seq(session, stream)
    replayed = replayed_state(session, stream, last)
    live = live_state(session, sandbox.id)
    replay_digest, live_digest = replayed.digest, state_digest(live)
    differences = () if replay_digest == live_digest else tuple(state_diff(replayed.state, live))
    return Integrity(sandbox, last, replay_digest, live_digest, differences, tuple(replayed.problems))


def compare_live(session: Session, actor: Actor, sandbox_id: int) -> Integrity:
    """The replayed state at the last step against the live tables: equal digests, or the records that
    differ (an integrity problem: something changed the records without its journal entry)."""
    return _integrity(session, _evaluable_sandbox(session, actor, sandbox_id))


def session_integrity(session: Session, actor: Actor, exam_session_id: int) -> list[Integrity]:
    """`compare_live` for every sandbox of an exam session, in sandbox order."""
    exam = _evaluable_session(session, actor, exam_session_id)
    return [_integrity(session, sandbox) for sandbox in exam.sandboxes]


@dataclass(frozen=True)
class CaseSteps:
    """One candidate's steps on a planted case: the sandbox, the request and its journal entries' seqs."""

    sandbox: Sandbox
    request_id: int | None
    seqs: tuple[int, ...]


def case_steps(session: Session, actor: Actor, sandbox_id: int, case_code: str) -> CaseSteps:
    """The steps a candidate took on the planted case `case_code` (the entries about its request)."""
    sandbox = _evaluable_sandbox(session, actor, sandbox_id)
    request_id = session.execute(
        select(SubscriptionRequest.id).where(
            SubscriptionRequest.sandbox_id == sandbox.id, SubscriptionRequest.case_code == case_code
        )
    ).scalar_one_or_none()
    seqs: tuple[int, ...] = ()
    if request_id is not None:
        seqs = tuple(
            session.execute(
                select(JournalEntry.seq)
                .where(
                    JournalEntry.stream == sandbox_stream(sandbox.id),
                    JournalEntry.record_type == "request",
                    JournalEntry.record_id == str(request_id),
                )
                .order_by(JournalEntry.seq)
            ).scalars()
        )
    return CaseSteps(sandbox, request_id, seqs)


OPERATIONS = {
    "insert": "présent dans les tables, absent du rejeu",
    "delete": "absent des tables, présent dans le rejeu",
}


def describe_difference(difference: RowChange) -> str:
    """One line for a record where the live tables and the replay part (replay → live)."""
    where = f"{difference.table} n° {difference.row_id}"
    if difference.op in OPERATIONS:
        return f"{where} : {OPERATIONS[difference.op]}"
    fields = ", ".join(sorted((difference.after or {}).keys()))
    return f"{where} : champs différents ({fields})"


def session_cases(session: Session, actor: Actor, exam_session_id: int) -> tuple[ExamSession, list[str]]:
    """The session and the planted cases' codes of its sandboxes (for the side-by-side page), in code order."""
    exam = _evaluable_session(session, actor, exam_session_id)
    ids = [box.id for box in exam.sandboxes]
    codes = session.execute(
        select(SubscriptionRequest.case_code)
        .where(SubscriptionRequest.sandbox_id.in_(ids), SubscriptionRequest.case_code.is_not(None))
        .distinct()
    ).scalars()
    return exam, sorted(code for code in codes if code)


def entries_of(session: Session, sandbox_id: int, seqs: tuple[int, ...]) -> list[JournalEntry]:
    """The journal entries `seqs` of a sandbox the caller has already been allowed to evaluate."""
    if not seqs:
        return []
    return list(
        session.execute(
            select(JournalEntry)
            .where(JournalEntry.stream == sandbox_stream(sandbox_id), JournalEntry.seq.in_(seqs))
            .order_by(JournalEntry.seq)
        ).scalars()
    )
