"""Terminations in a real browser (issue 13 §3): the candidate records a Hamon termination asked by the
client's new insurer on a contract since 2025-01-15 and reads its date of effect and refund to the cent;
a Hamon in the first year comes back refused with its reason. Accessibility checked on both pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.models import JournalEntry, User
from tests.helpers.accounts import START
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.factories import ClientFactory, ContractFactory, UserFactory, bound_session

pytestmark = pytest.mark.e2e

CANDIDATE = "candidat15"


@pytest.fixture(scope="module")
def contracts_box(live_server) -> dict[str, Any]:
    """A sandbox on 2026-03-02 with a car contract since 2025-01-15 (702,36 € a year, due 15 January) and
    one since 2025-06-01."""
    with live_server.session() as session, bound_session(session):
        UserFactory(username=CANDIDATE, display_name="Rémi Candidat")
        exam = create_exam_session(
            session,
            live_server.actors["formatrice"],
            {"name": "Résiliations", "starts_on": START.isoformat(), "candidates": [CANDIDATE]},
        )
        box_id = exam.sandboxes[0].id
        client = ClientFactory(sandbox=box_id, last_name="Morel", first_name="Anne", civility="MME")
        old = ContractFactory(client=client, start_date=date(2025, 1, 15), next_due_date=date(2026, 1, 15))
        young = ContractFactory(client=client, start_date=date(2025, 6, 1), next_due_date=date(2026, 6, 1))
        session.commit()
        assert session.execute(select(User).where(User.username == CANDIDATE)).scalar_one()
        return {"box": box_id, "old": old.id, "old_number": old.number, "young": young.id}


def test_a_hamon_termination_for_the_new_insurer_then_a_refused_one(page, live_server, contracts_box):
    box = contracts_box["box"]
    sign_in(page, CANDIDATE)
    page.goto(f"/sandboxes/{box}/contrats/{contracts_box['young']}")
    page.get_by_label("Motif de résiliation").select_option("hamon")
    page.get_by_label("Lettre reçue le").fill("2026-03-01")
    page.get_by_role("button", name="Résilier le contrat").click()
    content = page.content()
    assert "Résiliation refusée" in content and "1er juin 2026" in content
    assert_accessible(page, "résiliation refusée")

    page.goto(f"/sandboxes/{box}/contrats/{contracts_box['old']}")
    assert_accessible(page, "formulaire de résiliation")
    page.get_by_label("Motif de résiliation").select_option("hamon")
    page.get_by_label("Lettre reçue le").fill("2026-02-20")
    page.get_by_label("Résiliation demandée par le nouvel assureur").check()
    page.get_by_label("Nom du nouvel assureur").fill("Assurances du Lac")
    page.get_by_role("button", name="Résilier le contrat").click()
    page.wait_for_url(f"**/sandboxes/{box}/contrats/{contracts_box['old']}")
    text = page.inner_text("main")
    # Received 2026-02-20 → effect 2026-03-20; 64 of 365 days earned: 123,15 €; 579,21 € refunded by 2026-04-19.
    assert f"Contrat {contracts_box['old_number']} résilié : fin le 20/03/2026" in text
    assert "20 mars 2026" in text and "19 avril 2026" in text and "Assurances du Lac" in text
    assert "123,15" in text and "579,21" in text and "Résilié" in text
    assert page.get_by_role("button", name="Résilier le contrat").count() == 0
    assert_accessible(page, "contrat résilié")
    with live_server.session() as session:
        actions = [
            entry.action
            for entry in session.execute(
                select(JournalEntry).where(JournalEntry.sandbox_id == box).order_by(JournalEntry.seq)
            ).scalars()
        ]
    assert actions.count("contract.terminate") == 1 and actions[-1] == "contract.terminate"
