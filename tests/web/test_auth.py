from __future__ import annotations

from tests.helpers.web import csrf_token, login, text


def test_login_page_is_french_and_carries_a_csrf_token(client, world):
    page = client.get("/login")
    assert page.status_code == 200
    body = text(page)
    assert '<html lang="fr">' in body
    assert "Connexion" in body and 'name="csrf_token"' in body
    assert '<label for="f-username">Identifiant</label>' in body


def test_right_credentials_open_the_dashboard_with_a_permanent_session(client, world):
    response = login(client, "candidat1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    with client.session_transaction() as flask_session:
        assert flask_session.permanent is True
        assert flask_session["_user_id"] == f"{world.candidate.user_id}.0"
    dashboard = client.get("/")
    assert dashboard.status_code == 200
    assert "Candidat1" in text(dashboard)


def test_wrong_password_and_unknown_user_get_the_same_french_message(client, world):
    wrong_password = login(client, "candidat1", "pas-le-bon-mot-de-passe")
    unknown_user = login(client, "personne", "pas-le-bon-mot-de-passe")
    for response in (wrong_password, unknown_user):
        assert response.status_code == 200
        assert "Identifiant ou mot de passe incorrect." in text(response)
    assert client.get("/").status_code == 302  # still anonymous


def test_login_without_csrf_token_is_refused(client, world):
    response = client.post("/login", data={"username": "candidat1", "password": "motdepasse-de-test"})
    assert response.status_code == 400
    assert "Le formulaire a expiré" in text(response)


def test_next_parameter_only_redirects_inside_the_site(client, world):
    token = csrf_token(client, "/login")
    response = client.post(
        "/login?next=https://exemple.invalid/",
        data={"username": "candidat1", "password": "motdepasse-de-test", "csrf_token": token},
    )
    assert response.headers["Location"] == "/"


def test_anonymous_is_sent_to_login_and_back_to_the_page(client, world):
    response = client.get(f"/sandboxes/{world.sandbox_id}/clients")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    token = csrf_token(client, response.headers["Location"])
    back = client.post(
        response.headers["Location"],
        data={"username": "candidat1", "password": "motdepasse-de-test", "csrf_token": token},
    )
    assert back.headers["Location"] == f"/sandboxes/{world.sandbox_id}/clients"


def test_logout_needs_post_with_csrf(client, world):
    login(client, "evaluateur")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    token = csrf_token(client, "/")
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert client.get("/").status_code == 302


def test_deactivated_user_loses_the_session(client, world, session):
    from polyadmin.store.models import User

    login(client, "candidat2")
    user = session.get(User, world.classmate.user_id)
    user.active = False
    session.flush()
    assert client.get("/").status_code == 302
