"""GET /api/v1/sandboxes/{id}/replay/{seq}: the sandbox at a step, for its evaluators and trainer only."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from polyadmin.services.clients import create_client, update_client
from polyadmin.store.models import JournalEntry
from tests.helpers.factories import PersonClientData

API = "/api/v1/sandboxes"


@pytest.fixture
def corrected(session, world):
    """A client created, then its city corrected, in candidat1's sandbox: (client id, seq before, seq after)."""
    client = create_client(session, world.candidate, world.sandbox_id, PersonClientData(city="Nantes"))
    before = session.execute(select(func.max(JournalEntry.seq)).where(JournalEntry.sandbox_id == world.sandbox_id))
    seq_before = before.scalar_one()
    update_client(session, world.candidate, world.sandbox_id, client.id, {"city": "Brest"}, client.version)
    return client.id, seq_before, seq_before + 1


@pytest.mark.parametrize("user", ["evaluateur", "formatrice", "admin"])
def test_the_session_evaluators_and_trainer_replay_a_step(api, world, corrected, user):
    client_id, seq_before, seq_after = corrected
    response = api.get(f"{API}/{world.sandbox_id}/replay/{seq_before}", user=user)
    assert response.status_code == 200, response.get_json()
    step = response.get_json()
    assert step["seq"] == seq_before and step["last_seq"] == seq_after
    assert step["entry"]["action"] == "client.create"
    (row,) = [row for row in step["state"]["clients"] if row["id"] == client_id]
    assert row["city"] == "NANTES"
    assert [(c["table"], c["op"]) for c in step["changes"]] == [("clients", "insert")]
    assert len(step["digest"]) == 64 and step["problems"] == []

    after = api.get(f"{API}/{world.sandbox_id}/replay/{seq_after}", user=user).get_json()
    (change,) = after["changes"]
    assert change["before"]["city"] == "NANTES" and change["after"]["city"] == "BREST"
    assert after["entry"]["action"] == "client.update" and after["digest"] != step["digest"]


def test_a_candidate_and_strangers_cannot_replay(api, world, corrected):
    _client_id, _before, seq = corrected
    path = f"{API}/{world.sandbox_id}/replay/{seq}"
    refused = api.get(path, user="candidat1")
    assert refused.status_code == 403 and "évaluateurs" in refused.get_json()["message"]
    for user in ("candidat2", "formateur2", "evaluateur2"):
        assert api.get(path, user=user).status_code == 404, user


def test_an_unknown_step_is_not_found(api, world, corrected):
    _client_id, _before, seq = corrected
    for unknown in (seq + 1, 0, 2**31 - 1):
        response = api.get(f"{API}/{world.sandbox_id}/replay/{unknown}", user="evaluateur")
        assert response.status_code == 404, unknown
        assert response.get_json()["message"]
