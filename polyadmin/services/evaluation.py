"""The evaluation committee's view of a sandbox: the grid with the journal's evidence for each criterion,
and each planted case's expected outcome beside what the candidate did (C2A.1–C2A.4, C1.8–C1.11).

Read-only, for the session's evaluators, its trainer and admins (Permission.READ_EVALUATION); a
candidate gets « introuvable », never a glimpse of the grid or the expected outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain.errors import NotFound
from polyadmin.domain.evaluation import Entry, Grid, Observation, evaluate
from polyadmin.domain.roles import Actor, Permission, allowed
from polyadmin.journal.writer import sandbox_stream
from polyadmin.services.access import readable_sandbox
from polyadmin.services.catalogue import catalogue_for
from polyadmin.store.casework import DocumentCheck, DocumentRequest, NonConformity, Referral, RequestDecision
from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import SubscriptionRequest, SupportingDocument

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


def evaluation(session: Session, actor: Actor, sandbox_id: int) -> EvaluationView:
    sandbox, access = readable_sandbox(session, actor, sandbox_id)
    if not allowed(actor, Permission.READ_EVALUATION, access):
        raise NotFound("Bac à sable introuvable.")
    catalogue = catalogue_for(session, actor, sandbox.id)
    if catalogue.grid is None:
        raise NotFound("Aucune grille d'évaluation dans le catalogue de la session.")
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
    return EvaluationView(catalogue.grid, evaluate(catalogue.grid, entries), _cases(session, sandbox.id, entries))


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
