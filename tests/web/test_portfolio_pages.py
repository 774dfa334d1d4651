"""The portfolio pages: client search, the client page (360°), the inbox and a request's page."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import Interaction
from tests.helpers.portfolio import ANOMALY, CASE_CODE, EXPECTED_NOTES, REGISTRATION, build_portfolio
from tests.helpers.web import csrf_token, login, text

RESERVED = "Réservé aux évaluateurs"


@pytest.fixture
def sample(session, world):
    return build_portfolio(session, world.sandbox_id)


def page(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, path
    return html.unescape(text(response))


@pytest.mark.parametrize("user", ["candidat1", "evaluateur", "formatrice", "admin"])
def test_the_client_page_shows_every_section_to_those_who_read_the_sandbox(client, world, sample, user):
    login(client, user)
    body = page(client, f"/sandboxes/{world.sandbox_id}/clients/{sample.client_id}")
    for heading in (
        "Identité et besoins",
        "Consentements",
        "Relations",
        "Risques",
        "Contrats",
        "Antécédents et sinistres",
        "Demandes de souscription",
        "Pièces justificatives",
        "Contacts",
        "Journal des actions sur ce client",
    ):
        assert f">{heading}</h2>" in body, heading
    assert REGISTRATION in body and "Monsieur BENALI Karim" in body and "Conjoint(e)" in body
    assert "Auto particulier — Tiers+" in body and "702,36\xa0€" in body
    assert "Échéancier du contrat CT-000001" in body and "FR76 3000 6000 0112 3456 7890 189" in body
    assert f'href="/sandboxes/{world.sandbox_id}/documents/{sample.document_id}.pdf"' in body
    assert "1 échéance impayée" in body
    assert ">Payée</span>" in body and ">Impayée</span>" in body and ">À échoir</span>" in body
    assert "Responsabilité partagée (50 %)" in body and "Non responsable (0 %)" in body
    assert "Mutuelle d'Armor" in body and "Question sur l'échéancier" in body
    assert "Création d'une fiche client" in body  # the journal entry of the client
    contact_form_action = f'action="/sandboxes/{world.sandbox_id}/clients/{sample.client_id}/contacts"'
    assert (contact_form_action in body) is (user == "candidat1")
    assert '<th scope="col">' in body and '<th scope="row">' in body


def test_a_candidate_never_sees_the_planted_case_on_any_page(client, world, sample):
    login(client, "candidat1")
    for path in (
        f"/sandboxes/{world.sandbox_id}/",
        f"/sandboxes/{world.sandbox_id}/clients/{sample.client_id}",
        f"/sandboxes/{world.sandbox_id}/demandes/{sample.request_id}",
    ):
        body = page(client, path)
        for secret in (RESERVED, CASE_CODE, EXPECTED_NOTES, ANOMALY, "Refus conseillé", "DS-000002", "Issue attendue"):
            assert secret not in body, (path, secret)
    page(client, f"/sandboxes/{world.sandbox_id}/demandes/{sample.upcoming_request_id}", 404)


@pytest.mark.parametrize("user", ["evaluateur", "formatrice", "admin"])
def test_evaluators_see_the_planted_case_marked_as_reserved(client, world, sample, user):
    login(client, user)
    inbox = page(client, f"/sandboxes/{world.sandbox_id}/")
    assert RESERVED in inbox and "Refuser" in inbox and CASE_CODE in inbox
    assert "DS-000002" in inbox and "pas encore arrivée" in inbox
    detail = page(client, f"/sandboxes/{world.sandbox_id}/demandes/{sample.request_id}")
    assert RESERVED in detail and EXPECTED_NOTES in detail and "Refus conseillé." in detail
    assert ANOMALY in detail
    fiche = page(client, f"/sandboxes/{world.sandbox_id}/clients/{sample.client_id}")
    assert ANOMALY in fiche and RESERVED in fiche


def test_the_inbox_lists_the_requests_received_with_their_client_and_documents(client, world, sample):
    login(client, "candidat1")
    body = page(client, f"/sandboxes/{world.sandbox_id}/")
    assert "1 demande de souscription reçue" in body
    assert f'href="/sandboxes/{world.sandbox_id}/demandes/{sample.request_id}">DS-000001</a>' in body
    assert "Madame LEFÈVRE Élodie" in body and "Auto particulier" in body and "Courriel" in body
    assert ">Nouvelle</span>" in body
    detail = page(client, f"/sandboxes/{world.sandbox_id}/demandes/{sample.request_id}")
    assert "Ce que le client demande" in detail and "Je souhaite assurer ma 208 tous risques." in detail
    assert "Relevé d'information Mutuelle d'Armor" in detail and REGISTRATION in detail
    assert "<dt>Formule demandée</dt><dd>Tous risques</dd>" in detail
    assert "Valeur à neuf" in detail and "Mensuel (prélèvement SEPA)" in detail and "16 mars 2026" in detail
    assert '<th scope="row">Coefficient de réduction-majoration (bonus-malus)</th>\n        <td>0,50</td>' in detail
    assert "Date d'obtention du permis B du conducteur principal" in detail and "1er juin 2005" in detail


def test_an_empty_inbox_says_so(client, world):
    login(client, "candidat1")
    assert "Aucune demande pour l'instant" in page(client, f"/sandboxes/{world.sandbox_id}/")


@pytest.mark.parametrize(
    "typed", [REGISTRATION, "fg456hj", "fg-456-hj", "69003", "CL-000001", "lefevre"], ids=lambda typed: typed
)
def test_the_client_list_finds_a_client_by_registration_postcode_number_or_name(client, world, sample, typed):
    login(client, "candidat1")
    body = page(client, f"/sandboxes/{world.sandbox_id}/clients?q={typed}")
    assert f"/sandboxes/{world.sandbox_id}/clients/{sample.client_id}" in body, typed


def test_a_registration_of_no_vehicle_finds_nobody(client, world, sample):
    login(client, "candidat1")
    body = page(client, f"/sandboxes/{world.sandbox_id}/clients?q=ZZ-999-ZZ")
    assert "Aucun client ne correspond à « ZZ-999-ZZ »." in body


@pytest.mark.parametrize(
    "path",
    [
        "/sandboxes/{box}/",
        "/sandboxes/{box}/clients/{client}",
        "/sandboxes/{box}/demandes/{request}",
        "/sandboxes/{other}/clients/{client}",
        "/sandboxes/{other}/demandes/{request}",
    ],
)
def test_another_candidates_portfolio_is_not_found(client, world, sample, path):
    login(client, "candidat2")
    url = path.format(
        box=world.sandbox_id, other=world.classmate_sandbox_id, client=sample.client_id, request=sample.request_id
    )
    body = page(client, url, 404)
    assert "LEFÈVRE" not in body and "Page introuvable" in body


def contact_form(**changes):
    return {
        "occurred_on": "2026-03-02",
        "channel": "telephone",
        "direction": "sortant",
        "motive": "Relance pièce manquante",
        "summary": "Appel pour obtenir le relevé d'information.",
        **changes,
    }


def test_the_candidate_records_a_contact_and_it_is_journaled(client, world, session, sample):
    login(client, "candidat1")
    path = f"/sandboxes/{world.sandbox_id}/clients/{sample.client_id}"
    token = csrf_token(client, path)
    response = client.post(f"{path}/contacts", data={**contact_form(), "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{path}#contacts")
    body = page(client, path)
    assert "Contact enregistré." in body and "Relance pièce manquante" in body and "Candidat1" in body
    recorded = session.execute(select(Interaction).where(Interaction.seeded.is_(False))).scalar_one()
    assert (recorded.channel, recorded.direction, recorded.client_id) == ("telephone", "sortant", sample.client_id)
    entry = session.execute(select(JournalEntry).where(JournalEntry.action == "interaction.record")).scalar_one()
    assert (entry.actor_username, entry.record_type, entry.record_id) == ("candidat1", "interaction", str(recorded.id))
    assert "Enregistrement d'un contact avec le client" in body  # shown in the client's journal section


def test_a_contact_with_errors_is_refused_in_french_and_keeps_what_was_typed(client, world, session, sample):
    login(client, "candidat1")
    path = f"/sandboxes/{world.sandbox_id}/clients/{sample.client_id}"
    token = csrf_token(client, path)
    response = client.post(
        f"{path}/contacts",
        data={**contact_form(occurred_on="2026-12-31", channel="", motive=""), "csrf_token": token},
    )
    assert response.status_code == 422
    body = html.unescape(text(response))
    assert 'id="error-summary"' in body and "Le formulaire contient" in body
    assert 'href="#f-channel"' in body and 'href="#f-motive"' in body
    assert "Appel pour obtenir le relevé d'information." in body  # the summary typed is kept
    assert session.execute(select(Interaction).where(Interaction.seeded.is_(False))).all() == []


def test_a_contact_without_the_csrf_token_is_refused(client, world, session, sample):
    login(client, "candidat1")
    response = client.post(f"/sandboxes/{world.sandbox_id}/clients/{sample.client_id}/contacts", data=contact_form())
    assert response.status_code == 400
    assert session.execute(select(Interaction).where(Interaction.seeded.is_(False))).all() == []


@pytest.mark.parametrize(
    ("user", "status"), [("evaluateur", 403), ("formatrice", 403), ("admin", 403), ("candidat2", 404)]
)
def test_only_the_candidate_records_a_contact(client, world, session, sample, user, status):
    login(client, user)
    token = csrf_token(client, "/")
    response = client.post(
        f"/sandboxes/{world.sandbox_id}/clients/{sample.client_id}/contacts",
        data={**contact_form(), "csrf_token": token},
    )
    assert response.status_code == status
    assert session.execute(select(Interaction).where(Interaction.seeded.is_(False))).all() == []
