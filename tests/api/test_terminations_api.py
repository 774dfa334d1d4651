"""POST /api/v1/sandboxes/{sid}/contracts/{cid}/termination (issue 13 §3): 201 with the dates and the refund
to the cent, 409 with the ground's French reason, 422 with French field messages; a refusal writes
nothing. The sandbox's date is 2026-03-02."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from polyadmin.store.contracts import ContractTermination, Refund
from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import Contract
from tests.helpers.factories import ClientFactory, ContractFactory

API = "/api/v1/sandboxes"


@pytest.fixture
def contract(session, world):
    """An AUTO contract since 2025-01-15 (principal due date 15 January), 702,36 € a year."""
    client = ClientFactory(sandbox=world.sandbox_id, last_name="Martin", first_name="Jeanne", civility="MME")
    return ContractFactory(client=client, start_date=date(2025, 1, 15), next_due_date=date(2026, 1, 15), seeded=True)


def post(api, world, contract_id, body, user="candidat1"):
    return api.post(f"{API}/{world.sandbox_id}/contracts/{contract_id}/termination", user=user, json=body)


def count(session, model):
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_hamon_termination_answers_201_with_the_date_of_effect_and_the_refund_to_the_cent(
    api, session, world, contract, last_entry
):
    response = post(
        api, world, contract.id,
        {"ground": "hamon", "notice_received_on": "2026-02-20", "requested_by_new_insurer": True,
         "new_insurer": "Assurances du Lac"},
    )  # fmt: skip
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    # Received 2026-02-20 → effect 2026-03-20; 64 of 365 days earned: 702.36 × 64 / 365 = 123.15; refund 579.21.
    assert (body["effective_on"], body["earned"], body["refund"], body["refund_due_by"]) == (
        "2026-03-20", "123.15", "579.21", "2026-04-19",
    )  # fmt: skip
    assert (body["period_start"], body["period_end"], body["annual_premium"]) == ("2026-01-15", "2027-01-14", "702.36")
    assert body["contract_status"] == "terminated" and body["contract_number"] == contract.number
    assert body["ground_label"] == "Loi Hamon, après un an (art. L113-15-2)"
    assert body["new_insurer"] == "Assurances du Lac" and body["requested_by_new_insurer"] is True
    assert body["refund_due"]["amount"] == "579.21" and body["refund_due"]["status_label"] == "À payer"
    assert "L113-15-2" in body["reason"]
    entry = last_entry("contract.terminate")
    assert entry.codes == ["C2A.4"] and entry.record_id == str(contract.id)
    assert entry.outcome["refund"] == "579.21"

    documents = api.get(f"{API}/{world.sandbox_id}/contracts/{contract.id}/documents", user="evaluateur").get_json()
    assert [d["kind"] for d in documents] == ["termination_letter"]


def test_a_hamon_termination_in_the_first_year_is_409_with_the_reason_and_writes_nothing(api, session, world):
    client = ClientFactory(sandbox=world.sandbox_id)
    young = ContractFactory(client=client, start_date=date(2025, 6, 1), next_due_date=date(2026, 6, 1))
    entries = count(session, JournalEntry)
    response = post(api, world, young.id, {"ground": "hamon", "notice_received_on": "2026-03-01"})
    assert response.status_code == 409
    message = response.get_json()["message"]
    assert message.startswith("Art. L113-15-2 : la résiliation à tout moment n'est ouverte qu'après un an")
    assert "1er juin 2026" in message
    assert count(session, JournalEntry) == entries
    assert count(session, ContractTermination) == 0 and count(session, Refund) == 0
    session.expire_all()
    assert session.get(Contract, young.id).status == "active"


def test_terminating_twice_is_409(api, world, contract):
    body = {"ground": "hamon", "notice_received_on": "2026-02-20"}
    assert post(api, world, contract.id, body).status_code == 201
    again = post(api, world, contract.id, body)
    assert again.status_code == 409
    assert again.get_json()["message"] == f"Le contrat {contract.number} est déjà résilié depuis le 20/03/2026."


def test_missing_and_future_dates_are_422_with_french_field_messages(api, world, contract):
    missing = post(api, world, contract.id, {"ground": "hamon"})
    assert missing.status_code == 422
    assert missing.get_json()["errors"] == {
        "notice_received_on": ["Obligatoire pour ce motif : Loi Hamon, après un an (art. L113-15-2)."]
    }
    future = post(api, world, contract.id, {"ground": "insurer_claim", "event_on": "2026-02-01",
                                            "notice_received_on": "2026-03-10"})  # fmt: skip
    assert future.status_code == 422
    assert future.get_json()["errors"] == {
        "notice_received_on": ["Cette date ne peut pas suivre la date de la simulation (02/03/2026)."]
    }
    before = post(api, world, contract.id, {"ground": "vehicle_sale", "event_on": "2024-12-31"})
    assert before.status_code == 422
    assert before.get_json()["errors"] == {
        "event_on": [
            "L'événement précède la prise d'effet du contrat (15/01/2025) : il ne peut pas fonder sa résiliation."
        ]
    }
    unknown = post(api, world, contract.id, {"ground": "amiable", "when": "hier"})
    assert unknown.status_code == 422
    assert set(unknown.get_json()["errors"]) == {"ground", "when"}


def test_the_insurer_after_a_claim_and_for_non_payment(api, session, world):
    client = ClientFactory(sandbox=world.sandbox_id)
    claimed = ContractFactory(client=client, start_date=date(2025, 1, 15), next_due_date=date(2026, 1, 15))
    response = post(api, world, claimed.id, {"ground": "insurer_claim", "event_on": "2026-01-20",
                                             "notice_received_on": "2026-02-10"})  # fmt: skip
    body = response.get_json()
    # R113-10: notified 2026-02-10, one month expires on 2026-03-10 at 24 h → effect 2026-03-11. Earned
    # 2026-01-15..03-10 = 17 + 28 + 10 = 55 days: 702.36 × 55 / 365 = 105.8350… → 105.84; refund 596.52.
    assert response.status_code == 201
    assert (body["effective_on"], body["earned"], body["refund"]) == ("2026-03-11", "105.84", "596.52")

    unpaid = ContractFactory(client=client, start_date=date(2025, 1, 15), next_due_date=date(2026, 1, 15))
    response = post(api, world, unpaid.id, {"ground": "non_payment", "event_on": "2026-01-15",
                                            "notice_sent_on": "2026-01-26"})  # fmt: skip
    body = response.get_json()
    # L113-3: due 01-15, notice 01-26 (= due + 11): suspended from 02-26, terminated 2026-03-08. Earned
    # 2026-01-15..03-07 = 17 + 28 + 7 = 52 days: 702.36 × 52 / 365 = 100.0624… → 100.06; refund 602.30.
    assert response.status_code == 201
    assert (body["effective_on"], body["earned"], body["refund"]) == ("2026-03-08", "100.06", "602.30")


@pytest.mark.parametrize(("user", "status"), [("evaluateur", 403), ("formatrice", 403), ("candidat2", 404)])
def test_only_the_candidate_of_the_sandbox_terminates(api, session, world, contract, user, status):
    response = post(api, world, contract.id, {"ground": "hamon", "notice_received_on": "2026-02-20"}, user=user)
    assert response.status_code == status
    assert count(session, ContractTermination) == 0
    assert Decimal(str(contract.annual_total)) == Decimal("702.36")
