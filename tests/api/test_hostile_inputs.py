"""No input gets a 500 through the API: NUL bytes, lone surrogates, ids beyond the database's integers,
LIKE wildcards, absurd dates, loose booleans and dates — each a 4xx in French, and nothing written."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from polyadmin.services.clients import create_client
from tests.api.test_permissions import AUTO_PRICING
from tests.helpers.factories import PersonClientData

BEYOND_INT32 = 2**31  # PostgreSQL's integer ends at 2 147 483 647
BEYOND_INT64 = 2**63  # SQLite's integer ends at 9 223 372 036 854 775 807
HUGE_IDS = (BEYOND_INT32, BEYOND_INT64, 2**64, 10**30)
BOOLEAN_MESSAGE = "Valeur oui/non attendue. En JSON : true ou false, sans guillemets."
CALL = {"channel": "email", "direction": "sortant", "motive": "Relance", "summary": "Le client rappellera."}


def assert_refused_in_french(response, *statuses: int) -> dict[str, Any]:
    assert response.status_code in (statuses or (400, 422)), (response.status_code, response.get_data(as_text=True))
    body = response.get_json()
    assert body["code"] == response.status_code
    assert body["message"] and not body["message"].startswith(("Bad ", "The ", "Internal "))  # French, not werkzeug's
    return body


def raw_json(api, method: str, path: str, text: str, user: str | None = "candidat1"):
    """A JSON body sent as typed (a lone surrogate cannot be encoded by the test client's JSON)."""
    return api.request(method, path, user=user, data=text, headers={"Content-Type": "application/json"})


# --- NUL bytes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=Dupont%00",
        "q=%00&page=1",
    ],
)
def test_a_nul_byte_in_the_client_search_is_refused(api, world, client_record, query):
    response = api.get(f"/api/v1/sandboxes/{world.sandbox_id}/clients?{query}", user="candidat1")
    body = assert_refused_in_french(response)
    assert "q" in body.get("errors", {})


@pytest.mark.parametrize("name", ["action", "record", "code", "date_from"])
def test_a_nul_byte_in_a_journal_filter_is_refused(api, world, name):
    response = api.get(f"/api/v1/sandboxes/{world.sandbox_id}/journal?{name}=a%00b", user="formatrice")
    assert_refused_in_french(response)


def test_a_nul_byte_in_a_query_parameter_name_is_refused(api, world):
    response = api.get(f"/api/v1/sandboxes/{world.sandbox_id}/clients?q%00=x", user="candidat1")
    assert_refused_in_french(response)


def test_a_nul_byte_in_a_contact_motive_writes_nothing(api, world, client_record, journal_count):
    before = journal_count()
    url = f"/api/v1/sandboxes/{world.sandbox_id}/clients/{client_record['id']}/interactions"
    response = api.post(url, user="candidat1", json={**CALL, "motive": "Re\x00lance"})
    body = assert_refused_in_french(response)
    assert "motive" in body["errors"]
    assert journal_count() == before
    assert api.get(url, user="candidat1").get_json()["total"] == 0


def test_a_nul_byte_in_a_first_name_writes_nothing(api, world, journal_count):
    before = journal_count()
    response = api.post(
        f"/api/v1/sandboxes/{world.sandbox_id}/clients", user="candidat1", json=PersonClientData(first_name="Jo\x00")
    )
    body = assert_refused_in_french(response)
    assert "first_name" in body["errors"]
    assert journal_count() == before


def test_a_nul_byte_in_a_nested_value_is_refused(api, world, journal_count):
    before = journal_count()
    data = PersonClientData(gdpr_purposes=["enquetes\x00"])
    response = api.post(f"/api/v1/sandboxes/{world.sandbox_id}/clients", user="candidat1", json=data)
    assert_refused_in_french(response)
    assert journal_count() == before


def test_a_nul_byte_in_the_username_is_refused_before_authentication(api, world, journal_count):
    before = journal_count()
    response = api.post("/api/v1/auth/token", json={"username": "candidat1\x00", "password": "x" * 12})
    assert_refused_in_french(response)
    assert journal_count() == before


def test_a_nul_byte_in_a_product_code_of_the_path_is_refused(api, world):
    response = api.get(f"/api/v1/catalogue/AUTO%00?sandbox={world.sandbox_id}", user="candidat1")
    assert_refused_in_french(response, 400, 404, 422)


# --- lone surrogates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "a\\ud83d"])
def test_a_lone_surrogate_in_a_json_string_writes_nothing(api, world, journal_count, escape):
    before = journal_count()
    data = json.dumps(PersonClientData(first_name="PLACEHOLDER")).replace("PLACEHOLDER", escape)
    response = raw_json(api, "POST", f"/api/v1/sandboxes/{world.sandbox_id}/clients", data)
    assert_refused_in_french(response)
    assert journal_count() == before


