"""The evaluation grid on examen-souscription: one case worked right, one wrong, one half done."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from polyadmin.domain.errors import NotFound
from polyadmin.services import casework
from polyadmin.services.evaluation import evaluation
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import SubscriptionRequest, SupportingDocument


@pytest.fixture
def box(session, world):
    exam = create_exam_session(
        session,
        world.trainer,
        {
            "name": "Examen de mars",
            "candidates": ["candidat1"],
            "evaluators": ["evaluateur"],
            "scenario": "examen-souscription",
        },
    )
    return exam.sandboxes[0]


def planted(session, box_id, code):
    return session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.sandbox_id == box_id, SubscriptionRequest.case_code == code
        )
    ).scalar_one()


def seq_of(session, box_id, action, record):
    return session.execute(
        select(JournalEntry.seq).where(
            JournalEntry.sandbox_id == box_id, JournalEntry.action == action, JournalEntry.record_id == str(record)
        )
    ).scalar_one()


def test_the_grid_shows_the_evidence_and_the_case_matches(session, world, box):
    me = world.candidate
    refused = planted(session, box.id, "exa-3-auto-refus")
    home = planted(session, box.id, "exa-1-mrh-accept")
    loan = planted(session, box.id, "exa-7-emprunteur-medecin")
    # Right: the client's record and the analysis looked at, the statement checked, then the decline.
    casework.consult(session, me, box.id, refused.id, {"what": "client"})
    casework.consult(session, me, box.id, refused.id, {"what": "analysis"})
    statement = session.execute(
        select(SupportingDocument).where(
            SupportingDocument.request_id == refused.id, SupportingDocument.kind == "releve_information"
        )
    ).scalar_one()
    casework.check_document(
        session, me, box.id, refused.id, {"document_id": statement.id, "verdict": "perime", "reason": "Mai 2025."}
    )
    casework.decide(session, me, box.id, refused.id, {"outcome": "decline", "reason": "Résilié pour non-paiement."})
    # Wrong: the home owner, whose file is complete, declined without a look at anything.
    casework.decide(session, me, box.id, home.id, {"outcome": "decline", "reason": "Sans motif."})
    # Half done: the loan sent to the senior underwriter instead of the medical adviser.
    casework.refer(session, me, box.id, loan.id, {"expert": "souscripteur_senior", "question": "Avis ?"})

    view = evaluation(session, world.evaluator, box.id)
    seen = {o.criterion.code: o for o in view.observations}
    assert len(view.grid.criteria) == 27
    # C2A.1-1: documents checked before the decision on the declined refusal case, not on the home case.
    checked = seen["C2A.1-1"]
    assert checked.observed is False
    assert checked.missing == (f"request:{home.id}",)
    assert checked.evidence == (
        seq_of(session, box.id, "request.document_check", refused.id),
        seq_of(session, box.id, "request.decision", refused.id),
    )
    assert seen["C2A.1-2"].missing == (f"request:{home.id}",)
    assert seen["C2A.1-3"].missing == (f"request:{home.id}",)
    assert seen["C2A.1-5"].observed is True  # a decline never goes against an acceptance rule
    assert seen["C2A.2-1"].observed is True
    right_expert = seen["C2A.2-2"]
    assert (right_expert.observed, right_expert.missing) == (False, (f"request:{loan.id}",))
    assert seen["C2A.2-3"].observed is None  # no answer yet: nothing to say
    assert seen["C2A.3-1"].observed is None  # manual criterion
    cases = {case.case_code: case for case in view.cases}
    assert len(cases) == 8
    assert (cases["exa-3-auto-refus"].candidate_outcome, cases["exa-3-auto-refus"].match) == ("decline", True)
    assert (cases["exa-1-mrh-accept"].candidate_outcome, cases["exa-1-mrh-accept"].match) == ("decline", False)
    assert cases["exa-7-emprunteur-medecin"].candidate_outcome == "refer"
    assert cases["exa-4-auto-sans-releve"].match is None
    assert cases["exa-3-auto-refus"].path == (
        "request.consult",
        "request.consult",
        "request.document_check",
        "request.decision",
    )
    six = cases["exa-6-auto-certificat-incoherent"]
    assert six.anomalies and all(flagged is False for _text, flagged in six.anomalies)


def test_a_candidate_cannot_reach_the_grid(session, world, box):
    with pytest.raises(NotFound):
        evaluation(session, world.candidate, box.id)
    with pytest.raises(NotFound):
        evaluation(session, world.other_evaluator, box.id)
    assert evaluation(session, world.trainer, box.id).cases
