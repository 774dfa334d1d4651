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


# --- Termination and unpaid premium (issues 13 and 14): worked examples in tests/unit too --------------

TERMINATION = "/api/v1/tools/termination"
UNPAID = "/api/v1/tools/unpaid-premium"
HAMON = {
    "ground": "hamon",
    "subscribed_on": "2026-03-01",
    "period_start": "2027-03-01",
    "period_end": "2028-02-29",
    "annual_premium": "600,00",
    "notice_received_on": "2027-05-10",
}


@pytest.mark.parametrize("user", ROLES)
def test_every_role_computes_a_hamon_termination(api, world, user):
    # L113-15-2: received 2027-05-10 → effect 2027-06-10; 600 × 101 / 366 = 165.57 earned, 434.43 refunded
    # by 2027-07-10.
    response = api.post(TERMINATION, user=user, json=HAMON)
    assert response.status_code == 200, response.get_json()
    payload = response.get_json()
    assert {key: value for key, value in payload.items() if key != "reason"} == {
        "accepted": True,
        "effective_on": "2027-06-10",
        "send_by": None,
        "deadline": None,
        "earned": "165.57",
        "refund": "434.43",
        "refund_due_by": "2027-07-10",
    }
    assert "L113-15-2" in payload["reason"]


def test_a_refused_ground_answers_200_with_the_reason(api, world):
    body = {**HAMON, "period_start": "2026-03-01", "period_end": "2027-02-28", "notice_received_on": "2026-12-10"}
    payload = api.post(TERMINATION, user="candidat1", json=body).get_json()
    assert payload["accepted"] is False
    assert payload["effective_on"] is None and payload["refund"] is None
    assert "après un an" in payload["reason"]


def test_chatel_late_notice_of_right_gives_20_days(api, world):
    # Due 2028-03-01, normal deadline 2028-01-01; avis sent 2027-12-22 (10 days before) → deadline 2028-01-11.
    body = {
        **HAMON,
        "ground": "chatel",
        "notice_received_on": None,
        "notice_of_right_sent_on": "2027-12-22",
        "notice_sent_on": "2028-01-11",
    }
    payload = api.post(TERMINATION, user="candidat1", json=body).get_json()
    assert (payload["accepted"], payload["deadline"], payload["effective_on"]) == (True, "2028-01-11", "2028-03-01")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ground": "divorce"}, "ground", "Valeur inconnue"),
        ({"annual_premium": 600}, "annual_premium", "Montant à écrire en texte"),
        ({"annual_premium": "600.001"}, "annual_premium", "Montant invalide"),
        ({"period_end": "2027-02-29"}, "period_end", "Date impossible"),
        ({"period_end": "2026-02-28"}, "period_end", "ne peut pas précéder son début"),
        ({"period_end": "2029-03-01"}, "period_end", "un an au plus"),
        ({"notice_received_on": None}, "notice_received_on", "Obligatoire pour ce motif"),
        ({"professional": "oui"}, "professional", "Valeur oui/non attendue."),
        ({"colour": "red"}, "colour", "Champ inconnu."),
    ],
)
def test_termination_refuses_bad_input_with_french_field_messages(api, world, journal_count, changes, field, message):
    before = journal_count()
    response = api.post(TERMINATION, user="candidat1", json={**HAMON, **changes})
    assert response.status_code == 422
    assert any(message in text for text in response.get_json()["errors"][field]), response.get_json()
    assert journal_count() == before


def test_unpaid_premium_normal_path(api, world):
    # L113-3: due 2026-03-01, notice 2026-03-12; covered to 2026-04-11, suspended 2026-04-12, termination 2026-04-22.
    payload = api.post(
        UNPAID, user="candidat1", json={"due_date": "2026-03-01", "notice_sent_on": "2026-03-12"}
    ).get_json()
    assert {key: value for key, value in payload.items() if key != "reason"} == {
        "notice_valid": True,
        "covered_until": "2026-04-11",
        "suspended_from": "2026-04-12",
        "termination_possible_from": "2026-04-22",
        "cover_resumes_at": None,
    }


def test_unpaid_premium_paid_during_suspension_resumes_at_noon_paris(api, world):
    body = {"due_date": "2026-03-01", "notice_sent_on": "2026-03-12", "paid_on": "2026-04-13"}
    payload = api.post(UNPAID, user="candidat1", json=body).get_json()
    assert payload["cover_resumes_at"] == "2026-04-14T12:00:00+02:00"


def test_unpaid_premium_notice_too_early_is_invalid_with_reason(api, world):
    payload = api.post(
        UNPAID, user="candidat1", json={"due_date": "2026-03-01", "notice_sent_on": "2026-03-06"}
    ).get_json()
    assert payload["notice_valid"] is False
    assert "prématurée" in payload["reason"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"notice_sent_on": "2026-03-12"}, "due_date", "Champ obligatoire."),
        ({"due_date": "01/03/2026", "notice_sent_on": "2026-03-12"}, "due_date", "Date invalide"),
        (
            {"due_date": "2026-03-01", "notice_sent_on": "2026-03-12", "paid_on": "2026-02-01"},
            "paid_on",
            "suit l'échéance",
        ),
    ],
)
def test_unpaid_premium_refuses_bad_input(api, world, body, field, message):
    response = api.post(UNPAID, user="candidat1", json=body)
    assert response.status_code == 422
    assert any(message in text for text in response.get_json()["errors"][field])


@pytest.mark.parametrize("path", [TERMINATION, UNPAID])
def test_new_calculators_are_documented_and_need_a_token(api, world, spec_json, path):
    operation = spec_json["paths"][path]["post"]
    assert operation["summary"].startswith("Calculer")
    assert {"200", "401", "422"} <= set(operation["responses"])
    assert api.post(path, json={}).status_code == 401
