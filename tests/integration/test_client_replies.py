"""The simulated client of examen-souscription answers requests for documents per the scenario's
script (client_replies): the document lands when the trainer moves the clock, the candidate checks it
and decides; a document that never comes leaves the request waiting, and reminders become due."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from polyadmin.domain.errors import InvalidInput
from polyadmin.services import casework
from polyadmin.services.analysis import analyse_request
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.sandboxes import move_clock
from polyadmin.store.casework import DocumentRequest, Referral
from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import DocumentScript, ExpertScript, SubscriptionRequest, SupportingDocument


@pytest.fixture
def mine(session, world):
    exam = create_exam_session(
        session,
        world.trainer,
        {
            "name": "Examen",
            "candidates": ["candidat1"],
            "evaluators": ["evaluateur"],
            "scenario": "examen-souscription",
        },
    )
    (box,) = exam.sandboxes
    return box


def planted(session, box_id, code):
    return session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.sandbox_id == box_id, SubscriptionRequest.case_code == code
        )
    ).scalar_one()


def documents(session, request, kind):
    query = select(SupportingDocument).where(
        SupportingDocument.request_id == request.id, SupportingDocument.kind == kind
    )
    return list(session.execute(query.order_by(SupportingDocument.id)).scalars())


def journal(session, box_id, action):
    query = select(JournalEntry).where(JournalEntry.sandbox_id == box_id, JournalEntry.action == action)
    return list(session.execute(query.order_by(JournalEntry.seq)).scalars())


def test_the_scripts_and_the_expected_missing_documents_are_seeded(session, mine):
    exa6 = planted(session, mine.id, "exa-6-auto-certificat-incoherent")
    assert exa6.expected_missing == ["certificat_immatriculation", "mandat_sepa"]
    assert planted(session, mine.id, "exa-1-mrh-accept").expected_missing is None
    scripts = {
        s.document_code: s
        for s in session.execute(select(DocumentScript).where(DocumentScript.request_id == exa6.id)).scalars()
    }
    assert (scripts["mandat_sepa"].outcome, scripts["mandat_sepa"].document) == ("never", None)
    certificate = scripts["certificat_immatriculation"]
    assert (certificate.outcome, certificate.delay_days) == ("arrives", 4)
    # Filled from the client's records like a seeded document, then the script's own data.
    assert certificate.document["data"]["holder_name"] == "ROYER Lucas"
    assert certificate.document["data"]["first_registration"] == "2017-05-12"
    assert certificate.document["issued_on"] == "2026-03-04"
    experts = session.execute(select(ExpertScript).where(ExpertScript.sandbox_id == mine.id)).scalars()
    assert sorted(e.verdict for e in experts) == [
        "defavorable",
        "favorable_conditions",
        "favorable_conditions",
        "favorable_conditions",
    ]


def test_an_explicit_verdict_of_the_script_is_the_answers_verdict(session, world, mine):
    request = planted(session, mine.id, "exa-2-auto-malus")
    script = session.execute(select(ExpertScript).where(ExpertScript.request_id == request.id)).scalar_one()
    script.verdict = "defavorable"  # the expected outcome alone would make it « favorable sous conditions »
    session.commit()
    referral = casework.refer(
        session, world.candidate, mine.id, request.id, {"expert": "souscripteur_senior", "question": "Tous risques ?"}
    )
    move_clock(session, world.trainer, mine.id, {"date": "2026-03-03"})
    assert session.get(Referral, referral.id).verdict == "defavorable"
    script.verdict = None  # without one, the expected outcome decides (accept_conditions → favorable sous conditions)
    session.commit()
    assert casework.scripted_verdict(request).value == "favorable_conditions"


def test_exa5_the_fresh_proof_of_address_arrives_after_three_days_then_the_request_is_accepted(session, world, mine):
    candidate = world.candidate
    request = planted(session, mine.id, "exa-5-auto-domicile-perime")
    (stale,) = documents(session, request, "justificatif_domicile")
    casework.check_document(
        session,
        candidate,
        mine.id,
        request.id,
        {"document_id": stale.id, "verdict": "perime", "reason": "Plus de 3 mois."},
    )
    assert (
        "justificatif_domicile" in analyse_request(session, candidate, mine.id, request.id).assessment.missing_documents
    )
    with pytest.raises(InvalidInput):
        casework.decide(session, candidate, mine.id, request.id, {"outcome": "accept", "reason": "Dossier complet."})
    asked = casework.request_documents(
        session, candidate, mine.id, request.id, {"documents": ["justificatif_domicile"], "deadline": "2026-03-09"}
    )

    move_clock(session, world.trainer, mine.id, {"date": "2026-03-04"})  # two days: not yet
    assert len(documents(session, request, "justificatif_domicile")) == 1
    assert journal(session, mine.id, "request.documents_received") == []

    move_clock(session, world.trainer, mine.id, {"date": "2026-03-05"})  # three days after the request
    stale_again, fresh = documents(session, request, "justificatif_domicile")
    assert stale_again.id == stale.id
    assert (fresh.issued_on, fresh.seeded, fresh.client_id) == (date(2026, 3, 2), False, request.client_id)
    assert fresh.title == "Facture d'électricité de février 2026"
    assert fresh.data["address_line1"] and fresh.data["holder"] == "BENALI Mehdi"
    assert fresh.anomaly is None
    row = session.get(DocumentRequest, asked.id)
    assert (row.status, row.received) == ("recue", ["justificatif_domicile"])
    assert session.get(SubscriptionRequest, request.id).status == "en_cours"
    (entry,) = journal(session, mine.id, "request.documents_received")
    assert (entry.record_type, entry.record_id, entry.codes) == ("request", str(request.id), [])
    assert entry.actor_username == "client simulé" and entry.sandbox_date == date(2026, 3, 5)
    assert entry.outcome["document_id"] == fresh.id
    assert entry.outcome["document_request_status"] == {"from": "en_attente", "to": "recue"}
    assert entry.outcome["status"] == {"from": "attente_client", "to": "en_cours"}

    casework.check_document(
        session, candidate, mine.id, request.id, {"document_id": fresh.id, "verdict": "conforme", "reason": "Récent."}
    )
    analysis = analyse_request(session, candidate, mine.id, request.id)
    assert "justificatif_domicile" not in analysis.assessment.missing_documents
    decision = casework.decide(
        session, candidate, mine.id, request.id, {"outcome": "accept", "reason": "Justificatif récent reçu."}
    )
    assert decision.outcome == "accept"
    assert session.get(SubscriptionRequest, request.id).status == "acceptee"
    # A later clock move delivers nothing twice.
    move_clock(session, world.trainer, mine.id, {"date": "2026-03-12"})
    assert len(documents(session, request, "justificatif_domicile")) == 2


def test_exa4_the_releve_arrives_after_two_days_with_the_crm_of_the_previous_insurer(session, world, mine):
    request = planted(session, mine.id, "exa-4-auto-sans-releve")
    casework.request_documents(
        session, world.candidate, mine.id, request.id, {"documents": ["releve_information"], "deadline": "2026-03-16"}
    )
    move_clock(session, world.trainer, mine.id, {"date": "2026-03-04"})
    (releve,) = documents(session, request, "releve_information")
    assert (releve.data["crm"], releve.data["insurer"], releve.data["subscriber"]) == (
        "0.50",
        "Assurances du Littoral",
        "MARCHAND Sophie",
    )
    analysis = analyse_request(session, world.candidate, mine.id, request.id)
    assert "releve_information" not in analysis.assessment.missing_documents


def test_exa6_the_mandate_never_comes_so_the_request_waits_and_reminders_are_due(session, world, mine):
    candidate = world.candidate
    request = planted(session, mine.id, "exa-6-auto-certificat-incoherent")
    asked = casework.request_documents(
        session,
        candidate,
        mine.id,
        request.id,
        {"documents": ["certificat_immatriculation", "mandat_sepa"], "deadline": "2026-03-09"},
    )
    move_clock(session, world.trainer, mine.id, {"date": "2026-03-06"})
    _old, new = documents(session, request, "certificat_immatriculation")
    assert new.data["holder_name"] == "ROYER Lucas" and new.seeded is False
    assert documents(session, request, "mandat_sepa") == []
    row = session.get(DocumentRequest, asked.id)
    assert (row.status, row.received) == ("incomplete", ["certificat_immatriculation"])
    assert session.get(SubscriptionRequest, request.id).status == "attente_client"  # the mandate is still awaited
    with pytest.raises(InvalidInput):  # the deadline has not passed
        casework.remind_documents(session, candidate, mine.id, request.id, asked.id)

    move_clock(session, world.trainer, mine.id, {"date": "2026-03-10"})
    assert documents(session, request, "mandat_sepa") == []
    casework.remind_documents(session, candidate, mine.id, request.id, asked.id)
    move_clock(session, world.trainer, mine.id, {"date": "2026-03-17"})
    assert documents(session, request, "mandat_sepa") == []
    second = casework.remind_documents(session, candidate, mine.id, request.id, asked.id)
    assert (second.reminders, second.status) == (2, "relancee")
    assert len(journal(session, mine.id, "request.documents_reminder")) == 2
    assert len(journal(session, mine.id, "request.documents_received")) == 1
