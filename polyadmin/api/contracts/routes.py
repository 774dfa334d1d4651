"""The client's agreement, the issue of contracts, the contracts and the departments' tasks: load →
service → dump. The contracts service checks the rights, validates in French, writes and journals
(`quote.agreement`, `contract.issue`, `task.close`); same permissions, errors and journal as the pages.
"""

from __future__ import annotations

import re
from typing import Any

from flask import current_app, request

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.clients.documents import ClientDocumentOut, document_out
from polyadmin.api.contracts import views
from polyadmin.api.contracts.schemas import (
    AgreementOut,
    ContractOut,
    ContractPageOut,
    ContractQuery,
    ContractTerminationOut,
    EndorsementListOut,
    EndorsementOut,
    EndorsementPreviewOut,
    IssueOut,
    TaskListOut,
    TaskOut,
)
from polyadmin.api.documenting import error_docs, json_body_doc, query_doc
from polyadmin.api.errors import json_body
from polyadmin.context import db_session
from polyadmin.domain.errors import InvalidInput
from polyadmin.services import contracts as service
from polyadmin.services import endorsements, terminations
from polyadmin.store.offers import Quote
from polyadmin.validation.contracts import IDEMPOTENCY_KEY_MAX, AgreementSchema, IssueSchema, TaskQuery
from polyadmin.validation.endorsements import EndorsementListQuery, EndorsementSchema
from polyadmin.validation.french import FrenchSchema, load_or_raise
from polyadmin.validation.terminations import ContractTerminationSchema

contracts_bp = api_blueprint(
    "api_contracts",
    __name__,
    "Accord du client sur un devis, émission des contrats (échéancier, mandat SEPA, tâches des services), "
    "contrats du bac à sable et tâches ; chaque action est journalisée (C2A.4, C1.9).",
)

QUOTE = "/<int:sandbox_id>/quotes/<int:quote_id>"
IDEMPOTENCY_HEADER = "Idempotency-Key"
_KEY = re.compile(rf"[\x21-\x7e]{{1,{IDEMPOTENCY_KEY_MAX}}}")  # printable ASCII, no space


class CloseBody(FrenchSchema):
    """Closing a task carries nothing but its date, the simulation's: the body is `{}` or empty."""


def _idempotency_key() -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None or _KEY.fullmatch(key) is None:
        raise InvalidInput(
            {
                IDEMPOTENCY_HEADER: [
                    f"En-tête obligatoire : une clé unique par émission (1 à {IDEMPOTENCY_KEY_MAX} caractères "
                    "ASCII imprimables, sans espace), la même pour rejouer une émission."
                ]
            }
        )
    return key


@contracts_bp.route(f"{QUOTE}/agreement", methods=["POST"])
@json_body_doc(contracts_bp, AgreementSchema, "Date de l'accord, canal, mode de signature (facultatif).")
@contracts_bp.response(200, AgreementOut)
@error_docs(contracts_bp, 400, 401, 403, 404, 409, 415, 422)
def record_agreement(sandbox_id: int, quote_id: int) -> dict[str, Any]:
    """Enregistrer l'accord du client sur un devis

    Sur la version en cours du devis : date (entre le devis et la date de la simulation, dans sa validité),
    canal (hors agence : vente à distance, délai de renonciation de 14 jours, art. L112-2-1) et mode de
    signature. La version devient acceptée. 409 si l'accord est déjà enregistré. Réservé au candidat ;
    journalisé (« quote.agreement », C2A.4).
    """
    session = db_session()
    version = service.record_agreement(session, current_actor(), sandbox_id, quote_id, json_body())
    quote = session.get(Quote, version.quote_id)
    assert quote is not None
    return views.agreement_view(quote, version)


@contracts_bp.route(f"{QUOTE}/issue", methods=["POST"])
@contracts_bp.doc(
    parameters=[
        {
            "in": "header",
            "name": IDEMPOTENCY_HEADER,
            "required": True,
            "description": "Clé unique de l'émission : la même clé rejoue la première réponse sans rien émettre.",
            "schema": {"type": "string", "minLength": 1, "maxLength": IDEMPOTENCY_KEY_MAX, "pattern": "^[!-~]+$"},
        }
    ]
)
@json_body_doc(contracts_bp, IssueSchema, "Mode de paiement ; IBAN et BIC pour un prélèvement SEPA.")
@contracts_bp.response(201, IssueOut)
@error_docs(contracts_bp, 400, 401, 403, 404, 409, 415, 422)
def issue_contracts(sandbox_id: int, quote_id: int) -> tuple[dict[str, Any], int]:
    """Émettre les contrats d'un devis accepté

    Un contrat par ligne retenue, au tarif figé du devis : date d'effet, échéance principale, reconduction
    tacite, garanties et primes, échéancier ; un mandat SEPA pour un prélèvement ; une tâche pour
    l'encaissement (prélèvement) et l'archivage. Refusé (422, avec chaque raison) pour un devis expiré, non
    accepté ou remplacé, une demande refusée, non décidée ou dont les règles bloquantes, les pièces ou
    l'avis d'un expert s'y opposent, sans les garanties obligatoires. Déjà émis : 409. La même clé
    Idempotency-Key rejoue la première réponse. Réservé au candidat ; journalisé (« contract.issue »,
    C2A.4, C1.9).
    """
    key = _idempotency_key()
    session, actor = db_session(), current_actor()
    issued = service.issue_contracts(session, actor, sandbox_id, quote_id, json_body(), key=key)
    details = [service.get_contract(session, actor, sandbox_id, contract.id) for contract in issued.contracts]
    return {"contracts": [views.contract_view(detail) for detail in details]}, 201


