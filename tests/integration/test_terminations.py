"""Résiliation of a contract of the sandbox (issue 13 §3): the ground's dates, the refund to the cent, the
contract's status, the instalments cancelled, the refund due, the letter edited and the journal entry;
every refusal with its French reason. The sandbox's date is 2026-03-02 (tests/helpers/accounts.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from polyadmin.documents.contract_documents import termination_letter_document
from polyadmin.documents.layout import render_html, render_pdf
from polyadmin.documents.wording import load_client_wording
from polyadmin.domain.dates import add_months
from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.services import contracts as contract_service
from polyadmin.services import terminations as service
from polyadmin.services.seeding import reset_sandbox
from polyadmin.store.client_documents import ClientDocument
from polyadmin.store.contracts import ContractTermination, Refund
from polyadmin.store.models import JournalEntry, Sandbox
from polyadmin.store.portfolio import Contract, Instalment
from tests.helpers.factories import ClientFactory, ContractFactory, InstalmentFactory, LoanFactory
from tests.helpers.journal_tour import exam_sandbox, seeded_contract, situation_change
from tests.helpers.quotes import make_quote

DEBIT = {"payment_method": "prelevement", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP"}


@pytest.fixture
def client_row(world):
    return ClientFactory(sandbox=world.sandbox_id, last_name="Martin", first_name="Jeanne", civility="MME")


@pytest.fixture
def car_contract(world, client_row):
    """An AUTO contract since 2025-01-15, principal due date 15 January, 702,36 € a year paid monthly: two
    instalments of the current period paid, ten due (2026-03-15 to 2026-12-15)."""
    contract = ContractFactory(
        client=client_row, start_date=date(2025, 1, 15), next_due_date=date(2026, 1, 15), seeded=True
    )
    for number in range(1, 13):
        InstalmentFactory(
            contract=contract, number=number, period_start=date(2026, 1, 15), status="paid" if number <= 2 else "due"
        )
    return contract


def entries(session, sandbox_id, action):
    query = select(JournalEntry).where(JournalEntry.sandbox_id == sandbox_id, JournalEntry.action == action)
    return list(session.execute(query.order_by(JournalEntry.seq)).scalars())


def test_a_hamon_termination_asked_by_the_new_insurer_ends_the_contract_a_month_after_receipt(
    session, world, car_contract
):
    recorded = service.terminate_contract(
        session, world.candidate, world.sandbox_id, car_contract.id,
        {"ground": "hamon", "notice_received_on": "2026-02-20", "requested_by_new_insurer": True,
         "new_insurer": "Assurances du Lac"},
    )  # fmt: skip
    termination = recorded.termination
    # L113-15-2: received 2026-02-20 → effect 2026-03-20. Period 2026-01-15..2027-01-14 (365 days); earned
    # 2026-01-15..03-19 = 17 + 28 + 19 = 64 days: 702.36 × 64 / 365 = 123.1535… → 123.15; refund 579.21.
    assert (termination.effective_on, termination.period_start, termination.period_end) == (
        date(2026, 3, 20), date(2026, 1, 15), date(2027, 1, 14),
    )  # fmt: skip
    assert (termination.earned, termination.refund) == (Decimal("123.15"), Decimal("579.21"))
    assert termination.requested_by_new_insurer and termination.new_insurer == "Assurances du Lac"
    assert termination.previous_status == "active"
    contract = session.get(Contract, car_contract.id)
    assert contract.status == "terminated"

    refund = session.execute(select(Refund).where(Refund.contract_id == contract.id)).scalar_one()
    assert (refund.amount, refund.due_on, refund.status) == (Decimal("579.21"), date(2026, 4, 19), "to_pay")
    assert refund.client_id == contract.client_id and refund.termination_id == termination.id

    statuses = dict(
        session.execute(select(Instalment.number, Instalment.status).where(Instalment.contract_id == contract.id)).all()
    )
    # Due 2026-03-15 (before the effect) stays due; from 2026-04-15 on, cancelled.
    assert statuses == {1: "paid", 2: "paid", 3: "due", **{n: "cancelled" for n in range(4, 13)}}
    assert recorded.cancelled_instalments == 9

    (task,) = contract_service.list_tasks(session, world.evaluator, world.sandbox_id)
    assert (task.department, task.record_id, task.due_on, task.status) == ("encaissement", contract.id,
                                                                           date(2026, 4, 19), "open")  # fmt: skip
    assert task.subject.startswith("Rembourser 579,21") and f"contrat {contract.number} au 20/03/2026" in task.subject

    (entry,) = entries(session, world.sandbox_id, "contract.terminate")
    assert entry.codes == ["C2A.4"]
    assert (entry.record_type, entry.record_id) == ("contract", str(contract.id))
    assert entry.input["ground"] == "hamon" and entry.input["new_insurer"] == "Assurances du Lac"
    assert entry.outcome["effective_on"] == "2026-03-20"
    assert (entry.outcome["earned"], entry.outcome["refund"]) == ("123.15", "579.21")
    assert entry.outcome["refund_due_by"] == "2026-04-19" and entry.outcome["refund_id"] == refund.id
    assert entry.outcome["contract_status"] == "terminated"
    assert entry.outcome["tasks"] == [{"department": "encaissement", "subject": task.subject}]

    (letter,) = session.execute(
        select(ClientDocument).where(
            ClientDocument.kind == "termination_letter", ClientDocument.record_id == contract.id
        )
    ).scalars()
    assert (letter.status, letter.record_type, letter.title) == (
        "edited", "contract", f"Lettre de résiliation — contrat {contract.number}",
    )  # fmt: skip
    (edit,) = [
        e for e in entries(session, world.sandbox_id, "document.edit") if e.outcome["kind"] == "termination_letter"
    ]
    assert edit.codes == ["C1.9"]

    view = service.termination_view(session, world.evaluator, world.sandbox_id, contract.id)
    wording = load_client_wording()
    printed = termination_letter_document(view, wording)
    html = render_html(printed)
    assert "Assurances du Lac" in html and "20 mars 2026" in html and "19 avril 2026" in html
    assert "579,21" in html and "L113-15-2" in html
    assert render_pdf(printed, wording.layout).startswith(b"%PDF")


def test_a_hamon_termination_in_the_first_year_is_refused_with_the_day_it_opens(session, world, client_row):
    contract = ContractFactory(client=client_row, start_date=date(2025, 6, 1), next_due_date=date(2026, 6, 1))
    with pytest.raises(Conflict) as refused:
        service.terminate_contract(
            session,
            world.candidate,
            world.sandbox_id,
            contract.id,
            {"ground": "hamon", "notice_received_on": "2026-03-01"},
        )
    assert "1er juin 2026" in refused.value.message and "L113-15-2" in refused.value.message
    session.rollback()
    assert session.get(Contract, contract.id).status == "active"
    assert session.execute(select(ContractTermination)).first() is None
    assert entries(session, world.sandbox_id, "contract.terminate") == []


def test_a_terminated_contract_cannot_be_terminated_again(session, world, car_contract):
    data = {"ground": "hamon", "notice_received_on": "2026-02-20"}
    service.terminate_contract(session, world.candidate, world.sandbox_id, car_contract.id, data)
    with pytest.raises(Conflict) as refused:
        service.terminate_contract(session, world.candidate, world.sandbox_id, car_contract.id, data)
    assert refused.value.message == f"Le contrat {car_contract.number} est déjà résilié depuis le 20/03/2026."


def test_lemoine_applies_to_loan_insurance_only(session, world, client_row, car_contract):
    with pytest.raises(Conflict) as refused:
        service.terminate_contract(
            session, world.candidate, world.sandbox_id, car_contract.id,
            {"ground": "lemoine", "notice_received_on": "2026-02-20"},
        )  # fmt: skip
    assert "assurance emprunteur" in refused.value.message
    session.rollback()
    loan = ContractFactory(
        client=client_row, vehicle=None, loan=LoanFactory(client=client_row), product_code="EMPRUNTEUR",
        start_date=date(2025, 9, 1), next_due_date=date(2026, 9, 1), annual_total=Decimal("365.00"),
    )  # fmt: skip
    recorded = service.terminate_contract(
        session, world.candidate, world.sandbox_id, loan.id, {"ground": "lemoine", "notice_received_on": "2026-02-25"}
    )
    # Received 2026-02-25 → effect 2026-03-07; period 2025-09-01..2026-08-31 (365 days); earned
    # 2025-09-01..2026-03-06 = 30 + 31 + 30 + 31 + 31 + 28 + 6 = 187 days → 187.00; refund 178.00.
    assert recorded.termination.effective_on == date(2026, 3, 7)
    assert (recorded.termination.earned, recorded.termination.refund) == (Decimal("187.00"), Decimal("178.00"))
    assert recorded.refund.due_on == date(2026, 4, 6)


def test_withdrawal_of_a_contract_sold_at_a_distance_voids_it_and_refunds_the_whole_premium(session, world, client_row):
    today = session.get(Sandbox, world.sandbox_id).business_date
    quote = make_quote(session, world.candidate, world.sandbox_id, client_row.id)
    contract_service.record_agreement(
        session, world.candidate, world.sandbox_id, quote.id, {"date": today.isoformat(), "channel": "telephone"}
    )
    (contract,) = contract_service.issue_contracts(
        session, world.candidate, world.sandbox_id, quote.id, DEBIT
    ).contracts
    recorded = service.terminate_contract(
        session,
        world.candidate,
        world.sandbox_id,
        contract.id,
        {"ground": "withdrawal", "notice_sent_on": today.isoformat()},
    )
    assert recorded.termination.effective_on == contract.start_date
    assert (recorded.termination.earned, recorded.termination.refund) == (Decimal("0.00"), contract.annual_total)
    assert recorded.refund.amount == contract.annual_total
    assert recorded.cancelled_instalments == 12
    assert session.get(Contract, contract.id).status == "terminated"


def test_dates_after_the_simulation_and_a_new_insurer_without_a_name_are_field_errors(session, world, car_contract):
    with pytest.raises(InvalidInput) as refused:
        service.terminate_contract(
            session, world.candidate, world.sandbox_id, car_contract.id,
            {"ground": "hamon", "notice_received_on": "2026-03-03", "requested_by_new_insurer": True},
        )  # fmt: skip
    assert refused.value.field_errors == {
        "notice_received_on": ["Cette date ne peut pas suivre la date de la simulation (02/03/2026)."],
        "new_insurer": ["Indiquez le nom du nouvel assureur qui demande la résiliation."],
    }
    with pytest.raises(InvalidInput) as refused:
        service.terminate_contract(session, world.candidate, world.sandbox_id, car_contract.id, {"ground": "deces"})
    assert list(refused.value.field_errors) == ["ground"]


def test_only_the_candidate_terminates_and_other_sandboxes_do_not_see_the_contract(session, world, car_contract):
    data = {"ground": "hamon", "notice_received_on": "2026-02-20"}
    with pytest.raises(Forbidden):
        service.terminate_contract(session, world.evaluator, world.sandbox_id, car_contract.id, data)
    session.rollback()
    with pytest.raises(NotFound):
        service.terminate_contract(session, world.classmate, world.classmate_sandbox_id, car_contract.id, data)
    session.rollback()
    with pytest.raises(NotFound):
        service.terminate_contract(session, world.classmate, world.sandbox_id, car_contract.id, data)


def test_a_reset_removes_the_terminations_and_refunds_of_seeded_contracts(session, world):
    box = exam_sandbox(session, world)
    contract = seeded_contract(session, box)
    recorded = service.terminate_contract(session, world.candidate, box.id, contract.id, situation_change(box))
    assert session.get(Contract, contract.id).status == "terminated"
    assert recorded.termination.effective_on == add_months(box.business_date, 1)
    reset_sandbox(session, world.trainer, box.id)
    assert session.execute(select(ContractTermination)).first() is None
    assert session.execute(select(Refund)).first() is None
    assert (
        session.execute(select(Contract).where(Contract.number == contract.number, Contract.sandbox_id == box.id))
        .scalar_one()
        .status
        == "active"
    )


# The car contract: since 2025-01-15, due 15 January, 702,36 € a year; renewed on 2026-01-15; the sandbox's
# date 2026-03-02. Each ground worked by hand on the period 2026-01-15..2027-01-14 (365 days).
GROUNDS_WORKED = [
    # L121-11: sold 2026-02-10, suspended from 02-11 (risk ran 01-15..02-10 = 27 days: 702.36 × 27 / 365 =
    # 51.9554… → 51.96); letter 02-12 with ten days' notice → effect 02-23; refund 650.40 by 03-25.
    ({"ground": "vehicle_sale", "event_on": "2026-02-10", "notice_sent_on": "2026-02-12"},
     date(2026, 2, 23), "51.96", "650.40", date(2026, 3, 25)),
    # L121-11, no letter: sold 2026-01-10 (in the period 2025-01-15..2026-01-14), terminated by law six months
    # later, 2026-07-11; the period split is the sale's, suspended from 2026-01-11: 361 days earned
    # (2025-01-15..2026-01-10: 365 − 4): 702.36 × 361 / 365 = 694.6629… → 694.66; refund 7.70 by 2026-08-10.
    ({"ground": "vehicle_sale", "event_on": "2026-01-10"}, date(2026, 7, 11), "694.66", "7.70", date(2026, 8, 10)),
    # L113-12: letter 2026-02-01, by 2026-11-15 for the due date 2027-01-15 → effect 2027-01-15, nothing refunded.
    ({"ground": "annual", "notice_sent_on": "2026-02-01"}, date(2027, 1, 15), "702.36", "0.00", None),
    # L113-15-1, the avis of the 2026-01-15 renewal never sent: at any time from the renewal, effect the day
    # after the letter of 2026-02-01 → 02-02; 18 days earned (01-15..02-01): 702.36 × 18 / 365 = 34.6369… →
    # 34.64; refund 667.72 by 03-04.
    ({"ground": "chatel", "notice_sent_on": "2026-02-01"}, date(2026, 2, 2), "34.64", "667.72", date(2026, 3, 4)),
    # L113-15-1, avis sent 2025-12-01, less than 15 days before the deadline of 2025-11-15 (after it): 20 days
    # from its sending, up to 2025-12-21 — a letter of 2025-12-20 ends the contract on the due date 2026-01-15,
    # the period then running being 2025-01-15..2026-01-14 (365 days, all earned).
    ({"ground": "chatel", "notice_sent_on": "2025-12-20", "notice_of_right_sent_on": "2025-12-01"},
     date(2026, 1, 15), "702.36", "0.00", None),
    # L113-16: moved 2026-01-31, letter sent 02-05 and received 02-06 → effect 03-06; 50 days earned
    # (01-15..03-05 = 17 + 28 + 5): 702.36 × 50 / 365 = 96.2136… → 96.21; refund 606.15 by 04-05.
    ({"ground": "change_of_situation", "event_on": "2026-01-31", "notice_sent_on": "2026-02-05",
      "notice_received_on": "2026-02-06"}, date(2026, 3, 6), "96.21", "606.15", date(2026, 4, 5)),
]  # fmt: skip


@pytest.mark.parametrize(("data", "effective", "earned", "refund", "due_by"), GROUNDS_WORKED)
def test_each_ground_on_a_contract_gives_its_date_of_effect_and_refund_to_the_cent(
    session, world, car_contract, data, effective, earned, refund, due_by
):
    recorded = service.terminate_contract(session, world.candidate, world.sandbox_id, car_contract.id, data)
    termination = recorded.termination
    assert termination.effective_on == effective
    assert (termination.earned, termination.refund) == (Decimal(earned), Decimal(refund))
    assert recorded.refund_due_by == due_by
    assert (recorded.refund is None) == (due_by is None)
    if recorded.refund is not None:
        assert (recorded.refund.amount, recorded.refund.due_on) == (Decimal(refund), due_by)
