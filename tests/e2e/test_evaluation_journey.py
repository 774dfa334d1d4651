"""The evaluator's journey in a real browser (issue 12): after the candidate worked three planted cases
of examen-souscription (right, wrong, half done), the evaluator opens the candidate's grid, follows the
evidence, marks and comments a criterion, records a block decision, downloads the report PDF and opens
the session's overview with its charts. Accessibility checked on both pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.users import actor_of
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.evaluation import pdf_text, work_three_cases
from tests.helpers.factories import UserFactory, bound_session

pytestmark = pytest.mark.e2e

CANDIDATE = "candidat9"


@pytest.fixture(scope="module")
def worked_box(live_server) -> dict[str, Any]:
    with live_server.session() as session, bound_session(session):
        user = UserFactory(username=CANDIDATE, display_name="Nina Candidate")
        exam = create_exam_session(
            session,
            live_server.actors["formatrice"],
            {
                "name": "Examen évalué",
                "candidates": [CANDIDATE],
                "evaluators": ["evaluateur"],
                "scenario": "examen-souscription",
            },
        )
        box_id, exam_id = exam.sandboxes[0].id, exam.id
        cases = work_three_cases(session, actor_of(user), box_id)
        session.commit()
        return {"box": box_id, "exam": exam_id, "wrong": cases.wrong.number}


def test_the_evaluator_marks_decides_and_downloads_the_report(page, live_server, worked_box, tmp_path: Path):
    sign_in(page, "evaluateur")
    page.goto(f"/sandboxes/{worked_box['box']}/")
    page.get_by_role("navigation", name="Espaces du bac à sable").get_by_role("link", name="Évaluation").click()
    page.wait_for_url(re.compile(rf"/sandboxes/{worked_box['box']}/evaluation$"))
    main = page.get_by_role("main")
    assert "Évaluation de Nina Candidate" in main.inner_text()
    assert_accessible(page, "grille d'évaluation")

    criterion = page.locator("#critere-C2A-2-2")
    assert "Non observé (1 dossier)" in criterion.inner_text()
    assert criterion.get_by_role("link", name=re.compile(r"Étape n° \d+")).first.get_attribute("href").startswith(
        f"/sandboxes/{worked_box['box']}/replay/"
    )
    criterion.get_by_label("Non acquis").check()
    criterion.get_by_label("Commentaire sur C2A.2-2").fill("Le prêt devait aller au médecin-conseil.")
    with page.expect_navigation():
        criterion.get_by_role("button", name=re.compile("Enregistrer l'appréciation")).click()
    assert "Appréciation du critère C2A.2-2 enregistrée." in page.locator(".flashes").inner_text()
    criterion = page.locator("#critere-C2A-2-2")
    assert "Non acquis — Le prêt devait aller au médecin-conseil." in criterion.inner_text()

    block = page.locator("section", has=page.get_by_role("heading", name="Bloc 2A — Souscription (option)"))
    block.get_by_label("Ajourné").check()
    block.get_by_label("Motifs").fill("Orientation vers l'expert à revoir.")
    with page.expect_navigation():
        block.get_by_role("button", name=re.compile("Enregistrer la décision")).click()
    assert "Ajourné — Orientation vers l'expert à revoir." in page.locator("section", has=page.get_by_role(
        "heading", name="Bloc 2A — Souscription (option)")).inner_text()  # fmt: skip
    assert_accessible(page, "grille d'évaluation après appréciation")

    with page.expect_download() as download:
        page.get_by_role("link", name="Rapport d'évaluation (PDF)").click()
    saved = tmp_path / "rapport.pdf"
    download.value.save_as(saved)
    text = pdf_text(saved.read_bytes())
    assert "Candidat : Nina Candidate" in text
    assert "Non acquis Le prêt devait aller au médecin-conseil." in text
    assert "Bloc 2A — Souscription (option) : Ajourné" in text
    assert f"Cas {worked_box['wrong']} : Écart" in text

    page.get_by_role("link", name=re.compile("Vue de la session")).click()
    page.wait_for_url(re.compile(rf"/sessions/{worked_box['exam']}/evaluation$"))
    assert page.get_by_role("img", name="Couverture des critères de la grille, par candidat").is_visible()
    assert page.get_by_role("img", name="Chronologie des étapes de Nina Candidate").is_visible()
    assert_accessible(page, "vue d'évaluation de la session")


def test_the_candidate_has_no_evaluation_entry(page, worked_box):
    sign_in(page, CANDIDATE)
    page.goto(f"/sandboxes/{worked_box['box']}/")
    navigation = page.get_by_role("navigation", name="Espaces du bac à sable")
    assert navigation.get_by_role("link", name="Évaluation").count() == 0
    response = page.goto(f"/sandboxes/{worked_box['box']}/evaluation")
    assert response is not None and response.status == 403
