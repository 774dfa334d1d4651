"""The request casework through the API: each planted case of examen-souscription worked to its expected
outcome, with the journal entries it leaves read back through GET /sandboxes/{id}/journal."""

from __future__ import annotations

from typing import Any

import pytest

from polyadmin.services.exam_sessions import create_exam_session

API = "/api/v1/sandboxes"


@pytest.fixture
def exam(session, world) -> dict[str, int]:
    """The exam scenario seeded in candidat1's and candidat2's sandboxes (simulation date 2 March 2026)."""
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


class Desk:
    """One sandbox seen through the API: its planted requests by case code, and the calls on them."""

    def __init__(self, api: Any, sandbox_id: int) -> None:
        self.api = api
        self.sid = sandbox_id
        listing = api.get(f"{API}/{sandbox_id}/requests?per_page=50", user="evaluateur").get_json()
        self.cases = {item["case_code"]: item["id"] for item in listing["items"]}

    def path(self, case: str, tail: str = "") -> str:
        return f"{API}/{self.sid}/requests/{self.cases[case]}{tail}"

    def get(self, case: str, tail: str = "", user: str = "candidat1") -> Any:
        response = self.api.get(self.path(case, tail), user=user)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    def post(self, case: str, tail: str, body: Any, user: str = "candidat1", status: int = 201) -> Any:
        response = self.api.post(self.path(case, tail), user=user, json=body)
        assert response.status_code == status, response.get_json()
        return response.get_json()

    def document(self, case: str, kind: str) -> int:
        (found,) = [d["id"] for d in self.get(case)["documents"] if d["kind"] == kind]
        return found

    def move_clock(self, day: str) -> None:
        response = self.api.post(f"{API}/{self.sid}/clock", user="formatrice", json={"date": day})
        assert response.status_code == 200, response.get_json()

    def journal(self, case: str) -> list[dict[str, Any]]:
        record = f"request:{self.cases[case]}"
        response = self.api.get(f"{API}/{self.sid}/journal?record={record}&per_page=200", user="evaluateur")
        assert response.status_code == 200, response.get_json()
        return response.get_json()["items"]

    def steps(self, case: str) -> list[tuple[str, list[str]]]:
        return [(entry["action"], entry["codes"]) for entry in self.journal(case)]


@pytest.fixture
def desk(api, exam) -> Desk:
    return Desk(api, exam["candidat1"])


EVALUATION = {"case_code", "expected_outcome", "expected_outcome_label", "expected_notes"}


# --- reading --------------------------------------------------------------------------------------------


def test_candidates_never_see_the_planted_cases_evaluators_and_trainers_do(api, desk):
    for user in ("candidat1",):
        listing = api.get(f"{API}/{desk.sid}/requests?per_page=50", user=user).get_json()
        assert listing["total"] == 8
        assert all(not EVALUATION & set(item) for item in listing["items"])
        detail = desk.get("exa-6-auto-certificat-incoherent", user=user)
        assert not EVALUATION & set(detail)
        assert all("anomaly" not in document for document in detail["documents"])
        assert "exa-6" not in str(detail)
    for user in ("evaluateur", "formatrice"):
        detail = desk.get("exa-6-auto-certificat-incoherent", user=user)
        assert detail["case_code"] == "exa-6-auto-certificat-incoherent"
        assert (detail["expected_outcome"], detail["expected_outcome_label"]) == (
            "missing_document",
            "Pièces à réclamer",
        )
        assert "certificat barré" in detail["expected_notes"]
        (certificate,) = [d for d in detail["documents"] if d["kind"] == "certificat_immatriculation"]
        assert certificate["anomaly"].startswith("Certificat au nom de M. Bernard Royer")


