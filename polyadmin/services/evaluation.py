"""The evaluation committee's view of a sandbox: the grid with the journal's evidence for each criterion,
and each planted case's expected outcome beside what the candidate did (C2A.1–C2A.4, C1.8–C1.11).

Read for the session's evaluators, its trainer and admins (Permission.READ_EVALUATION); a candidate is
refused (403, a role that never reads an evaluation) before any sandbox is even looked up, never a glimpse
of the grid or the expected outcomes; anyone else outside the session gets « introuvable ». The committee's marks per
criterion and decisions per block (Permission.MARK_EVALUATION) are rows of their own, journaled in the
sandbox's evaluation stream (`evaluation:<id>`), which no page or API of the candidate reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain.errors import Forbidden, NotFound
from polyadmin.domain.evaluation import BLOCKS, Decision, Entry, Grid, Mark, Observation, block_of, evaluate
from polyadmin.domain.roles import Actor, Permission, SandboxAccess, allowed, holds
from polyadmin.journal.actions import ACTIONS
from polyadmin.journal.writer import append_entry, evaluation_stream, sandbox_stream
from polyadmin.services.access import readable_sandbox
from polyadmin.services.catalogue import catalogue_for, snapshot_for
from polyadmin.services.clock import wall_now
from polyadmin.services.unit import transaction
from polyadmin.store.casework import DocumentCheck, DocumentRequest, NonConformity, Referral, RequestDecision
from polyadmin.store.evaluation import CommitteeDecision, EvaluationMark
from polyadmin.store.models import JournalEntry, JournalHead, Sandbox, User
from polyadmin.store.portfolio import SubscriptionRequest, SupportingDocument
from polyadmin.validation.evaluation import CommitteeDecisionSchema, MarkSchema
from polyadmin.validation.french import Problems

# What the candidate did with a request, as the planted cases' expected outcomes say it.
DECIDED = {"accept": "accept", "accept_conditions": "accept_conditions", "decline": "decline"}


@dataclass(frozen=True)
class PlantedCase:
    request_id: int
    request_number: str
    case_code: str
    expected_outcome: str
    expected_notes: str | None
    candidate_outcome: str | None  # None: nothing done yet
    path: tuple[str, ...]  # the steps taken, in order (journal actions)
    anomalies: tuple[tuple[str, bool], ...]  # each planted anomaly (its text) and whether it was flagged

    @property
    def match(self) -> bool | None:
        return None if self.candidate_outcome is None else self.candidate_outcome == self.expected_outcome


@dataclass(frozen=True)
class EvaluationView:
    grid: Grid
    observations: tuple[Observation, ...]
    cases: tuple[PlantedCase, ...]
    entries: tuple[Entry, ...] = ()  # the sandbox stream, for the evidence's details


def evaluated_sandbox(
    session: Session, actor: Actor, sandbox_id: int, *, lock: bool = False
) -> tuple[Sandbox, SandboxAccess]:
    """A sandbox whose evaluation the actor may read: 403 for a role that never reads one (candidates),
    « introuvable » for anyone else outside the sandbox's session."""
    if not holds(actor, Permission.READ_EVALUATION):
        raise Forbidden("L'évaluation est réservée au jury et au formateur de la session.")
    sandbox, access = readable_sandbox(session, actor, sandbox_id, lock=lock)
    if not allowed(actor, Permission.READ_EVALUATION, access):
        raise NotFound("Bac à sable introuvable.")
    return sandbox, access


def _grid(session: Session, actor: Actor, sandbox_id: int) -> Grid:
    catalogue = catalogue_for(session, actor, sandbox_id)
    if catalogue.grid is None:
        raise NotFound("Aucune grille d'évaluation dans le catalogue de la session.")
    return catalogue.grid


def evaluation(session: Session, actor: Actor, sandbox_id: int) -> EvaluationView:
    sandbox, _access = evaluated_sandbox(session, actor, sandbox_id)
    grid = _grid(session, actor, sandbox.id)
    rows = session.execute(
        select(JournalEntry).where(JournalEntry.stream == sandbox_stream(sandbox.id)).order_by(JournalEntry.seq)
    ).scalars()
    entries = [
        Entry(
            seq=row.seq,
            action=row.action,
            record=f"{row.record_type}:{row.record_id}" if row.record_type else None,
            sandbox_date=row.sandbox_date,
            input=row.input or {},
            outcome=row.outcome or {},
        )
        for row in rows
    ]
    return EvaluationView(grid, evaluate(grid, entries), _cases(session, sandbox.id, entries), tuple(entries))


def _cases(session: Session, sandbox_id: int, entries: list[Entry]) -> tuple[PlantedCase, ...]:
    planted = session.execute(
        select(SubscriptionRequest)
        .where(SubscriptionRequest.sandbox_id == sandbox_id, SubscriptionRequest.case_code.is_not(None))
        .order_by(SubscriptionRequest.received_on, SubscriptionRequest.number)
    ).scalars()
    cases = []
    for request in planted:
        record = f"request:{request.id}"
        path = tuple(entry.action for entry in entries if entry.record == record)
        cases.append(
            PlantedCase(
                request_id=request.id,
                request_number=request.number,
                case_code=request.case_code or "",
                expected_outcome=request.expected_outcome or "",
                expected_notes=request.expected_notes,
                candidate_outcome=_candidate_outcome(session, request),
                path=path,
                anomalies=_anomalies(session, request),
            )
        )
    return tuple(cases)


