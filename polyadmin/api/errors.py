"""Errors of the JSON API: always a JSON body with a French message, never an HTML page.

Handlers are attached to the API blueprints only, and unknown routes are answered by a hook
that acts on `/api/` paths only, so the web part keeps its own error pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import RequestRedirect

from polyadmin.domain.errors import DomainError
from polyadmin.services.users import AuthenticationFailed

API_PATH_PREFIX = "/api/"
BEARER_CHALLENGE = 'Bearer realm="polyadmin"'

# French wording of the HTTP errors the API can answer with.
HTTP_MESSAGES: dict[int, str] = {
    400: "Requête invalide.",
    401: "Authentification requise : envoyez un jeton dans l'en-tête « Authorization: Bearer <jeton> ».",
    403: "Action non autorisée pour votre rôle.",
    404: "Ressource introuvable.",
    405: "Méthode non autorisée pour cette adresse.",
    406: "Format de réponse non disponible : l'API répond en JSON.",
    409: "Conflit avec l'état actuel de la ressource.",
    413: "Requête trop volumineuse.",
    415: "Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).",
    422: "Données invalides.",
    429: "Trop de tentatives : réessayez après le délai indiqué par l'en-tête « Retry-After ».",
    500: "Erreur interne du serveur : l'incident est enregistré.",
}


MALFORMED_JSON = "Corps de requête JSON mal formé : vérifiez la syntaxe (guillemets, virgules, accolades)."


class ApiError(Exception):
    """An error decided by the API layer itself (headers, body format, authentication)."""

    def __init__(self, status: int, message: str | None = None, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message or HTTP_MESSAGES.get(status, HTTPStatus(status).phrase))
        self.status = status
        self.message = message or HTTP_MESSAGES.get(status, HTTPStatus(status).phrase)
        self.headers = dict(headers or {})


def error_response(
    status: int,
    message: str | None = None,
    errors: Mapping[str, list[str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    payload: dict[str, Any] = {
        "code": status,
        "status": HTTPStatus(status).phrase,
        "message": message or HTTP_MESSAGES.get(status, HTTPStatus(status).phrase),
    }
    if errors:
        payload["errors"] = {key: list(value) for key, value in errors.items()}
    response = jsonify(payload)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    if status == 401 and "WWW-Authenticate" not in response.headers:
        response.headers["WWW-Authenticate"] = BEARER_CHALLENGE
    return response


def unauthorized(message: str | None = None, *, invalid_token: bool = False) -> ApiError:
    challenge = BEARER_CHALLENGE + (', error="invalid_token"' if invalid_token else "")
    return ApiError(401, message, headers={"WWW-Authenticate": challenge})


def _domain_error(exc: DomainError) -> Response:
    return error_response(exc.status, exc.message, exc.field_errors)


def _api_error(exc: ApiError) -> Response:
    return error_response(exc.status, exc.message, headers=exc.headers)


def _authentication_failed(exc: AuthenticationFailed) -> Response:
    return error_response(401, str(exc) or "Identifiant ou mot de passe incorrect.")


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    headers = {}
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        headers["Allow"] = ", ".join(sorted(exc.valid_methods))
    return error_response(status, HTTP_MESSAGES.get(status), headers=headers)


def _unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    current_app.logger.exception("Erreur inattendue dans l'API (%s %s)", request.method, request.path)
    return error_response(500)


def register_error_handlers(blueprint: Blueprint) -> None:
    """Scoped to the blueprint: only requests routed to an API view reach these handlers."""
    blueprint.register_error_handler(DomainError, _domain_error)
    blueprint.register_error_handler(ApiError, _api_error)
    blueprint.register_error_handler(AuthenticationFailed, _authentication_failed)
    blueprint.register_error_handler(HTTPException, _http_error)
    blueprint.register_error_handler(Exception, _unexpected)


def answer_routing_errors_in_json(app: Flask) -> None:
    """Unknown addresses and wrong methods under /api/ answer JSON; other paths are untouched.

    Routing errors happen before any blueprint is chosen, so no blueprint handler sees them;
    this hook runs first among the app's `before_request` functions and only for /api/ paths.
    """

    def _routing_error_as_json() -> Response | None:
        exc = request.routing_exception
        if exc is None or isinstance(exc, RequestRedirect) or not request.path.startswith(API_PATH_PREFIX):
            return None
        if isinstance(exc, HTTPException):
            return _http_error(exc)
        return error_response(404)

    app.before_request_funcs.setdefault(None, []).insert(0, _routing_error_as_json)


def json_body() -> Any:
    """The request's JSON document, numbers exact; an empty body counts as `{}` (the services list what
    is missing)."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    if not request.is_json:
        raise ApiError(415)
    try:
        return current_app.json.loads(raw)  # numbers with a fraction as Decimal (polyadmin.app.ExactJSONProvider)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ApiError(400, MALFORMED_JSON) from None
