"""Issue 9 on the API: POST /api/v1/auth/token is throttled like /login; administrators manage accounts."""

from __future__ import annotations

import json

import pytest

from tests.helpers.accounts import PASSWORD

TOKEN_URL = "/api/v1/auth/token"
WRONG = "pas-le-bon-mot-de-passe"


@pytest.fixture
def no_delay(app):  # type: ignore[no-untyped-def]
    app.config["LOGIN_FIRST_DELAY_SECONDS"] = 0


def test_the_eleventh_wrong_password_gets_429_with_retry_after(api, world, journal_count, no_delay):
    for _ in range(10):
        assert api.post(TOKEN_URL, json={"username": "candidat1", "password": WRONG}).status_code == 401
    locked = api.post(TOKEN_URL, json={"username": "candidat1", "password": PASSWORD})
    assert locked.status_code == 429
    assert locked.headers["Retry-After"] == str(30 * 60)
    payload = locked.get_json()
    assert payload["code"] == 429 and payload["message"].startswith("Trop de tentatives de connexion")
    assert journal_count("auth.login.failure") == 10
    assert journal_count("auth.token.issue") == 0


def test_the_delay_applies_to_the_api_too(api, world):
    for _ in range(5):
        api.post(TOKEN_URL, json={"username": "formatrice", "password": WRONG})
    response = api.post(TOKEN_URL, json={"username": "formatrice", "password": PASSWORD})
    assert response.status_code == 429 and response.headers["Retry-After"] == "2"


def test_failures_are_journaled_without_the_password(api, world, last_entry):
    api.post(TOKEN_URL, json={"username": "candidat1", "password": WRONG})
    entry = last_entry("auth.login.failure")
    assert entry.input == {"username": "candidat1", "address": "127.0.0.1", "channel": "api"}
    assert WRONG not in json.dumps([entry.input, entry.outcome])


@pytest.mark.parametrize("raw_name", ['"a\\u0000b"', '"\\ud800"', '"' + "x" * 40 + '"'])
def test_strange_usernames_get_401_not_500(client, world, raw_name):
    body = f'{{"username": {raw_name}, "password": "{WRONG}"}}'
    response = client.post(TOKEN_URL, data=body, content_type="application/json")
    assert response.status_code in (401, 422), response.get_json()


def test_admin_lists_accounts_with_their_sign_in_state(api, world, no_delay):
    for _ in range(10):
        api.post(TOKEN_URL, json={"username": "candidat1", "password": WRONG})
    listed = {row["username"]: row for row in api.get("/api/v1/accounts", user="admin").get_json()}
    assert listed["candidat1"]["locked"] is True and listed["candidat1"]["failures"] == 10
    assert listed["candidat1"]["locked_until"].endswith("Z")
    assert listed["candidat2"] | {"id": 0, "created_at": ""} == {
        "id": 0,
        "username": "candidat2",
        "display_name": "Candidat2",
        "role": "candidate",
        "role_label": "Candidat",
        "active": True,
        "created_at": "",
        "last_login_at": None,
        "failures": 0,
        "locked": False,
        "locked_until": None,
    }


def test_admin_unlocks_then_the_account_signs_in(api, world, journal_count, no_delay):
    for _ in range(10):
        api.post(TOKEN_URL, json={"username": "candidat1", "password": WRONG})
    unlocked = api.delete(f"/api/v1/accounts/{world.candidate.user_id}/lock", user="admin")
    assert unlocked.get_json() == {"unlocked": True}
    assert journal_count("user.unlock") == 1
    assert api.post(TOKEN_URL, json={"username": "candidat1", "password": PASSWORD}).status_code == 201
    again = api.delete(f"/api/v1/accounts/{world.candidate.user_id}/lock", user="admin")
    assert again.get_json() == {"unlocked": False} and journal_count("user.unlock") == 1


def test_admin_disables_an_account_and_its_tokens_stop(api, world, journal_count):
    assert api.get("/api/v1/me", user="candidat2").status_code == 200
    response = api.patch(f"/api/v1/accounts/{world.classmate.user_id}", user="admin", json={"active": False})
    assert response.status_code == 200 and response.get_json()["active"] is False
    assert api.get("/api/v1/me", user="candidat2").status_code == 401
    assert api.post(TOKEN_URL, json={"username": "candidat2", "password": PASSWORD}).status_code == 401
    assert journal_count("user.disable") == 1
    own = api.patch(f"/api/v1/accounts/{world.admin.user_id}", user="admin", json={"active": False})
    assert own.status_code == 409
    missing = api.patch(f"/api/v1/accounts/{world.admin.user_id}", user="admin", json={})
    assert missing.status_code == 422 and missing.get_json()["errors"] == {"active": ["Champ obligatoire."]}


def test_admin_gives_a_new_password_generated_or_typed(api, world):
    assert api.get("/api/v1/me", user="candidat1").status_code == 200
    generated = api.post(f"/api/v1/accounts/{world.candidate.user_id}/password", user="admin", json={})
    password = generated.get_json()["password"]
    assert len(password) == 16
    assert api.get("/api/v1/me", user="candidat1").status_code == 401  # its tokens ended
    assert api.post(TOKEN_URL, json={"username": "candidat1", "password": password}).status_code == 201
    typed = api.post(
        f"/api/v1/accounts/{world.candidate.user_id}/password", user="admin", json={"password": "tapé-par-admin"}
    )
    assert typed.get_json() == {"password": None}
    short = api.post(f"/api/v1/accounts/{world.candidate.user_id}/password", user="admin", json={"password": "court"})
    assert short.status_code == 422


@pytest.mark.parametrize("user_id", [999999, 2**31, 2**63])
def test_an_unknown_account_is_404(api, world, user_id):
    assert api.get(f"/api/v1/accounts/{user_id}", user="admin").status_code == 404
    assert api.patch(f"/api/v1/accounts/{user_id}", user="admin", json={"active": True}).status_code == 404
