"""The model factories build what the next tests need in a line, the way the application would."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from polyadmin.services import portfolio
from polyadmin.store.models import JournalEntry
from tests.helpers.factories import (
    ClientFactory,
    ContractFactory,
    DwellingFactory,
    SandboxFactory,
    SubscriptionRequestFactory,
    candidate_of,
)


def actions(session, sandbox_id):
    query = select(JournalEntry.action).where(JournalEntry.sandbox_id == sandbox_id).order_by(JournalEntry.seq)
    return list(session.execute(query).scalars())


def test_a_sandbox_and_its_clients_come_from_the_services_and_are_journaled(session):
    sandbox = SandboxFactory()
    person = ClientFactory(sandbox=sandbox, last_name="Martin")
    company = ClientFactory(sandbox=sandbox.id, company=True)

    assert actions(session, sandbox.id) == ["sandbox.create", "client.create", "client.create"]
    assert (person.number, person.kind, person.last_name) == ("CL-000001", "person", "Martin")
    assert (company.number, company.kind) == ("CL-000002", "company")
    assert sandbox.exam_session.catalogue_snapshot_id is not None


def test_a_contract_with_its_instalments_in_the_world_s_sandbox(session, world):
    client = ClientFactory(sandbox=world.sandbox_id)
    contract = ContractFactory(client=client, instalments=["paid", "unpaid", "due"])
    home = ContractFactory(client=client, vehicle=None, dwelling=DwellingFactory(client=client), product_code="MRH")

    assert (contract.number, home.number) == ("CT-000001", "CT-000002")
    view = portfolio.client_360(session, world.candidate, world.sandbox_id, client.id)
    auto = next(item for item in view.contracts if item.contract.id == contract.id)
    assert [(i.number, i.due_date, i.status, i.amount) for i in auto.instalments] == [
        (1, date(2026, 1, 1), "paid", Decimal("58.53")),
        (2, date(2026, 2, 1), "unpaid", Decimal("58.53")),
        (3, date(2026, 3, 1), "due", Decimal("58.53")),
    ]
    assert auto.paid_count == 1 and auto.unpaid_total == Decimal("58.53")
    assert [vehicle.id for vehicle in view.vehicles] == [contract.vehicle_id]


def test_a_request_with_its_documents_shows_in_the_candidate_s_inbox(session):
    sandbox = SandboxFactory()
    request = SubscriptionRequestFactory(
        client=ClientFactory(sandbox=sandbox),
        documents=[{"kind": "releve_information"}, {"kind": "permis_de_conduire", "title": "Permis de conduire"}],
    )

    detail = portfolio.get_request(session, candidate_of(sandbox), sandbox.id, request.id)
    assert (request.number, request.received_on) == ("DS-000001", sandbox.business_date)
    assert [document.title for document in detail.documents] == ["Relevé d'information", "Permis de conduire"]
