"""The JSON API through the Flask test client, with a bearer token per username."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse


class JsonClient:
    """`api.get("/api/v1/me", user="candidat1")`: the test client with a bearer token."""

    def __init__(self, client: FlaskClient, token_for: Callable[[str], str]) -> None:
        self.client = client
        self.token_for = token_for

    def request(
        self,
        method: str,
        path: str,
        *,
        user: str | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> TestResponse:
        all_headers = dict(headers or {})
        if user is not None:
            all_headers["Authorization"] = f"Bearer {self.token_for(user)}"
        if json is not None:
            kwargs["json"] = json
        return self.client.open(path, method=method, headers=all_headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("DELETE", path, **kwargs)
