"""POST /api/v1/sandboxes/{sid}/contracts/{cid}/payments (Idempotency-Key), GET …/ledger, GET …/collections
(issue 14 §1): 201 with the allocations to the cent, the same key replayed once (200), 422 with French field
messages, 409 on a terminated contract with nothing due; a refusal writes nothing. Sandbox date 2026-03-02."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from polyadmin.store.models import JournalEntry
from polyadmin.store.payments import LedgerMovement, Payment
from tests.helpers.factories import ClientFactory, ContractFactory, InstalmentFactory

API = "/api/v1/sandboxes"


@pytest.fixture
def contract(session, world):
    """AUTO since 2025-01-15, 702,36 € a year paid monthly (58,53 €): January paid, February late, the rest due."""
    client = ClientFactory(sandbox=world.sandbox_id, last_name="Martin", first_name="Jeanne", civility="MME")
    contract = ContractFactory(
        client=client, start_date=date(2025, 1, 15), next_due_date=date(2026, 1, 15), seeded=True
    )
    for number in range(1, 13):
        InstalmentFactory(
            contract=contract, number=number, period_start=date(2026, 1, 15), status="paid" if number == 1 else "due"
        )
    session.commit()
    return contract


def post(api, world, contract_id, body, key="pay-1", user="candidat1"):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return api.post(f"{API}/{world.sandbox_id}/contracts/{contract_id}/payments", user=user, json=body, headers=headers)


def count(session, model):
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_payment_answers_201_with_its_allocations_and_the_credit_to_the_cent(api, world, contract, last_entry):
    response = post(api, world, contract.id, {"method": "virement", "amount": "100.00", "reference": "VIR 42"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["amount"], body["allocated"], body["credit"], body["replayed"]) == ("100.00", "100.00", "0.00", False)
    assert body["method_label"] == "Virement" and body["contract_number"] == contract.number
    assert [(a["number"], a["due_date"], a["amount"], a["settled"]) for a in body["allocations"]] == [
        (2, "2026-02-15", "58.53", True),
        (3, "2026-03-15", "41.47", False),
    ]
    documents = api.get(f"{API}/{world.sandbox_id}/contracts/{contract.id}/documents", user="evaluateur").get_json()
    assert documents == []  # the receipt's source is the payment, not the contract
    assert body["receipt_url"].startswith(f"/sandboxes/{world.sandbox_id}/clients/{contract.client_id}/documents/")
    assert body["receipt_url"].endswith(".pdf")
    entry = last_entry("payment.record")
    assert entry.codes == ["C2A.4"] and entry.record_id == str(contract.id)
    assert entry.outcome["allocated"] == "100.00" and entry.input["idempotency_key"] == "pay-1"

    ledger = api.get(f"{API}/{world.sandbox_id}/contracts/{contract.id}/ledger", user="evaluateur").get_json()
    assert [(m["kind"], m["amount"], m["balance"]) for m in ledger["movements"]] == [
        ("payment", "100.00", "100.00"),
        ("allocation", "-58.53", "41.47"),
        ("allocation", "-41.47", "0.00"),
    ]
    assert (ledger["balance"], ledger["received"], ledger["outstanding"]) == ("0.00", "100.00", "543.83")
    assert [(i["number"], i["state"], i["remaining"]) for i in ledger["instalments"][:3]] == [
        (1, "paid", "0.00"),
        (2, "paid", "0.00"),
        (3, "partial", "17.06"),
    ]


def test_the_same_key_replays_the_first_payment_once_with_200(api, session, world, contract):
    first = post(api, world, contract.id, {"method": "carte", "amount": "700.00"}, key="carte-7")
    again = post(api, world, contract.id, {"method": "carte", "amount": "700.00"}, key="carte-7")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["id"] == first.get_json()["id"] and again.get_json()["replayed"] is True
    # 11 instalments open: 643.83 allocated, 56.17 kept as a credit.
    assert (again.get_json()["allocated"], again.get_json()["credit"]) == ("643.83", "56.17")
    assert count(session, Payment) == 1
    assert session.execute(select(func.sum(LedgerMovement.amount))).scalar_one() == Decimal("56.17")
    entries = select(func.count()).select_from(JournalEntry).where(JournalEntry.action == "payment.record")
    assert session.execute(entries).scalar_one() == 1


def test_refusals_are_422_in_french_and_write_nothing(api, session, world, contract):
    missing_key = post(api, world, contract.id, {"method": "carte", "amount": "10.00"}, key=None)
    assert missing_key.status_code == 422
    assert "Idempotency-Key" in missing_key.get_json()["errors"]
    bad = post(api, world, contract.id, {"method": "espèces", "amount": 10.5})
    assert bad.status_code == 422
    errors = bad.get_json()["errors"]
    assert set(errors) == {"method", "amount"} and "texte" in errors["amount"][0]
    later = post(api, world, contract.id, {"method": "carte", "amount": "10.00", "received_on": "2026-04-01"})
    assert later.status_code == 422 and "02/03/2026" in later.get_json()["errors"]["received_on"][0]
    chosen = post(api, world, contract.id, {"method": "carte", "amount": "10.00", "instalment_ids": [999_999]})
    assert chosen.status_code == 422 and "instalment_ids" in chosen.get_json()["errors"]
    evaluator = post(api, world, contract.id, {"method": "carte", "amount": "10.00"}, user="evaluateur")
    assert evaluator.status_code == 403
    assert count(session, Payment) == 0 and count(session, LedgerMovement) == 0


def test_a_terminated_contract_with_nothing_due_is_409(api, world, contract):
    terminated = api.post(
        f"{API}/{world.sandbox_id}/contracts/{contract.id}/termination",
        user="candidat1",
        json={"ground": "hamon", "notice_received_on": "2026-02-20"},
    )
    assert terminated.status_code == 201
    assert post(api, world, contract.id, {"method": "cheque", "amount": "117.06"}, key="k1").status_code == 201
    refused = post(api, world, contract.id, {"method": "cheque", "amount": "1.00"}, key="k2")
    assert refused.status_code == 409 and "résilié" in refused.get_json()["message"]


def test_collections_totals_and_filter(api, world, contract):
    post(api, world, contract.id, {"method": "cheque", "amount": "70.00"})
    body = api.get(f"{API}/{world.sandbox_id}/collections", user="evaluateur").get_json()
    assert body["business_date"] == "2026-03-02"
    totals = {t["state"]: (t["count"], t["amount"], t["remaining"]) for t in body["totals"]}
    assert totals["paid"] == (2, "117.06", "0.00")
    assert totals["partial"] == (1, "58.53", "47.06")
    assert totals["due"] == (9, "526.77", "526.77")
    partial = api.get(f"{API}/{world.sandbox_id}/collections?state=partial", user="candidat1").get_json()
    assert partial["matching"] == 1 and partial["items"][0]["state_label"] == "Partiellement payée"
    wrong = api.get(f"{API}/{world.sandbox_id}/collections?state=autre", user="candidat1")
    assert wrong.status_code == 422 and "state" in wrong.get_json()["errors"]
