"""The portfolio read service: the client page (360°), the inbox and a request, per role."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from polyadmin.domain.errors import NotFound
from polyadmin.services import portfolio
from polyadmin.store.portfolio import SubscriptionRequest, SupportingDocument
from polyadmin.store.queries import search_clients
from tests.helpers.portfolio import ANOMALY, CASE_CODE, EXPECTED_NOTES, REGISTRATION, build_portfolio

EVALUATION_READERS = ("admin", "trainer", "evaluator")


@pytest.fixture
def sample(session, world):
    return build_portfolio(session, world.sandbox_id)


def test_the_client_page_gathers_the_whole_portfolio_of_the_client(session, world, sample):
    view = portfolio.client_360(session, world.candidate, world.sandbox_id, sample.client_id)
    assert view.client["display_name"] == "Madame LEFÈVRE Élodie"
    assert [(item.kind, item.name) for item in view.relations] == [("spouse", "Monsieur BENALI Karim")]
    assert [vehicle.registration for vehicle in view.vehicles] == [REGISTRATION]
    assert len(view.dwellings) == len(view.loans) == 1 and view.businesses == ()
    (contract,) = view.contracts
    assert (contract.product_name, contract.formula_name) == ("Auto particulier", "Tiers+")
    assert contract.frequency_label == "Mensuel (prélèvement SEPA)"
    assert [item.status for item in contract.instalments] == ["paid", "unpaid", "due"]
    assert (contract.paid_count, len(contract.unpaid), contract.unpaid_total) == (1, 1, Decimal("58.53"))
    assert contract.next_instalment is not None and contract.next_instalment.number == 3
    assert view.risk_of(contract.contract).startswith(REGISTRATION)
    assert [claim.kind for claim in contract.claims] == ["bris_glace"]
    (history,) = view.histories
    assert [claim.liability for claim in history.claims] == ["partial"]
    assert [claim.kind for claim in view.claims] == ["bris_glace", "accident"]  # most recent first
    assert [item.motive for item in view.interactions] == ["Question sur l'échéancier"]
    assert view.interactions[0].recorded_by is None  # brought by the scenario


def test_the_spouse_sees_the_relation_from_the_other_end(session, world, sample):
    view = portfolio.client_360(session, world.candidate, world.sandbox_id, sample.spouse_id)
    assert [(item.kind, item.client_id) for item in view.relations] == [("spouse", sample.client_id)]
    assert view.contracts == () and view.requests == ()


def test_a_candidate_never_receives_the_evaluators_fields(session, world, sample):
    view = portfolio.client_360(session, world.candidate, world.sandbox_id, sample.client_id)
    assert view.shows_evaluation is False
    (request,) = view.requests  # the request dated after the simulation date has not arrived
    assert (request.number, request.case_code, request.expected_outcome, request.expected_notes) == (
        "DS-000001",
        None,
        None,
        None,
    )
    assert [document.id for document in view.documents] == [sample.document_id]
    assert all(document.anomaly is None for document in view.documents)
    detail = portfolio.get_request(session, world.candidate, world.sandbox_id, sample.request_id)
    assert detail.request.expected_outcome is None and detail.experts == ()
    assert all(document.anomaly is None for document in detail.documents)
    # Hiding is done on copies: the stored rows keep the planted case.
    session.expire_all()
    stored = session.get(SubscriptionRequest, sample.request_id)
    assert (stored.case_code, stored.expected_outcome) == (CASE_CODE, "decline")
    assert session.get(SupportingDocument, sample.document_id).anomaly == ANOMALY


@pytest.mark.parametrize("reader", EVALUATION_READERS)
def test_evaluators_trainer_and_admin_read_the_planted_case(session, world, sample, reader):
    actor = world.actor(reader)
    view = portfolio.client_360(session, actor, world.sandbox_id, sample.client_id)
    assert view.shows_evaluation is True
    assert [(item.number, item.upcoming) for item in view.requests] == [("DS-000002", True), ("DS-000001", False)]
    received = next(item for item in view.requests if item.number == "DS-000001")
    assert (received.case_code, received.expected_outcome, received.expected_notes) == (
        CASE_CODE,
        "decline",
        EXPECTED_NOTES,
    )
    assert {document.anomaly for document in view.documents} == {ANOMALY, "Justificatif au nom d'un tiers"}
    detail = portfolio.get_request(session, actor, world.sandbox_id, sample.request_id)
    assert [(item.expert, item.delay_days) for item in detail.experts] == [("service_technique", 2)]
    assert detail.vehicle is not None and detail.vehicle.registration == REGISTRATION


def test_the_inbox_lists_what_has_arrived_for_a_candidate_and_everything_for_evaluators(session, world, sample):
    page = portfolio.list_requests(session, world.candidate, world.sandbox_id, 1)
    assert page.total == 1
    (item,) = page.items
    assert (item.number, item.client_name, item.product_name, item.documents_count) == (
        "DS-000001",
        "Madame LEFÈVRE Élodie",
        "Auto particulier",
        1,
    )
    assert item.expected_outcome is None
    everything = portfolio.list_requests(session, world.evaluator, world.sandbox_id, 1)
    assert [(item.number, item.expected_outcome) for item in everything.items] == [
        ("DS-000001", "decline"),
        ("DS-000002", "accept"),
    ]


def test_a_request_not_arrived_yet_is_not_found_for_the_candidate(session, world, sample):
    with pytest.raises(NotFound):
        portfolio.get_request(session, world.candidate, world.sandbox_id, sample.upcoming_request_id)


@pytest.mark.parametrize("reader", ["classmate", "stranger", "other_trainer", "other_evaluator"])
def test_another_sandbox_is_not_found(session, world, sample, reader):
    actor = world.actor(reader)
    with pytest.raises(NotFound):
        portfolio.client_360(session, actor, world.sandbox_id, sample.client_id)
    with pytest.raises(NotFound):
        portfolio.list_requests(session, actor, world.sandbox_id, 1)
    with pytest.raises(NotFound):
        portfolio.get_request(session, actor, world.sandbox_id, sample.request_id)


def test_a_client_of_another_sandbox_is_not_found_through_ones_own(session, world, sample):
    with pytest.raises(NotFound):
        portfolio.client_360(session, world.classmate, world.classmate_sandbox_id, sample.client_id)
    with pytest.raises(NotFound):
        portfolio.get_request(session, world.classmate, world.classmate_sandbox_id, sample.request_id)


def test_the_client_journal_holds_the_entries_on_the_client_and_its_records(session, world, sample):
    view = portfolio.client_360(session, world.candidate, world.sandbox_id, sample.client_id)
    assert [(entry.action, entry.record_type) for entry in view.journal] == [("client.create", "client")]
    assert view.journal_total == 1
    spouse = portfolio.client_360(session, world.candidate, world.sandbox_id, sample.spouse_id)
    assert [entry.record_id for entry in spouse.journal] == [str(sample.spouse_id)]


@pytest.mark.parametrize(
    "typed",
    [
        REGISTRATION,
        REGISTRATION.lower(),
        REGISTRATION.replace("-", ""),
        "fg 456 hj",
        "FG456",
        "Lefevre",
        "69003",
        "CL-000001",
        "cl000001",
    ],
)
def test_search_finds_the_client_by_registration_name_postcode_or_number(session, world, sample, typed):
    found = session.execute(search_clients(world.sandbox_id, typed)).scalars().all()
    assert sample.client_id in [client.id for client in found], typed


def test_search_by_registration_stays_in_the_sandbox(session, world, sample):
    assert session.execute(search_clients(world.classmate_sandbox_id, REGISTRATION)).scalars().all() == []
    assert session.execute(search_clients(world.sandbox_id, "ZZ-999-ZZ")).scalars().all() == []


def test_requests_and_documents_keep_their_evaluator_columns_in_the_database(session, world, sample):
    rows = session.execute(select(SubscriptionRequest.expected_notes).order_by(SubscriptionRequest.number)).all()
    assert [row[0] for row in rows] == [EXPECTED_NOTES, "Arrive plus tard."]
