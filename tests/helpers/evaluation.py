"""An exam on examen-souscription where the candidate works three planted cases: one right (the
motor refusal: record, analysis and statement looked at, then declined), one wrong (the complete
home file declined without a look), one half done (the loan sent to the wrong expert, no decision)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO

from pdfminer.high_level import extract_text
from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain.roles import Actor
from polyadmin.services import casework
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.models import JournalEntry, Sandbox
from polyadmin.store.portfolio import SubscriptionRequest, SupportingDocument
from tests.helpers.accounts import World

RIGHT, WRONG, HALF = "exa-3-auto-refus", "exa-1-mrh-accept", "exa-7-emprunteur-medecin"


def examen_box(session: Session, world: World, name: str = "Examen de mars") -> Sandbox:
    exam = create_exam_session(
        session,
        world.trainer,
        {"name": name, "candidates": ["candidat1"], "evaluators": ["evaluateur"], "scenario": "examen-souscription"},
    )
    return exam.sandboxes[0]


def planted(session: Session, box_id: int, code: str) -> SubscriptionRequest:
    return session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.sandbox_id == box_id, SubscriptionRequest.case_code == code
        )
    ).scalar_one()


def seq_of(session: Session, box_id: int, action: str, record: int) -> int:
    return session.execute(
        select(JournalEntry.seq).where(
            JournalEntry.sandbox_id == box_id, JournalEntry.action == action, JournalEntry.record_id == str(record)
        )
    ).scalar_one()


@dataclass(frozen=True)
class ThreeCases:
    right: SubscriptionRequest
    wrong: SubscriptionRequest
    half: SubscriptionRequest


def work_three_cases(session: Session, me: Actor, box_id: int) -> ThreeCases:
    """The candidate `me` works the three cases of their sandbox `box_id`."""
    refused, home, loan = (planted(session, box_id, code) for code in (RIGHT, WRONG, HALF))
    casework.consult(session, me, box_id, refused.id, {"what": "client"})
    casework.consult(session, me, box_id, refused.id, {"what": "analysis"})
    statement = session.execute(
        select(SupportingDocument).where(
            SupportingDocument.request_id == refused.id, SupportingDocument.kind == "releve_information"
        )
    ).scalar_one()
    casework.check_document(
        session, me, box_id, refused.id, {"document_id": statement.id, "verdict": "perime", "reason": "Mai 2025."}
    )
    casework.decide(session, me, box_id, refused.id, {"outcome": "decline", "reason": "Résilié pour non-paiement."})
    casework.decide(session, me, box_id, home.id, {"outcome": "decline", "reason": "Sans motif."})
    casework.refer(session, me, box_id, loan.id, {"expert": "souscripteur_senior", "question": "Avis ?"})
    return ThreeCases(refused, home, loan)


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, whitespace (and French no-break spaces) folded to single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[\u00a0\u202f]", " ", extract_text(BytesIO(pdf))))
