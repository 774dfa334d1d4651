"""The evaluation grid on examen-souscription: one case worked right, one wrong, one half done."""

from __future__ import annotations

import pytest

from polyadmin.domain.errors import Forbidden, NotFound
from polyadmin.services.evaluation import evaluation
from tests.helpers.evaluation import examen_box, seq_of, work_three_cases


@pytest.fixture
def box(session, world):
    return examen_box(session, world)


def test_the_grid_shows_the_evidence_and_the_case_matches(session, world, box):
    worked = work_three_cases(session, world.candidate, box.id)
    refused, home, loan = worked.right, worked.wrong, worked.half
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
    assert seen["C1.8-4"].observed is None  # manual criterion
    assert seen["C2A.3-2"].observed is False  # no quote yet
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
    with pytest.raises(Forbidden):
        evaluation(session, world.candidate, box.id)
    with pytest.raises(NotFound):
        evaluation(session, world.other_evaluator, box.id)
    assert evaluation(session, world.trainer, box.id).cases
