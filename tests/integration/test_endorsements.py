"""Avenants (issue 13 §1): preview, record, cancel, the contract at a date. The sandbox's date is 2026-03-02
(tests/helpers/accounts.py); the contract is issued from a quote, effective 2026-03-12 (period
2026-03-12..2027-03-11, 365 days), paid monthly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from polyadmin.documents.contract_documents import endorsement_document
from polyadmin.documents.layout import render_html, render_pdf
from polyadmin.documents.wording import load_client_wording
from polyadmin.domain.canonical import to_json_value
from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.domain.french import euros
from polyadmin.services import contracts as contract_service
from polyadmin.services import endorsements as service
from polyadmin.services.seeding import reset_sandbox
from polyadmin.store.client_documents import ClientDocument
from polyadmin.store.contracts import Endorsement, Task
from polyadmin.store.models import JournalEntry, Sandbox
from polyadmin.store.portfolio import Contract, Instalment
from tests.helpers.factories import ClientFactory, ContractFactory, InstalmentFactory
from tests.helpers.journal_tour import exam_sandbox, seeded_contract
from tests.helpers.quotes import AUTO_RISK, make_quote

DEBIT = {"payment_method": "prelevement", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP"}


@pytest.fixture
def issued(session, world):
    client = ClientFactory(sandbox=world.sandbox_id, last_name="Martin", first_name="Jeanne", civility="MME")
    today = session.get(Sandbox, world.sandbox_id).business_date
    quote = make_quote(session, world.candidate, world.sandbox_id, client.id)
    contract_service.record_agreement(
        session, world.candidate, world.sandbox_id, quote.id, {"date": today.isoformat(), "channel": "agence"}
    )
    (contract,) = contract_service.issue_contracts(
        session, world.candidate, world.sandbox_id, quote.id, DEBIT
    ).contracts
    return contract


def entries(session, sandbox_id, action):
    query = select(JournalEntry).where(JournalEntry.sandbox_id == sandbox_id, JournalEntry.action == action)
    return list(session.execute(query.order_by(JournalEntry.seq)).scalars())


ADDRESS = {"effective_on": "2026-06-01", "changes": {"risk": {"garage_postcode": "75011"}}}


@pytest.fixture
def old_contract(session, world):
    """A seeded-style AUTO contract since 2025-01-15 (principal due date 15 January), renewed 2026-01-15:
    instalments of the period 2026-01-15..2027-01-14 (365 days), all paid."""
    client = ClientFactory(sandbox=world.sandbox_id, last_name="Durand", first_name="Paul", civility="M")
    contract = ContractFactory(
        client=client,
        start_date=date(2025, 1, 15),
        next_due_date=date(2026, 1, 15),
        seeded=True,
        formula="tous_risques",
        risk=to_json_value(AUTO_RISK),
    )
    for number in range(1, 13):
        InstalmentFactory(contract=contract, number=number, period_start=date(2026, 1, 15), status="paid")
    return contract


def test_an_address_change_is_previewed_then_recorded_with_its_difference_to_the_cent(session, world, issued):
    preview = service.preview_endorsement(session, world.candidate, world.sandbox_id, issued.id, ADDRESS)
    # Nothing written by the preview.
    assert session.execute(select(Endorsement)).first() is None
    assert entries(session, world.sandbox_id, "contract.endorse") == []
    assert [(c.label, c.before, c.after) for c in preview.changes] == [
        ("Code postal du lieu de garage", "69003", "75011")
    ]
    # Lyon (zone of 69) → Paris (zone of 75): the engine's annual difference, before tax (premium and
    # fractionnement) 28.55 €, taxes 9.76 €, 38.31 € in all (341.69 € → 380.00 € a year).
    difference = preview.difference
    assert (difference.annual_before_tax, difference.annual_taxes, difference.annual_total) == (
        Decimal("28.55"), Decimal("9.76"), Decimal("38.31"),
    )  # fmt: skip
    assert (preview.total_before, preview.total_after) == (Decimal("341.69"), Decimal("380.00"))
    # Period 2026-03-12..2027-03-11 = 365 days; effect 2026-06-01: earned 03-12..05-31 = 20 + 30 + 31 = 81 days,
    # remaining 284. Before tax: 28.55 × 81 / 365 = 6.3358… → 6.34 earned, 22.21 due; taxes: 9.76 × 81 / 365
    # = 2.1659… → 2.17 earned, 7.59 due; 29.80 to collect.
    assert (difference.period_start, difference.period_end) == (date(2026, 3, 12), date(2027, 3, 11))
    assert (difference.days, difference.remaining_days) == (365, 284)
    assert (difference.before_tax, difference.taxes, difference.total) == (
        Decimal("22.21"), Decimal("7.59"), Decimal("29.80"),
    )  # fmt: skip
    # Settled on the nine instalments still due from 2026-06-12: 2 980 cents / 9 = 331, 1 left over for the
    # first: 26.99 + 3.32 = 30.31, then 26.99 + 3.31 = 30.30.
    assert preview.settlement.mode == "instalments"
    assert [share.after for share in preview.settlement.shares] == [Decimal("30.31")] + [Decimal("30.30")] * 8

    row = service.record_endorsement(session, world.candidate, world.sandbox_id, issued.id, ADDRESS)
    assert (row.version, row.status, row.effective_on, row.recorded_on) == (
        2, "active", date(2026, 6, 1), date(2026, 3, 2),
    )  # fmt: skip
    assert (row.difference_total, row.settlement) == (Decimal("29.80"), "instalments")
    contract = session.get(Contract, issued.id)
    assert contract.risk["garage_postcode"] == "75011"
    assert contract.annual_total == Decimal("380.00")
    assert contract.premium_before_tax == Decimal("244.35") + difference.annual_premium_difference
    amounts = [
        (i.due_date, i.amount)
        for i in session.execute(
            select(Instalment).where(Instalment.contract_id == issued.id).order_by(Instalment.due_date)
        ).scalars()
    ]
    assert amounts[2] == (date(2026, 5, 12), Decimal("26.99"))
    assert amounts[3] == (date(2026, 6, 12), Decimal("30.31"))
    assert amounts[4:] == [(a, Decimal("30.30")) for a, _ in amounts[4:]]
    document = session.execute(
        select(ClientDocument).where(ClientDocument.kind == "endorsement", ClientDocument.record_id == row.id)
    ).scalar_one()
    assert document.record_type == "endorsement" and document.title == f"Avenant n° 2 — contrat {contract.number}"
    (entry,) = entries(session, world.sandbox_id, "contract.endorse")
    assert entry.codes == ["C2A.4"] and (entry.record_type, entry.record_id) == ("contract", str(issued.id))
    assert entry.outcome["changes"] == {"garage_postcode": {"from": "69003", "to": "75011"}}
    assert entry.outcome["difference_total"] == "29.80" and entry.outcome["total_after"] == "380.00"
    assert entry.outcome["adjusted_instalments"][0] == "12/06/2026 : 26,99\xa0€ → 30,31\xa0€"


def test_the_avenant_prints_the_changes_and_the_difference(session, world, issued):
    row = service.record_endorsement(session, world.candidate, world.sandbox_id, issued.id, ADDRESS)
    view = service.endorsement_view(session, world.candidate, world.sandbox_id, row.id)
    wording = load_client_wording()
    printed = endorsement_document(view, wording)
    html = render_html(printed)
    for text in ("Avenant", "75011", "284 jours sur 365", "29,80", "380,00", "Ajoutée aux échéances restantes"):
        assert text in html
    assert render_pdf(printed, wording.layout).startswith(b"%PDF")


def schedule(session, contract_id):
    query = select(Instalment).where(Instalment.contract_id == contract_id).order_by(Instalment.due_date)
    return [(i.due_date, i.amount, i.status) for i in session.execute(query).scalars()]


def test_a_formula_change_then_its_cancellation_restores_the_contract(session, world, issued):
    issued_schedule = schedule(session, issued.id)
    data = {"effective_on": "2026-06-01", "changes": {"formula": "tous_risques"}}
    row = service.record_endorsement(session, world.candidate, world.sandbox_id, issued.id, data)
    # Annual difference 339.08 before tax + 72.71 taxes = 411.79 (341.69 → 753.48). Pro rata 284 / 365 days:
    # 339.08 × 81 / 365 = 75.2479… → 75.25 earned, 263.83 due; 72.71 × 81 / 365 = 16.1357… → 16.14, 56.57 due:
    # 320.40, nine instalments of 26.99 + 35.60 = 62.59.
    assert (row.difference_before_tax, row.difference_taxes, row.difference_total) == (
        Decimal("263.83"), Decimal("56.57"), Decimal("320.40"),
    )  # fmt: skip
    assert row.changes[0]["label"] == "Formule" and row.total_after == Decimal("753.48")
    assert session.get(Contract, issued.id).formula == "tous_risques"
    # The contract at a date: the issued terms before 2026-06-01, the avenant's from that day.
    assert service.terms_at(session, world.candidate, world.sandbox_id, issued.id, date(2026, 5, 31)).version == 1
    at = service.terms_at(session, world.candidate, world.sandbox_id, issued.id, date(2026, 6, 1))
    assert (at.version, at.terms.formula, at.annual_total) == (2, "tous_risques", Decimal("753.48"))

    service.cancel_endorsement(session, world.candidate, world.sandbox_id, issued.id, row.id)
    contract = session.get(Contract, issued.id)
    assert (contract.formula, contract.annual_total) == ("tiers", Decimal("341.69"))
    assert schedule(session, issued.id) == issued_schedule
    assert session.get(Endorsement, row.id).status == "cancelled"
    (entry,) = entries(session, world.sandbox_id, "contract.endorsement_cancel")
    assert entry.codes == ["C2A.4"] and entry.outcome["total_after"] == "341.69"
    with pytest.raises(Conflict, match="déjà annulé"):
        service.cancel_endorsement(session, world.candidate, world.sandbox_id, issued.id, row.id)
    assert service.terms_at(session, world.candidate, world.sandbox_id, issued.id, date(2026, 7, 1)).version == 1


def test_only_the_latest_endorsement_is_cancelled_and_an_earlier_date_waits_for_it(session, world, issued):
    first = service.record_endorsement(session, world.candidate, world.sandbox_id, issued.id, ADDRESS)
    second = service.record_endorsement(
        session, world.candidate, world.sandbox_id, issued.id,
        {"effective_on": "2026-07-01", "changes": {"formula": "tous_risques"}},
    )  # fmt: skip
    assert second.version == 3 and second.total_before == first.total_after
    with pytest.raises(Conflict, match="Seul le dernier avenant"):
        service.cancel_endorsement(session, world.candidate, world.sandbox_id, issued.id, first.id)
    session.rollback()
    with pytest.raises(Conflict, match="annulez-le d'abord"):
        service.preview_endorsement(
            session, world.candidate, world.sandbox_id, issued.id,
            {"effective_on": "2026-06-15", "changes": {"frequency": "annuel"}},
        )  # fmt: skip


def test_guards_terminated_suspended_dates_and_nothing_changed(session, world, issued, old_contract):
    with pytest.raises(InvalidInput) as refused:
        service.preview_endorsement(
            session, world.candidate, world.sandbox_id, issued.id, {**ADDRESS, "effective_on": "2026-03-01"}
        )
    assert refused.value.field_errors == {
        "effective_on": ["La date d'effet de l'avenant précède la prise d'effet du contrat (12/03/2026)."]
    }
    with pytest.raises(InvalidInput) as refused:
        service.preview_endorsement(
            session, world.candidate, world.sandbox_id, issued.id, {"effective_on": "2026-06-01", "changes": {}}
        )
    assert list(refused.value.field_errors) == ["changes"]
    # Backdated 41 days (2026-01-20, the sandbox's date 2026-03-02): beyond the 30 days without a justification.
    backdated = {"effective_on": "2026-01-20", "changes": {"formula": "tiers"}}
    with pytest.raises(InvalidInput) as refused:
        service.preview_endorsement(session, world.candidate, world.sandbox_id, old_contract.id, backdated)
    assert refused.value.field_errors == {
        "justification": [
            "Avenant rétroactif de plus de 30 jours (date d'effet le 20/01/2026) : une justification écrite est "
            "obligatoire."
        ]
    }
    justified = {**backdated, "justification": "Véhicule vendu le 19/01, nouvelle formule demandée par courrier."}
    row = service.record_endorsement(session, world.candidate, world.sandbox_id, old_contract.id, justified)
    # tous risques → tiers on 2026-01-20: 360 of the 365 days of 2026-01-15..2027-01-14 remain; every
    # instalment paid, the refund is separate, a task for the collections department.
    assert (row.period_start, row.period_end, row.remaining_days) == (date(2026, 1, 15), date(2027, 1, 14), 360)
    assert row.difference_total < 0 and row.settlement == "refund"
    assert row.justification.startswith("Véhicule vendu")
    task = session.get(Task, row.settled["task_id"])
    assert task.subject.startswith(f"Rembourser {euros(-row.difference_total)} de cotisation : avenant n° 2")
    for status, message in (("terminated", "est résilié"), ("suspended", "est suspendu")):
        contract = session.get(Contract, issued.id)
        contract.status = status
        session.commit()
        with pytest.raises(Conflict, match=message):
            service.record_endorsement(session, world.candidate, world.sandbox_id, issued.id, ADDRESS)
        session.rollback()


def test_only_the_candidate_endorses_and_other_sandboxes_do_not_see_the_contract(session, world, issued):
    with pytest.raises(Forbidden):
        service.record_endorsement(session, world.evaluator, world.sandbox_id, issued.id, ADDRESS)
    session.rollback()
    with pytest.raises(NotFound):
        service.record_endorsement(session, world.classmate, world.classmate_sandbox_id, issued.id, ADDRESS)


def test_a_reset_removes_the_endorsements_and_restores_the_seeded_contract(session, world):
    box = exam_sandbox(session, world)
    contract = seeded_contract(session, box)
    premium = contract.annual_total
    service.record_endorsement(
        session, world.candidate, box.id, contract.id,
        {"effective_on": box.business_date.isoformat(), "changes": {"beneficiary": "Banque du Lac"}},
    )  # fmt: skip
    assert service.terms_at(session, world.candidate, box.id, contract.id, box.business_date).version == 2
    reset_sandbox(session, world.trainer, box.id)
    assert session.execute(select(Endorsement)).first() is None
    again = session.execute(
        select(Contract).where(Contract.number == contract.number, Contract.sandbox_id == box.id)
    ).scalar_one()
    assert again.annual_total == premium
