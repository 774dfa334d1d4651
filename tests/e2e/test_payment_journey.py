"""Collections in a real browser (issue 14 §1): the candidate pays from the contract page, an amount with
three decimals comes back refused on the form, then 100,00 € settles the late instalment and partly pays the
next; the contract's account and the « Encaissements » page show it to the cent. Accessibility checked."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.models import JournalEntry
from tests.helpers.accounts import START
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.factories import ClientFactory, ContractFactory, InstalmentFactory, UserFactory, bound_session

pytestmark = pytest.mark.e2e

CANDIDATE = "candidat16"


@pytest.fixture(scope="module")
def payments_box(live_server) -> dict[str, Any]:
    """A sandbox on 2026-03-02 with a car contract paid monthly (58,53 €) since 2026-01-15: January paid."""
    with live_server.session() as session, bound_session(session):
        UserFactory(username=CANDIDATE, display_name="Inès Candidate")
        exam = create_exam_session(
            session,
            live_server.actors["formatrice"],
            {"name": "Encaissements", "starts_on": START.isoformat(), "candidates": [CANDIDATE]},
        )
        box_id = exam.sandboxes[0].id
        client = ClientFactory(sandbox=box_id, last_name="Morel", first_name="Anne", civility="MME")
        contract = ContractFactory(client=client, start_date=date(2025, 1, 15), next_due_date=date(2026, 1, 15))
        for number in range(1, 13):
            InstalmentFactory(
                contract=contract,
                number=number,
                period_start=date(2026, 1, 15),
                status="paid" if number == 1 else "due",
            )
        session.commit()
        return {"box": box_id, "contract": contract.id, "number": contract.number}


def test_a_payment_from_the_contract_page_then_the_account_and_the_collections(page, live_server, payments_box):
    box, contract = payments_box["box"], payments_box["contract"]
    sign_in(page, CANDIDATE)
    page.goto(f"/sandboxes/{box}/contrats/{contract}")
    assert_accessible(page, "contrat avec le formulaire d'encaissement")
    page.get_by_role("combobox", name="Mode de paiement").select_option("cheque")
    page.get_by_label("Montant encaissé (€)").fill("12,345")
    page.get_by_role("button", name="Encaisser").click()
    assert "Montant invalide" in page.inner_text("main")
    assert_accessible(page, "encaissement refusé")

    page.get_by_label("Montant encaissé (€)").fill("100,00")
    page.get_by_label("Référence").fill("Chèque 1234567")
    page.get_by_role("button", name="Encaisser").click()
    page.wait_for_url(f"**/sandboxes/{box}/contrats/{contract}/compte")
    text = page.inner_text("main").replace("\u202f", "\u00a0")
    assert "Paiement de 100,00\u00a0€ enregistré : 100,00\u00a0€ affectés, 1 échéance(s) soldée(s)." in text
    assert "Chèque 1234567" in text and "41,47" in text and "Partiellement payée" in text and "543,83" in text
    assert_accessible(page, "compte du contrat")

    page.get_by_role("navigation", name="Espaces du bac à sable").get_by_role("link", name="Encaissements").click()
    page.wait_for_url(f"**/sandboxes/{box}/encaissements")
    assert "Totaux par état" in page.inner_text("main")
    page.get_by_label("État", exact=True).select_option("partial")
    page.get_by_role("button", name="Filtrer").click()
    assert payments_box["number"] in page.inner_text("main")
    assert_accessible(page, "encaissements")
    with live_server.session() as session:
        actions = [
            e.action for e in session.execute(select(JournalEntry).where(JournalEntry.sandbox_id == box)).scalars()
        ]
    assert actions.count("payment.record") == 1
