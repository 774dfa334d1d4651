"""A candidate reads the catalogue, a product sheet, and prices an auto quote in the simulator."""

from __future__ import annotations

import re

import pytest
from babel.numbers import format_currency

from polyadmin.services.catalogue import price_product
from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.e2e

RISK = {
    "garage_postcode": "33000",
    "driver_birth_date": "1990-02-20",
    "licence_date": "2009-05-12",
    "accompanied_driving": "non",
    "claim_free_years": "15",
    "crm": "0.68",
    "vehicle_group": "30",
    "first_registration_date": "2022-09-01",
    "energy": "electrique",
    "usage": "prive",
    "annual_mileage": "9000",
    "vehicle_value": "31000",
}


def _expected_total(live_server) -> str:
    data = {
        "formula": "tous_risques",
        "frequency": "mensuel",
        "risk": RISK,
        "options": ["pieces_reemploi"],
        "deductibles": {"dommages": "f500"},
    }
    with live_server.session() as session:
        pricing = price_product(
            session, live_server.actors["candidat1"], "AUTO", data, live_server.sandboxes["candidat1"]
        )
    return format_currency(pricing.total, "EUR", locale="fr_FR")


def test_candidate_reads_the_catalogue_and_prices_an_auto_quote(page, live_server):
    sign_in(page, "candidat1")
    page.get_by_role("link", name="Ouvrir mon bac à sable").click()
    side = page.get_by_role("navigation", name="Espaces du bac à sable")

    # The catalogue of the session.
    side.get_by_role("link", name="Catalogue").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Catalogue des produits"
    assert page.get_by_role("row", name=re.compile("Auto particulier")).count() == 1
    assert_accessible(page, "catalogue")

    # The product sheet: formulas compared, exclusions boxed, the IPID to download.
    page.get_by_role("link", name="Auto particulier", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Auto particulier")
    comparison = page.get_by_role("table", name=re.compile("Garanties et options par formule"))
    assert comparison.get_by_role("columnheader", name="Tous risques").count() == 1
    assert "Responsabilité civile" in comparison.get_by_role("rowheader").first.inner_text()
    exclusions = page.locator(".exclusions-general")
    assert exclusions.is_visible() and exclusions.locator("strong").count() >= 3
    with page.expect_download() as download:
        page.get_by_role("link", name="Document d'information (DIPA, PDF)").click()
    assert download.value.suggested_filename.startswith("ipid-AUTO-")
    assert_accessible(page, "fiche produit")

    # The simulator: a first submission with a wrong postcode, then a quote.
    page.get_by_role("link", name="Simuler un tarif").first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Simulateur de tarif")
    assert_accessible(page, "simulateur")
    page.get_by_label("Code postal du lieu de garage").fill("3300")
    page.get_by_role("button", name="Calculer le tarif").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'error-summary'")
    assert "Code postal à 5 chiffres attendu." in summary.inner_text()
    assert page.locator("#f-risk-garage_postcode").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "simulateur avec erreurs")
    summary.get_by_role("link", name=re.compile("^Code postal du lieu de garage")).click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'f-risk-garage_postcode'")

    for name, value in RISK.items():
        field = page.locator(f"#f-risk-{name}")
        if name == "accompanied_driving":
            page.locator(f'input[name="risk-{name}"][value="{value}"]').check()
        elif name in ("energy", "usage"):
            field.select_option(value)
        else:
            field.fill(value)
    # Options follow the formula: « Valeur à neuf » belongs to « Tous risques » only.
    page.get_by_label(re.compile("^Tiers —")).check()
    assert page.get_by_label(re.compile("^Valeur à neuf 24 mois")).is_hidden()
    page.get_by_label(re.compile("^Tous risques —")).check()
    assert page.get_by_label(re.compile("^Valeur à neuf 24 mois")).is_visible()
    page.get_by_label(re.compile("^Réparation avec des pièces de réemploi")).check()
    page.get_by_label("Dommages tous accidents").select_option("f500")
    page.get_by_label("Fréquence de paiement").select_option("mensuel")
    page.get_by_role("button", name="Calculer le tarif").click()

    result = page.get_by_role("region", name="Tarif calculé")
    total = page.locator("#total-ttc").inner_text()
    assert _expected_total(live_server) in total
    instalments = result.get_by_role("table", name="Échéances et dates").get_by_role("row")
    assert instalments.count() == 13  # header + 12 monthly instalments
    assert "Réduction" not in total
    result.locator("details.factors").first.locator("summary").click()
    assert "Tarif pédagogique polyadmin 2026" in result.locator("details.factors").first.inner_text()
    assert_accessible(page, "simulateur avec tarif")
