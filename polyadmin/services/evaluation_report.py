"""The evaluation committee's documents: a candidate's report (PDF) and the session's export (CSV, JSON).

Both are read from `evaluation_sheet` (services/evaluation.py) and written in French; neither carries
the instant it was made, so the same sheet gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from polyadmin.documents.evaluation_report import (
    EvaluationReport,
    ReportCase,
    ReportCompetence,
    ReportCriterion,
    ReportDecision,
    ReportHead,
    render_evaluation_report,
)
from polyadmin.domain.canonical import readable_json
from polyadmin.domain.errors import Forbidden, NotFound
from polyadmin.domain.evaluation import EvidenceKind, Observation
from polyadmin.domain.french import date_text, short_date
from polyadmin.domain.roles import Actor, Permission, allowed, holds
from polyadmin.domain.scenario import EXPECTED_OUTCOMES
from polyadmin.journal.actions import ACTIONS
from polyadmin.services.access import exam_session_access
from polyadmin.services.evaluation import EvaluationSheet, PlantedCase, evaluation_sheet
from polyadmin.services.exam_sessions import get_exam_session
from polyadmin.store.models import ExamSession

STREAM_LABELS = {"sandbox": "Travail du candidat", "evaluation": "Évaluation (jury)"}


def automatic_text(observation: Observation) -> str:
    """What the journal shows for a criterion, in words."""
    if observation.observed is None:
        if observation.criterion.evidence.kind is EvidenceKind.MANUAL:
            return "Observation de l'évaluateur"
        return "Pas encore d'occasion"
    if observation.observed:
        return "Observé"
    missing = len(observation.missing)
    return f"Non observé ({missing} dossier{'s' if missing > 1 else ''})" if missing else "Non observé"


def evidence_text(observation: Observation) -> str:
    return "n° " + ", ".join(str(seq) for seq in observation.evidence) if observation.evidence else "—"


def outcome_text(code: str | None) -> str:
    if code is None:
        return "Rien encore"
    return EXPECTED_OUTCOMES.get(code, code)


def match_text(case: PlantedCase) -> str:
    return {None: "En attente", True: "Conforme", False: "Écart"}[case.match]


def anomalies_text(case: PlantedCase) -> str:
    if not case.anomalies:
        return "Aucune"
    return " ; ".join(f"{text} — {'repérée' if found else 'manquée'}" for text, found in case.anomalies)


def stream_label(stream: str) -> str:
    return STREAM_LABELS.get(stream.split(":", 1)[0], stream)


def report_of(sheet: EvaluationSheet) -> EvaluationReport:
    observations = {o.criterion.code: o for o in sheet.view.observations}
    competences = []
    for competence in sheet.view.grid.competences:
        criteria = []
        for criterion in competence.criteria:
            observation = observations[criterion.code]
            mark = sheet.marks.get(criterion.code)
            criteria.append(
                ReportCriterion(
                    code=criterion.code,
                    label=criterion.label,
                    automatic=automatic_text(observation),
                    evidence=evidence_text(observation),
                    mark=mark.mark.label if mark else "",
                    comment=mark.comment if mark else "",
                    marked_by=f"{mark.evaluator}, {short_date(mark.sandbox_date)}" if mark else "",
                )
            )
        competences.append(ReportCompetence(competence.code, competence.label, tuple(criteria)))
    box = sheet.sandbox
    return EvaluationReport(
        candidate=box.candidate.display_name,
        session=box.exam_session.name,
        scenario=box.exam_session.scenario,
        catalogue=sheet.catalogue,
        sandbox_date=date_text(box.business_date),
        decisions=tuple(
            ReportDecision(d.block_label, d.decision.label, d.comment, f"{d.evaluator}, {short_date(d.sandbox_date)}")
            for _block, d in sorted(sheet.decisions.items())
        ),
        competences=tuple(competences),
        cases=tuple(
            ReportCase(
                number=case.request_number,
                expected=outcome_text(case.expected_outcome),
                candidate=outcome_text(case.candidate_outcome),
                match=match_text(case),
                anomalies=anomalies_text(case),
            )
            for case in sheet.view.cases
        ),
        heads=tuple(ReportHead(stream_label(h.stream), h.stream, h.seq, h.seal) for h in sheet.heads),
    )


def evaluation_report_pdf(session: Session, actor: Actor, sandbox_id: int) -> tuple[bytes, str]:
    """The candidate's report as PDF bytes, and its file name."""
    sheet = evaluation_sheet(session, actor, sandbox_id)
    filename = f"rapport-evaluation-{sheet.sandbox.exam_session_id}-{sheet.sandbox.candidate.username}.pdf"
    return render_evaluation_report(report_of(sheet)), filename


# --- the session's export ------------------------------------------------------------------------

CSV_COLUMNS = (
    "candidat",
    "identifiant",
    "bac_a_sable",
    "type",
    "code",
    "libelle",
    "constat_automatique",
    "traces",
    "appreciation",
    "commentaire",
    "issue_attendue",
    "issue_candidat",
    "concordance",
    "anomalies",
)


def evaluated_session(session: Session, actor: Actor, exam_session_id: int) -> ExamSession:
    """A session whose evaluation the actor may read: 403 for a role that never reads one, else 404."""
    if not holds(actor, Permission.READ_EVALUATION):
        raise Forbidden("L'évaluation est réservée au jury et au formateur de la session.")
    exam = get_exam_session(session, actor, exam_session_id)
    if not allowed(actor, Permission.READ_EVALUATION, exam_session_access(exam)):
        raise NotFound("Session d'examen introuvable.")
    return exam


