"""Encaissements: a payment on a contract (with its Idempotency-Key), the contract's ledger, the sandbox's
collections: load → service → dump. The payments service checks the rights, validates in French, writes and
journals (`payment.record`, C2A.4); same permissions, errors and journal as the pages.
"""

from __future__ import annotations

import re
from typing import Any

from flask import request, url_for

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.documenting import error_docs, json_body_doc, query_doc
from polyadmin.api.errors import json_body
from polyadmin.api.payments.schemas import CollectionsOut, LedgerOut, PaymentOut
from polyadmin.context import db_session
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.payments import PAYMENT_METHOD_LABELS
from polyadmin.services import payments as service
from polyadmin.validation.payments import IDEMPOTENCY_KEY_MAX, CollectionsQuery, PaymentSchema

payments_bp = api_blueprint(
    "api_payments",
    __name__,
    "Encaissements : paiements reçus sur un contrat et leur affectation aux échéances, compte du contrat et "
    "du client, vue des encaissements du bac à sable ; chaque paiement est journalisé (C2A.4).",
)

CONTRACT = "/<int:sandbox_id>/contracts/<int:contract_id>"
IDEMPOTENCY_HEADER = "Idempotency-Key"
_KEY = re.compile(rf"[\x21-\x7e]{{1,{IDEMPOTENCY_KEY_MAX}}}")


def _idempotency_key() -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None or _KEY.fullmatch(key) is None:
        raise InvalidInput(
            {
                IDEMPOTENCY_HEADER: [
                    f"En-tête obligatoire : une clé unique par paiement (1 à {IDEMPOTENCY_KEY_MAX} caractères "
                    "ASCII imprimables, sans espace), la même pour rejouer un paiement."
                ]
            }
        )
    return key


def payment_view(sandbox_id: int, recorded: service.Recorded) -> dict[str, Any]:
    payment = recorded.payment
    return {
        "id": payment.id,
        "contract_id": payment.contract_id,
        "contract_number": recorded.contract.number,
        "client_id": payment.client_id,
        "method": payment.method,
        "method_label": PAYMENT_METHOD_LABELS[payment.method],
        "amount": payment.amount,
        "received_on": payment.received_on,
        "reference": payment.reference,
        "allocations": [
            {
                "instalment_id": a.instalment_id,
                "number": a.number,
                "due_date": a.due_date,
                "amount": a.amount,
                "settled": a.settles,
            }
            for a in recorded.allocations
        ],
        "allocated": recorded.allocated,
        "credit": recorded.credit,
        "receipt_url": url_for(
            "web.client_document_pdf",
            sandbox_id=sandbox_id,
            client_id=recorded.receipt.client_id,
            document_id=recorded.receipt.id,
        )
        if recorded.receipt is not None
        else None,
        "replayed": recorded.replayed,
    }


@payments_bp.route(f"{CONTRACT}/payments", methods=["POST"])
@payments_bp.doc(
    parameters=[
        {
            "in": "header",
            "name": IDEMPOTENCY_HEADER,
            "required": True,
            "description": "Clé unique du paiement : la même clé rejoue le premier paiement sans rien enregistrer.",
            "schema": {"type": "string", "minLength": 1, "maxLength": IDEMPOTENCY_KEY_MAX, "pattern": "^[!-~]+$"},
        }
    ]
)
@json_body_doc(payments_bp, PaymentSchema, "Mode, montant (texte), date, référence, échéances choisies (facultatif).")
@payments_bp.response(201, PaymentOut)
@error_docs(payments_bp, 400, 401, 403, 404, 409, 415, 422)
def record_payment(sandbox_id: int, contract_id: int) -> tuple[dict[str, Any], int]:
    """Encaisser un paiement sur un contrat

    Carte, chèque, virement ou prélèvement SEPA ; le montant est affecté aux échéances ouvertes, les plus
    anciennes d'abord ou celles choisies dans l'ordre donné ; une échéance peut être payée en partie ; le
    trop-perçu reste au crédit du compte du client. Le reçu de paiement est édité. La même clé
    Idempotency-Key rejoue le premier paiement (200 au lieu de 201). Contrat résilié sans échéance due :
    409. Réservé au candidat ; journalisé (« payment.record », C2A.4).
    """
    key = _idempotency_key()
    recorded = service.record_payment(db_session(), current_actor(), sandbox_id, contract_id, json_body(), key)
    return payment_view(sandbox_id, recorded), 200 if recorded.replayed else 201


@payments_bp.route(f"{CONTRACT}/ledger", methods=["GET"])
@payments_bp.response(200, LedgerOut)
@error_docs(payments_bp, 401, 404)
def contract_ledger(sandbox_id: int, contract_id: int) -> dict[str, Any]:
    """Lire le compte d'un contrat

    Ses mouvements (encaissements +, affectations −) avec le solde courant, qui est toujours leur somme ;
    ses échéances avec ce que chacune a reçu et leur état à la date de la simulation.
    """
    ledger = service.contract_ledger(db_session(), current_actor(), sandbox_id, contract_id)
    return {
        "contract_id": ledger.contract.id,
        "contract_number": ledger.contract.number,
        "movements": [
            {
                "booked_on": line.booked_on,
                "kind": line.kind,
                "label": line.label,
                "amount": line.amount,
                "balance": line.balance,
                "payment_id": line.payment_id,
                "instalment_id": line.instalment_id,
                "reference": line.reference,
            }
            for line in ledger.lines
        ],
        "instalments": [
            {
                "id": i.id,
                "number": i.number,
                "due_date": i.due_date,
                "amount": i.amount,
                "received": i.received,
                "remaining": i.remaining,
                "state": i.state,
                "state_label": i.state_label,
            }
            for i in ledger.instalments
        ],
        "balance": ledger.balance,
        "client_balance": ledger.client_balance,
        "received": ledger.received,
        "outstanding": ledger.outstanding,
    }


@payments_bp.route("/<int:sandbox_id>/collections", methods=["GET"])
@query_doc(payments_bp, CollectionsQuery)
@payments_bp.response(200, CollectionsOut)
@error_docs(payments_bp, 401, 404, 422)
def collections(sandbox_id: int) -> dict[str, Any]:
    """Vue des encaissements du bac à sable

    Les échéances par état à la date de la simulation : à échoir, partiellement payées, en retard (échue
    et non soldée), payées, annulées (contrat résilié), avec leurs totaux exacts ; filtre `state`.
    """
    view = service.collections(db_session(), current_actor(), sandbox_id, dict(request.args))
    return {
        "business_date": view.business_date,
        "totals": [
            {
                "state": state,
                "label": label,
                "count": view.counts[state],
                "amount": view.totals[state],
                "remaining": view.remaining[state],
            }
            for state, label in service.STATE_LABELS.items()
        ],
        "terminated_contracts": view.terminated_contracts,
        "matching": view.matching,
        "items": [
            {
                "instalment_id": r.instalment_id,
                "contract_id": r.contract_id,
                "contract_number": r.contract_number,
                "contract_status": r.contract_status,
                "number": r.number,
                "due_date": r.due_date,
                "amount": r.amount,
                "received": r.received,
                "remaining": r.remaining,
                "state": r.state,
                "state_label": r.state_label,
            }
            for r in view.rows
        ],
    }
