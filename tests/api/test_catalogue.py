"""The catalogue through the API: list, product detail, pricing breakdown, and every refusal."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import delete, update

from polyadmin.catalogue import load_directory
from polyadmin.services.catalogue import load_catalogue
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.models import CatalogueSnapshot, ExamSession
from tests.helpers.databases import TEST_CATALOGUE

RISK = {"postcode": "44000", "rooms": 3, "occupant": "locataire", "surface": "62.5"}
CONFORT = {"formula": "confort", "frequency": "annuel", "risk": RISK}
ESSAI_HASH = load_directory(TEST_CATALOGUE).content_hash


@pytest.fixture
def essai(session, world) -> int:  # type: ignore[no-untyped-def]
    """The small test catalogue, loaded now (so the latest), and candidat1's sandbox pinned to it."""
    snapshot = load_catalogue(session, world.trainer, TEST_CATALOGUE)
    exam = create_exam_session(
        session,
        world.trainer,
        {
            "name": "Session d'essai",
            "starts_on": "2026-03-02",
            "candidates": ["candidat1"],
            "evaluators": ["evaluateur"],
            "catalogue": snapshot.content_hash,
        },
    )
    return exam.sandboxes[0].id


def amount(text: str) -> Decimal:
    assert isinstance(text, str), text  # amounts are strings, never JSON numbers
    return Decimal(text)


# --- list and detail -----------------------------------------------------------------------------


def test_list_shows_the_pinned_catalogue_products(api, world, essai):
    response = api.get(f"/api/v1/catalogue?sandbox={essai}", user="candidat1")
    assert response.status_code == 200
    assert response.get_json() == {
        "snapshot": ESSAI_HASH,
        "products": [
            {
                "code": "HAB_ESSAI",
                "name": "Habitation d'essai",
                "line": "habitation",
                "version": "2026.1",
                "effective_date": "2026-01-01",
                "summary": (
                    "Produit habitation réduit aux cas que les tests vérifient (deux formules, une option, "
                    "une franchise)."
                ),
                "eco": True,
                "formulas": [{"code": "essentielle", "name": "Essentielle"}, {"code": "confort", "name": "Confort"}],
            }
        ],
    }


def test_without_a_sandbox_a_trainer_reads_the_latest_and_a_candidate_their_last_sandbox(api, world, essai):
    assert api.get("/api/v1/catalogue", user="formateur2").get_json()["snapshot"] == ESSAI_HASH
    assert api.get("/api/v1/catalogue", user="candidat1").get_json()["snapshot"] == ESSAI_HASH
    classmate = api.get("/api/v1/catalogue", user="candidat2").get_json()
    world_session = api.get(f"/api/v1/exam-sessions/{world.exam_session_id}", user="formatrice").get_json()
    assert classmate["snapshot"] == world_session["catalogue"]["snapshot"]


