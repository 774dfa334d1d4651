"""The API reports every problem of a body at once, and refuses an inverted journal period (issue 9, section 6)."""

from __future__ import annotations

from tests.web.test_form_messages import EVERY_PROBLEM, INVERTED, MISTAKES


def test_the_api_reports_every_client_problem_at_once(api, world):
    response = api.post(f"/api/v1/sandboxes/{world.sandbox_id}/clients", user="candidat1", json=MISTAKES)
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == EVERY_PROBLEM


def test_the_journal_api_refuses_an_inverted_period(api, world):
    query = "date_from=2026-03-05&date_to=2026-03-01"
    response = api.get(f"/api/v1/sandboxes/{world.sandbox_id}/journal?{query}", user="evaluateur")
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"date_to": [INVERTED]}
