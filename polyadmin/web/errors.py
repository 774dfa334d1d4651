"""Error pages in French; domain refusals become their HTTP codes (a 500 is a bug)."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from polyadmin.domain.errors import DomainError
from polyadmin.web.blueprint import bp

TITLES = {
    400: "Requête invalide",
    401: "Connexion requise",
    403: "Accès refusé",
    404: "Page introuvable",
    405: "Méthode non autorisée",
    409: "Conflit",
    413: "Envoi trop volumineux",
    422: "Données invalides",
}


def _page(status: int, message: str) -> Any:
    return render_template("error.html", status=status, title=_(TITLES.get(status, "Erreur")), message=message), status


def _default_message(status: int) -> str:
    return {
        403: _("Votre rôle ne permet pas cette action."),
        404: _("La page demandée n'existe pas ou ne vous est pas accessible."),
        405: _("Cette adresse ne s'utilise pas ainsi."),
    }.get(status, _("La requête n'a pas pu être traitée."))


def _http_error(exc: HTTPException) -> Any:
    status = exc.code or 500
    description = exc.description if exc.description and exc.description != type(exc).description else None
    return _page(status, description or _default_message(status))


def _csrf_error(exc: CSRFError) -> Any:
    return _page(400, _("Le formulaire a expiré ou n'est pas valide : rechargez la page et recommencez."))


def _domain_error(exc: DomainError) -> Any:
    return _page(exc.status, exc.message)


def _site_not_found(exc: HTTPException) -> Any:
    """Unknown addresses outside any blueprint: the French page, except under /api (JSON side)."""
    if request.path.startswith("/api"):
        return exc
    return _http_error(exc)


bp.register_error_handler(CSRFError, _csrf_error)
bp.register_error_handler(DomainError, _domain_error)
for _status in (400, 403, 404, 405, 413):
    bp.register_error_handler(_status, _http_error)


def init_errors(app: Flask) -> None:
    app.register_error_handler(404, _site_not_found)
    app.register_error_handler(405, _site_not_found)
