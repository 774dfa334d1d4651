"""Needs records and quotes of a sandbox: load → service → dump.

The offers service (`polyadmin.services.offers`) checks the rights, validates in French, prices, writes
and journals (`needs.record` on `client:<id>`, `quote.create` / `quote.version` on `quote:<id>`, C2A.3).
Same permissions, errors and journal as the pages.
"""

from __future__ import annotations

from typing import Any

from flask import request

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.documenting import error_docs, json_body_doc, query_doc
from polyadmin.api.errors import json_body
from polyadmin.api.offers import views
from polyadmin.api.offers.schemas import NeedsOut, QuoteListOut, QuoteOut, QuoteQuery
from polyadmin.context import db_session
from polyadmin.domain.errors import NotFound
from polyadmin.services import offers
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.offers import NeedsSchema, QuoteSchema, QuoteVersionSchema

offers_bp = api_blueprint(
    "api_offers",
    __name__,
    "Devoir de conseil et offres (C2A.3) : recueil des exigences et des besoins du client avec le conseil "
    "donné, devis à plusieurs lignes tarifées, versions et validité ; chaque action est journalisée.",
)

NEEDS = "/<int:sandbox_id>/clients/<int:client_id>/needs"
QUOTES = "/<int:sandbox_id>/quotes"


@offers_bp.route(NEEDS, methods=["POST"])
@json_body_doc(offers_bp, NeedsSchema, "Réponses par branche, budget, handicap, formats accessibles, conseil.")
@offers_bp.response(201, NeedsOut)
@error_docs(offers_bp, 400, 401, 403, 404, 409, 415, 422)
def record_needs(sandbox_id: int, client_id: int) -> tuple[dict[str, Any], int]:
    """Enregistrer le recueil des besoins et le conseil

    Les réponses par branche (qui et quoi protéger, couverture existante, garanties souhaitées et déjà
    détenues, besoins particuliers), le budget mensuel, la situation de handicap et les formats
    accessibles, l'intérêt pour les options éco-responsables, et une recommandation par besoin (produit,
    formule, options, raisons). Les alertes (besoin non couvert, garantie déjà détenue) sont rendues, pas
    bloquantes. Réservé au candidat ; journalisé (« needs.record », C2A.3).
    """
    session, actor = db_session(), current_actor()
    offers.record_needs(session, actor, sandbox_id, client_id, json_body())
    detail = offers.latest_needs(session, actor, sandbox_id, client_id)
    assert detail is not None
    return views.needs_view(detail), 201


@offers_bp.route(NEEDS, methods=["GET"])
@offers_bp.response(200, NeedsOut)
@error_docs(offers_bp, 401, 404)
def get_needs(sandbox_id: int, client_id: int) -> dict[str, Any]:
    """Consulter le dernier recueil des besoins du client

    Le plus récent (les précédents restent au journal), avec les alertes de son conseil. 404 s'il n'y en
    a aucun.
    """
    detail = offers.latest_needs(db_session(), current_actor(), sandbox_id, client_id)
    if detail is None:
        raise NotFound("Aucun recueil des besoins pour ce client.")
    return views.needs_view(detail)


@offers_bp.route(QUOTES, methods=["GET"])
@query_doc(offers_bp, QuoteQuery)
@offers_bp.response(200, QuoteListOut)
@error_docs(offers_bp, 401, 404, 422)
def list_quotes(sandbox_id: int) -> dict[str, Any]:
    """Lister les devis

    Du plus récent au plus ancien, chacun avec sa version courante et son statut lu à la date de la
    simulation (expiré après sa validité) ; filtre par client.
    """
    query = load_or_raise(QuoteQuery(), request.args)
    found = offers.list_quotes(db_session(), current_actor(), sandbox_id, query["client_id"])
    return {"items": [views.summary_view(item) for item in found]}


@offers_bp.route(QUOTES, methods=["POST"])
@json_body_doc(offers_bp, QuoteSchema, "Client, demande d'origine éventuelle, lignes (produit, formule, options…).")
@offers_bp.response(201, QuoteOut)
@error_docs(offers_bp, 400, 401, 403, 404, 409, 415, 422)
def create_quote(sandbox_id: int) -> tuple[dict[str, Any], int]:
    """Établir un devis

    Chaque ligne est tarifée par le moteur (détail par garantie, taxes, échéances) ; les conditions de la
    décision sur la demande sont reportées ; la réduction multi-équipement s'applique entre les lignes de
    produits différents et les contrats actifs du client ; une ligne `alternative_of` est comparée sans
    compter dans le total. Numéro DV-000001, validité 30 jours (date de la simulation). Refusé (422) pour un
    produit, une formule ou une option inconnus, une demande refusée, un risque d'un autre client. Réservé
    au candidat ; journalisé (« quote.create », C2A.3).
    """
    session, actor = db_session(), current_actor()
    quote = offers.create_quote(session, actor, sandbox_id, json_body())
    return views.quote_view(offers.get_quote(session, actor, sandbox_id, quote.id)), 201


@offers_bp.route(f"{QUOTES}/<int:quote_id>", methods=["GET"])
@offers_bp.response(200, QuoteOut)
@error_docs(offers_bp, 401, 404)
def get_quote(sandbox_id: int, quote_id: int) -> dict[str, Any]:
    """Consulter un devis

    La version courante avec ses lignes tarifées, ses totaux et ses alertes, et la liste de toutes les
    versions. Lire n'écrit rien : une version proposée est lue « expirée » après sa validité.
    """
    return views.quote_view(offers.get_quote(db_session(), current_actor(), sandbox_id, quote_id))


@offers_bp.route(f"{QUOTES}/<int:quote_id>/versions", methods=["POST"])
@json_body_doc(offers_bp, QuoteVersionSchema, "Ce que le client a changé, et les lignes de la nouvelle version.")
@offers_bp.response(201, QuoteOut)
@error_docs(offers_bp, 400, 401, 403, 404, 409, 415, 422)
def new_version(sandbox_id: int, quote_id: int) -> tuple[dict[str, Any], int]:
    """Créer une nouvelle version du devis

    Le client a changé d'avis : nouvelles lignes tarifées à la date de la simulation, nouvelle validité ;
    la version précédente est conservée (remplacée). Refusé (409) pour un devis accepté ou émis. Réservé
    au candidat ; journalisé (« quote.version », C2A.3).
    """
    session, actor = db_session(), current_actor()
    offers.new_version(session, actor, sandbox_id, quote_id, json_body())
    return views.quote_view(offers.get_quote(session, actor, sandbox_id, quote_id)), 201
