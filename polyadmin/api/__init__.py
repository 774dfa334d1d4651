"""The JSON API (flask-smorest): load → service → dump, under /api/v1, bearer tokens only.

`init_api(app)` returns the blueprints it registered so that the app exempts them from CSRF
(they never read cookies). Errors are JSON for /api/ paths only; the web part keeps its pages.
"""

from __future__ import annotations

from flask import Blueprint, Flask
from flask_smorest import Api

from polyadmin.api.account_admin import accounts_bp
from polyadmin.api.accounts import accounts, auth
from polyadmin.api.catalogue.routes import catalogue_bp
from polyadmin.api.clients.documents import client_documents_bp
from polyadmin.api.clients.interactions import interactions_bp
from polyadmin.api.clients.routes import clients_bp, journal_bp, platform_journal_bp
from polyadmin.api.contracts.routes import contracts_bp
from polyadmin.api.docs import docs_blueprint
from polyadmin.api.errors import answer_routing_errors_in_json
from polyadmin.api.evaluation.routes import evaluation_bp
from polyadmin.api.exam_sessions import sandboxes_bp, sessions_bp
from polyadmin.api.offers.routes import offers_bp
from polyadmin.api.payments.routes import payments_bp
from polyadmin.api.replay import replay_bp
from polyadmin.api.requests.routes import requests_bp
from polyadmin.api.schemas import ErrorOut
from polyadmin.api.tools import tools_bp

API_PREFIX = "/api/v1"
BEARER_SCHEME = "bearerAuth"

SPEC_DEFAULTS = {
    "API_TITLE": "polyadmin API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": API_PREFIX,
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": (
                "API JSON de polyadmin, plateforme de formation à la gestion de contrats d'assurance. "
                "Obtenez un jeton avec POST /api/v1/auth/token, puis envoyez-le dans l'en-tête "
                "« Authorization: Bearer <jeton> ». Dates au format AAAA-MM-JJ, instants en UTC (suffixe Z), "
                "montants en chaînes de caractères. Les erreurs sont en JSON avec un message en français."
            ),
        },
        "security": [{BEARER_SCHEME: []}],
    },
}


class PolyadminApi(Api):
    """flask-smorest without its app-wide HTTPException handler (it would turn web pages into JSON)."""

    ERROR_SCHEMA = ErrorOut
    # No catch-all « default » answer: each operation lists the statuses it can give (the fuzzer holds it to them).
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_error_handlers(self) -> None:
        # Each API blueprint carries its own handlers (polyadmin.api.errors.register_error_handlers).
        return None


def init_api(app: Flask) -> list[Blueprint]:
    for key, value in SPEC_DEFAULTS.items():
        app.config.setdefault(key, value)
    api = PolyadminApi(app)
    api.spec.components.security_scheme(
        BEARER_SCHEME,
        {"type": "http", "scheme": "bearer", "description": "Jeton obtenu par POST /api/v1/auth/token."},
    )
    blueprints = [
        auth,
        accounts,
        sessions_bp,
        sandboxes_bp,
        clients_bp,
        interactions_bp,
        journal_bp,
        platform_journal_bp,
        requests_bp,
        catalogue_bp,
        tools_bp,
        accounts_bp,
        evaluation_bp,
        client_documents_bp,
        replay_bp,
        offers_bp,
        contracts_bp,
        payments_bp,
    ]
    prefixes = {
        auth.name: API_PREFIX,
        accounts.name: f"{API_PREFIX}/users",
        sessions_bp.name: f"{API_PREFIX}/exam-sessions",
        sandboxes_bp.name: f"{API_PREFIX}/sandboxes",
        clients_bp.name: f"{API_PREFIX}/sandboxes",
        interactions_bp.name: f"{API_PREFIX}/sandboxes",
        journal_bp.name: f"{API_PREFIX}/sandboxes",
        platform_journal_bp.name: f"{API_PREFIX}/journal",
        requests_bp.name: f"{API_PREFIX}/sandboxes",
        catalogue_bp.name: f"{API_PREFIX}/catalogue",
        tools_bp.name: f"{API_PREFIX}/tools",
        accounts_bp.name: f"{API_PREFIX}/accounts",
        evaluation_bp.name: API_PREFIX,
        client_documents_bp.name: f"{API_PREFIX}/sandboxes",
        replay_bp.name: f"{API_PREFIX}/sandboxes",
        offers_bp.name: f"{API_PREFIX}/sandboxes",
        contracts_bp.name: f"{API_PREFIX}/sandboxes",
        payments_bp.name: f"{API_PREFIX}/sandboxes",
    }
    for blueprint in blueprints:
        api.register_blueprint(blueprint, url_prefix=prefixes[blueprint.name])
    page = docs_blueprint(api, API_PREFIX)
    app.register_blueprint(page)
    answer_routing_errors_in_json(app)
    app.extensions["polyadmin.api"] = api
    return [*blueprints, page, app.blueprints[api._make_doc_blueprint_name()]]
