"""Working planted cases of examen-souscription in a real browser, to their expected outcome, with the
journal entries each step leaves: refer then accept with the expert's conditions (exa-2), a refused
acceptance then a decline (exa-3), an out-of-date proof of address asked again (exa-5). Accessibility
checked on the workspace."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import SubscriptionRequest
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.factories import UserFactory, bound_session

pytestmark = pytest.mark.e2e

CANDIDATE = "candidat8"


@pytest.fixture(scope="module")
def exam_box(live_server) -> dict[str, Any]:
    """A session of its own on the exam scenario: candidate « candidat8 », trainer « formatrice »."""
    with live_server.session() as session, bound_session(session):
        UserFactory(username=CANDIDATE, display_name="Oscar Candidat")
        exam = create_exam_session(
            session,
            live_server.actors["formatrice"],
            {
                "name": "Examen de souscription",
                "candidates": [CANDIDATE],
                "evaluators": ["evaluateur"],
                "scenario": "examen-souscription",
            },
        )
        box_id = exam.sandboxes[0].id
        cases = {
            row.case_code: (row.id, row.number)
            for row in session.execute(
                select(SubscriptionRequest).where(SubscriptionRequest.sandbox_id == box_id)
            ).scalars()
            if row.case_code
        }
        return {"box": box_id, "exam": exam.id, "cases": cases}


def journal(live_server, box_id: int, request_id: int) -> list[tuple[str, list[str]]]:
    with live_server.session() as session:
        entries = session.execute(
            select(JournalEntry)
            .where(JournalEntry.sandbox_id == box_id, JournalEntry.record_id == str(request_id))
            .order_by(JournalEntry.seq)
        ).scalars()
        return [(entry.action, list(entry.codes)) for entry in entries]


def open_request(page, exam_box, code: str) -> int:
    request_id, number = exam_box["cases"][code]
    page.goto(f"/sandboxes/{exam_box['box']}/")
    page.get_by_role("link", name=number, exact=True).click()
    page.wait_for_url(re.compile(rf"/demandes/{request_id}$"))
    return request_id


def sign_out(page) -> None:
    page.get_by_role("banner").get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/login")


def flash(page) -> str:
    return page.locator(".flashes").inner_text()


def test_refer_to_the_senior_underwriter_then_accept_with_the_experts_conditions(page, live_server, exam_box):
    sign_in(page, CANDIDATE)
    request_id = open_request(page, exam_box, "exa-2-auto-malus")
    main = page.get_by_role("main")
    assert "Le client" in main.inner_text() and "Réservé aux évaluateurs" not in main.inner_text()

    page.get_by_role("link", name="Ouvrir l'analyse et le score").click()
    analysis = page.locator("section", has=page.locator("#analyse"))
    assert "Recommandation des règles" in analysis.inner_text()
    assert "Score d'aide à la décision" in analysis.inner_text()
    assert_accessible(page, "demande : analyse ouverte")

    page.locator("summary", has_text="Transmettre à un expert").click()
    referral = page.locator("form", has=page.get_by_role("button", name="Transmettre", exact=True))
    referral.get_by_label("Expert").select_option(label="Souscripteur senior")
    referral.get_by_label("Question posée").fill("Tous risques avec un CRM de 1,25 et deux sinistres responsables ?")
    referral.get_by_label(re.compile("Relevé d'information")).check()
    referral.get_by_role("button", name="Transmettre", exact=True).click()
    assert "Demande d'avis transmise" in flash(page)
    assert "En attente d'un expert" in page.get_by_role("main").inner_text()
    sign_out(page)

    # The trainer moves the clock: the scripted answer lands.
    sign_in(page, "formatrice")
    page.goto(f"/sessions/{exam_box['exam']}")
    page.get_by_label("Nouvelle date pour Oscar Candidat").fill("2026-03-03")
    with page.expect_navigation():  # the clock has moved (and the answer landed) before going on
        page.locator(f"#clock-{exam_box['box']}").locator("xpath=ancestor::form").get_by_role(
            "button", name="Avancer"
        ).click()
    page.goto(f"/sandboxes/{exam_box['box']}/demandes/{request_id}")
    assert "Avis favorable sous conditions" in page.get_by_role("main").inner_text()
    sign_out(page)

    sign_in(page, CANDIDATE)
    page.goto(f"/sandboxes/{exam_box['box']}/demandes/{request_id}")
    conditional = page.locator("#decision-accept_conditions")
    if not conditional.evaluate("node => node.open"):
        conditional.locator("summary").click()
    labels = [conditional.locator(f"#f-cond-{i}-label").input_value() for i in range(3)]
    assert any("600" in label for label in labels), labels  # pre-filled from the analysis
    conditional.get_by_label("Motif de la décision").fill("Accord du souscripteur senior, franchise 600 €.")
    conditional.get_by_role("button", name="Accepter sous conditions").click()
    assert "Décision enregistrée." in flash(page)
    assert "Acceptée sous conditions" in page.locator("section", has=page.locator("#decision")).inner_text()

    steps = journal(live_server, exam_box["box"], request_id)
    assert ("referral.send", ["C2A.2"]) in steps
    assert [action for action, _codes in steps if action != "request.consult"] == [
        "referral.send",
        "referral.answer",
        "request.decision",
    ]
    assert steps[-1] == ("request.decision", ["C2A.1", "C2A.2"])
    assert sum(1 for action, _codes in steps if action == "request.consult") == 2  # analysis and score


def test_an_acceptance_against_a_blocking_rule_is_refused_then_the_case_is_declined(page, live_server, exam_box):
    sign_in(page, CANDIDATE)
    request_id = open_request(page, exam_box, "exa-3-auto-refus")
    accept = page.locator("#decision-accept")
    accept.locator("summary").click()
    accept.get_by_label("Motif de la décision").fill("Le client est pressé.")
    accept.get_by_role("button", name="Accepter").click()
    refusal = page.locator("#decision-accept").get_by_role("alert")
    assert "impose un refus" in refusal.inner_text()
    assert "Résiliation pour non-paiement" in refusal.inner_text()
    assert_accessible(page, "demande : acceptation refusée")

    decline = page.locator("#decision-decline")
    decline.locator("summary").click()
    decline.get_by_label(re.compile("Motif du refus")).fill(
        "Résiliation pour non-paiement de moins de deux ans et coefficient supérieur à 2."
    )
    decline.get_by_label("Alternative proposée au client").fill(
        "Vous pouvez saisir le Bureau central de tarification avec ce refus."
    )
    decline.get_by_role("button", name="Refuser la demande").click()
    assert "Décision enregistrée." in flash(page)
    section = page.locator("section", has=page.locator("#decision")).inner_text()
    assert "Refusée" in section and "Bureau central de tarification" in section
    letter = page.get_by_role("link", name="Lettre de refus (PDF)")
    letter_pdf = page.request.get(letter.get_attribute("href"))  # the browser's session cookie goes along
    assert letter_pdf.ok and letter_pdf.headers["content-type"] == "application/pdf"
    assert letter_pdf.body().startswith(b"%PDF")

    ((action, codes),) = journal(live_server, exam_box["box"], request_id)  # the refused attempt wrote nothing
    assert action == "request.decision" and "C2A.1" in codes


def test_an_out_of_date_proof_of_address_is_marked_and_a_recent_one_asked_for(page, live_server, exam_box):
    sign_in(page, CANDIDATE)
    request_id = open_request(page, exam_box, "exa-5-auto-domicile-perime")
    documents = page.locator("section", has=page.locator("#pieces"))
    row = documents.get_by_role("row", name=re.compile("Justificatif de domicile"))
    assert "Périmée" in row.inner_text()

    documents.locator("summary", has_text="Enregistrer le contrôle d'une pièce").click()
    check = documents.locator("form")
    pieces = check.get_by_label("Pièce reçue")
    pieces.select_option(pieces.locator("option", has_text="Justificatif de domicile").first.get_attribute("value"))
    check.get_by_label("Périmé").check()
    check.get_by_label("Motif du constat").fill("Émis le 28/10/2025 : plus de trois mois à la réception.")
    check.get_by_role("button", name="Enregistrer le contrôle").click()
    assert "Contrôle de la pièce enregistré." in flash(page)
    assert "Périmé" in page.get_by_role("row", name=re.compile("Justificatif de domicile")).inner_text()

    ask = page.locator("form", has=page.get_by_role("button", name="Envoyer la demande de pièces"))
    assert ask.get_by_label("Justificatif de domicile").is_checked()  # pre-filled from the analysis
    assert ask.get_by_label("Date limite de réception").input_value()
    ask.get_by_label("Message au client").fill("Merci de nous adresser un justificatif de domicile récent.")
    ask.get_by_role("button", name="Envoyer la demande de pièces").click()
    assert "Demande de pièces envoyée au client." in flash(page)
    assert "En attente du client" in page.get_by_role("main").inner_text()
    assert_accessible(page, "demande : pièces demandées")

    steps = journal(live_server, exam_box["box"], request_id)
    assert [action for action, _codes in steps] == ["request.document_check", "request.documents_requested"]
    assert all("C2A.1" in codes for _action, codes in steps)


REPLIER = "candidat11"


@pytest.fixture(scope="module")
def reply_box(live_server) -> dict[str, Any]:
    """A sandbox of its own for the client-reply journey (candidate « candidat11 »), so the clock it moves
    and the exa-5 request it works do not depend on the other journeys of this module."""
    with live_server.session() as session, bound_session(session):
        UserFactory(username=REPLIER, display_name="Rémi Candidat")
        exam = create_exam_session(
            session,
            live_server.actors["formatrice"],
            {
                "name": "Examen de souscription (réponses des clients)",
                "candidates": [REPLIER],
                "evaluators": ["evaluateur"],
                "scenario": "examen-souscription",
            },
        )
        box_id = exam.sandboxes[0].id
        request = session.execute(
            select(SubscriptionRequest).where(
                SubscriptionRequest.sandbox_id == box_id,
                SubscriptionRequest.case_code == "exa-5-auto-domicile-perime",
            )
        ).scalar_one()
        return {"box": box_id, "exam": exam.id, "cases": {request.case_code: (request.id, request.number)}}


def test_the_recent_proof_of_address_arrives_when_the_trainer_moves_the_clock_then_is_accepted(
    page, live_server, reply_box
):
    """Issue 10's « Done when »: a missing document requested, received after the clock moves, then accepted."""
    sign_in(page, REPLIER)
    request_id = open_request(page, reply_box, "exa-5-auto-domicile-perime")
    documents = page.locator("section", has=page.locator("#pieces"))
    documents.locator("summary", has_text="Enregistrer le contrôle d'une pièce").click()
    check = documents.locator("form")
    pieces = check.get_by_label("Pièce reçue")
    pieces.select_option(pieces.locator("option", has_text="Justificatif de domicile").first.get_attribute("value"))
    check.get_by_label("Périmé").check()
    check.get_by_label("Motif du constat").fill("Émis le 28/10/2025 : plus de trois mois à la réception.")
    check.get_by_role("button", name="Enregistrer le contrôle").click()
    assert "Contrôle de la pièce enregistré." in flash(page)

    ask = page.locator("form", has=page.get_by_role("button", name="Envoyer la demande de pièces"))
    assert ask.get_by_label("Justificatif de domicile").is_checked()
    ask.get_by_label("Date limite de réception").fill("2026-03-09")
    ask.get_by_label("Message au client").fill("Merci de nous adresser un justificatif de domicile récent.")
    ask.get_by_role("button", name="Envoyer la demande de pièces").click()
    assert "Demande de pièces envoyée au client." in flash(page)
    assert "En attente du client" in page.get_by_role("main").inner_text()
    sign_out(page)

    # The trainer moves the date of the simulation by three days: the scripted client answers.
    sign_in(page, "formatrice")
    page.goto(f"/sessions/{reply_box['exam']}")
    page.get_by_label("Nouvelle date pour Rémi Candidat").fill("2026-03-05")
    with page.expect_navigation():
        page.locator(f"#clock-{reply_box['box']}").locator("xpath=ancestor::form").get_by_role(
            "button", name="Avancer"
        ).click()
    assert "5 mars 2026" in page.get_by_role("main").inner_text()
    sign_out(page)

    sign_in(page, REPLIER)
    page.goto(f"/sandboxes/{reply_box['box']}/demandes/{request_id}")
    documents = page.locator("section", has=page.locator("#pieces"))
    fresh = documents.get_by_role("row", name=re.compile("Facture d'électricité de février 2026"))
    assert "à contrôler" in fresh.inner_text()
    (asked,) = page.locator(".follow-ups li", has_text="Justificatif de domicile").all()
    assert asked.locator(".badge").inner_text() == "Reçue"  # the request for documents is answered
    assert "En attente du client" not in page.get_by_role("main").inner_text()
    assert_accessible(page, "demande : pièce reçue du client")

    documents.locator("summary", has_text="Enregistrer le contrôle d'une pièce").click()
    check = documents.locator("form")
    check.get_by_label("Pièce reçue").select_option(
        label="Justificatif de domicile — Facture d'électricité de février 2026"
    )
    check.get_by_label("Conforme", exact=True).check()
    check.get_by_label("Motif du constat").fill("Facture du 2 mars 2026, au nom et à l'adresse du client.")
    check.get_by_role("button", name="Enregistrer le contrôle").click()
    assert "Contrôle de la pièce enregistré." in flash(page)
    fresh = page.locator("section", has=page.locator("#pieces")).get_by_role(
        "row", name=re.compile("Facture d'électricité de février 2026")
    )
    assert "Conforme" in fresh.inner_text()

    accept = page.locator("#decision-accept")
    if not accept.evaluate("node => node.open"):
        accept.locator("summary").click()
    accept.get_by_label("Motif de la décision").fill("Justificatif de domicile récent reçu et conforme.")
    accept.get_by_role("button", name="Accepter", exact=True).click()
    assert "Décision enregistrée." in flash(page)
    assert "Acceptée" in page.locator("section", has=page.locator("#decision")).inner_text()

    steps = journal(live_server, reply_box["box"], request_id)
    assert [action for action, _codes in steps] == [
        "request.document_check",
        "request.documents_requested",
        "request.documents_received",
        "request.document_check",
        "request.decision",
    ]
    assert steps[2] == ("request.documents_received", [])  # the simulated client's, no candidate criterion
    assert steps[-1] == ("request.decision", ["C2A.1", "C2A.2"])
