"""Rejeu: a sandbox as it was right after one entry of its journal (evaluators and trainers of the session)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.documenting import error_docs
from polyadmin.api.schemas import JournalEntryOut
from polyadmin.context import db_session
from polyadmin.journal.reader import entry_as_dict
from polyadmin.services import replay

replay_bp = api_blueprint(
    "api_replay", __name__, "Rejeu : l'état d'un bac à sable après chaque entrée de son journal (évaluation)."
)


def _doc(description: str, **kwargs: Any) -> dict[str, Any]:
    return {"metadata": {"description": description}, **kwargs}


class RecordChangeOut(Schema):
    table = fields.String(**_doc("Table de l'enregistrement (clients, vehicles, document_checks…)."))
    row_id = fields.Integer(**_doc("Identifiant de l'enregistrement."))
    op = fields.String(**_doc("insert (création), update (modification) ou delete (suppression)."))
    before = fields.Dict(allow_none=True, **_doc("Valeurs avant : champs modifiés, ou la fiche entière supprimée."))
    after = fields.Dict(allow_none=True, **_doc("Valeurs après : champs modifiés, ou la fiche entière créée."))


class ReplayStepOut(Schema):
    seq = fields.Integer(**_doc("Rang de l'entrée rejouée."))
    last_seq = fields.Integer(**_doc("Rang de la dernière entrée du journal."))
    entry = fields.Nested(JournalEntryOut, **_doc("L'entrée du journal à cette étape."))
    digest = fields.String(**_doc("Empreinte SHA-256 de l'état reconstruit (JSON canonique)."))
    changes = fields.List(fields.Nested(RecordChangeOut), **_doc("Ce que l'étape a changé, dans l'ordre."))
    state = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.Dict()),
        **_doc("L'état reconstruit : pour chaque table, ses enregistrements dans l'ordre des identifiants."),
    )
    problems = fields.List(fields.String(), **_doc("Incohérences rencontrées en rejouant (vide : aucune)."))


@replay_bp.route("/<int:sandbox_id>/replay/<int:seq>", methods=["GET"])
@replay_bp.response(200, ReplayStepOut)
@error_docs(replay_bp, 401, 403, 404)
def replay_step(sandbox_id: int, seq: int) -> dict[str, Any]:
    """Rejouer le bac à sable jusqu'à une étape

    L'état juste après l'entrée n° `seq`, reconstruit depuis l'état ensemencé et les changements
    journalisés (jamais lu dans les tables vivantes), avec les changements de cette étape. Réservé aux
    évaluateurs et au formateur de la session : 403 pour le candidat du bac à sable, 404 pour une étape inconnue.
    """
    step = replay.state_at(db_session(), current_actor(), sandbox_id, seq)
    return {
        "seq": step.seq,
        "last_seq": step.last_seq,
        "entry": entry_as_dict(step.entry),
        "digest": step.digest,
        "changes": [change.as_json() for change in step.changes],
        "state": {table: [rows[row_id] for row_id in sorted(rows)] for table, rows in sorted(step.state.items())},
        "problems": list(step.problems),
    }
