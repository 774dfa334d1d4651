"""The agreement, the issue and the contracts through the API: the Idempotency-Key replays one issue,
refusals are 422 with their French reasons and write nothing, the contract comes with its schedule."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from polyadmin.store.models import Sandbox
from polyadmin.store.offers import QuoteLine, QuoteVersion
from polyadmin.store.portfolio import Contract
from tests.helpers.quotes import make_quote

API = "/api/v1/sandboxes"
DEBIT = {"payment_method": "prelevement", "iban": "FR7630006000011234567890189", "bic": "AGRIFRPP"}


@pytest.fixture
def today(session, world):
    return session.get(Sandbox, world.sandbox_id).business_date


@pytest.fixture
def quote(session, world, client_record):
    return make_quote(session, world.candidate, world.sandbox_id, client_record["id"])


def contracts(session):
    return session.execute(select(func.count()).select_from(Contract)).scalar_one()


def agree(api, world, quote, today, channel="email"):
    return api.post(
        f"{API}/{world.sandbox_id}/quotes/{quote.id}/agreement",
        user="candidat1",
        json={"date": today.isoformat(), "channel": channel},
    )


def issue(api, world, quote, key="cle-1", body=None):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return api.post(
        f"{API}/{world.sandbox_id}/quotes/{quote.id}/issue", user="candidat1", json=body or DEBIT, headers=headers
    )


def test_agreement_then_issue_twice_with_one_key_gives_one_contract_and_the_same_body(
    api, session, world, quote, today, last_entry
):
    response = agree(api, world, quote, today)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["distance_selling"], body["channel_label"], body["signature_mode"]) == (
        "accepted",
        True,
        "À distance (courriel)",
        "electronique",
    )
    assert last_entry("quote.agreement").codes == ["C2A.4"]

    first = issue(api, world, quote)
    assert first.status_code == 201, first.get_json()
    again = issue(api, world, quote)
    assert again.status_code == 201
    assert again.get_json() == first.get_json()
    assert contracts(session) == 1
    (contract,) = first.get_json()["contracts"]
    line = session.execute(select(QuoteLine)).scalars().one()
    assert contract["number"] == "CT-000001" and contract["issued"] is True
    assert contract["annual_total"] == line.pricing["total"]
    assert len(contract["instalments"]) == 12
    assert sum(Decimal(i["amount"]) for i in contract["instalments"]) == Decimal(contract["annual_total"])
    assert contract["withdrawal_until"] == (today + timedelta(days=14)).isoformat()
    assert contract["mandate"]["reference"] == f"RUM-{today.year}-000001"
    assert contract["mandate"]["iban"] == "FR76 3000 6000 0112 3456 7890 189"
    assert contract["guarantees"][0]["name"] == "Responsabilité civile"
    assert contract["quote_number"] == quote.number and contract["tacit_renewal"] is True
    entry = last_entry("contract.issue")
    assert entry.codes == ["C2A.4", "C1.9"] and entry.outcome["contract_numbers"] == ["CT-000001"]

    # Another key on an issued quote: a conflict, nothing new.
    other = issue(api, world, quote, key="cle-2")
    assert other.status_code == 409 and "déjà émis" in other.get_json()["message"]
    assert contracts(session) == 1


def test_issue_needs_an_idempotency_key(api, session, world, quote, today, journal_count):
    agree(api, world, quote, today)
    before = journal_count()
    for key in (None, "", "clé avec espace", "x" * 101):
        response = issue(api, world, quote, key=key)
        assert response.status_code == 422, key
        assert "Idempotency-Key" in response.get_json()["errors"]
    assert journal_count() == before and contracts(session) == 0


def test_refusals_are_422_with_french_reasons_and_write_nothing(api, session, world, quote, today, journal_count):
    before = journal_count()
    refused = issue(api, world, quote)
    assert refused.status_code == 422
    assert refused.get_json()["errors"]["quote"] == [
        f"Le devis {quote.number} (version 1) n'est pas accepté : enregistrez d'abord l'accord du client."
    ]
    agree(api, world, quote, today)
    bad = issue(api, world, quote, body={"payment_method": "prelevement", "iban": "FR00", "bic": "AGRIFRPP"})
    assert bad.status_code == 422 and "iban" in bad.get_json()["errors"]
    unknown = issue(api, world, quote, body={"payment_method": "troc"})
    assert unknown.status_code == 422 and "payment_method" in unknown.get_json()["errors"]
    assert contracts(session) == 0 and journal_count() == before + 1  # only the agreement


def test_agreement_refusals(api, session, world, quote, today):
    late = api.post(
        f"{API}/{world.sandbox_id}/quotes/{quote.id}/agreement",
        user="candidat1",
        json={"date": (today + timedelta(days=1)).isoformat(), "channel": "agence"},
    )
    assert late.status_code == 422 and "date" in late.get_json()["errors"]
    missing = api.post(f"{API}/{world.sandbox_id}/quotes/{quote.id}/agreement", user="candidat1", json={})
    assert set(missing.get_json()["errors"]) == {"date", "channel"}
    assert agree(api, world, quote, today).status_code == 200
    assert agree(api, world, quote, today).status_code == 409
    gone = api.post(f"{API}/{world.sandbox_id}/quotes/999999/agreement", user="candidat1", json={})
    assert gone.status_code in (404, 422)
    assert session.execute(select(QuoteVersion.status)).scalar_one() == "accepted"


def test_contracts_list_and_detail_with_schedule_and_tasks(api, session, world, quote, today):
    agree(api, world, quote, today, channel="agence")
    (issued,) = issue(api, world, quote).get_json()["contracts"]
    listing = api.get(f"{API}/{world.sandbox_id}/contracts?issued=true", user="evaluateur").get_json()
    assert [item["number"] for item in listing["items"]] == ["CT-000001"] and listing["total"] == 1
    detail = api.get(f"{API}/{world.sandbox_id}/contracts/{issued['id']}", user="formatrice").get_json()
    assert detail == issued
    assert detail["withdrawal_until"] is None and detail["distance_selling"] is False
    assert [i["number"] for i in detail["instalments"]] == list(range(1, 13))
    tasks = api.get(f"{API}/{world.sandbox_id}/tasks", user="candidat1").get_json()
    assert sorted(t["department"] for t in tasks["items"]) == ["archivage", "encaissement"]
    task = tasks["items"][0]
    assert task["contract_number"] == "CT-000001"
    closed = api.post(f"{API}/{world.sandbox_id}/tasks/{task['id']}/close", user="candidat1", json={})
    assert closed.status_code == 200 and closed.get_json()["status"] == "done"
    assert api.post(f"{API}/{world.sandbox_id}/tasks/{task['id']}/close", user="candidat1").status_code == 409
    done = api.get(f"{API}/{world.sandbox_id}/tasks?status=done", user="candidat1").get_json()
    assert [t["id"] for t in done["items"]] == [task["id"]]
    assert api.get(f"{API}/{world.sandbox_id}/tasks?status=peut-etre", user="candidat1").status_code == 422
    assert api.get(f"{API}/{world.sandbox_id}/contracts/999999", user="candidat1").status_code == 404
    assert api.get(f"{API}/{world.stranger_sandbox_id}/contracts", user="candidat1").status_code == 404
