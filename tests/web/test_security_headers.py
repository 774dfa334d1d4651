"""Security headers on every kind of response: page, API JSON, API reference, static file, 404, 500."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from polyadmin.app import create_app
from polyadmin.config import TEST_JOURNAL_KEY
from tests.helpers.web import login, text

FIXED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def assert_secured(response, *, production: bool = False) -> str:
    for name, value in FIXED.items():
        assert response.headers.get(name) == value, (name, response.status_code, response.request.path)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(item.strip().split(" ", 1) for item in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert ("Strict-Transport-Security" in response.headers) is production
    return policy


@pytest.fixture
def failing_app(app: Flask) -> Flask:
    """The app with a route that fails like a bug would, answered as in production (no propagation)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom-test")
    def _boom() -> str:
        raise RuntimeError("bug simulé")

    return app


@pytest.mark.parametrize(
    "path",
    [
        "/login",
        "/api/v1/openapi.json",
        "/api/v1/me",  # 401 JSON
        "/api/v1/sandboxes/999999",  # 401 before routing to data
        "/api/v1/nulle-part",  # unknown API address: JSON 404 from the routing hook
        "/nulle-part",  # unknown page: the French 404 page
        "/web-static/polyadmin.css",
        "/sandboxes/1/clients",  # redirect to the login page
    ],
)
def test_every_response_kind_has_the_security_headers(client, world, path):
    assert_secured(client.get(path))


def test_pages_api_json_and_error_pages_of_a_signed_in_user(client, world):
    login(client, "candidat1")
    for path in (f"/sandboxes/{world.sandbox_id}/clients", f"/sandboxes/{world.stranger_sandbox_id}/clients"):
        response = client.get(path)
        assert response.status_code in (200, 404)
        assert_secured(response)
        assert response.headers["Cache-Control"] == "no-store"


def test_a_500_page_has_the_security_headers(failing_app):
    response = failing_app.test_client().get("/boom-test")
    assert response.status_code == 500
    assert_secured(response)


def test_the_api_reference_styles_only_with_this_response_nonce(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    policy = assert_secured(response)
    nonce = re.search(r"style-src 'self' 'nonce-([A-Za-z0-9_-]+)'", policy)
    assert nonce, policy
    assert f'<style nonce="{nonce.group(1)}">' in text(response)
    again = client.get("/api/v1/docs").headers["Content-Security-Policy"]
    assert nonce.group(1) not in again  # a new nonce each time


def test_pages_without_inline_style_get_no_nonce(client):
    assert "nonce-" not in client.get("/login").headers["Content-Security-Policy"]


def test_hsts_in_production_only(database_url, db, tmp_path):
    production = create_app(
        {
            "POLYADMIN_ENV": "production",
            "DATABASE": db,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "clé-de-test",
            "JOURNAL_KEY": TEST_JOURNAL_KEY,  # production refuses to start without one
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
    )
    for path in ("/login", "/api/v1/openapi.json", "/nulle-part"):
        response = production.test_client().get(path)
        assert_secured(response, production=True)
        assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
