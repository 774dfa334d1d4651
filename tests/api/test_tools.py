"""The « outils » calculators through the API: bonus-malus (A121-1 annex) and novice surcharge (A121-1-1)."""

from __future__ import annotations

import pytest

BONUS_MALUS = "/api/v1/tools/bonus-malus"
NOVICE = "/api/v1/tools/novice-surcharge"
ROLES = ("candidat1", "evaluateur", "formatrice", "admin")


@pytest.mark.parametrize("user", ROLES)
def test_every_role_computes_a_claim_free_year(api, world, user):
    # Annex art. 4: 1,00 × 0,95 = 0,95.
    response = api.post(BONUS_MALUS, user=user, json={"crm": "1.00", "years": [{"at_fault": 0, "partial": 0}]})
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {
        "crm": "0.95",
        "steps": [{"crm": "0.95", "rule": "Année 1 sans sinistre responsable : 1,00 × 0,95 = 0,95."}],
    }


def test_bonus_malus_gives_each_step_to_the_cent(api, world):
    # 1,00 → 0,95 → 0,90 (0,9025) → 1,12 (0,90 × 1,25 = 1,125) → 1,06 (1,064) → 1,00 (1,007, two clean years).
    body = {
        "crm": "1",
        "years": [{}, {"at_fault": 0}, {"at_fault": 1}, {"partial": 0}, {}],
    }
    payload = api.post(BONUS_MALUS, user="candidat1", json=body).get_json()
    assert [step["crm"] for step in payload["steps"]] == ["0.95", "0.90", "1.12", "1.06", "1.00"]
    assert payload["crm"] == "1.00"
    assert "arrondi par défaut à 0,90" in payload["steps"][1]["rule"]


def test_two_claims_in_a_year_give_156(api, world):
    payload = api.post(BONUS_MALUS, user="candidat1", json={"crm": "1.00", "years": [{"at_fault": 2}]}).get_json()
    assert payload["crm"] == "1.56"


def test_first_claim_after_three_years_at_floor_keeps_050(api, world):
    body = {"crm": "0.50", "years_at_floor": 3, "years": [{"at_fault": 1}]}
    payload = api.post(BONUS_MALUS, user="candidat1", json=body).get_json()
    assert payload["crm"] == "0.50"
    assert "aucune majoration" in payload["steps"][0]["rule"]


def test_tournees_use_093_and_120(api, world):
    body = {"crm": "1.00", "usage": "tournees", "years": [{}, {"at_fault": 1}]}
    payload = api.post(BONUS_MALUS, user="candidat1", json=body).get_json()
    assert [step["crm"] for step in payload["steps"]] == ["0.93", "1.11"]  # 0,93 × 1,20 = 1,116


def test_french_decimal_comma_is_read_too(api, world):
    payload = api.post(BONUS_MALUS, user="candidat1", json={"crm": "0,95", "years": [{}]}).get_json()
    assert payload["crm"] == "0.90"


def test_no_period_returns_the_coefficient_with_two_decimals(api, world):
    payload = api.post(BONUS_MALUS, user="candidat1", json={"crm": "1.5"}).get_json()
    assert payload == {"crm": "1.50", "steps": []}


def test_novice_surcharge_after_one_claim_free_year_is_50(api, world):
    body = {"years_licensed": 1, "accompanied_driving": False, "claim_free_years": 1}
    response = api.post(NOVICE, user="candidat1", json=body)
    assert response.status_code == 200
    payload = response.get_json()
    assert payload["surcharge_percent"] == "50"
    assert "A121-1-1" in payload["rule"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"years_licensed": 0, "claim_free_years": 0}, "100"),
        ({"years_licensed": 2, "claim_free_years": 2}, "25"),
        ({"years_licensed": 3, "claim_free_years": 3}, "0"),
        ({"years_licensed": 0, "claim_free_years": 0, "accompanied_driving": True}, "50"),
        ({"years_licensed": 1, "claim_free_years": 1, "accompanied_driving": True}, "25"),
        ({"years_licensed": 2, "claim_free_years": 2, "accompanied_driving": True}, "0"),
        ({"years_licensed": 2, "claim_free_years": 1}, "50"),  # a year with an at-fault claim: not halved
    ],
)
def test_novice_surcharge_ladder(api, world, body, expected):
    assert api.post(NOVICE, user="evaluateur", json=body).get_json()["surcharge_percent"] == expected


