"""Avenants (issue 13 §1): preview, record, cancel, the contract at a date. The sandbox's date is 2026-03-02
(tests/helpers/accounts.py); the contract is issued from a quote, effective 2026-03-12 (period
2026-03-12..2027-03-11, 365 days), paid monthly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from polyadmin.services import contracts as contract_service
from polyadmin.services import endorsements as service
from polyadmin.store.models import JournalEntry, Sandbox
from tests.helpers.factories import ClientFactory
from tests.helpers.quotes import make_quote

DEBIT = {"payment_method": "prelevement", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP"}


@pytest.fixture
def issued(session, world):
    client = ClientFactory(sandbox=world.sandbox_id, last_name="Martin", first_name="Jeanne", civility="MME")
    today = session.get(Sandbox, world.sandbox_id).business_date
    quote = make_quote(session, world.candidate, world.sandbox_id, client.id)
    contract_service.record_agreement(
        session, world.candidate, world.sandbox_id, quote.id, {"date": today.isoformat(), "channel": "agence"}
    )
    (contract,) = contract_service.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, DEBIT).contracts
    return contract


def entries(session, sandbox_id, action):
    query = select(JournalEntry).where(JournalEntry.sandbox_id == sandbox_id, JournalEntry.action == action)
    return list(session.execute(query.order_by(JournalEntry.seq)).scalars())


def test_probe(session, world, issued):
    print(issued.start_date, issued.annual_total, issued.premium_before_tax, issued.risk)
    p = service.preview_endorsement(
        session, world.candidate, world.sandbox_id, issued.id,
        {"effective_on": "2026-06-01", "changes": {"risk": {"garage_postcode": "75011"}}},
    )
    print(p.difference, p.settlement, p.changes, p.total_after)
    p = service.preview_endorsement(
        session, world.candidate, world.sandbox_id, issued.id,
        {"effective_on": "2026-06-01", "changes": {"formula": "tous_risques"}},
    )
    print(p.difference, p.settlement, p.changes, p.total_after)
    assert 0
