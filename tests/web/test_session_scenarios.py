"""The trainer's pages: a session opened from a scenario, each sandbox's seeding, and its reset."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from sqlalchemy import select

from polyadmin.services.clients import create_client
from polyadmin.store.models import Client, ExamSession, JournalEntry
from polyadmin.store.portfolio import SandboxSeeding
from tests.helpers.factories import PersonClientData
from tests.helpers.web import csrf_token, login, post_form, text

SCENARIOS = Path(__file__).resolve().parents[1] / "data" / "seeding"  # mini.yaml: 20 clients


@pytest.fixture
def scenarios(app):
    app.config["SCENARIOS_PATH"] = str(SCENARIOS)
    return SCENARIOS


@pytest.fixture
def seeded(client, world, session, scenarios):
    """A session « Session mini » opened through the form, candidat2 and candidat3 seeded with mini.yaml."""
    login(client, "formatrice")
    response = post_form(
        client,
        "/sessions/new",
        {
            "name": "Session mini",
            "starts_on": "2026-02-16",
            "scenario": "mini",
            "seed": "7",
            "candidates": ["candidat2", "candidat3"],
            "evaluators": ["evaluateur"],
        },
    )
    assert response.status_code == 302, text(response)
    exam = session.execute(select(ExamSession).where(ExamSession.name == "Session mini")).scalar_one()
    return exam


def _clients_named(session, sandbox_id: int, last_name: str) -> list[int]:
    return list(
        session.execute(
            select(Client.id).where(Client.sandbox_id == sandbox_id, Client.search_name.like(f"{last_name.lower()} %"))
        ).scalars()
    )


def body(response) -> str:
    return html.unescape(text(response))


def test_the_new_session_form_offers_the_scenarios_and_an_empty_portfolio(client, world, scenarios):
    login(client, "formatrice")
    page = body(client.get("/sessions/new"))
    assert '<select id="f-scenario" name="scenario"' in page
    assert '<option value="portefeuille-vide" selected>Portefeuille vide (aucun client)</option>' in page
    assert '<option value="mini">Mini portefeuille (mini.yaml)</option>' in page
    assert 'name="seed"' in page


def test_a_session_opened_from_a_scenario_shows_each_sandbox_seeding(client, world, session, seeded):
    records = session.execute(select(SandboxSeeding)).scalars().all()
    assert len(records) == 2 and {record.seed for record in records} == {7}
    digests = {record.digest for record in records}
    assert len(digests) == 1  # every candidate gets the very same portfolio
    page = body(client.get(f"/sessions/{seeded.id}"))
    assert "Portefeuille ensemencé" in page and "<code>mini</code>" in page
    assert "20 clients" in page
    assert next(iter(digests))[:12] in page
    for box in seeded.sandboxes:
        assert f'href="/sandboxes/{box.id}/reset"' in page


def test_an_empty_portfolio_says_so_and_offers_no_reset(client, world):
    login(client, "formatrice")
    page = body(client.get(f"/sessions/{world.exam_session_id}"))
    assert "Non ensemencé (portefeuille vide)" in page
    assert "/reset" not in page


def test_the_trainer_resets_a_sandbox_after_confirming(client, world, session, seeded):
    box = next(box for box in seeded.sandboxes if box.candidate.username == "candidat2")
    work = create_client(session, world.classmate, box.id, PersonClientData(last_name="Travail"))
    path = f"/sandboxes/{box.id}/reset"
    page = body(client.get(path))
    assert "Tout le travail du candidat dans ce bac à sable est supprimé" in page
    assert "Le journal des actions est conservé" in page

    token = csrf_token(client, path)
    refused = client.post(path, data={"csrf_token": token})  # the box is not ticked
    assert refused.status_code == 422
    assert "Cochez la case pour confirmer la réinitialisation." in body(refused)
    assert _clients_named(session, box.id, "Travail") == [work.id]

    response = client.post(path, data={"csrf_token": token, "confirm": "oui"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/sessions/{seeded.id}#sandbox-{box.id}")
    done = body(client.get(response.headers["Location"]))
    assert "réinitialisé" in done and "Le journal est conservé." in done
    session.expire_all()
    assert _clients_named(session, box.id, "Travail") == []
    actions = session.execute(
        select(JournalEntry.action).where(JournalEntry.sandbox_id == box.id).order_by(JournalEntry.seq)
    ).scalars()
    assert list(actions)[-3:] == ["sandbox.seed", "client.create", "sandbox.reset"]


def test_a_reset_without_the_csrf_token_changes_nothing(client, world, session, seeded):
    box = seeded.sandboxes[0]
    before = session.execute(select(JournalEntry.id).where(JournalEntry.sandbox_id == box.id)).all()
    response = client.post(f"/sandboxes/{box.id}/reset", data={"confirm": "oui"})
    assert response.status_code == 400
    assert session.execute(select(JournalEntry.id).where(JournalEntry.sandbox_id == box.id)).all() == before


@pytest.mark.parametrize(("user", "status"), [("evaluateur", 403), ("candidat2", 403), ("formateur2", 404)])
def test_others_may_not_reset(client, world, session, seeded, user, status):
    box = next(box for box in seeded.sandboxes if box.candidate.username == "candidat2")
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, user)
    assert client.get(f"/sandboxes/{box.id}/reset").status_code == status
    token = csrf_token(client, "/")
    response = client.post(f"/sandboxes/{box.id}/reset", data={"csrf_token": token, "confirm": "oui"})
    assert response.status_code == status
    resets = session.execute(select(JournalEntry).where(JournalEntry.action == "sandbox.reset")).all()
    assert resets == []
