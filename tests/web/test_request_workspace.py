"""The request's workspace in the browser's terms (Flask test client, CSRF on): every form's success and
refusal, the journal each leaves, and no raw code on the page."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from sqlalchemy import select

from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.casework import DocumentCheck, NonConformity, Referral, RequestDecision
from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import SubscriptionRequest, SupportingDocument
from tests.helpers.web import csrf_token, login
from tests.helpers.web import text as raw_text

# Codes the page must never print as such (labels only); rule codes may appear after « réf. ».
RAW_CODES = (
    "permis_conduire",
    "certificat_immatriculation",
    "releve_information",
    "justificatif_domicile",
    "tous_risques",
    "valeur_a_neuf",
    "souscripteur_senior",
    "accept_conditions",
    "missing_document",
    "en_cours",
    "attente_expert",
    "favorable_conditions",
    "non_conforme",
    "perime",
    "prealable",
    "option_retiree",
    "at_fault_claims_36m",
    "mensuel",
)


@pytest.fixture
def exam(session, world):
    created = create_exam_session(
        session,
        world.trainer,
        {
            "name": "Examen de mars",
            "candidates": ["candidat1", "candidat2"],
            "evaluators": ["evaluateur"],
            "scenario": "examen-souscription",
        },
    )
    return {box.candidate.username: box.id for box in created.sandboxes}


def planted(session, box_id: int, code: str) -> SubscriptionRequest:
    return session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.sandbox_id == box_id, SubscriptionRequest.case_code == code
        )
    ).scalar_one()


def document(session, request, kind) -> SupportingDocument:
    return session.execute(
        select(SupportingDocument).where(SupportingDocument.request_id == request.id, SupportingDocument.kind == kind)
    ).scalar_one()


def actions(session, box_id: int) -> list[tuple[str, list[str]]]:
    entries = session.execute(
        select(JournalEntry).where(JournalEntry.sandbox_id == box_id).order_by(JournalEntry.seq)
    ).scalars()
    return [(entry.action, entry.codes) for entry in entries if entry.action.startswith(("request.", "referral."))]


def visible_text(html: str) -> str:
    """The page's text and attribute values a reader meets (not the form field names)."""
    html = re.sub(r'\sname="[^"]*"', "", html)
    html = re.sub(r'\s(id|for|href|action|aria-[a-z]+|class|value|data-[a-z]+)="[^"]*"', "", html)
    return html


def text(response) -> str:
    return html.unescape(raw_text(response))


def url(box_id: int, request_id: int, tail: str = "") -> str:
    return f"/sandboxes/{box_id}/demandes/{request_id}{tail}"


def post(client, box_id, request_id, tail, data):
    token = csrf_token(client, url(box_id, request_id))
    return client.post(url(box_id, request_id, tail), data={**data, "csrf_token": token})