def _candidate_outcome(session: Session, request: SubscriptionRequest) -> str | None:
    """The decision if there is one, else the step that stands for one: a referral, a document request."""
    decision = session.execute(
        select(RequestDecision).where(RequestDecision.request_id == request.id)
    ).scalar_one_or_none()
    if decision is not None:
        return DECIDED[decision.outcome]
    if session.execute(select(Referral.id).where(Referral.request_id == request.id)).first() is not None:
        return "refer"
    if session.execute(select(DocumentRequest.id).where(DocumentRequest.request_id == request.id)).first() is not None:
        return "missing_document"
    return None


def _anomalies(session: Session, request: SubscriptionRequest) -> tuple[tuple[str, bool], ...]:
    """Each planted anomaly of the request's documents, and whether the candidate flagged that document
    (a non-conformity on it, or a verdict other than « conforme »)."""
    found = []
    documents = session.execute(
        select(SupportingDocument).where(
            SupportingDocument.request_id == request.id, SupportingDocument.anomaly.is_not(None)
        )
    ).scalars()
    for document in documents:
        flagged = (
            session.execute(select(NonConformity.id).where(NonConformity.document_id == document.id)).first()
            is not None
            or session.execute(
                select(DocumentCheck.id).where(
                    DocumentCheck.document_id == document.id, DocumentCheck.verdict != "conforme"
                )
            ).first()
            is not None
        )
        found.append((document.anomaly or "", flagged))
    return tuple(found)


# --- the committee's marks and decisions ---------------------------------------------------------


def _markable_sandbox(session: Session, actor: Actor, sandbox_id: int) -> Sandbox:
    sandbox, access = evaluated_sandbox(session, actor, sandbox_id, lock=True)
    if not allowed(actor, Permission.MARK_EVALUATION, access):
        raise Forbidden("Seuls les évaluateurs de la session, son formateur et les administrateurs notent.")
    return sandbox


def _signed(actor: Actor, sandbox: Sandbox) -> dict[str, Any]:
    """Who records a committee row, in which sandbox, at which simulation date and instant."""
    return {
        "sandbox_id": sandbox.id,
        "evaluator_id": actor.user_id,
        "sandbox_date": sandbox.business_date,
        "recorded_at": wall_now(),
    }


def _journal_committee(
    session: Session,
    actor: Actor,
    sandbox: Sandbox,
    row: EvaluationMark | CommitteeDecision,
    action: str,
    *,
    input: dict[str, Any],
    outcome: dict[str, Any],
) -> None:
    """Write the committee's row and its entry in the sandbox's evaluation stream (never the candidate's)."""
    session.add(row)
    session.flush()
    append_entry(
        session,
        actor=actor,
        action=action,
        recorded_at=row.recorded_at,
        sandbox_id=sandbox.id,
        sandbox_date=sandbox.business_date,
        record=(row.__tablename__.removesuffix("s"), row.id),
        input=input,
        outcome=outcome,
        stream=evaluation_stream(sandbox.id),
    )


def record_mark(session: Session, actor: Actor, sandbox_id: int, data: Any) -> EvaluationMark:
    """The evaluator's mark and comment on one criterion of the grid; the latest one is current."""
    with transaction(session):
        sandbox = _markable_sandbox(session, actor, sandbox_id)
        grid = _grid(session, actor, sandbox.id)
        problems = Problems()
        loaded = problems.load(MarkSchema(), data)
        criterion = grid.criterion(loaded["criterion"]) if "criterion" in loaded else None
        if "criterion" in loaded and criterion is None:
            problems.add({"criterion": ["Critère inconnu de la grille de la session."]})
        problems.raise_if_any()
        assert criterion is not None
        row = EvaluationMark(
            criterion=criterion.code, mark=loaded["mark"], comment=loaded["comment"], **_signed(actor, sandbox)
        )
        _journal_committee(
            session,
            actor,
            sandbox,
            row,
            "evaluation.mark",
            input={"criterion": criterion.code, "mark": row.mark, "comment": row.comment},
            outcome={"criterion_label": criterion.label, "mark_label": Mark(row.mark).label},
        )
    return row


def record_decision(session: Session, actor: Actor, sandbox_id: int, data: Any) -> CommitteeDecision:
    """The committee's decision on a block of competences (validé, non validé, ajourné) and its reasons."""
    with transaction(session):
        sandbox = _markable_sandbox(session, actor, sandbox_id)
        problems = Problems()
        loaded = problems.load(CommitteeDecisionSchema(), data)
        problems.raise_if_any()
        row = CommitteeDecision(
            block=loaded["block"], decision=loaded["decision"], comment=loaded["comment"], **_signed(actor, sandbox)
        )
        _journal_committee(
            session,
            actor,
            sandbox,
            row,
            "evaluation.decision",
            input={"block": row.block, "decision": row.decision, "comment": row.comment},
            outcome={"block_label": BLOCKS[row.block], "decision_label": Decision(row.decision).label},
        )
    return row


