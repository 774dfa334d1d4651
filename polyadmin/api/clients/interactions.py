"""Contacts with a client (interactions) of a sandbox: record one, list them."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.documenting import error_docs, json_body_doc
from polyadmin.api.documenting import field_doc as _doc
from polyadmin.api.errors import json_body
from polyadmin.api.schemas import Instant
from polyadmin.context import db_session
from polyadmin.services import interactions
from polyadmin.validation.interactions import InteractionSchema

interactions_bp = api_blueprint(
    "api_interactions",
    __name__,
    "Contacts avec un client (date, canal, sens, motif, compte rendu) : historique du scénario et contacts "
    "enregistrés par le candidat.",
)


class InteractionOut(Schema):
    id = fields.Integer()
    client_id = fields.Integer()
    occurred_on = fields.Date(**_doc("Date du contact."))
    channel = fields.String(**_doc("telephone, email, courrier, agence ou sms."))
    channel_label = fields.String(**_doc("Libellé du canal en français."))
    direction = fields.String(**_doc("entrant ou sortant."))
    direction_label = fields.String(**_doc("Libellé du sens en français."))
    motive = fields.String(**_doc("Motif du contact."))
    summary = fields.String(**_doc("Compte rendu."))
    recorded_by = fields.String(allow_none=True, **_doc("Identifiant de qui l'a enregistré ; null : historique."))
    recorded_at = Instant(allow_none=True, **_doc("Instant de l'enregistrement (UTC) ; null : historique."))
    seeded = fields.Boolean(**_doc("Vrai pour l'historique apporté par le scénario."))


class InteractionListOut(Schema):
    items = fields.List(fields.Nested(InteractionOut), **_doc("Du plus récent au plus ancien."))
    total = fields.Integer()


@interactions_bp.route("/<int:sandbox_id>/clients/<int:client_id>/interactions", methods=["GET"])
@interactions_bp.response(200, InteractionListOut)
@error_docs(interactions_bp, 401, 404)
def list_interactions(sandbox_id: int, client_id: int) -> dict[str, Any]:
    """Lister les contacts d'un client

    Historique du scénario et contacts enregistrés, du plus récent au plus ancien.
    """
    session = db_session()
    found = interactions.list_interactions(session, current_actor(), sandbox_id, client_id)
    return {"items": interactions.interaction_views(session, found), "total": len(found)}


@interactions_bp.route("/<int:sandbox_id>/clients/<int:client_id>/interactions", methods=["POST"])
@json_body_doc(interactions_bp, InteractionSchema, "Contact à enregistrer.")
@interactions_bp.response(201, InteractionOut)
@error_docs(interactions_bp, 400, 401, 403, 404, 422)
def record_interaction(sandbox_id: int, client_id: int) -> tuple[dict[str, Any], int]:
    """Enregistrer un contact avec un client

    Réservé au candidat du bac à sable. La date vaut par défaut la date de la simulation et ne peut pas
    la dépasser. Le compte rendu ne doit contenir aucune donnée de santé. L'enregistrement est journalisé
    (action « interaction.record », code C1.8).
    """
    session = db_session()
    interaction = interactions.record_interaction(session, current_actor(), sandbox_id, client_id, json_body())
    return interactions.interaction_views(session, [interaction])[0], 201
