"""The trainer's scenario preview page: the planted case as the candidate and the evaluator see it, its PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers.web import text

APERCU = Path(__file__).resolve().parents[1] / "data" / "preview" / "apercu.yaml"


def scenarios_folder(app, tmp_path: Path, notes: str | None = None) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(APERCU, folder / "apercu.yaml")
    if notes is not None:
        path = folder / "apercu.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("CRM 1,25 cohérent", notes), encoding="utf-8")
    app.config["SCENARIOS_PATH"] = folder
    return folder


def test_the_preview_page_shows_the_case_in_both_views_and_serves_its_pdfs(app, login_as, world, tmp_path):
    scenarios_folder(app, tmp_path)
    client = login_as("formatrice")
    form = text(client.get("/scenarios/apercu"))
    assert '<option value="apercu">Aperçu d&#39;un cas planté (apercu.yaml)</option>' in form
    page = client.get("/scenarios/apercu?scenario=apercu")
    assert page.status_code == 200
    body = text(page)
    candidate, evaluator = body.index("Vu par le candidat"), body.index("Vu par l'évaluateur")
    assert candidate < evaluator
    assert "FERREIRA Julien" in body[candidate:evaluator] and "Acceptation avec conditions" in body[evaluator:]
    assert "Incohérence" not in body
    link = "/scenarios/apercu/apercu/pieces/0"
    assert f'href="{link}"' in body
    pdf = client.get(link)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.get_data().startswith(b"%PDF-")
    assert client.get("/scenarios/apercu/apercu/pieces/99").status_code == 404
    assert client.get("/scenarios/apercu/absent/pieces/0").status_code == 404


def test_a_contradiction_is_flagged_and_bad_choices_are_refused(app, login_as, world, tmp_path):
    scenarios_folder(app, tmp_path, notes="Conducteur bonussé, cohérent")
    client = login_as("formatrice")
    body = text(client.get("/scenarios/apercu?scenario=apercu&seed=5"))
    assert "1 cas signalé(s)" in body
    assert "Le cas dit « bonussé », ce qui suppose un CRM inférieur à 1,00, mais le CRM calculé est 1,25." in body
    assert client.get("/scenarios/apercu?scenario=inconnu").status_code == 422
    assert client.get("/scenarios/apercu?scenario=apercu&seed=abc").status_code == 422
