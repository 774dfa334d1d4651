"""Evidence rules of the evaluation grid on hand-made journal entries."""

from __future__ import annotations

from datetime import date

from polyadmin.domain.evaluation import Competence, Criterion, Entry, EvidenceKind, EvidenceRule, Grid, evaluate


def grid(*rules: EvidenceRule) -> Grid:
    criteria = tuple(Criterion(f"C2A.1-{n}", "C2A.1", f"critère {n}", rule) for n, rule in enumerate(rules, 1))
    return Grid((Competence("C2A.1", "Analyser", criteria),))


def entry(seq, action, record="request:1", day=date(2026, 3, 2), **facts):
    return Entry(seq, action, record, day, facts.get("input", {}), facts.get("outcome", {}))


def test_any_with_a_where_clause_matches_one_of_the_listed_values():
    rule = EvidenceRule(EvidenceKind.ANY, ("request.consult",), {"what": ["score", "simulator"]})
    (seen,) = evaluate(grid(rule), [entry(1, "request.consult", input={"what": "client"})])
    assert (seen.observed, seen.evidence) == (False, ())
    (seen,) = evaluate(grid(rule), [entry(1, "request.consult", input={"what": "simulator"})])
    assert (seen.observed, seen.evidence) == (True, (1,))


def test_before_decision_needs_the_step_on_the_same_request_before_its_decision():
    rule = EvidenceRule(EvidenceKind.BEFORE_DECISION, ("request.document_check",))
    entries = [
        entry(1, "request.document_check", "request:1"),
        entry(2, "request.decision", "request:1"),
        entry(3, "request.decision", "request:2"),
        entry(4, "request.document_check", "request:2"),  # after its decision: does not count
    ]
    (seen,) = evaluate(grid(rule), entries)
    assert (seen.observed, seen.evidence, seen.missing) == (False, (1, 2), ("request:2",))
    (nothing,) = evaluate(grid(rule), entries[:1])
    assert nothing.observed is None  # no decision yet: no occasion to judge


def test_deadlines_justifications_and_answers():
    late = EvidenceRule(EvidenceKind.DEADLINES_MET)
    justified = EvidenceRule(EvidenceKind.DECISIONS_JUSTIFIED)
    applied = EvidenceRule(EvidenceKind.AFTER_ANSWER)
    entries = [
        entry(1, "referral.answer", "request:1"),
        entry(
            2, "request.decision", "request:1", date(2026, 3, 4), outcome={"deadline": "2026-03-03", "overridden": []}
        ),
        entry(
            3,
            "request.decision",
            "request:2",
            date(2026, 3, 2),
            input={"justification": ""},
            outcome={"deadline": "2026-03-05", "overridden": ["AUTO-NOVICE-PUISSANT"]},
        ),
    ]
    deadlines, reasons, answers = evaluate(grid(late, justified, applied), entries)
    assert (deadlines.observed, deadlines.missing) == (False, ("request:1",))
    assert (reasons.observed, reasons.missing) == (False, ("request:2",))
    assert (answers.observed, answers.evidence) == (True, (1, 2))


def test_right_expert_compares_each_referral_with_the_experts_the_analysis_named():
    rule = EvidenceRule(EvidenceKind.RIGHT_EXPERT)
    entries = [
        entry(
            1,
            "referral.send",
            "request:1",
            input={"expert": "medecin_conseil"},
            outcome={"recommended_experts": ["medecin_conseil"]},
        ),
        entry(
            2,
            "referral.send",
            "request:2",
            input={"expert": "souscripteur_senior"},
            outcome={"recommended_experts": ["service_technique"]},
        ),
    ]
    (seen,) = evaluate(grid(rule), entries)
    assert (seen.observed, seen.evidence, seen.missing) == (False, (1, 2), ("request:2",))