def test_product_detail_has_everything_a_form_and_a_document_need(api, world, essai):
    response = api.get(f"/api/v1/catalogue/HAB_ESSAI?sandbox={essai}", user="evaluateur")
    assert response.status_code == 200
    product = response.get_json()
    assert product["snapshot"] == ESSAI_HASH and product["code"] == "HAB_ESSAI" and product["eco"] is True
    fields = {field["name"]: field for field in product["risk_fields"]}
    assert fields["rooms"] == {
        "name": "rooms",
        "label": "Nombre de pièces principales",
        "kind": "integer",
        "required": True,
        "default": None,
        "minimum": "1",
        "maximum": "8",
        "min_years": None,
        "max_years": None,
        "choices": [],
        "unit": "",
        "help": "",
    }
    assert [c["code"] for c in fields["occupant"]["choices"]] == ["locataire", "proprietaire"]
    guarantees = {g["code"]: g for g in product["guarantees"]}
    assert [g["code"] for g in product["guarantees"]] == ["incendie", "rc_vie_privee", "degats_eaux", "vol"]
    incendie = guarantees["incendie"]
    assert incendie["status"] == "mandatory"
    assert incendie["tax"] == {
        "category": "fire_individual",
        "catnat": "property",
        "fgao": False,
        "property_cover": True,
    }
    assert incendie["limits"] == [
        {"label": "Mobilier", "amount": "20000", "text": ""},
        {"label": "Bâtiment", "amount": None, "text": "Valeur de reconstruction"},
    ]
    assert incendie["deductibles"][1] == {"code": "f300", "label": "Franchise 300 €", "amount": "300", "factor": "0.90"}
    assert incendie["default_deductible"] == "f150"
    assert incendie["components"] == [
        {"label": "Prime incendie", "base": "80.00", "factors": ["zone", "pieces", "occupant"], "when": None}
    ]
    assert incendie["exclusions"] == ["Les dommages causés intentionnellement par l'assuré."]
    assert guarantees["vol"]["waiting_period_days"] == 30 and guarantees["vol"]["status"] == "optional"
    assert product["formulas"][1] == {
        "code": "confort",
        "name": "Confort",
        "description": "L'essentielle et les dégâts des eaux.",
        "guarantees": ["degats_eaux"],
        "options": ["vol", "reemploi"],
    }
    assert product["modifiers"][0]["factor"] == "0.95" and product["modifiers"][0]["eco"] is True
    assert product["frequencies"][1] == {
        "code": "mensuel",
        "label": "Mensuel",
        "instalments": 12,
        "surcharge_percent": "3",
    }
    assert product["fees"] == [
        {"code": "frais_dossier", "label": "Frais de dossier", "amount": "12.00", "tax_category": "home_other"}
    ]
    assert product["multi_product_discount"] == [
        {"minimum": 1, "maximum": 1, "percent": "5"},
        {"minimum": 2, "maximum": None, "percent": "10"},
    ]
    assert product["required_documents"][0]["code"] == "justificatif_domicile"
    assert product["general_exclusions"] == ["La guerre civile ou étrangère."]
    assert product["eco_features"][0]["label"] == "Réparation en réemploi"
    assert product["ipid"]["territory"] == "France métropolitaine"
    assert product["target"] == {
        "client_kinds": ["person"],
        "description": "Locataires et propriétaires occupants d'un logement en France métropolitaine.",
    }
    assert {c["code"]: c["rate"] for c in product["tax_categories"]} == {"fire_individual": "30", "home_other": "9"}


def test_unknown_product_is_404_listing_the_codes(api, world, essai):
    response = api.get(f"/api/v1/catalogue/MRH?sandbox={essai}", user="candidat1")
    assert response.status_code == 404
    assert response.get_json()["message"] == "Produit inconnu « MRH » ; produits du catalogue : HAB_ESSAI."


# --- pricing -------------------------------------------------------------------------------------


def test_price_gives_the_full_breakdown(api, world, essai, journal_count):
    before = journal_count()
    response = api.post(f"/api/v1/catalogue/HAB_ESSAI/price?sandbox={essai}", user="candidat1", json=CONFORT)
    assert response.status_code == 200, response.get_json()
    assert journal_count() == before, "a simulation writes nothing"
    body = response.get_json()
    assert {k: body[k] for k in ("snapshot", "product", "version", "formula", "options", "frequency")} == {
        "snapshot": ESSAI_HASH,
        "product": "HAB_ESSAI",
        "version": "2026.1",
        "formula": "confort",
        "options": [],
        "frequency": "annuel",
    }
    assert body["effective_date"] == "2026-03-02"  # the sandbox clock
    incendie = body["guarantees"][0]
    assert incendie["code"] == "incendie" and incendie["deductible"] == "f150"
    assert incendie["components"][0]["factors"][0] == {
        "table": "zone",
        "label": "Zone géographique (département)",
        "read": "département 44",
        "coefficient": "1.00",
        "source": "Tarif pédagogique des tests",
    }
    assert incendie["adjustments"][0]["table"] == "franchise"
    assert incendie["taxes"] == [
        {"code": "tsca", "label": incendie["taxes"][0]["label"], "rate": "30", "base": "80.00", "amount": "24.00"},
        {
            "code": "catnat",
            "label": "Surprime catastrophes naturelles",
            "rate": "20",
            "base": "80.00",
            "amount": "16.00",
        },
        {"code": "catnat_tax", "label": incendie["taxes"][2]["label"], "rate": "9", "base": "16.00", "amount": "1.44"},
    ]
    assert (incendie["premium_before_tax"], incendie["fractionnement"], incendie["total"]) == (
        "80.00",
        "0.00",
        "121.44",
    )
    assert body["charges"] == [
        {"code": "frais_dossier", "label": "Frais de dossier", "amount": "12.00", "tax": "1.08", "total": "13.08"},
        {"code": "attentats", "label": "Contribution attentats (FGTI)", "amount": "6.50", "tax": "0", "total": "6.50"},
    ]
    assert body["totals"] == {
        "premium_before_tax": "165.50",
        "fractionnement": "0.00",
        "taxes": "63.30",
        "total": "247.30",
    }
    assert body["instalments"] == [{"number": 1, "due_date": "2026-03-02", "amount": "247.30"}]
    assert body["explanation"][0] == "Habitation d'essai (version 2026.1), formule Confort."
    assert body["explanation"][-1].startswith("Total annuel TTC : 247,3 €")


