"""Issue 11's journey in a real browser, from a planted request of examen-souscription (exa-1, a house
bought by a client who also drives): the candidate accepts the request, records the needs and the
advice, builds a home + car offer with the circular-economy parts option, records the agreement,
double-clicks « Émettre les contrats » and gets one set of two contracts, whose documents are downloaded
and read (amounts to the cent, exclusions, mandate reference). The journal shows each step with its
codes. Accessibility checked on every page of the journey."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from polyadmin.domain.french import euros
from polyadmin.services.contracts import contract_in
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.users import actor_of
from polyadmin.store.models import JournalEntry, User
from polyadmin.store.portfolio import Contract, SubscriptionRequest, Vehicle
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.evaluation import pdf_text
from tests.helpers.factories import UserFactory, bound_session

pytestmark = pytest.mark.e2e

CANDIDATE = "candidat14"
CASE = "exa-1-mrh-accept"
# The driver's data the client's record does not hold (her licence, her statement of 2021).
DRIVER = {"licence_date": "1987-05-14", "claim_free_years": "20", "crm": "0.50", "driver_birth_date": "1968-02-11"}


@pytest.fixture(scope="module")
def planted_box(live_server) -> dict[str, Any]:
    """A session of its own on the exam scenario (candidate « candidat14 »), with exa-1's request."""
    with live_server.session() as session, bound_session(session):
        UserFactory(username=CANDIDATE, display_name="Zoé Candidate")
        exam = create_exam_session(
            session,
            live_server.actors["formatrice"],
            {"name": "Offre et émission", "candidates": [CANDIDATE], "scenario": "examen-souscription"},
        )
        box_id = exam.sandboxes[0].id
        request = session.execute(
            select(SubscriptionRequest).where(
                SubscriptionRequest.sandbox_id == box_id, SubscriptionRequest.case_code == CASE
            )
        ).scalar_one()
        vehicle = session.execute(select(Vehicle).where(Vehicle.client_id == request.client_id)).scalars().first()
        assert vehicle is not None
        return {
            "box": box_id,
            "request": request.id,
            "number": request.number,
            "client": request.client_id,
            "vehicle": vehicle.id,
        }


def money(amount: Decimal) -> str:
    """An amount as `pdf_text` reads it (no-break spaces folded)."""
    return euros(amount).replace("\u202f", " ").replace("\xa0", " ")


def flash(page) -> str:
    return page.locator(".flashes").inner_text()


