"""Bearer-token authentication: every API view requires a token unless marked `public`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, g, request
from flask_smorest import Blueprint

from polyadmin.api.errors import register_error_handlers, unauthorized
from polyadmin.context import db_session
from polyadmin.domain.roles import Actor
from polyadmin.services.users import actor_of, resolve_token
from polyadmin.store.models import User

F = TypeVar("F", bound=Callable[..., Any])

PUBLIC_FLAG = "_polyadmin_public"


def public(view: F) -> F:
    """Mark a view that answers without a token (only the token exchange itself)."""
    setattr(view, PUBLIC_FLAG, True)
    return view


def api_blueprint(name: str, import_name: str, description: str) -> Blueprint:
    """A flask-smorest blueprint with the API's JSON errors and bearer authentication."""
    blueprint = Blueprint(name, import_name, description=description)
    register_error_handlers(blueprint)
    blueprint.before_request(_authenticate)
    return blueprint


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _authenticate() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    if request.method == "OPTIONS" or getattr(view, PUBLIC_FLAG, False):
        return
    token = bearer_token()
    if token is None:
        raise unauthorized()
    user = resolve_token(db_session(), token)
    if user is None:
        raise unauthorized("Jeton inconnu, expiré ou révoqué : demandez-en un nouveau.", invalid_token=True)
    g.api_token = token
    g.api_user = user
    g.api_actor = actor_of(user)


def current_actor() -> Actor:
    actor = g.api_actor
    assert isinstance(actor, Actor)
    return actor


def current_user() -> User:
    user = g.api_user
    assert isinstance(user, User)
    return user


def current_token() -> str:
    token = g.api_token
    assert isinstance(token, str)
    return token