def test_monthly_price_adds_up_to_the_cent(api, world, essai):
    request = {
        **CONFORT,
        "frequency": "mensuel",
        "options": ["vol", "reemploi"],
        "deductibles": {"incendie": "f300"},
        "other_contracts": 2,
        "effective_date": "2026-01-31",
        "risk": {**RISK, "postcode": "75011", "rooms": 5},
    }
    response = api.post(f"/api/v1/catalogue/HAB_ESSAI/price?sandbox={essai}", user="candidat1", json=request)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    totals = {key: amount(value) for key, value in body["totals"].items()}
    lines = body["guarantees"]
    assert [line["code"] for line in lines] == ["incendie", "rc_vie_privee", "degats_eaux", "vol"]
    assert sum(amount(line["premium_before_tax"]) for line in lines) == totals["premium_before_tax"]
    assert sum(amount(line["fractionnement"]) for line in lines) == totals["fractionnement"]
    for line in lines:
        taxes = sum(amount(tax["amount"]) for tax in line["taxes"])
        assert amount(line["premium_before_tax"]) + amount(line["fractionnement"]) + taxes == amount(line["total"])
        assert (
            amount(line["fractionnement"]) == (amount(line["premium_before_tax"]) * 3 / 100).quantize(Decimal("0.01"))
            or line["fractionnement"] == "0.00"
        )
    charges = sum(amount(charge["total"]) for charge in body["charges"])
    assert sum(amount(line["total"]) for line in lines) + charges == totals["total"]
    assert (
        totals["premium_before_tax"]
        + totals["fractionnement"]
        + totals["taxes"]
        + sum(amount(charge["amount"]) for charge in body["charges"])
        == totals["total"]
    )
    instalments = body["instalments"]
    assert len(instalments) == 12
    assert sum(amount(i["amount"]) for i in instalments) == totals["total"]
    assert len({i["amount"] for i in instalments[1:]}) == 1
    assert [i["due_date"] for i in instalments[:2]] == ["2026-01-31", "2026-02-28"]  # relativedelta, not +30 days
    adjustments = {step["table"] for step in lines[2]["adjustments"]}
    assert adjustments == {"reemploi", "multi_equipement"}
    assert lines[0]["adjustments"][0]["coefficient"] == "0.90"


def test_json_numbers_are_read_exactly(api, world, essai, token_for):
    body = json.dumps({**CONFORT, "risk": {**RISK, "surface": 62.5, "rooms": 3}})
    response = api.client.post(
        f"/api/v1/catalogue/HAB_ESSAI/price?sandbox={essai}",
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for('candidat1')}"},
    )
    assert response.status_code == 200, response.get_json()
    refused = api.client.post(
        f"/api/v1/catalogue/HAB_ESSAI/price?sandbox={essai}",
        data='{"formula": "confort", "frequency": "annuel", "risk": {"surface": NaN}}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for('candidat1')}"},
    )
    assert refused.status_code == 400


