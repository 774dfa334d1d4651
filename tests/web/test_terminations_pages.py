"""« Résilier » on the contract page (issue 13 §3): the form for the candidate only (CSRF on), French errors
on the form, and after recording the date of effect and the refund to the cent on the page. The sandbox's
date is 2026-03-02."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import Contract
from tests.helpers.factories import ClientFactory, ContractFactory
from tests.helpers.web import csrf_token, login, text


@pytest.fixture
def contract(session, world):
    client = ClientFactory(sandbox=world.sandbox_id, last_name="Martin", first_name="Jeanne", civility="MME")
    return ContractFactory(client=client, start_date=date(2025, 1, 15), next_due_date=date(2026, 1, 15), seeded=True)


def page_of(world, contract):
    return f"/sandboxes/{world.sandbox_id}/contrats/{contract.id}"


def terminate(client, world, contract, data):
    page = page_of(world, contract)
    return client.post(f"{page}/resiliation", data={**data, "csrf_token": csrf_token(client, page)})


def test_the_candidate_terminates_and_reads_the_date_of_effect_and_the_refund(client, session, world, contract):
    login(client, "candidat1")
    page = text(client.get(page_of(world, contract)))
    assert "Résilier le contrat" in page and 'name="ground"' in page and "Loi Lemoine" in page
    response = terminate(
        client, world, contract,
        {"ground": "hamon", "notice_received_on": "2026-02-20", "requested_by_new_insurer": "on",
         "new_insurer": "Assurances du Lac"},
    )  # fmt: skip
    assert response.status_code == 302
    shown = text(client.get(response.headers["Location"]))
    # Received 2026-02-20 → effect 2026-03-20; 702.36 × 64 / 365 = 123.15 earned; 579.21 refunded by 2026-04-19.
    assert "Contrat " + contract.number + " résilié : fin le 20/03/2026" in shown
    assert "579,21\u00a0€ à rembourser au plus tard le 19/04/2026" in shown.replace("\u202f", "\u00a0")
    assert "20 mars 2026" in shown and "19 avril 2026" in shown and "Assurances du Lac" in shown
    assert "123,15" in shown and "579,21" in shown and "Loi Hamon, après un an (art. L113-15-2)" in shown
    assert "Résilier le contrat" not in shown and "Lettre de résiliation" in shown
    session.expire_all()
    assert session.get(Contract, contract.id).status == "terminated"
    entry = session.execute(select(JournalEntry).where(JournalEntry.action == "contract.terminate")).scalar_one()
    assert entry.codes == ["C2A.4"] and entry.outcome["refund"] == "579.21"


def test_a_refused_ground_comes_back_on_the_form_with_its_reason(client, session, world, contract):
    login(client, "candidat1")
    response = terminate(client, world, contract, {"ground": "lemoine", "notice_received_on": "2026-02-20"})
    assert response.status_code == 409
    page = text(response)
    assert "Résiliation refusée" in page and "ne concerne que l&#39;assurance emprunteur" in page
    assert re.search(r'<option value="lemoine"\s+selected', page), "the chosen ground stays selected"


def test_missing_and_future_dates_are_french_field_errors(client, session, world, contract):
    login(client, "candidat1")
    response = terminate(client, world, contract, {"ground": "change_of_situation", "event_on": "2026-03-05"})
    assert response.status_code == 422
    page = text(response)
    assert "Cette date ne peut pas suivre la date de la simulation (02/03/2026)." in page
    missing = terminate(client, world, contract, {"ground": ""})
    assert missing.status_code == 422
    assert "Motif de résiliation" in text(missing)
    session.expire_all()
    assert session.get(Contract, contract.id).status == "active"


def test_the_evaluator_reads_the_page_without_the_form_and_cannot_post(client, world, contract):
    login(client, "evaluateur")
    page = text(client.get(page_of(world, contract)))
    assert "Résilier le contrat" not in page and "Ce contrat n'est pas résilié." in page
    response = client.post(f"{page_of(world, contract)}/resiliation", data={"ground": "hamon"})
    assert response.status_code in (400, 403)


def test_without_the_csrf_token_nothing_is_recorded(client, session, world, contract):
    login(client, "candidat1")
    response = client.post(
        f"{page_of(world, contract)}/resiliation", data={"ground": "hamon", "notice_received_on": "2026-02-20"}
    )
    assert response.status_code == 400
    session.expire_all()
    assert session.get(Contract, contract.id).status == "active"
