"""« Encaisser » on a contract's account and the contract page, the contract's ledger, and the « Encaissements »
page (issue 14 §1): the form for the candidate only (CSRF on), French errors on the form, amounts to the cent
after recording, a double submission recorded once. The sandbox's date is 2026-03-02."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from polyadmin.store.models import JournalEntry
from polyadmin.store.payments import Payment
from polyadmin.store.portfolio import Instalment
from tests.helpers.factories import ClientFactory, ContractFactory, InstalmentFactory
from tests.helpers.web import csrf_token, login, text


@pytest.fixture
def contract(session, world):
    """702,36 € a year paid monthly (58,53 €) from 2026-01-15: January paid, February late, the rest due."""
    client = ClientFactory(sandbox=world.sandbox_id, last_name="Martin", first_name="Jeanne", civility="MME")
    contract = ContractFactory(
        client=client, start_date=date(2025, 1, 15), next_due_date=date(2026, 1, 15), seeded=True
    )
    for number in range(1, 13):
        InstalmentFactory(
            contract=contract, number=number, period_start=date(2026, 1, 15), status="paid" if number == 1 else "due"
        )
    session.commit()
    return contract


def account_of(world, contract):
    return f"/sandboxes/{world.sandbox_id}/contrats/{contract.id}/compte"


def token_on(page_html):
    return re.search(r'name="idempotency_key" value="([^"]+)"', page_html).group(1)


def pay(client, world, contract, data, page=None):
    page = page or account_of(world, contract)
    html = client.get(page).get_data(as_text=True)
    form = {"csrf_token": csrf_token(client, page), "idempotency_key": token_on(html), **data}
    return client.post(f"/sandboxes/{world.sandbox_id}/contrats/{contract.id}/encaissements", data=form), form


def normal(shown):
    """The page's text without tags, spaces collapsed, narrow no-break spaces as no-break spaces."""
    plain = re.sub(r"<[^>]+>", " ", shown).replace("\u202f", "\u00a0")
    return re.sub(r"[ \n\t]+", " ", plain)


def test_the_candidate_pays_from_the_contract_page_and_reads_the_account(client, session, world, contract):
    login(client, "candidat1")
    contract_page = f"/sandboxes/{world.sandbox_id}/contrats/{contract.id}"
    shown = text(client.get(contract_page))
    assert "Encaisser un paiement" not in shown  # the heading of the account page; the contract page says:
    assert "Encaissements" in shown and 'name="instalment_ids"' in client.get(contract_page).get_data(as_text=True)
    response, _form = pay(client, world, contract, {"method": "cheque", "amount": "100,00", "reference": "Chèque 77"},
                          page=contract_page)  # fmt: skip
    assert response.status_code == 302 and response.headers["Location"].endswith("/compte")
    account = normal(text(client.get(response.headers["Location"])))
    assert "Paiement de 100,00\u00a0€ enregistré : 100,00\u00a0€ affectés, 1 échéance(s) soldée(s)." in account
    assert "Chèque 77" in account and "-58,53" in account and "41,47" in account and "Partiellement payée" in account
    assert "Reste dû sur les échéances 543,83\u00a0€" in account
    session.expire_all()
    assert session.execute(select(Instalment.status).where(Instalment.number == 2)).scalar_one() == "paid"
    entry = session.execute(select(JournalEntry).where(JournalEntry.action == "payment.record")).scalar_one()
    assert entry.codes == ["C2A.4"] and entry.outcome["allocated"] == "100.00"


def test_a_double_submission_records_once_and_an_overpayment_is_a_credit(client, session, world, contract):
    login(client, "candidat1")
    first, form = pay(client, world, contract, {"method": "virement", "amount": "700.00"})
    again = client.post(f"/sandboxes/{world.sandbox_id}/contrats/{contract.id}/encaissements", data=form)
    assert (first.status_code, again.status_code) == (302, 302)
    assert session.execute(select(func.count()).select_from(Payment)).scalar_one() == 1
    account = normal(text(client.get(account_of(world, contract))))
    assert "56,17\u00a0€ conservés au crédit du client" in account
    assert "Solde du compte du client, tous contrats 56,17\u00a0€" in account


def test_errors_come_back_on_the_form_in_french(client, session, world, contract):
    login(client, "candidat1")
    response, _form = pay(client, world, contract, {"method": "", "amount": "12,345"})
    assert response.status_code == 422
    shown = text(response)
    assert (
        "Mode de paiement" in shown
        and "Montant invalide" in shown
        and 'value="12,345"' in response.get_data(as_text=True)
    )
    no_csrf = client.post(
        f"/sandboxes/{world.sandbox_id}/contrats/{contract.id}/encaissements", data={"method": "carte", "amount": "1"}
    )
    assert no_csrf.status_code == 400
    assert session.execute(select(func.count()).select_from(Payment)).scalar_one() == 0


def test_the_evaluator_reads_the_account_without_the_form(client, world, contract):
    login(client, "evaluateur")
    response = client.get(account_of(world, contract))
    assert response.status_code == 200
    assert 'name="amount"' not in response.get_data(as_text=True)
    assert "Seul le candidat du bac à sable encaisse les paiements." in text(response)


def test_the_collections_page_totals_by_state_and_filters(client, world, contract):
    login(client, "candidat1")
    pay(client, world, contract, {"method": "carte", "amount": "70.00"})
    page = normal(text(client.get(f"/sandboxes/{world.sandbox_id}/encaissements")))
    assert "Encaissements" in page and "2 mars 2026" in page
    assert "Payée 2 117,06\u00a0€ 0,00\u00a0€" in page
    assert "Partiellement payée 1 58,53\u00a0€ 47,06\u00a0€" in page
    assert "À échoir 9 526,77\u00a0€ 526,77\u00a0€" in page
    filtered = normal(text(client.get(f"/sandboxes/{world.sandbox_id}/encaissements?etat=partial")))
    assert "1 échéance" in filtered and contract.number in filtered


def test_the_receipt_is_on_the_client_page_and_downloads_as_a_pdf(client, session, world, contract):
    login(client, "candidat1")
    pay(client, world, contract, {"method": "cheque", "amount": "58.53", "reference": "Chèque 12"})
    client_page = client.get(f"/sandboxes/{world.sandbox_id}/clients/{contract.client_id}")
    assert client_page.status_code == 200
    html = client_page.get_data(as_text=True)
    assert "Reçu de paiement" in html
    link = re.search(rf'href="(/sandboxes/{world.sandbox_id}/clients/{contract.client_id}/documents/\d+\.pdf)"', html)
    pdf = client.get(link.group(1))
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
