"""The client's agreement and the issue of contracts from an accepted quote: contracts, schedule, mandate,
tasks and journal entries; every guard refused with its French reason; one contract per double issue."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput
from polyadmin.services import contracts as service
from polyadmin.services.sandboxes import move_clock
from polyadmin.store.casework import RequestDecision
from polyadmin.store.contracts import IssueKey, SepaMandate, Task
from polyadmin.store.models import JournalEntry, Sandbox
from polyadmin.store.offers import QuoteLine, QuoteVersion
from polyadmin.store.portfolio import Contract, Instalment
from tests.helpers.factories import ClientFactory, SubscriptionRequestFactory
from tests.helpers.quotes import LineSpec, accept, add_version, make_quote

IBAN = "FR7630006000011234567890189"
BIC = "AGRIFRPP"
DEBIT = {"payment_method": "prelevement", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": BIC}


@pytest.fixture
def today(session, world):
    return session.get(Sandbox, world.sandbox_id).business_date


@pytest.fixture
def client_row(world):
    return ClientFactory(sandbox=world.sandbox_id, last_name="Martin", first_name="Jeanne", civility="MME")


def entries(session, sandbox_id, action):
    return list(
        session.execute(
            select(JournalEntry)
            .where(JournalEntry.sandbox_id == sandbox_id, JournalEntry.action == action)
            .order_by(JournalEntry.seq)
        ).scalars()
    )


def count(session, model):
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def line_of(session, quote):
    version = session.execute(select(QuoteVersion).where(QuoteVersion.quote_id == quote.id)).scalars().all()[-1]
    return session.execute(select(QuoteLine).where(QuoteLine.version_id == version.id)).scalars().first()


def test_agreement_at_a_distance_then_issue_writes_contract_schedule_mandate_tasks_and_journal(
    session, world, today, client_row
):
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    line = line_of(session, quote)
    version = service.record_agreement(
        session, world.candidate, world.sandbox_id, quote.id, {"date": today.isoformat(), "channel": "telephone"}
    )
    assert (version.status, version.agreed_on, version.distance_selling, version.signature_mode) == (
        "accepted",
        today,
        True,
        "electronique",
    )
    (agreement,) = entries(session, world.sandbox_id, "quote.agreement")
    assert agreement.codes == ["C2A.4"]
    assert agreement.record_type == "quote" and agreement.outcome["quote_number"] == quote.number

    issued = service.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, DEBIT, key="cle-1")
    assert not issued.replayed
    (contract,) = issued.contracts
    assert contract.number == "CT-000001"
    effective = today + timedelta(days=10)
    assert (contract.start_date, contract.next_due_date, contract.term_end) == (
        effective,
        effective.replace(year=effective.year + 1),
        effective.replace(year=effective.year + 1) - timedelta(days=1),
    )
    assert contract.tacit_renewal and contract.payment_method == "prelevement"
    assert contract.withdrawal_until == today + timedelta(days=14)
    assert contract.annual_total == Decimal(line.pricing["total"])
    assert contract.premium_before_tax == Decimal(line.pricing["premium_before_tax"])
    assert contract.quote_line_id == line.id and contract.seeded is False

    instalments = (
        session.execute(select(Instalment).where(Instalment.contract_id == contract.id).order_by(Instalment.number))
        .scalars()
        .all()
    )
    assert len(instalments) == 12
    assert sum((i.amount for i in instalments), Decimal(0)) == contract.annual_total
    assert [(i.number, i.due_date, str(i.amount)) for i in instalments] == [
        (item["number"], date.fromisoformat(item["due_date"]), item["amount"]) for item in line.pricing["instalments"]
    ]
    assert {i.status for i in instalments} == {"due"}

    mandate = session.get(SepaMandate, contract.mandate_id)
    assert (mandate.reference, mandate.iban, mandate.bic, mandate.sequence, mandate.debtor_name) == (
        f"RUM-{today.year}-000001",
        IBAN,
        BIC,
        "FRST",
        "Madame Jeanne MARTIN",
    )
    assert contract.iban == IBAN

    tasks = service.list_tasks(session, world.candidate, world.sandbox_id)
    assert sorted(t.department for t in tasks) == ["archivage", "encaissement"]
    collections = next(t for t in tasks if t.department == "encaissement")
    assert mandate.reference in collections.subject and contract.number in collections.subject
    assert collections.status == "open" and collections.record_id == contract.id

    assert session.get(QuoteVersion, version.id).status == "issued"
    (entry,) = entries(session, world.sandbox_id, "contract.issue")
    assert entry.codes == ["C2A.4", "C1.9"]
    assert entry.outcome["contract_numbers"] == ["CT-000001"]
    assert (entry.outcome["quote_number"], entry.outcome["quote_version"]) == (quote.number, 1)
    assert entry.outcome["total"] == line.pricing["total"]
    assert entry.outcome["mandate_reference"] == mandate.reference
    assert IBAN not in str(entry.input)  # the account number is masked in the journal


def test_the_contract_view_prints_the_frozen_pricing_to_the_cent(session, world, today, client_row):
    spec = LineSpec(formula="tous_risques", frequency="trimestriel")
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id, lines=(spec,))
    line = line_of(session, quote)
    service.record_agreement(
        session, world.candidate, world.sandbox_id, quote.id, {"date": str(today), "channel": "agence"}
    )
    (contract,) = service.issue_contracts(
        session, world.candidate, world.sandbox_id, quote.id, {"payment_method": "cheque"}
    ).contracts
    view = service.contract_view(session, contract)
    pricing = line.pricing
    assert view.total == Decimal(pricing["total"])
    assert view.premium_before_tax == Decimal(pricing["premium_before_tax"])
    assert view.taxes == Decimal(pricing["total"]) - Decimal(pricing["premium_before_tax"])
    assert [g.total for g in view.guarantees] == [Decimal(g["total"]) for g in pricing["lines"]]
    charges = sum((Decimal(c["total"]) for c in pricing["charges"]), Decimal(0))
    assert sum((g.total for g in view.guarantees), Decimal(0)) + charges == view.total
    assert [(i.number, i.amount) for i in view.instalments] == [
        (item["number"], Decimal(item["amount"])) for item in pricing["instalments"]
    ]
    assert sum((i.amount for i in view.instalments), Decimal(0)) == view.total
    assert len(view.instalments) == 4
    assert (view.number, view.quote_number, view.product_name, view.line_label) == (
        "CT-000001",
        quote.number,
        "Auto particulier",
        "Automobile",
    )
    assert view.guarantees[0].name == "Responsabilité civile" and view.guarantees[0].status_label == "obligatoire"
    assert view.payment_method_label == "Chèque" and view.mandate is None
    assert (view.distance_selling, view.withdrawal_until, view.agreement_channel_label) == (False, None, "En agence")
    assert view.party.name == "Madame Jeanne MARTIN" and view.party.salutation == "Madame,"
    assert view.exclusions and view.insurer_lines[0] == "Polyadmin Assurances"
    assert view.tacit_renewal and view.term_end == view.principal_due_date - timedelta(days=1)


def test_the_mandate_view_carries_the_creditor_identifier_and_the_grouped_iban(session, world, today, client_row):
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    accept(session, line_version(session, quote), today)
    (contract,) = service.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, DEBIT).contracts
    mandate = service.contract_view(session, contract).mandate
    assert mandate is not None
    assert mandate.iban == "FR76 3000 6000 0112 3456 7890 189"
    assert mandate.creditor_identifier.startswith("FR") and mandate.creditor_identifier[4:7] == "ZZZ"
    assert mandate.sequence_label == "Premier prélèvement" and mandate.signed_on == today


def line_version(session, quote):
    return (
        session.execute(
            select(QuoteVersion).where(QuoteVersion.quote_id == quote.id).order_by(QuoteVersion.version.desc())
        )
        .scalars()
        .first()
    )


def test_issuing_twice_gives_one_contract_and_the_same_key_replays_it(session, world, today, client_row):
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    accept(session, line_version(session, quote), today)
    first = service.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, DEBIT, key="k")
    again = service.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, DEBIT, key="k")
    assert again.replayed and [c.id for c in again.contracts] == [c.id for c in first.contracts]
    with pytest.raises(Conflict) as conflict:
        service.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, DEBIT, key="autre")
    assert "déjà émis : CT-000001" in conflict.value.message
    with pytest.raises(Conflict):
        service.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, DEBIT)
    assert count(session, Contract) == 1 and count(session, SepaMandate) == 1
    assert len(entries(session, world.sandbox_id, "contract.issue")) == 1


def test_a_key_used_for_another_quote_is_refused(session, world, today, client_row):
    one = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    two = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    for quote in (one, two):
        accept(session, line_version(session, quote), today)
    service.issue_contracts(session, world.candidate, world.sandbox_id, one.id, DEBIT, key="k")
    with pytest.raises(InvalidInput) as refused:
        service.issue_contracts(session, world.candidate, world.sandbox_id, two.id, DEBIT, key="k")
    assert refused.value.field_errors == {
        "idempotency_key": ["Cette clé d'idempotence a déjà servi pour un autre devis."]
    }


def refusal(session, world, quote, data=None):
    before = count(session, Contract), len(entries(session, world.sandbox_id, "contract.issue"))
    with pytest.raises(InvalidInput) as refused:
        service.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, data or DEBIT)
    assert (count(session, Contract), len(entries(session, world.sandbox_id, "contract.issue"))) == before
    return refused.value.field_errors


def decided_quote(session, world, request, outcome, reason, on, client_id):
    """The request decided (as a row: some outcomes the service would refuse), and an accepted quote on it."""
    session.add(
        RequestDecision(
            sandbox_id=request.sandbox_id,
            request_id=request.id,
            outcome=outcome,
            conditions=[],
            reason=reason,
            overridden=[],
            decided_on=on,
        )
    )
    session.commit()
    quote = make_quote(session, world.candidate, request.sandbox_id, client_id, request_id=request.id)
    accept(session, line_version(session, quote), on)
    return quote


def test_an_unaccepted_quote_is_not_issued(session, world, client_row):
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    assert refusal(session, world, quote)["quote"] == [
        f"Le devis {quote.number} (version 1) n'est pas accepté : enregistrez d'abord l'accord du client."
    ]


def test_an_expired_quote_is_not_issued(session, world, today, client_row):
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id, valid_days=3)
    accept(session, line_version(session, quote), today)
    move_clock(session, world.trainer, world.sandbox_id, {"date": str(today + timedelta(days=5))})
    errors = refusal(session, world, quote)["quote"]
    assert any("a expiré le" in message for message in errors)


def test_a_superseded_version_is_not_issued_the_new_one_needs_its_own_agreement(session, world, today, client_row):
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    accept(session, line_version(session, quote), today)
    add_version(session, world.candidate, quote)
    assert refusal(session, world, quote)["quote"] == [
        f"Le devis {quote.number} (version 2) n'est pas accepté : enregistrez d'abord l'accord du client."
    ]


def test_a_quote_without_the_mandatory_guarantee_is_not_issued(session, world, today, client_row):
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    accept(session, line_version(session, quote), today)
    line = line_of(session, quote)
    line.pricing = {**line.pricing, "lines": [g for g in line.pricing["lines"] if g["code"] != "rc"]}
    session.commit()
    assert refusal(session, world, quote)["quote"] == [
        "Garanties obligatoires absentes du tarif : Responsabilité civile."
    ]


def test_a_declined_request_gives_no_contract(session, world, today, client_row):
    request = SubscriptionRequestFactory(client=client_row, product_code="AUTO", status="refusee")
    quote = decided_quote(session, world, request, "decline", "Hors critères.", today, client_row.id)
    assert refusal(session, world, quote)["quote"] == [
        f"La demande {request.number} a été refusée : aucun contrat ne peut être émis."
    ]


def test_an_undecided_request_gives_no_contract(session, world, today, client_row):
    request = SubscriptionRequestFactory(client=client_row, product_code="AUTO", status="en_cours")
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id, request_id=request.id)
    accept(session, line_version(session, quote), today)
    assert refusal(session, world, quote)["quote"] == [
        f"La demande {request.number} n'est pas encore décidée : décidez-la avant d'émettre."
    ]


def test_missing_mandatory_documents_block_the_issue(session, world, today, client_row):
    request = SubscriptionRequestFactory(client=client_row, product_code="AUTO", status="acceptee", documents=[])
    quote = decided_quote(session, world, request, "accept", "Dossier complet.", today, client_row.id)
    errors = refusal(session, world, quote)["quote"]
    assert any(message.startswith("Pièces manquantes, périmées ou non conformes : ") for message in errors)


def test_payment_details_are_checked_and_nothing_is_written(session, world, today, client_row):
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    accept(session, line_version(session, quote), today)
    assert refusal(
        session,
        world,
        quote,
        {"payment_method": "prelevement", "iban": "FR7630006000011234567890188", "bic": "AGRIFRP"},
    ) == {
        "iban": ["IBAN invalide : vérifiez le pays, la longueur et la clé (norme ISO 13616)."],
        "bic": ["BIC invalide : 8 ou 11 caractères, code banque, pays, lieu (norme ISO 9362)."],
    }
    assert refusal(session, world, quote, {"payment_method": "prelevement"}) == {
        "iban": ["IBAN obligatoire pour un prélèvement SEPA."],
        "bic": ["BIC obligatoire pour un prélèvement SEPA."],
    }
    assert refusal(session, world, quote, {"payment_method": "cheque"}) == {
        "payment_method": ["Le paiement mensuel se fait par prélèvement SEPA."]
    }
    assert refusal(session, world, quote, {**DEBIT, "bic": "DEUTDEFF"}) == {
        "bic": ["Le pays du BIC ne correspond pas à celui de l'IBAN."]
    }
    assert count(session, SepaMandate) == 0


def test_the_agreement_is_dated_within_the_quote_and_recorded_once(session, world, today, client_row):
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    with pytest.raises(InvalidInput) as future:
        service.record_agreement(
            session,
            world.candidate,
            world.sandbox_id,
            quote.id,
            {"date": str(today + timedelta(days=1)), "channel": "agence"},
        )
    assert "date" in future.value.field_errors
    with pytest.raises(InvalidInput) as unknown:
        service.record_agreement(
            session, world.candidate, world.sandbox_id, quote.id, {"date": str(today), "channel": "pigeon"}
        )
    assert "channel" in unknown.value.field_errors
    service.record_agreement(
        session, world.candidate, world.sandbox_id, quote.id, {"date": str(today), "channel": "agence"}
    )
    with pytest.raises(Conflict):
        service.record_agreement(
            session, world.candidate, world.sandbox_id, quote.id, {"date": str(today), "channel": "agence"}
        )
    assert len(entries(session, world.sandbox_id, "quote.agreement")) == 1


def test_only_the_candidate_acts_and_another_sandbox_does_not_see_the_quote(session, world, today, client_row):
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    with pytest.raises(Forbidden):
        service.record_agreement(
            session, world.trainer, world.sandbox_id, quote.id, {"date": str(today), "channel": "agence"}
        )
    from polyadmin.domain.errors import NotFound

    with pytest.raises(NotFound):
        service.record_agreement(
            session, world.classmate, world.sandbox_id, quote.id, {"date": str(today), "channel": "agence"}
        )
    with pytest.raises(NotFound):
        service.record_agreement(
            session, world.classmate, world.classmate_sandbox_id, quote.id, {"date": str(today), "channel": "agence"}
        )


def test_closing_a_task_is_journaled_once(session, world, today, client_row):
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    accept(session, line_version(session, quote), today)
    service.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, DEBIT)
    task = service.list_tasks(session, world.candidate, world.sandbox_id, {"status": "open"})[0]
    closed = service.close_task(session, world.candidate, world.sandbox_id, task.id)
    assert (closed.status, closed.closed_on) == ("done", today)
    with pytest.raises(Conflict):
        service.close_task(session, world.candidate, world.sandbox_id, task.id)
    (entry,) = entries(session, world.sandbox_id, "task.close")
    assert entry.codes == ["C2A.4"] and entry.record_type == "task"
    assert [t.id for t in service.list_tasks(session, world.candidate, world.sandbox_id, {"status": "done"})] == [
        task.id
    ]


def test_issued_contracts_are_listed_and_read_with_their_schedule(session, world, today, client_row):
    quote = make_quote(
        session,
        world.candidate,
        world.sandbox_id,
        client_row.id,
        lines=(LineSpec(), LineSpec(formula="tiers_plus", chosen=False)),
    )
    accept(session, line_version(session, quote), today)
    (contract,) = service.issue_contracts(session, world.candidate, world.sandbox_id, quote.id, DEBIT).contracts
    page = service.list_contracts(session, world.evaluator, world.sandbox_id, issued_only=True)
    assert [c.number for c in page.items] == ["CT-000001"] and page.total == 1
    detail = service.get_contract(session, world.evaluator, world.sandbox_id, contract.id)
    assert len(detail.instalments) == 12 and detail.quote.number == quote.number
    assert detail.view is not None and detail.mandate is not None
    assert count(session, IssueKey) == 0 and count(session, Task) == 2


# --- the planted cases of examen-souscription ------------------------------------------------------------


@pytest.fixture
def exam_box(session, world):
    from polyadmin.services.exam_sessions import create_exam_session

    exam = create_exam_session(
        session,
        world.trainer,
        {
            "name": "Examen",
            "candidates": ["candidat1"],
            "evaluators": ["evaluateur"],
            "scenario": "examen-souscription",
        },
    )
    return exam.sandboxes[0]


def planted(session, box_id, code):
    from polyadmin.store.portfolio import SubscriptionRequest

    return session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.sandbox_id == box_id, SubscriptionRequest.case_code == code
        )
    ).scalar_one()


def test_a_blocking_rule_and_the_experts_refusal_stop_the_issue(session, world, exam_box):
    from polyadmin.services import casework

    request = planted(session, exam_box.id, "exa-3-auto-refus")
    casework.refer(
        session, world.candidate, exam_box.id, request.id, {"expert": "service_technique", "question": "Acceptable ?"}
    )
    move_clock(session, world.trainer, exam_box.id, {"date": "2026-03-03"})
    # As if the request had been accepted against the rules: the issue checks them again.
    quote = decided_quote(session, world, request, "accept", "Urgent.", date(2026, 3, 3), request.client_id)
    with pytest.raises(InvalidInput) as refused:
        service.issue_contracts(session, world.candidate, exam_box.id, quote.id, DEBIT)
    messages = refused.value.field_errors["quote"]
    assert (
        "La règle AUTO-RESIL-IMPAYE (« Résiliation pour non-paiement de moins de deux ans ») impose un refus."
        in messages
    )
    assert "Avis défavorable du service technique : la demande ne peut pas être acceptée." in messages
    assert (
        count(session, Contract)
        == session.execute(select(func.count()).select_from(Contract).where(Contract.seeded.is_(True))).scalar_one()
    )


def test_a_reset_removes_the_issued_contracts_mandates_and_tasks(session, world, exam_box):
    from polyadmin.services.seeding import reset_sandbox, sandbox_digest
    from polyadmin.store.offers import Quote

    request = planted(session, exam_box.id, "exa-1-mrh-accept")
    quote = make_quote(session, world.candidate, exam_box.id, request.client_id)
    accept(session, line_version(session, quote), date(2026, 3, 2))
    seeded = count(session, Contract)
    (contract,) = service.issue_contracts(session, world.candidate, exam_box.id, quote.id, DEBIT, key="k").contracts
    assert contract.number != "CT-000001"  # after the seeded contracts' numbers
    record = reset_sandbox(session, world.trainer, exam_box.id)
    assert count(session, Contract) == seeded
    assert sandbox_digest(session, exam_box.id) == record.digest
    for model in (SepaMandate, Task, IssueKey, Quote):
        assert count(session, model) == 0
    assert entries(session, exam_box.id, "contract.issue")  # the journal keeps what was done
