"""POST/DELETE /api/v1/auth/token, GET /api/v1/me and the bearer check on every other endpoint."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from polyadmin.services import users
from polyadmin.store.models import User
from tests.helpers.accounts import PASSWORD

TOKEN_URL = "/api/v1/auth/token"


def test_token_exchange_gives_a_token_valid_for_the_configured_hours(api, app, journal_count, last_entry):
    before = journal_count("auth.token.issue")
    response = api.post(TOKEN_URL, json={"username": "candidat1", "password": PASSWORD})
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"token", "expires_at"}
    assert len(body["token"]) >= 32
    assert body["expires_at"].endswith("Z")
    expires = datetime.strptime(body["expires_at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    expected = datetime.now(UTC) + timedelta(hours=app.config["TOKEN_TTL_HOURS"])
    assert abs(expires - expected) < timedelta(minutes=1)
    assert journal_count("auth.token.issue") == before + 1
    entry = last_entry("auth.token.issue")
    assert entry.actor_username == "candidat1"
    assert entry.outcome["expires_at"] == body["expires_at"]
    assert body["token"] not in str(entry.outcome)  # only the digest is kept

    me = api.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.get_json() == {"username": "candidat1", "display_name": "Candidat1", "role": "candidate"}


def test_token_exchange_needs_no_csrf_token_and_sets_no_cookie(api, world):
    response = api.post(TOKEN_URL, json={"username": "admin", "password": PASSWORD})
    assert response.status_code == 201
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    ("username", "password"),
    [("candidat1", "mauvais-mot-de-passe"), ("inconnu", PASSWORD), ("candidat1", " " + PASSWORD)],
)
def test_wrong_credentials_answer_401_without_saying_which(api, world, journal_count, username, password):
    before = journal_count()
    response = api.post(TOKEN_URL, json={"username": username, "password": password})
    assert response.status_code == 401
    assert response.get_json() == {
        "code": 401,
        "status": "Unauthorized",
        "message": "Identifiant ou mot de passe incorrect.",
    }
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert journal_count() == before + 1  # the failure, on the platform stream (issue 9)
    assert journal_count("auth.login.failure") == 1


def test_inactive_account_gets_no_token(api, session, world):
    session.execute(update(User).where(User.username == "candidat2").values(active=False))
    session.commit()
    response = api.post(TOKEN_URL, json={"username": "candidat2", "password": PASSWORD})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"username": ["Champ obligatoire."], "password": ["Champ obligatoire."]}),
        ({"username": "", "password": ""}, {"username": ["Champ obligatoire."], "password": ["Champ obligatoire."]}),
        ({"username": "candidat1"}, {"password": ["Champ obligatoire."]}),
        ({"username": 12, "password": ["x"]}, {"username": ["Texte attendu."], "password": ["Texte attendu."]}),
        ({"username": "candidat1", "password": PASSWORD, "remember": True}, {"remember": ["Champ inconnu."]}),
        (["candidat1", PASSWORD], {"_schema": ["Format de données invalide : un objet est attendu."]}),
    ],
)
def test_token_exchange_validates_in_french(api, world, journal_count, body, errors):
    before = journal_count()
    response = api.post(TOKEN_URL, json=body)
    assert response.status_code == 422
    assert response.get_json() == {
        "code": 422,
        "status": "Unprocessable Entity",
        "message": "Données invalides.",
        "errors": errors,
    }
    assert journal_count() == before


def test_empty_body_lists_the_missing_fields(api, world):
    response = api.post(TOKEN_URL)
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"username", "password"}


def test_malformed_json_is_a_400_in_french(api, world):
    response = api.post(TOKEN_URL, data='{"username": "candidat1",', content_type="application/json")
    assert response.status_code == 400
    body = response.get_json()
    assert body["code"] == 400 and body["status"] == "Bad Request"
    assert body["message"].startswith("Corps de requête JSON mal formé")
    assert "errors" not in body


def test_a_body_that_is_not_json_is_refused_with_415(api, world):
    response = api.post(TOKEN_URL, data="username=candidat1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert "application/json" in response.get_json()["message"]


def test_me_requires_a_token(api, world):
    response = api.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="polyadmin"'
    body = response.get_json()
    assert body["code"] == 401 and "Authorization: Bearer" in body["message"]


@pytest.mark.parametrize("header", ["Bearer pas-un-vrai-jeton", "Bearer ", "Basic YWRtaW46eA==", "pas-un-jeton"])
def test_unknown_or_malformed_authorization_is_refused(api, world, header):
    response = api.get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_expired_token_is_refused(api, world, monkeypatch):
    token = api.post(TOKEN_URL, json={"username": "candidat1", "password": PASSWORD}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/v1/me", headers=headers).status_code == 200
    later = datetime.now(UTC) + timedelta(hours=13)
    monkeypatch.setattr(users, "wall_now", lambda: later)
    response = api.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert "expiré" in response.get_json()["message"]
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_revoked_token_is_refused_afterwards(api, world, journal_count, last_entry):
    token = api.post(TOKEN_URL, json={"username": "evaluateur", "password": PASSWORD}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    response = api.delete(TOKEN_URL, headers=headers)
    assert response.status_code == 204
    assert response.data == b""
    assert last_entry("auth.token.revoke").actor_username == "evaluateur"
    assert api.get("/api/v1/me", headers=headers).status_code == 401
    assert api.delete(TOKEN_URL, headers=headers).status_code == 401


def test_revoking_one_token_keeps_the_others(api, world):
    first = api.post(TOKEN_URL, json={"username": "candidat1", "password": PASSWORD}).get_json()["token"]
    second = api.post(TOKEN_URL, json={"username": "candidat1", "password": PASSWORD}).get_json()["token"]
    assert api.delete(TOKEN_URL, headers={"Authorization": f"Bearer {first}"}).status_code == 204
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {second}"}).status_code == 200


def test_revoking_requires_a_token(api, world):
    assert api.delete(TOKEN_URL).status_code == 401


@pytest.mark.parametrize(
    ("username", "role"), [("admin", "admin"), ("formatrice", "trainer"), ("evaluateur", "evaluator")]
)
def test_me_tells_who_holds_the_token(api, world, username, role):
    response = api.get("/api/v1/me", user=username)
    assert response.get_json() == {"username": username, "display_name": username.capitalize(), "role": role}
