"""Encaissements (issue 14 §1): a payment allocated to a contract's open instalments, partial payments, the
overpayment kept as a credit, the ledger, the receipt, the journal entry, idempotency, the collections view.
The sandbox's date is 2026-03-02 (tests/helpers/accounts.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from polyadmin.documents.contract_documents import payment_receipt_document
from polyadmin.documents.layout import render_html, render_pdf
from polyadmin.documents.wording import load_client_wording
from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.services import payments as service
from polyadmin.services import terminations
from polyadmin.services.seeding import reset_sandbox
from polyadmin.store.client_documents import ClientDocument
from polyadmin.store.models import JournalEntry
from polyadmin.store.payments import LedgerMovement, Payment
from polyadmin.store.portfolio import Instalment
from tests.helpers.factories import ClientFactory, ContractFactory, InstalmentFactory
from tests.helpers.journal_tour import exam_sandbox, seeded_contract

D = Decimal


@pytest.fixture
def client_row(world):
    return ClientFactory(sandbox=world.sandbox_id, last_name="Martin", first_name="Jeanne", civility="MME")


@pytest.fixture
def car_contract(world, client_row):
    """AUTO since 2025-01-15, 702,36 € a year paid monthly (58,53 € from 2026-01-15): January paid,
    February (2026-02-15) late on 2026-03-02, March to December due."""
    contract = ContractFactory(
        client=client_row, start_date=date(2025, 1, 15), next_due_date=date(2026, 1, 15), seeded=True
    )
    for number in range(1, 13):
        InstalmentFactory(
            contract=contract, number=number, period_start=date(2026, 1, 15), status="paid" if number == 1 else "due"
        )
    return contract


def instalments(session, contract):
    query = select(Instalment).where(Instalment.contract_id == contract.id).order_by(Instalment.number)
    return list(session.execute(query).scalars())


def entries(session, sandbox_id, action):
    query = select(JournalEntry).where(JournalEntry.sandbox_id == sandbox_id, JournalEntry.action == action)
    return list(session.execute(query.order_by(JournalEntry.seq)).scalars())


def pay(session, world, contract, amount, key=None, **extra):
    data = {"method": "cheque", "amount": amount, "reference": "Chèque n° 1234567", **extra}
    return service.record_payment(session, world.candidate, world.sandbox_id, contract.id, data, key)


def test_a_payment_settles_the_late_instalment_then_partly_pays_the_next(session, world, car_contract):
    recorded = pay(session, world, car_contract, "100.00")
    assert [(a.number, a.amount, a.settles) for a in recorded.allocations] == [
        (2, D("58.53"), True),
        (3, D("41.47"), False),
    ]
    assert (recorded.allocated, recorded.credit, recorded.replayed) == (D("100.00"), D("0.00"), False)
    rows = instalments(session, car_contract)
    assert [(i.number, i.status) for i in rows[:4]] == [(1, "paid"), (2, "paid"), (3, "due"), (4, "due")]
    assert (rows[1].paid_on, rows[1].method) == (date(2026, 3, 2), "cheque")

    ledger = service.contract_ledger(session, world.evaluator, world.sandbox_id, car_contract.id)
    assert [(line.kind, line.amount, line.balance) for line in ledger.lines] == [
        ("payment", D("100.00"), D("100.00")),
        ("allocation", D("-58.53"), D("41.47")),
        ("allocation", D("-41.47"), D("0.00")),
    ]
    assert ledger.balance == ledger.client_balance == D("0.00")
    states = {i.number: (i.state, i.received, i.remaining) for i in ledger.instalments}
    assert states[2] == ("paid", D("58.53"), D("0.00"))
    assert states[3] == ("partial", D("41.47"), D("17.06"))
    assert ledger.outstanding == D("17.06") + 9 * D("58.53")

    payment = session.execute(select(Payment)).scalar_one()
    (entry,) = entries(session, world.sandbox_id, "payment.record")
    assert entry.codes == ["C2A.4"]
    assert (entry.record_type, entry.record_id) == ("contract", str(car_contract.id))
    assert entry.input["amount"] == "100.00" and entry.input["method"] == "cheque"
    assert entry.outcome["payment_id"] == payment.id
    assert entry.outcome["allocations"] == [
        {"instalment_id": rows[1].id, "due_date": "2026-02-15", "amount": "58.53", "settled": True},
        {"instalment_id": rows[2].id, "due_date": "2026-03-15", "amount": "41.47", "settled": False},
    ]
    assert (entry.outcome["credit"], entry.outcome["client_balance"]) == ("0.00", "0.00")

    (receipt,) = session.execute(select(ClientDocument).where(ClientDocument.kind == "payment_receipt")).scalars()
    assert (receipt.record_type, receipt.record_id, receipt.status) == ("payment", payment.id, "edited")
    view = service.receipt_view(session, world.evaluator, world.sandbox_id, payment.id)
    wording = load_client_wording()
    printed = payment_receipt_document(view, wording)
    html = render_html(printed)
    assert "100,00" in html and "Chèque n° 1234567" in html and "15 février 2026" in html and "41,47" in html
    assert render_pdf(printed, wording.layout).startswith(b"%PDF")


def test_the_rest_of_a_partial_payment_completes_the_instalment_and_an_overpayment_is_a_credit(
    session, world, car_contract
):
    pay(session, world, car_contract, "100.00")
    second = pay(session, world, car_contract, "20.00", method="carte")
    assert [(a.number, a.amount, a.settles) for a in second.allocations] == [
        (3, D("17.06"), True),
        (4, D("2.94"), False),
    ]
    everything = pay(session, world, car_contract, "600.00", method="virement")
    # Left: 58.53 − 2.94 = 55.59 on the 4th, then 8 × 58.53 = 468.24: 523.83 allocated, 76.17 kept.
    assert (everything.allocated, everything.credit) == (D("523.83"), D("76.17"))
    assert all(i.status == "paid" for i in instalments(session, car_contract))
    ledger = service.contract_ledger(session, world.evaluator, world.sandbox_id, car_contract.id)
    assert ledger.balance == ledger.client_balance == D("76.17")
    assert ledger.received == D("720.00") and ledger.outstanding == D("0.00")
    total = session.execute(select(func.sum(LedgerMovement.amount))).scalar_one()
    assert total == D("76.17")
    view = service.receipt_view(session, world.evaluator, world.sandbox_id, everything.payment.id)
    assert "76,17" in render_html(payment_receipt_document(view, load_client_wording()))


def test_chosen_instalments_are_paid_in_the_order_given(session, world, car_contract):
    rows = instalments(session, car_contract)
    recorded = pay(session, world, car_contract, "60.00", instalment_ids=[rows[5].id, rows[1].id])
    assert [(a.number, a.amount) for a in recorded.allocations] == [(6, D("58.53")), (2, D("1.47"))]
    with pytest.raises(InvalidInput) as refused:
        pay(session, world, car_contract, "10.00", instalment_ids=[rows[0].id])
    assert "déjà réglée" in refused.value.field_errors["instalment_ids"][0]


def test_an_empty_choice_is_the_oldest_first_and_a_too_long_one_is_refused(session, world, car_contract):
    recorded = pay(session, world, car_contract, "58.53", instalment_ids=[])
    assert [(a.number, a.amount, a.settles) for a in recorded.allocations] == [(2, D("58.53"), True)]
    with pytest.raises(InvalidInput) as refused:
        pay(session, world, car_contract, "1.00", instalment_ids=list(range(1, 122)))
    assert refused.value.field_errors == {"instalment_ids": ["120 échéances au plus."]}


def test_the_same_idempotency_key_records_the_payment_once(session, world, car_contract):
    first = pay(session, world, car_contract, "58.53", key="pay-2026-03-02-001")
    again = pay(session, world, car_contract, "58.53", key="pay-2026-03-02-001")
    assert again.replayed and again.payment.id == first.payment.id
    assert [(a.number, a.amount) for a in again.allocations] == [(2, D("58.53"))]
    assert session.execute(select(func.count()).select_from(Payment)).scalar_one() == 1
    assert len(entries(session, world.sandbox_id, "payment.record")) == 1
    assert service.contract_ledger(session, world.evaluator, world.sandbox_id, car_contract.id).lines[-1].balance == 0


def test_refusals_with_french_field_messages(session, world, car_contract):
    with pytest.raises(InvalidInput) as bad:
        pay(session, world, car_contract, "12.345", method="bitcoin")
    assert set(bad.value.field_errors) == {"amount", "method"}
    with pytest.raises(InvalidInput) as zero:
        pay(session, world, car_contract, "0")
    assert zero.value.field_errors == {"amount": ["Le montant encaissé doit être positif."]}
    with pytest.raises(InvalidInput) as later:
        pay(session, world, car_contract, "10.00", received_on="2026-03-03")
    assert "02/03/2026" in later.value.field_errors["received_on"][0]
    with pytest.raises(Forbidden):
        service.record_payment(
            session, world.evaluator, world.sandbox_id, car_contract.id, {"method": "cheque", "amount": "1.00"}
        )
    with pytest.raises(NotFound):
        service.record_payment(session, world.candidate, world.sandbox_id, 999_999, {"method": "cheque", "amount": "1"})
    session.rollback()
    assert session.execute(select(Payment)).first() is None
    assert entries(session, world.sandbox_id, "payment.record") == []


def test_a_terminated_contract_still_collects_what_was_due_before_its_end_then_refuses(session, world, car_contract):
    terminations.terminate_contract(
        session, world.candidate, world.sandbox_id, car_contract.id,
        {"ground": "hamon", "notice_received_on": "2026-02-20"},
    )  # fmt: skip
    # Effect 2026-03-20: February and March stay due, April on cancelled.
    recorded = pay(session, world, car_contract, "200.00")
    assert [(a.number, a.amount) for a in recorded.allocations] == [(2, D("58.53")), (3, D("58.53"))]
    assert recorded.credit == D("82.94")
    with pytest.raises(Conflict, match="résilié"):
        pay(session, world, car_contract, "1.00")

    view = service.collections(session, world.evaluator, world.sandbox_id)
    assert (view.counts["paid"], view.counts["cancelled"], view.counts["late"]) == (3, 9, 0)
    assert view.totals["cancelled"] == 9 * D("58.53") and view.terminated_contracts == 1


def test_collections_classifies_and_totals_to_the_cent(session, world, car_contract, client_row):
    pay(session, world, car_contract, "70.00")
    view = service.collections(session, world.evaluator, world.sandbox_id)
    assert view.business_date == date(2026, 3, 2)
    assert (view.counts["paid"], view.counts["partial"], view.counts["due"], view.counts["late"]) == (2, 1, 9, 0)
    assert view.totals["paid"] == D("117.06") and view.remaining["partial"] == D("47.06")
    assert view.remaining["due"] == 9 * D("58.53")
    late_contract = ContractFactory(client=client_row, start_date=date(2026, 1, 1), next_due_date=date(2027, 1, 1))
    InstalmentFactory(contract=late_contract, number=1, amount=D("33.33"))  # due 2026-01-01, unpaid
    late = service.collections(session, world.evaluator, world.sandbox_id, {"state": "late"})
    assert [(r.contract_number, r.amount, r.state_label) for r in late.rows] == [
        (late_contract.number, D("33.33"), "En retard")
    ]
    assert late.matching == 1 and late.remaining["late"] == D("33.33")
    with pytest.raises(InvalidInput):
        service.collections(session, world.evaluator, world.sandbox_id, {"state": "autre"})


def test_a_reset_removes_payments_and_the_ledger_of_seeded_contracts(session, world):
    box = exam_sandbox(session, world)
    contract = seeded_contract(session, box)
    recorded = service.record_payment(
        session, world.candidate, box.id, contract.id, {"method": "carte", "amount": "10.00"}
    )
    assert recorded.payment.amount == D("10.00")
    assert service.contract_ledger(session, world.evaluator, box.id, contract.id).balance == recorded.credit
    reset_sandbox(session, world.trainer, box.id)
    assert session.execute(select(Payment)).first() is None
    assert session.execute(select(LedgerMovement)).first() is None
