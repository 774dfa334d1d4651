"""The offers pages (« Devis »): the needs form with its flags, the quote builder (from a request, with
its decision's conditions), the quote page (breakdown, discount, alternatives side by side, versions),
with CSRF on."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from polyadmin.services import offers
from polyadmin.services.clients import create_client
from polyadmin.store.casework import RequestDecision
from polyadmin.store.offers import Quote
from tests.helpers.factories import DwellingFactory, PersonClientData, SubscriptionRequestFactory
from tests.helpers.web import login, post_form, text
from tests.integration.test_offers import AUTO_RISK


def make_client(session, world):
    return create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Martin"))


def test_the_nav_entry_is_live_and_the_list_renders(client, session, world):
    make_client(session, world)
    session.commit()
    login(client, "candidat1")
    page = text(client.get(f"/sandboxes/{world.sandbox_id}/devis"))
    assert f'href="/sandboxes/{world.sandbox_id}/devis"' in page
    assert "Préparer un devis" in page and "Aucun devis" in page


def test_the_needs_form_records_and_shows_the_flags(client, session, world):
    person = make_client(session, world)
    session.commit()
    login(client, "candidat1")
    path = f"/sandboxes/{world.sandbox_id}/clients/{person.id}/besoins"
    form = {
        "auto-examined": "oui",
        "auto-protect": "Sa voiture neuve.",
        "auto-wanted": ["vol", "dommages"],
        "auto-already_covered": ["assistance"],
        "budget_monthly": "40,00",
        "eco_interest": "oui",
        "r1-offer": "AUTO:tiers_plus",
        "r1-options": ["AUTO:pieces_reemploi", "MRH:objets_valeur"],
        "r1-need": "Vol",
        "r1-reason": "Tiers+ suffit pour un budget serré.",
    }
    response = post_form(client, path, form)
    assert response.status_code == 302
    page = text(client.get(path))
    assert "Alertes d'adéquation" in page
    assert "est pas proposée" in page and "détient déjà" in page
    detail = offers.latest_needs(session, world.candidate, world.sandbox_id, person.id)
    assert detail.record.recommendations[0]["options"] == ["pieces_reemploi"]  # the other product's option dropped
    refused = post_form(client, path, {"auto-examined": "oui", "budget_monthly": "beaucoup"})
    assert refused.status_code == 422 and "Budget mensuel" in text(refused)


def test_a_quote_from_a_request_carries_its_conditions_and_renders(client, session, world):
    person = make_client(session, world)
    home = DwellingFactory(client=person)
    request = SubscriptionRequestFactory(
        client=person,
        status="acceptee_conditions",
        requested={"formula": "tiers_plus", "frequency": "annuel", "declared": dict(AUTO_RISK)},
    )
    session.add(
        RequestDecision(
            sandbox_id=world.sandbox_id,
            request_id=request.id,
            outcome="accept_conditions",
            conditions=[{"kind": "exclusion", "label": "Prêt du volant exclu"}],
            reason="Sinistralité.",
            overridden=[],
            decided_on=date(2026, 3, 2),
        )
    )
    session.commit()
    login(client, "candidat1")
    workspace = text(client.get(f"/sandboxes/{world.sandbox_id}/demandes/{request.id}"))
    assert "Préparer un devis" in workspace
    start = text(client.get(f"/sandboxes/{world.sandbox_id}/devis/nouveau?demande={request.id}"))
    assert "Ligne 1" in start and "Continuer" in start
    builder = f"/sandboxes/{world.sandbox_id}/devis/nouveau?demande={request.id}&p1=AUTO&p2=MRH&p3=AUTO&a3=1"
    page = text(client.get(builder))
    assert "Prêt du volant exclu" in page and "option éco-responsable" in page
    form = {
        "l1-formula": "tiers_plus",
        "l1-frequency": "annuel",
        "l1-options": ["pieces_reemploi"],
        "l2-formula": "locataire_confort",
        "l2-frequency": "annuel",
        "l2-record": f"dwelling:{home.id}",
        "l3-formula": "tous_risques",
        "l3-frequency": "annuel",
        **{f"l3-risk-{name}": str(value) for name, value in AUTO_RISK.items()},
    }
    response = post_form(client, builder, form)
    assert response.status_code == 302, text(response)
    quote = session.execute(select(Quote)).scalar_one()
    page = text(client.get(response.headers["Location"]))
    assert f"Devis {quote.number}" in page
    assert "Prêt du volant exclu" in page and "Comparaison des alternatives" in page
    assert "Options éco-responsables" in page and "Nouvelle version" in page
    revise = f"/sandboxes/{world.sandbox_id}/devis/nouveau?devis={quote.id}"
    refused = post_form(client, revise, {**form, "reason": ""})
    assert refused.status_code == 422
    revised = post_form(client, revise, {**form, "reason": "Le client préfère le mensuel.", "l1-frequency": "mensuel"})
    assert revised.status_code == 302
    page = text(client.get(revised.headers["Location"]))
    assert "Version 2" in page and "Remplacé par une nouvelle version" in page


def test_a_bad_line_shows_its_message_beside_the_field(client, session, world):
    person = make_client(session, world)
    session.commit()
    login(client, "candidat1")
    builder = f"/sandboxes/{world.sandbox_id}/devis/nouveau?client={person.id}&p1=AUTO"
    response = post_form(client, builder, {"l1-formula": "tiers", "l1-frequency": "annuel", "l1-risk-crm": "9"})
    assert response.status_code == 422
    page = text(response)
    assert 'id="f-l1-risk-crm-error"' in page and "Ligne 1" in page
    assert session.execute(select(Quote)).first() is None


def test_a_reader_sees_the_quote_but_no_button(client, session, world):
    person = make_client(session, world)
    line = {"product": "AUTO", "formula": "tiers", "frequency": "annuel", "risk": dict(AUTO_RISK)}
    quote = offers.create_quote(session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": [line]})
    session.commit()
    login(client, "evaluateur")
    page = text(client.get(f"/sandboxes/{world.sandbox_id}/devis/{quote.id}"))
    assert "DV-000001" in page and "Nouvelle version" not in page
    assert "Devis édités" in page  # the devis of version 1, downloadable by the reader too
    (link,) = re.findall(r'href="([^"]+/documents/\d+\.pdf)"', page)
    assert client.get(link).mimetype == "application/pdf"
    assert client.get(f"/sandboxes/{world.sandbox_id}/devis/nouveau?devis={quote.id}").status_code == 403
