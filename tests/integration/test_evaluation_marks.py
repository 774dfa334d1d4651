"""The committee's marks and decisions, the report PDF and the session export (issue 12 §3–§4), on
examen-souscription with three planted cases worked right, wrong and half done."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import func, select

from polyadmin.domain.errors import Forbidden, InvalidInput, NotFound
from polyadmin.journal.reader import JournalFilter, read_journal
from polyadmin.journal.verify import verify_stream
from polyadmin.services.evaluation import (
    current_decisions,
    current_marks,
    evaluation_sheet,
    record_decision,
    record_mark,
)
from polyadmin.services.evaluation_report import evaluation_report_pdf, session_export_csv, session_export_json
from polyadmin.store.evaluation import EvaluationMark
from polyadmin.store.models import JournalEntry
from tests.helpers.evaluation import examen_box, pdf_text, work_three_cases


@pytest.fixture
def box(session, world):
    return examen_box(session, world)


def test_marks_and_decisions_are_journaled_in_the_evaluation_stream_only(session, world, box):
    work_three_cases(session, world.candidate, box.id)
    sandbox_entries = session.execute(
        select(func.count()).where(JournalEntry.stream == f"sandbox:{box.id}")
    ).scalar_one()
    record_mark(session, world.evaluator, box.id, {"criterion": "C2A.1-1", "mark": "en_cours", "comment": "Une fois."})
    record_mark(session, world.evaluator, box.id, {"criterion": "C2A.1-1", "mark": "acquis", "comment": "Revu."})
    record_decision(session, world.evaluator, box.id, {"block": "2A", "decision": "ajourne", "comment": "À revoir."})
    # History kept, the latest current.
    assert session.execute(select(func.count()).select_from(EvaluationMark)).scalar_one() == 2
    mark = current_marks(session, box.id)["C2A.1-1"]
    assert (mark.mark.value, mark.comment, mark.evaluator) == ("acquis", "Revu.", "Evaluateur")
    assert current_decisions(session, box.id)["2A"].decision.label == "Ajourné"
    stream = (
        session.execute(
            select(JournalEntry).where(JournalEntry.stream == f"evaluation:{box.id}").order_by(JournalEntry.seq)
        )
        .scalars()
        .all()
    )
    assert [(e.seq, e.action, e.sandbox_id) for e in stream] == [
        (1, "evaluation.mark", box.id),
        (2, "evaluation.mark", box.id),
        (3, "evaluation.decision", box.id),
    ]
    assert stream[1].input == {"criterion": "C2A.1-1", "mark": "acquis", "comment": "Revu."}
    assert verify_stream(session, f"evaluation:{box.id}").intact
    # The sandbox's own stream (what the candidate's journal reads) did not move.
    assert (
        session.execute(select(func.count()).where(JournalEntry.stream == f"sandbox:{box.id}")).scalar_one()
        == sandbox_entries
    )
    page = read_journal(session, box.id, JournalFilter(), 1, 500)
    assert not [entry for entry in page.items if entry.action.startswith("evaluation.")]


def test_refusals_write_nothing(session, world, box):
    with pytest.raises(InvalidInput) as refused:
        record_mark(session, world.evaluator, box.id, {"criterion": "C9.9-9", "mark": "parfait", "comment": "x" * 2001})
    assert set(refused.value.field_errors) == {"criterion", "mark", "comment"}
    assert refused.value.field_errors["criterion"] == ["Critère inconnu de la grille de la session."]
    with pytest.raises(InvalidInput) as refused:
        record_decision(session, world.evaluator, box.id, {"block": "3", "decision": "valide"})
    assert set(refused.value.field_errors) == {"block"}
    # A candidate, theirs or not, is refused outright; the jury of another session does not find it.
    for who, refusal in ((world.candidate, Forbidden), (world.classmate, Forbidden), (world.other_evaluator, NotFound),
                         (world.other_trainer, NotFound)):  # fmt: skip
        with pytest.raises(refusal):
            record_mark(session, who, box.id, {"criterion": "C2A.1-1", "mark": "acquis"})
        with pytest.raises(refusal):
            record_decision(session, who, box.id, {"block": "1", "decision": "valide"})
        with pytest.raises(refusal):
            evaluation_sheet(session, who, box.id)
        with pytest.raises(refusal):
            evaluation_report_pdf(session, who, box.id)
        with pytest.raises(refusal):
            session_export_csv(session, who, box.exam_session_id)
    assert session.execute(select(func.count()).select_from(EvaluationMark)).scalar_one() == 0
    assert not session.execute(select(JournalEntry.id).where(JournalEntry.stream == f"evaluation:{box.id}")).first()
    # The session's trainer marks too.
    assert record_mark(session, world.trainer, box.id, {"criterion": "C1.8-4", "mark": "acquis"}).comment == ""


def test_the_report_pdf_says_the_grid_the_marks_the_cases_and_the_heads(session, world, box):
    cases = work_three_cases(session, world.candidate, box.id)
    record_mark(
        session, world.evaluator, box.id, {"criterion": "C2A.2-2", "mark": "non_acquis", "comment": "Mauvais expert."}
    )
    record_decision(session, world.evaluator, box.id, {"block": "2A", "decision": "non_valide", "comment": "Écarts."})
    pdf, filename = evaluation_report_pdf(session, world.evaluator, box.id)
    assert filename == f"rapport-evaluation-{box.exam_session_id}-candidat1.pdf"
    assert pdf == evaluation_report_pdf(session, world.evaluator, box.id)[0]  # byte-identical
    text = pdf_text(pdf)
    sheet = evaluation_sheet(session, world.evaluator, box.id)
    seen = {o.criterion.code: o for o in sheet.view.observations}
    assert "Rapport d'évaluation" in text
    assert "Candidat : Candidat1" in text and "Session d'examen : Examen de mars" in text
    assert "Bloc 2A — Souscription (option) : Non validé (Evaluateur" in text and "Écarts." in text
    assert "C2A.2-2 L'expert compétent est identifié et consulté Non observé (1 dossier)" in text
    assert "Non acquis Mauvais expert." in text
    checked = ", ".join(str(seq) for seq in seen["C2A.1-1"].evidence)
    assert (
        f"C2A.1-1 Les pièces justificatives sont contrôlées avant la décision Non observé (1 dossier) n° {checked}"
        in text
    )
    assert f"Cas {cases.right.number} : Conforme Issue attendue : Refus motivé Issue du candidat : Refus motivé" in text
    assert (
        f"Cas {cases.wrong.number} : Écart Issue attendue : Acceptation aux conditions du tarif "
        "Issue du candidat : Refus motivé Anomalies aménagées : Aucune"
    ) in text
    assert f"Cas {cases.half.number} : Conforme Issue attendue : Transmission à un tiers" in text
    sandbox_head, evaluation_head = sheet.heads
    assert (evaluation_head.stream, evaluation_head.seq) == (f"evaluation:{box.id}", 2)
    assert (
        f"Travail du candidat (sandbox:{box.id}) Dernier n° : {sandbox_head.seq} — Dernier sceau : {sandbox_head.seal}"
    ) in text
    assert f"Évaluation (jury) (evaluation:{box.id}) Dernier n° : 2 — Dernier sceau : {evaluation_head.seal}" in text


def test_the_session_export_has_a_row_per_candidate_and_criterion_then_the_cases(session, world, box):
    cases = work_three_cases(session, world.candidate, box.id)
    record_mark(
        session, world.evaluator, box.id, {"criterion": "C2A.1-5", "mark": "acquis", "comment": "Motivé ; clair"}
    )
    text = session_export_csv(session, world.evaluator, box.exam_session_id)
    assert text.startswith("\ufeffcandidat;identifiant;bac_a_sable;type;code;libelle;constat_automatique;traces;")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 27 + 8
    by_code = {row["code"]: row for row in rows}
    assert by_code["C2A.1-5"]["appreciation"] == "Acquis"
    assert by_code["C2A.1-5"]["commentaire"] == "Motivé ; clair"
    assert by_code["C2A.1-5"]["constat_automatique"] == "Observé"
    sheet = evaluation_sheet(session, world.evaluator, box.id)
    decided = {o.criterion.code: o for o in sheet.view.observations}["C2A.1-5"]
    assert by_code["C2A.1-5"]["traces"] == " ".join(str(seq) for seq in decided.evidence)
    assert by_code["C1.8-4"]["constat_automatique"] == "Observation de l'évaluateur"
    assert by_code["exa-1-mrh-accept"]["concordance"] == "Écart"
    assert by_code["exa-1-mrh-accept"]["libelle"] == cases.wrong.number
    assert by_code["exa-3-auto-refus"]["concordance"] == "Conforme"
    assert by_code["exa-7-emprunteur-medecin"]["issue_candidat"].startswith("Transmission à un tiers")
    exported = json.loads(session_export_json(session, world.trainer, box.exam_session_id))
    assert exported["exam_session"] == "Examen de mars"
    assert next(r for r in exported["rows"] if r["code"] == "C2A.1-5")["traces"] == list(decided.evidence)
