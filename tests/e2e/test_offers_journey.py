"""A candidate prepares a quote in a real browser: the builder's two steps, an AUTO line with its eco
option and a Tous risques alternative, the priced quote with the comparison side by side, then the
needs record with its warnings. Accessibility checked on each page."""

from __future__ import annotations

import re

import pytest

from polyadmin.services.clients import create_client
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.factories import PersonClientData, bound_session

pytestmark = pytest.mark.e2e

RISK = {
    "garage_postcode": "33000",
    "driver_birth_date": "1990-02-20",
    "licence_date": "2009-05-12",
    "claim_free_years": "15",
    "crm": "0.68",
    "vehicle_group": "30",
    "first_registration_date": "2022-09-01",
    "energy": "electrique",
    "usage": "prive",
    "annual_mileage": "9000",
    "vehicle_value": "31000",
}


def test_candidate_prepares_a_quote_with_an_alternative_then_records_the_needs(page, live_server):
    with live_server.session() as session, bound_session(session):
        person = create_client(
            session,
            live_server.actors["candidat1"],
            live_server.sandboxes["candidat1"],
            PersonClientData(last_name="Lebrun", first_name="Inès"),
        )
        session.commit()
        client_id = person.id
    sign_in(page, "candidat1")
    page.get_by_role("link", name="Ouvrir mon bac à sable").click()
    page.get_by_role("navigation", name="Espaces du bac à sable").get_by_role("link", name="Devis").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Devis"
    assert_accessible(page, "liste des devis")
    page.get_by_label("Client du nouveau devis").select_option(str(client_id))
    page.get_by_role("button", name="Préparer un devis").click()

    page.locator("#f-p1").select_option("AUTO")
    page.locator("#f-p2").select_option("AUTO")
    page.locator("#f-a2").select_option("1")
    assert_accessible(page, "choix des produits")
    page.get_by_role("button", name="Continuer").click()

    for position, formula in ((1, "tiers_plus"), (2, "tous_risques")):
        line = page.locator("fieldset.quote-line").nth(position - 1)
        line.locator(f'input[name="l{position}-formula"][value="{formula}"]').check()
        line.locator("details summary").click()
        for name, value in RISK.items():
            field = page.locator(f"#f-l{position}-risk-{name}")
            if name in ("energy", "usage"):
                field.select_option(value)
            else:
                field.fill(value)
    eco = page.get_by_label(re.compile("^Réparation avec des pièces de réemploi — option éco-responsable")).first
    eco.check()
    assert_accessible(page, "constructeur de devis")
    page.get_by_role("button", name="Établir le devis").click()

    assert page.get_by_role("heading", level=1).inner_text().startswith("Devis DV-000001")
    comparison = page.get_by_role("table", name=re.compile("côte à côte"))
    assert comparison.get_by_role("columnheader", name=re.compile("Tous risques")).count() == 1
    assert "Réparation avec des pièces de réemploi" in page.locator(".eco").first.inner_text()
    assert_accessible(page, "devis")

    page.get_by_role("link", name="Recueil des besoins").click()
    page.locator("#f-auto-examined").check()
    page.locator("#f-auto-wanted-dommages").check()
    page.get_by_role("button", name="Enregistrer le recueil et le conseil").click()
    assert "Recueil des besoins et conseil enregistrés" in page.content()
    assert "sans produit proposé" in page.locator(".flags").inner_text()  # the need has no recommendation
    assert_accessible(page, "recueil des besoins")
