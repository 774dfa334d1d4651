"""Issue 9: the failure counters are in the database, so two app instances (two gunicorn workers)
share them: five wrong passwords on one and five on the other lock the account on both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from polyadmin.app import create_app
from polyadmin.domain.roles import Actor, Role
from polyadmin.services.users import create_user
from tests.helpers.accounts import PASSWORD
from tests.helpers.databases import migrated_database
from tests.helpers.web import csrf_token, login

WRONG = "pas-le-bon-mot-de-passe"


def instance(url: str, folder: Path) -> Flask:
    app = create_app(
        {"POLYADMIN_ENV": "test", "DATABASE_URL": url, "SECRET_KEY": "clé-partagée", "INSTANCE_PATH": str(folder)}
    )
    app.config["LOGIN_FIRST_DELAY_SECONDS"] = 0
    return app


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[Flask, Flask]]:
    with migrated_database(tmp_path, "throttle", catalogue=None) as url:
        first, second = instance(url, tmp_path / "one"), instance(url, tmp_path / "two")
        database = first.extensions["polyadmin.database"]
        with database.sessions() as session:
            create_user(
                session,
                Actor.system(),
                {"username": "candidat1", "role": Role.CANDIDATE.value, "display_name": "C", "password": PASSWORD},
            )
        try:
            yield first, second
        finally:
            for app in (first, second):
                app.extensions["polyadmin.database"].dispose()


def test_two_instances_share_the_counters(two_workers):
    first, second = two_workers
    web, api = first.test_client(), second.test_client()
    for _ in range(5):
        assert login(web, "candidat1", WRONG).status_code == 200
        answer = api.post("/api/v1/auth/token", json={"username": "candidat1", "password": WRONG})
        assert answer.status_code == 401
    assert login(first.test_client(), "candidat1", PASSWORD).status_code == 429
    locked = second.test_client().post("/api/v1/auth/token", json={"username": "candidat1", "password": PASSWORD})
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 0


def test_a_logout_on_one_instance_ends_the_session_on_the_other(two_workers):
    first, second = two_workers
    browser = first.test_client()
    login(browser, "candidat1")
    cookie = browser.get_cookie("session")
    assert cookie is not None
    copy = second.test_client()
    copy.set_cookie("session", cookie.value)
    assert copy.get("/").status_code == 200
    browser.post("/logout", data={"csrf_token": csrf_token(browser, "/")})
    assert copy.get("/").status_code == 302
