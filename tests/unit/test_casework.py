"""Which decisions the analysis allows: hard controls refused with their reason, overrides justified."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from polyadmin.domain.acceptance import (
    AcceptanceRule,
    DelegationLimit,
    DocumentRequirement,
    ExpertRole,
    FactTest,
    Outcome,
    ProductRules,
    SpecialCondition,
    SpecialConditionKind,
    assess,
)
from polyadmin.domain.casework import (
    Decision,
    ExpertAnswer,
    RequestStatus,
    Verdict,
    check_decision,
    ensure_decidable,
    ensure_open,
    is_overdue,
    processing_deadline,
)
from polyadmin.domain.errors import Conflict, InvalidInput

SENIOR = ExpertRole.SENIOR_UNDERWRITER
DEDUCTIBLE = SpecialConditionKind.DEDUCTIBLE


def rule(code, outcome, *, blocking, expert=None, fact="flag"):
    conditions = (
        (SpecialCondition(DEDUCTIBLE, "600 €", "dommages", "f600"),) if outcome is Outcome.ACCEPT_CONDITIONS else ()
    )
    return AcceptanceRule(
        code=code,
        label=code,
        when=FactTest(fact, "is", True),
        outcome=outcome,
        message="m",
        reference="r",
        blocking=blocking,
        expert=expert,
        conditions=conditions,
    )


def assessment(*rules, facts=None, documents=(), delegation=()):
    product = ProductRules("AUTO", tuple(rules), tuple(documents), tuple(delegation))
    return assess(product, facts or {"flag": True, "value": Decimal(10)}, (), date(2026, 3, 2))


def test_nothing_fired_allows_every_decision_without_justification():
    result = assessment(rule("R", Outcome.DECLINE, blocking=True, fact="other"))
    for decision in (Decision.ACCEPT, Decision.DECLINE):
        check = check_decision(result, decision, ())
        assert check.refusals == () and not check.needs_justification


def test_a_blocking_refusal_cannot_be_overridden_but_a_non_blocking_one_with_a_justification():
    blocking = check_decision(assessment(rule("R1", Outcome.DECLINE, blocking=True)), Decision.ACCEPT, ())
    assert blocking.refusals == ("La règle R1 (« R1 ») impose un refus.",)
    with pytest.raises(InvalidInput) as refused:
        ensure_decidable(blocking, "le client est sympathique")
    assert refused.value.field_errors == {"outcome": ["La règle R1 (« R1 ») impose un refus."]}
    soft = check_decision(assessment(rule("R2", Outcome.DECLINE, blocking=False)), Decision.ACCEPT, ())
    assert soft.refusals == () and soft.overridden == ("R2",)
    with pytest.raises(InvalidInput) as unjustified:
        ensure_decidable(soft, "  ")
    assert unjustified.value.field_errors == {
        "justification": ["Cette décision va contre les règles R2 : une justification écrite est obligatoire."]
    }
    ensure_decidable(soft, "Client historique, sinistres expliqués par un tiers identifié.")


def test_a_referral_needs_the_experts_answer_and_a_favourable_one_at_that():
    result = assessment(rule("REF", Outcome.REFER, blocking=True, expert=SENIOR))
    assert check_decision(result, Decision.ACCEPT, ()).refusals == (
        "La règle REF exige l'avis du souscripteur senior avant d'accepter.",
    )
    assert check_decision(result, Decision.ACCEPT, [ExpertAnswer(SENIOR, Verdict.FAVOURABLE)]).refusals == ()
    unfavourable = check_decision(result, Decision.ACCEPT, [ExpertAnswer(SENIOR, Verdict.UNFAVOURABLE)])
    assert unfavourable.refusals == ("Avis défavorable du souscripteur senior : la demande ne peut pas être acceptée.",)
    # Declining follows the unfavourable answer: nothing to refuse.
    assert check_decision(result, Decision.DECLINE, [ExpertAnswer(SENIOR, Verdict.UNFAVOURABLE)]).refusals == ()


def test_the_latest_answer_of_an_expert_is_the_one_that_counts():
    result = assessment(rule("REF", Outcome.REFER, blocking=True, expert=SENIOR))
    answers = [ExpertAnswer(SENIOR, Verdict.UNFAVOURABLE), ExpertAnswer(SENIOR, Verdict.FAVOURABLE)]
    assert check_decision(result, Decision.ACCEPT, answers).refusals == ()


def test_an_answer_with_conditions_allows_only_an_acceptance_with_conditions():
    result = assessment(rule("REF", Outcome.REFER, blocking=True, expert=ExpertRole.MEDICAL_ADVISER))
    answers = [ExpertAnswer(ExpertRole.MEDICAL_ADVISER, Verdict.FAVOURABLE_CONDITIONS)]
    assert check_decision(result, Decision.ACCEPT, answers).refusals == (
        "L'avis du médecin-conseil pose des conditions : acceptez sous conditions.",
    )
    assert check_decision(result, Decision.ACCEPT_CONDITIONS, answers, [DEDUCTIBLE]).refusals == ()


def test_conditions_a_rule_imposes_and_the_expert_who_approves_them():
    result = assessment(rule("COND", Outcome.ACCEPT_CONDITIONS, blocking=False, expert=SENIOR))
    plain = check_decision(result, Decision.ACCEPT, ())
    assert plain.overridden == ("COND",)
    without_senior = check_decision(result, Decision.ACCEPT_CONDITIONS, (), [DEDUCTIBLE])
    assert without_senior.overridden == ("COND",)  # non-blocking: a justification stands in for the approval
    with_senior = check_decision(
        result, Decision.ACCEPT_CONDITIONS, [ExpertAnswer(SENIOR, Verdict.FAVOURABLE)], [DEDUCTIBLE]
    )
    assert with_senior.refusals == () and with_senior.overridden == ()
    assert check_decision(result, Decision.ACCEPT_CONDITIONS, [ExpertAnswer(SENIOR, Verdict.FAVOURABLE)]).refusals == (
        "Une acceptation sous conditions énumère ses conditions.",
    )


def test_beyond_delegation_an_acceptance_needs_the_limits_expert_and_missing_documents_block_it():
    limit = DelegationLimit("value", "Valeur > 5", ExpertRole.TECHNICAL, Decimal(5))
    required = DocumentRequirement("kbis", FactTest("flag", "is", True))
    result = assessment(delegation=[limit], documents=[required])
    assert check_decision(result, Decision.ACCEPT, ()).refusals == (
        "Hors délégation (Valeur > 5) : l'avis favorable du service technique est nécessaire.",
        "Pièces manquantes, périmées ou non conformes : kbis.",
    )
    assert check_decision(result, Decision.DECLINE, ()).refusals == ()


def test_deadlines_and_overdue_requests():
    deadline = processing_deadline(date(2026, 2, 26))
    assert deadline == date(2026, 3, 3)
    assert not is_overdue(RequestStatus.NEW, deadline, date(2026, 3, 3))
    assert is_overdue(RequestStatus.WAITING_EXPERT, deadline, date(2026, 3, 4))
    assert not is_overdue(RequestStatus.ACCEPTED, deadline, date(2026, 4, 1))


def test_deciding_twice_or_a_closed_request_is_a_conflict():
    ensure_open(RequestStatus.WAITING_CLIENT)
    with pytest.raises(Conflict, match="déjà décidée"):
        ensure_open(RequestStatus.DECLINED)
    with pytest.raises(Conflict, match="clôturée"):
        ensure_open(RequestStatus.CLOSED)
    assert RequestStatus("acceptee_conditions").label == "Acceptée sous conditions"
    assert Decision("accept_conditions").status is RequestStatus.ACCEPTED_CONDITIONS