@pytest.mark.parametrize("path", [BONUS_MALUS, NOVICE])
def test_a_token_is_required(api, world, path):
    response = api.post(path, json={"crm": "1.00"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["code"] == 401


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"crm": "abc"}, "crm", "Coefficient invalide"),
        ({"crm": 1.0}, "crm", "Coefficient à écrire en texte"),
        ({"crm": 1}, "crm", "Coefficient à écrire en texte"),
        ({"crm": "0.955"}, "crm", "Coefficient invalide"),
        ({"crm": "0.49"}, "crm", "entre 0,50 et 3,50"),
        ({"crm": "3.51"}, "crm", "entre 0,50 et 3,50"),
        ({}, "crm", "Champ obligatoire."),
        ({"crm": "1.00", "usage": "taxi"}, "usage", "Valeur inconnue ; valeurs possibles : standard, tournees."),
        ({"crm": "1.00", "years": [{"at_fault": -1}]}, "years.0.at_fault", "Nombre entier entre 0 et 99 attendu."),
        ({"crm": "1.00", "years": [{}, {"partial": 1.5}]}, "years.1.partial", "Nombre entier positif ou nul attendu."),
        ({"crm": "1.00", "years": [{"at_fault": 1.0}]}, "years.0.at_fault", "Nombre entier positif ou nul attendu."),
        ({"crm": "1.00", "years": [{"at_fault": True}]}, "years.0.at_fault", "Nombre entier positif ou nul attendu."),
        ({"crm": "1.00", "years": [{"bogus": 1}]}, "years.0.bogus", "Champ inconnu."),
        ({"crm": "1.00", "years": [{}] * 51}, "years", "50 périodes au maximum."),
        ({"crm": "1.00", "years_at_floor": -2}, "years_at_floor", "Nombre entier entre 0 et 100 attendu."),
        ({"crm": "0.60", "years_at_floor": 3}, "years_at_floor", "coefficient actuel de 0,50"),
        ({"crm": "1.00", "colour": "red"}, "colour", "Champ inconnu."),
    ],
)
def test_bonus_malus_refuses_bad_input_with_french_field_messages(api, world, journal_count, body, field, message):
    before = journal_count()
    response = api.post(BONUS_MALUS, user="candidat1", json=body)
    assert response.status_code == 422
    payload = response.get_json()
    assert payload["message"] == "Données invalides."
    assert any(message in text for text in payload["errors"][field]), payload["errors"]
    assert journal_count() == before


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"years_licensed": 1, "claim_free_years": 2}, "claim_free_years", "ne peut pas dépasser"),
        ({"years_licensed": -1, "claim_free_years": 0}, "years_licensed", "Nombre entier entre 0 et 100 attendu."),
        ({"years_licensed": 1}, "claim_free_years", "Champ obligatoire."),
        ({"years_licensed": "un", "claim_free_years": 0}, "years_licensed", "Nombre entier positif ou nul attendu."),
        (
            {"years_licensed": 1, "claim_free_years": 0, "accompanied_driving": "peut-être"},
            "accompanied_driving",
            "Valeur oui/non attendue.",
        ),
    ],
)
def test_novice_surcharge_refuses_bad_input_with_french_field_messages(api, world, body, field, message):
    response = api.post(NOVICE, user="candidat1", json=body)
    assert response.status_code == 422
    assert any(message in text for text in response.get_json()["errors"][field])


def test_a_body_that_is_not_an_object_is_422(api, world):
    response = api.post(BONUS_MALUS, user="candidat1", json=["1.00"])
    assert response.status_code == 422
    assert "objet est attendu" in response.get_json()["errors"]["_schema"][0]


def test_malformed_json_is_400(api, world):
    response = api.post(BONUS_MALUS, user="candidat1", data='{"crm": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 400


def test_calculators_write_nothing_to_the_journal(api, world, journal_count):
    before = journal_count()
    assert api.post(BONUS_MALUS, user="candidat1", json={"crm": "1.00", "years": [{"at_fault": 1}]}).status_code == 200
    assert api.post(NOVICE, user="candidat1", json={"years_licensed": 0, "claim_free_years": 0}).status_code == 200
    assert journal_count() == before


def test_calculators_are_documented_in_french(spec_json):
    for path in (BONUS_MALUS, NOVICE):
        operation = spec_json["paths"][path]["post"]
        assert operation["summary"].startswith("Calculer")
        assert {"200", "401", "422"} <= set(operation["responses"])


@pytest.fixture
def spec_json(client):
    return client.get("/api/v1/openapi.json").get_json()
