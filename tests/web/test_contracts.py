"""The pages of the agreement and the issue: the forms (CSRF on), the « Émettre » button disabled once
pressed and its hidden token replaying a double submission, the contract page and the tasks."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from polyadmin.services.clients import create_client
from polyadmin.store.portfolio import Contract
from tests.helpers.factories import PersonClientData
from tests.helpers.quotes import make_quote
from tests.helpers.web import csrf_token, login, text

TOKEN = re.compile(r'name="idempotency_key" value="([^"]+)"')
DEBIT = {"payment_method": "prelevement", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP"}


@pytest.fixture
def quote(session, world):
    client = create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Martin"))
    return make_quote(session, world.candidate, world.sandbox_id, client.id)


def base(world, quote):
    return f"/sandboxes/{world.sandbox_id}/quotes/{quote.id}"


def contracts(session):
    return session.execute(select(func.count()).select_from(Contract)).scalar_one()


def agree(client, world, quote, channel="telephone"):
    page = f"{base(world, quote)}/agreement"
    return client.post(page, data={"date": "2026-03-02", "channel": channel, "csrf_token": csrf_token(client, page)})


def test_the_candidate_records_the_agreement_then_issues_once_even_when_submitting_twice(client, session, world, quote):
    login(client, "candidat1")
    page = text(client.get(f"{base(world, quote)}/agreement"))
    assert "Accord du client sur le devis" in page and 'name="channel"' in page and 'for="f-date"' in page
    assert "À distance (téléphone)" in page
    response = agree(client, world, quote)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{base(world, quote)}/issue")

    form = text(client.get(f"{base(world, quote)}/issue"))
    assert re.search(r'<button type="submit" class="button" data-once>Émettre</button>', form)
    token = TOKEN.search(form).group(1)
    csrf = csrf_token(client, f"{base(world, quote)}/issue")
    data = {**DEBIT, "idempotency_key": token, "csrf_token": csrf}
    first = client.post(f"{base(world, quote)}/issue", data=data)
    second = client.post(f"{base(world, quote)}/issue", data=data)  # the double click the button prevents
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert contracts(session) == 1

    contract = text(client.get(first.headers["Location"]))
    assert "Contrat CT-000001" in contract
    assert "Responsabilité civile" in contract and "Garanties et primes" in contract
    assert contract.count('<tr><th scope="row">') >= 12  # the schedule's twelve instalments
    assert "Mandat de prélèvement SEPA" in contract and "RUM-2026-000001" in contract
    assert "FR76 3000 6000 0112 3456 7890 189" in contract
    assert "le client peut renoncer jusqu'au 16 mars 2026 inclus" in contract
    assert "Reconduction" in contract and "Tacite" in contract
    assert "Documents du contrat" in contract  # the five documents of a direct debit, each downloadable
    links = re.findall(r'href="([^"]+/documents/\d+\.pdf)"', contract)
    assert len(links) == 5
    assert all(client.get(link).mimetype == "application/pdf" for link in links)

    # Issued already: the page links to the contract instead of the form.
    issued = text(client.get(f"{base(world, quote)}/issue"))
    assert "Contrats émis" in issued and "data-once>Émettre" not in issued


def test_a_refused_issue_shows_the_reasons_in_french_and_writes_nothing(client, session, world, quote):
    login(client, "candidat1")
    page = text(client.get(f"{base(world, quote)}/issue"))
    assert "Émission impossible pour l'instant" in page
    assert "enregistrez d&#39;abord l&#39;accord du client" in page
    csrf = csrf_token(client, f"{base(world, quote)}/issue")
    refused = client.post(f"{base(world, quote)}/issue", data={**DEBIT, "csrf_token": csrf, "idempotency_key": "x1"})
    assert refused.status_code == 422
    assert "n&#39;est pas accepté" in text(refused)
    agree(client, world, quote)
    bad = client.post(
        f"{base(world, quote)}/issue",
        data={
            "payment_method": "prelevement",
            "iban": "FR76",
            "bic": "AGRIFRPP",
            "csrf_token": csrf,
            "idempotency_key": "x2",
        },
    )
    body = text(bad)
    assert bad.status_code == 422 and "IBAN invalide" in body and 'aria-invalid="true"' in body
    assert 'name="idempotency_key" value="x2"' in body  # the same token when the form comes back
    assert contracts(session) == 0


def test_without_csrf_token_nothing_is_issued(client, session, world, quote):
    login(client, "candidat1")
    response = client.post(f"{base(world, quote)}/issue", data=DEBIT)
    assert response.status_code == 400
    assert contracts(session) == 0


@pytest.mark.parametrize(
    ("user", "read", "write"), [("evaluateur", 200, 403), ("formatrice", 200, 403), ("candidat2", 404, 404)]
)
def test_others_read_the_pages_without_the_forms(client, session, world, quote, user, read, write):
    login(client, user)
    for tail in ("agreement", "issue"):
        response = client.get(f"{base(world, quote)}/{tail}")
        assert response.status_code == read
        if read == 200:
            assert 'name="idempotency_key"' not in text(response) and 'name="channel"' not in text(response)
    csrf = csrf_token(client, "/")  # the sign-out form's token
    assert client.post(f"{base(world, quote)}/issue", data={**DEBIT, "csrf_token": csrf}).status_code == write
    assert client.post(f"{base(world, quote)}/agreement", data={"csrf_token": csrf}).status_code == write
    assert contracts(session) == 0


def test_the_tasks_page_lists_and_closes_the_departments_tasks(client, session, world, quote):
    login(client, "candidat1")
    agree(client, world, quote, channel="agence")
    csrf = csrf_token(client, f"{base(world, quote)}/issue")
    client.post(f"{base(world, quote)}/issue", data={**DEBIT, "csrf_token": csrf, "idempotency_key": "t1"})
    page = text(client.get(f"/sandboxes/{world.sandbox_id}/taches"))
    assert "Encaissement" in page and "Archivage" in page and "CT-000001" in page
    action = re.search(r'action="(/sandboxes/\d+/taches/\d+/close)"', page).group(1)
    done = client.post(action, data={"csrf_token": csrf_token(client, f"/sandboxes/{world.sandbox_id}/taches")})
    assert done.status_code == 302
    assert "Faite" in text(client.get(f"/sandboxes/{world.sandbox_id}/taches?statut=done"))
    listing = text(client.get(f"/sandboxes/{world.sandbox_id}/contrats?emis=oui"))
    assert "CT-000001" in listing and "1 contrat" in listing


def test_the_contracts_area_is_in_the_navigation(client, world):
    login(client, "candidat1")
    page = text(client.get(f"/sandboxes/{world.sandbox_id}/contrats"))
    assert f'href="/sandboxes/{world.sandbox_id}/contrats" aria-current="page">Contrats</a>' in page
    assert f'href="/sandboxes/{world.sandbox_id}/taches"' in page


def test_the_journal_shows_the_issue_in_french(client, session, world, quote):
    login(client, "candidat1")
    agree(client, world, quote)
    csrf = csrf_token(client, f"{base(world, quote)}/issue")
    client.post(f"{base(world, quote)}/issue", data={**DEBIT, "csrf_token": csrf, "idempotency_key": "j1"})
    page = text(client.get(f"/sandboxes/{world.sandbox_id}/journal"))
    assert "Émission des contrats d&#39;un devis accepté" in page or "Émission des contrats d'un devis accepté" in page
    assert "Référence unique du mandat SEPA" in page and "Prélèvement SEPA" in page and "À distance (téléphone)" in page
    for key in ("mandate_reference", "contract_numbers", "payment_method", "agreement_channel", "prelevement"):
        assert key not in page, key