def test_the_workspace_shows_everything_in_french_without_raw_codes(client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-2-auto-malus")
    login(client, "candidat1")
    page = client.get(url(box, request.id, "/analyse"))
    assert page.status_code == 200
    body = text(page)
    for heading in ("Le client", "Pièces justificatives", "Analyse de la demande", "Décision", "Non-conformités"):
        assert heading in body
    assert "Souscripteur senior" in body and "Relevé d'information" in body
    assert "Score d'aide à la décision" in body and "Votre délégation" in body
    assert "Réservé aux évaluateurs" not in body and "exa-2" not in body
    shown = visible_text(body)
    leaked = [code for code in RAW_CODES if re.search(rf"\b{code}\b", shown)]
    assert leaked == []
    # The analysis and the score: journaled once, however many times the page is opened.
    client.get(url(box, request.id, "/analyse"))
    consults = [a for a in actions(session, box) if a[0] == "request.consult"]
    assert len(consults) == 2


def test_the_evaluator_sees_the_planted_case_and_no_form(client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-2-auto-malus")
    login(client, "evaluateur")
    body = text(client.get(url(box, request.id)))
    assert "Réservé aux évaluateurs" in body and "exa-2-auto-malus" in body
    assert "Accepter sous conditions" in body  # the expected outcome, labelled
    assert 'action="/sandboxes' not in body.split("Non-conformités signalées")[0].split("Le client")[1]
    assert actions(session, box) == []


def test_refer_then_answer_as_trainer_then_accept_with_conditions(app, client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-2-auto-malus")
    releve = document(session, request, "releve_information")
    login(client, "candidat1")
    refused = post(client, box, request.id, "/decision", {"outcome": "accept", "reason": "Bon client."})
    assert refused.status_code == 422
    assert "AUTO-VAN-2ANS impose des conditions" in text(refused)
    missing = post(client, box, request.id, "/transmissions", {"expert": "", "question": ""})
    assert missing.status_code == 422 and 'id="f-referral-question-error"' in text(missing)
    sent = post(
        client,
        box,
        request.id,
        "/transmissions",
        {"expert": "souscripteur_senior", "question": "Tous risques avec un CRM de 1,25 ?", "elements": [releve.id]},
    )
    assert sent.status_code == 302
    referral = session.execute(select(Referral)).scalar_one()

    trainer = app.test_client()
    login(trainer, "formatrice")
    body = text(trainer.get(url(box, request.id)))
    assert "Répondre en tant qu'expert" in body
    answered = post(
        trainer,
        box,
        request.id,
        f"/transmissions/{referral.id}/reponse",
        {"verdict": "favorable_conditions", "answer": "Accord avec franchise de 600 €."},
    )
    assert answered.status_code == 302

    body = text(client.get(url(box, request.id)))
    assert "Avis favorable sous conditions" in body and "Accord avec franchise de 600 €." in body
    form = {"outcome": "accept_conditions", "reason": "Accord du souscripteur senior."}
    prefilled = re.findall(r'name="(conditions-\d+-[a-z]+)" value="([^"]*)"', body)
    form.update(dict(prefilled))
    kinds = re.findall(r'name="(conditions-\d+-kind)">.*?<option value="([a-z_]+)" selected', body, re.S)
    form.update(dict(kinds))
    assert any(value == "f600" for _name, value in prefilled)
    decided = post(client, box, request.id, "/decision", form)
    assert decided.status_code == 302, text(decided)
    row = session.execute(select(RequestDecision)).scalar_one()
    assert row.outcome == "accept_conditions" and row.conditions
    again = post(client, box, request.id, "/decision", {"outcome": "decline", "reason": "Revirement."})
    assert again.status_code == 409 and "déjà décidée" in text(again)
    assert [a for a, _codes in actions(session, box)] == ["referral.send", "referral.answer", "request.decision"]


def test_a_candidate_cannot_answer_as_the_expert(client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-7-emprunteur-medecin")
    login(client, "candidat1")
    post(client, box, request.id, "/transmissions", {"expert": "medecin_conseil", "question": "Avis ?"})
    referral = session.execute(select(Referral)).scalar_one()
    response = post(
        client, box, request.id, f"/transmissions/{referral.id}/reponse", {"verdict": "favorable", "answer": "Oui."}
    )
    assert response.status_code == 403
    session.expire_all()
    assert session.get(Referral, referral.id).status == "envoyee"


def test_decline_needs_a_reason_then_is_recorded_with_its_alternative(client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-3-auto-refus")
    login(client, "candidat1")
    refused = post(client, box, request.id, "/decision", {"outcome": "accept", "reason": "Urgent."})
    assert refused.status_code == 422 and "AUTO-RESIL-IMPAYE" in text(refused) and "impose un refus" in text(refused)
    assert '<a href="#f-accept-outcome">Décision : La règle AUTO-RESIL-IMPAYE' in text(refused)  # summary → in place
    shown = visible_text(text(refused))
    assert (
        "releve_information" not in shown
        and "Pièces manquantes, périmées ou non conformes : Relevé d'information" in shown
    )
    assert 'id="f-accept-outcome"' in text(refused)
    empty = post(client, box, request.id, "/decision", {"outcome": "decline", "reason": ""})
    assert empty.status_code == 422 and 'id="f-decline-reason-error"' in text(empty)
    done = post(
        client,
        box,
        request.id,
        "/decision",
        {"outcome": "decline", "reason": "Résiliation pour non-paiement récente.", "alternative": "Saisir le BCT."},
    )
    assert done.status_code == 302
    body = text(client.get(url(box, request.id)))
    assert "Refusée" in body and "Saisir le BCT." in body
    assert session.execute(select(RequestDecision)).scalar_one().alternative == "Saisir le BCT."


def test_check_a_document_then_ask_for_a_recent_one(client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-5-auto-domicile-perime")
    proof = document(session, request, "justificatif_domicile")
    login(client, "candidat1")
    bad = post(client, box, request.id, "/controles", {"document_id": proof.id, "verdict": "", "reason": ""})
    assert bad.status_code == 422 and 'id="f-check-verdict-error"' in text(bad)
    ok = post(
        client,
        box,
        request.id,
        "/controles",
        {"document_id": proof.id, "verdict": "perime", "reason": "Plus de 3 mois."},
    )
    assert ok.status_code == 302
    assert session.execute(select(DocumentCheck)).scalar_one().verdict == "perime"
    page = text(client.get(url(box, request.id)))
    assert re.search(r'name="documents" value="justificatif_domicile"[^>]* checked', page)  # pre-filled
    late = post(
        client,
        box,
        request.id,
        "/demandes-de-pieces",
        {"documents": ["justificatif_domicile"], "deadline": "2026-01-01"},
    )
    assert late.status_code == 422 and "date limite" in text(late).lower()
    asked = post(
        client,
        box,
        request.id,
        "/demandes-de-pieces",
        {"documents": ["justificatif_domicile"], "deadline": "2026-03-12", "channel": "email"},
    )
    assert asked.status_code == 302
    body = text(client.get(url(box, request.id)))
    assert "En attente du client" in body and "Relancer le client" not in body
    steps = actions(session, box)
    assert [action for action, _codes in steps] == ["request.document_check", "request.documents_requested"]
    assert steps[1][1] == ["C2A.1", "C1.9"]


def test_opening_a_document_is_journaled_once_then_shows_its_pdf(client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-5-auto-domicile-perime")
    proof = document(session, request, "justificatif_domicile")
    login(client, "candidat1")
    for _ in range(2):
        response = client.get(url(box, request.id, f"/pieces/{proof.id}"))
        assert response.status_code == 302 and response.headers["Location"].endswith(f"/documents/{proof.id}.pdf")
    assert [a for a, _c in actions(session, box)] == ["request.consult"]


def test_correct_a_declared_datum_and_flag_a_non_conformity(client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-6-auto-certificat-incoherent")
    certificate = document(session, request, "certificat_immatriculation")
    login(client, "candidat1")
    wrong = post(client, box, request.id, "/corrections", {"field": "nimporte", "value": "x", "reason": "r"})
    assert wrong.status_code == 422 and 'id="f-correction-field-error"' in text(wrong)
    assert "first_registration_date" not in visible_text(text(wrong))  # the fields known, by their labels
    fixed = post(
        client,
        box,
        request.id,
        "/corrections",
        {"field": "first_registration_date", "value": "2017-05-12", "document_id": certificate.id, "reason": "Case B."},
    )
    assert fixed.status_code == 302
    empty = post(client, box, request.id, "/non-conformites", {"description": "", "handling": ""})
    assert empty.status_code == 422 and 'id="f-non_conformity-description-error"' in text(empty)
    flagged = post(
        client,
        box,
        request.id,
        "/non-conformites",
        {"document_id": certificate.id, "description": "Date incohérente.", "handling": "Fiche corrigée."},
    )
    assert flagged.status_code == 302
    assert session.execute(select(NonConformity)).scalar_one().description == "Date incohérente."
    assert "Date incohérente." in text(client.get(url(box, request.id)))
    assert [a for a, _c in actions(session, box)] == ["request.correction", "request.non_conformity"]


def test_the_inbox_filters_by_status_and_lateness(client, session, world, exam):
    box = exam["candidat1"]
    login(client, "candidat1")
    body = text(client.get(f"/sandboxes/{box}/?tri=echeance"))
    assert "À traiter avant le" in body and "Nouvelle" in body
    late = text(client.get(f"/sandboxes/{box}/?retard=oui"))
    assert "En retard" in late
    none = text(client.get(f"/sandboxes/{box}/?statut=refusee"))
    assert "Aucune demande ne correspond" in none


def test_a_foreign_request_is_not_found(client, session, world, exam):
    other = planted(session, exam["candidat2"], "exa-3-auto-refus")
    login(client, "candidat1")
    assert client.get(url(exam["candidat1"], other.id)).status_code == 404
    token = csrf_token(client, f"/sandboxes/{exam['candidat1']}/")
    refused = client.post(
        url(exam["candidat1"], other.id, "/decision"), data={"outcome": "decline", "reason": "x", "csrf_token": token}
    )
    assert refused.status_code == 404
    assert session.execute(select(RequestDecision)).first() is None


def test_the_simulator_opens_prefilled_from_the_request_and_its_result_is_attached(client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-5-auto-domicile-perime")
    login(client, "candidat1")
    workspace = text(client.get(url(box, request.id)))
    link = re.search(r'href="([^"]*/simulateur/AUTO\?demande=\d+)"', workspace).group(1)
    page = client.get(link)
    assert page.status_code == 200
    body = text(page)
    assert "Pré-rempli d'après la demande" in body
    assert re.search(r'name="formula" value="tiers_plus"[^>]* checked', body)
    assert re.search(r'name="options" value="pieces_reemploi"[^>]* checked', body)
    assert 'name="effective_date" value="2026-03-02"' in body
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body))
    token = form.pop("csrf_token")
    # Price it as the browser would (the form's current values), then attach the result.
    values = {name: value for name, value in re.findall(r'<input[^>]*name="(risk-[^"]+)"[^>]*value="([^"]*)"', body)}
    for name, block in re.findall(r'<select[^>]*name="(risk-[^"]+)"[^>]*>(.*?)</select>', body, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', block)
        values[name] = chosen.group(1) if chosen else ""
    assert values["risk-energy"] and values["risk-usage"], "the declared choices are pre-filled too"
    values.update(formula="tiers_plus", options="pieces_reemploi", frequency="semestriel", effective_date="2026-03-02")
    priced = client.post(link, data={**values, "csrf_token": token})
    assert priced.status_code == 200, text(priced)
    assert "Joindre ce résultat à la demande" in text(priced)
    hidden = re.findall(
        r'<input type="hidden" name="([^"]+)" value="([^"]*)"',
        text(priced).split("attach-simulation")[1].split("</form>")[0],
    )
    attach_url = re.search(r'action="([^"]*/simulation)"', text(priced)).group(1)
    response = client.post(attach_url, data=dict(hidden))
    assert response.status_code == 302
    (entry,) = [
        e for e in session.execute(select(JournalEntry).where(JournalEntry.action == "request.consult")).scalars()
    ]
    assert entry.outcome["what"] == "simulator" and entry.outcome["priced"]["formula"] == "tiers_plus"
    assert entry.outcome["priced"]["total"]


CASES = (
    "exa-1-mrh-accept",
    "exa-2-auto-malus",
    "exa-3-auto-refus",
    "exa-4-auto-sans-releve",
    "exa-5-auto-domicile-perime",
    "exa-6-auto-certificat-incoherent",
    "exa-7-emprunteur-medecin",
    "exa-8-pro-delegation",
)


@pytest.mark.parametrize("code", CASES)
def test_no_snake_case_code_is_shown_on_any_planted_case(client, session, world, exam, code):
    """Whatever the product, the page a candidate reads (analysis open) shows labels, not stored codes."""
    box = exam["candidat1"]
    request = planted(session, box, code)
    login(client, "candidat1")
    body = visible_text(text(client.get(url(box, request.id, "/analyse"))))
    main = body.split("<main", 1)[1]
    main = re.sub(r"<[^>]+>", " ", main)
    codes = sorted(set(re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", main)))
    assert codes == [], codes


def test_an_evaluator_reads_a_request_still_to_come_without_a_workspace(client, session, world, exam):
    box = exam["candidat1"]
    request = planted(session, box, "exa-1-mrh-accept")
    request.received_on = date(2026, 4, 1)  # after the sandbox's date: only evaluators see it
    session.commit()
    login(client, "evaluateur")
    page = client.get(url(box, request.id))
    assert page.status_code == 200
    body = text(page)
    assert "pas encore arrivée" in body and "Analyse de la demande" not in body
    assert client.get(url(box, request.id, "/analyse")).status_code == 404
