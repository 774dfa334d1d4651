"""Subscription requests of a sandbox and their casework: load → service → dump.

The casework services (`polyadmin.services.casework`) check the rights, validate in French, write and
journal (record `request:<id>`); the portfolio service lists and reads the requests. Same permissions,
errors and journal as the pages.
"""

from __future__ import annotations

from typing import Any

from flask import Response, request

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.documenting import error_docs, json_body_doc, query_doc
from polyadmin.api.errors import json_body
from polyadmin.api.requests import views
from polyadmin.api.requests.schemas import (
    AnalysisOut,
    CorrectionOut,
    DecisionOut,
    DocumentCheckOut,
    DocumentRequestOut,
    NonConformityOut,
    ReferralListOut,
    ReferralOut,
    RequestOut,
    RequestPageOut,
    RequestQuery,
)
from polyadmin.context import db_session
from polyadmin.domain.catalogue import Product
from polyadmin.services import analysis, casework, letters, portfolio, sandboxes
from polyadmin.services.catalogue import catalogue_for
from polyadmin.store.portfolio import SubscriptionRequest
from polyadmin.validation.casework import (
    CorrectionSchema,
    DecisionSchema,
    DocumentCheckSchema,
    DocumentRequestSchema,
    ExpertAnswerSchema,
    NonConformitySchema,
    ReferralSchema,
)
from polyadmin.validation.french import FrenchSchema, load_or_raise

requests_bp = api_blueprint(
    "api_requests",
    __name__,
    "Demandes de souscription d'un bac à sable : corbeille, instruction (pièces, analyse, transmissions aux "
    "experts, décision, non-conformités) ; chaque action est journalisée sur la demande (C2A.1, C2A.2).",
)

REQUEST = "/<int:sandbox_id>/requests/<int:request_id>"


# A letter is answered as its PDF, documented as a binary string (not JSON).
PDF_SCHEMA = {"type": "string", "format": "binary"}


