"""Web pages through the Flask test client: CSRF stays on, so forms are fetched first and their token reused."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.helpers.accounts import PASSWORD

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str) -> str:
    """GET `path` and return the hidden csrf_token of its first form."""
    page = client.get(path)
    assert page.status_code == 200, f"{path} answered {page.status_code}"
    found = CSRF_INPUT.search(page.get_data(as_text=True))
    assert found, f"no csrf_token on {path}"
    return found.group(1)


def login(client: FlaskClient, username: str, password: str = PASSWORD) -> TestResponse:
    token = csrf_token(client, "/login")
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def post_form(client: FlaskClient, form_path: str, data: dict[str, Any], action: str | None = None) -> TestResponse:
    """Submit like a browser: the token from the form page, then POST to its action."""
    token = csrf_token(client, form_path)
    return client.post(action or form_path, data={**data, "csrf_token": token})


def text(response: TestResponse) -> str:
    return response.get_data(as_text=True)


def edit_form(row: Any, **changes: Any) -> dict[str, Any]:
    """The edit form of a stored client as the browser posts it (every field of its kind)."""
    from polyadmin.services.clients import client_view
    from polyadmin.web.clients.forms import client_update_data, client_values_of

    values = client_values_of(client_view(row))
    data = client_update_data(values, row.kind)
    form: dict[str, Any] = {key: ("" if value is None else value) for key, value in data.items()}
    form["gdpr_consent"] = "oui" if data["gdpr_consent"] else ""
    form["version"] = str(row.version)
    form.update(changes)
    return form