def test_from_a_planted_request_to_two_contracts_in_the_browser(page, live_server, planted_box):
    box, request_id = planted_box["box"], planted_box["request"]
    sign_in(page, CANDIDATE)

    # The request, accepted.
    page.goto(f"/sandboxes/{box}/")
    page.get_by_role("link", name=planted_box["number"], exact=True).click()
    page.wait_for_url(re.compile(rf"/demandes/{request_id}$"))
    accept = page.locator("#decision-accept")
    accept.get_by_label("Motif de la décision").fill("Dossier complet, règles d'acceptation respectées.")
    accept.get_by_role("button", name="Accepter").click()
    assert "Décision enregistrée." in flash(page)

    # The needs and the advice, in the candidate's words.
    page.get_by_role("link", name="Recueil des besoins et conseil").click()
    page.locator("#f-habitation-examined").check()
    page.locator("#f-habitation-wanted-incendie").check()
    page.locator("#f-auto-examined").check()
    page.locator("#f-auto-wanted-dommages").check()
    page.locator("#f-budget_monthly").fill("120,00")
    page.locator("#f-eco_interest").check()
    page.locator("#f-r1-offer").select_option("MRH:proprietaire_occupant")
    page.locator("#f-r1-need").fill("Protéger la maison qu'elle vient d'acheter.")
    page.locator("#f-r1-reason").fill("Maison achetée : la formule propriétaire occupant couvre le bâtiment.")
    page.locator("#f-r2-offer").select_option("AUTO:tous_risques")
    page.locator('input[name="r2-options"][value="AUTO:pieces_reemploi"]').check()
    page.locator("#f-r2-need").fill("Réparer son véhicule récent après un accident responsable.")
    page.locator("#f-r2-reason").fill("Véhicule récent : dommages tous accidents ; pièces de réemploi, son souhait.")
    assert_accessible(page, "recueil des besoins (demande plantée)")
    page.get_by_role("button", name="Enregistrer le recueil et le conseil").click()
    assert "Recueil des besoins et conseil enregistrés" in page.content()

    # The offer: the home line from the request, the car line from the client's vehicle.
    page.goto(f"/sandboxes/{box}/demandes/{request_id}")
    page.get_by_role("link", name="Préparer un devis").click()
    page.locator("#f-p1").select_option("MRH")
    page.locator("#f-p2").select_option("AUTO")
    page.get_by_role("button", name="Continuer").click()
    home, car = page.locator("fieldset.quote-line").nth(0), page.locator("fieldset.quote-line").nth(1)
    home.locator('input[name="l1-formula"][value="proprietaire_occupant"]').check()
    car.locator('input[name="l2-formula"][value="tous_risques"]').check()
    page.locator("#f-l2-record").select_option(f"vehicle:{planted_box['vehicle']}")
    car.locator("details summary").click()
    for name, value in DRIVER.items():
        page.locator(f"#f-l2-risk-{name}").fill(value)
    car.locator('input[name="l2-options"][value="pieces_reemploi"]').check()
    assert_accessible(page, "constructeur de devis (deux produits)")
    page.get_by_role("button", name="Établir le devis").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Devis DV-000001")
    assert any("Réparation avec des pièces de réemploi" in text for text in page.locator(".eco").all_inner_texts())
    assert_accessible(page, "devis à deux produits")

    # The agreement, then « Émettre » clicked twice.
    page.get_by_role("link", name="Enregistrer l'accord du client").click()
    page.get_by_label("Canal de l'accord").select_option("agence")
    page.get_by_role("button", name="Enregistrer l'accord du client").click()
    page.wait_for_url(re.compile(r"/quotes/\d+/issue$"))
    assert "Accord du client enregistré." in flash(page)
    page.get_by_label("IBAN").fill("FR76 3000 6000 0112 3456 7890 189")
    page.get_by_label("BIC").fill("AGRIFRPP")
    assert_accessible(page, "émission des contrats")
    page.get_by_role("button", name="Émettre").dblclick()
    page.wait_for_url(re.compile(r"/contrats/\d+$"))
    issued = re.fullmatch(r"Contrat\(s\) émis : (CT-\d{6}), (CT-\d{6})\.", flash(page).strip())
    assert issued is not None
    assert_accessible(page, "contrat émis")

    with live_server.session() as session:
        contracts = session.execute(
            select(Contract).where(Contract.sandbox_id == box, Contract.seeded.is_(False)).order_by(Contract.id)
        ).scalars().all()
        assert [c.product_code for c in contracts] == ["MRH", "AUTO"]  # one set, not two
        assert [c.number for c in contracts] == list(issued.groups())
        candidate = actor_of(session.execute(select(User).where(User.username == CANDIDATE)).scalar_one())
        views = {c.product_code: contract_in(session, candidate, box, c.id) for c in contracts}
        entries = session.execute(
            select(JournalEntry).where(JournalEntry.sandbox_id == box).order_by(JournalEntry.seq)
        ).scalars().all()
        steps = [(e.action, list(e.codes)) for e in entries]
        contract_ids = {c.product_code: c.id for c in contracts}

    # Each contract's documents, downloaded and read.
    for product, contract_id in contract_ids.items():
        view = views[product]
        page.goto(f"/sandboxes/{box}/contrats/{contract_id}")
        links = page.locator("#documents-contrat ~ ul a", has_text="PDF")
        assert links.count() == 5
        texts = {}
        for index in range(5):
            link = links.nth(index)
            title = link.locator(".visually-hidden").inner_text()
            response = page.request.get(link.get_attribute("href"))
            assert response.status == 200 and response.headers["content-type"] == "application/pdf"
            texts[title] = pdf_text(response.body())
        conditions = next(text for title, text in texts.items() if "Conditions particulières" in title)
        assert view.number in conditions and money(view.total) in conditions
        assert view.exclusions and all(" ".join(e.split())[:50] in conditions for e in view.exclusions)
        mandate = next(text for title, text in texts.items() if "Mandat" in title)
        assert view.mandate is not None and view.mandate.reference in mandate

    actions = [action for action, _codes in steps]
    assert actions.count("contract.issue") == 1 and actions.count("quote.create") == 1
    order = [a for a in actions if a in ("request.decision", "needs.record", "quote.create", "quote.agreement",
                                         "contract.issue")]  # fmt: skip
    assert order == ["request.decision", "needs.record", "quote.create", "quote.agreement", "contract.issue"]
    codes = dict(steps)
    assert codes["needs.record"] == codes["quote.create"] == ["C2A.3"]
    assert codes["quote.agreement"] == ["C2A.4"] and codes["contract.issue"][0] == "C2A.4"
    assert {tuple(c) for a, c in steps if a.startswith("document.")} == {("C1.9",)}
    assert actions.count("document.edit") == 2 + 10  # the devis, the advice, five documents per contract
