"""The evaluator's pages (issue 12): a candidate's grid with the journal's evidence linked to the replay,
the mark and the block decision posted with CSRF, the planted cases, the timeline and coverage charts
with their tables, the report and the exports — and nothing of it for the candidate."""

from __future__ import annotations

import html

import pytest

from tests.helpers.evaluation import examen_box, seq_of, work_three_cases
from tests.helpers.web import csrf_token, login, post_form, text


@pytest.fixture
def worked(session, world):
    box = examen_box(session, world)
    cases = work_three_cases(session, world.candidate, box.id)
    session.commit()
    return box, cases


def test_the_evaluator_reads_the_grid_marks_a_criterion_and_decides_a_block(client, session, world, worked):
    box, cases = worked
    login(client, "evaluateur")
    page = f"/sandboxes/{box.id}/evaluation"
    body = html.unescape(text(client.get(page)))
    check = seq_of(session, box.id, "request.document_check", cases.right.id)
    assert (
        f'<a href="/sandboxes/{box.id}/replay/{check}">Étape n° {check}</a> — Contrôle d\'une pièce justificative'
        in body
    )
    assert 'id="critere-C2A-2-2"' in body and "Non observé (1 dossier)" in body
    assert ">Écart<" in body and ">Conforme<" in body  # the wrong and the right case
    assert "Transmission à un expert" in body  # the half-done case's path
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body and "Les étapes en tableau" in body
    assert f'href="/sandboxes/{box.id}/evaluation/rapport.pdf"' in body
    assert f'<a href="/sandboxes/{box.id}/evaluation" aria-current="page">Évaluation</a>' in body

    done = post_form(
        client,
        page,
        {"criterion": "C2A.2-2", "mark": "non_acquis", "comment": "Mauvais expert."},
        action=f"{page}/appreciations",
    )
    assert done.status_code == 302 and done.headers["Location"].endswith("#critere-C2A-2-2")
    body = html.unescape(text(client.get(page)))
    assert "<strong>Non acquis</strong> — Mauvais expert." in body
    refused = post_form(client, page, {"criterion": "C2A.2-2", "comment": "x"}, action=f"{page}/appreciations")
    assert refused.status_code == 422
    assert 'id="critere-C2A-2-2-mark-error">Champ obligatoire.' in text(refused)

    decided = post_form(
        client, page, {"block": "1", "decision": "valide", "comment": "Traçabilité tenue."}, action=f"{page}/decisions"
    )
    assert decided.status_code == 302
    body = html.unescape(text(client.get(page)))
    assert "<strong>Validé</strong> — Traçabilité tenue." in body
    # Without the CSRF token nothing is written.
    assert client.post(f"{page}/appreciations", data={"criterion": "C1.8-1", "mark": "acquis"}).status_code == 400

    report = client.get(f"{page}/rapport.pdf")
    assert report.mimetype == "application/pdf" and report.data.startswith(b"%PDF-")
    overview = html.unescape(text(client.get(f"/sessions/{box.exam_session_id}/evaluation")))
    assert "Couverture des critères de la grille, par candidat" in overview
    assert "C2A.2-2</td><td>Non observé, non acquis</td>" in overview
    assert "1 / 27" in overview
    exported = client.get(f"/sessions/{box.exam_session_id}/evaluation.csv")
    assert exported.mimetype == "text/csv" and "Mauvais expert." in exported.data.decode("utf-8-sig")


def test_the_candidate_sees_no_evaluation_anywhere(client, session, world, worked):
    box, _cases = worked
    login(client, "evaluateur")
    page = f"/sandboxes/{box.id}/evaluation"
    post_form(
        client, page, {"criterion": "C1.8-1", "mark": "acquis", "comment": "SECRET-JURY"}, f"{page}/appreciations"
    )
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, "candidat1")
    home = text(client.get(f"/sandboxes/{box.id}/"))
    assert "Évaluation" not in home and "/evaluation" not in home
    for path in (page, f"{page}/rapport.pdf", f"/sessions/{box.exam_session_id}/evaluation"):
        assert client.get(path).status_code == 403
    journal = text(client.get(f"/sandboxes/{box.id}/journal?per_page=100"))
    assert "SECRET-JURY" not in journal
    assert "Appréciation d&#39;un critère" not in journal  # not even offered as a filter
