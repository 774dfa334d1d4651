"""The « Outils » calculators, the catalogue pages and the pricing simulator in English (?lang=en).

The interface is translated; the products' own texts (names, guarantees…) and the validation
messages stay in French, as the catalogue and the domain write them. Last, the « Outils » entry of the
main navigation, for every role.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from polyadmin.app import create_app
from polyadmin.services.catalogue import catalogue_for
from tests.web.conftest import login, post_form, text
from tests.web.test_catalogue_pages import AUTO_RISK

PO = Path(__file__).resolve().parents[2] / "polyadmin" / "translations" / "en" / "LC_MESSAGES" / "messages.po"


@pytest.fixture
def english(db, database_url, world, tmp_path):
    """A client signed in as candidat1, the English catalog compiled from the .po (as `make` does)."""
    catalog_dir = tmp_path / "translations" / "en" / "LC_MESSAGES"
    catalog_dir.mkdir(parents=True)
    with PO.open("rb") as source, (catalog_dir / "messages.mo").open("wb") as target:
        write_mo(target, read_po(source))
    app = create_app(
        {
            "POLYADMIN_ENV": "test",
            "DATABASE": db,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "clé-de-test",
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path / "translations"),
        }
    )
    client = app.test_client()
    assert login(client, "candidat1").status_code == 302
    return client


def page(client, path: str) -> str:
    response = client.get(path + ("&" if "?" in path else "?") + "lang=en")
    assert response.status_code == 200, path
    body = html.unescape(text(response))
    assert '<html lang="en">' in body
    return body


def test_tools_page_in_english(english):
    body = page(english, "/outils")
    assert "<h1>Calculators</h1>" in body
    assert "Bonus-malus (reduction-increase coefficient)" in body and "Novice driver surcharge" in body
    assert '<label for="f-crm">Current coefficient (CRM)' in body
    assert "Calculate the coefficient" in body and "Calculate the surcharge" in body
    assert "At most 100 % in the first year" in body  # « %% » of the catalog written once
    assert '<a href="/outils" aria-current="page">Tools</a>' in body  # the main navigation entry
    for french in ("Outils de calcul", "Surprime des conducteurs novices", "Calculer le coefficient"):
        assert french not in body


def test_tools_results_and_error_summary_in_english(english):
    novice = {"calculator": "novice", "years_licensed": "1", "claim_free_years": "1"}
    computed = html.unescape(text(post_form(english, "/outils?lang=en", novice)))
    assert "Surcharge: " in computed and "of the reference premium" in computed
    refused = post_form(english, "/outils", {"calculator": "bonus_malus", "crm": "9", "usage": "standard"})
    assert refused.status_code == 422
    body = html.unescape(text(refused))
    assert "The form has 1 error" in body
    assert '<a href="#f-crm">Current coefficient (CRM) : ' in body  # English label; the message stays French


def test_catalogue_list_in_english(english, world, session):
    body = page(english, f"/sandboxes/{world.sandbox_id}/catalogue")
    assert "<h1>Product catalogue</h1>" in body
    assert "Simulate a price" in body and "Line of business" in body and "Catalogue of the exam session: hash" in body
    assert "<td>Motor</td>" in body
    for product in catalogue_for(session, world.candidate, world.sandbox_id).products:
        assert product.name in body  # the catalogue's own texts are not translated
    for french in ("Catalogue des produits", "Simuler un tarif", "Branche", "<td>Automobile</td>"):
        assert french not in body


def test_product_sheet_in_english(english, world, session):
    product = catalogue_for(session, world.candidate, world.sandbox_id).product("AUTO")
    body = page(english, f"/sandboxes/{world.sandbox_id}/catalogue/AUTO")
    assert f"<h1>{product.name} " in body
    assert '<h2 id="comparaison">Compare the plans</h2>' in body
    assert '<h2 id="exclusions-generales">General exclusions</h2>' in body
    assert "Waiting period" in body and "Payment frequencies" in body and "Back to the catalogue" in body
    for french in ("Comparer les formules", "Exclusions générales", "Délai de carence", "Retour au catalogue"):
        assert french not in body


def test_simulator_in_english(english, world):
    box = world.sandbox_id
    choice = page(english, f"/sandboxes/{box}/simulateur")
    assert "<h1>Pricing simulator</h1>" in choice and "Open the simulator" in choice
    form = page(english, f"/sandboxes/{box}/simulateur/AUTO")
    assert "Pricing simulator" in form and "<legend>Risk data</legend>" in form
    assert "Calculate the price" in form and "<legend>Plan</legend>" in form
    assert "(plans: Tiers+, Tous risques)" in form  # the plans' names are the catalogue's
    for french in ("Simulateur de tarif", "Données de risque", "Calculer le tarif"):
        assert french not in form

    data = {f"risk-{name}": value for name, value in AUTO_RISK.items()}
    data.update({"formula": "tous_risques", "frequency": "mensuel", "other_contracts": "0"})
    response = post_form(english, f"/sandboxes/{box}/simulateur/AUTO", data)
    assert response.status_code == 200, text(response)
    priced = html.unescape(text(response))
    assert "Calculated price" in priced and "Breakdown by cover (annual amounts)" in priced
    assert "Payment schedule" in priced and "Total incl. tax" in priced
    for french in ("Tarif calculé", "Décomposition par garantie", "Échéancier"):
        assert french not in priced


@pytest.mark.parametrize("user", ("admin", "formatrice", "evaluateur", "candidat1"))
def test_main_navigation_offers_the_tools_to_every_role(client, world, user):
    assert login(client, user).status_code == 302
    dashboard = text(client.get("/"))
    assert '<li><a href="/outils">Outils</a></li>' in dashboard
    assert '<a href="/outils" aria-current="page">Outils</a>' in text(client.get("/outils"))
    inside = text(client.get(f"/sandboxes/{world.sandbox_id}/outils"))  # every reader of candidat1's sandbox
    assert '<li><a href="/outils">Outils</a></li>' in inside  # the sandbox's own entry is the current one
    assert f'<a href="/sandboxes/{world.sandbox_id}/outils" aria-current="page">Outils</a>' in inside
