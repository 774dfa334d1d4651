"""Exam sessions (sessions d'examen) and sandboxes (bacs à sable)."""

from __future__ import annotations

from typing import Any

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.documenting import error_docs, json_body_doc
from polyadmin.api.errors import json_body
from polyadmin.api.schemas import ExamSessionOut, SandboxDetailOut, SandboxOut
from polyadmin.context import db_session
from polyadmin.domain.roles import Actor, Permission, SandboxAccess, allowed
from polyadmin.services import exam_sessions, sandboxes
from polyadmin.store.models import CatalogueSnapshot, ExamSession, Sandbox
from polyadmin.validation.sessions import ClockSchema, ExamSessionSchema

sessions_bp = api_blueprint("api_exam_sessions", __name__, "Sessions d'examen : un bac à sable par candidat.")
sandboxes_bp = api_blueprint("api_sandboxes", __name__, "Bacs à sable : portefeuille isolé et date de simulation.")


def exam_session_view(exam: ExamSession, actor: Actor) -> dict[str, Any]:
    boxes = exam_sessions.readable_sandboxes(exam, actor)
    return {
        "id": exam.id,
        "name": exam.name,
        "scenario": exam.scenario,
        "starts_on": exam.starts_on,
        "ends_on": exam.ends_on,
        "owner": exam.owner.username,
        "evaluators": [user.username for user in exam.evaluators],
        "sandboxes": [
            {"id": box.id, "candidate": box.candidate.username, "business_date": box.business_date} for box in boxes
        ],
        "catalogue": catalogue_view(exam.catalogue_snapshot),
    }


def catalogue_view(snapshot: CatalogueSnapshot | None) -> dict[str, Any] | None:
    if snapshot is None:
        return None
    return {
        "snapshot": snapshot.content_hash,
        "short": snapshot.short_hash,
        "loaded_at": snapshot.loaded_at,
        "products": [{"code": code, "version": version} for code, version in snapshot.product_versions.items()],
    }


def sandbox_view(box: Sandbox) -> dict[str, Any]:
    return {
        "id": box.id,
        "exam_session_id": box.exam_session_id,
        "exam_session": box.exam_session.name,
        "candidate": box.candidate.username,
        "business_date": box.business_date,
    }


def sandbox_detail(box: Sandbox, access: SandboxAccess, actor: Actor) -> dict[str, Any]:
    return {
        **sandbox_view(box),
        "can_work": allowed(actor, Permission.WORK_IN_SANDBOX, access),
        "can_move_clock": allowed(actor, Permission.MOVE_CLOCK, access),
    }


@sessions_bp.route("", methods=["POST"])
@json_body_doc(sessions_bp, ExamSessionSchema, "Session à ouvrir : candidats et évaluateurs par identifiant.")
@sessions_bp.response(201, ExamSessionOut)
@error_docs(sessions_bp, 400, 401, 403, 409, 422)
def create_exam_session() -> tuple[dict[str, Any], int]:
    """Ouvrir une session d'examen

    Réservé aux formateurs ; un bac à sable est ouvert pour chaque candidat, à la date de début. La
    session épingle le dernier catalogue chargé (ou celui dont l'empreinte est donnée) : 409 si aucun.
    """
    actor = current_actor()
    exam = exam_sessions.create_exam_session(db_session(), actor, json_body())
    return exam_session_view(exam, actor), 201


@sessions_bp.route("", methods=["GET"])
@sessions_bp.response(200, ExamSessionOut(many=True))
@error_docs(sessions_bp, 401)
def list_exam_sessions() -> list[dict[str, Any]]:
    """Lister les sessions d'examen visibles

    Le formateur voit les siennes, l'évaluateur celles où il est affecté, le candidat celles où il passe.
    """
    actor = current_actor()
    return [exam_session_view(exam, actor) for exam in exam_sessions.list_exam_sessions(db_session(), actor)]


@sessions_bp.route("/<int:exam_session_id>", methods=["GET"])
@sessions_bp.response(200, ExamSessionOut)
@error_docs(sessions_bp, 401, 404)
def get_exam_session(exam_session_id: int) -> dict[str, Any]:
    """Consulter une session d'examen"""
    actor = current_actor()
    return exam_session_view(exam_sessions.get_exam_session(db_session(), actor, exam_session_id), actor)


@sandboxes_bp.route("", methods=["GET"])
@sandboxes_bp.response(200, SandboxOut(many=True))
@error_docs(sandboxes_bp, 401)
def list_sandboxes() -> list[dict[str, Any]]:
    """Lister les bacs à sable visibles"""
    return [sandbox_view(box) for box in sandboxes.list_sandboxes(db_session(), current_actor())]


@sandboxes_bp.route("/<int:sandbox_id>", methods=["GET"])
@sandboxes_bp.response(200, SandboxDetailOut)
@error_docs(sandboxes_bp, 401, 404)
def get_sandbox(sandbox_id: int) -> dict[str, Any]:
    """Consulter un bac à sable

    Indique aussi ce que l'appelant peut y faire.
    """
    actor = current_actor()
    box, access = sandboxes.get_sandbox(db_session(), actor, sandbox_id)
    return sandbox_detail(box, access, actor)


@sandboxes_bp.route("/<int:sandbox_id>/clock", methods=["POST"])
@json_body_doc(sandboxes_bp, ClockSchema, "Nouvelle date de la simulation (postérieure à l'actuelle).")
@sandboxes_bp.response(200, SandboxOut)
@error_docs(sandboxes_bp, 400, 401, 403, 404, 422)
def move_clock(sandbox_id: int) -> dict[str, Any]:
    """Avancer la date de la simulation

    Réservé au formateur de la session ; la date ne fait qu'avancer.
    """
    box = sandboxes.move_clock(db_session(), current_actor(), sandbox_id, json_body())
    return sandbox_view(box)
