"""A candidate finds a client by the registration of a car, reads the client page (360°) and records a
contact; the evaluator reads the planted case on the request's page. Accessibility checked on each page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from polyadmin.domain.roles import Actor, Role
from polyadmin.services.users import create_user
from tests.helpers.accounts import PASSWORD
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.factories import ExamSessionFactory, UserFactory, bound_session
from tests.helpers.portfolio import CASE_CODE, EXPECTED_NOTES, build_portfolio

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def portfolio_sandbox(live_server):
    """A session of its own (candidate « candidat13 », evaluator « evaluateur »), holding the sample portfolio."""
    with live_server.session() as session, bound_session(session):
        candidate = UserFactory(username="candidat13", display_name="Nina Candidate")
        exam = ExamSessionFactory(
            name="Session portefeuille",
            trainer=live_server.actors["formatrice"],
            candidates=[candidate],
            evaluators=["evaluateur"],
        )
        sandbox_id = exam.sandboxes[0].id
        sample = build_portfolio(session, sandbox_id)
    return sandbox_id, sample


def test_candidate_finds_a_client_by_registration_and_records_a_contact(page, portfolio_sandbox):
    _sandbox_id, sample = portfolio_sandbox
    sign_in(page, "candidat13")
    page.get_by_role("link", name="Ouvrir mon bac à sable").click()
    page.wait_for_url(re.compile(r"/sandboxes/\d+/$"))

    # The inbox holds the request received; the planted case stays hidden.
    assert page.get_by_role("heading", level=1).inner_text() == "Corbeille"
    row = page.get_by_role("row", name=re.compile("DS-000001"))
    assert "LEFÈVRE Élodie" in row.inner_text() and "Auto particulier" in row.inner_text()
    assert "Réservé aux évaluateurs" not in page.get_by_role("main").inner_text()
    assert_accessible(page, "corbeille")

    # Search by registration, typed without dashes and in lower case.
    page.get_by_role("navigation", name="Espaces du bac à sable").get_by_role("link", name="Clients").click()
    page.get_by_label("Rechercher un client").fill("fg456hj")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"q=fg456hj"))
    assert "1 client trouvé" in page.get_by_role("main").inner_text()
    assert_accessible(page, "recherche par immatriculation")
    page.get_by_role("link", name="LEFÈVRE Élodie").click()

    # The client page: every section, the schedule unfolds, statuses in words.
    page.wait_for_url(re.compile(rf"/clients/{sample.client_id}$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Madame LEFÈVRE Élodie")
    for name in ("Relations", "Risques", "Contrats", "Antécédents et sinistres", "Contacts"):
        assert page.get_by_role("heading", level=2, name=name).count() == 1, name
    page.get_by_text("Échéancier du contrat CT-000001").click()
    schedule = page.get_by_role("table", name="Échéances du contrat CT-000001")
    assert schedule.is_visible()
    assert "Impayée" in schedule.inner_text() and "Payée" in schedule.inner_text()
    assert_accessible(page, "fiche client 360°")

    # A contact with no motive and no channel: French errors, summary focused.
    form = page.locator("form", has=page.get_by_role("button", name="Enregistrer le contact"))
    form.get_by_role("button", name="Enregistrer le contact").click()
    page.wait_for_url(re.compile(r"/contacts$"))
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'error-summary'")
    assert page.locator("#f-motive").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "contact avec erreurs")

    # Recorded properly, it appears in the contacts and in the client's journal.
    page.get_by_label("Canal").select_option("telephone")
    page.get_by_label("Sortant (nous contactons le client)").check()
    page.get_by_label("Motif").fill("Relance du relevé d'information")
    page.get_by_label("Compte rendu").fill("Message laissé : merci d'envoyer le relevé de moins de 3 mois.")
    page.get_by_role("button", name="Enregistrer le contact").click()
    page.wait_for_url(re.compile(r"#contacts$"))
    assert "Contact enregistré." in page.get_by_role("status").first.inner_text()
    contacts = page.get_by_role("table", name=re.compile("Contacts avec le client"))
    assert "Relance du relevé d'information" in contacts.inner_text()
    journal = page.get_by_role("table", name=re.compile("Entrées du journal concernant ce client"))
    assert "Enregistrement d'un contact avec le client" in journal.inner_text()
    assert_accessible(page, "fiche client après un contact")


def test_evaluator_reads_the_planted_case_of_a_request(page, portfolio_sandbox):
    sandbox_id, _sample = portfolio_sandbox
    sign_in(page, "evaluateur")
    page.goto(f"/sandboxes/{sandbox_id}/")
    assert "Réservé aux évaluateurs" in page.get_by_role("main").inner_text()
    assert_accessible(page, "corbeille (évaluateur)")
    page.get_by_role("link", name="DS-000001").click()
    page.wait_for_url(re.compile(r"/demandes/\d+$"))
    reserved = page.locator("section.reserved")
    assert CASE_CODE in reserved.inner_text() and EXPECTED_NOTES in reserved.inner_text()
    assert "Refuser" in reserved.inner_text()
    assert_accessible(page, "demande de souscription (évaluateur)")
    page.get_by_role("link", name="Fiche client CL-000001").click()
    page.wait_for_url(re.compile(r"/clients/\d+$"))
    documents = page.get_by_role("table", name="Pièces justificatives")
    assert "Réservé aux évaluateurs" in documents.inner_text()
    assert page.get_by_role("button", name="Enregistrer le contact").count() == 0  # evaluators read only
    assert_accessible(page, "fiche client 360° (évaluateur)")


@pytest.fixture
def test_scenarios(live_server):
    """The server reads its scenarios from tests/data/seeding (mini.yaml, 20 clients) for this test, and a
    candidate of its own (« candidat10 ») waits for a session."""
    with live_server.session() as session:
        create_user(
            session,
            Actor.system(),
            {
                "username": "candidat10",
                "role": Role.CANDIDATE.value,
                "display_name": "Yanis Candidat",
                "password": PASSWORD,
            },
        )
    saved = live_server.app.config["SCENARIOS_PATH"]
    live_server.app.config["SCENARIOS_PATH"] = str(Path(__file__).resolve().parents[1] / "data" / "seeding")
    yield
    live_server.app.config["SCENARIOS_PATH"] = saved


def test_trainer_opens_a_session_from_a_scenario_and_resets_a_sandbox(page, live_server, test_scenarios):
    sign_in(page, "formatrice")
    page.get_by_role("link", name="Nouvelle session").click()
    page.get_by_label("Nom de la session").fill("Session scénario mini")
    page.get_by_label("Scénario").select_option("mini")
    page.get_by_label("Graine").fill("11")
    page.get_by_label("Yanis Candidat (candidat10)").check()
    assert_accessible(page, "nouvelle session avec scénario")
    page.get_by_role("button", name="Créer la session").click()
    page.wait_for_url(re.compile(r"/sessions/\d+$"))

    # Each sandbox shows what it was seeded with, and offers the reset.
    assert "Session « Session scénario mini » créée." in page.get_by_role("status").first.inner_text()
    row = page.get_by_role("row", name=re.compile("Yanis Candidat"))
    assert "mini" in row.inner_text() and "20 clients" in row.inner_text()
    assert_accessible(page, "session ensemencée")
    row.get_by_role("link", name=re.compile("Réinitialiser")).click()
    page.wait_for_url(re.compile(r"/reset$"))

    # The confirmation page explains; an unticked box is refused, a ticked one resets.
    assert page.get_by_role("heading", level=1).inner_text() == "Réinitialiser le bac à sable de Yanis Candidat"
    assert "Le journal des actions est conservé" in page.get_by_role("main").inner_text()
    assert_accessible(page, "confirmation de réinitialisation")
    page.get_by_role("button", name="Réinitialiser le bac à sable").click()
    assert "Cochez la case" in page.locator("#error-summary").inner_text()
    assert_accessible(page, "réinitialisation non confirmée")
    page.get_by_label(re.compile("Je confirme")).check()
    page.get_by_role("button", name="Réinitialiser le bac à sable").click()
    page.wait_for_url(re.compile(r"/sessions/\d+#sandbox-\d+$"))
    assert "réinitialisé" in page.get_by_role("status").first.inner_text()
