"""The catalogue pages of a sandbox: list, product sheet, IPID, and the pricing simulator."""

from __future__ import annotations

import html
import random
import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from babel.numbers import format_currency
from pdfminer.high_level import extract_text
from sqlalchemy import func, select

from polyadmin.domain.pricing import PricingRequest, price
from polyadmin.services.catalogue import catalogue_for, price_product
from polyadmin.store.models import JournalEntry
from tests.helpers.catalogue_inputs import AUTO_RISK, random_request
from tests.helpers.web import login, post_form, text

READERS = ("admin", "formatrice", "evaluateur", "candidat1")
OUTSIDERS = ("formateur2", "evaluateur2", "candidat2", "candidat3")


def _form(risk: dict[str, str] | None = None, **choices: object) -> dict[str, object]:
    """The simulator form as a browser posts it (names of the page: risk-…, deductible-…)."""
    form: dict[str, object] = {f"risk-{name}": value for name, value in (risk or AUTO_RISK).items()}
    form.update(
        {
            "formula": "tous_risques",
            "frequency": "mensuel",
            "effective_date": "",
            "other_contracts": "1",
            "options": ["assistance_0km"],
            "deductible-dommages": "f500",
            "deductible-vol": "f300",
        }
    )
    form.update(choices)
    return form


def _service_data(form: dict[str, object]) -> dict[str, object]:
    """The same request as the service reads it."""
    return {
        "formula": form["formula"],
        "frequency": form["frequency"],
        "risk": {name: form[f"risk-{name}"] for name in AUTO_RISK},
        "options": form["options"],
        "deductibles": {"dommages": form["deductible-dommages"], "vol": form["deductible-vol"]},
        "other_contracts": int(str(form["other_contracts"])),
    }


def _euros(amount: Decimal) -> str:
    return format_currency(amount, "EUR", locale="fr_FR")


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return html.unescape(text(response))


def _journal_count(session, sandbox_id: int) -> int:
    return session.execute(
        select(func.count()).select_from(JournalEntry).where(JournalEntry.sandbox_id == sandbox_id)
    ).scalar_one()


@pytest.mark.parametrize("user", READERS)
def test_every_reader_of_the_sandbox_sees_its_catalogue(client, world, session, user):
    login(client, user)
    box = world.sandbox_id
    body = _page(client, f"/sandboxes/{box}/catalogue")
    catalogue = catalogue_for(session, world.candidate, box)
    assert "Catalogue des produits" in body
    for product in catalogue.products:
        assert product.name in body and product.version in body and product.summary in body
        assert f"/sandboxes/{box}/catalogue/{product.code}" in body
    assert "Option verte" in body  # at least one eco product
    side = body.split('aria-label="Espaces du bac à sable"', 1)[1].split("</nav>", 1)[0]
    assert 'aria-current="page">Catalogue</a>' in side and ">Simulateur</a>" in side


