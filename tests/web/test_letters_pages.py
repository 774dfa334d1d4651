"""The letters from the request's workspace: the decline letter under a recorded decline, the letter of
each request for documents, as PDF (and as accessible HTML for a client who needs it) — read-only, for
whoever may read the sandbox, 404 from another sandbox."""

from __future__ import annotations

import html
import re
from io import BytesIO

import pytest
from pdfminer.high_level import extract_text
from sqlalchemy import select

from polyadmin.services import casework
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.models import Client, JournalEntry
from polyadmin.store.portfolio import SubscriptionRequest
from tests.helpers.web import login, text

REASON = "Résiliation par le précédent assureur pour non-paiement et coefficient de 2,43."
READERS = {"admin": 200, "formatrice": 200, "evaluateur": 200, "candidat1": 200, "candidat2": 404, "evaluateur2": 404}


@pytest.fixture
def exam(session, world):
    created = create_exam_session(
        session,
        world.trainer,
        {
            "name": "Examen de mars",
            "candidates": ["candidat1", "candidat2"],
            "evaluators": ["evaluateur"],
            "scenario": "examen-souscription",
        },
    )
    return {box.candidate.username: box.id for box in created.sandboxes}


def planted(session, box_id: int, code: str) -> SubscriptionRequest:
    return session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.sandbox_id == box_id, SubscriptionRequest.case_code == code
        )
    ).scalar_one()


def pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\u00a0\u202f]", " ", extract_text(BytesIO(pdf))))


def link(page: str, label: str) -> str:
    """The href of the link whose text is `label`."""
    found = re.search(r'<a href="([^"]+)"[^>]*>' + re.escape(label) + "</a>", page)
    assert found, label
    return html.unescape(found.group(1))


def journal_size(session) -> int:
    return len(session.execute(select(JournalEntry.id)).all())


def test_the_decline_letter_is_linked_under_the_decline_and_gives_the_reason(app, client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-3-auto-refus")
    workspace = f"/sandboxes/{box}/demandes/{request.id}"
    login(client, "candidat1")
    assert "Lettre de refus (PDF)" not in text(client.get(workspace))
    assert client.get(f"{workspace}/decision/lettre.pdf").status_code == 404  # not declined yet
    casework.decide(session, world.candidate, box, request.id, {"outcome": "decline", "reason": REASON})
    page = text(client.get(workspace))
    href = link(page, "Lettre de refus (PDF)")
    assert href == f"{workspace}/decision/lettre.pdf"
    assert "version accessible (HTML)" not in page  # the client asked for no accessible format
    before = journal_size(session)
    response = client.get(href)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="refus-{request.number}.pdf"'
    pdf = response.get_data()
    assert pdf.startswith(b"%PDF")
    content = pdf_text(pdf)
    assert request.number in content and REASON in content and "Bureau central de tarification" in content
    assert journal_size(session) == before  # printing a letter writes nothing
    assert client.get(f"{workspace}/decision/lettre.html").status_code == 404  # no accessible format asked
    for user, status in READERS.items():  # read-only: whoever reads the sandbox
        reader = app.test_client()
        login(reader, user)
        assert reader.get(href).status_code == status, user


def test_each_request_for_documents_has_its_letter_with_the_french_labels(client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-6-auto-certificat-incoherent")
    asked = casework.request_documents(
        session,
        world.candidate,
        box,
        request.id,
        {"documents": ["certificat_immatriculation", "mandat_sepa"], "deadline": "2026-03-16"},
    )
    workspace = f"/sandboxes/{box}/demandes/{request.id}"
    login(client, "evaluateur")
    href = link(text(client.get(workspace)), "Courrier de demande de pièces (PDF)")
    assert href == f"{workspace}/demandes-de-pieces/{asked.id}/courrier.pdf"
    response = client.get(href)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f'filename="pieces-{request.number}-{asked.id}.pdf"' in response.headers["Content-Disposition"]
    content = pdf_text(response.get_data())
    assert response.get_data().startswith(b"%PDF") and request.number in content
    assert "Certificat d'immatriculation au nom du souscripteur ou de son conjoint" in content
    assert "RIB et mandat de prélèvement SEPA signé" in content
    assert client.get(f"{workspace}/demandes-de-pieces/{asked.id + 99}/courrier.pdf").status_code == 404


def test_a_client_who_needs_accessible_formats_gets_the_html_version_linked(client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-3-auto-refus")
    casework.decide(session, world.candidate, box, request.id, {"outcome": "decline", "reason": REASON})
    session.get(Client, request.client_id).accessible_formats = ["gros_caracteres"]
    session.commit()
    workspace = f"/sandboxes/{box}/demandes/{request.id}"
    login(client, "candidat1")
    href = link(text(client.get(workspace)), "version accessible (HTML)")
    assert href == f"{workspace}/decision/lettre.html"
    response = client.get(href)
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = text(response)
    assert '<html lang="fr">' in page and REASON in page and request.number in page


def test_another_sandbox_s_letters_are_not_found(client, session, world, exam):
    other = planted(session, exam["candidat2"], "exa-3-auto-refus")
    casework.decide(session, world.classmate, exam["candidat2"], other.id, {"outcome": "decline", "reason": REASON})
    login(client, "candidat1")
    for url in (
        f"/sandboxes/{exam['candidat2']}/demandes/{other.id}/decision/lettre.pdf",
        f"/sandboxes/{exam['candidat1']}/demandes/{other.id}/decision/lettre.pdf",  # via one's own sandbox
    ):
        response = client.get(url)
        assert response.status_code == 404 and "Page introuvable" in text(response), url
