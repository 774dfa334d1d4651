"""« Documents »: the sandbox's supporting documents listed, each opening as its SPECIMEN PDF.

The rows are written by the model factories (the scenario seeding is not needed to test the pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from pdfminer.high_level import extract_text

from polyadmin.app import create_app
from tests.helpers.accounts import START
from tests.helpers.factories import ClientFactory, SubscriptionRequestFactory, SupportingDocumentFactory
from tests.helpers.web import login, text

ANOMALY = "CRM de 0,85 sur le relevé, 0,68 déclaré par le client"
READERS = ("admin", "formatrice", "evaluateur", "candidat1")
PO = Path(__file__).resolve().parents[2] / "polyadmin" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
EVALUATION_READERS = ("admin", "formatrice", "evaluateur")
OUTSIDERS = ("formateur2", "evaluateur2", "candidat2", "candidat3")


@dataclass
class Documents:
    releve: int  # with the anomaly, on an arrived request
    kbis: int  # no request
    upcoming: int  # on a request received after the simulation date
    foreign: int  # in candidat2's sandbox
    client_id: int


ISSUED_ON = START - timedelta(days=10)


@pytest.fixture
def documents(session, world) -> Documents:
    person = ClientFactory(sandbox=world.sandbox_id, first_name="Hélène", last_name="Lefèvre")
    company = ClientFactory(sandbox=world.sandbox_id, company=True, company_name="Fournil Noël")
    arrived = SubscriptionRequestFactory(client=person, received_on=START - timedelta(days=1))
    later = SubscriptionRequestFactory(client=person, received_on=START + timedelta(days=5))
    releve = SupportingDocumentFactory(
        client=person,
        request=arrived,
        issued_on=ISSUED_ON,
        title="Relevé d'information — Mutuelle Armoricaine",
        valid_until=START + timedelta(days=80),
        data={"insurer": "Mutuelle Armoricaine", "registration": "GH-417-KL", "crm": "0.85", "claims": []},
        anomaly=ANOMALY,
    ).id
    kbis = SupportingDocumentFactory(
        client=company,
        kind="kbis",
        issued_on=ISSUED_ON,
        title="Extrait Kbis",
        data={"company_name": "Fournil Noël", "share_capital": "15000"},
    ).id
    upcoming = SupportingDocumentFactory(
        client=person, request=later, kind="rib", issued_on=ISSUED_ON, title="RIB à venir"
    ).id
    classmate = ClientFactory(sandbox=world.classmate_sandbox_id)
    foreign = SupportingDocumentFactory(client=classmate, kind="rib", issued_on=ISSUED_ON, title="RIB d'un autre").id
    return Documents(releve=releve, kbis=kbis, upcoming=upcoming, foreign=foreign, client_id=person.id)


def pdf_path(sandbox_id: int, document_id: int) -> str:
    return f"/sandboxes/{sandbox_id}/documents/{document_id}.pdf"


def pdf_text(data: bytes) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", extract_text(BytesIO(data)))


@pytest.mark.parametrize("user", READERS)
def test_the_pdf_of_a_document_is_its_specimen_for_every_reader(client, world, documents, user):
    login(client, user)
    response = client.get(pdf_path(world.sandbox_id, documents.releve))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert (
        response.headers["Content-Disposition"] == f'inline; filename="piece-{documents.releve}-releve_information.pdf"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    content = pdf_text(response.get_data())
    assert "SPECIMEN" in content and "Document fictif de formation — polyadmin — sans valeur" in content
    assert "GH-417-KL" in content and "0,85" in content and "Mutuelle Armoricaine" in content
    assert "Néant" in content  # no claim on the relevé
    assert ANOMALY not in content  # the planted anomaly is never printed on the document


def test_amounts_on_a_kbis_are_french(client, world, documents):
    login(client, "candidat1")
    content = pdf_text(client.get(pdf_path(world.sandbox_id, documents.kbis)).get_data())
    assert "15 000,00 €" in content and "Fournil Noël" in content


@pytest.mark.parametrize("user", OUTSIDERS)
def test_a_document_of_a_sandbox_one_may_not_read_is_not_found(client, world, documents, user):
    login(client, user)
    assert client.get(pdf_path(world.sandbox_id, documents.releve)).status_code == 404


def test_a_document_of_another_sandbox_is_not_found_through_ones_own(app, client, world, documents):
    login(client, "candidat1")
    assert client.get(pdf_path(world.sandbox_id, documents.foreign)).status_code == 404
    assert client.get(pdf_path(world.classmate_sandbox_id, documents.foreign)).status_code == 404
    assert client.get(pdf_path(world.sandbox_id, 999999)).status_code == 404
    classmate = app.test_client()
    login(classmate, "candidat2")
    assert classmate.get(pdf_path(world.classmate_sandbox_id, documents.foreign)).status_code == 200


def test_the_documents_of_a_request_not_yet_received_wait_for_the_simulation_date(app, client, world, documents):
    login(client, "candidat1")
    assert client.get(pdf_path(world.sandbox_id, documents.upcoming)).status_code == 404
    assert "RIB à venir" not in text(client.get(f"/sandboxes/{world.sandbox_id}/documents"))
    evaluator = app.test_client()
    login(evaluator, "evaluateur")
    assert evaluator.get(pdf_path(world.sandbox_id, documents.upcoming)).status_code == 200
    assert "RIB à venir" in text(evaluator.get(f"/sandboxes/{world.sandbox_id}/documents"))


def test_the_candidate_lists_the_documents_with_their_client_request_dates_and_links(client, world, documents):
    login(client, "candidat1")
    body = text(client.get(f"/sandboxes/{world.sandbox_id}/documents"))
    assert "<h1>Pièces justificatives</h1>" in body
    assert "Relevé d&#39;information" in body and "Extrait Kbis" in body
    assert "DS-000001" in body and "LEFÈVRE Hélène" in body and "Fournil Noël" in body
    assert "20/02/2026" in body  # issued ten days before the simulation date
    assert f'href="{pdf_path(world.sandbox_id, documents.releve)}"' in body
    assert f'href="{pdf_path(world.sandbox_id, documents.kbis)}"' in body
    assert f'href="/sandboxes/{world.sandbox_id}/clients/{documents.client_id}"' in body
    assert "RIB d&#39;un autre" not in body
    assert 'aria-current="page">Documents</a>' in body


def test_the_anomaly_is_never_shown_to_the_candidate(client, world, documents):
    login(client, "candidat1")
    body = text(client.get(f"/sandboxes/{world.sandbox_id}/documents"))
    assert "Anomalie" not in body and "Réservé aux évaluateurs" not in body
    assert "0,68" not in body


@pytest.mark.parametrize("user", EVALUATION_READERS)
def test_evaluators_see_the_anomaly_column(client, world, documents, user):
    login(client, user)
    body = text(client.get(f"/sandboxes/{world.sandbox_id}/documents"))
    assert "Anomalie" in body and "Réservé aux évaluateurs" in body
    assert "CRM de 0,85 sur le relevé, 0,68 déclaré par le client" in body


def test_an_empty_sandbox_says_so(client, world):
    login(client, "candidat1")
    body = text(client.get(f"/sandboxes/{world.sandbox_id}/documents"))
    assert "Aucune pièce justificative dans ce bac à sable" in body


def test_the_documents_entry_of_the_navigation_is_live(client, world):
    login(client, "candidat1")
    body = text(client.get(f"/sandboxes/{world.sandbox_id}/"))
    assert f'href="/sandboxes/{world.sandbox_id}/documents"' in body


def test_the_documents_page_in_english(db, database_url, world, documents, tmp_path):
    catalog_dir = tmp_path / "translations" / "en" / "LC_MESSAGES"
    catalog_dir.mkdir(parents=True)
    with PO.open("rb") as source, (catalog_dir / "messages.mo").open("wb") as target:
        write_mo(target, read_po(source))
    app = create_app(
        {
            "POLYADMIN_ENV": "test",
            "DATABASE": db,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "clé-de-test",
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path / "translations"),
        }
    )
    english = app.test_client()
    login(english, "evaluateur")
    body = text(english.get(f"/sandboxes/{world.sandbox_id}/documents?lang=en"))
    assert '<html lang="en">' in body
    assert "<h1>Supporting documents</h1>" in body and "3 documents" in body
    assert "Evaluators only" in body and "Issued on" in body and "Valid until" in body
