"""Client records (fiches clients) of a sandbox, and the sandbox's journal."""

from __future__ import annotations

import re
from typing import Any

from flask import Response, request

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.clients.schemas import ClientOut, ClientPageOut, ClientQuery, ClientUpdateBody
from polyadmin.api.documenting import error_docs, json_body_doc, query_doc
from polyadmin.api.errors import ApiError, json_body
from polyadmin.api.schemas import JournalPageOut, VerdictOut
from polyadmin.context import db_session
from polyadmin.journal.reader import entry_as_dict
from polyadmin.services import clients, journal
from polyadmin.store.models import Client
from polyadmin.validation.clients import ClientSchema
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.sessions import JournalExportFilterSchema, JournalFilterSchema

clients_bp = api_blueprint("api_clients", __name__, "Fiches clients d'un bac à sable (particuliers et entreprises).")
journal_bp = api_blueprint("api_journal", __name__, "Journal des actions d'un bac à sable : lecture et vérification.")
platform_journal_bp = api_blueprint(
    "api_platform_journal", __name__, "Journal de la plateforme (comptes, sessions, jetons) : vérification."
)

_VERSION_RE = re.compile(r'^(?:W/)?"?(\d{1,9})"?$')

IF_MATCH_DOC = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "Version de la fiche lue (champ « version » ou en-tête ETag) : refus 409 si elle a changé depuis.",
}


def client_response(client: Client, status: int = 200) -> tuple[dict[str, Any], int, dict[str, str]]:
    return clients.client_view(client), status, {"ETag": f'"{client.version}"'}


def expected_version() -> int | None:
    raw = request.headers.get("If-Match")
    if raw is None or raw.strip() == "*":
        return None
    match = _VERSION_RE.match(raw.strip())
    if match is None:
        raise ApiError(400, 'En-tête If-Match invalide : indiquez la version de la fiche (ex. If-Match: "3").')
    return int(match.group(1))


@clients_bp.route("/<int:sandbox_id>/clients", methods=["GET"])
@query_doc(clients_bp, ClientQuery)
@clients_bp.response(200, ClientPageOut)
@error_docs(clients_bp, 401, 404, 422)
def find_clients(sandbox_id: int) -> dict[str, Any]:
    """Rechercher des clients

    Par nom (sans tenir compte des accents), numéro, code postal, immatriculation d'un véhicule (AA-123-AA,
    avec ou sans tirets), courriel ou SIREN ; résultats paginés.
    """
    query = load_or_raise(ClientQuery(), request.args)
    found = clients.find_clients(
        db_session(), current_actor(), sandbox_id, query["q"], query["page"], query["per_page"]
    )
    return {
        "items": [clients.client_view(client) for client in found.items],
        "total": found.total,
        "page": found.page,
        "per_page": found.per_page,
        "pages": found.pages,
    }


@clients_bp.route("/<int:sandbox_id>/clients", methods=["POST"])
@json_body_doc(
    clients_bp,
    ClientSchema,
    "Fiche client complète. Particulier (kind = person) : civility, first_name, last_name et birth_date "
    "obligatoires, champs d'entreprise refusés ; entreprise (kind = company) : company_name, siren et "
    "legal_form obligatoires, champs de particulier refusés. Le canal préféré exige son coordonnée "
    "(email, phone, ou adresse postale complète pour courrier). Tous les problèmes sont signalés ensemble (422).",
)
@clients_bp.response(201, ClientOut)
@error_docs(clients_bp, 400, 401, 403, 404, 422)
def create_client(sandbox_id: int) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Créer une fiche client

    Réservé au candidat du bac à sable ; le numéro vient de la séquence du bac à sable.
    """
    return client_response(clients.create_client(db_session(), current_actor(), sandbox_id, json_body()), 201)


@clients_bp.route("/<int:sandbox_id>/clients/<int:client_id>", methods=["GET"])
@clients_bp.response(200, ClientOut)
@error_docs(clients_bp, 401, 404)
def get_client(sandbox_id: int, client_id: int) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Consulter une fiche client"""
    return client_response(clients.get_client(db_session(), current_actor(), sandbox_id, client_id))


