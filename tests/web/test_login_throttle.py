"""Issue 9: wrong passwords on /login are slowed, then locked (429 with Retry-After), counted per account
and per address, journaled without the password; an administrator unlocks."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from polyadmin.app import create_app
from polyadmin.store.models import JournalEntry
from tests.helpers.accounts import PASSWORD
from tests.helpers.web import csrf_token, login, text

WRONG = "pas-le-bon-mot-de-passe"


@pytest.fixture
def no_delay(app):  # type: ignore[no-untyped-def]
    """Only the lock counts: the growing delay is tested on its own."""
    app.config["LOGIN_FIRST_DELAY_SECONDS"] = 0


def failures(session, action: str = "auth.login.failure") -> list[JournalEntry]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.execute(select(JournalEntry).where(JournalEntry.action == action)).scalars())


def test_the_eleventh_wrong_password_gets_429_with_retry_after(client, world, session, no_delay):
    for attempt in range(1, 11):
        response = login(client, "candidat1", WRONG)
        assert response.status_code == 200, attempt
        assert "Identifiant ou mot de passe incorrect." in text(response)
    locked = login(client, "candidat1", WRONG)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) == 30 * 60
    assert "Trop de tentatives de connexion : réessayez dans 30 minutes" in text(locked)
    # Locked means locked: the right password is refused too, without being checked.
    assert login(client, "candidat1", PASSWORD).status_code == 429
    assert client.get("/").status_code == 302
    assert len(failures(session)) == 10  # the refused attempts are not checked, so not counted


def test_after_five_failures_each_attempt_waits_a_growing_delay(client, world):
    for _ in range(5):
        assert login(client, "formatrice", WRONG).status_code == 200
    too_soon = login(client, "formatrice", PASSWORD)
    assert too_soon.status_code == 429
    assert too_soon.headers["Retry-After"] == "2"
    assert "réessayez dans 2 secondes" in text(too_soon)


def test_failures_are_journaled_without_the_password(client, world, session, no_delay):
    login(client, "candidat1", WRONG)
    login(client, "personne", WRONG)
    entries = failures(session)
    assert [entry.input["username"] for entry in entries] == ["candidat1", "personne"]
    assert all(entry.stream == "platform" and entry.input["address"] == "127.0.0.1" for entry in entries)
    assert entries[0].record_id == str(world.candidate.user_id) and entries[1].record_id is None
    assert [entry.outcome["failures"] for entry in entries] == [1, 1]
    assert [entry.outcome["address_failures"] for entry in entries] == [1, 2]
    for entry in entries:
        assert WRONG not in json.dumps([entry.input, entry.outcome])


def test_a_successful_sign_in_forgives_the_account_and_is_journaled(client, world, session, no_delay):
    for _ in range(4):
        login(client, "candidat1", WRONG)
    assert login(client, "candidat1").status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    for _ in range(9):
        assert login(client, "candidat1", WRONG).status_code == 200  # the count started again
    assert [entry.actor_username for entry in failures(session, "auth.login")] == ["candidat1"]


def test_one_address_trying_many_accounts_is_locked(app, client, world, no_delay):
    app.config["LOGIN_ADDRESS_LOCK_AFTER"] = 12
    app.config["LOGIN_ADDRESS_DELAY_AFTER"] = 12
    for number in range(12):
        assert login(client, f"essai{number}", WRONG).status_code == 200
    assert login(client, "candidat2", PASSWORD).status_code == 429
    other_address = app.test_client()
    token = csrf_token(other_address, "/login")
    response = other_address.post(
        "/login",
        data={"username": "candidat2", "password": PASSWORD, "csrf_token": token},
        environ_base={"REMOTE_ADDR": "10.0.0.7"},
    )
    assert response.status_code == 302


def test_unknown_and_malformed_usernames_are_counted_and_never_break(client, world, no_delay):
    for name in ("inconnu", "x" * 500, "Élodie <b>"):
        response = login(client, name, WRONG)
        assert response.status_code == 200
        assert "Identifiant ou mot de passe incorrect." in text(response)
    # A NUL byte is refused by the input guard before the sign-in is even tried (issue 9, §3).
    refused = login(client, "a\x00b", WRONG)
    assert refused.status_code == 422


def test_behind_a_trusted_proxy_the_client_address_is_counted(db, database_url, tmp_path, world, session):
    proxied = create_app(
        {
            "POLYADMIN_ENV": "test",
            "DATABASE": db,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "clé-de-test",
            "INSTANCE_PATH": str(tmp_path / "proxied"),
            "PROXY_HOPS": 1,
        }
    ).test_client()
    token = csrf_token(proxied, "/login")
    proxied.post(
        "/login",
        data={"username": "candidat1", "password": WRONG, "csrf_token": token},
        headers={"X-Forwarded-For": "203.0.113.9"},
    )
    assert failures(session)[-1].input["address"] == "203.0.113.9"