def test_a_lone_surrogate_in_a_json_key_is_refused(api, world, journal_count):
    before = journal_count()
    response = raw_json(api, "POST", f"/api/v1/sandboxes/{world.sandbox_id}/clients", '{"\\ud800": 1}')
    assert_refused_in_french(response)
    assert journal_count() == before


def test_a_lone_surrogate_in_the_username_is_refused_before_authentication(api, world):
    response = raw_json(api, "POST", "/api/v1/auth/token", '{"username": "\\ud800", "password": "xxxxxxxxxxxx"}', None)
    assert_refused_in_french(response)


def test_a_surrogate_pair_is_an_ordinary_character(api, world):
    """« \\ud83d\\ude00 » is one emoji (U+1F600), not a lone surrogate: accepted."""
    data = json.dumps(PersonClientData(first_name="PLACEHOLDER")).replace("PLACEHOLDER", "Jo \\ud83d\\ude00")
    response = raw_json(api, "POST", f"/api/v1/sandboxes/{world.sandbox_id}/clients", data)
    assert response.status_code == 201
    assert response.get_json()["first_name"] == "Jo \U0001f600"


# --- ids beyond the database's integers ---------------------------------------------------------------


@pytest.mark.parametrize("huge", HUGE_IDS)
@pytest.mark.parametrize(
    "template",
    [
        "/api/v1/sandboxes/{huge}",
        "/api/v1/sandboxes/{huge}/clients",
        "/api/v1/sandboxes/{sandbox}/clients/{huge}",
        "/api/v1/sandboxes/{sandbox}/clients/{huge}/interactions",
        "/api/v1/sandboxes/{huge}/journal",
        "/api/v1/sandboxes/{huge}/journal/verify",
        "/api/v1/exam-sessions/{huge}",
    ],
)
def test_an_id_beyond_the_database_integers_is_404(api, world, template, huge):
    response = api.get(template.format(huge=huge, sandbox=world.sandbox_id), user="formatrice")
    assert response.status_code == 404
    assert response.get_json()["message"] == "Ressource introuvable."


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_writes_to_an_id_beyond_the_database_integers_are_404(api, world, journal_count, huge):
    before = journal_count()
    for method, path, body, user in (
        ("PATCH", f"/api/v1/sandboxes/{world.sandbox_id}/clients/{huge}", {"city": "Brest"}, "candidat1"),
        ("POST", f"/api/v1/sandboxes/{huge}/clients", PersonClientData(), "candidat1"),
        ("POST", f"/api/v1/sandboxes/{huge}/clock", {"date": "2026-04-01"}, "formatrice"),
    ):
        assert api.request(method, path, user=user, json=body).status_code == 404
    assert journal_count() == before


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_a_sandbox_query_parameter_beyond_the_integers_is_refused(api, world, huge):
    for path in ("/api/v1/catalogue", "/api/v1/catalogue/AUTO"):
        response = api.get(f"{path}?sandbox={huge}", user="formatrice")
        assert_refused_in_french(response, 404, 422)
    response = api.post(f"/api/v1/catalogue/AUTO/price?sandbox={huge}", user="candidat1", json=AUTO_PRICING)
    assert_refused_in_french(response, 404, 422)


@pytest.mark.parametrize("query", [f"page={BEYOND_INT64}", f"per_page={BEYOND_INT64}", "page=99999999999"])
def test_a_page_beyond_the_integers_is_refused(api, world, query):
    response = api.get(f"/api/v1/sandboxes/{world.sandbox_id}/clients?{query}", user="candidat1")
    assert_refused_in_french(response)


# --- LIKE wildcards are searched as typed -------------------------------------------------------------


@pytest.mark.parametrize("typed", ["%", "_", "%%", "__", "\\", "%_%"])
def test_like_wildcards_are_searched_literally(api, world, session, typed):
    for last_name in ("Dupont", "Martin", "Zola"):
        create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name=last_name))
    response = api.get(f"/api/v1/sandboxes/{world.sandbox_id}/clients", user="candidat1", query_string={"q": typed})
    assert response.status_code == 200
    assert response.get_json()["total"] == 0


def test_a_name_with_an_underscore_or_percent_is_still_found(api, world, session):
    create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Cent_Pour%Cent"))
    create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="CentXPourCent"))
    for typed in ("t_p", "r%c", "Cent_Pour%Cent"):
        response = api.get(f"/api/v1/sandboxes/{world.sandbox_id}/clients", user="candidat1", query_string={"q": typed})
        assert [item["last_name"] for item in response.get_json()["items"]] == ["Cent_Pour%Cent"], typed


def test_an_email_search_treats_the_underscore_literally(api, world, session):
    create_client(session, world.candidate, world.sandbox_id, PersonClientData(email="jean_dupont@exemple.fr"))
    create_client(session, world.candidate, world.sandbox_id, PersonClientData(email="jeanxdupont@exemple.fr"))
    response = api.get(f"/api/v1/sandboxes/{world.sandbox_id}/clients", user="candidat1", query_string={"q": "n_d"})
    assert [item["email"] for item in response.get_json()["items"]] == ["jean_dupont@exemple.fr"]