def test_the_workspace_labels_everything_and_shows_the_documents_as_the_analysis_reads_them(desk):
    detail = desk.get("exa-6-auto-certificat-incoherent")
    assert (detail["status"], detail["status_label"]) == ("nouvelle", "Nouvelle")
    assert detail["received_on"] == "2026-03-01" and detail["deadline"] == "2026-03-06"
    assert detail["overdue"] is False and detail["effective_date"] == "2026-03-10"
    assert detail["product_code"] == "AUTO" and detail["formula"] == "tiers" and detail["formula_name"]
    declared = {item["name"]: item for item in detail["declared"]}
    assert declared["first_registration_date"]["value"] == "2019-05-12"
    (certificate,) = [d for d in detail["documents"] if d["kind"] == "certificat_immatriculation"]
    assert certificate["engine_status"] == "rejected" and certificate["engine_status_label"]
    assert {m["field"] for m in certificate["mismatches"]} >= {"first_registration"}
    assert certificate["data"]["holder_name"] == "ROYER Bernard"
    required = {item["code"]: item["status"] for item in detail["required_documents"]}
    assert required["certificat_immatriculation"] == "rejected"
    assert detail["checks"] == detail["document_requests"] == detail["referrals"] == detail["non_conformities"] == []
    assert detail["decision"] is None


def test_the_inbox_filters_by_status_and_lateness_and_pages(api, desk):
    base = f"{API}/{desk.sid}/requests"
    late = api.get(f"{base}?overdue=true&per_page=50", user="candidat1").get_json()
    on_time = api.get(f"{base}?overdue=false&per_page=50", user="candidat1").get_json()
    assert late["total"] + on_time["total"] == 8 and late["total"] > 0
    assert all(item["overdue"] for item in late["items"]) and not any(item["overdue"] for item in on_time["items"])
    page = api.get(f"{base}?per_page=3&page=2&sort=echeance", user="candidat1").get_json()
    assert (page["total"], page["page"], page["per_page"], page["pages"], len(page["items"])) == (8, 2, 3, 3, 3)
    assert api.get(f"{base}?status=nouvelle", user="candidat1").get_json()["total"] == 8
    assert api.get(f"{base}?status=refusee", user="candidat1").get_json()["total"] == 0
    refused = api.get(f"{base}?status=perdue&overdue=peut-etre", user="candidat1")
    assert refused.status_code == 422
    assert set(refused.get_json()["errors"]) == {"status", "overdue"}


def test_the_analysis_explains_the_rules_and_is_journaled_once_for_the_candidate(desk, journal_count):
    case = "exa-2-auto-malus"
    before = journal_count("request.consult")
    evaluator_view = desk.get(case, "/analysis", user="evaluateur")
    assert journal_count("request.consult") == before  # not the candidate's evidence
    analysis = desk.get(case, "/analysis")
    assert analysis == evaluator_view
    assert (analysis["recommendation"], analysis["recommendation_label"]) == (
        "accept_conditions",
        "Acceptation sous conditions",
    )
    rules = {rule["code"]: rule for rule in analysis["rules"]}
    van = rules["AUTO-VAN-2ANS"]
    assert van["outcome"] == "accept_conditions" and van["blocking"] in (True, False)
    assert van["message"] and van["reference"] and van["basis"] in ("reglementaire", "interne")
    assert all({"fact", "label", "value", "unit"} == set(v) for rule in analysis["rules"] for v in rule["values"])
    crm = [v for rule in analysis["rules"] for v in rule["values"] if v["fact"] == "crm"]
    assert crm and crm[0]["value"] == "1.25"
    assert {"code": "souscripteur_senior", "label": "Souscripteur senior"} in analysis["experts"]
    score = analysis["score"]
    assert score is not None and 0 < float(score["probability"]) < 1 and score["level"]
    assert score["contributions"] and all(isinstance(c["points"], str) for c in score["contributions"])
    desk.get(case, "/analysis")
    assert journal_count("request.consult") == before + 1
    (entry,) = [e for e in desk.journal(case) if e["action"] == "request.consult"]
    assert entry["codes"] == ["C2A.1"] and entry["outcome"]["recommendation"] == "accept_conditions"
    assert desk.get(case)["status"] == "en_cours"  # the first look starts the analysis


# --- the eight planted cases ----------------------------------------------------------------------------


def test_exa1_complete_mrh_is_accepted_at_the_tariff(desk):
    case = "exa-1-mrh-accept"
    assert desk.get(case, "/analysis")["recommendation"] == "accept"
    decision = desk.post(case, "/decision", {"outcome": "accept", "reason": "Pièces complètes, risque standard."})
    assert (decision["outcome"], decision["outcome_label"], decision["decided_on"]) == (
        "accept",
        "Acceptation au tarif",
        "2026-03-02",
    )
    assert decision["conditions"] == [] and decision["overridden"] == []
    assert desk.get(case)["status_label"] == "Acceptée"
    assert desk.steps(case) == [("request.consult", ["C2A.1"]), ("request.decision", ["C2A.1", "C2A.2"])]
    entry = desk.journal(case)[-1]
    assert (entry["record_type"], entry["record_id"], entry["actor"]) == ("request", str(desk.cases[case]), "candidat1")
    assert entry["outcome"]["status"] == {"from": "en_cours", "to": "acceptee"}


