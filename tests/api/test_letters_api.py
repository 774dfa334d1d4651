"""The letters through the API: the decline letter of exa-3 once declined (404 before), the letter of a
request for documents — PDF answers, read-only, for whoever may read the sandbox."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pdfminer.high_level import extract_text

from polyadmin.services.exam_sessions import create_exam_session

API = "/api/v1/sandboxes"
REASON = "Résiliation pour non-paiement de moins de deux ans et coefficient de 2,43."


@pytest.fixture
def box(session, world) -> int:
    created = create_exam_session(
        session,
        world.trainer,
        {
            "name": "Examen de mars",
            "candidates": ["candidat1"],
            "evaluators": ["evaluateur"],
            "scenario": "examen-souscription",
        },
    )
    (sandbox,) = created.sandboxes
    return sandbox.id


def case(api, box: int, code: str) -> dict:
    listing = api.get(f"{API}/{box}/requests?per_page=50", user="evaluateur").get_json()
    (found,) = [item for item in listing["items"] if item["case_code"] == code]
    return found


def pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\u00a0\u202f]", " ", extract_text(BytesIO(pdf))))


def test_the_decline_letter_of_exa3_has_the_reason_and_the_bct_mention(api, box, journal_count):
    request = case(api, box, "exa-3-auto-refus")
    letter = f"{API}/{box}/requests/{request['id']}/decision/letter"
    before = api.get(letter, user="candidat1")
    assert before.status_code == 404 and before.get_json()["code"] == 404  # not declined yet
    decided = api.post(
        f"{API}/{box}/requests/{request['id']}/decision",
        user="candidat1",
        json={"outcome": "decline", "reason": REASON},
    )
    assert decided.status_code == 201, decided.get_json()
    count = journal_count()
    for user in ("candidat1", "evaluateur", "formatrice"):
        response = api.get(letter, user=user)
        assert response.status_code == 200 and response.mimetype == "application/pdf", user
        assert response.headers["Content-Disposition"] == f'attachment; filename="refus-{request["number"]}.pdf"'
        pdf = response.get_data()
        assert pdf.startswith(b"%PDF")
        text = pdf_text(pdf)
        assert REASON in text and request["number"] in text and "Bureau central de tarification" in text
    assert journal_count() == count  # printing writes nothing
    assert api.get(letter, user="candidat2").status_code == 404  # another candidate's sandbox


def test_the_letter_of_a_request_for_documents_lists_them_in_french(api, box):
    request = case(api, box, "exa-6-auto-certificat-incoherent")
    base = f"{API}/{box}/requests/{request['id']}/document-requests"
    asked = api.post(
        base,
        user="candidat1",
        json={"documents": ["certificat_immatriculation", "mandat_sepa"], "deadline": "2026-03-16"},
    )
    assert asked.status_code == 201, asked.get_json()
    response = api.get(f"{base}/{asked.get_json()['id']}/letter", user="evaluateur")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.get_data())
    assert request["number"] in text and "avant le 16 mars 2026" in text
    assert "Certificat d'immatriculation au nom du souscripteur ou de son conjoint" in text
    assert "RIB et mandat de prélèvement SEPA signé" in text
    assert api.get(f"{base}/{asked.get_json()['id'] + 99}/letter", user="evaluateur").status_code == 404


def test_the_letters_are_documented_as_pdf(api):
    spec = api.get("/api/v1/openapi.json").get_json()
    for path in (
        "/api/v1/sandboxes/{sandbox_id}/requests/{request_id}/decision/letter",
        "/api/v1/sandboxes/{sandbox_id}/requests/{request_id}/document-requests/{document_request_id}/letter",
    ):
        operation = spec["paths"][path]["get"]
        content = operation["responses"]["200"]["content"]
        assert content == {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
        assert operation["summary"].startswith("Imprimer") and {"401", "404"} <= set(operation["responses"])
