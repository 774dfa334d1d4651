"""The evaluation committee's endpoints: load → service → dump.

For the session's evaluators, its trainer and administrators (`evaluation:read`, `evaluation:mark`);
a candidate is refused (403), anyone outside the session does not find the sandbox (404). Marks and
decisions are journaled in the sandbox's evaluation stream, never in the one the candidate reads.
"""

from __future__ import annotations

from typing import Any

from flask import Response

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.documenting import error_docs, json_body_doc
from polyadmin.api.errors import json_body
from polyadmin.api.evaluation.schemas import DecisionOut, EvaluationOut, MarkOut
from polyadmin.context import db_session
from polyadmin.services import evaluation, evaluation_report
from polyadmin.validation.evaluation import CommitteeDecisionSchema, MarkSchema

evaluation_bp = api_blueprint(
    "api_evaluation",
    __name__,
    "Évaluation d'un candidat (jury) : grille et traces du journal, cas aménagés, appréciations par critère, "
    "décisions par bloc, rapport PDF ; export de la session. Réservé aux évaluateurs et au formateur de la "
    "session ; les appréciations sont journalisées à part, jamais montrées au candidat.",
)

SANDBOX = "/sandboxes/<int:sandbox_id>/evaluation"
PDF_SCHEMA = {"type": "string", "format": "binary"}
CSV_SCHEMA = {"type": "string"}


def _download(body: bytes | str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@evaluation_bp.route(SANDBOX, methods=["GET"])
@evaluation_bp.response(200, EvaluationOut)
@error_docs(evaluation_bp, 401, 403, 404)
def get_evaluation(sandbox_id: int) -> dict[str, Any]:
    """Consulter la grille d'évaluation d'un candidat

    Pour chaque critère : les étapes du journal qui font trace (avec le lien de relecture), le constat
    automatique, l'appréciation et le commentaire actuels ; les cas aménagés (issue attendue, issue du
    candidat, concordance, chemin, anomalies repérées ou manquées) ; les décisions par bloc. Lecture seule.
    """
    sheet = evaluation.evaluation_sheet(db_session(), current_actor(), sandbox_id)
    return evaluation_report.sheet_data(sheet)


@evaluation_bp.route(f"{SANDBOX}/marks", methods=["POST"])
@json_body_doc(evaluation_bp, MarkSchema, "Critère, appréciation (acquis, en_cours, non_acquis), commentaire.")
@evaluation_bp.response(201, MarkOut)
@error_docs(evaluation_bp, 400, 401, 403, 404, 422)
def post_mark(sandbox_id: int) -> tuple[Any, int]:
    """Apprécier un critère

    La dernière appréciation d'un critère est l'actuelle ; les précédentes restent dans l'historique.
    Journalisé (« evaluation.mark ») dans le journal d'évaluation du bac à sable, que le candidat ne voit pas.
    """
    return evaluation.record_mark(db_session(), current_actor(), sandbox_id, json_body()), 201


@evaluation_bp.route(f"{SANDBOX}/decisions", methods=["POST"])
@json_body_doc(evaluation_bp, CommitteeDecisionSchema, "Bloc (1, 2A), décision (valide, non_valide, ajourne), motifs.")
@evaluation_bp.response(201, DecisionOut)
@error_docs(evaluation_bp, 400, 401, 403, 404, 422)
def post_decision(sandbox_id: int) -> tuple[Any, int]:
    """Enregistrer la décision du jury sur un bloc

    Validé, non validé ou ajourné, avec ses motifs ; la dernière décision d'un bloc est l'actuelle.
    Journalisé (« evaluation.decision ») dans le journal d'évaluation du bac à sable.
    """
    return evaluation.record_decision(db_session(), current_actor(), sandbox_id, json_body()), 201


@evaluation_bp.route(f"{SANDBOX}/report.pdf", methods=["GET"])
@evaluation_bp.response(200, PDF_SCHEMA, content_type="application/pdf", description="Le rapport d'évaluation (PDF).")
@error_docs(evaluation_bp, 401, 403, 404)
def get_report(sandbox_id: int) -> Response:
    """Télécharger le rapport d'évaluation (PDF)

    Grille, traces (numéros du journal), appréciations et commentaires, décisions par bloc, cas aménagés,
    têtes scellées des journaux. Le même état donne le même fichier, octet pour octet.
    """
    pdf, filename = evaluation_report.evaluation_report_pdf(db_session(), current_actor(), sandbox_id)
    return _download(pdf, "application/pdf", filename)


@evaluation_bp.route("/exam-sessions/<int:exam_session_id>/evaluation.csv", methods=["GET"])
@evaluation_bp.response(200, CSV_SCHEMA, content_type="text/csv", description="Export CSV (UTF-8 avec BOM, « ; »).")
@error_docs(evaluation_bp, 401, 403, 404)
def get_session_csv(exam_session_id: int) -> Response:
    """Exporter l'évaluation de la session (CSV)

    Une ligne par candidat et par critère (constat automatique, traces, appréciation, commentaire), puis
    par candidat et par cas aménagé (issue attendue, issue du candidat, concordance, anomalies).
    """
    text = evaluation_report.session_export_csv(db_session(), current_actor(), exam_session_id)
    return _download(text.encode("utf-8"), "text/csv", f"evaluation-session-{exam_session_id}.csv")


@evaluation_bp.route("/exam-sessions/<int:exam_session_id>/evaluation.json", methods=["GET"])
@evaluation_bp.response(
    200, {"type": "object"}, content_type="application/json", description="Export JSON : mêmes lignes que le CSV."
)
@error_docs(evaluation_bp, 401, 403, 404)
def get_session_json(exam_session_id: int) -> Response:
    """Exporter l'évaluation de la session (JSON)

    Les mêmes lignes que le CSV, avec les traces en liste de numéros.
    """
    text = evaluation_report.session_export_json(db_session(), current_actor(), exam_session_id)
    return _download(text.encode("utf-8"), "application/json", f"evaluation-session-{exam_session_id}.json")