def test_exa2_refer_to_the_senior_underwriter_then_accept_with_the_experts_conditions(desk, journal_count):
    case = "exa-2-auto-malus"
    before = journal_count()
    refused = desk.post(case, "/decision", {"outcome": "accept", "reason": "Bon client."}, status=422)
    assert any("AUTO-VAN-2ANS impose des conditions" in m for m in refused["errors"]["outcome"])
    assert journal_count() == before
    releve = desk.document(case, "releve_information")
    referral = desk.post(
        case,
        "/referrals",
        {"expert": "souscripteur_senior", "question": "Tous risques avec un CRM de 1,25 ?", "elements": [releve]},
    )
    assert (referral["number"], referral["answer_due"], referral["status"], referral["elements"]) == (
        "TR-000001",
        "2026-03-03",
        "envoyee",
        [releve],
    )
    assert referral["expert_label"] == "Souscripteur senior" and referral["answer"] is None
    assert desk.get(case)["status"] == "attente_expert"
    # Chasing before the answer is due is refused; the trainer's clock move delivers the scripted answer.
    early = desk.api.post(f"{API}/{desk.sid}/referrals/{referral['id']}/reminders", user="candidat1", json={})
    assert early.status_code == 422 and "pas encore de retard" in str(early.get_json()["errors"])
    desk.move_clock("2026-03-03")
    (answered,) = desk.get(case, "/referrals")["items"]
    assert (answered["status"], answered["verdict"], answered["answered_on"], answered["answered_by"]) == (
        "repondue",
        "favorable_conditions",
        "2026-03-03",
        "expert simulé",
    )
    assert answered["answer"].startswith("Accord pour la formule tous risques avec la franchise dommages de 600 €")
    assert desk.get(case)["status"] == "en_cours"
    conditions = [
        {
            "kind": "franchise",
            "label": "Franchise dommages 600 €",
            "guarantee": "dommages",
            "deductible": "f600",
            "amount": "600",
        },
        {"kind": "option_retiree", "label": "Sans valeur à neuf", "option": "valeur_a_neuf"},
        {"kind": "prealable", "label": "Régularisation des échéances MRH impayées avant l'émission"},
    ]
    decision = desk.post(
        case,
        "/decision",
        {"outcome": "accept_conditions", "conditions": conditions, "reason": "Accord du souscripteur senior."},
    )
    assert decision["outcome"] == "accept_conditions"
    assert [(c["kind"], c["kind_label"]) for c in decision["conditions"]] == [
        ("franchise", "Franchise majorée"),
        ("option_retiree", "Option retirée"),
        ("prealable", "Préalable à l'émission"),
    ]
    assert [c["amount"] for c in decision["conditions"]] == ["600.00", None, None]
    detail = desk.get(case)
    assert detail["status"] == "acceptee_conditions" and detail["decision"]["id"] == decision["id"]
    assert detail["decision"]["conditions"][0]["amount"] == "600.00"  # as stored
    assert detail["referrals"][0]["verdict_label"] == "Avis favorable sous conditions"
    assert desk.steps(case) == [
        ("referral.send", ["C2A.2"]),
        ("referral.answer", []),
        ("request.decision", ["C2A.1", "C2A.2"]),
    ]
    entry = desk.journal(case)[-1]
    assert entry["outcome"]["expert_answers"] == [{"expert": "souscripteur_senior", "verdict": "favorable_conditions"}]
    # Deciding twice is a conflict and writes nothing.
    before = journal_count()
    again = desk.post(case, "/decision", {"outcome": "decline", "reason": "Revirement."}, status=409)
    assert again["message"] == "La demande est déjà décidée (acceptée sous conditions)."
    assert journal_count() == before


