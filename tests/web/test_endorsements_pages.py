"""« Avenant » on the contract page (issue 13 §1): preview (nothing written) then validate (CSRF on), the
list of the endorsements with the cancellation of the latest, French errors on the form; the form for the
candidate only. The sandbox's date is 2026-03-02; the contract an AUTO contract since 2025-01-15 (period
2026-01-15..2027-01-14), garage in Lyon (69003)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from polyadmin.domain.canonical import to_json_value
from polyadmin.store.client_documents import ClientDocument
from polyadmin.store.contracts import Endorsement
from polyadmin.store.portfolio import Contract
from tests.helpers.factories import ClientFactory, ContractFactory, InstalmentFactory
from tests.helpers.quotes import AUTO_RISK
from tests.helpers.web import csrf_token, login, text


@pytest.fixture
def contract(session, world):
    client = ClientFactory(sandbox=world.sandbox_id, last_name="Martin", first_name="Jeanne", civility="MME")
    contract = ContractFactory(
        client=client,
        start_date=date(2025, 1, 15),
        next_due_date=date(2026, 1, 15),
        seeded=True,
        formula="tiers",
        risk=to_json_value(AUTO_RISK),
    )
    for number in range(1, 13):
        InstalmentFactory(
            contract=contract, number=number, period_start=date(2026, 1, 15), status="paid" if number <= 2 else "due"
        )
    return contract


def page_of(world, contract):
    return f"/sandboxes/{world.sandbox_id}/contrats/{contract.id}"


def endorse(client, world, contract, data):
    page = page_of(world, contract)
    return client.post(f"{page}/avenant", data={**data, "csrf_token": csrf_token(client, page)})


MOVE = {"effective_on": "2026-04-01", "postcode": "75011", "formula": "tiers", "frequency": "mensuel"}


def test_the_candidate_previews_validates_then_cancels_an_address_change(client, session, world, contract):
    login(client, "candidat1")
    page = text(client.get(page_of(world, contract)))
    assert "Aucun avenant." in page and "Prévisualiser" in page and "Code postal du lieu de garage" in page
    preview = endorse(client, world, contract, {**MOVE, "step": "preview"})
    assert preview.status_code == 200
    shown = text(preview)
    assert "Aperçu de l'avenant (rien n'est encore enregistré)" in shown
    assert "69003 → 75011" in shown and "289 jours sur 365" in shown and "Valider l'avenant" in shown
    assert session.execute(select(Endorsement)).first() is None

    recorded = endorse(client, world, contract, {**MOVE, "step": "record"})
    assert recorded.status_code == 302
    shown = text(client.get(recorded.headers["Location"]))
    assert "Avenant n° 2 enregistré, effet le 01/04/2026" in shown and "ajoutée aux échéances restantes" in shown
    assert "Annuler l'avenant n° 2" in shown and "En vigueur" in shown
    assert f"Avenant n° 2 — contrat {contract.number}" in shown  # the avenant among the contract's documents
    session.expire_all()
    row = session.execute(select(Endorsement)).scalar_one()
    assert session.get(Contract, contract.id).risk["garage_postcode"] == "75011"
    document = session.execute(select(ClientDocument).where(ClientDocument.kind == "endorsement")).scalar_one()
    pdf = client.get(f"/sandboxes/{world.sandbox_id}/clients/{contract.client_id}/documents/{document.id}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")

    page = page_of(world, contract)
    cancelled = client.post(f"{page}/avenants/{row.id}/annuler", data={"csrf_token": csrf_token(client, page)})
    assert cancelled.status_code == 302
    shown = text(client.get(cancelled.headers["Location"]))
    assert "Avenant n° 2 annulé" in shown and "Annulé" in shown
    session.expire_all()
    assert session.get(Contract, contract.id).risk["garage_postcode"] == "69003"


def test_errors_come_back_in_french_on_the_form(client, session, world, contract):
    login(client, "candidat1")
    response = endorse(client, world, contract, {**MOVE, "postcode": "ABCDE", "step": "preview"})
    assert response.status_code == 422
    shown = text(response)
    assert "Avenant refusé" in shown and "Code postal à 5 chiffres attendu." in shown
    response = endorse(client, world, contract, {**MOVE, "effective_on": "2026-01-20", "step": "record"})
    assert response.status_code == 422
    assert "une justification écrite est obligatoire" in text(response)
    response = endorse(client, world, contract, {"effective_on": "2026-04-01", "formula": "tiers", "step": "preview"})
    assert response.status_code == 422 and "Aucune modification" in text(response)
    assert session.execute(select(Endorsement)).first() is None


def test_the_form_is_for_the_candidate_and_the_post_needs_the_csrf_token(client, world, contract):
    login(client, "evaluateur")
    page = text(client.get(page_of(world, contract)))
    assert "Aucun avenant." in page and "Prévisualiser" not in page
    assert client.post(f"{page_of(world, contract)}/avenant", data={**MOVE, "step": "preview"}).status_code in (
        400, 403,
    )  # fmt: skip