@dataclass(frozen=True)
class MarkView:
    criterion: str
    mark: Mark
    comment: str
    evaluator: str
    sandbox_date: date
    recorded_at: datetime


@dataclass(frozen=True)
class DecisionView:
    block: str
    decision: Decision
    comment: str
    evaluator: str
    sandbox_date: date
    recorded_at: datetime

    @property
    def block_label(self) -> str:
        return BLOCKS[self.block]


def _names(session: Session, ids: set[int | None]) -> dict[int | None, str]:
    wanted = [i for i in ids if i is not None]
    rows = session.execute(select(User.id, User.display_name).where(User.id.in_(wanted))).all() if wanted else []
    return {None: "système", **{row.id: row.display_name for row in rows}}


def current_marks(session: Session, sandbox_id: int) -> dict[str, MarkView]:
    """The current mark of each marked criterion (the latest recorded)."""
    rows = list(
        session.execute(
            select(EvaluationMark).where(EvaluationMark.sandbox_id == sandbox_id).order_by(EvaluationMark.id)
        ).scalars()
    )
    names = _names(session, {row.evaluator_id for row in rows})
    return {
        row.criterion: MarkView(
            row.criterion, Mark(row.mark), row.comment, names[row.evaluator_id], row.sandbox_date, row.recorded_at
        )
        for row in rows
    }


def current_decisions(session: Session, sandbox_id: int) -> dict[str, DecisionView]:
    """The committee's current decision on each block decided (the latest recorded)."""
    rows = list(
        session.execute(
            select(CommitteeDecision).where(CommitteeDecision.sandbox_id == sandbox_id).order_by(CommitteeDecision.id)
        ).scalars()
    )
    names = _names(session, {row.evaluator_id for row in rows})
    return {
        row.block: DecisionView(
            row.block, Decision(row.decision), row.comment, names[row.evaluator_id], row.sandbox_date, row.recorded_at
        )
        for row in rows
    }


# --- the whole sheet of a candidate (pages, report, exports) -------------------------------------


@dataclass(frozen=True)
class Head:
    stream: str
    seq: int
    seal: str


@dataclass(frozen=True)
class Activity:
    """One step of the candidate's, on both clocks."""

    seq: int
    action: str
    sandbox_date: date | None
    recorded_at: datetime

    @property
    def label(self) -> str:
        return ACTIONS[self.action].label if self.action in ACTIONS else self.action


@dataclass(frozen=True)
class EvaluationSheet:
    sandbox: Sandbox
    view: EvaluationView
    marks: dict[str, MarkView]
    decisions: dict[str, DecisionView]
    heads: tuple[Head, ...]
    activity: tuple[Activity, ...]
    catalogue: str  # the pinned catalogue's version, as printed
    can_mark: bool

    def entry(self, seq: int) -> Entry | None:
        return next((entry for entry in self.view.entries if entry.seq == seq), None)

    def blocks(self) -> list[tuple[str, str]]:
        """The blocks the grid covers, in its order: (code, label)."""
        seen: list[str] = []
        for competence in self.view.grid.competences:
            block = block_of(competence.code)
            if block not in seen:
                seen.append(block)
        return [(block, BLOCKS[block]) for block in seen if block in BLOCKS]


def evaluation_sheet(session: Session, actor: Actor, sandbox_id: int) -> EvaluationSheet:
    """Everything the committee sees of one candidate: grid, evidence, cases, marks, decisions, heads."""
    sandbox, access = evaluated_sandbox(session, actor, sandbox_id)
    view = evaluation(session, actor, sandbox.id)
    snapshot = snapshot_for(session, actor, sandbox.id)
    heads = tuple(
        Head(head.stream, head.last_seq, head.last_hash)
        for stream in (sandbox_stream(sandbox.id), evaluation_stream(sandbox.id))
        if (head := session.get(JournalHead, stream)) is not None
    )
    activity = tuple(
        Activity(row.seq, row.action, row.sandbox_date, row.recorded_at)
        for row in session.execute(
            select(JournalEntry)
            .where(
                JournalEntry.stream == sandbox_stream(sandbox.id),
                JournalEntry.actor_id == sandbox.candidate_id,
            )
            .order_by(JournalEntry.seq)
        ).scalars()
    )
    return EvaluationSheet(
        sandbox=sandbox,
        view=view,
        marks=current_marks(session, sandbox.id),
        decisions=current_decisions(session, sandbox.id),
        heads=heads,
        activity=activity,
        catalogue=f"n° {snapshot.id} (empreinte {snapshot.content_hash[:12]})",
        can_mark=allowed(actor, Permission.MARK_EVALUATION, access),
    )