def test_exa3_a_blocking_rule_refuses_the_acceptance_then_the_decline_is_recorded(desk, journal_count):
    case = "exa-3-auto-refus"
    before = journal_count()
    refused = desk.post(case, "/decision", {"outcome": "accept", "reason": "Urgent."}, status=422)
    assert refused["message"] == "Données invalides."
    assert (
        "La règle AUTO-RESIL-IMPAYE (« Résiliation pour non-paiement de moins de deux ans ») impose un refus."
        in refused["errors"]["outcome"]
    )
    assert journal_count() == before and desk.get(case)["decision"] is None
    analysis = desk.get(case, "/analysis")
    blocking = [rule for rule in analysis["rules"] if rule["outcome"] == "decline"]
    assert blocking and all(rule["blocking"] for rule in blocking)
    decision = desk.post(
        case,
        "/decision",
        {
            "outcome": "decline",
            "reason": "Résiliation pour non-paiement de moins de deux ans et coefficient de 2,43.",
            "alternative": "Saisine du Bureau central de tarification pour la responsabilité civile (L212-1).",
        },
    )
    assert (decision["outcome_label"], decision["alternative"][:7]) == ("Refus", "Saisine")
    assert desk.get(case)["status"] == "refusee"
    assert desk.steps(case)[-1] == ("request.decision", ["C2A.1", "C2A.2"])


def test_exa4_the_missing_statement_is_requested_and_arrives_before_any_reminder(desk, journal_count):
    case = "exa-4-auto-sans-releve"
    analysis = desk.get(case, "/analysis")
    assert analysis["recommendation"] == "missing_document"
    assert analysis["missing_documents"] == ["releve_information"]
    refused = desk.post(case, "/decision", {"outcome": "accept", "reason": "Bonus maximum."}, status=422)
    assert any("Pièces manquantes" in m for m in refused["errors"]["outcome"])
    check = desk.post(
        case,
        "/document-checks",
        {"document_kind": "releve_information", "verdict": "manquant", "reason": "Aucun relevé joint."},
    )
    assert (check["document_id"], check["verdict_label"]) == (None, "Manquant")
    assert check["document_label"].startswith("Relevé d'information de moins de 3 mois")
    asked = desk.post(
        case,
        "/document-requests",
        {
            "documents": ["releve_information"],
            "deadline": "2026-03-09",
            "message": "Merci de nous adresser votre relevé.",
        },
    )
    assert (asked["status"], asked["deadline"], asked["channel"], asked["reminders"]) == (
        "en_attente",
        "2026-03-09",
        "email",
        0,
    )
    assert desk.get(case)["status_label"] == "En attente du client"
    reminders = f"/document-requests/{asked['id']}/reminders"
    before = journal_count()
    early = desk.post(case, reminders, None, status=422)
    assert "n'est pas dépassée" in str(early["errors"])
    assert journal_count() == before
    # The scenario's client sends the statement two days after being asked (client_replies of exa-4).
    desk.move_clock("2026-03-10")
    late = desk.post(case, reminders, {}, status=422)
    assert late["errors"] == {"document_request": ["Les pièces ont été reçues : rien à relancer."]}
    assert desk.get(case)["status_label"] == "En cours d'analyse"
    assert desk.steps(case) == [
        ("request.consult", ["C2A.1"]),
        ("request.document_check", ["C2A.1", "C1.8"]),
        ("request.documents_requested", ["C2A.1", "C1.9"]),
        ("request.documents_received", []),
    ]


def test_exa5_the_out_of_date_proof_of_address_is_judged_and_a_recent_one_requested(desk):
    case = "exa-5-auto-domicile-perime"
    proof = desk.document(case, "justificatif_domicile")
    (listed,) = [d for d in desk.get(case)["documents"] if d["id"] == proof]
    assert listed["engine_status"] == "expired"
    check = desk.post(
        case, "/document-checks", {"document_id": proof, "verdict": "perime", "reason": "Émis le 28/10/2025."}
    )
    assert (check["document_kind"], check["verdict"], check["checked_on"]) == (
        "justificatif_domicile",
        "perime",
        "2026-03-02",
    )
    asked = desk.post(case, "/document-requests", {"documents": ["justificatif_domicile"], "deadline": "2026-03-12"})
    assert asked["document_labels"] and asked["documents"] == ["justificatif_domicile"]
    detail = desk.get(case)
    assert detail["status"] == "attente_client"
    assert [c["verdict"] for c in detail["checks"]] == ["perime"]
    assert [r["id"] for r in detail["document_requests"]] == [asked["id"]]
    assert [action for action, _codes in desk.steps(case)] == ["request.document_check", "request.documents_requested"]


