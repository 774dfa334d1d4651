"""Agreement and issue in a real browser: the candidate records the client's agreement given by phone,
issues the contract with a SEPA direct debit, and reads it (schedule, mandate, withdrawal period); the
tasks reach the departments. Accessibility checked on the issue and contract pages."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from polyadmin.services.clients import create_client
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.users import actor_of
from polyadmin.store.models import JournalEntry, User
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.factories import PersonClientData, UserFactory, bound_session
from tests.helpers.quotes import make_quote

pytestmark = pytest.mark.e2e

CANDIDATE = "candidat12"


@pytest.fixture(scope="module")
def quote_box(live_server) -> dict[str, Any]:
    with live_server.session() as session, bound_session(session):
        UserFactory(username=CANDIDATE, display_name="Nina Candidate")
        exam = create_exam_session(
            session, live_server.actors["formatrice"], {"name": "Émission", "candidates": [CANDIDATE]}
        )
        box_id = exam.sandboxes[0].id
        candidate = actor_of(session.execute(select(User).where(User.username == CANDIDATE)).scalar_one())
        client = create_client(session, candidate, box_id, PersonClientData(last_name="Lefèvre"))
        quote = make_quote(session, candidate, box_id, client.id)
        return {"box": box_id, "quote": quote.id, "number": quote.number}


def test_agreement_by_phone_then_issue_with_a_direct_debit(page, live_server, quote_box):
    box, quote = quote_box["box"], quote_box["quote"]
    sign_in(page, CANDIDATE)
    page.goto(f"/sandboxes/{box}/quotes/{quote}/agreement")
    page.get_by_label("Canal de l'accord").select_option("telephone")
    page.get_by_role("button", name="Enregistrer l'accord du client").click()
    page.wait_for_url(f"**/sandboxes/{box}/quotes/{quote}/issue")
    assert "Accord du client enregistré." in page.content()
    button = page.get_by_role("button", name="Émettre")
    assert button.get_attribute("data-once") is not None
    assert_accessible(page, "émission")
    page.get_by_label("IBAN").fill("FR76 3000 6000 0112 3456 7890 189")
    page.get_by_label("BIC").fill("AGRIFRPP")
    button.click()
    page.wait_for_url(f"**/sandboxes/{box}/contrats/*")
    assert page.get_by_role("heading", level=1).inner_text() == "Contrat CT-000001"
    content = page.content()
    assert "RUM-2026-000001" in content and "Échéancier" in content and "renoncer jusqu" in content
    assert_accessible(page, "contrat")
    page.get_by_role("link", name="Tâches").first.click()
    page.wait_for_url(f"**/sandboxes/{box}/taches")
    assert "Encaissement" in page.content() and "Archivage" in page.content()
    with live_server.session() as session:
        actions = [
            entry.action
            for entry in session.execute(
                select(JournalEntry).where(JournalEntry.sandbox_id == box).order_by(JournalEntry.seq)
            ).scalars()
        ]
    agreed = actions.index("quote.agreement")
    assert actions[-1] == "contract.issue" and actions.count("contract.issue") == 1  # the double click issued once
    edited = actions[agreed + 1 : -1]  # the five contract documents, edited with the issue
    assert edited == ["document.edit"] * 5