@contracts_bp.route("/<int:sandbox_id>/contracts", methods=["GET"])
@query_doc(contracts_bp, ContractQuery)
@contracts_bp.response(200, ContractPageOut)
@error_docs(contracts_bp, 401, 404, 422)
def list_contracts(sandbox_id: int) -> dict[str, Any]:
    """Lister les contrats du bac à sable

    Les plus récents d'abord ; `issued=true` ne garde que les contrats émis depuis un devis.
    """
    query = load_or_raise(ContractQuery(), request.args)
    found = service.list_contracts(
        db_session(), current_actor(), sandbox_id, query["page"], query["per_page"], issued_only=query["issued"]
    )
    return {
        "items": [views.summary_view(contract) for contract in found.items],
        "total": found.total,
        "page": found.page,
        "per_page": found.per_page,
        "pages": found.pages,
    }


@contracts_bp.route("/<int:sandbox_id>/contracts/<int:contract_id>", methods=["GET"])
@contracts_bp.response(200, ContractOut)
@error_docs(contracts_bp, 401, 404)
def get_contract(sandbox_id: int, contract_id: int) -> dict[str, Any]:
    """Consulter un contrat

    Dates, garanties et primes (au tarif figé pour un contrat émis), échéancier, mandat SEPA, accord du
    client et délai de renonciation.
    """
    return views.contract_view(service.get_contract(db_session(), current_actor(), sandbox_id, contract_id))


@contracts_bp.route("/<int:sandbox_id>/contracts/<int:contract_id>/documents", methods=["GET"])
@contracts_bp.response(200, ClientDocumentOut(many=True))
@error_docs(contracts_bp, 401, 404)
def list_contract_documents(sandbox_id: int, contract_id: int) -> list[dict[str, Any]]:
    """Lister les documents d'un contrat

    Conditions particulières et mandat SEPA (à retourner signés), attestation, échéancier et lettre de
    bienvenue édités à l'émission : chacun avec son état (édité, transmis, reçu) et l'adresse de son PDF.
    """
    days = int(current_app.config["DOCUMENT_REMINDER_DAYS"])
    lines = service.contract_documents(db_session(), current_actor(), sandbox_id, contract_id, days)
    return [document_out(line) for line in lines]


@contracts_bp.route("/<int:sandbox_id>/contracts/<int:contract_id>/termination", methods=["POST"])
@json_body_doc(
    contracts_bp, ContractTerminationSchema, "Motif légal et dates (lettre, réception, événement, avis d'échéance)."
)
@contracts_bp.response(201, ContractTerminationOut)
@error_docs(contracts_bp, 400, 401, 403, 404, 409, 415, 422)
def terminate_contract(sandbox_id: int, contract_id: int) -> tuple[dict[str, Any], int]:
    """Résilier un contrat

    Sur un motif légal : annuelle (L113-12), Chatel (L113-15-1), Hamon (L113-15-2), vente du véhicule
    (L121-11), changement de situation (L113-16), Lemoine pour l'assurance emprunteur (L113-12-2),
    renonciation dans les 14 jours (L112-2-1 / L112-9), par l'assureur après sinistre (R113-10) ou pour
    non-paiement (L113-3). Chaque motif calcule sa date d'effet ; la prime non acquise (au prorata des jours)
    devient un remboursement à payer sous 30 jours ; les échéances à venir sont annulées ; la lettre de
    résiliation est éditée. Motif qui ne s'applique pas ou contrat déjà résilié : 409 avec la raison ; date
    manquante, incohérente ou postérieure à la date de la simulation : 422. Réservé au candidat ;
    journalisé (« contract.terminate », C2A.4).
    """
    recorded = terminations.terminate_contract(db_session(), current_actor(), sandbox_id, contract_id, json_body())
    return views.termination_view(recorded), 201


ENDORSEMENTS = "/<int:sandbox_id>/contracts/<int:contract_id>/endorsements"


@contracts_bp.route(f"{ENDORSEMENTS}/preview", methods=["POST"])
@json_body_doc(contracts_bp, EndorsementSchema, "Date d'effet, modifications, justification d'une rétroactivité.")
@contracts_bp.response(200, EndorsementPreviewOut)
@error_docs(contracts_bp, 400, 401, 403, 404, 409, 415, 422)
def preview_endorsement(sandbox_id: int, contract_id: int) -> dict[str, Any]:
    """Prévisualiser un avenant

    Rien n'est enregistré : le contrat avant et après (garanties, primes annuelles), la différence de prime
    au prorata des jours restants de la période annuelle en cours, ses taxes, et sa régularisation (sur les
    échéances restantes, par quittance séparée ou remboursement, selon le produit). Contrat résilié ou
    suspendu, avenant postérieur déjà en vigueur : 409 ; date d'effet avant le début du contrat, rétroactivité
    au-delà de la fenêtre du produit sans justification, garantie obligatoire retirée : 422.
    """
    preview = endorsements.preview_endorsement(db_session(), current_actor(), sandbox_id, contract_id, json_body())
    return views.endorsement_preview_view(preview)


