"""No input gets a 500 on the web pages: NUL bytes in searches, filters, forms and the login form, ids
beyond the database's integers, LIKE wildcards — each a 4xx French page, and nothing written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from polyadmin.services.clients import create_client
from polyadmin.store.models import Client, JournalEntry
from tests.helpers.factories import PersonClientData
from tests.helpers.web import csrf_token, post_form, text
from tests.web.test_clients import PERSON_FORM

HUGE_IDS = (2**31, 2**63, 2**64, 10**30)
CONTACT = {
    "occurred_on": "2026-03-02",
    "channel": "telephone",
    "direction": "sortant",
    "motive": "Relance",
    "summary": "Appel pour obtenir le relevé d'information.",
}


def journal_total(session) -> int:
    return session.execute(select(func.count()).select_from(JournalEntry)).scalar_one()


def assert_french_refusal(response, *statuses: int) -> str:
    assert response.status_code in (statuses or (400, 422)), (response.status_code, text(response)[:300])
    body = text(response)
    assert '<html lang="fr"' in body
    return body


def test_a_nul_byte_in_the_login_username_is_refused_before_authentication(client, world, session):
    before = journal_total(session)
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"username": "candidat1\x00", "password": "x" * 12, "csrf_token": token})
    body = assert_french_refusal(response)
    assert "Caractère nul" in body
    assert journal_total(session) == before


@pytest.mark.parametrize("query", ["q=%00", "q=Dupont%00", "q=%00&page=2"])
def test_a_nul_byte_in_the_client_search_is_refused(login_as, world, query):
    client = login_as("candidat1")
    assert_french_refusal(client.get(f"/sandboxes/{world.sandbox_id}/clients?{query}"))


@pytest.mark.parametrize("name", ["action", "record", "code", "date_from", "date_to"])
def test_a_nul_byte_in_a_journal_filter_is_refused(login_as, world, name):
    client = login_as("formatrice")
    assert_french_refusal(client.get(f"/sandboxes/{world.sandbox_id}/journal?{name}=a%00b"))


def test_a_nul_byte_in_a_contact_motive_writes_nothing(login_as, world, session):
    row = create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    client = login_as("candidat1")
    before = journal_total(session)
    path = f"/sandboxes/{world.sandbox_id}/clients/{row.id}"
    response = post_form(client, path, {**CONTACT, "motive": "Re\x00lance"}, action=f"{path}/contacts")
    assert_french_refusal(response)
    assert journal_total(session) == before


def test_a_nul_byte_in_a_first_name_writes_nothing(login_as, world, session):
    client = login_as("candidat1")
    before = journal_total(session)
    response = post_form(client, f"/sandboxes/{world.sandbox_id}/clients/new", {**PERSON_FORM, "first_name": "\x00"})
    assert_french_refusal(response)
    assert journal_total(session) == before
    count = session.execute(select(func.count()).select_from(Client).where(Client.sandbox_id == world.sandbox_id))
    assert count.scalar_one() == 0


@pytest.mark.parametrize("huge", HUGE_IDS)
@pytest.mark.parametrize(
    "template",
    [
        "/sandboxes/{huge}/",
        "/sandboxes/{huge}/clients",
        "/sandboxes/{sandbox}/clients/{huge}",
        "/sandboxes/{sandbox}/clients/{huge}/edit",
        "/sandboxes/{sandbox}/demandes/{huge}",
        "/sandboxes/{huge}/documents",
        "/sandboxes/{sandbox}/documents/{huge}.pdf",
        "/sandboxes/{huge}/reset",
        "/sandboxes/{huge}/journal",
        "/sandboxes/{huge}/catalogue",
        "/sandboxes/{huge}/simulateur",
        "/sandboxes/{huge}/outils",
        "/sessions/{huge}",
    ],
)
def test_a_page_of_an_id_beyond_the_database_integers_is_404(login_as, world, template, huge):
    client = login_as("formatrice")
    response = client.get(template.format(huge=huge, sandbox=world.sandbox_id))
    assert_french_refusal(response, 404)


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_forms_posted_to_an_id_beyond_the_database_integers_are_404(login_as, world, session, huge):
    client = login_as("formatrice")
    before = journal_total(session)
    token = csrf_token(client, f"/sessions/{world.exam_session_id}")
    for path, data in (
        (f"/sandboxes/{huge}/clock", {"date": "2026-04-01"}),
        (f"/sandboxes/{huge}/reset", {"confirm": "oui"}),
        (f"/sandboxes/{world.sandbox_id}/clients/{huge}/contacts", CONTACT),
    ):
        assert_french_refusal(client.post(path, data={**data, "csrf_token": token}), 404)
    assert journal_total(session) == before


@pytest.mark.parametrize("page", ["²", "١", "99999999999999999999"])
def test_an_odd_page_number_shows_the_first_page(login_as, world, page):
    client = login_as("candidat1")
    assert client.get(f"/sandboxes/{world.sandbox_id}/clients", query_string={"page": page}).status_code == 200


@pytest.mark.parametrize("typed", ["%", "_", "%_"])
def test_like_wildcards_typed_in_the_search_box_match_nothing(login_as, world, session, typed):
    for last_name in ("Dupont", "Martin"):
        create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name=last_name))
    client = login_as("candidat1")
    everyone = text(client.get(f"/sandboxes/{world.sandbox_id}/clients"))
    assert "DUPONT" in everyone and "MARTIN" in everyone
    response = client.get(f"/sandboxes/{world.sandbox_id}/clients", query_string={"q": typed})
    assert response.status_code == 200
    assert "DUPONT" not in text(response) and "MARTIN" not in text(response)