def test_exa5_the_recent_proof_of_address_arrives_when_the_clock_moves_then_the_request_is_accepted(desk):
    """The « Done when » journey of issue 10 through the API only: missing document requested, received
    after the trainer moves the clock (the scenario's client answers after 3 days), checked, accepted."""
    case = "exa-5-auto-domicile-perime"
    stale = desk.document(case, "justificatif_domicile")
    desk.post(case, "/document-checks", {"document_id": stale, "verdict": "perime", "reason": "Plus de 3 mois."})
    refused = desk.post(case, "/decision", {"outcome": "accept", "reason": "Dossier complet."}, status=422)
    assert any("Pièces manquantes" in m for m in refused["errors"]["outcome"])
    asked = desk.post(case, "/document-requests", {"documents": ["justificatif_domicile"], "deadline": "2026-03-09"})
    assert (asked["status"], asked["sent_on"]) == ("en_attente", "2026-03-02")
    assert desk.get(case)["status"] == "attente_client"

    desk.move_clock("2026-03-04")  # two days: the client has not answered yet
    detail = desk.get(case)
    assert [d["id"] for d in detail["documents"] if d["kind"] == "justificatif_domicile"] == [stale]
    assert detail["document_requests"][0]["status"] == "en_attente"

    desk.move_clock("2026-03-05")  # three days after the request
    detail = desk.get(case)
    proofs = [d for d in detail["documents"] if d["kind"] == "justificatif_domicile"]
    assert len(proofs) == 2 and stale in [d["id"] for d in proofs]
    (fresh,) = [d for d in proofs if d["id"] != stale]
    assert (fresh["title"], fresh["issued_on"], fresh["engine_status"]) == (
        "Facture d'électricité de février 2026",
        "2026-03-02",
        "present",
    )
    assert fresh["data"]["holder"] == "BENALI Mehdi"
    (asked_now,) = detail["document_requests"]
    assert (asked_now["id"], asked_now["status"], asked_now["status_label"]) == (asked["id"], "recue", "Reçue")
    assert detail["status"] == "en_cours"

    check = desk.post(
        case, "/document-checks", {"document_id": fresh["id"], "verdict": "conforme", "reason": "Facture récente."}
    )
    assert (check["document_id"], check["verdict"], check["checked_on"]) == (fresh["id"], "conforme", "2026-03-05")
    assert "justificatif_domicile" not in desk.get(case, "/analysis")["missing_documents"]
    decision = desk.post(case, "/decision", {"outcome": "accept", "reason": "Justificatif récent reçu et conforme."})
    assert (decision["outcome"], decision["decided_on"]) == ("accept", "2026-03-05")
    detail = desk.get(case)
    assert (detail["status"], detail["status_label"]) == ("acceptee", "Acceptée")
    assert detail["decision"]["id"] == decision["id"]

    assert desk.steps(case) == [
        ("request.document_check", ["C2A.1", "C1.8"]),
        ("request.documents_requested", ["C2A.1", "C1.9"]),
        ("request.documents_received", []),
        ("request.document_check", ["C2A.1", "C1.8"]),
        ("request.consult", ["C2A.1"]),
        ("request.decision", ["C2A.1", "C2A.2"]),
    ]
    received = desk.journal(case)[2]
    assert (received["actor"], received["sandbox_date"]) == ("client simulé", "2026-03-05")
    assert received["outcome"]["document_id"] == fresh["id"]
    assert received["outcome"]["document_request_status"] == {"from": "en_attente", "to": "recue"}
    assert received["outcome"]["status"] == {"from": "attente_client", "to": "en_cours"}
    assert desk.journal(case)[-1]["outcome"]["status"] == {"from": "en_cours", "to": "acceptee"}


