"""`polyadmin scenario preview`: the portfolio summarised, each planted case as the candidate and the
evaluator will see it, its documents as PDFs, and the cases whose words contradict the figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from polyadmin.domain.errors import Forbidden
from polyadmin.services.previews import preview_document, preview_scenario
from polyadmin.store.models import JournalEntry, Sandbox
from tests.helpers.cli import run

APERCU = Path(__file__).resolve().parents[1] / "data" / "preview" / "apercu.yaml"


def counts(session) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return (
        session.execute(select(func.count()).select_from(Sandbox)).scalar_one(),
        session.execute(select(func.count()).select_from(JournalEntry)).scalar_one(),
    )


def test_preview_shows_the_planted_case_to_the_candidate_then_the_evaluator_and_writes_nothing(
    app, session, world, tmp_path
):
    before = counts(session)
    result = run(app, "scenario", "preview", str(APERCU), "--pdf", str(tmp_path / "pdf"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Catalogue : ") and "catalogue courant" in lines[0]
    assert lines[1] == (
        "Aperçu du scénario apercu « Aperçu d'un cas planté » : graine 5, début 02/03/2026 (rien n'est enregistré)."
    )
    assert "Cas plantés : 1 (0 signalé(s))." in lines
    candidate = lines.index("Vu par le candidat :")
    evaluator = lines.index("Vu par l'évaluateur :")
    assert candidate < evaluator
    seen_by_candidate = "\n".join(lines[candidate:evaluator])
    assert "Client : Monsieur FERREIRA Julien (CL-000001)" in seen_by_candidate
    assert "Formule : Tous risques" in seen_by_candidate and "Usage du véhicule : Vie privée" in seen_by_candidate
    assert "Issue attendue" not in seen_by_candidate and "CRM calculé" not in seen_by_candidate
    seen_by_evaluator = "\n".join(lines[evaluator:])
    assert "Issue attendue : Acceptation avec conditions" in seen_by_evaluator
    assert "Expert : Souscripteur senior" in seen_by_evaluator and "CRM calculé : 1,25" in seen_by_evaluator
    pdfs = sorted(path.name for path in (tmp_path / "pdf").iterdir())
    assert pdfs == [
        "apercu-piece-0-releve_information.pdf",
        "apercu-piece-1-permis_conduire.pdf",
        "apercu-piece-2-certificat_immatriculation.pdf",
        "apercu-piece-3-justificatif_domicile.pdf",
    ]
    assert (tmp_path / "pdf" / pdfs[0]).read_bytes().startswith(b"%PDF-")
    assert counts(session) == before  # no sandbox, no journal entry: it counts in no session


def test_a_case_whose_notes_contradict_the_computed_crm_is_flagged_and_exits_1(app, session, tmp_path):
    text = APERCU.read_text(encoding="utf-8")
    assert text.count("CRM 1,25 cohérent") == 1
    wrong = tmp_path / "contradiction.yaml"
    wrong.write_text(text.replace("CRM 1,25 cohérent", "Conducteur bonussé, CRM 0,95 cohérent"), encoding="utf-8")
    result = run(app, "scenario", "preview", str(wrong))
    assert result.exit_code == 1
    assert "Cas plantés : 1 (1 signalé(s))." in result.output
    assert (
        "  ⚠ Incohérence : Le cas dit « bonussé », ce qui suppose un CRM inférieur à 1,00, mais le CRM calculé "
        "est 1,25."
    ) in result.output.splitlines()
    assert "  ⚠ Incohérence : Le cas cite un CRM de 0,95, mais le CRM calculé est 1,25." in result.output.splitlines()


def test_the_service_is_for_trainers_and_an_unknown_document_is_not_found(session, world):
    with pytest.raises(Forbidden):
        preview_scenario(session, world.candidate, APERCU)
    preview = preview_scenario(session, world.trainer, APERCU)
    [case] = preview.cases
    assert [document.kind_title for document in case.documents][:1] == ["Relevé d'information"]
    name, pdf = preview_document(session, world.trainer, APERCU, case.documents[0].index)
    assert name == "apercu-piece-0-releve_information.pdf" and pdf.startswith(b"%PDF-")


def test_an_invalid_scenario_lists_its_problems_and_exits_2(app, session, tmp_path):
    broken = tmp_path / "casse.yaml"
    broken.write_text(APERCU.read_text(encoding="utf-8").replace("start_date: 2026-03-02", "start_date: '2026-02-30'"))
    result = run(app, "scenario", "preview", str(broken))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1].startswith("Scénario invalide : ")
