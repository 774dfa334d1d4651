"""Steps shared by the browser journeys."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

from tests.helpers.accounts import PASSWORD

BLOCKING_IMPACTS = ("serious", "critical")
_AXE = Axe()


def sign_in(page: Any, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")


def assert_accessible(page: Any, what: str) -> None:
    """No serious or critical axe-core violation on the page as it is now."""
    violations = _AXE.run(page).response["violations"]
    blocking = [
        f"{item['id']} ({item['impact']}): {item['help']} — "
        + "; ".join(str(node["target"]) for node in item["nodes"][:5])
        for item in violations
        if item.get("impact") in BLOCKING_IMPACTS
    ]
    assert blocking == [], f"accessibilité ({what}) :\n" + "\n".join(blocking)
