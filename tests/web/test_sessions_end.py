"""Issue 9: a copied session cookie stops working once its account signs out, gets a new password or is
disabled; every sign-in starts a new session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.services import accounts, users
from polyadmin.store.models import ApiToken, Client, User
from tests.helpers.web import csrf_token, login, text


@pytest.fixture
def token_for_web(session: Session) -> Callable[[str], str]:
    """A bearer token issued by the service (as POST /api/v1/auth/token does)."""

    def issue(username: str) -> str:
        user = session.execute(select(User).where(User.username == username)).scalar_one()
        return users.issue_token(session, user, timedelta(hours=1))[0]

    return issue


def copy_of(app: Flask, client: FlaskClient) -> FlaskClient:
    """Another browser holding the same session cookie (a stolen or copied cookie)."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def new_client_form(token: str) -> dict[str, str]:
    return {
        "csrf_token": token,
        "kind": "company",
        "company_name": "ACME",
        "siren": "732829320",
        "legal_form": "SAS",
        "email": "a@b.fr",
    }


def test_a_copied_cookie_neither_reads_nor_writes_after_logout(app, client, world, session):
    login(client, "candidat1")
    thief = copy_of(app, client)
    assert thief.get("/").status_code == 200  # the copy works while the session lives
    token = csrf_token(thief, "/")
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})

    assert thief.get("/").status_code == 302
    assert thief.get(f"/sandboxes/{world.sandbox_id}/clients").headers["Location"].startswith("/login")
    write = thief.post(f"/sandboxes/{world.sandbox_id}/clients/new", data=new_client_form(token))
    assert write.status_code == 302 and write.headers["Location"].startswith("/login")
    assert session.execute(select(Client)).first() is None


def test_logout_ends_the_other_sessions_of_the_account_too(app, world):
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, "formatrice")
    login(phone, "formatrice")
    laptop.post("/logout", data={"csrf_token": csrf_token(laptop, "/")})
    assert phone.get("/").status_code == 302


def test_a_new_password_ends_every_session_and_token(app, client, world, session, token_for_web):
    login(client, "candidat1")
    thief = copy_of(app, client)
    token = token_for_web("candidat1")
    accounts.reset_password(session, world.admin, world.candidate.user_id, "un-tout-nouveau-mot")
    assert client.get("/").status_code == 302
    assert thief.get("/").status_code == 302
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert login(client, "candidat1", "un-tout-nouveau-mot").status_code == 302
    assert client.get("/").status_code == 200


def test_disabling_ends_every_session_and_token(app, client, world, session, token_for_web):
    login(client, "candidat2")
    thief = copy_of(app, client)
    token = token_for_web("candidat2")
    accounts.set_active(session, world.admin, world.classmate.user_id, False)
    assert thief.get("/").status_code == 302
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    row = session.execute(select(ApiToken).where(ApiToken.user_id == world.classmate.user_id)).scalar_one()
    assert row.revoked_at is not None  # revoked, so enabling the account again does not revive it
    accounts.set_active(session, world.admin, world.classmate.user_id, True)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_each_sign_in_gets_a_new_session(client, world):
    login(client, "evaluateur")
    with client.session_transaction() as first:
        first_nonce, first_id = first["nonce"], first["_user_id"]
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, "evaluateur")
    with client.session_transaction() as second:
        assert second["nonce"] != first_nonce
        assert second["_user_id"] != first_id  # the generation moved on at logout
        assert "csrf_token" not in second or second.get("csrf_token") != first.get("csrf_token")


def test_signing_in_is_journaled_with_the_last_login(client, world, session):
    login(client, "formatrice")
    session.expire_all()
    user = session.get(User, world.trainer.user_id)
    assert user.last_login_at is not None
    assert "Tableau de bord" in text(client.get("/"))
