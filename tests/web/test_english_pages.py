"""The « Outils » calculators, the catalogue pages, the pricing simulator and the portfolio pages (client
page, inbox and request, supporting documents) in English (?lang=en).

The interface is translated; the products' own texts (names, guarantees…), the scenarios' data and the
validation messages stay in French, as the catalogue, the scenarios and the domain write them. Last, the
« Outils » entry of the main navigation, for every role.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from polyadmin.app import create_app
from polyadmin.services.catalogue import catalogue_for
from tests.helpers.catalogue_inputs import AUTO_RISK
from tests.helpers.portfolio import REGISTRATION, build_portfolio
from tests.helpers.web import login, post_form, text

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
    assert "Calculate the price" in form and "<legend>Plan <abbr" in form
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


@pytest.fixture
def sample(session, world):
    return build_portfolio(session, world.sandbox_id)


def test_client_page_in_english(english, world, sample):
    body = page(english, f"/sandboxes/{world.sandbox_id}/clients/{sample.client_id}")
    for heading in (
        "Identity and needs",
        "Consents",
        "Relationships",
        "Risks",
        "Contracts",
        "Insurance history and claims",
        "Subscription requests",
        "Supporting documents",
        "Contacts",
        "Journal of actions on this client",
    ):
        assert f">{heading}</h2>" in body, heading
    assert REGISTRATION in body and "Monsieur BENALI Karim" in body  # the portfolio's data as it is
    assert ">Spouse</th>" in body and "<td>Petrol / " in body and "Private and commuting" in body
    assert "Payment schedule of contract CT-000001" in body and "1 unpaid instalment" in body
    assert ">Paid</span>" in body and ">Unpaid</span>" in body and ">Due</span>" in body
    assert "SEPA direct debit" in body and "Record the contact" in body and "Contact history" in body
    for french in (
        "Identité et besoins",
        "Conjoint(e)",
        "Échéancier du contrat",
        "échéance impayée",
        "Enregistrer le contact",
    ):
        assert french not in body


def test_contact_errors_in_english(english, world, sample):
    path = f"/sandboxes/{world.sandbox_id}/clients/{sample.client_id}"
    empty = {"occurred_on": "", "channel": "", "direction": "entrant", "motive": "", "summary": ""}
    refused = post_form(english, path + "?lang=en", empty, action=f"{path}/contacts")
    assert refused.status_code == 422
    body = html.unescape(text(refused))
    assert '<a href="#f-channel">Channel : ' in body  # the English label; the message stays French
    assert "Record the contact" in body and "Enregistrer le contact" not in body


def test_inbox_and_request_in_english(english, world, sample):
    inbox = page(english, f"/sandboxes/{world.sandbox_id}/")
    assert "<h1>Inbox</h1>" in inbox and "1 subscription request received" in inbox
    assert "Received on" in inbox and "Shortcuts" in inbox and "Attachments" in inbox
    assert "Expected outcome" not in inbox and "Evaluators only" not in inbox  # a candidate's inbox
    for french in ("Corbeille</h1>", "demande de souscription reçue", "Reçue le", "Raccourcis"):
        assert french not in inbox

    detail = page(english, f"/sandboxes/{world.sandbox_id}/demandes/{sample.request_id}")
    assert "Back to the inbox" in detail and "What the client asks for" in detail
    assert "Declared risk data" in detail and "Attached supporting documents" in detail
    for french in ("Retour à la corbeille", "Ce que le client demande", "Données de risque déclarées"):
        assert french not in detail


def test_documents_list_in_english(english, world, sample):
    body = page(english, f"/sandboxes/{world.sandbox_id}/documents")
    assert "<h1>Supporting documents</h1>" in body and "Issued on" in body
    assert f'href="/sandboxes/{world.sandbox_id}/documents/{sample.document_id}.pdf"' in body
    assert "Evaluators only" not in body  # the planted anomaly is not a candidate's
    for french in ("Pièces justificatives</h1>", "Émise le", "Valable jusqu'au"):
        assert french not in body


@pytest.mark.parametrize("user", ("admin", "formatrice", "evaluateur", "candidat1"))
def test_main_navigation_offers_the_tools_to_every_role(client, world, user):
    assert login(client, user).status_code == 302
    dashboard = text(client.get("/"))
    assert '<li><a href="/outils">Outils</a></li>' in dashboard
    assert '<a href="/outils" aria-current="page">Outils</a>' in text(client.get("/outils"))
    inside = text(client.get(f"/sandboxes/{world.sandbox_id}/outils"))  # every reader of candidat1's sandbox
    assert '<li><a href="/outils">Outils</a></li>' in inside  # the sandbox's own entry is the current one
    assert f'<a href="/sandboxes/{world.sandbox_id}/outils" aria-current="page">Outils</a>' in inside