def test_exa6_the_certificate_is_marked_non_conforme_corrected_flagged_and_requested(desk):
    case = "exa-6-auto-certificat-incoherent"
    certificate = desk.document(case, "certificat_immatriculation")
    desk.post(
        case,
        "/document-checks",
        {
            "document_id": certificate,
            "verdict": "non_conforme",
            "reason": "Au nom de l'oncle, mise en circulation 2017.",
        },
    )
    correction = desk.post(
        case,
        "/corrections",
        {"field": "first_registration_date", "value": "2017-05-12", "document_id": certificate, "reason": "Case B."},
        status=200,
    )
    assert {"target": "first_registration_date", "before": "2019-05-12", "after": "2017-05-12"} in correction["changes"]
    assert {"target": "vehicles.first_registration", "before": "2019-05-12", "after": "2017-05-12"} in correction[
        "changes"
    ]
    declared = {item["name"]: item["value"] for item in desk.get(case)["declared"]}
    assert declared["first_registration_date"] == "2017-05-12"
    asked = desk.post(
        case,
        "/document-requests",
        {"documents": ["certificat_immatriculation", "mandat_sepa"], "deadline": "2026-03-16"},
    )
    assert asked["documents"] == ["certificat_immatriculation", "mandat_sepa"]
    assert asked["document_labels"][1] == "RIB et mandat de prélèvement SEPA signé"  # the product's name for it
    flagged = desk.post(
        case,
        "/non-conformities",
        {
            "document_id": certificate,
            "description": "Certificat au nom d'un tiers.",
            "handling": "Certificat barré et certificat de cession réclamés.",
        },
    )
    assert (flagged["document_id"], flagged["recorded_on"]) == (certificate, "2026-03-02")
    detail = desk.get(case)
    assert detail["status"] == "attente_client"
    assert [n["id"] for n in detail["non_conformities"]] == [flagged["id"]]
    assert desk.steps(case) == [
        ("request.document_check", ["C2A.1", "C1.8"]),
        ("request.correction", ["C1.8", "C1.11"]),
        ("request.documents_requested", ["C2A.1", "C1.9"]),
        ("request.non_conformity", ["C1.11"]),
    ]
    correction_entry = desk.journal(case)[1]
    assert correction_entry["outcome"]["changes"]["first_registration_date"] == {
        "from": "2019-05-12",
        "to": "2017-05-12",
    }


def test_exa7_the_loan_goes_to_the_medical_adviser_whose_answer_lands_when_the_clock_moves(desk):
    case = "exa-7-emprunteur-medecin"
    analysis = desk.get(case, "/analysis")
    assert analysis["recommendation"] == "refer"
    assert "medecin_conseil" in [expert["code"] for expert in analysis["experts"]]
    referral = desk.post(
        case, "/referrals", {"expert": "medecin_conseil", "question": "Questionnaire de santé sous pli confidentiel."}
    )
    assert (referral["answer_due"], referral["expert_label"]) == ("2026-03-08", "Médecin-conseil")
    desk.move_clock("2026-03-07")
    assert desk.get(case, "/referrals")["items"][0]["status"] == "envoyee"
    desk.move_clock("2026-03-08")
    (answered,) = desk.get(case, "/referrals")["items"]
    assert answered["status"] == "repondue" and answered["answer"].startswith("Questionnaire et pièces médicales")
    assert desk.get(case)["status"] == "en_cours"
    assert [action for action, _codes in desk.steps(case)] == ["request.consult", "referral.send", "referral.answer"]


def test_exa8_beyond_delegation_the_brasserie_goes_to_the_technical_department(desk):
    case = "exa-8-pro-delegation"
    analysis = desk.get(case, "/analysis")
    assert analysis["recommendation"] == "refer" and analysis["exceeds_delegation"] is True
    exceeded = [d for d in analysis["delegation"] if d["exceeded"]]
    assert exceeded and all(d["expert"] == "service_technique" for d in exceeded)
    assert all(d["maximum"] is None or isinstance(d["maximum"], str) for d in analysis["delegation"])
    refused = desk.post(case, "/decision", {"outcome": "accept", "reason": "ok"}, status=422)
    assert (
        "Hors délégation (Contenu assuré supérieur à 300 000 €) : l'avis favorable du service technique est nécessaire."
        in refused["errors"]["outcome"]
    )
    elements = [document["id"] for document in desk.get(case)["documents"]]
    referral = desk.post(
        case,
        "/referrals",
        {"expert": "service_technique", "question": "Contenu de 480 000 € et CA de 1,85 M€.", "elements": elements},
    )
    assert sorted(referral["elements"]) == sorted(elements) and referral["answer_due"] == "2026-03-05"
    desk.move_clock("2026-03-05")
    (answered,) = desk.get(case)["referrals"]
    assert answered["verdict"] == "favorable_conditions"
    assert answered["answer"].startswith("Accord sous conditions après la visite de risque du 12 mars")
    assert [action for action, _codes in desk.steps(case)] == ["request.consult", "referral.send", "referral.answer"]


