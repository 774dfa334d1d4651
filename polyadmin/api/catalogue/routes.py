"""The product catalogue (catalogue des produits): the pinned snapshot's products, and their pricing."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import request

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.catalogue.schemas import CatalogueOut, CatalogueProductOut, CatalogueQuery, PricingOut
from polyadmin.api.documenting import error_docs, json_body_doc, query_doc
from polyadmin.api.errors import json_body
from polyadmin.context import db_session
from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.domain.pricing import Pricing
from polyadmin.services import catalogue as catalogue_service
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.pricing import PricingSchema

catalogue_bp = api_blueprint(
    "api_catalogue",
    __name__,
    "Catalogue des produits : la version épinglée par la session d'examen, les fiches produits et leur tarification.",
)


def _sandbox_id() -> int | None:
    sandbox = load_or_raise(CatalogueQuery(), request.args)["sandbox"]
    assert sandbox is None or isinstance(sandbox, int)
    return sandbox


def product_detail(product: Product, catalogue: Catalogue) -> dict[str, Any]:
    used = {g.tax.category for g in product.guarantees} | {fee.tax_category for fee in product.fees}
    return {
        **asdict(product),
        "is_eco": product.is_eco,
        "snapshot": catalogue.content_hash,
        "tax_categories": [category for category in catalogue.taxes.categories if category.code in used],
    }


def pricing_view(pricing: Pricing, snapshot: str) -> dict[str, Any]:
    return {
        "snapshot": snapshot,
        "product": pricing.product_code,
        "version": pricing.product_version,
        "formula": pricing.formula,
        "options": list(pricing.options),
        "frequency": pricing.frequency,
        "effective_date": pricing.effective_date,
        "guarantees": pricing.lines,
        "charges": pricing.charges,
        "totals": pricing,
        "instalments": pricing.instalments,
        "explanation": list(pricing.explanation),
    }


@catalogue_bp.route("", methods=["GET"])
@query_doc(catalogue_bp, CatalogueQuery)
@catalogue_bp.response(200, CatalogueOut)
@error_docs(catalogue_bp, 401, 404, 409, 422)
def list_products() -> dict[str, Any]:
    """Lister les produits du catalogue

    Le catalogue lu est celui qu'épingle la session d'examen du bac à sable indiqué ; sans bac à sable,
    celui du dernier bac à sable du candidat, ou le dernier chargé pour les autres rôles. 409 si aucun
    catalogue n'est chargé.
    """
    catalogue = catalogue_service.catalogue_for(db_session(), current_actor(), _sandbox_id())
    return {"snapshot": catalogue.content_hash, "products": catalogue.products}


@catalogue_bp.route("/<code>", methods=["GET"])
@query_doc(catalogue_bp, CatalogueQuery)
@catalogue_bp.response(200, CatalogueProductOut)
@error_docs(catalogue_bp, 401, 404, 409, 422)
def get_product(code: str) -> dict[str, Any]:
    """Consulter un produit

    Données de risque attendues (types, choix, bornes), garanties (statut, plafonds, franchises,
    exclusions, carence, fiscalité), formules et options, fréquences, frais, réductions, pièces
    justificatives, exclusions générales, variantes écoresponsables et DIPA. 404 si le code est inconnu.
    """
    session, actor, sandbox_id = db_session(), current_actor(), _sandbox_id()
    product = catalogue_service.get_product(session, actor, code, sandbox_id)
    return product_detail(product, catalogue_service.catalogue_for(session, actor, sandbox_id))


@catalogue_bp.route("/<code>/price", methods=["POST"])
@query_doc(catalogue_bp, CatalogueQuery)
@json_body_doc(catalogue_bp, PricingSchema, "Formule, fréquence, date d'effet, données de risque et options.")
@catalogue_bp.response(200, PricingOut)
@error_docs(catalogue_bp, 400, 401, 404, 409, 415, 422)
def price_product(code: str) -> dict[str, Any]:
    """Tarifer un produit

    Simulation sans enregistrement ni écriture au journal : primes HT par garantie avec chaque
    coefficient lu, fractionnement, taxes, frais, total TTC, échéancier et explication en français.
    Date d'effet par défaut : la date de la simulation du bac à sable. 422 pour un produit, une
    formule, une option ou une franchise inconnus, ou une donnée de risque hors des tables.
    """
    session, actor, sandbox_id = db_session(), current_actor(), _sandbox_id()
    body = json_body()
    pricing = catalogue_service.price_product(session, actor, code, body, sandbox_id)
    snapshot = catalogue_service.snapshot_for(session, actor, sandbox_id)
    return pricing_view(pricing, snapshot.content_hash)