@clients_bp.route("/<int:sandbox_id>/clients/<int:client_id>", methods=["PATCH"])
@clients_bp.doc(parameters=[IF_MATCH_DOC])
@json_body_doc(clients_bp, ClientUpdateBody, "Champs à modifier (les autres restent ; le type ne change pas).")
@clients_bp.response(200, ClientOut)
@error_docs(clients_bp, 400, 401, 403, 404, 409, 422)
def update_client(sandbox_id: int, client_id: int) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Modifier une fiche client

    Réservé au candidat du bac à sable. Avec « If-Match », la modification est refusée (409) si la fiche
    a changé depuis sa lecture. Une modification qui ne change rien n'écrit rien au journal.
    """
    version = expected_version()
    client = clients.update_client(
        db_session(), current_actor(), sandbox_id, client_id, json_body(), expected_version=version
    )
    return client_response(client)


@journal_bp.route("/<int:sandbox_id>/journal", methods=["GET"])
@query_doc(journal_bp, JournalFilterSchema)
@journal_bp.response(200, JournalPageOut)
@error_docs(journal_bp, 401, 404, 422)
def sandbox_journal(sandbox_id: int) -> dict[str, Any]:
    """Lire le journal du bac à sable

    Filtres : action (préfixe, ex. « client. »), fiche (ex. « client:12 »), code du référentiel
    (ex. « C1.8 »), période de dates de simulation ; résultats paginés dans l'ordre du journal.
    """
    found = journal.sandbox_journal(db_session(), current_actor(), sandbox_id, request.args)
    return {
        "items": [entry_as_dict(entry) for entry in found.items],
        "total": found.total,
        "page": found.page,
        "per_page": found.per_page,
        "pages": found.pages,
    }


EXPORT_FILE = {"type": "string", "format": "binary"}


def _export(sandbox_id: int, fmt: str, mimetype: str) -> Response:
    params = dict(request.args.items())
    text = journal.export_journal(db_session(), current_actor(), sandbox_id, params, fmt)
    response = Response(text.encode("utf-8"), content_type=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="journal-bac-{sandbox_id}.{fmt}"'
    return response


@journal_bp.route("/<int:sandbox_id>/journal/export.jsonl", methods=["GET"])
@query_doc(journal_bp, JournalExportFilterSchema)
@journal_bp.response(200, EXPORT_FILE, content_type="application/x-ndjson", description="Une entrée par ligne.")
@error_docs(journal_bp, 401, 404, 422)
def export_journal_jsonl(sandbox_id: int) -> Response:
    """Exporter le journal en JSON Lines

    Les entrées (filtrées comme la lecture du journal, sans pagination), une par ligne, avec tous les
    champs scellés : le format de « polyadmin journal export ». Lecture seule : rien n'est écrit au journal.
    """
    return _export(sandbox_id, "jsonl", "application/x-ndjson")


@journal_bp.route("/<int:sandbox_id>/journal/export.csv", methods=["GET"])
@query_doc(journal_bp, JournalExportFilterSchema)
@journal_bp.response(200, EXPORT_FILE, content_type="text/csv", description="Tableur français (UTF-8 avec BOM, « ; »).")
@error_docs(journal_bp, 401, 404, 422)
def export_journal_csv(sandbox_id: int) -> Response:
    """Exporter le journal en CSV

    Les entrées filtrées, lisibles (action en français, enregistrement par son numéro et son nom, saisie,
    résultat, modifications avant → après) puis tous les champs scellés pour la vérification ; UTF-8 avec
    BOM, séparateur « ; ». Lecture seule : rien n'est écrit au journal.
    """
    return _export(sandbox_id, "csv", "text/csv")


@journal_bp.route("/<int:sandbox_id>/journal/verify", methods=["GET"])
@journal_bp.response(200, VerdictOut)
@error_docs(journal_bp, 401, 404, 503)
def verify_journal(sandbox_id: int) -> dict[str, object]:
    """Vérifier l'intégrité du journal

    Contrôle la suite des numéros, le chaînage et le sceau HMAC-SHA256 de chaque entrée, la première
    entrée (ouverture du bac à sable) et la tête du journal face au dernier point de contrôle gardé
    hors de la base.
    """
    return journal.verify_sandbox_journal(db_session(), current_actor(), sandbox_id).as_dict()


@platform_journal_bp.route("/platform/verify", methods=["GET"])
@platform_journal_bp.response(200, VerdictOut)
@error_docs(platform_journal_bp, 401, 403, 503)
def verify_platform_journal() -> dict[str, object]:
    """Vérifier l'intégrité du journal de la plateforme

    Réservé aux administrateurs. Mêmes contrôles que pour un bac à sable, sur le journal des comptes,
    des sessions d'examen, des jetons d'API et des catalogues.
    """
    return journal.verify_platform_journal(db_session(), current_actor()).as_dict()
