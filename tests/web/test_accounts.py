"""Issue 9: the administrator manages accounts in the web back office; nobody else reaches those pages."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from polyadmin.store.models import JournalEntry, User
from tests.helpers.accounts import PASSWORD, ROLE_USERS
from tests.helpers.web import csrf_token, login, post_form, text

WRONG = "pas-le-bon-mot-de-passe"


def entries(session, action: str) -> list[JournalEntry]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(
        session.execute(select(JournalEntry).where(JournalEntry.action == action).order_by(JournalEntry.id)).scalars()
    )


def user_named(session, username: str) -> User:  # type: ignore[no-untyped-def]
    session.expire_all()
    return session.execute(select(User).where(User.username == username)).scalar_one()


def as_admin(app):  # type: ignore[no-untyped-def]
    admin = app.test_client()
    login(admin, "admin")
    return admin


def test_the_list_shows_role_state_last_login_and_lock(app, client, world, session):
    app.config["LOGIN_FIRST_DELAY_SECONDS"] = 0
    for _ in range(10):
        login(client, "candidat1", WRONG)
    admin = as_admin(app)
    page = text(admin.get("/accounts"))
    assert '<a href="/accounts" aria-current="page">Comptes</a>' in page
    row = page[page.index('id="compte-candidat1"') :].split("</tr>")[0]
    assert "Candidat" in row and "Actif" in row and "Bloqué jusqu" in row and "jamais" in row
    admin_row = page[page.index('id="compte-admin"') :].split("</tr>")[0]
    assert "jamais" not in admin_row  # the admin just signed in
    assert "Désactiver" not in admin_row  # nobody disables their own account


def test_admin_creates_an_account_with_a_typed_password(app, world, session):
    admin = as_admin(app)
    response = post_form(
        admin,
        "/accounts/new",
        {
            "username": "Nouvelle",
            "display_name": "Nina Nouvelle",
            "role": "evaluator",
            "password": "un-mot-de-passe-sur",
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/accounts"
    assert user_named(session, "nouvelle").role == "evaluator"
    assert login(app.test_client(), "nouvelle", "un-mot-de-passe-sur").status_code == 302
    created = entries(session, "user.create")[-1]
    assert created.actor_username == "admin" and "un-mot-de-passe-sur" not in str(created.input)


def test_admin_creates_an_account_with_a_generated_password_shown_once(app, world, session):
    admin = as_admin(app)
    response = post_form(admin, "/accounts/new", {"username": "genere", "display_name": "", "role": "candidate"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    password = text(response).split('<code id="mot-de-passe">')[1].split("</code>")[0]
    assert len(password) == 16
    assert login(app.test_client(), "genere", password).status_code == 302
    assert password not in text(admin.get("/accounts"))


def test_a_refused_account_shows_french_errors_beside_the_fields(app, world, session):
    admin = as_admin(app)
    response = post_form(
        admin, "/accounts/new", {"username": "x", "display_name": "", "role": "pirate", "password": "court"}
    )
    assert response.status_code == 422
    body = text(response)
    assert "Le formulaire contient 3 erreurs" in body
    assert "Mot de passe : 10 caractères au minimum." in body
    duplicate = post_form(admin, "/accounts/new", {"username": "candidat1", "display_name": "", "role": "candidate"})
    assert duplicate.status_code == 409
    assert "Cet identifiant existe déjà." in text(duplicate)


def test_admin_disables_and_enables_an_account(app, world, session):
    admin = as_admin(app)
    token = csrf_token(admin, "/accounts")
    disabled = admin.post(f"/accounts/{world.classmate.user_id}/disable", data={"csrf_token": token})
    assert disabled.status_code == 302
    assert not user_named(session, "candidat2").active
    assert login(app.test_client(), "candidat2").status_code == 200  # refused like a wrong password
    admin.post(f"/accounts/{world.classmate.user_id}/enable", data={"csrf_token": token})
    assert user_named(session, "candidat2").active
    assert [entry.input["username"] for entry in entries(session, "user.disable")] == ["candidat2"]
    assert len(entries(session, "user.enable")) == 1


def test_the_admin_cannot_disable_their_own_account(app, world, session):
    admin = as_admin(app)
    response = admin.post(
        f"/accounts/{world.admin.user_id}/disable", data={"csrf_token": csrf_token(admin, "/accounts")}
    )
    assert response.status_code == 302
    assert "Vous ne pouvez pas désactiver votre propre compte." in text(admin.get("/accounts"))
    assert user_named(session, "admin").active


def test_admin_gives_a_new_password_typed_or_generated(app, world, session):
    admin = as_admin(app)
    typed = post_form(admin, f"/accounts/{world.candidate.user_id}/password", {"password": "choisi-par-admin"})
    assert typed.status_code == 302
    assert login(app.test_client(), "candidat1", "choisi-par-admin").status_code == 302
    generated = post_form(admin, f"/accounts/{world.candidate.user_id}/password", {"password": ""})
    password = text(generated).split('<code id="mot-de-passe">')[1].split("</code>")[0]
    assert login(app.test_client(), "candidat1", password).status_code == 302
    resets = entries(session, "user.password.reset")
    assert [entry.input["generated"] for entry in resets] == [False, True]
    assert all("choisi-par-admin" not in str(entry.input) + str(entry.outcome) for entry in resets)
    short = post_form(admin, f"/accounts/{world.candidate.user_id}/password", {"password": "court"})
    assert short.status_code == 422 and "10 caractères au minimum" in text(short)


def test_admin_unlocks_a_locked_account(app, client, world, session):
    app.config["LOGIN_FIRST_DELAY_SECONDS"] = 0
    for _ in range(10):
        login(client, "candidat1", WRONG)
    assert login(client, "candidat1").status_code == 429
    admin = as_admin(app)
    response = admin.post(
        f"/accounts/{world.candidate.user_id}/unlock", data={"csrf_token": csrf_token(admin, "/accounts")}
    )
    assert response.status_code == 302
    assert "Compte « candidat1 » débloqué." in text(admin.get("/accounts"))
    unlocked = entries(session, "user.unlock")
    assert len(unlocked) == 1 and unlocked[0].outcome["failures"] == 10
    assert login(client, "candidat1").status_code == 302


def test_every_account_form_needs_its_csrf_token(app, world, session):
    admin = as_admin(app)
    for path in ("/accounts/new", f"/accounts/{world.candidate.user_id}/password"):
        assert admin.post(path, data={"username": "sans-jeton", "role": "candidate", "password": ""}).status_code == 400
    for action in ("disable", "enable", "unlock"):
        assert admin.post(f"/accounts/{world.candidate.user_id}/{action}").status_code == 400
    assert user_named(session, "candidat1").active


PAGES = ("/accounts", "/accounts/new", "/accounts/{id}/password")
ACTIONS = ("disable", "enable", "unlock")


@pytest.mark.parametrize("role", [role for role in ROLE_USERS if role != "admin"])
def test_nobody_but_an_admin_reaches_the_account_pages(app, client, world, session, role):
    login(client, ROLE_USERS[role])
    assert 'href="/accounts"' not in text(client.get("/"))
    for page in PAGES:
        assert client.get(page.format(id=world.candidate.user_id)).status_code == 403
    token = csrf_token(client, "/")
    before = len(entries(session, "user.disable"))
    for action in ACTIONS:
        response = client.post(f"/accounts/{world.candidate.user_id}/{action}", data={"csrf_token": token})
        assert response.status_code == 403
    created = client.post(
        "/accounts/new", data={"csrf_token": token, "username": "intrus", "role": "admin", "password": PASSWORD}
    )
    assert created.status_code == 403
    assert len(entries(session, "user.disable")) == before
    assert session.execute(select(User).where(User.username == "intrus")).first() is None


def test_anonymous_visitors_are_sent_to_login(client, world):
    assert client.get("/accounts").headers["Location"].startswith("/login")


def test_an_unknown_account_is_404(app, world):
    assert as_admin(app).get("/accounts/999999/password").status_code == 404
