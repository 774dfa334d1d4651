"""The shipped rules bring each planted case of examen-souscription to its expected outcome."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from polyadmin.domain.acceptance import ExpertRole, Outcome
from polyadmin.domain.errors import NotFound
from polyadmin.services.analysis import analyse_request
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.portfolio import SubscriptionRequest


@pytest.fixture
def exam_box(session, world):
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
    box = exam.sandboxes[0]
    assert box.business_date == date(2026, 3, 2)  # the scenario starts when every planted request has arrived
    return box


def planted(session, box_id):
    rows = session.execute(select(SubscriptionRequest).where(SubscriptionRequest.sandbox_id == box_id)).scalars()
    return {row.case_code: row for row in rows}


def analysis_of(session, world, box, code):
    request = planted(session, box.id)[code]
    return analyse_request(session, world.candidate, box.id, request.id)


def test_every_planted_case_comes_out_as_its_expected_outcome(session, world, exam_box):
    cases = planted(session, exam_box.id)
    assert len(cases) == 8
    for code, request in cases.items():
        analysis = analyse_request(session, world.candidate, exam_box.id, request.id)
        assert analysis.assessment.outcome.value == request.expected_outcome, (code, analysis.assessment)


def test_mrh_owner_with_complete_documents_is_accepted_at_the_tariff(session, world, exam_box):
    analysis = analysis_of(session, world, exam_box, "exa-1-mrh-accept")
    assert analysis.assessment.firings == ()
    assert analysis.assessment.missing_documents == ()
    # The RGE certificate for the eco-renovation option is due when the panels are installed, before issue.
    assert analysis.assessment.documents_before_issue == ("attestation_rge",)
    assert analysis.facts["occupancy_status"] == "proprietaire_occupant"


def test_tous_risques_with_a_malus_is_accepted_with_a_600_deductible_after_the_senior_underwriter(
    session, world, exam_box
):
    assessment = analysis_of(session, world, exam_box, "exa-2-auto-malus").assessment
    fired = {firing.rule.code: firing.values for firing in assessment.firings}
    assert set(fired) == {"AUTO-TR-CRM", "AUTO-VAN-2ANS", "AUTO-IMPAYES"}
    assert fired["AUTO-TR-CRM"] == {"formula": "tous_risques", "crm": Decimal("1.25")}
    assert fired["AUTO-VAN-2ANS"]["vehicle_age_years"] == 7  # first registered 2019-03-11, effective 2026-03-16
    assert fired["AUTO-IMPAYES"] == {"unpaid_instalments": 2}  # February and March MRH instalments
    deductibles = [(c.guarantee, c.deductible) for c in assessment.conditions if c.deductible]
    assert deductibles == [("dommages", "f600")]
    assert [c.option for c in assessment.conditions if c.option] == ["valeur_a_neuf"]
    assert assessment.experts == (ExpertRole.SENIOR_UNDERWRITER,)
    assert assessment.documents_before_issue == ("facture_achat", "mandat_sepa")


def test_the_decision_aid_score_of_the_malus_case_adds_its_factors(session, world, exam_box):
    aid = analysis_of(session, world, exam_box, "exa-2-auto-malus").score
    # −2.40 + 2 at-fault claims × 0.45 + CRM 1.25 > 1.00 (0.50) = −1.00 ; 1 / (1 + e^1.00) = 0.2689
    assert aid.log_odds == Decimal("-1.00")
    assert aid.probability == Decimal("0.2689")
    assert aid.level == "Élevé"
    assert [(c.label, c.points) for c in aid.contributions] == [
        ("Sinistres responsables des 36 derniers mois (par sinistre)", Decimal("0.90")),
        ("Coefficient bonus-malus supérieur à 1,00", Decimal("0.50")),
    ]


def test_termination_for_non_payment_and_a_crm_of_243_decline(session, world, exam_box):
    assessment = analysis_of(session, world, exam_box, "exa-3-auto-refus").assessment
    fired = {firing.rule.code: firing.values for firing in assessment.firings}
    assert {"AUTO-RESIL-IMPAYE", "AUTO-CRM-SUP-2"} <= set(fired)
    assert fired["AUTO-CRM-SUP-2"] == {"crm": Decimal("2.43")}
    assert fired["AUTO-RESIL-IMPAYE"]["termination_reason"] == "non_payment"
    assert fired["AUTO-RESIL-IMPAYE"]["months_since_termination"] == 10  # 18/04/2025 → 27/02/2026
    assert all(f.rule.blocking for f in assessment.firings if f.rule.outcome is Outcome.DECLINE)


def test_a_declared_bonus_without_its_statement_asks_for_the_statement(session, world, exam_box):
    assessment = analysis_of(session, world, exam_box, "exa-4-auto-sans-releve").assessment
    assert assessment.firings == ()
    assert assessment.missing_documents == ("releve_information",)


def test_a_proof_of_address_older_than_three_months_is_out_of_date(session, world, exam_box):
    assessment = analysis_of(session, world, exam_box, "exa-5-auto-domicile-perime").assessment
    statuses = {s.code: (s.status, s.issued_on) for s in assessment.documents}
    assert statuses["justificatif_domicile"] == ("expired", date(2025, 10, 28))  # received 24/02/2026
    assert assessment.missing_documents == ("justificatif_domicile",)


def test_a_registration_certificate_in_the_uncles_name_with_another_date_is_rejected(session, world, exam_box):
    analysis = analysis_of(session, world, exam_box, "exa-6-auto-certificat-incoherent")
    assert analysis.assessment.missing_documents == ("certificat_immatriculation",)
    assert analysis.assessment.documents_before_issue == ("mandat_sepa",)
    (found,) = analysis.mismatches.values()
    assert [(m.field, m.on_document, m.declared) for m in found] == [
        ("holder_name", "ROYER Bernard", "Royer Lucas"),
        ("first_registration", "12/05/2017", "12/05/2019"),
    ]
    assert analysis.facts["novice"] is True and analysis.facts["accompanied_driving"] is True


def test_a_380000_loan_ending_at_77_goes_to_the_medical_adviser(session, world, exam_box):
    analysis = analysis_of(session, world, exam_box, "exa-7-emprunteur-medecin")
    assert analysis.facts["insured_amount"] == Decimal("380000.00")
    assert analysis.facts["age_at_term"] == 77
    assert analysis.facts["lemoine_eligible"] is False
    assert [f.rule.code for f in analysis.assessment.firings] == ["EMP-QUESTIONNAIRE"]
    assert analysis.assessment.experts == (ExpertRole.MEDICAL_ADVISER,)
    assert "questionnaire_sante" in analysis.assessment.missing_documents


def test_a_brasserie_beyond_the_delegation_goes_to_the_technical_department(session, world, exam_box):
    assessment = analysis_of(session, world, exam_box, "exa-8-pro-delegation").assessment
    exceeded = {check.limit.fact: check.value for check in assessment.delegation if check.exceeded}
    assert exceeded == {"contents_value": Decimal("480000"), "turnover": Decimal("1850000")}
    assert assessment.exceeds_delegation
    assert assessment.experts == (ExpertRole.TECHNICAL,)


def test_another_sandbox_request_is_not_found(session, world, exam_box):
    request = planted(session, exam_box.id)["exa-1-mrh-accept"]
    with pytest.raises(NotFound):
        analyse_request(session, world.classmate, exam_box.id, request.id)
    with pytest.raises(NotFound):
        analyse_request(session, world.candidate, world.classmate_sandbox_id, request.id)
