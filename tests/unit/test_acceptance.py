"""The acceptance engine on hand-built facts: which rules fire, with what values, and the outcome."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from polyadmin.domain.acceptance import (
    AcceptanceRule,
    AllOf,
    AnyOf,
    DelegationLimit,
    DocumentRequirement,
    ExpertRole,
    FactTest,
    NoneOf,
    Outcome,
    ProductRules,
    SpecialCondition,
    SpecialConditionKind,
    SuppliedDocument,
    assess,
)
from polyadmin.domain.scoring import ScoreLevel, ScoreModel, ScoreTerm, logistic, score
from polyadmin.domain.underwriting_facts import PastClaim, PastInsurance, RequestInputs, request_facts


def rule(code, when, outcome=Outcome.REFER, *, blocking=True, expert=ExpertRole.SENIOR_UNDERWRITER, **extra):
    return AcceptanceRule(
        code=code,
        label=code,
        when=when,
        outcome=outcome,
        message="m",
        reference="r",
        blocking=blocking,
        expert=expert if outcome is not Outcome.DECLINE else None,
        **extra,
    )


CRM_DECLINE = rule("CRM", FactTest("crm", "gt", Decimal("2.00")), Outcome.DECLINE)
TR_MALUS = rule(
    "TR",
    AllOf((FactTest("formula", "eq", "tous_risques"), FactTest("crm", "gt", Decimal("1.00")))),
    Outcome.ACCEPT_CONDITIONS,
    blocking=False,
    conditions=(SpecialCondition(SpecialConditionKind.DEDUCTIBLE, "Franchise 600 €", "dommages", "f600"),),
)
RULES = ProductRules(
    product="AUTO",
    rules=(CRM_DECLINE, TR_MALUS),
    documents=(
        DocumentRequirement("justificatif_domicile", AllOf(()), max_age_months=3),
        DocumentRequirement("mandat_sepa", FactTest("frequency", "eq", "mensuel"), stage="emission"),
    ),
    delegation=(
        DelegationLimit("vehicle_value", "Valeur > 60 000 €", ExpertRole.SENIOR_UNDERWRITER, Decimal("60000")),
    ),
)
PROOF = SuppliedDocument(1, "justificatif_domicile", date(2026, 1, 5))


def test_a_rule_fires_with_the_values_that_made_it_fire():
    facts = {"formula": "tous_risques", "crm": Decimal("1.25"), "frequency": "annuel", "vehicle_value": Decimal(9000)}
    result = assess(RULES, facts, (PROOF,), date(2026, 2, 24))
    assert [(f.rule.code, f.values) for f in result.firings] == [
        ("TR", {"formula": "tous_risques", "crm": Decimal("1.25")})
    ]
    assert result.outcome is Outcome.ACCEPT_CONDITIONS
    assert [c.deductible for c in result.conditions] == ["f600"]
    assert result.blocking == ()


@pytest.mark.parametrize(
    ("crm", "outcome"),
    [
        ("1.00", Outcome.ACCEPT),
        ("1.01", Outcome.ACCEPT_CONDITIONS),
        ("2.00", Outcome.ACCEPT_CONDITIONS),
        ("2.01", Outcome.DECLINE),
    ],
)
def test_bounds_are_strict_where_the_rule_says_greater_than(crm, outcome):
    facts = {"formula": "tous_risques", "crm": Decimal(crm), "frequency": "annuel"}
    assert assess(RULES, facts, (PROOF,), date(2026, 2, 24)).outcome is outcome


def test_a_decline_outweighs_everything_and_is_blocking():
    facts = {"formula": "tous_risques", "crm": Decimal("2.43"), "frequency": "mensuel", "vehicle_value": Decimal(90000)}
    result = assess(RULES, facts, (), date(2026, 2, 24))
    assert result.outcome is Outcome.DECLINE
    assert [f.rule.code for f in result.blocking] == ["CRM"]
    assert result.missing_documents == ("justificatif_domicile",)
    assert result.exceeds_delegation


def test_beyond_delegation_the_case_goes_to_the_named_expert():
    facts = {"formula": "tiers", "crm": Decimal("0.50"), "frequency": "annuel", "vehicle_value": Decimal("60000.01")}
    result = assess(RULES, facts, (PROOF,), date(2026, 2, 24))
    assert result.outcome is Outcome.REFER
    assert result.experts == (ExpertRole.SENIOR_UNDERWRITER,)
    at_limit = assess(RULES, {**facts, "vehicle_value": Decimal(60000)}, (PROOF,), date(2026, 2, 24))
    assert at_limit.outcome is Outcome.ACCEPT


@pytest.mark.parametrize(
    ("issued_on", "status"),
    [(date(2025, 11, 24), "present"), (date(2025, 11, 23), "expired")],  # received 24/02/2026: 3 months back
)
def test_a_document_of_less_than_three_months_counts_from_the_same_day_three_months_earlier(issued_on, status):
    supplied = (SuppliedDocument(1, "justificatif_domicile", issued_on),)
    result = assess(RULES, {"frequency": "annuel"}, supplied, date(2026, 2, 24))
    assert [(s.code, s.status) for s in result.documents] == [("justificatif_domicile", status)]


def test_a_rejected_document_is_replaced_by_a_conforming_one_and_issue_stage_documents_do_not_hold_the_decision():
    supplied = (
        SuppliedDocument(1, "justificatif_domicile", date(2026, 2, 1), rejected=True),
        SuppliedDocument(2, "justificatif_domicile", date(2026, 1, 10)),
    )
    result = assess(RULES, {"frequency": "mensuel"}, supplied, date(2026, 2, 24))
    assert [(s.code, s.status, s.document_id) for s in result.documents] == [
        ("justificatif_domicile", "present", 2),
        ("mandat_sepa", "missing", None),
    ]
    assert result.missing_documents == ()
    assert result.documents_before_issue == ("mandat_sepa",)
    assert result.outcome is Outcome.ACCEPT
    only_rejected = assess(RULES, {"frequency": "annuel"}, supplied[:1], date(2026, 2, 24))
    assert only_rejected.documents[0].status == "rejected"
    assert only_rejected.outcome is Outcome.MISSING_DOCUMENT


def test_an_unknown_fact_never_fires_a_rule_and_is_listed():
    result = assess(RULES, {"formula": "tous_risques", "frequency": "annuel"}, (PROOF,), date(2026, 2, 24))
    assert result.firings == ()
    assert set(result.unknown_facts) == {"crm", "vehicle_value"}


def test_combinators_and_operators():
    facts = {"options": ["valeur_a_neuf"], "usage": "prive", "novice": True, "age": 19}
    assert FactTest("options", "contains", "valeur_a_neuf").holds(facts)
    assert not FactTest("options", "contains", "assistance_0km").holds(facts)
    assert FactTest("usage", "in", ("prive", "trajet")).holds(facts)
    assert FactTest("usage", "not_in", ("professionnel",)).holds(facts)
    assert FactTest("novice", "is", True).holds(facts)
    assert not FactTest("novice", "is", False).holds(facts)
    assert FactTest("age", "lt", 25).holds(facts) and FactTest("age", "le", 19).holds(facts)
    assert not FactTest("age", "ge", 20).holds(facts)
    assert FactTest("age", "ne", 20).holds(facts)
    assert not FactTest("usage", "gt", "a").holds(facts)  # no ordering on text
    assert AnyOf((FactTest("age", "gt", 80), FactTest("novice", "is", True))).holds(facts)
    assert not AllOf((FactTest("age", "gt", 80), FactTest("novice", "is", True))).holds(facts)
    assert NoneOf((FactTest("age", "gt", 80),)).holds(facts)
    assert AllOf((FactTest("age", "gt", 80), FactTest("crm", "lt", 1))).facts_used() == ("age", "crm")


# --- facts ------------------------------------------------------------------------------------------


def auto_inputs(**extra):
    base = {
        "product_line": "auto",
        "received_on": date(2026, 2, 24),
        "effective_date": date(2026, 3, 16),
        "formula": "tous_risques",
        "declared": {
            "driver_birth_date": date(1990, 3, 17),
            "licence_date": date(2023, 3, 17),
            "crm": Decimal("1.25"),
            "first_registration_date": date(2019, 3, 11),
        },
    }
    return RequestInputs(**{**base, **extra})


def test_ages_and_seniorities_are_whole_years_at_the_effective_date():
    facts = request_facts(auto_inputs())
    assert facts["driver_age"] == 35  # 36th birthday on 17/03/2026, the day after the effective date
    assert facts["licence_years"] == 2 and facts["novice"] is True  # licence of 17/03/2023: 3 years the next day
    assert facts["vehicle_age_years"] == 7


def test_claims_count_over_the_36_months_before_reception_and_partial_liability_is_at_fault():
    claims = (
        PastClaim(date(2023, 2, 24), "full"),  # exactly 36 months before reception: counted
        PastClaim(date(2023, 2, 23), "full"),  # one day earlier: not counted
        PastClaim(date(2024, 10, 2), "partial"),
        PastClaim(date(2025, 6, 1), "none"),
    )
    facts = request_facts(auto_inputs(claims=claims))
    assert facts["claims_36m"] == 3
    assert facts["at_fault_claims_36m"] == 2


def test_a_termination_by_the_insurer_gives_its_reason_and_the_months_since():
    history = (
        PastInsurance("auto", date(2019, 1, 1), date(2025, 4, 18), "insurer", "non_payment"),
        PastInsurance("habitation", date(2018, 1, 1), None),
    )
    facts = request_facts(auto_inputs(history=history))
    assert facts["terminated_by_insurer"] is True
    assert facts["termination_reason"] == "non_payment"
    assert facts["months_since_termination"] == 10
    assert facts["prior_insurance"] is True
    assert facts["months_uninsured"] == 10  # 18/04/2025 → effective 16/03/2026 (10 months, 26 days)


def test_a_declared_bonus_means_prior_insurance_even_without_a_known_history():
    facts = request_facts(auto_inputs(declared={"crm": Decimal("0.50"), "claim_free_years": 17}))
    assert facts["prior_insurance"] is True
    first = request_facts(auto_inputs(declared={"crm": Decimal("1.00"), "claim_free_years": 0}))
    assert first["prior_insurance"] is False


@pytest.mark.parametrize(
    ("capital", "birth", "eligible"),
    [
        ("200000", date(1980, 5, 5), True),  # 200 000 € insured, ends 05/05/2036 at 56
        ("200001", date(1980, 5, 5), False),  # one euro above the threshold
        ("150000", date(1966, 5, 5), False),  # ends 05/05/2036, after the 60th birthday (05/05/2026)
        ("150000", date(1976, 5, 5), False),  # ends on the 60th birthday: not « avant » it (L113-2-1)
        ("150000", date(1976, 5, 6), True),  # ends the day before the 60th birthday
    ],
)
def test_lemoine_eligibility(capital, birth, eligible):
    inputs = RequestInputs(
        product_line="emprunteur",
        received_on=date(2026, 2, 20),
        effective_date=date(2026, 5, 5),
        formula="deces_ptia",
        declared={"capital": Decimal(capital), "quotite": 100, "duration_months": 120, "borrower_birth_date": birth},
        record={"start_date": date(2026, 5, 5)},
    )
    facts = request_facts(inputs)
    assert facts["lemoine_eligible"] is eligible
    assert facts["insured_amount"] == Decimal(capital).quantize(Decimal("0.01"))


# --- score ------------------------------------------------------------------------------------------

MODEL = ScoreModel(
    label="p",
    intercept=Decimal("-2.40"),
    terms=(
        ScoreTerm("sinistres", Decimal("0.45"), fact="at_fault_claims_36m", cap=Decimal(4)),
        ScoreTerm("novice", Decimal("0.70"), when=FactTest("novice", "is", True)),
        ScoreTerm("plancher", Decimal("-0.35"), when=FactTest("crm", "eq", Decimal("0.50"))),
    ),
    levels=(ScoreLevel("Faible", Decimal("0.10")), ScoreLevel("Modéré", Decimal("0.20")), ScoreLevel("Élevé")),
)


def test_the_logistic_function_to_four_places():
    assert logistic(Decimal(0)) == Decimal("0.5000")
    assert logistic(Decimal("-2.40")) == Decimal("0.0832")  # 1 / (1 + e^2.4) = 0.08317…
    assert logistic(Decimal("1.00")) == Decimal("0.7311")


def test_a_score_lists_each_contribution_and_caps_per_unit_terms():
    result = score(MODEL, {"at_fault_claims_36m": 6, "novice": True, "crm": Decimal("1.25")})
    # −2.40 + 4 (capped) × 0.45 + 0.70 = 0.10 → 1 / (1 + e^−0.10) = 0.5250
    assert result.log_odds == Decimal("0.10")
    assert result.probability == Decimal("0.5250")
    assert result.level == "Élevé"
    assert [(c.label, c.points) for c in result.contributions] == [
        ("sinistres", Decimal("1.80")),
        ("novice", Decimal("0.70")),
    ]


def test_a_careful_driver_scores_low():
    result = score(MODEL, {"at_fault_claims_36m": 0, "novice": False, "crm": Decimal("0.50")})
    assert result.log_odds == Decimal("-2.75")  # −2.40 − 0.35
    assert result.probability == Decimal("0.0601")
    assert result.level == "Faible"
    assert [c.label for c in result.contributions] == ["plancher"]
