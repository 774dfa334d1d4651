"""The permission walk: every route × every role, with the status the permission table gives it.

Each route declares what it needs (`tests.permission_walk.Need`); the statuses written out by hand
below are a second, independent statement of the rights, and the table must agree with them.

Isolation shows as 404 (another sandbox, another trainer's session: existence is not leaked);
read-only roles on a sandbox they may see get 403 on writes. A refused action writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from polyadmin.domain.roles import Permission
from polyadmin.services import offers
from polyadmin.store.casework import DocumentRequest, Referral, RequestDecision
from polyadmin.store.models import Client
from polyadmin.store.portfolio import SupportingDocument
from tests.helpers.accounts import ROLE_USERS
from tests.helpers.client_documents import client_document_rows
from tests.helpers.factories import PersonClientData, SubscriptionRequestFactory
from tests.helpers.permission_walk import (
    PUBLIC,
    SIGNED_IN,
    Need,
    app_routes,
    expected_status,
    facts_of,
    platform,
    sandbox,
    session,
)

ROLES = tuple(ROLE_USERS)


def statuses(default: int, **overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, default) for role in ROLES}


# Who may read candidat1's sandbox (and so its clients and journal).
READ_SANDBOX = statuses(200, other_trainer=404, other_evaluator=404, classmate=404, stranger=404)
# Who may act in it: only its candidate; those who may read it get 403, the others 404.
WORK_IN_SANDBOX = {**READ_SANDBOX, "admin": 403, "trainer": 403, "evaluator": 403}
# Who may move its clock: only the trainer who owns the session.
MOVE_CLOCK = {**READ_SANDBOX, "admin": 403, "evaluator": 403, "candidate": 403}
# Who may answer a referral as the expert: the same trainer.
ANSWER_REFERRAL = MOVE_CLOCK
# Who reads (and marks) its evaluation: the session's jury, its trainer, admins; candidates are refused (403).
EVALUATION = statuses(200, other_trainer=404, other_evaluator=404, candidate=403, classmate=403, stranger=403)


# A complete request for the AUTO product of products/ (a simulation: it writes nothing).
AUTO_PRICING = {
    "formula": "tiers",
    "frequency": "annuel",
    "risk": {
        "garage_postcode": "44000",
        "driver_birth_date": "1985-06-15",
        "licence_date": "2005-09-01",
        "claim_free_years": 10,
        "crm": "0.60",
        "vehicle_group": 30,
        "first_registration_date": "2022-03-01",
        "energy": "essence",
        "usage": "prive",
        "annual_mileage": 12000,
        "vehicle_value": 15000,
    },
}


P = Permission
READ = sandbox(P.READ_SANDBOX)
WORK = sandbox(P.WORK_IN_SANDBOX)
REQUEST = "/api/v1/sandboxes/{sandbox}/requests/{request}"


@dataclass(frozen=True)
class Route:
    """A walked route: what it needs (the walk's statuses come from the table), and the statuses written
    out by hand, which the table must agree with."""

    name: str
    method: str
    path: str
    expected: dict[str, int]
    need: Need
    body: Any = None  # a JSON body, "person", or a function of the walked records' ids giving the body
    writes: bool = False
    headers: dict[str, str] | None = None

    @property
    def ok(self) -> int:
        """The status of success: the one the written statuses give to whoever is not refused."""
        successes = {status for status in self.expected.values() if status < 400}
        assert len(successes) == 1, self
        return successes.pop()


ROUTES = (
    Route("me", "GET", "/api/v1/me", statuses(200), need=SIGNED_IN),
    Route("revoke token", "DELETE", "/api/v1/auth/token", statuses(204), writes=True, need=SIGNED_IN),
    Route(
        "list users",
        "GET",
        "/api/v1/users",
        statuses(403, admin=200, trainer=200, other_trainer=200),
        need=platform(P.LIST_ACCOUNTS),
    ),
    Route(
        "create user",
        "POST",
        "/api/v1/users",
        statuses(403, admin=201),
        body={"username": "nouveau", "role": "candidate", "password": "assez-long-oui"},
        writes=True,
        need=platform(P.MANAGE_ACCOUNTS),
    ),
    Route(
        "create exam session",
        "POST",
        "/api/v1/exam-sessions",
        statuses(403, trainer=201, other_trainer=201),
        body={"name": "Rattrapage", "candidates": ["candidat3"], "evaluators": ["evaluateur"]},
        writes=True,
        need=platform(P.CREATE_EXAM_SESSION),
    ),
    Route("list accounts", "GET", "/api/v1/accounts", statuses(403, admin=200), need=platform(P.MANAGE_ACCOUNTS)),
    Route(
        "get account",
        "GET",
        "/api/v1/accounts/{account}",
        statuses(403, admin=200),
        need=platform(P.MANAGE_ACCOUNTS),
    ),
    Route(
        "disable account",
        "PATCH",
        "/api/v1/accounts/{account}",
        statuses(403, admin=200),
        body={"active": False},
        writes=True,
        need=platform(P.MANAGE_ACCOUNTS),
    ),
    Route(
        "new password",
        "POST",
        "/api/v1/accounts/{account}/password",
        statuses(403, admin=200),
        body={},
        writes=True,
        need=platform(P.MANAGE_ACCOUNTS),
    ),
    Route(
        "unlock account",
        "DELETE",
        "/api/v1/accounts/{account}/lock",
        statuses(403, admin=200),
        need=platform(P.MANAGE_ACCOUNTS),
    ),
    Route("list exam sessions", "GET", "/api/v1/exam-sessions", statuses(200), need=SIGNED_IN),
    Route(
        "get exam session",
        "GET",
        "/api/v1/exam-sessions/{exam}",
        statuses(200, other_trainer=404, other_evaluator=404, stranger=404),
        need=session(P.READ_EXAM_SESSION),
    ),
    Route("list sandboxes", "GET", "/api/v1/sandboxes", statuses(200), need=SIGNED_IN),
    Route("get sandbox", "GET", "/api/v1/sandboxes/{sandbox}", READ_SANDBOX, need=READ),
    Route(
        "move clock",
        "POST",
        "/api/v1/sandboxes/{sandbox}/clock",
        MOVE_CLOCK,
        body={"date": "2026-03-09"},
        writes=True,
        need=sandbox(P.MOVE_CLOCK),
    ),
    Route("find clients", "GET", "/api/v1/sandboxes/{sandbox}/clients", READ_SANDBOX, need=READ),
    Route(
        "create client",
        "POST",
        "/api/v1/sandboxes/{sandbox}/clients",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body="person",
        writes=True,
        need=WORK,
    ),
    Route("get client", "GET", "/api/v1/sandboxes/{sandbox}/clients/{client}", READ_SANDBOX, need=READ),
    Route(
        "update client",
        "PATCH",
        "/api/v1/sandboxes/{sandbox}/clients/{client}",
        WORK_IN_SANDBOX,
        body={"city": "Brest"},
        writes=True,
        need=WORK,
    ),
    Route(
        "list interactions", "GET", "/api/v1/sandboxes/{sandbox}/clients/{client}/interactions", READ_SANDBOX, need=READ
    ),
    Route(
        "record interaction",
        "POST",
        "/api/v1/sandboxes/{sandbox}/clients/{client}/interactions",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"channel": "telephone", "direction": "entrant", "motive": "Attestation", "summary": "Envoyée."},
        writes=True,
        need=WORK,
    ),
    Route("read journal", "GET", "/api/v1/sandboxes/{sandbox}/journal", READ_SANDBOX, need=READ),
    Route("verify journal", "GET", "/api/v1/sandboxes/{sandbox}/journal/verify", READ_SANDBOX, need=READ),
    Route("export journal jsonl", "GET", "/api/v1/sandboxes/{sandbox}/journal/export.jsonl", READ_SANDBOX, need=READ),
    Route("export journal csv", "GET", "/api/v1/sandboxes/{sandbox}/journal/export.csv", READ_SANDBOX, need=READ),
    Route(
        "verify platform journal",
        "GET",
        "/api/v1/journal/platform/verify",
        statuses(403, admin=200),
        need=platform(P.VERIFY_PLATFORM_JOURNAL),
    ),
    Route("catalogue", "GET", "/api/v1/catalogue", statuses(200), need=SIGNED_IN),
    Route("sandbox catalogue", "GET", "/api/v1/catalogue?sandbox={sandbox}", READ_SANDBOX, need=READ),
    Route("product", "GET", "/api/v1/catalogue/{product}?sandbox={sandbox}", READ_SANDBOX, need=READ),
    Route(
        "price product",
        "POST",
        "/api/v1/catalogue/{product}/price?sandbox={sandbox}",
        READ_SANDBOX,
        body=AUTO_PRICING,
        need=READ,
    ),
    Route("list requests", "GET", "/api/v1/sandboxes/{sandbox}/requests", READ_SANDBOX, need=READ),
    Route("get request", "GET", REQUEST, READ_SANDBOX, need=READ),
    Route("request analysis", "GET", REQUEST + "/analysis", READ_SANDBOX, need=READ),
    Route(
        "check document",
        "POST",
        REQUEST + "/document-checks",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body=lambda ids: {"document_id": ids["document"], "verdict": "conforme", "reason": "Permis lisible."},
        writes=True,
        need=WORK,
    ),
    Route(
        "request documents",
        "POST",
        REQUEST + "/document-requests",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"documents": ["releve_information"], "deadline": "2026-03-16"},
        writes=True,
        need=WORK,
    ),
    Route(
        "remind documents",
        "POST",
        REQUEST + "/document-requests/{document_request}/reminders",
        WORK_IN_SANDBOX,
        body={},
        writes=True,
        need=WORK,
    ),
    Route(
        "refer",
        "POST",
        REQUEST + "/referrals",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"expert": "souscripteur_senior", "question": "Accord pour un CRM de 1,25 ?"},
        writes=True,
        need=WORK,
    ),
    Route("list referrals", "GET", REQUEST + "/referrals", READ_SANDBOX, need=READ),
    Route(
        "remind referral",
        "POST",
        "/api/v1/sandboxes/{sandbox}/referrals/{referral}/reminders",
        WORK_IN_SANDBOX,
        body={},
        writes=True,
        need=WORK,
    ),
    Route(
        "answer referral",
        "POST",
        "/api/v1/sandboxes/{sandbox}/referrals/{referral}/answer",
        ANSWER_REFERRAL,
        body={"verdict": "favorable", "answer": "Accord."},
        writes=True,
        need=sandbox(P.ANSWER_REFERRAL),
    ),
    Route(
        "decide",
        "POST",
        REQUEST + "/decision",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"outcome": "decline", "reason": "Hors critères d'acceptation."},
        writes=True,
        need=WORK,
    ),
    Route(
        "decline letter",
        "GET",
        "/api/v1/sandboxes/{sandbox}/requests/{declined}/decision/letter",
        READ_SANDBOX,
        need=READ,
    ),
    Route(
        "documents letter",
        "GET",
        REQUEST + "/document-requests/{document_request}/letter",
        READ_SANDBOX,
        need=READ,
    ),
    Route(
        "record non-conformity",
        "POST",
        REQUEST + "/non-conformities",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"description": "Adresse différente du justificatif.", "handling": "Justificatif réclamé."},
        writes=True,
        need=WORK,
    ),
    Route(
        "correct declared data",
        "POST",
        REQUEST + "/corrections",
        WORK_IN_SANDBOX,
        body={"field": "crm", "value": "0.85", "reason": "Relevé d'information."},
        writes=True,
        need=WORK,
    ),
    Route(
        "list client documents",
        "GET",
        "/api/v1/sandboxes/{sandbox}/clients/{client}/documents",
        READ_SANDBOX,
        need=READ,
    ),
    Route(
        "transmit client document",
        "POST",
        "/api/v1/sandboxes/{sandbox}/documents/{client_document}/transmissions",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"channel": "email", "date": "2026-02-27"},
        writes=True,
        need=WORK,
    ),
    Route(
        "receive client document",
        "POST",
        "/api/v1/sandboxes/{sandbox}/documents/{sent_document}/receipt",
        WORK_IN_SANDBOX,
        body={"date": "2026-02-27"},
        writes=True,
        need=WORK,
    ),
    Route(
        "remind client document",
        "POST",
        "/api/v1/sandboxes/{sandbox}/documents/{sent_document}/reminders",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={},
        writes=True,
        need=WORK,
    ),
    Route(
        "record needs",
        "POST",
        "/api/v1/sandboxes/{sandbox}/clients/{client}/needs",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"lines": {"auto": {"wanted": ["vol"]}}},
        writes=True,
        need=WORK,
    ),
    Route("get needs", "GET", "/api/v1/sandboxes/{sandbox}/clients/{client}/needs", READ_SANDBOX, need=READ),
    Route("list quotes", "GET", "/api/v1/sandboxes/{sandbox}/quotes", READ_SANDBOX, need=READ),
    Route(
        "create quote",
        "POST",
        "/api/v1/sandboxes/{sandbox}/quotes",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body=lambda ids: {"client_id": ids["quote_client"], "lines": [{**AUTO_PRICING, "product": "AUTO"}]},
        writes=True,
        need=WORK,
    ),
    Route("get quote", "GET", "/api/v1/sandboxes/{sandbox}/quotes/{quote}", READ_SANDBOX, need=READ),
    Route(
        "new quote version",
        "POST",
        "/api/v1/sandboxes/{sandbox}/quotes/{quote}/versions",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"reason": "Le client change d'avis.", "lines": [{**AUTO_PRICING, "product": "AUTO"}]},
        writes=True,
        need=WORK,
    ),
    Route(
        "bonus-malus",
        "POST",
        "/api/v1/tools/bonus-malus",
        statuses(200),
        body={"crm": "1.00", "years": [{}]},
        need=SIGNED_IN,
    ),
    Route(
        "novice surcharge",
        "POST",
        "/api/v1/tools/novice-surcharge",
        statuses(200),
        body={"years_licensed": 1, "claim_free_years": 1},
        need=SIGNED_IN,
    ),
    Route(
        "termination calculator",
        "POST",
        "/api/v1/tools/termination",
        statuses(200),
        body={
            "ground": "hamon",
            "subscribed_on": "2026-03-01",
            "period_start": "2027-03-01",
            "period_end": "2028-02-29",
            "annual_premium": "600.00",
            "notice_received_on": "2027-05-10",
        },
        need=SIGNED_IN,
    ),
    Route(
        "unpaid-premium calculator",
        "POST",
        "/api/v1/tools/unpaid-premium",
        statuses(200),
        body={"due_date": "2026-03-01", "notice_sent_on": "2026-03-12"},
        need=SIGNED_IN,
    ),
    # The evaluation committee (issue 12): candidates refused outright, other sessions' people do not find it.
    Route(
        "evaluation grid", "GET", "/api/v1/sandboxes/{sandbox}/evaluation", EVALUATION, need=session(P.READ_EVALUATION)
    ),
    Route(
        "evaluation mark",
        "POST",
        "/api/v1/sandboxes/{sandbox}/evaluation/marks",
        {**EVALUATION, **{role: 201 for role, status in EVALUATION.items() if status == 200}},
        body={"criterion": "C2A.1-1", "mark": "acquis", "comment": "Pièces contrôlées."},
        writes=True,
        need=session(P.MARK_EVALUATION),
    ),
    Route(
        "committee decision",
        "POST",
        "/api/v1/sandboxes/{sandbox}/evaluation/decisions",
        {**EVALUATION, **{role: 201 for role, status in EVALUATION.items() if status == 200}},
        body={"block": "1", "decision": "valide"},
        writes=True,
        need=session(P.MARK_EVALUATION),
    ),
    Route(
        "evaluation report",
        "GET",
        "/api/v1/sandboxes/{sandbox}/evaluation/report.pdf",
        EVALUATION,
        need=session(P.READ_EVALUATION),
    ),
    Route(
        "session evaluation csv",
        "GET",
        "/api/v1/exam-sessions/{exam}/evaluation.csv",
        EVALUATION,
        need=session(P.READ_EVALUATION),
    ),
    Route(
        "session evaluation json",
        "GET",
        "/api/v1/exam-sessions/{exam}/evaluation.json",
        EVALUATION,
        need=session(P.READ_EVALUATION),
    ),
    Route(
        "replay step",
        "GET",
        "/api/v1/sandboxes/{sandbox}/replay/1",
        {**READ_SANDBOX, "candidate": 403},
        need=sandbox(P.READ_EVALUATION),
    ),
    Route(
        "record agreement",
        "POST",
        "/api/v1/sandboxes/{sandbox}/quotes/{quote}/agreement",
        WORK_IN_SANDBOX,
        body={"date": "2026-03-02", "channel": "agence"},
        writes=True,
        need=WORK,
    ),
    Route(
        "issue contracts",
        "POST",
        "/api/v1/sandboxes/{sandbox}/quotes/{accepted_quote}/issue",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"payment_method": "prelevement", "iban": "FR7630006000011234567890189", "bic": "AGRIFRPP"},
        headers={"Idempotency-Key": "walk-1"},
        writes=True,
        need=WORK,
    ),
    Route("list contracts", "GET", "/api/v1/sandboxes/{sandbox}/contracts", READ_SANDBOX, need=READ),
    Route("get contract", "GET", "/api/v1/sandboxes/{sandbox}/contracts/{contract}", READ_SANDBOX, need=READ),
    Route("list tasks", "GET", "/api/v1/sandboxes/{sandbox}/tasks", READ_SANDBOX, need=READ),
    Route(
        "close task",
        "POST",
        "/api/v1/sandboxes/{sandbox}/tasks/{task}/close",
        WORK_IN_SANDBOX,
        body={},
        writes=True,
        need=WORK,
    ),
    Route(
        "terminate contract",
        "POST",
        "/api/v1/sandboxes/{sandbox}/contracts/{contract}/termination",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"ground": "annual", "notice_sent_on": "2026-03-02"},  # the contract starts on 2026-03-12
        writes=True,
        need=WORK,
    ),
    Route(
        "record payment",
        "POST",
        "/api/v1/sandboxes/{sandbox}/contracts/{contract}/payments",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"method": "cheque", "amount": "10.00", "reference": "Chèque n° 1"},
        headers={"Idempotency-Key": "walk-payment-1"},
        writes=True,
        need=WORK,
    ),
    Route("contract ledger", "GET", "/api/v1/sandboxes/{sandbox}/contracts/{contract}/ledger", READ_SANDBOX, need=READ),
    Route("collections", "GET", "/api/v1/sandboxes/{sandbox}/collections", READ_SANDBOX, need=READ),
    Route(
        "preview endorsement",
        "POST",
        "/api/v1/sandboxes/{sandbox}/contracts/{contract}/endorsements/preview",
        WORK_IN_SANDBOX,
        body={"effective_on": "2026-07-01", "changes": {"formula": "tous_risques"}},
        need=WORK,
    ),
    Route(
        "record endorsement",
        "POST",
        "/api/v1/sandboxes/{sandbox}/contracts/{contract}/endorsements",
        {**WORK_IN_SANDBOX, "candidate": 201},
        body={"effective_on": "2026-07-01", "changes": {"formula": "tous_risques"}},
        writes=True,
        need=WORK,
    ),
    Route(
        "cancel endorsement",
        "POST",
        "/api/v1/sandboxes/{sandbox}/contracts/{contract}/endorsements/{endorsement}/cancel",
        WORK_IN_SANDBOX,
        body={},
        writes=True,
        need=WORK,
    ),
    Route(
        "list endorsements",
        "GET",
        "/api/v1/sandboxes/{sandbox}/contracts/{contract}/endorsements",
        READ_SANDBOX,
        need=READ,
    ),
    Route(
        "list contract documents",
        "GET",
        "/api/v1/sandboxes/{sandbox}/contracts/{contract}/documents",
        READ_SANDBOX,
        need=READ,
    ),
)

WALK = [
    pytest.param(route, role, route.expected[role], id=f"{route.name}-{role}") for route in ROUTES for role in ROLES
]


@pytest.fixture
def casework_records(session, world, client_record) -> dict[str, int]:
    """An open request in candidat1's sandbox with a document, a document request and a referral both
    past their dates (so that a reminder is due), and a declined request, as the casework routes need."""
    client = session.get(Client, client_record["id"])
    request = SubscriptionRequestFactory(
        client=client,
        received_on=date(2026, 2, 20),
        status="en_cours",
        documents=[{"kind": "permis_conduire", "title": "Permis de conduire", "issued_on": date(2010, 5, 4)}],
    )
    common = {"sandbox_id": world.sandbox_id, "request_id": request.id, "sent_on": date(2026, 2, 20), "reminders": 0}
    asked = DocumentRequest(
        **common, documents=["releve_information"], message="", channel="email", deadline=date(2026, 2, 27)
    )
    asked.status = "en_attente"
    referral = Referral(
        **common,
        number="TR-000099",
        expert="souscripteur_senior",
        question="Accord ?",
        elements=[],
        answer_due=date(2026, 2, 25),
        status="envoyee",
    )
    declined = SubscriptionRequestFactory(client=client, received_on=date(2026, 2, 20), status="refusee")
    decision = RequestDecision(
        sandbox_id=world.sandbox_id,
        request_id=declined.id,
        outcome="decline",
        conditions=[],
        reason="Hors critères d'acceptation.",
        overridden=[],
        decided_on=date(2026, 2, 27),
    )
    session.add_all([asked, referral, decision])
    edited, sent = client_document_rows(world.sandbox_id, client.id)
    session.add_all([edited, sent])
    session.commit()
    (document,) = session.execute(
        select(SupportingDocument.id).where(SupportingDocument.request_id == request.id)
    ).scalars()
    quote = offers.create_quote(
        session,
        world.candidate,
        world.sandbox_id,
        {"client_id": client.id, "lines": [{**AUTO_PRICING, "product": "AUTO"}]},
    )
    offers.record_needs(session, world.candidate, world.sandbox_id, client.id, {"lines": {"auto": {}}})
    return {
        "quote": quote.id,
        "quote_client": client.id,  # the body of « create quote »
        "request": request.id,
        "document": document,
        "document_request": asked.id,
        "referral": referral.id,
        "declined": declined.id,  # a declined request, for its decline letter
        "client_document": edited.id,  # a document edited for the client, to transmit
        "sent_document": sent.id,  # a document transmitted to the client, to receive or remind
    }


@pytest.fixture
def contract_records(session, world, client_record) -> dict[str, int]:
    """A proposed quote (for the agreement), an accepted one (for the issue) and a contract issued from a
    third, with its tasks, in candidat1's sandbox."""
    from polyadmin.services.contracts import issue_contracts, list_tasks
    from polyadmin.services.endorsements import record_endorsement
    from polyadmin.store.offers import QuoteVersion
    from tests.helpers.quotes import accept, make_quote

    def accepted() -> int:
        quote = make_quote(session, world.candidate, world.sandbox_id, client_record["id"])
        version = session.execute(select(QuoteVersion).where(QuoteVersion.quote_id == quote.id)).scalar_one()
        accept(session, version, version.issued_on)
        return quote.id

    proposed = make_quote(session, world.candidate, world.sandbox_id, client_record["id"])
    ready, done = accepted(), accepted()
    body = {"payment_method": "prelevement", "iban": "FR7630006000011234567890189", "bic": "AGRIFRPP"}
    (contract,) = issue_contracts(session, world.candidate, world.sandbox_id, done, body).contracts
    task = list_tasks(session, world.candidate, world.sandbox_id)[0]
    endorsed = record_endorsement(
        session, world.candidate, world.sandbox_id, contract.id,
        {"effective_on": "2026-06-01", "changes": {"risk": {"garage_postcode": "75011"}}},
    )  # fmt: skip
    return {
        "quote": proposed.id, "accepted_quote": ready, "contract": contract.id, "task": task.id,
        "endorsement": endorsed.id,
    }  # fmt: skip


@pytest.mark.parametrize(("route", "role", "expected"), WALK)
def test_permission_walk(
    api, session, world, client_record, casework_records, contract_records, journal_count, route, role, expected
):
    facts = facts_of(session, world.sandbox_id, world.exam_session_id)
    from_table = expected_status(route.need, world.actor(role), facts, route.ok)
    assert from_table == expected, f"the table and the written statuses disagree: {route.name} for {role}"
    path = route.path.format(
        exam=world.exam_session_id,
        sandbox=world.sandbox_id,
        client=client_record["id"],
        product="AUTO",
        account=world.stranger.user_id,
        **{name: value for name, value in {**casework_records, **contract_records}.items() if name != "document"},
    )
    body: Any = route.body
    if body == "person":
        body = PersonClientData()
    elif callable(body):
        body = body(casework_records)
    before = journal_count()
    response = api.request(route.method, path, user=ROLE_USERS[role], json=body, headers=route.headers)
    assert response.status_code == from_table, response.get_json()
    if from_table >= 400:
        payload = response.get_json()
        assert payload["code"] == from_table and payload["message"]
        assert journal_count() == before, "a refused action must write nothing"
    elif route.writes:
        assert journal_count() > before, "a successful action is journaled"


def test_walk_covers_every_api_route(app):
    """A new endpoint must join the walk (only the public documentation and token exchange stay out)."""
    placeholders = {
        "exam": "exam_session_id",
        "sandbox": "sandbox_id",
        "client": "client_id",
        "product": "code",
        "account": "user_id",
        "request": "request_id",
        "document_request": "document_request_id",
        "referral": "referral_id",
        "declined": "request_id",
        "client_document": "document_id",
        "sent_document": "document_id",
        "quote": "quote_id",
        "accepted_quote": "quote_id",
        "contract": "contract_id",
        "task": "task_id",
        "endorsement": "endorsement_id",
    }
    walked = {
        (
            route.method,
            route.path.format(**{k: f"<{v}>" for k, v in placeholders.items()})
            .split("?")[0]
            .replace("/replay/1", "/replay/<seq>"),  # the replay is walked at its first step
        )
        for route in ROUTES
    }
    public = {("GET", "/api/v1/openapi.json"), ("GET", "/api/v1/docs"), ("POST", "/api/v1/auth/token")}
    assert app_routes(app.url_map, prefix="/api/") - public == walked
    assert all(route.need is not PUBLIC for route in ROUTES), "a walked route needs at least a sign-in"


@pytest.mark.parametrize("role", ["admin", "trainer", "evaluator", "candidate"])
def test_another_sandbox_answers_404_even_to_those_who_see_this_one(api, world, role):
    response = api.get(f"/api/v1/sandboxes/{world.stranger_sandbox_id}/clients", user=ROLE_USERS[role])
    assert response.status_code == (200 if role == "admin" else 404)
