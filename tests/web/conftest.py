"""Web fixtures: a client logged in as a user (the form helpers are in tests.helpers.web)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.helpers.web import login, text


@pytest.fixture
def login_as(client: FlaskClient, world: Any) -> Callable[[str], FlaskClient]:
    def _login(username: str) -> FlaskClient:
        response = login(client, username)
        assert response.status_code == 302, text(response)
        return client

    return _login
