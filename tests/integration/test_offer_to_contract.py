"""The two halves of issue 11 agree: a quote made by the real quote service (two products, an eco option)
is agreed and issued, and each contract keeps the quote line's amounts to the cent; an expired quote (read
through `current_status`) can be neither agreed nor issued."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from polyadmin.domain.errors import InvalidInput
from polyadmin.services import contracts, offers
from polyadmin.services.clients import create_client
from polyadmin.services.sandboxes import move_clock
from polyadmin.store.models import Sandbox
from polyadmin.store.offers import QuoteLine, QuoteVersion
from polyadmin.store.portfolio import Instalment
from tests.helpers.factories import DwellingFactory, PersonClientData
from tests.integration.test_offers import auto_line

DEBIT = {"payment_method": "prelevement", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP"}


@pytest.fixture
def person(session, world):
    data = PersonClientData(last_name="Durand", first_name="Léa", city="Nantes", postcode="44000")
    return create_client(session, world.candidate, world.sandbox_id, data)


def two_product_quote(session, world, person):
    dwelling = DwellingFactory(client=person)
    lines = [
        auto_line(options=["pieces_reemploi"], frequency="mensuel"),
        {"product": "MRH", "formula": "locataire_confort", "frequency": "annuel", "dwelling_id": dwelling.id},
    ]
    return offers.create_quote(session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": lines})


def test_contracts_issued_from_a_real_quote_keep_each_lines_amounts_to_the_cent(session, world, person):
    quote = two_product_quote(session, world, person)
    today = session.get(Sandbox, world.sandbox_id).business_date
    contracts.record_agreement(
        session, world.candidate, world.sandbox_id, quote.id, {"date": today.isoformat(), "channel": "agence"}
    )
    issued = contracts.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, DEBIT)
    version = session.execute(select(QuoteVersion).where(QuoteVersion.quote_id == quote.id)).scalar_one()
    lines = session.execute(
        select(QuoteLine).where(QuoteLine.version_id == version.id).order_by(QuoteLine.position)
    ).scalars()
    auto, home = issued.contracts
    assert [c.product_code for c in issued.contracts] == ["AUTO", "MRH"]
    for contract, line in zip(issued.contracts, lines, strict=True):
        assert contract.quote_line_id == line.id
        assert contract.annual_total == line.total
        assert contract.premium_before_tax == line.premium_before_tax
        assert line.discount > 0  # the multi-product discount is in the frozen total
        schedule = session.execute(
            select(Instalment).where(Instalment.contract_id == contract.id).order_by(Instalment.number)
        ).scalars()
        assert [(i.number, i.due_date.isoformat(), str(i.amount)) for i in schedule] == [
            (item["number"], item["due_date"], item["amount"]) for item in line.pricing["instalments"]
        ]
        view = contracts.contract_view(session, contract)
        assert view.total == line.total
    assert len(line.pricing["instalments"]) == 1  # the home line is paid yearly
    assert auto.annual_total + home.annual_total == version.total
    assert version.status == "issued"
    auto_view = contracts.contract_view(session, auto)
    assert len(auto_view.instalments) == 12
    assert sum((i.amount for i in auto_view.instalments), Decimal(0)) == auto.annual_total


def test_an_expired_quote_can_be_neither_agreed_nor_issued(session, world, person):
    quote = two_product_quote(session, world, person)
    version = session.execute(select(QuoteVersion).where(QuoteVersion.quote_id == quote.id)).scalar_one()
    after = version.valid_until + timedelta(days=1)
    move_clock(session, world.trainer, world.sandbox_id, {"date": after.isoformat()})
    assert offers.get_quote(session, world.candidate, world.sandbox_id, quote.id).current.status.value == "expired"
    with pytest.raises(InvalidInput) as refused:
        contracts.record_agreement(
            session, world.candidate, world.sandbox_id, quote.id, {"date": after.isoformat(), "channel": "agence"}
        )
    assert "accord impossible" in str(refused.value.field_errors["_schema"])
    with pytest.raises(InvalidInput) as refused:
        contracts.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, DEBIT)
    assert any("a expiré" in reason for reason in refused.value.field_errors["quote"])
    check = contracts.issue_check(session, world.candidate, world.sandbox_id, quote.id)
    assert any("a expiré" in reason for reason in check.refusals)
    assert version.status == "proposed"  # expiry is read, never written