@contracts_bp.route(ENDORSEMENTS, methods=["POST"])
@json_body_doc(contracts_bp, EndorsementSchema, "Date d'effet, modifications, justification d'une rétroactivité.")
@contracts_bp.response(201, EndorsementOut)
@error_docs(contracts_bp, 400, 401, 403, 404, 409, 415, 422)
def record_endorsement(sandbox_id: int, contract_id: int) -> tuple[dict[str, Any], int]:
    """Valider un avenant

    Écrit la nouvelle version du contrat, met à jour ses conditions et sa prime, ajuste les échéances
    restantes (ou émet une quittance séparée, ou une tâche de remboursement) et édite l'avenant. Mêmes refus
    que la prévisualisation. Réservé au candidat ; journalisé (« contract.endorse », C2A.4).
    """
    row = endorsements.record_endorsement(db_session(), current_actor(), sandbox_id, contract_id, json_body())
    return views.endorsement_view(row), 201


@contracts_bp.route(f"{ENDORSEMENTS}/<int:endorsement_id>/cancel", methods=["POST"])
@json_body_doc(contracts_bp, CloseBody, "Rien à préciser : corps vide ou {}.")
@contracts_bp.response(200, EndorsementOut)
@error_docs(contracts_bp, 400, 401, 403, 404, 409, 415, 422)
def cancel_endorsement(sandbox_id: int, contract_id: int, endorsement_id: int) -> dict[str, Any]:
    """Annuler un avenant

    Seul le dernier avenant en vigueur s'annule : le contrat reprend ses conditions et sa prime, les
    échéances encore dues leur montant. Déjà annulé, ou un avenant plus récent existe : 409. Réservé au
    candidat ; journalisé (« contract.endorsement_cancel », C2A.4).
    """
    load_or_raise(CloseBody(), json_body())
    row = endorsements.cancel_endorsement(db_session(), current_actor(), sandbox_id, contract_id, endorsement_id)
    return views.endorsement_view(row)


@contracts_bp.route(ENDORSEMENTS, methods=["GET"])
@query_doc(contracts_bp, EndorsementListQuery)
@contracts_bp.response(200, EndorsementListOut)
@error_docs(contracts_bp, 401, 404, 422)
def list_endorsements(sandbox_id: int, contract_id: int) -> dict[str, Any]:
    """Lister les avenants d'un contrat

    Par version, annulés compris ; avec `?on=AAAA-MM-JJ`, l'état du contrat à cette date (la version qui
    s'applique, ses conditions et sa prime).
    """
    query = load_or_raise(EndorsementListQuery(), dict(request.args))
    session, actor = db_session(), current_actor()
    rows = endorsements.list_endorsements(session, actor, sandbox_id, contract_id)
    version_on = None
    if query["on"] is not None:
        at = endorsements.terms_at(session, actor, sandbox_id, contract_id, query["on"])
        version_on = {
            "on": query["on"],
            "version": at.version,
            "formula": at.terms.formula,
            "frequency": at.terms.frequency,
            "annual_total": at.annual_total,
            "risk": at.terms.risk,
        }
    return {"items": [views.endorsement_view(row) for row in rows], "total": len(rows), "version_on": version_on}


@contracts_bp.route("/<int:sandbox_id>/tasks", methods=["GET"])
@query_doc(contracts_bp, TaskQuery)
@contracts_bp.response(200, TaskListOut)
@error_docs(contracts_bp, 401, 404, 422)
def list_tasks(sandbox_id: int) -> dict[str, Any]:
    """Lister les tâches des services

    Encaissement (mise en place d'un prélèvement) et archivage des dossiers émis ; à faire d'abord, par
    échéance.
    """
    session = db_session()
    tasks = service.list_tasks(session, current_actor(), sandbox_id, dict(request.args))
    items = [views.task_view(task, service.task_link(session, task)) for task in tasks]
    return {"items": items, "total": len(items)}


@contracts_bp.route("/<int:sandbox_id>/tasks/<int:task_id>/close", methods=["POST"])
@json_body_doc(contracts_bp, CloseBody, "Rien à préciser : corps vide ou {}.")
@contracts_bp.response(200, TaskOut)
@error_docs(contracts_bp, 400, 401, 403, 404, 409, 415, 422)
def close_task(sandbox_id: int, task_id: int) -> dict[str, Any]:
    """Clore une tâche

    La tâche est faite à la date de la simulation ; la clore deux fois : 409. Réservé au candidat ;
    journalisé (« task.close », C2A.4).
    """
    load_or_raise(CloseBody(), json_body())
    session = db_session()
    task = service.close_task(session, current_actor(), sandbox_id, task_id)
    return views.task_view(task, service.task_link(session, task))