def test_price_outside_a_sandbox_needs_an_effective_date(api, world, essai):
    missing = api.post("/api/v1/catalogue/HAB_ESSAI/price", user="formatrice", json=CONFORT)
    assert missing.status_code == 422
    assert list(missing.get_json()["errors"]) == ["effective_date"]
    dated = api.post(
        "/api/v1/catalogue/HAB_ESSAI/price", user="formatrice", json={**CONFORT, "effective_date": "2026-05-01"}
    )
    assert dated.status_code == 200 and dated.get_json()["effective_date"] == "2026-05-01"


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"formula": "luxe"},
            {"formula": ["Formule inconnue « luxe » ; valeurs possibles : essentielle, confort."]},
        ),
        (
            {"options": ["piscine"]},
            {"options": ["Option de la formule confort inconnue « piscine » ; valeurs possibles : vol, reemploi."]},
        ),
        (
            {"deductibles": {"incendie": "f999"}},
            {"deductibles.incendie": ["Franchise inconnue « f999 » ; valeurs possibles : f150, f300."]},
        ),
        (
            {"risk": {**RISK, "postcode": "29200"}},
            {
                "risk.postcode": [
                    "département 29 absent de la table « Zone géographique (département) » "
                    "(valeurs prévues : 75, 44, 13)."
                ]
            },
        ),
        ({"risk": {**RISK, "rooms": 12}}, {"risk.rooms": ["Valeur supérieure au maximum (8)."]}),
        ({"risk": {**RISK, "surface": 62.5}}, None),  # a JSON float read as Decimal("62.5"): accepted
        (
            {"frequency": None, "extra": 1},
            {"frequency": ["Ce champ ne peut pas être vide."], "extra": ["Champ inconnu."]},
        ),
    ],
    ids=["formula", "option", "deductible", "zone", "bounds", "float", "shape"],
)
def test_price_refusals_are_422_with_french_field_messages(api, world, essai, change, errors):
    response = api.post(
        f"/api/v1/catalogue/HAB_ESSAI/price?sandbox={essai}", user="candidat1", json={**CONFORT, **change}
    )
    if errors is None:
        assert response.status_code == 200, response.get_json()
        return
    assert response.status_code == 422
    found = response.get_json()["errors"]
    # (the engine may name one out-of-table value once per guarantee that reads the table)
    assert {field: list(dict.fromkeys(messages)) for field, messages in found.items()} == errors


def test_pricing_an_unknown_product_is_422(api, world, essai):
    response = api.post(f"/api/v1/catalogue/MRH/price?sandbox={essai}", user="candidat1", json=CONFORT)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "product": ["Produit inconnu « MRH » ; produits du catalogue : HAB_ESSAI."]
    }


def test_a_bad_sandbox_parameter_is_422(api, world):
    response = api.get("/api/v1/catalogue?sandbox=zero", user="formatrice")
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["sandbox"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/catalogue?sandbox={box}"),
        ("GET", "/api/v1/catalogue/HAB_ESSAI?sandbox={box}"),
        ("POST", "/api/v1/catalogue/HAB_ESSAI/price?sandbox={box}"),
    ],
)
def test_another_candidates_sandbox_is_404(api, world, essai, method, path):
    response = api.request(method, path.format(box=essai), user="candidat2", json=CONFORT if method == "POST" else None)
    assert response.status_code == 404
    assert response.get_json()["message"] == "Bac à sable introuvable."


def test_no_catalogue_is_409_with_the_command_to_run(api, world, session):
    session.execute(update(ExamSession).values(catalogue_snapshot_id=None))
    session.execute(delete(CatalogueSnapshot))
    session.commit()
    for path in ("/api/v1/catalogue", "/api/v1/catalogue/AUTO"):
        response = api.get(path, user="formatrice")
        assert response.status_code == 409
        assert "polyadmin catalogue load" in response.get_json()["message"]
    created = api.post("/api/v1/exam-sessions", user="formatrice", json={"name": "Sans catalogue"})
    assert created.status_code == 409


def test_without_a_token_it_is_401(api, world):
    assert api.get("/api/v1/catalogue").status_code == 401
    assert api.post("/api/v1/catalogue/HAB_ESSAI/price", json=CONFORT).status_code == 401


def test_exam_session_shows_its_pinned_catalogue(api, world, essai, session):
    exam = session.get(ExamSession, world.exam_session_id)
    assert exam is not None and exam.catalogue_snapshot is not None
    body = api.get(f"/api/v1/exam-sessions/{world.exam_session_id}", user="evaluateur").get_json()
    assert body["catalogue"]["snapshot"] == exam.catalogue_snapshot.content_hash
    assert body["catalogue"]["short"] == exam.catalogue_snapshot.content_hash[:12]
    assert body["catalogue"]["products"] == [
        {"code": code, "version": version} for code, version in exam.catalogue_snapshot.product_versions.items()
    ]
    created = api.post(
        "/api/v1/exam-sessions",
        user="formatrice",
        json={"name": "Épinglée", "candidates": ["candidat3"], "catalogue": ESSAI_HASH[:10]},
    )
    assert created.status_code == 201
    assert created.get_json()["catalogue"]["products"] == [{"code": "HAB_ESSAI", "version": "2026.1"}]
