"""The main journeys in a real browser, with an accessibility check on every kind of page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from polyadmin.services.clients import create_client
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.factories import PersonClientData

pytestmark = pytest.mark.e2e


def test_login_page_is_accessible_and_refuses_wrong_credentials(page):
    page.goto("/login")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_accessible(page, "connexion")
    page.get_by_label("Identifiant").fill("candidat1")
    page.get_by_label("Mot de passe").fill("mauvais-mot-de-passe")
    page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_role("alert").inner_text().count("Identifiant ou mot de passe incorrect.") == 1
    assert page.get_by_label("Identifiant").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "connexion refusée")


@pytest.mark.parametrize(
    ("username", "role_label"),
    [("formatrice", "Formateur"), ("evaluateur", "Évaluateur"), ("candidat1", "Candidat"), ("admin", "Administrateur")],
)
def test_each_role_signs_in_to_an_accessible_dashboard_and_out(page, username, role_label):
    sign_in(page, username)
    header = page.get_by_role("banner")
    assert role_label in header.inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "Tableau de bord"
    assert page.get_by_role("table").count() == 1  # the sandboxes this role may open
    assert_accessible(page, f"tableau de bord ({username})")
    header.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/login")
    assert "Vous êtes déconnecté(e)." in page.get_by_role("status").inner_text()


def test_skip_link_is_the_first_stop_of_the_keyboard(page):
    sign_in(page, "candidat2")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Aller au contenu principal"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_candidate_creates_a_client_partly_with_the_keyboard(page, live_server):
    sign_in(page, "candidat1")
    page.get_by_role("link", name="Ouvrir mon bac à sable").click()
    assert "Aucune demande pour l'instant" in page.get_by_role("main").inner_text()
    side = page.get_by_role("navigation", name="Espaces du bac à sable")
    assert side.locator('[aria-disabled="true"]').all_inner_texts() == []  # every area is live (issue 14)
    assert side.get_by_role("link", name="Encaissements").is_visible()
    side.get_by_role("link", name="Clients").click()
    page.get_by_role("link", name="Nouveau client").click()

    # The company fieldset is hidden while « Particulier » is chosen (script), and comes back.
    page.wait_for_load_state("load")  # the page script hides it once it has run (slow machines)
    expect(page.locator('fieldset[data-kind="company"]')).to_be_hidden()
    page.get_by_label("Entreprise", exact=True).check()
    assert page.get_by_label("Raison sociale").is_visible()
    page.get_by_label("Particulier", exact=True).check()

    # An empty submission: French errors, summary focused, fields marked.
    page.get_by_role("button", name="Créer la fiche client").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert "Champ obligatoire pour ce type de client." in summary.inner_text()
    assert page.locator("#f-last_name").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "fiche client avec erreurs")
    summary.get_by_role("link", name=re.compile("^Nom :")).click()
    assert page.evaluate("document.activeElement.id") == "f-last_name"

    # Keyboard only from the name onwards.
    page.keyboard.type("Lefèvre")
    page.keyboard.press("Tab")
    page.keyboard.type("Élodie")
    page.get_by_label("Civilité").select_option("MME")
    page.get_by_label("Date de naissance").fill("1985-06-14")
    page.get_by_role("textbox", name="Courriel").focus()
    page.keyboard.type("elodie.lefevre@exemple.fr")
    page.keyboard.press("Shift+Tab")  # back to the phone
    page.keyboard.type("06 12 34 56 78")
    page.get_by_label("Documents en gros caractères").focus()
    page.keyboard.press("Space")
    page.get_by_role("textbox", name="Courriel").focus()
    page.keyboard.press("Enter")  # submits the form

    page.wait_for_url(re.compile(r"/clients/\d+$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Madame LEFÈVRE Élodie")
    assert "Fiche client CL-000001 créée." in page.get_by_role("status").first.inner_text()
    assert "Documents en gros caractères" in page.get_by_role("main").inner_text()
    assert "06 12 34 56 78" in page.get_by_role("main").inner_text()
    assert_accessible(page, "fiche client")

    page.get_by_role("navigation", name="Espaces du bac à sable").get_by_role("link", name="Clients").click()
    page.get_by_label("Rechercher un client").fill("lefevre")
    page.get_by_role("button", name="Rechercher").click()
    row = page.get_by_role("row", name=re.compile("CL-000001"))
    assert "LEFÈVRE Élodie" in row.inner_text()
    assert "1 client trouvé" in page.get_by_role("main").inner_text()
    assert_accessible(page, "liste des clients")


def test_evaluator_reads_the_client_creation_in_the_timeline(page, live_server):
    sandbox_id = live_server.sandboxes["candidat2"]
    with live_server.session() as session:
        create_client(session, live_server.actors["candidat2"], sandbox_id, PersonClientData(city="Nantes"))
    sign_in(page, "evaluateur")
    page.goto(f"/sandboxes/{sandbox_id}/journal")
    assert "intact" in page.locator(".integrity").inner_text()
    entry = page.locator("li.entry", has_text="Création d'une fiche client")
    assert "C2A.1" in entry.inner_text() and "2 mars 2026" in entry.inner_text()
    assert "Candidat" in entry.inner_text() and "candidat2" in entry.inner_text()
    entry.locator("summary").click()
    details = entry.locator("details")
    assert "NANTES" in details.inner_text() and "Saisie" in details.inner_text()
    assert_accessible(page, "journal")
    page.get_by_label("Action").select_option("client.create")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"action=client\.create"))
    expect(page.locator("li.entry")).to_have_count(1)  # waits for the filtered page, not the one it replaces
    entry = page.locator("li.entry").first
    entry.get_by_role("link", name=re.compile(r"^Client CL-\d{6} ")).click()
    expect(page).to_have_url(re.compile(r"/clients/\d+"))
    assert page.get_by_role("link", name="Modifier").count() == 0  # evaluators read only
    assert_accessible(page, "fiche client (évaluateur)")


def test_trainer_opens_a_session_and_moves_a_clock(page, live_server):
    sign_in(page, "formatrice")
    page.get_by_role("link", name="Nouvelle session").click()
    page.get_by_role("button", name="Créer la session").click()  # no name: errors
    assert "Nom de la session" in page.locator("#error-summary").inner_text()
    assert_accessible(page, "nouvelle session avec erreurs")

    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Sessions d'examen").click()
    assert_accessible(page, "liste des sessions")
    page.get_by_role("link", name="Session de mars").click()
    assert_accessible(page, "détail de session")
    sandbox_id = live_server.sandboxes["candidat3"]
    page.get_by_label("Nouvelle date pour Léa Candidate").fill("2026-03-16")
    page.locator(f"#sandbox-{sandbox_id}").get_by_role("button", name="Avancer").click()
    assert "avancée au lundi 16 mars 2026" in page.get_by_role("status").first.inner_text()
    page.locator(f"#sandbox-{sandbox_id}").get_by_role("link", name="Léa Candidate", exact=True).click()
    assert page.locator("#sandbox-date").inner_text() == "lundi 16 mars 2026"
    page.get_by_role("navigation", name="Espaces du bac à sable").get_by_role("link", name="Journal").click()
    assert "Avance de la date de la simulation" in page.get_by_role("main").inner_text()


def test_admin_reads_every_sandbox_but_cannot_act(page, live_server):
    sign_in(page, "admin")
    for sandbox_id in live_server.sandboxes.values():
        assert page.locator(f'a[href="/sandboxes/{sandbox_id}/"]').count() == 1
    page.goto(f"/sandboxes/{live_server.sandboxes['candidat1']}/clients/new")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Accès refusé")
