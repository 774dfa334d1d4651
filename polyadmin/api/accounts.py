"""Tokens, the caller's identity and user accounts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app, request

from polyadmin.api.auth import api_blueprint, current_actor, current_token, current_user, public
from polyadmin.api.documenting import error_docs, json_body_doc, query_doc
from polyadmin.api.errors import ApiError, json_body
from polyadmin.api.schemas import MeOut, TokenOut, TokenRequest, UserOut, UserQuery
from polyadmin.context import db_session
from polyadmin.domain.roles import Role
from polyadmin.services import logins, users
from polyadmin.store.models import User
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.sessions import UserSchema

auth = api_blueprint("api_auth", __name__, "Authentification par jeton (bearer) et identité de l'appelant.")
accounts = api_blueprint("api_users", __name__, "Comptes utilisateurs (formateurs et administrateurs).")


def user_view(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "role_label": Role(user.role).label,
        "active": user.active,
        "created_at": user.created_at,
    }


@auth.route("/auth/token", methods=["POST"])
@public
@auth.doc(security=[])
@json_body_doc(auth, TokenRequest, "Identifiant et mot de passe.")
@auth.response(201, TokenOut)
@error_docs(auth, 400, 401, 422, 429)
def issue_token() -> tuple[dict[str, Any], int]:
    """Obtenir un jeton d'accès

    Échange un identifiant et un mot de passe contre un jeton à durée limitée. Après plusieurs échecs
    de suite, pour un compte ou pour une adresse, les tentatives sont freinées puis bloquées : réponse
    429 avec l'en-tête « Retry-After » (secondes à attendre).
    """
    credentials = load_or_raise(TokenRequest(), json_body())
    ttl = timedelta(hours=current_app.config["TOKEN_TTL_HOURS"])
    policies = logins.policies_from(current_app.config)
    try:
        token, row = logins.exchange_credentials(
            db_session(), credentials["username"], credentials["password"], request.remote_addr, policies, ttl
        )
    except logins.TooManyAttempts as refused:
        raise ApiError(429, refused.message, headers={"Retry-After": str(refused.retry_after)}) from refused
    return {"token": token, "expires_at": row.expires_at}, 201


@auth.route("/auth/token", methods=["DELETE"])
@auth.response(204)
@error_docs(auth, 401)
def revoke_token() -> tuple[str, int]:
    """Révoquer le jeton utilisé

    Le jeton envoyé dans l'en-tête « Authorization » cesse immédiatement d'être valable.
    """
    users.revoke_token(db_session(), current_actor(), current_token())
    return "", 204


@auth.route("/me", methods=["GET"])
@auth.response(200, MeOut)
@error_docs(auth, 401)
def me() -> dict[str, Any]:
    """Qui suis-je ?

    Identifiant, nom affiché et rôle du titulaire du jeton.
    """
    user = current_user()
    return {"username": user.username, "display_name": user.display_name, "role": user.role}


@accounts.route("", methods=["GET"])
@query_doc(accounts, UserQuery)
@accounts.response(200, UserOut(many=True))
@error_docs(accounts, 401, 403, 422)
def list_users() -> list[dict[str, Any]]:
    """Lister les comptes actifs

    Réservé aux formateurs et aux administrateurs (choix des candidats et des évaluateurs).
    """
    query = load_or_raise(UserQuery(), request.args)
    return [user_view(user) for user in users.list_users(db_session(), current_actor(), query["role"])]


@accounts.route("", methods=["POST"])
@json_body_doc(accounts, UserSchema, "Compte à créer (le mot de passe n'est jamais renvoyé).")
@accounts.response(201, UserOut)
@error_docs(accounts, 400, 401, 403, 409, 422)
def create_user() -> tuple[dict[str, Any], int]:
    """Créer un compte

    Réservé aux administrateurs.
    """
    user = users.create_user(db_session(), current_actor(), json_body())
    return user_view(user), 201
