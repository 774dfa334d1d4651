"""The documents edited for a client and their life (C1.9): list them, record their transmission,
their reception (or signature), and remind the client."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for
from marshmallow import Schema, fields

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.documenting import error_docs, json_body_doc
from polyadmin.api.documenting import field_doc as _doc
from polyadmin.api.errors import json_body
from polyadmin.context import db_session
from polyadmin.services import client_documents
from polyadmin.validation.client_documents import ReceiptSchema, TransmissionSchema
from polyadmin.validation.french import FrenchSchema, load_or_raise

client_documents_bp = api_blueprint(
    "api_client_documents",
    __name__,
    "Documents édités pour un client (devis, conseil, conditions particulières, attestation, courriers) : "
    "transmission, réception ou signature, relances.",
)


class ClientDocumentOut(Schema):
    id = fields.Integer()
    client_id = fields.Integer()
    kind = fields.String(**_doc("Type de document (quote, advice, conditions_particulieres, decline_letter…)."))
    kind_label = fields.String(**_doc("Type de document en français."))
    title = fields.String(**_doc("Intitulé du document."))
    version = fields.Integer(**_doc("Numéro d'édition de ce document pour sa source."))
    fingerprint = fields.String(allow_none=True, **_doc("Empreinte SHA-256 du PDF édité."))
    status = fields.String(**_doc("edited, transmitted ou received."))
    status_label = fields.String(**_doc("État en français (« Reçu signé » pour un document à signer reçu)."))
    signature_required = fields.Boolean(**_doc("Vrai si le client doit retourner le document signé."))
    edited_on = fields.Date(**_doc("Date d'édition (date de la simulation)."))
    transmitted_channel = fields.String(allow_none=True, **_doc("Canal de transmission."))
    transmitted_on = fields.Date(allow_none=True, **_doc("Date de transmission."))
    received_on = fields.Date(allow_none=True, **_doc("Date de réception ou de signature."))
    reminders = fields.Integer(**_doc("Nombre de relances."))
    last_reminder_on = fields.Date(allow_none=True, **_doc("Date de la dernière relance."))
    reminder_due = fields.Boolean(**_doc("Vrai si une relance est due (document à signer non retourné)."))
    url = fields.String(**_doc("Adresse du PDF du document (pages web)."))


class ClientDocumentListOut(Schema):
    items = fields.List(fields.Nested(ClientDocumentOut), **_doc("Du plus récent au plus ancien."))
    total = fields.Integer()


def document_out(line: client_documents.DocumentLine) -> dict[str, Any]:
    document = line.document
    return {
        "id": document.id,
        "client_id": document.client_id,
        "kind": document.kind,
        "kind_label": line.kind_label,
        "title": document.title,
        "version": document.version,
        "fingerprint": document.fingerprint,
        "status": document.status,
        "status_label": line.status_label,
        "signature_required": document.signature_required,
        "edited_on": document.edited_on,
        "transmitted_channel": document.transmitted_channel,
        "transmitted_on": document.transmitted_on,
        "received_on": document.received_on,
        "reminders": document.reminders,
        "last_reminder_on": document.last_reminder_on,
        "reminder_due": line.reminder_due,
        "url": url_for(
            "web.client_document_pdf",
            sandbox_id=document.sandbox_id,
            client_id=document.client_id,
            document_id=document.id,
        ),
    }


def _reminder_days() -> int:
    return int(current_app.config["DOCUMENT_REMINDER_DAYS"])


def _one(sandbox_id: int, document_id: int) -> dict[str, Any]:
    lines = client_documents.list_for_client(
        db_session(),
        current_actor(),
        sandbox_id,
        client_documents.document_for(db_session(), current_actor(), sandbox_id, document_id).client_id,
        _reminder_days(),
    )
    return document_out(next(line for line in lines if line.document.id == document_id))


@client_documents_bp.route("/<int:sandbox_id>/clients/<int:client_id>/documents", methods=["GET"])
@client_documents_bp.response(200, ClientDocumentListOut)
@error_docs(client_documents_bp, 401, 404)
def list_client_documents(sandbox_id: int, client_id: int) -> dict[str, Any]:
    """Lister les documents édités pour un client

    Chaque document avec son état (édité, transmis, reçu), son canal et ses dates, ses relances.
    """
    lines = client_documents.list_for_client(db_session(), current_actor(), sandbox_id, client_id, _reminder_days())
    return {"items": [document_out(line) for line in lines], "total": len(lines)}


@client_documents_bp.route("/<int:sandbox_id>/documents/<int:document_id>/transmissions", methods=["POST"])
@json_body_doc(client_documents_bp, TransmissionSchema, "Canal et date de la transmission.")
@client_documents_bp.response(201, ClientDocumentOut)
@error_docs(client_documents_bp, 400, 401, 403, 404, 409, 422)
def transmit_document(sandbox_id: int, document_id: int) -> tuple[dict[str, Any], int]:
    """Enregistrer la transmission d'un document au client

    Réservé au candidat du bac à sable. La date ne peut ni suivre la date de la simulation ni précéder
    l'édition ; un document déjà transmis est refusé (409). Journalisé (« document.transmit », C1.9).
    """
    client_documents.transmit(db_session(), current_actor(), sandbox_id, document_id, json_body())
    return _one(sandbox_id, document_id), 201


@client_documents_bp.route("/<int:sandbox_id>/documents/<int:document_id>/receipt", methods=["POST"])
@json_body_doc(client_documents_bp, ReceiptSchema, "Date de réception (ou de signature).")
@client_documents_bp.response(200, ClientDocumentOut)
@error_docs(client_documents_bp, 400, 401, 403, 404, 409, 422)
def receive_document(sandbox_id: int, document_id: int) -> dict[str, Any]:
    """Enregistrer la réception d'un document retourné par le client

    Réservé au candidat du bac à sable ; le document doit avoir été transmis (409 sinon). La date ne
    peut ni suivre la date de la simulation ni précéder la transmission. Journalisé
    (« document.receipt », C1.9).
    """
    client_documents.receive(db_session(), current_actor(), sandbox_id, document_id, json_body())
    return _one(sandbox_id, document_id)


class DocumentReminderBody(FrenchSchema):
    """A reminder takes no field: an empty body or {}."""


@client_documents_bp.route("/<int:sandbox_id>/documents/<int:document_id>/reminders", methods=["POST"])
@json_body_doc(client_documents_bp, DocumentReminderBody, "Rien à préciser : corps vide ou {}.")
@client_documents_bp.response(201, ClientDocumentOut)
@error_docs(client_documents_bp, 400, 401, 403, 404, 409, 422)
def remind_document(sandbox_id: int, document_id: int) -> tuple[dict[str, Any], int]:
    """Relancer le client pour un document non retourné

    Réservé au candidat du bac à sable ; refusé (409) avant la transmission et après la réception.
    Journalisé (« document.reminder », C1.9).
    """
    load_or_raise(DocumentReminderBody(), json_body())
    client_documents.remind(db_session(), current_actor(), sandbox_id, document_id)
    return _one(sandbox_id, document_id), 201
