"""Issue 9: the administrator creates an account and unlocks a locked one, in the browser, with the
keyboard where it matters and an accessibility check on each page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from polyadmin.domain.roles import Actor, Role
from polyadmin.services.clock import wall_now
from polyadmin.services.users import create_user
from polyadmin.store.models import LoginThrottle
from tests.helpers.accounts import PASSWORD
from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.e2e


def test_admin_creates_an_account_that_then_signs_in(page, browser):
    sign_in(page, "admin")
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Comptes").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Comptes"
    assert_accessible(page, "liste des comptes")
    page.get_by_role("link", name="Nouveau compte").click()

    page.get_by_role("button", name="Créer le compte").click()  # empty: French errors, focus on the summary
    summary = page.locator("#error-summary")
    assert "Champ obligatoire." in summary.inner_text()
    assert_accessible(page, "nouveau compte avec erreurs")

    page.get_by_label("Identifiant").fill("julie.martin")
    page.get_by_label("Nom affiché").fill("Julie Martin")
    page.get_by_label("Rôle").select_option(label="Évaluateur")
    page.get_by_label("Mot de passe").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Créer le compte"
    page.keyboard.press("Enter")  # no password typed: one is generated, shown once
    # The answer comes back on the same address: wait for its heading, not for the URL.
    expect(page.get_by_role("heading", level=1)).to_have_text("Compte créé")
    password = page.locator("#mot-de-passe").inner_text()
    assert len(password) == 16
    assert_accessible(page, "mot de passe généré")

    other = browser.new_context(base_url=page.url.split("/accounts")[0], locale="fr-FR").new_page()
    other.goto("/login")
    other.get_by_label("Identifiant").fill("julie.martin")
    other.get_by_label("Mot de passe").fill(password)
    other.get_by_role("button", name="Se connecter").click()
    other.wait_for_url("**/")
    assert "Julie Martin" in other.get_by_role("banner").inner_text()
    other.context.close()


def test_admin_unlocks_a_locked_account(page, live_server):
    with live_server.session() as session:
        create_user(
            session,
            Actor.system(),
            {"username": "bloquee", "role": Role.CANDIDATE.value, "display_name": "Zoé Bloquée", "password": PASSWORD},
        )
        now = wall_now()
        session.add(
            LoginThrottle(
                scope="account",
                key="bloquee",
                failures=10,
                last_failure_at=now,
                locked_until=now + timedelta(minutes=30),
            )
        )
        session.commit()

    page.goto("/login")
    page.get_by_label("Identifiant").fill("bloquee")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    assert "Trop de tentatives de connexion" in page.get_by_role("alert").inner_text()
    assert_accessible(page, "connexion bloquée")

    sign_in(page, "admin")
    page.goto("/accounts")
    row = page.locator("#compte-bloquee")
    assert "Bloqué jusqu" in row.inner_text()
    row.get_by_role("button", name="Débloquer bloquee").click()
    assert "Compte « bloquee » débloqué." in page.get_by_role("status").inner_text()
    assert "Bloqué jusqu" not in page.locator("#compte-bloquee").inner_text()
    assert_accessible(page, "compte débloqué")
    page.get_by_role("banner").get_by_role("button", name="Se déconnecter").click()

    sign_in(page, "bloquee")
    assert "Zoé Bloquée" in page.get_by_role("banner").inner_text()
