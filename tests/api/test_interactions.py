"""Contacts with a client through the API: record (candidate only), list (all who see the sandbox)."""

from __future__ import annotations

import pytest

CALL = {
    "channel": "email",
    "direction": "sortant",
    "motive": "Relance pièce manquante",
    "summary": "Relance pour le relevé d'information ; le client l'enverra cette semaine.",
}


def interactions_url(sandbox_id: int, client_id: int) -> str:
    return f"/api/v1/sandboxes/{sandbox_id}/clients/{client_id}/interactions"


def test_candidate_records_a_contact_dated_by_the_sandbox(api, world, client_record, last_entry):
    response = api.post(interactions_url(world.sandbox_id, client_record["id"]), user="candidat1", json=CALL)
    assert response.status_code == 201
    body = response.get_json()
    assert body["client_id"] == client_record["id"]
    assert body["occurred_on"] == "2026-03-02"
    assert (body["channel"], body["channel_label"]) == ("email", "Courriel")
    assert (body["direction"], body["direction_label"]) == ("sortant", "Sortant (nous contactons le client)")
    assert (body["motive"], body["summary"]) == (CALL["motive"], CALL["summary"])
    assert body["recorded_by"] == "candidat1"
    assert body["recorded_at"].endswith("Z")
    assert body["seeded"] is False
    entry = last_entry("interaction.record")
    assert entry.actor_username == "candidat1"
    assert (entry.record_type, entry.record_id) == ("interaction", str(body["id"]))
    assert list(entry.codes) == ["C1.8"]
    assert entry.outcome == {
        "interaction_id": body["id"],
        "client_id": client_record["id"],
        "client_number": client_record["number"],
    }


def test_contacts_are_listed_latest_first(api, world, client_record):
    url = interactions_url(world.sandbox_id, client_record["id"])
    older = api.post(url, user="candidat1", json={**CALL, "occurred_on": "2026-02-20"}).get_json()
    newer = api.post(url, user="candidat1", json={**CALL, "channel": "sms"}).get_json()
    for user in ("candidat1", "formatrice", "evaluateur", "admin"):
        response = api.get(url, user=user)
        assert response.status_code == 200
        body = response.get_json()
        assert body["total"] == 2
        assert [item["id"] for item in body["items"]] == [newer["id"], older["id"]]
    assert api.get(url, user="candidat2").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"channel": "fax"},
            "channel",
            "Valeur inconnue ; valeurs possibles : telephone, email, courrier, agence, sms.",
        ),
        ({"direction": "aller"}, "direction", "Valeur inconnue ; valeurs possibles : entrant, sortant."),
        ({"motive": ""}, "motive", "Entre 1 et 120 caractères."),
        ({"occurred_on": "02/03/2026"}, "occurred_on", "Date invalide (format attendu : AAAA-MM-JJ)."),
        (
            {"occurred_on": "2026-03-03"},
            "occurred_on",
            "La date du contact ne peut pas être postérieure à la date de la simulation (02/03/2026).",
        ),
        ({"extra": 1}, "extra", "Champ inconnu."),
    ],
)
def test_invalid_contacts_are_refused_in_french_and_write_nothing(
    api, world, client_record, journal_count, changes, field, message
):
    before = journal_count()
    response = api.post(
        interactions_url(world.sandbox_id, client_record["id"]), user="candidat1", json={**CALL, **changes}
    )
    assert response.status_code == 422
    assert response.get_json()["errors"][field] == [message]
    assert journal_count() == before


def test_the_summary_message_reminds_that_health_data_has_no_place_in_free_text(api, world, client_record):
    response = api.post(
        interactions_url(world.sandbox_id, client_record["id"]), user="candidat1", json={**CALL, "summary": ""}
    )
    assert response.status_code == 422
    assert "aucune donnée de santé" in response.get_json()["errors"]["summary"][0]


def test_an_unknown_client_is_not_found(api, world, client_record):
    response = api.post(interactions_url(world.sandbox_id, 999_999), user="candidat1", json=CALL)
    assert response.status_code == 404
    assert api.get(interactions_url(world.sandbox_id, 999_999), user="candidat1").status_code == 404


def test_the_request_body_is_documented_with_the_validation_schema(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/sandboxes/{sandbox_id}/clients/{client_id}/interactions"]["post"]
    assert (
        operation["requestBody"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/Interaction"
    )
    schema = spec["components"]["schemas"]["Interaction"]
    assert set(schema["required"]) == {"channel", "direction", "motive", "summary"}
    assert schema["properties"]["channel"]["enum"] == ["telephone", "email", "courrier", "agence", "sms"]
