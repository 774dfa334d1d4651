"""The offers API (C2A.3): needs and advice, quotes with priced lines, versions; amounts to the cent,
French 422s, the rights, another sandbox 404."""

from __future__ import annotations

from decimal import Decimal

from tests.integration.test_offers import AUTO_RISK

API = "/api/v1/sandboxes"


def auto_line(**changes):
    line = {"product": "AUTO", "formula": "tiers_plus", "frequency": "annuel", "risk": dict(AUTO_RISK)}
    line.update(changes)
    return line


def test_create_read_and_revise_a_quote(api, world, client_record, journal_count):
    body = {
        "client_id": client_record["id"],
        "lines": [auto_line(), auto_line(formula="tous_risques", alternative_of=1)],
    }
    response = api.post(f"{API}/{world.sandbox_id}/quotes", user="candidat1", json=body)
    assert response.status_code == 201, response.get_json()
    quote = response.get_json()
    assert quote["number"] == "DV-000001"
    assert (quote["version"], quote["status"], quote["valid_until"]) == (1, "proposed", "2026-04-01")
    first, alternative = quote["lines"]
    assert first["total"] == "447.75" and first["premium_before_tax"] == "335.49" and first["taxes"] == "90.76"
    assert first["discount"] == "0.00" and quote["discount"] == "0.00"
    assert quote["total"] == "447.75"  # the alternative is compared, not added
    assert (alternative["alternative_of"], alternative["chosen"]) == (1, False)
    assert Decimal(alternative["total"]) > Decimal(first["total"])
    guarantees = sum(Decimal(g["total"]) for g in first["guarantees"])
    # the guarantees, then once per contract: frais de dossier 15.00 + 18 % = 17.70, attentats 6.50
    assert (guarantees, Decimal(first["total"]) - guarantees) == (Decimal("423.55"), Decimal("24.20"))
    assert journal_count("quote.create") == 1
    read = api.get(f"{API}/{world.sandbox_id}/quotes/{quote['id']}", user="evaluateur")
    assert read.status_code == 200 and read.get_json()["total"] == "447.75"
    revised = api.post(
        f"{API}/{world.sandbox_id}/quotes/{quote['id']}/versions",
        user="candidat1",
        json={"reason": "Paiement mensuel.", "lines": [auto_line(frequency="mensuel")]},
    )
    assert revised.status_code == 201
    data = revised.get_json()
    assert data["version"] == 2
    assert [(v["version"], v["status"]) for v in data["versions"]] == [(1, "superseded"), (2, "proposed")]
    assert data["lines"][0]["frequency"] == "mensuel" and len(data["lines"][0]["instalments"]) == 12
    listing = api.get(f"{API}/{world.sandbox_id}/quotes?client_id={client_record['id']}", user="candidat1")
    assert [(q["number"], q["version"]) for q in listing.get_json()["items"]] == [("DV-000001", 2)]


def test_bad_lines_are_422_in_french_and_write_nothing(api, world, client_record, journal_count):
    body = {"client_id": client_record["id"], "lines": [auto_line(formula="luxe"), auto_line(options=["parachute"])]}
    response = api.post(f"{API}/{world.sandbox_id}/quotes", user="candidat1", json=body)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert "Formule inconnue « luxe »" in errors["lines.0.formula"][0]
    assert "parachute" in errors["lines.1.options"][0]
    empty = api.post(f"{API}/{world.sandbox_id}/quotes", user="candidat1", json={"client_id": client_record["id"]})
    assert empty.status_code == 422 and "lines" in empty.get_json()["errors"]
    assert journal_count("quote.create") == 0


def test_needs_round_trip_with_flags(api, world, client_record, journal_count):
    path = f"{API}/{world.sandbox_id}/clients/{client_record['id']}/needs"
    assert api.get(path, user="candidat1").status_code == 404
    body = {
        "lines": {"auto": {"wanted": ["dommages"], "already_covered": []}},
        "budget_monthly": "45.00",
        "eco_interest": True,
        "recommendations": [
            {"line": "auto", "product": "AUTO", "formula": "tiers_plus", "reason": "Budget serré.", "need": "Dommages"}
        ],
    }
    response = api.post(path, user="candidat1", json=body)
    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    assert data["budget_monthly"] == "45.00"
    assert {flag["kind"] for flag in data["flags"]} == {"need_uncovered", "eco_not_offered"}
    assert api.get(path, user="evaluateur").get_json()["id"] == data["id"]
    assert journal_count("needs.record") == 1
    refused = api.post(path, user="candidat1", json={"lines": {"bateau": {}}})
    assert refused.status_code == 422


def test_another_sandbox_is_404_and_a_reader_cannot_act(api, world, client_record):
    body = {"client_id": client_record["id"], "lines": [auto_line()]}
    assert api.post(f"{API}/{world.sandbox_id}/quotes", user="evaluateur", json=body).status_code == 403
    created = api.post(f"{API}/{world.sandbox_id}/quotes", user="candidat1", json=body).get_json()
    assert api.get(f"{API}/{world.classmate_sandbox_id}/quotes/{created['id']}", user="candidat2").status_code == 404
    assert api.get(f"{API}/{world.sandbox_id}/quotes/{created['id']}", user="candidat2").status_code == 404