@pytest.mark.parametrize("user", OUTSIDERS)
def test_another_sandbox_catalogue_is_not_found(client, world, user):
    login(client, user)
    box = world.sandbox_id
    for path in (
        f"/sandboxes/{box}/catalogue",
        f"/sandboxes/{box}/catalogue/AUTO",
        f"/sandboxes/{box}/catalogue/AUTO/ipid.pdf",
        f"/sandboxes/{box}/simulateur",
        f"/sandboxes/{box}/simulateur/AUTO",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Auto particulier" not in text(response)


def test_a_candidate_cannot_price_in_a_classmates_sandbox(client, world, session):
    login(client, "candidat2")
    token = re.search(r'name="csrf_token" value="([^"]+)"', text(client.get("/"))).group(1)  # type: ignore[union-attr]
    response = client.post(f"/sandboxes/{world.sandbox_id}/simulateur/AUTO", data={**_form(), "csrf_token": token})
    assert response.status_code == 404


def test_product_sheet_compares_formulas_and_shows_exclusions_prominently(client, world, session):
    login(client, "candidat1")
    box = world.sandbox_id
    product = catalogue_for(session, world.candidate, box).product("AUTO")
    assert product is not None
    raw = text(client.get(f"/sandboxes/{box}/catalogue/AUTO"))
    body = html.unescape(raw)
    assert f"<h1>{product.name}" in body and product.target.description in body

    # Comparison: guarantees in rows, formulas in columns, with headers and scopes.
    table = body.split('<table class="table comparison">', 1)[1].split("</table>", 1)[0]
    for formula in product.formulas:
        assert f'<th scope="col" class="mark">{formula.name}</th>' in table
    for guarantee in product.guarantees:
        assert f'<th scope="row">{guarantee.name}' in table
    rc_row = table.split(f'<th scope="row">{product.guarantee("rc").name}', 1)[1].split("</tr>", 1)[0]  # type: ignore[union-attr]
    assert rc_row.count('class="mark mark-included"') == len(product.formulas)
    assert "<caption>" in table and "mark-option" in table and "mark-absent" in table

    # Guarantee details: limits, deductibles and their tariff effect, tax category.
    assert "Plafonds" in body and "Franchises" in body
    assert _euros(Decimal("1500")) in body  # accessories limit
    assert "+12\u00a0% sur la prime" in body and "(× 1,12)" in body
    assert "Responsabilité civile automobile" in body or "RC automobile" in body

    # Exclusions in very apparent type: bold, inside the boxed exclusions block.
    general = body.split('<div class="exclusions exclusions-general">', 1)[1].split("</div>", 1)[0]
    for exclusion in product.general_exclusions:
        assert f"<li><strong>{exclusion}</strong></li>" in general
    vol = product.guarantee("vol")
    assert vol is not None
    assert f"<li><strong>{vol.exclusions[0]}</strong></li>" in body
    assert "caractères très apparents" in body

    # Eco features, documents, IPID link.
    for feature in product.eco_features:
        assert feature.label in body
    for document in product.required_documents:
        assert document.label in body
    assert f'href="/sandboxes/{box}/catalogue/AUTO/ipid.pdf"' in raw


def test_unknown_product_is_a_french_404(client, world):
    login(client, "candidat1")
    response = client.get(f"/sandboxes/{world.sandbox_id}/catalogue/INCONNU")
    assert response.status_code == 404
    assert "Produit inconnu « INCONNU »" in html.unescape(text(response))


@pytest.mark.parametrize("user", READERS)
def test_ipid_is_served_as_a_pdf_named_after_the_product(client, world, session, user):
    login(client, user)
    product = catalogue_for(session, world.candidate, world.sandbox_id).product("AUTO")
    assert product is not None
    response = client.get(f"/sandboxes/{world.sandbox_id}/catalogue/AUTO/ipid.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="ipid-AUTO-{product.version}.pdf"'
    pdf = response.get_data()
    assert pdf.startswith(b"%PDF-")
    assert "Document d'information sur le produit d'assurance" in extract_text(BytesIO(pdf))


def test_simulator_lists_the_products_and_opens_the_chosen_one(client, world, session):
    login(client, "evaluateur")
    box = world.sandbox_id
    body = _page(client, f"/sandboxes/{box}/simulateur")
    for product in catalogue_for(session, world.candidate, box).products:
        assert f"/sandboxes/{box}/simulateur/{product.code}" in body
    response = client.get(f"/sandboxes/{box}/simulateur?produit=AUTO")
    assert response.status_code == 302 and response.headers["Location"] == f"/sandboxes/{box}/simulateur/AUTO"
    unknown = client.get(f"/sandboxes/{box}/simulateur?produit=NIMPORTE")
    assert unknown.status_code == 422 and "Produit inconnu « NIMPORTE »" in html.unescape(text(unknown))
    empty = client.get(f"/sandboxes/{box}/simulateur?produit=")
    assert empty.status_code == 422
    assert '<a href="#f-produit">Produit : Choisissez un produit dans la liste.</a>' in html.unescape(text(empty))


def test_simulator_form_is_generated_from_the_risk_fields(client, world, session):
    login(client, "candidat1")
    box = world.sandbox_id
    raw = text(client.get(f"/sandboxes/{box}/simulateur/AUTO"))
    body = html.unescape(raw)
    assert '<label for="f-risk-garage_postcode">Code postal du lieu de garage' in body
    assert 'type="date" id="f-risk-driver_birth_date"' in body
    assert re.search(r'type="number" id="f-risk-crm"[^>]*step="any"[^>]*min="0.50" max="3.50"', body)
    assert '<select id="f-risk-energy" name="risk-energy"' in body
    assert 'type="radio" name="risk-accompanied_driving" value="non"' in body
    assert "Kilométrage annuel déclaré (km)" in body
    assert "Entre 0,50 et 3,50." in body  # the bounds as the product writes them
    assert 'name="formula" value="tous_risques"' in body and 'name="options" value="assistance_0km"' in body
    assert '<select id="f-deductible-dommages" name="deductible-dommages"' in body
    assert '<option value="f300" selected>' in body  # the default franchise
    business_date = world_business_date(session, box)
    assert f'name="effective_date" value="{business_date}"' in body


def world_business_date(session, sandbox_id: int) -> str:
    from polyadmin.store.models import Sandbox

    return session.get(Sandbox, sandbox_id).business_date.isoformat()


@pytest.mark.parametrize("user", ("candidat1", "evaluateur"))
def test_simulation_shows_the_service_amounts_to_the_cent_and_journals_nothing(client, world, session, user):
    login(client, user)
    box = world.sandbox_id
    before = _journal_count(session, box)
    form = _form()
    response = post_form(client, f"/sandboxes/{box}/simulateur/AUTO", form)
    assert response.status_code == 200, text(response)
    body = html.unescape(text(response))
    expected = price_product(session, world.candidate, "AUTO", _service_data(form), box)

    assert f"Total annuel TTC : <strong>{_euros(expected.total)}</strong>" in body
    for line in expected.lines:
        assert line.name in body
        assert _euros(line.premium_before_tax) in body and _euros(line.total) in body
        for tax in line.taxes:
            assert _euros(tax.amount) in body
    for charge in expected.charges:
        assert charge.label in body and _euros(charge.total) in body
    assert len(expected.instalments) == 12
    for instalment in expected.instalments:
        assert _euros(instalment.amount) in body
    for sentence in expected.explanation:
        assert sentence in body
    dommages = next(line for line in expected.lines if line.code == "dommages")
    for step in dommages.components[0].factors:
        assert step.source in body and step.read in body
    assert _euros(expected.premium_before_tax) in body and _euros(expected.taxes) in body
    # The form keeps the choices.
    assert 'value="f500" selected' in body and 'value="assistance_0km" id="f-options" checked' in body
    assert _journal_count(session, box) == before  # a simulation writes nothing


def test_franchise_of_a_guarantee_outside_the_formula_is_not_sent(client, world, session):
    """The form offers every guarantee's franchise; with « Tiers » the theft franchise does not apply."""
    login(client, "candidat1")
    form = _form(formula="tiers", options=[])
    response = post_form(client, f"/sandboxes/{world.sandbox_id}/simulateur/AUTO", form)
    assert response.status_code == 200, html.unescape(text(response))
    assert "Tarif calculé" in text(response)


def test_invalid_risk_data_is_shown_next_to_the_field_in_french(client, world, session):
    login(client, "candidat1")
    box = world.sandbox_id
    risk = {**AUTO_RISK, "garage_postcode": "6900", "crm": "4.10", "energy": ""}
    response = post_form(client, f"/sandboxes/{box}/simulateur/AUTO", _form(risk))
    assert response.status_code == 422
    body = html.unescape(text(response))
    assert 'id="error-summary"' in body and 'role="alert"' in body
    assert (
        '<a href="#f-risk-garage_postcode">Code postal du lieu de garage : Code postal à 5 chiffres attendu.</a>'
        in body
    )
    assert 'id="f-risk-garage_postcode-error"' in body
    assert re.search(
        r'id="f-risk-garage_postcode" name="risk-garage_postcode" value="6900"[^>]*aria-invalid="true"', body
    )
    assert "Valeur supérieure au maximum" in body and 'id="f-risk-crm-error"' in body
    assert 'id="f-risk-energy-error"' in body and "Champ obligatoire." in body
    assert "Tarif calculé" not in body


def test_invalid_choices_are_shown_next_to_their_fields(client, world):
    login(client, "candidat1")
    box = world.sandbox_id
    # « Valeur à neuf » is offered with « Tous risques » only; a franchise code that does not exist.
    form = _form(formula="tiers", options=["valeur_a_neuf"])
    form["deductible-protection_conducteur"] = "seuil_99"
    response = post_form(client, f"/sandboxes/{box}/simulateur/AUTO", form)
    assert response.status_code == 422
    body = html.unescape(text(response))
    assert '<a href="#f-options">Options : Option de la formule tiers inconnue « valeur_a_neuf »' in body
    assert 'id="f-options-error"' in body
    assert '<a href="#f-deductible-protection_conducteur">Franchise — Protection du conducteur : ' in body
    assert 'id="f-deductible-protection_conducteur-error"' in body
    # The request's shape is checked first (a negative count never reaches the tariff).
    negative = post_form(client, f"/sandboxes/{box}/simulateur/AUTO", _form(other_contracts="-2"))
    assert negative.status_code == 422
    assert 'id="f-other_contracts-error"' in text(negative)
    unknown_formula = post_form(client, f"/sandboxes/{box}/simulateur/AUTO", _form(formula="platine", options=[]))
    assert unknown_formula.status_code == 422
    assert 'id="f-formula-error"' in text(unknown_formula)


def test_effective_date_before_the_product_is_refused_beside_the_date(client, world):
    login(client, "candidat1")
    response = post_form(client, f"/sandboxes/{world.sandbox_id}/simulateur/AUTO", _form(effective_date="2020-01-01"))
    assert response.status_code == 422
    assert 'id="f-effective_date-error"' in text(response)


def _browser_form(request: PricingRequest) -> dict[str, object]:
    """A PricingRequest (typed values) as the simulator form posts it (text)."""

    def as_text(value: object) -> str:
        if isinstance(value, bool):
            return "oui" if value else "non"
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    form: dict[str, object] = {f"risk-{name}": as_text(value) for name, value in request.risk.items()}
    form.update({f"deductible-{code}": choice for code, choice in request.deductibles.items()})
    form.update(
        {
            "formula": request.formula,
            "frequency": request.frequency,
            "effective_date": request.effective_date.isoformat(),
            "other_contracts": str(request.other_contracts),
            "options": list(request.options),
        }
    )
    return form


@pytest.mark.parametrize("code", ["AUTO", "MRH", "SANTE", "EMPRUNTEUR", "PRO"])
def test_every_product_has_a_sheet_an_ipid_and_prices_through_its_form(client, world, session, code):
    login(client, "candidat1")
    box = world.sandbox_id
    product = catalogue_for(session, world.candidate, box).product(code)
    assert product is not None, f"{code} absent du catalogue"
    assert product.name in _page(client, f"/sandboxes/{box}/catalogue/{code}")
    assert client.get(f"/sandboxes/{box}/catalogue/{code}/ipid.pdf").mimetype == "application/pdf"
    form_page = _page(client, f"/sandboxes/{box}/simulateur/{code}")
    for field in product.risk_fields:
        assert f'id="f-risk-{field.name}"' in form_page
    request = random_request(product, random.Random(f"web-{code}"))
    response = post_form(client, f"/sandboxes/{box}/simulateur/{code}", _browser_form(request))
    assert response.status_code == 200, html.unescape(text(response))
    expected = price(product, catalogue_for(session, world.candidate, box).taxes, request)
    assert f"Total annuel TTC : <strong>{_euros(expected.total)}</strong>" in html.unescape(text(response))
