"""The evaluation committee through the API (issue 12 §5): on examen-souscription, after the candidate
worked three planted cases (right, wrong, half done), the grid shows the evidence and the case matches,
an evaluator marks, comments and decides, the report PDF and the session CSV say so — and the
candidate reaches none of it, nor sees an evaluation entry in the journal."""

from __future__ import annotations

import csv
import io

import pytest

from tests.helpers.evaluation import examen_box, pdf_text, seq_of, work_three_cases


@pytest.fixture
def worked(session, world):
    box = examen_box(session, world)
    cases = work_three_cases(session, world.candidate, box.id)
    session.commit()
    return box, cases


def test_the_evaluators_journey_through_the_api(api, session, world, worked):
    box, cases = worked
    base = f"/api/v1/sandboxes/{box.id}/evaluation"
    grid = api.get(base, user="evaluateur").get_json()
    criteria = {item["code"]: item for item in grid["criteria"]}
    assert len(criteria) == 27
    checked = criteria["C2A.1-1"]
    document_check = seq_of(session, box.id, "request.document_check", cases.right.id)
    decline = seq_of(session, box.id, "request.decision", cases.right.id)
    assert [item["seq"] for item in checked["evidence"]] == [document_check, decline]
    assert checked["evidence"][0] == {
        "seq": document_check,
        "action": "request.document_check",
        "action_label": "Contrôle d'une pièce justificative",
        "sandbox_date": "2026-03-02",
        "record": f"request:{cases.right.id}",
        "replay_url": f"/sandboxes/{box.id}/replay/{document_check}",
    }
    assert (checked["automatic"], checked["missing"]) == (False, [f"request:{cases.wrong.id}"])
    assert (checked["mark"], checked["comment"]) == (None, None)
    assert criteria["C2A.2-2"]["automatic"] is False and criteria["C1.8-4"]["manual"] is True
    matches = {case["case_code"]: case for case in grid["cases"]}
    assert (matches["exa-3-auto-refus"]["candidate_outcome"], matches["exa-3-auto-refus"]["match"]) == ("decline", True)
    assert (matches["exa-1-mrh-accept"]["expected_outcome"], matches["exa-1-mrh-accept"]["match"]) == ("accept", False)
    assert matches["exa-7-emprunteur-medecin"]["candidate_outcome"] == "refer"
    assert matches["exa-7-emprunteur-medecin"]["path"] == ["Transmission à un expert"]
    assert matches["exa-4-auto-sans-releve"]["match"] is None
    assert [d["block"] for d in grid["decisions"]] == ["1", "2A"] and grid["decisions"][0]["decision"] is None

    marked = api.post(
        f"{base}/marks",
        user="evaluateur",
        json={"criterion": "C2A.2-2", "mark": "non_acquis", "comment": "Prêt confié au souscripteur senior."},
    )
    assert marked.status_code == 201, marked.get_json()
    assert marked.get_json()["mark"] == "non_acquis" and marked.get_json()["sandbox_date"] == "2026-03-02"
    decided = api.post(
        f"{base}/decisions", user="evaluateur", json={"block": "2A", "decision": "ajourne", "comment": "À revoir."}
    )
    assert decided.status_code == 201
    grid = api.get(base, user="evaluateur").get_json()
    expert = {item["code"]: item for item in grid["criteria"]}["C2A.2-2"]
    assert (expert["mark"], expert["mark_label"], expert["comment"]) == (
        "non_acquis",
        "Non acquis",
        "Prêt confié au souscripteur senior.",
    )
    assert grid["decisions"][1]["decision_label"] == "Ajourné"

    report = api.get(f"{base}/report.pdf", user="formatrice")
    assert report.status_code == 200 and report.mimetype == "application/pdf"
    text = pdf_text(report.data)
    assert "Non acquis Prêt confié au souscripteur senior." in text
    assert "Bloc 2A — Souscription (option) : Ajourné" in text
    assert f"Cas {cases.wrong.number} : Écart" in text

    exported = api.get(f"/api/v1/exam-sessions/{box.exam_session_id}/evaluation.csv", user="evaluateur")
    assert exported.status_code == 200 and exported.data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(exported.data.decode("utf-8-sig")), delimiter=";"))
    row = next(r for r in rows if r["code"] == "C2A.2-2")
    assert (row["appreciation"], row["commentaire"], row["constat_automatique"]) == (
        "Non acquis",
        "Prêt confié au souscripteur senior.",
        "Non observé (1 dossier)",
    )


def test_the_candidate_reaches_none_of_it(api, session, world, worked, journal_count):
    box, _cases = worked
    api.post(f"/api/v1/sandboxes/{box.id}/evaluation/marks", user="evaluateur",
             json={"criterion": "C1.8-1", "mark": "acquis", "comment": "SECRET-DU-JURY"})  # fmt: skip
    before = journal_count()
    for method, path, body in (
        ("GET", f"/api/v1/sandboxes/{box.id}/evaluation", None),
        ("POST", f"/api/v1/sandboxes/{box.id}/evaluation/marks", {"criterion": "C1.8-1", "mark": "acquis"}),
        ("POST", f"/api/v1/sandboxes/{box.id}/evaluation/decisions", {"block": "1", "decision": "valide"}),
        ("GET", f"/api/v1/sandboxes/{box.id}/evaluation/report.pdf", None),
        ("GET", f"/api/v1/exam-sessions/{box.exam_session_id}/evaluation.csv", None),
        ("GET", f"/api/v1/exam-sessions/{box.exam_session_id}/evaluation.json", None),
    ):
        response = api.request(method, path, user="candidat1", json=body)
        assert response.status_code == 403, (method, path)
        assert "SECRET" not in response.get_data(as_text=True)
    assert journal_count() == before
    # The candidate's journal (API) has no evaluation entry, though the jury's stream has one.
    journal = api.get(f"/api/v1/sandboxes/{box.id}/journal?per_page=100", user="candidat1")
    assert journal.status_code == 200
    body = journal.get_data(as_text=True)
    assert "evaluation." not in body and "SECRET-DU-JURY" not in body
    assert journal.get_json()["total"] == len(journal.get_json()["items"]) > 0
    other = api.get(f"/api/v1/sandboxes/{box.id}/evaluation", user="evaluateur2")
    assert other.status_code == 404


def test_bad_marks_are_422_in_french_and_write_nothing(api, worked, journal_count):
    box, _cases = worked
    before = journal_count()
    response = api.post(
        f"/api/v1/sandboxes/{box.id}/evaluation/marks", user="evaluateur", json={"criterion": "C2A.9-9", "mark": "bien"}
    )
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert errors["criterion"] == ["Critère inconnu de la grille de la session."]
    assert errors["mark"][0].startswith("Valeur inconnue ; valeurs possibles : acquis, en_cours, non_acquis")
    assert journal_count() == before