def session_sheets(session: Session, actor: Actor, exam_session_id: int) -> tuple[ExamSession, list[EvaluationSheet]]:
    exam = evaluated_session(session, actor, exam_session_id)
    return exam, [evaluation_sheet(session, actor, box.id) for box in exam.sandboxes]


def _rows(sheet: EvaluationSheet) -> Iterator[dict[str, Any]]:
    box = sheet.sandbox
    who = {"candidat": box.candidate.display_name, "identifiant": box.candidate.username, "bac_a_sable": box.id}
    for observation in sheet.view.observations:
        criterion = observation.criterion
        mark = sheet.marks.get(criterion.code)
        yield {
            **who,
            "type": "critère",
            "code": criterion.code,
            "libelle": criterion.label,
            "constat_automatique": automatic_text(observation),
            "traces": list(observation.evidence),
            "appreciation": mark.mark.label if mark else "",
            "commentaire": mark.comment if mark else "",
        }
    for case in sheet.view.cases:
        yield {
            **who,
            "type": "cas",
            "code": case.case_code,
            "libelle": case.request_number,
            "issue_attendue": outcome_text(case.expected_outcome),
            "issue_candidat": outcome_text(case.candidate_outcome),
            "concordance": match_text(case),
            "anomalies": anomalies_text(case),
        }


def session_export_rows(
    session: Session, actor: Actor, exam_session_id: int
) -> tuple[ExamSession, list[dict[str, Any]]]:
    exam, sheets = session_sheets(session, actor, exam_session_id)
    return exam, [row for sheet in sheets for row in _rows(sheet)]


def session_export_csv(session: Session, actor: Actor, exam_session_id: int) -> str:
    """One line per candidate × criterion, then per candidate × planted case: UTF-8 with BOM, `;`
    (the spreadsheet a French evaluator opens with a double click)."""
    _exam, rows = session_export_rows(session, actor, exam_session_id)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "traces": " ".join(str(seq) for seq in row.get("traces", ()))})
    return out.getvalue()


def session_export_json(session: Session, actor: Actor, exam_session_id: int) -> str:
    exam, rows = session_export_rows(session, actor, exam_session_id)
    return readable_json({"exam_session": exam.name, "exam_session_id": exam.id, "rows": rows}) + "\n"


# --- the sheet as plain data (the API's answer, the pages' rows) ----------------------------------

# The replay page of one journal step (web/replay, issue 12 §2): every piece of evidence links to it.
REPLAY_PATH = "/sandboxes/{sandbox_id}/replay/{seq}"


def evidence_items(sheet: EvaluationSheet, observation: Observation) -> list[dict[str, Any]]:
    items = []
    for seq in observation.evidence:
        entry = sheet.entry(seq)
        action = entry.action if entry else ""
        items.append(
            {
                "seq": seq,
                "action": action,
                "action_label": ACTIONS[action].label if action in ACTIONS else "",
                "sandbox_date": entry.sandbox_date if entry else None,
                "record": entry.record if entry else None,
                "replay_url": REPLAY_PATH.format(sandbox_id=sheet.sandbox.id, seq=seq),
            }
        )
    return items


def sheet_data(sheet: EvaluationSheet) -> dict[str, Any]:
    """The grid (competences → criteria with the journal's evidence and the current mark), the planted
    cases and the committee's decisions, as plain values."""
    observations = {o.criterion.code: o for o in sheet.view.observations}
    criteria = []
    for competence in sheet.view.grid.competences:
        for criterion in competence.criteria:
            observation = observations[criterion.code]
            mark = sheet.marks.get(criterion.code)
            criteria.append(
                {
                    "code": criterion.code,
                    "competence": competence.code,
                    "competence_label": competence.label,
                    "label": criterion.label,
                    "evidence": evidence_items(sheet, observation),
                    "automatic": observation.observed,
                    "automatic_text": automatic_text(observation),
                    "manual": criterion.evidence.kind is EvidenceKind.MANUAL,
                    "missing": list(observation.missing),
                    "mark": mark.mark.value if mark else None,
                    "mark_label": mark.mark.label if mark else None,
                    "comment": mark.comment if mark else None,
                    "marked_by": mark.evaluator if mark else None,
                    "marked_on": mark.sandbox_date if mark else None,
                }
            )
    return {
        "sandbox_id": sheet.sandbox.id,
        "candidate": sheet.sandbox.candidate.display_name,
        "criteria": criteria,
        "cases": [
            {
                "case_code": case.case_code,
                "request_id": case.request_id,
                "request_number": case.request_number,
                "expected_outcome": case.expected_outcome,
                "expected_outcome_label": outcome_text(case.expected_outcome),
                "expected_notes": case.expected_notes,
                "candidate_outcome": case.candidate_outcome,
                "candidate_outcome_label": outcome_text(case.candidate_outcome),
                "match": case.match,
                "match_text": match_text(case),
                "path": [ACTIONS[action].label if action in ACTIONS else action for action in case.path],
                "anomalies": [{"text": text, "found": found} for text, found in case.anomalies],
            }
            for case in sheet.view.cases
        ],
        "decisions": [
            {
                "block": block,
                "block_label": label,
                "decision": decision.decision.value if (decision := sheet.decisions.get(block)) else None,
                "decision_label": decision.decision.label if decision else None,
                "comment": decision.comment if decision else None,
                "decided_by": decision.evaluator if decision else None,
            }
            for block, label in sheet.blocks()
        ],
    }