def _pdf(rendered: letters.RenderedLetter) -> Response:
    response = Response(rendered.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


class ReminderBody(FrenchSchema):
    """A reminder (relance) carries nothing but its date, the simulation's: the body is `{}` or empty."""


def _product_of(sandbox_id: int, request_id: int) -> Product | None:
    """The request's product in the sandbox's pinned catalogue (its names for the documents), read after
    the service has let the actor act on the request."""
    session = db_session()
    found = session.get(SubscriptionRequest, request_id)
    return catalogue_for(session, current_actor(), sandbox_id).product(found.product_code) if found else None


@requests_bp.route("/<int:sandbox_id>/requests", methods=["GET"])
@query_doc(requests_bp, RequestQuery)
@requests_bp.response(200, RequestPageOut)
@error_docs(requests_bp, 401, 404, 422)
def list_requests(sandbox_id: int) -> dict[str, Any]:
    """Lister les demandes de souscription (corbeille)

    Dans l'ordre d'arrivée ou de date limite de traitement ; filtres par statut et par retard sur la date
    de la simulation. Évaluateurs et formateurs voient aussi le cas planté et son issue attendue.
    """
    query = load_or_raise(RequestQuery(), request.args)
    session, actor = db_session(), current_actor()
    found = portfolio.list_requests(
        session,
        actor,
        sandbox_id,
        query["page"],
        query["per_page"],
        status=query["status"],
        overdue=query["overdue"],
        sort=query["sort"],
    )
    _box, access = sandboxes.get_sandbox(session, actor, sandbox_id)
    evaluation = portfolio.sees_evaluation(actor, access)
    return {
        "items": [views.summary_view(item, evaluation) for item in found.items],
        "total": found.total,
        "page": found.page,
        "per_page": found.per_page,
        "pages": found.pages,
    }


@requests_bp.route(REQUEST, methods=["GET"])
@requests_bp.response(200, RequestOut)
@error_docs(requests_bp, 401, 404)
def get_request(sandbox_id: int, request_id: int) -> dict[str, Any]:
    """Consulter une demande (espace d'instruction)

    Statut, date limite et retard, données déclarées, pièces avec leur lecture par l'analyse et leurs
    contradictions, contrôles, pièces réclamées, transmissions et réponses des experts, décision,
    non-conformités. Lire la demande n'écrit rien au journal.
    """
    session, actor = db_session(), current_actor()
    detail = portfolio.get_request(session, actor, sandbox_id, request_id)
    work = None if detail.request.upcoming else casework.workspace(session, actor, sandbox_id, request_id)
    return views.request_view(detail, work)


@requests_bp.route(f"{REQUEST}/analysis", methods=["GET"])
@requests_bp.response(200, AnalysisOut)
@error_docs(requests_bp, 401, 404)
def get_analysis(sandbox_id: int, request_id: int) -> dict[str, Any]:
    """Analyser une demande (règles, pièces, délégation, score)

    Les règles d'acceptation déclenchées avec les valeurs qui les ont fait jouer, les pièces exigées, la
    délégation du candidat et le score d'aide à la décision (une aide, jamais la décision). La première
    consultation par le candidat est journalisée (« request.consult », C2A.1), une seule fois par demande.
    """
    session, actor = db_session(), current_actor()
    casework.consult(session, actor, sandbox_id, request_id, {"what": "analysis"})
    return views.analysis_view(analysis.analyse_request(session, actor, sandbox_id, request_id))


@requests_bp.route(f"{REQUEST}/document-checks", methods=["POST"])
@json_body_doc(requests_bp, DocumentCheckSchema, "Pièce contrôlée (ou code d'une pièce manquante), constat, motif.")
@requests_bp.response(201, DocumentCheckOut)
@error_docs(requests_bp, 400, 401, 403, 404, 409, 422)
def check_document(sandbox_id: int, request_id: int) -> tuple[dict[str, Any], int]:
    """Contrôler une pièce justificative

    Constat conforme, non conforme, manquant ou périmé, avec son motif. Réservé au candidat ; journalisé
    (« request.document_check », C2A.1, C1.8). 409 sur une demande décidée ou clôturée.
    """
    row = casework.check_document(db_session(), current_actor(), sandbox_id, request_id, json_body())
    return views.check_view(row, _product_of(sandbox_id, request_id)), 201


@requests_bp.route(f"{REQUEST}/document-requests", methods=["POST"])
@json_body_doc(requests_bp, DocumentRequestSchema, "Pièces à réclamer (codes du produit), date limite, canal, message.")
@requests_bp.response(201, DocumentRequestOut)
@error_docs(requests_bp, 400, 401, 403, 404, 409, 422)
def request_documents(sandbox_id: int, request_id: int) -> tuple[dict[str, Any], int]:
    """Réclamer des pièces au client

    La demande passe « en attente du client ». La date limite suit la date de la simulation. Réservé au
    candidat ; journalisé (« request.documents_requested », C2A.1, C1.9).
    """
    row = casework.request_documents(db_session(), current_actor(), sandbox_id, request_id, json_body())
    return views.document_request_view(row, _product_of(sandbox_id, request_id)), 201


@requests_bp.route(f"{REQUEST}/document-requests/<int:document_request_id>/reminders", methods=["POST"])
@json_body_doc(requests_bp, ReminderBody, "Rien à préciser : corps vide ou {}.")
@requests_bp.response(200, DocumentRequestOut)
@error_docs(requests_bp, 400, 401, 403, 404, 422)
def remind_documents(sandbox_id: int, request_id: int, document_request_id: int) -> dict[str, Any]:
    """Relancer le client pour des pièces

    Possible une fois la date limite dépassée sans les pièces. Réservé au candidat ; journalisé
    (« request.documents_reminder »).
    """
    load_or_raise(ReminderBody(), json_body())
    row = casework.remind_documents(db_session(), current_actor(), sandbox_id, request_id, document_request_id)
    return views.document_request_view(row, _product_of(sandbox_id, request_id))


@requests_bp.route(f"{REQUEST}/referrals", methods=["POST"])
@json_body_doc(requests_bp, ReferralSchema, "Expert consulté, question, pièces jointes (identifiants).")
@requests_bp.response(201, ReferralOut)
@error_docs(requests_bp, 400, 401, 403, 404, 409, 422)
def refer(sandbox_id: int, request_id: int) -> tuple[dict[str, Any], int]:
    """Transmettre la demande à un expert

    Souscripteur senior, médecin-conseil, service technique, service juridique ou réassurance. La demande
    passe « en attente d'un expert » ; la réponse arrive quand la date de la simulation atteint son délai
    (ou du formateur qui joue l'expert). Aucune donnée de santé dans la question. Réservé au candidat ;
    journalisé (« referral.send », C2A.2).
    """
    row = casework.refer(db_session(), current_actor(), sandbox_id, request_id, json_body())
    return views.referral_view(row), 201


@requests_bp.route(f"{REQUEST}/referrals", methods=["GET"])
@requests_bp.response(200, ReferralListOut)
@error_docs(requests_bp, 401, 404)
def list_referrals(sandbox_id: int, request_id: int) -> dict[str, Any]:
    """Lister les transmissions d'une demande

    Dans l'ordre d'envoi, avec les réponses arrivées.
    """
    work = casework.workspace(db_session(), current_actor(), sandbox_id, request_id)
    items = [views.referral_view(row, work.sandbox.business_date) for row in work.referrals]
    return {"items": items, "total": len(items)}


@requests_bp.route("/<int:sandbox_id>/referrals/<int:referral_id>/reminders", methods=["POST"])
@json_body_doc(requests_bp, ReminderBody, "Rien à préciser : corps vide ou {}.")
@requests_bp.response(200, ReferralOut)
@error_docs(requests_bp, 400, 401, 403, 404, 422)
def remind_referral(sandbox_id: int, referral_id: int) -> dict[str, Any]:
    """Relancer un expert

    Possible une fois la date de réponse dépassée sans réponse. Réservé au candidat ; journalisé
    (« referral.reminder », C2A.2).
    """
    load_or_raise(ReminderBody(), json_body())
    return views.referral_view(casework.remind_referral(db_session(), current_actor(), sandbox_id, referral_id))


@requests_bp.route("/<int:sandbox_id>/referrals/<int:referral_id>/answer", methods=["POST"])
@json_body_doc(
    requests_bp, ExpertAnswerSchema, "Avis de l'expert (favorable, favorable_conditions, defavorable), réponse."
)
@requests_bp.response(200, ReferralOut)
@error_docs(requests_bp, 400, 401, 403, 404, 422)
def answer_referral(sandbox_id: int, referral_id: int) -> dict[str, Any]:
    """Répondre à une transmission en tant qu'expert

    Réservé au formateur de la session, qui joue l'expert ; le script du scénario ne répond plus ensuite.
    Journalisé (« referral.answer »).
    """
    row = casework.answer_referral(db_session(), current_actor(), sandbox_id, referral_id, json_body())
    return views.referral_view(row)


@requests_bp.route(f"{REQUEST}/decision", methods=["POST"])
@json_body_doc(requests_bp, DecisionSchema, "Décision : accept, accept_conditions (avec ses conditions) ou decline.")
@requests_bp.response(201, DecisionOut)
@error_docs(requests_bp, 400, 401, 403, 404, 409, 422)
def decide(sandbox_id: int, request_id: int) -> tuple[dict[str, Any], int]:
    """Décider d'une demande

    Refusée (422, avec la raison) contre une règle bloquante, hors délégation sans l'avis favorable de
    l'expert, contre l'avis d'un expert ou avec des pièces manquantes ; aller contre une règle non
    bloquante exige une justification écrite. Décider deux fois : 409. Réservé au candidat ; journalisé
    (« request.decision », C2A.1, C2A.2).
    """
    row = casework.decide(db_session(), current_actor(), sandbox_id, request_id, json_body())
    return views.decision_view(row), 201


@requests_bp.route(f"{REQUEST}/non-conformities", methods=["POST"])
@json_body_doc(requests_bp, NonConformitySchema, "Anomalie relevée (dans une pièce ou le dossier) et son traitement.")
@requests_bp.response(201, NonConformityOut)
@error_docs(requests_bp, 400, 401, 403, 404, 422)
def record_non_conformity(sandbox_id: int, request_id: int) -> tuple[dict[str, Any], int]:
    """Signaler une non-conformité

    Une anomalie trouvée dans une pièce ou le dossier, avec son traitement. Réservé au candidat ;
    journalisé (« request.non_conformity », C1.11).
    """
    row = casework.record_non_conformity(db_session(), current_actor(), sandbox_id, request_id, json_body())
    return views.non_conformity_view(row), 201


@requests_bp.route(f"{REQUEST}/corrections", methods=["POST"])
@json_body_doc(
    requests_bp, CorrectionSchema, "Donnée déclarée à corriger, nouvelle valeur, pièce qui la prouve, motif."
)
@requests_bp.response(200, CorrectionOut)
@error_docs(requests_bp, 400, 401, 403, 404, 409, 422)
def correct_declared(sandbox_id: int, request_id: int) -> dict[str, Any]:
    """Corriger une donnée déclarée d'après une pièce

    La donnée de la demande et, s'il y a lieu, la fiche du risque (véhicule…). Réservé au candidat ;
    journalisé comme correction (« request.correction », C1.8, C1.11), avant → après.
    """
    changes = casework.correct_declared(db_session(), current_actor(), sandbox_id, request_id, json_body())
    return views.correction_view(changes)


@requests_bp.route(f"{REQUEST}/decision/letter", methods=["GET"])
@requests_bp.response(200, PDF_SCHEMA, content_type="application/pdf", description="La lettre de refus (PDF).")
@error_docs(requests_bp, 401, 404)
def get_decision_letter(sandbox_id: int, request_id: int) -> Response:
    """Imprimer la lettre de refus (PDF)

    La lettre au client d'une demande refusée : le motif, l'alternative proposée et, pour la
    responsabilité civile automobile obligatoire, la saisine du Bureau central de tarification. 404 tant
    que la demande n'est pas refusée. Lecture seule : rien n'est écrit au journal.
    """
    return _pdf(letters.decision_letter(db_session(), current_actor(), sandbox_id, request_id))


@requests_bp.route(f"{REQUEST}/document-requests/<int:document_request_id>/letter", methods=["GET"])
@requests_bp.response(
    200, PDF_SCHEMA, content_type="application/pdf", description="Le courrier de demande de pièces (PDF)."
)
@error_docs(requests_bp, 401, 404)
def get_document_request_letter(sandbox_id: int, request_id: int, document_request_id: int) -> Response:
    """Imprimer le courrier de demande de pièces (PDF)

    La lettre au client qui liste les pièces réclamées (leurs libellés) et la date limite de réception.
    Lecture seule : rien n'est écrit au journal.
    """
    rendered = letters.documents_request_letter(
        db_session(), current_actor(), sandbox_id, request_id, document_request_id
    )
    return _pdf(rendered)