# --- who may do what, and errors ------------------------------------------------------------------------


def test_the_trainer_answers_as_the_expert_and_nobody_else_may(api, desk, journal_count):
    case = "exa-7-emprunteur-medecin"
    referral = desk.post(case, "/referrals", {"expert": "medecin_conseil", "question": "Questionnaire joint."})
    path = f"{API}/{desk.sid}/referrals/{referral['id']}/answer"
    answer = {"verdict": "favorable_conditions", "answer": "Surprime de 50 % sur décès et PTIA."}
    before = journal_count()
    for user, status in (("candidat1", 403), ("evaluateur", 403), ("formateur2", 404), ("candidat2", 404)):
        response = api.post(path, user=user, json=answer)
        assert response.status_code == status, (user, response.get_json())
    assert journal_count() == before
    answered = api.post(path, user="formatrice", json=answer)
    assert answered.status_code == 200
    assert (answered.get_json()["answered_by"], answered.get_json()["verdict"]) == (
        "formatrice",
        "favorable_conditions",
    )
    assert api.post(path, user="formatrice", json=answer).status_code == 422  # already answered
    desk.move_clock("2026-03-10")  # the script does not answer again
    assert [a for a, _c in desk.steps(case)].count("referral.answer") == 1


def test_evaluators_and_trainers_may_read_but_not_work(api, desk, journal_count):
    case = "exa-1-mrh-accept"
    before = journal_count()
    for user in ("evaluateur", "formatrice"):
        for tail, body in (
            ("/decision", {"outcome": "accept", "reason": "ok"}),
            ("/document-checks", {"document_kind": "piece_identite", "verdict": "manquant", "reason": "x"}),
            ("/referrals", {"expert": "souscripteur_senior", "question": "?"}),
            ("/non-conformities", {"description": "x", "handling": "y"}),
        ):
            response = api.post(desk.path(case, tail), user=user, json=body)
            assert response.status_code == 403, (user, tail, response.get_json())
            assert response.get_json()["message"]
    assert journal_count() == before


def test_another_sandbox_request_answers_404_and_writes_nothing(api, exam, desk, journal_count):
    theirs = Desk(api, exam["candidat2"])
    foreign = theirs.cases["exa-1-mrh-accept"]
    before = journal_count()
    mine_path = f"{API}/{desk.sid}/requests/{foreign}"
    for method, tail, body in (
        ("GET", "", None),
        ("GET", "/analysis", None),
        ("GET", "/referrals", None),
        ("POST", "/decision", {"outcome": "accept", "reason": "ok"}),
        ("POST", "/referrals", {"expert": "medecin_conseil", "question": "?"}),
    ):
        response = api.request(method, mine_path + tail, user="candidat1", json=body)
        assert response.status_code == 404, (tail, response.get_json())
        assert response.get_json()["message"] == "Demande de souscription introuvable."
    their_path = f"{API}/{theirs.sid}/requests/{foreign}/decision"
    assert api.post(their_path, user="candidat1", json={"outcome": "accept", "reason": "ok"}).status_code == 404
    assert api.get(f"{API}/{desk.sid}/requests/999999", user="candidat1").status_code == 404
    assert journal_count() == before


