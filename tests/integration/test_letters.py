"""The letters of the casework (services.letters): the decline letter of exa-3 with the BCT mention, the
request for documents of exa-6 with the documents' French labels and the deadline — PDF text,
determinism, and the accessible HTML when the client's record asks for accessible formats."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pdfminer.high_level import extract_text
from sqlalchemy import select

from polyadmin.domain.errors import NotFound
from polyadmin.services import casework, letters
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.models import Client
from polyadmin.store.portfolio import SubscriptionRequest

REASON = "Résiliation par votre précédent assureur pour non-paiement il y a moins de deux ans et coefficient de 2,43."
ALTERNATIVE = "une assurance habitation et une protection juridique, dès que votre situation sera régularisée"


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with plain spaces and lines joined (a sentence may wrap)."""
    text = re.sub(r"[\u00a0\u202f]", " ", extract_text(BytesIO(pdf)))
    return re.sub(r"\s+", " ", text)


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


def test_the_decline_letter_gives_the_reason_the_alternative_and_the_bct_mention(session, world, mine):
    request = planted(session, mine.id, "exa-3-auto-refus")
    with pytest.raises(NotFound):  # not declined yet: no letter
        letters.decision_letter(session, world.candidate, mine.id, request.id)
    casework.decide(
        session,
        world.candidate,
        mine.id,
        request.id,
        {"outcome": "decline", "reason": REASON, "alternative": ALTERNATIVE},
    )
    rendered = letters.decision_letter(session, world.candidate, mine.id, request.id)
    assert rendered.pdf.startswith(b"%PDF-") and rendered.filename == f"refus-{request.number}.pdf"
    text = pdf_text(rendered.pdf)
    for expected in (
        "Polyadmin Assurances",
        "Monsieur Patrick VASSEUR",
        "41 rue Nationale",
        "59000 Lille",
        "Le 2 mars 2026",
        f"Réf. : demande n° {request.number}",
        "Objet : Votre demande de souscription",
        "Monsieur,",
        "reçu le 27/02/2026",
        "Auto particulier",
        REASON,
        "nous pouvons vous proposer " + ALTERNATIVE,
        "article L212-1 du Code des assurances",
        "Bureau central de tarification",
        "Nous vous prions d'agréer, Monsieur, l'expression",
    ):
        assert expected in text, expected
    # The same decision gives the same bytes; evaluators may print it too.
    assert letters.decision_letter(session, world.evaluator, mine.id, request.id).pdf == rendered.pdf
    assert rendered.html is None  # the client asked for no accessible format


def test_a_client_who_needs_accessible_formats_gets_the_letter_in_html_too(session, world, mine):
    request = planted(session, mine.id, "exa-3-auto-refus")
    casework.decide(session, world.candidate, mine.id, request.id, {"outcome": "decline", "reason": REASON})
    client = session.get(Client, request.client_id)
    client.accessible_formats = ["gros_caracteres"]
    session.commit()
    rendered = letters.decision_letter(session, world.candidate, mine.id, request.id)
    html = rendered.html
    assert html is not None and html.startswith("<!DOCTYPE html>") and '<html lang="fr">' in html
    assert "<h1>Votre demande de souscription n° " in html
    assert "Monsieur Patrick VASSEUR" in html and "L212-1" in html
    assert "nous pouvons vous proposer" not in html and "nous pouvons vous proposer" not in pdf_text(rendered.pdf)


def test_the_request_for_documents_lists_the_documents_in_french_with_the_deadline(session, world, mine):
    request = planted(session, mine.id, "exa-6-auto-certificat-incoherent")
    asked = casework.request_documents(
        session,
        world.candidate,
        mine.id,
        request.id,
        {"documents": ["certificat_immatriculation", "mandat_sepa"], "deadline": "2026-03-16"},
    )
    rendered = letters.documents_request_letter(session, world.candidate, mine.id, request.id, asked.id)
    text = pdf_text(rendered.pdf)
    for expected in (
        "Monsieur Lucas ROYER",
        "22 avenue Alsace-Lorraine",
        "38000 Grenoble",
        "Le 2 mars 2026",
        "pièces à nous transmettre",
        "avant le 16 mars 2026 :",
        "Certificat d'immatriculation au nom du souscripteur ou de son conjoint",
        "RIB et mandat de prélèvement SEPA signé",
    ):
        assert expected in text, expected
    assert "certificat_immatriculation" not in text and "mandat_sepa" not in text  # never a raw code
    again = letters.documents_request_letter(session, world.candidate, mine.id, request.id, asked.id)
    assert again.pdf == rendered.pdf
    with pytest.raises(NotFound):
        letters.documents_request_letter(session, world.candidate, mine.id, request.id, asked.id + 99)
