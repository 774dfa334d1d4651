"""The client page lists the documents edited for the client and lets the candidate record their
transmission, their reception and reminders (CSRF, French messages); the PDF is regenerated from its
source, the HTML only for a client who asks for accessible formats."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from polyadmin.services import casework
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.client_documents import ClientDocument
from polyadmin.store.models import Client, JournalEntry
from polyadmin.store.portfolio import SubscriptionRequest
from tests.helpers.web import login, post_form, text

REASON = "Résiliation par le précédent assureur pour non-paiement."


@pytest.fixture
def declined(session, world):
    """candidat1's sandbox with a declined request: its decline letter is an edited document."""
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
    request = session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.sandbox_id == box.id, SubscriptionRequest.case_code == "exa-3-auto-refus"
        )
    ).scalar_one()
    casework.decide(session, world.candidate, box.id, request.id, {"outcome": "decline", "reason": REASON})
    document = session.execute(select(ClientDocument).where(ClientDocument.sandbox_id == box.id)).scalar_one()
    return box.id, request.client_id, document.id


def page_of(box: int, client: int) -> str:
    return f"/sandboxes/{box}/clients/{client}"


def test_the_client_page_lists_the_documents_and_the_candidate_transmits_then_receives(client, session, declined):
    box, client_id, document_id = declined
    login(client, "candidat1")
    body = text(client.get(page_of(box, client_id)))
    assert "Documents édités pour le client" in body and "Courrier de refus" in body and "Édité" in body
    assert f'href="/sandboxes/{box}/clients/{client_id}/documents/{document_id}.pdf"' in body
    assert "version accessible" not in body  # the client asked for no accessible format
    base = f"{page_of(box, client_id)}/documents/{document_id}"
    response = post_form(
        client, page_of(box, client_id), {"channel": "courrier", "date": "2026-03-02"}, base + "/transmission"
    )
    assert response.status_code == 302
    body = text(client.get(page_of(box, client_id)))
    assert "Transmis" in body and "Courrier postal, 02/03/2026" in body
    response = post_form(client, page_of(box, client_id), {"date": "2026-03-02"}, base + "/reception")
    assert response.status_code == 302
    assert "Reçu" in text(client.get(page_of(box, client_id)))
    actions = session.execute(
        select(JournalEntry.action, JournalEntry.codes)
        .where(JournalEntry.sandbox_id == box, JournalEntry.action.like("document.%"))
        .order_by(JournalEntry.seq)
    ).all()
    assert [(a, list(c)) for a, c in actions] == [
        ("document.edit", ["C1.9"]),
        ("document.transmit", ["C1.9"]),
        ("document.receipt", ["C1.9"]),
    ]


def test_refused_inputs_are_explained_in_french_and_write_nothing(client, session, declined):
    box, client_id, document_id = declined
    login(client, "candidat1")
    base = f"{page_of(box, client_id)}/documents/{document_id}"
    response = post_form(client, page_of(box, client_id), {"channel": "", "date": "2026-03-09"}, base + "/transmission")
    assert response.status_code == 422
    body = html.unescape(text(response))
    assert "date de la simulation" in body and 'aria-invalid="true"' in body
    response = post_form(client, page_of(box, client_id), {}, base + "/relance")
    assert response.status_code == 409 and "pas encore été transmis" in html.unescape(text(response))
    assert session.get(ClientDocument, document_id).status == "edited"
    # Without the CSRF token nothing is written either.
    assert client.post(base + "/transmission", data={"channel": "email", "date": "2026-03-02"}).status_code == 400


def test_readers_download_but_only_the_candidate_acts(client, session, declined):
    box, client_id, document_id = declined
    base = f"{page_of(box, client_id)}/documents/{document_id}"
    login(client, "evaluateur")
    response = client.get(base + ".pdf")
    assert response.status_code == 200 and response.get_data().startswith(b"%PDF-")
    assert client.get(base + ".html").status_code == 404  # no accessible format asked
    page = text(client.get(page_of(box, client_id)))
    assert "Enregistrer la transmission" not in page
    response = post_form(
        client, page_of(box, client_id), {"channel": "email", "date": "2026-03-02"}, base + "/transmission"
    )
    assert response.status_code == 403


def test_a_client_who_asks_for_accessible_formats_gets_the_html_twin(client, session, declined):
    box, client_id, document_id = declined
    session.get(Client, client_id).accessible_formats = ["gros_caracteres"]
    session.commit()
    login(client, "candidat1")
    assert "version accessible" in text(client.get(page_of(box, client_id)))
    response = client.get(f"{page_of(box, client_id)}/documents/{document_id}.html")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert '<html lang="fr">' in text(response) and REASON in html.unescape(text(response))