def test_invalid_bodies_are_refused_field_by_field_in_french_and_write_nothing(api, desk, journal_count):
    case = "exa-4-auto-sans-releve"
    other_document = Desk(api, desk.sid).document("exa-1-mrh-accept", "piece_identite")
    before = journal_count()
    refused = desk.post(case, "/document-checks", {"verdict": "peut-etre", "extra": 1}, status=422)
    assert set(refused["errors"]) == {"verdict", "reason", "extra"}
    assert refused["errors"]["extra"] == ["Champ inconnu."]
    refused = desk.post(
        case, "/document-checks", {"document_id": other_document, "verdict": "conforme", "reason": "x"}, status=422
    )
    assert refused["errors"] == {"document_id": ["Cette pièce n'appartient pas à la demande."]}
    refused = desk.post(
        case, "/document-requests", {"documents": ["carte_grise"], "deadline": "2026-03-01"}, status=422
    )
    assert set(refused["errors"]) == {"documents"}
    refused = desk.post(case, "/referrals", {"expert": "astrologue", "question": ""}, status=422)
    assert set(refused["errors"]) == {"expert", "question"}
    refused = desk.post(
        case,
        "/decision",
        {"outcome": "accept_conditions", "conditions": [{"kind": "surprime", "label": "x", "percent": "beaucoup"}]},
        status=422,
    )
    assert refused["errors"]["conditions.0.percent"] == ["Nombre décimal attendu (ex. « 600.00 »)."]
    assert "reason" in refused["errors"]
    refused = desk.post(case, "/corrections", {"field": "couleur", "value": "rouge", "reason": "x"}, status=422)
    assert "field" in refused["errors"]
    refused = desk.post(case, "/corrections", {"field": "crm", "value": None, "reason": "x"}, status=422)
    assert refused["errors"] == {"value": ["Ce champ ne peut pas être vide."]}
    refused = desk.post(case, "/corrections", {"field": "crm", "value": "9.99", "reason": "x"}, status=422)
    assert refused["errors"]["value"] == ["Valeur supérieure au maximum (3,50)."]
    malformed = api.post(desk.path(case, "/decision"), user="candidat1", data="{", content_type="application/json")
    assert malformed.status_code == 400
    unknown = desk.post(case, "/document-requests/999999/reminders", {}, status=404)
    assert unknown["message"] == "Demande de pièces introuvable."
    extra = desk.post(case, "/document-requests/999999/reminders", {"note": "x"}, status=422)
    assert extra["errors"] == {"note": ["Champ inconnu."]}
    assert api.post(f"{API}/{desk.sid}/referrals/999999/reminders", user="candidat1", json={}).status_code == 404
    assert journal_count() == before


def test_the_endpoints_are_in_the_openapi_document_with_decimals_as_strings(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    base = "/api/v1/sandboxes/{sandbox_id}"
    assert set(paths[f"{base}/requests/{{request_id}}/analysis"]) - {"parameters"} == {"get"}
    assert paths[f"{base}/requests/{{request_id}}/decision"]["post"]["summary"] == "Décider d'une demande"
    assert "409" in paths[f"{base}/requests/{{request_id}}/decision"]["post"]["responses"]
    schemas = spec["components"]["schemas"]
    probability = schemas["ScoreOut"]["properties"]["probability"]
    assert probability["type"] == "string" and probability["pattern"]
    assert schemas["Condition"]["properties"]["percent"]["type"] == "string"
    assert schemas["DecisionOut"]["properties"]["alternative"]["nullable"] is True


def test_a_request_not_arrived_yet_is_shown_to_evaluators_only_without_casework(api, session, world):
    from tests.helpers.portfolio import build_portfolio

    sample = build_portfolio(session, world.sandbox_id)
    base = f"{API}/{world.sandbox_id}/requests"
    seen = api.get(f"{base}?per_page=50", user="evaluateur").get_json()
    assert {(item["id"], item["upcoming"]) for item in seen["items"]} == {
        (sample.request_id, False),
        (sample.upcoming_request_id, True),
    }
    assert [item["id"] for item in api.get(base, user="candidat1").get_json()["items"]] == [sample.request_id]
    assert api.get(f"{base}/{sample.upcoming_request_id}", user="candidat1").status_code == 404
    upcoming = api.get(f"{base}/{sample.upcoming_request_id}", user="evaluateur").get_json()
    assert upcoming["upcoming"] is True and upcoming["case_code"] == "CAS-FUTUR"
    assert upcoming["required_documents"] == upcoming["checks"] == upcoming["referrals"] == []
    assert [(d["engine_status"], d["anomaly"]) for d in upcoming["documents"]] == [
        (None, "Justificatif au nom d'un tiers")
    ]
    received = api.get(f"{base}/{sample.request_id}", user="candidat1").get_json()
    (statement,) = [d for d in received["documents"] if d["id"] == sample.document_id]
    assert statement["engine_status"] == "rejected"
    assert [(m["field"], m["on_document"], m["declared"]) for m in statement["mismatches"]] == [("crm", "0.68", "0.50")]