# --- dates, booleans: what the documentation says ------------------------------------------------------


@pytest.mark.parametrize(
    ("occurred_on", "fragment"),
    [("0001-01-01", "1900"), ("1899-12-31", "1900"), ("1950-01-01", "naissance")],
)
def test_a_contact_dated_before_1900_or_before_the_client_birth_is_refused(
    api, world, session, journal_count, occurred_on, fragment
):
    client = create_client(session, world.candidate, world.sandbox_id, PersonClientData(birth_date=date(1980, 5, 1)))
    before = journal_count()
    url = f"/api/v1/sandboxes/{world.sandbox_id}/clients/{client.id}/interactions"
    response = api.post(url, user="candidat1", json={**CALL, "occurred_on": occurred_on})
    body = assert_refused_in_french(response, 422)
    assert fragment in body["errors"]["occurred_on"][0]
    assert journal_count() == before


def test_a_contact_on_the_client_birth_date_or_later_is_accepted(api, world, session):
    client = create_client(session, world.candidate, world.sandbox_id, PersonClientData(birth_date=date(1980, 5, 1)))
    url = f"/api/v1/sandboxes/{world.sandbox_id}/clients/{client.id}/interactions"
    assert api.post(url, user="candidat1", json={**CALL, "occurred_on": "2000-01-01"}).status_code == 201


@pytest.mark.parametrize("birth_date", ["0001-01-01", "1899-12-31"])
def test_a_birth_date_before_1900_is_refused(api, world, journal_count, birth_date):
    before = journal_count()
    response = api.post(
        f"/api/v1/sandboxes/{world.sandbox_id}/clients",
        user="candidat1",
        json={**PersonClientData(), "birth_date": birth_date},
    )
    assert "birth_date" in assert_refused_in_french(response, 422)["errors"]
    assert journal_count() == before


def price(api, world, **changes: Any):
    body = {**AUTO_PRICING, **{key: value for key, value in changes.items() if key != "risk"}}
    body["risk"] = {**AUTO_PRICING["risk"], **changes.get("risk", {})}
    return api.post(f"/api/v1/catalogue/AUTO/price?sandbox={world.sandbox_id}", user="candidat1", json=body)


@pytest.mark.parametrize("licence_date", ["1980-01-01", "1985-06-14", "1990-01-01"])
def test_a_licence_obtained_before_the_driver_could_hold_one_is_not_priced(api, world, licence_date):
    response = price(api, world, risk={"driver_birth_date": "1985-06-15", "licence_date": licence_date})
    body = assert_refused_in_french(response, 422)
    assert "risk.licence_date" in body["errors"], body


def test_a_licence_obtained_at_the_minimum_age_is_priced(api, world):
    response = price(api, world, risk={"driver_birth_date": "1985-06-15", "licence_date": "2003-06-15"})
    assert response.status_code == 200, response.get_json()


@pytest.mark.parametrize(
    "effective_date",
    ["20260301", "2026-3-1", "\uff12\uff10\uff12\uff16-03-01", "2026-03-01T00:00:00", "2026-W09-7", " 2026-03-01"],
)
def test_an_effective_date_not_written_yyyy_mm_dd_is_refused(api, world, effective_date):
    response = price(api, world, effective_date=effective_date)
    body = assert_refused_in_french(response, 422)
    assert body["errors"]["effective_date"] == ["Date invalide (format attendu : AAAA-MM-JJ)."]


def test_a_risk_date_not_written_yyyy_mm_dd_is_refused(api, world):
    response = price(api, world, risk={"driver_birth_date": "19850615"})
    assert "risk.driver_birth_date" in assert_refused_in_french(response, 422)["errors"]


@pytest.mark.parametrize("value", [0, 1, "yes", "true", "oui", "", None])
def test_gdpr_consent_must_be_a_json_boolean(api, world, journal_count, value):
    before = journal_count()
    response = api.post(
        f"/api/v1/sandboxes/{world.sandbox_id}/clients", user="candidat1", json=PersonClientData(gdpr_consent=value)
    )
    body = assert_refused_in_french(response, 422)
    assert "gdpr_consent" in body["errors"]
    assert journal_count() == before


@pytest.mark.parametrize("value", [0, 1, "yes", "1", "oui"])
def test_accompanied_driving_must_be_a_json_boolean(api, world, value):
    response = api.post(
        "/api/v1/tools/novice-surcharge",
        user="candidat1",
        json={"years_licensed": 1, "claim_free_years": 0, "accompanied_driving": value},
    )
    body = assert_refused_in_french(response, 422)
    assert body["errors"]["accompanied_driving"] == [BOOLEAN_MESSAGE]


def test_json_booleans_are_still_accepted(api, world):
    for value in (True, False):
        response = api.post(
            "/api/v1/tools/novice-surcharge",
            user="candidat1",
            json={"years_licensed": 1, "claim_free_years": 0, "accompanied_driving": value},
        )
        assert response.status_code == 200
