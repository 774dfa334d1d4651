"""Working the planted cases of examen-souscription through the casework services, step by step, with
the journal entry each step leaves."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.services import casework
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.sandboxes import move_clock
from polyadmin.services.seeding import reset_sandbox
from polyadmin.store.casework import DocumentCheck, Referral, RequestDecision
from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import SubscriptionRequest, SupportingDocument, Vehicle


@pytest.fixture
def box(session, world):
    exam = create_exam_session(
        session,
        world.trainer,
        {
            "name": "Examen de mars",
            "candidates": ["candidat1", "candidat2"],
            "evaluators": ["evaluateur"],
            "scenario": "examen-souscription",
        },
    )
    return {b.candidate.username: b for b in exam.sandboxes}


def planted(session, box_id, code):
    return session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.sandbox_id == box_id, SubscriptionRequest.case_code == code
        )
    ).scalar_one()


def journal(session, box_id, *actions):
    query = select(JournalEntry).where(JournalEntry.sandbox_id == box_id).order_by(JournalEntry.seq)
    found = list(session.execute(query).scalars())
    return [entry for entry in found if not actions or entry.action in actions]


def document(session, request, kind):
    return session.execute(
        select(SupportingDocument).where(SupportingDocument.request_id == request.id, SupportingDocument.kind == kind)
    ).scalar_one()


def test_refer_to_the_senior_underwriter_then_accept_with_the_experts_conditions(session, world, box):
    mine = box["candidat1"]
    request = planted(session, mine.id, "exa-2-auto-malus")
    releve = document(session, request, "releve_information")
    candidate = world.candidate

    # Accepting at once is refused: the case needs conditions and the senior underwriter's agreement.
    with pytest.raises(InvalidInput) as refused:
        casework.decide(session, candidate, mine.id, request.id, {"outcome": "accept", "reason": "Bon client."})
    assert any("AUTO-VAN-2ANS impose des conditions" in m for m in refused.value.field_errors["outcome"])

    referral = casework.refer(
        session,
        candidate,
        mine.id,
        request.id,
        {"expert": "souscripteur_senior", "question": "Tous risques avec un CRM de 1,25 ?", "elements": [releve.id]},
    )
    assert referral.number == "TR-000001"
    assert referral.answer_due == date(2026, 3, 3)  # the script answers after one day
    assert session.get(SubscriptionRequest, request.id).status == "attente_expert"

    # Chasing before the answer is due is refused; the answer lands when the trainer moves the clock.
    with pytest.raises(InvalidInput):
        casework.remind_referral(session, candidate, mine.id, referral.id)
    move_clock(session, world.trainer, mine.id, {"date": "2026-03-03"})
    answered = session.get(Referral, referral.id)
    assert (answered.status, answered.verdict, answered.answered_on) == (
        "repondue",
        "favorable_conditions",
        date(2026, 3, 3),
    )
    assert answered.answer.startswith("Accord pour la formule tous risques avec la franchise dommages de 600 €")
    assert session.get(SubscriptionRequest, request.id).status == "en_cours"

    conditions = [
        {"kind": "franchise", "label": "Franchise dommages 600 €", "guarantee": "dommages", "deductible": "f600"},
        {"kind": "option_retiree", "label": "Sans valeur à neuf", "option": "valeur_a_neuf"},
        {"kind": "prealable", "label": "Régularisation des échéances MRH impayées avant l'émission"},
    ]
    decision = casework.decide(
        session,
        candidate,
        mine.id,
        request.id,
        {"outcome": "accept_conditions", "conditions": conditions, "reason": "Accord du souscripteur senior."},
    )
    assert decision.outcome == "accept_conditions" and decision.overridden == []
    assert session.get(SubscriptionRequest, request.id).status == "acceptee_conditions"

    steps = [(e.action, e.codes, e.record_type, e.record_id) for e in journal(session, mine.id)][-4:]
    rid = str(request.id)
    assert steps == [
        ("referral.send", ["C2A.2"], "request", rid),
        ("sandbox.clock.move", [], "sandbox", str(mine.id)),
        ("referral.answer", [], "request", rid),
        ("request.decision", ["C2A.1", "C2A.2"], "request", rid),
    ]
    (entry,) = journal(session, mine.id, "request.decision")
    assert entry.outcome["status"] == {"from": "en_cours", "to": "acceptee_conditions"}
    assert entry.outcome["expert_answers"] == [{"expert": "souscripteur_senior", "verdict": "favorable_conditions"}]
    assert entry.outcome["recommendation"] == "accept_conditions"
    assert (entry.actor_username, entry.sandbox_date) == ("candidat1", date(2026, 3, 3))

    # Deciding twice is a conflict and writes nothing.
    before = len(journal(session, mine.id))
    with pytest.raises(Conflict):
        casework.decide(session, candidate, mine.id, request.id, {"outcome": "decline", "reason": "Revirement."})
    assert len(journal(session, mine.id)) == before


def test_a_decision_against_a_blocking_rule_is_refused_and_the_decline_is_recorded(session, world, box):
    mine = box["candidat1"]
    request = planted(session, mine.id, "exa-3-auto-refus")
    with pytest.raises(InvalidInput) as refused:
        casework.decide(session, world.candidate, mine.id, request.id, {"outcome": "accept", "reason": "Urgent."})
    assert (
        "La règle AUTO-RESIL-IMPAYE (« Résiliation pour non-paiement de moins de deux ans ») impose un refus."
        in (refused.value.field_errors["outcome"])
    )
    assert session.execute(select(func.count()).select_from(RequestDecision)).scalar_one() == 0
    decision = casework.decide(
        session,
        world.candidate,
        mine.id,
        request.id,
        {
            "outcome": "decline",
            "reason": "Résiliation pour non-paiement de moins de deux ans et coefficient de 2,43.",
            "alternative": "Saisine du Bureau central de tarification pour la responsabilité civile (L212-1).",
        },
    )
    assert decision.outcome == "decline"
    assert session.get(SubscriptionRequest, request.id).status == "refusee"


def test_beyond_delegation_an_acceptance_waits_for_the_technical_department(session, world, box):
    mine = box["candidat1"]
    request = planted(session, mine.id, "exa-8-pro-delegation")
    with pytest.raises(InvalidInput) as refused:
        casework.decide(session, world.candidate, mine.id, request.id, {"outcome": "accept", "reason": "ok"})
    messages = refused.value.field_errors["outcome"]
    assert (
        "Hors délégation (Contenu assuré supérieur à 300 000 €) : l'avis favorable du service technique est nécessaire."
        in messages
    )


def test_the_trainer_answers_as_the_expert_and_nobody_else_may(session, world, box):
    mine = box["candidat1"]
    request = planted(session, mine.id, "exa-7-emprunteur-medecin")
    referral = casework.refer(
        session, world.candidate, mine.id, request.id, {"expert": "medecin_conseil", "question": "Questionnaire joint."}
    )
    answer = {"verdict": "favorable_conditions", "answer": "Surprime de 50 % sur décès et PTIA."}
    for intruder in (world.candidate, world.evaluator, world.other_trainer):
        with pytest.raises((Forbidden, NotFound)):
            casework.answer_referral(session, intruder, mine.id, referral.id, answer)
    casework.answer_referral(session, world.trainer, mine.id, referral.id, answer)
    assert session.get(Referral, referral.id).answered_by_id == world.trainer.user_id
    # The script does not answer again when the clock reaches its delay.
    move_clock(session, world.trainer, mine.id, {"date": "2026-03-10"})
    assert len(journal(session, mine.id, "referral.answer")) == 1


def test_documents_checked_corrected_and_requested_on_the_inconsistent_certificate(session, world, box):
    mine = box["candidat1"]
    request = planted(session, mine.id, "exa-6-auto-certificat-incoherent")
    certificate = document(session, request, "certificat_immatriculation")
    check = casework.check_document(
        session,
        world.candidate,
        mine.id,
        request.id,
        {
            "document_id": certificate.id,
            "verdict": "non_conforme",
            "reason": "Au nom de l'oncle, mise en circulation 2017.",
        },
    )
    assert check.document_kind == "certificat_immatriculation"
    assert session.get(SubscriptionRequest, request.id).status == "en_cours"
    changes = casework.correct_declared(
        session,
        world.candidate,
        mine.id,
        request.id,
        {"field": "first_registration_date", "value": "2017-05-12", "document_id": certificate.id, "reason": "Case B."},
    )
    assert changes["first_registration_date"] == {"from": "2019-05-12", "to": "2017-05-12"}
    vehicle = session.get(Vehicle, request.vehicle_id)
    assert vehicle.first_registration == date(2017, 5, 12)
    asked = casework.request_documents(
        session,
        world.candidate,
        mine.id,
        request.id,
        {"documents": ["certificat_immatriculation", "mandat_sepa"], "deadline": "2026-03-16"},
    )
    assert asked.status == "en_attente"
    assert session.get(SubscriptionRequest, request.id).status == "attente_client"
    casework.record_non_conformity(
        session,
        world.candidate,
        mine.id,
        request.id,
        {
            "document_id": certificate.id,
            "description": "Certificat au nom d'un tiers.",
            "handling": "Certificat barré réclamé.",
        },
    )
    actions = [(e.action, e.codes) for e in journal(session, mine.id)][-5:]
    assert actions == [
        ("request.document_check", ["C2A.1", "C1.8"]),
        ("request.correction", ["C1.8", "C1.11"]),
        ("request.documents_requested", ["C2A.1", "C1.9"]),
        ("document.edit", ["C1.9"]),  # the letter asking for the documents, edited for the client
        ("request.non_conformity", ["C1.11"]),
    ]
    (correction,) = journal(session, mine.id, "request.correction")
    assert correction.outcome["changes"]["vehicles.first_registration"] == {"from": "2019-05-12", "to": "2017-05-12"}
    # Reminding before the deadline is refused; after it, it is a journaled relance.
    with pytest.raises(InvalidInput):
        casework.remind_documents(session, world.candidate, mine.id, request.id, asked.id)
    move_clock(session, world.trainer, mine.id, {"date": "2026-03-17"})
    casework.remind_documents(session, world.candidate, mine.id, request.id, asked.id)
    assert journal(session, mine.id)[-1].action == "request.documents_reminder"


def test_bad_input_is_refused_with_french_messages_and_writes_nothing(session, world, box):
    mine = box["candidat1"]
    request = planted(session, mine.id, "exa-4-auto-sans-releve")
    other = planted(session, box["candidat2"].id, "exa-4-auto-sans-releve")
    foreign = document(session, other, "permis_conduire")
    before = len(journal(session, mine.id))
    with pytest.raises(InvalidInput) as caught:
        casework.check_document(session, world.candidate, mine.id, request.id, {"verdict": "peut-etre"})
    assert set(caught.value.field_errors) == {"verdict", "reason"}
    with pytest.raises(InvalidInput) as caught:
        casework.check_document(
            session,
            world.candidate,
            mine.id,
            request.id,
            {"document_id": foreign.id, "verdict": "conforme", "reason": "x"},
        )
    assert caught.value.field_errors == {"document_id": ["Cette pièce n'appartient pas à la demande."]}
    with pytest.raises(InvalidInput) as caught:
        casework.request_documents(
            session, world.candidate, mine.id, request.id, {"documents": ["carte_grise"], "deadline": "2026-03-01"}
        )
    assert set(caught.value.field_errors) == {"documents"}
    with pytest.raises(NotFound):
        casework.refer(session, world.candidate, mine.id, other.id, {"expert": "medecin_conseil", "question": "?"})
    with pytest.raises(Forbidden):
        casework.refer(session, world.evaluator, mine.id, request.id, {"expert": "medecin_conseil", "question": "?"})
    assert len(journal(session, mine.id)) == before
    assert session.execute(select(func.count()).select_from(DocumentCheck)).scalar_one() == 0


def test_a_consultation_is_journaled_once_per_thing_and_request_and_only_for_the_candidate(session, world, box):
    mine = box["candidat1"]
    request = planted(session, mine.id, "exa-5-auto-domicile-perime")
    proof = document(session, request, "justificatif_domicile")
    assert casework.consult(session, world.candidate, mine.id, request.id, {"what": "analysis"})
    assert not casework.consult(session, world.candidate, mine.id, request.id, {"what": "analysis"})
    assert casework.consult(
        session, world.candidate, mine.id, request.id, {"what": "document", "document_id": proof.id}
    )
    assert not casework.consult(session, world.evaluator, mine.id, request.id, {"what": "client"})
    entries = journal(session, mine.id, "request.consult")
    assert [e.input["what"] for e in entries] == ["analysis", "document"]
    assert entries[0].outcome["recommendation"] == "missing_document"
    assert entries[0].outcome["status"] == "en_cours"
    assert entries[1].outcome["document_kind"] == "justificatif_domicile"


def test_a_reset_removes_the_casework_and_keeps_the_journal(session, world, box):
    mine = box["candidat1"]
    request = planted(session, mine.id, "exa-7-emprunteur-medecin")
    casework.refer(session, world.candidate, mine.id, request.id, {"expert": "medecin_conseil", "question": "?"})
    reset_sandbox(session, world.trainer, mine.id)
    assert session.execute(select(func.count()).select_from(Referral)).scalar_one() == 0
    assert journal(session, mine.id, "referral.send")


def test_the_inbox_filters_by_status_and_lateness_and_sorts_by_deadline(session, world, box):
    from polyadmin.services.portfolio import list_requests

    mine = box["candidat1"]
    page = list_requests(session, world.candidate, mine.id, per_page=50)
    assert page.total == 8
    assert all(item.case_code is None for item in page.items)  # candidates never see the planted case codes
    # On 2 March 2026: AUTO requests (5 days) received before 25 February are late; PRO and loan ones get 10 days.
    late = {item.number for item in page.items if item.overdue}
    assert late == {
        item.number
        for item in page.items
        if (item.received_on < date(2026, 2, 25) and item.product_code in ("AUTO", "MRH"))
        or item.received_on < date(2026, 2, 20)
    }
    assert list_requests(session, world.candidate, mine.id, overdue=True).total == len(late)
    assert list_requests(session, world.candidate, mine.id, overdue=False).total == 8 - len(late)
    declined = planted(session, mine.id, "exa-3-auto-refus")
    casework.decide(
        session, world.candidate, mine.id, declined.id, {"outcome": "decline", "reason": "Hors critères d'acceptation."}
    )
    assert [item.number for item in list_requests(session, world.candidate, mine.id, status="refusee").items] == [
        declined.number
    ]
    assert all(not item.overdue for item in list_requests(session, world.candidate, mine.id, status="refusee").items)
    ordered = list_requests(session, world.candidate, mine.id, sort="echeance", per_page=50).items
    assert [item.deadline for item in ordered] == sorted(item.deadline for item in ordered)
