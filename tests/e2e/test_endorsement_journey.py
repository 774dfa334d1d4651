"""Endorsements in a real browser (issue 13 §1): the candidate previews an address change on a car
contract (nothing written), validates it, reads the avenant among the contract's versions with its
prorated difference, then cancels it; a backdated change without justification comes back refused with
its reason. Accessibility checked on the preview, the refusal and the recorded version."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from polyadmin.domain.canonical import to_json_value
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.contracts import Endorsement
from polyadmin.store.models import JournalEntry
from tests.helpers.accounts import START
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.factories import ClientFactory, ContractFactory, InstalmentFactory, UserFactory, bound_session
from tests.helpers.quotes import AUTO_RISK

pytestmark = pytest.mark.e2e

CANDIDATE = "candidat17"


@pytest.fixture(scope="module")
def endorsement_box(live_server) -> dict[str, Any]:
    """A sandbox on 2026-03-02 with a third-party car contract since 2025-01-15 (period 2026-01-15 to
    2027-01-14), garage in Lyon (69003), monthly, two instalments paid."""
    with live_server.session() as session, bound_session(session):
        UserFactory(username=CANDIDATE, display_name="Inès Candidate")
        exam = create_exam_session(
            session,
            live_server.actors["formatrice"],
            {"name": "Avenants", "starts_on": START.isoformat(), "candidates": [CANDIDATE]},
        )
        box_id = exam.sandboxes[0].id
        client = ClientFactory(sandbox=box_id, last_name="Martin", first_name="Jeanne", civility="MME")
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
                contract=contract,
                number=number,
                period_start=date(2026, 1, 15),
                status="paid" if number <= 2 else "due",
            )
        session.commit()
        return {"box": box_id, "contract": contract.id, "number": contract.number}


def test_a_move_previewed_validated_then_cancelled(page, live_server, endorsement_box):
    box, contract_id = endorsement_box["box"], endorsement_box["contract"]
    sign_in(page, CANDIDATE)
    page.goto(f"/sandboxes/{box}/contrats/{contract_id}")
    assert "Aucun avenant." in page.inner_text("main")

    page.get_by_label("Date d'effet de l'avenant").fill("2026-01-20")
    page.get_by_label("Code postal du lieu de garage").fill("75011")
    page.get_by_role("button", name="Prévisualiser").click()
    refusal = page.locator("#error-summary-avenant")
    expect(refusal).to_contain_text("une justification écrite est obligatoire")
    assert_accessible(page, "avenant refusé")

    page.get_by_label("Date d'effet de l'avenant").fill("2026-04-01")
    page.get_by_label("Code postal du lieu de garage").fill("75011")
    page.get_by_role("button", name="Prévisualiser").click()
    preview = page.get_by_role("region", name="Aperçu de l'avenant (rien n'est encore enregistré)")
    expect(preview).to_contain_text("69003 → 75011")
    expect(preview).to_contain_text("289 jours sur 365")
    assert_accessible(page, "aperçu de l'avenant")
    with live_server.session() as session:
        assert session.execute(select(Endorsement).where(Endorsement.contract_id == contract_id)).first() is None

    page.get_by_role("button", name="Valider l'avenant").click()
    expect(page.get_by_role("status").first).to_contain_text("Avenant n° 2 enregistré, effet le 01/04/2026")
    versions = page.get_by_role("table", name="Versions du contrat après son émission")
    expect(versions).to_contain_text("1er avril 2026")
    expect(versions).to_contain_text("69003 → 75011")
    expect(versions).to_contain_text("En vigueur")
    assert_accessible(page, "avenant enregistré")

    page.get_by_role("button", name="Annuler l'avenant n° 2").click()
    expect(page.get_by_role("status").first).to_contain_text("Avenant n° 2 annulé")
    expect(page.get_by_role("table", name="Versions du contrat après son émission")).to_contain_text("Annulé")
    with live_server.session() as session:
        actions = [
            entry.action
            for entry in session.execute(
                select(JournalEntry).where(JournalEntry.sandbox_id == box).order_by(JournalEntry.seq)
            ).scalars()
        ]
        row = session.execute(select(Endorsement).where(Endorsement.contract_id == contract_id)).scalar_one()
    assert row.status == "cancelled" and row.effective_on == date(2026, 4, 1)
    assert actions.count("contract.endorse") == 1 and actions[-1] == "contract.endorsement_cancel"
