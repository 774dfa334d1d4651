"""The « Rejouer » pages: a step with its entry, its changes in French and the state; the integrity
banner; the side-by-side page; links from the journal and the session."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from polyadmin.services.clients import create_client, update_client
from polyadmin.store.models import Client, JournalEntry
from tests.helpers.factories import PersonClientData
from tests.helpers.web import login, text


@pytest.fixture
def corrected(session, world):
    client = create_client(session, world.candidate, world.sandbox_id, PersonClientData(city="Nantes"))
    update_client(session, world.candidate, world.sandbox_id, client.id, {"city": "Brest"}, client.version)
    last = session.execute(select(func.max(JournalEntry.seq)).where(JournalEntry.sandbox_id == world.sandbox_id))
    return client.id, last.scalar_one()


def test_a_step_shows_its_entry_its_changes_and_the_state(client, world, corrected):
    _client_id, last = corrected
    login(client, "evaluateur")
    response = client.get(f"/sandboxes/{world.sandbox_id}/replay")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/replay/{last}")
    page = text(client.get(f"/sandboxes/{world.sandbox_id}/replay/{last}"))
    assert "Modification d&#39;une fiche client" in page or "Modification d'une fiche client" in page
    assert "Ville" in page and "NANTES" in page and "BREST" in page  # the field's French label, before → after
    assert "Modification" in page and "Étape précédente" in page and "Étape suivante" not in page
    assert "identique aux enregistrements" in page  # the integrity banner
    assert "city" not in page  # no raw column name
    before = text(client.get(f"/sandboxes/{world.sandbox_id}/replay/{last - 1}"))
    assert "Création" in before and "Étape suivante" in before
    assert "Clients (1)" in before


def test_a_row_changed_outside_the_journal_shows_a_divergence(client, session, world, corrected):
    client_id, last = corrected
    session.execute(update(Client).where(Client.id == client_id).values(city="AILLEURS"))
    session.commit()
    login(client, "formatrice")
    page = text(client.get(f"/sandboxes/{world.sandbox_id}/replay/{last}"))
    assert "DIVERGENCE" in page and "AILLEURS" in page


def test_going_to_a_typed_step_and_paging_the_records(client, world, corrected):
    _client_id, last = corrected
    login(client, "evaluateur")
    response = client.get(f"/sandboxes/{world.sandbox_id}/replay?seq=1")
    assert response.headers["Location"].endswith("/replay/1")
    response = client.get(f"/sandboxes/{world.sandbox_id}/replay?seq=abc")
    assert response.headers["Location"].endswith(f"/replay/{last}")
    page = client.get(f"/sandboxes/{world.sandbox_id}/replay/{last}?table=clients&page=9")
    assert page.status_code == 200
    assert client.get(f"/sandboxes/{world.sandbox_id}/replay/{last + 1}").status_code == 404


def test_the_journal_and_the_session_link_to_the_replay(client, world, corrected):
    login(client, "formatrice")
    journal = text(client.get(f"/sandboxes/{world.sandbox_id}/journal"))
    assert f"/sandboxes/{world.sandbox_id}/replay" in journal
    detail = text(client.get(f"/sessions/{world.exam_session_id}"))
    assert f"/sandboxes/{world.sandbox_id}/replay" in detail


def test_the_candidate_sees_no_replay_link_and_is_refused(client, world, corrected):
    login(client, "candidat1")
    assert "/replay" not in text(client.get(f"/sandboxes/{world.sandbox_id}/journal"))
    assert client.get(f"/sandboxes/{world.sandbox_id}/replay/1").status_code == 403


def test_the_side_by_side_page_lists_the_session_candidates(client, world, corrected):
    login(client, "evaluateur")
    response = client.get(f"/sessions/{world.exam_session_id}/replay")
    assert response.status_code == 200
    assert "Comparer deux candidats" in text(response)
