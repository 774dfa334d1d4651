"""Browser tests: the app on a real threaded server, its own database, Debian's chromium.

Without /usr/bin/chromium the tests are skipped on a workstation, but fail when CI is set:
CI must never pass by silently skipping the browser.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from polyadmin.app import create_app
from polyadmin.domain.roles import Actor, Role
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.users import actor_of, create_user
from tests.helpers.accounts import PASSWORD, START
from tests.helpers.databases import migrated_database

CHROMIUM = Path(os.environ.get("POLYADMIN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
USERS = {
    "admin": (Role.ADMIN, "Alice Administratrice"),
    "formatrice": (Role.TRAINER, "Claire Formatrice"),
    "evaluateur": (Role.EVALUATOR, "Paul Évaluateur"),
    "candidat1": (Role.CANDIDATE, "Inès Candidate"),
    "candidat2": (Role.CANDIDATE, "Hugo Candidat"),
    "candidat3": (Role.CANDIDATE, "Léa Candidate"),
}


@dataclass
class LiveServer:
    url: str
    app: Any
    actors: dict[str, Actor]
    exam_session_id: int
    sandboxes: dict[str, int]

    def session(self) -> Any:
        return self.app.extensions["polyadmin.database"].sessions()


@dataclass
class BrowserLog:
    errors: list[str] = field(default_factory=list)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"chromium introuvable ({CHROMIUM}) : installez-le avec « apt-get install chromium »."
    if os.environ.get("CI"):
        pytest.fail(message + " En CI, les tests navigateur ne sont jamais ignorés.", pytrace=False)
    pytest.skip(message)  # chromium missing on a developer machine; CI fails above instead


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    _require_chromium()
    directory = tmp_path_factory.mktemp("e2e")
    with migrated_database(directory, "e2e") as url:
        app = create_app(
            {
                "POLYADMIN_ENV": "test",
                "DATABASE_URL": url,
                "SECRET_KEY": "clé-de-test-e2e",
                "INSTANCE_PATH": str(directory / "instance"),
            }
        )
        database = app.extensions["polyadmin.database"]
        with database.sessions() as session:
            actors = {}
            for username, (role, display_name) in USERS.items():
                user = create_user(
                    session,
                    Actor.system(),
                    {"username": username, "role": role.value, "display_name": display_name, "password": PASSWORD},
                )
                actors[username] = actor_of(user)
            exam = create_exam_session(
                session,
                actors["formatrice"],
                {
                    "name": "Session de mars",
                    "starts_on": START.isoformat(),
                    "candidates": ["candidat1", "candidat2", "candidat3"],
                    "evaluators": ["evaluateur"],
                },
            )
            sandboxes = {box.candidate.username: box.id for box in exam.sandboxes}
            exam_id = exam.id
        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
        thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
        thread.start()
        try:
            yield LiveServer(f"http://127.0.0.1:{server.server_port}", app, actors, exam_id, sandboxes)
        finally:
            server.shutdown()
            thread.join(timeout=10)
            database.dispose()


@pytest.fixture(scope="session")
def browser(live_server: LiveServer) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


def _record_console(page: Any, message: Any, log: BrowserLog) -> None:
    """Keep every console error, except Chrome's network note about the page itself answering
    4xx on purpose (a form re-rendered with 422, a 403/404 page): the status is the point there.
    A stylesheet, script or image that fails to load is still an error."""
    if message.type != "error":
        return
    own_document = message.location.get("url") == page.url
    if own_document and re.match(r"Failed to load resource: the server responded with a status of 4\d\d", message.text):
        return
    log.errors.append(f"{message.text} ({message.location.get('url')})")


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        """The test server keeps the output readable: no line per request."""


@pytest.fixture
def page(browser: Any, live_server: LiveServer, browser_log: BrowserLog) -> Iterator[Any]:
    """A fresh browser context per test; any console error or page error fails the test."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("console", lambda message: _record_console(page, message, browser_log))
    page.on("pageerror", lambda error: browser_log.errors.append(f"pageerror: {error}"))
    yield page
    context.close()
    assert browser_log.errors == [], f"erreurs dans la console du navigateur : {browser_log.errors}"
