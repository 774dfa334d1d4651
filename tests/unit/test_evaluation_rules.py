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


def test_at_least_counts_the_items_of_an_outcome_list():
    """C2A.3-2 (several products combined) and C2A.3-3 (an eco option), on the offers' quote entries."""
    combined = EvidenceRule(EvidenceKind.ANY, ("quote.create", "quote.version"), at_least={"products": 2})
    eco = EvidenceRule(EvidenceKind.ANY, ("quote.create", "quote.version"), at_least={"eco_options": 1})
    entries = [
        entry(1, "quote.create", "quote:1", outcome={"products": ["AUTO"], "eco_options": []}),
        entry(2, "quote.version", "quote:1", outcome={"products": ["AUTO", "MRH"], "eco_options": []}),
        entry(3, "quote.create", "quote:2", outcome={"products": ["AUTO"], "eco_options": ["ECO-KM"]}),
        entry(4, "needs.record", "needs:1", outcome={"products": ["AUTO", "MRH"]}),  # not a quote
        entry(5, "quote.create", "quote:3", outcome={"products": "AUTO,MRH"}),  # not a list: no count
    ]
    several, green = evaluate(grid(combined, eco), entries)
    assert (several.observed, several.evidence) == (True, (2,))
    assert (green.observed, green.evidence) == (True, (3,))
    (none,) = evaluate(grid(combined), entries[:1])
    assert (none.observed, none.evidence) == (False, ())


def test_followed_by_needs_each_transmission_received_later_on_the_same_document():
    """C1.9-2: each document followed from its sending to its receipt."""
    rule = EvidenceRule(EvidenceKind.FOLLOWED_BY, ("document.transmit",), then=("document.receipt",))
    entries = [
        entry(1, "document.receipt", "document:2"),  # before its sending: does not count
        entry(2, "document.transmit", "document:1"),
        entry(3, "document.transmit", "document:2"),
        entry(4, "document.receipt", "document:1"),
    ]
    (seen,) = evaluate(grid(rule), entries)
    assert (seen.observed, seen.evidence, seen.missing) == (False, (2, 3, 4), ("document:2",))
    (done,) = evaluate(grid(rule), [*entries, entry(5, "document.receipt", "document:2")])
    assert (done.observed, done.evidence, done.missing) == (True, (2, 3, 4, 5), ())
    (nothing,) = evaluate(grid(rule), entries[:1])
    assert nothing.observed is None  # nothing sent yet: no occasion to judge


def test_the_grid_file_refuses_a_followed_by_without_then_and_unknown_actions():
    from polyadmin.catalogue.builder import Problems
    from polyadmin.catalogue.grid import build_grid

    def criteria(evidence):
        return {"competences": [{"code": "C1.9", "label": "Documents", "criteria": [
            {"code": "C1.9-2", "label": "Suivi", "evidence": evidence}]}]}  # fmt: skip

    problems = Problems()
    assert build_grid(criteria({"kind": "followed_by", "actions": ["document.transmit"]}), problems) is None
    assert problems.items == [("competences[0].criteria[0].evidence.then", "Nommez les actions qui doivent suivre.")]
    problems = Problems()
    raw = criteria({"kind": "followed_by", "actions": ["document.transmit"], "then": ["document.lost"]})
    assert build_grid(raw, problems) is None
    [(path, message)] = problems.items
    assert path == "competences[0].criteria[0].evidence.then[0]"
    assert message.startswith("Action « document.lost » inconnue du journal ; ")
    assert "document.receipt" in message  # the valid actions are listed
    problems = Problems()
    raw = criteria({"kind": "any", "actions": ["quote.create"], "at_least": {"products": 0}})
    assert build_grid(raw, problems) is None
    assert [path for path, _ in problems.items] == ["competences[0].criteria[0].evidence.at_least.products"]
    problems = Problems()
    rule = build_grid(criteria({"kind": "any", "actions": ["quote.create"], "at_least": {"products": 2}}), problems)
    assert rule is not None and rule.criteria[0].evidence.at_least == {"products": 2}
