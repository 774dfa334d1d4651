"""Account administration for administrators: states, disabling, new passwords, unlocking.

Creating an account stays `POST /api/v1/users` (api/accounts.py). Who may call these is the
service's decision (services.accounts.may_manage_accounts).
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from polyadmin.api.auth import api_blueprint, current_actor
from polyadmin.api.documenting import error_docs, field_doc, json_body_doc
from polyadmin.api.errors import json_body
from polyadmin.api.schemas import Instant
from polyadmin.context import db_session
from polyadmin.services import accounts
from polyadmin.validation.french import Boolean, FrenchSchema, Secret, load_or_raise

accounts_bp = api_blueprint(
    "api_accounts",
    __name__,
    "Administration des comptes (administrateurs) : état, désactivation, nouveau mot de passe, déblocage.",
)


class AccountOut(Schema):
    id = fields.Integer()
    username = fields.String(**field_doc("Identifiant de connexion."))
    display_name = fields.String(**field_doc("Nom affiché."))
    role = fields.Function(lambda account: account.role.value, **field_doc("trainer, evaluator, candidate ou admin."))
    role_label = fields.String(**field_doc("Libellé du rôle en français."))
    active = fields.Boolean(**field_doc("Faux pour un compte désactivé (plus de connexion ni de jeton)."))
    created_at = Instant(**field_doc("Création du compte (UTC)."))
    last_login_at = Instant(allow_none=True, **field_doc("Dernière connexion réussie (UTC), null si jamais."))
    failures = fields.Integer(**field_doc("Échecs de connexion à la suite (remis à zéro par une connexion réussie)."))
    locked = fields.Boolean(**field_doc("Vrai tant que le compte est bloqué après trop d'échecs de connexion."))
    locked_until = Instant(allow_none=True, **field_doc("Fin du blocage (UTC), null si le compte n'est pas bloqué."))


class AccountChange(FrenchSchema):
    active = Boolean(required=True, metadata={"description": "false : désactiver le compte ; true : le réactiver."})


class PasswordRequest(FrenchSchema):
    password = Secret(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=10, max=200, error="Mot de passe : 10 caractères au minimum."),
        metadata={"description": "Nouveau mot de passe ; absent ou null : un mot de passe est généré et renvoyé."},
    )


class PasswordOut(Schema):
    password = fields.String(
        allow_none=True, **field_doc("Le mot de passe généré, renvoyé cette seule fois ; null s'il a été fourni.")
    )


class UnlockOut(Schema):
    unlocked = fields.Boolean(**field_doc("Vrai si le compte avait des échecs de connexion (ils sont oubliés)."))


@accounts_bp.route("", methods=["GET"])
@accounts_bp.response(200, AccountOut(many=True))
@error_docs(accounts_bp, 401, 403)
def list_accounts() -> list[accounts.AccountView]:
    """Lister tous les comptes

    Réservé aux administrateurs : comptes actifs et désactivés, rôle, dernière connexion, blocage.
    """
    return accounts.list_accounts(db_session(), current_actor())


@accounts_bp.route("/<int:user_id>", methods=["GET"])
@accounts_bp.response(200, AccountOut)
@error_docs(accounts_bp, 401, 403, 404)
def get_account(user_id: int) -> accounts.AccountView:
    """Consulter un compte

    Réservé aux administrateurs.
    """
    return accounts.get_account(db_session(), current_actor(), user_id)


@accounts_bp.route("/<int:user_id>", methods=["PATCH"])
@json_body_doc(accounts_bp, AccountChange, 'L\'état voulu du compte : {"active": false} pour le désactiver.')
@accounts_bp.response(200, AccountOut)
@error_docs(accounts_bp, 400, 401, 403, 404, 409, 422)
def change_account(user_id: int) -> accounts.AccountView:
    """Désactiver ou réactiver un compte

    Réservé aux administrateurs. Désactivé, le compte perd immédiatement ses sessions web et ses
    jetons d'API (réactivé, ses anciens jetons restent révoqués) ; un administrateur ne peut pas
    désactiver son propre compte (409).
    """
    data = load_or_raise(AccountChange(), json_body())
    return accounts.set_active(db_session(), current_actor(), user_id, data["active"])


@accounts_bp.route("/<int:user_id>/password", methods=["POST"])
@json_body_doc(accounts_bp, PasswordRequest, "Le nouveau mot de passe, ou {} pour en générer un.")
@accounts_bp.response(200, PasswordOut)
@error_docs(accounts_bp, 400, 401, 403, 404, 422)
def reset_password(user_id: int) -> dict[str, Any]:
    """Donner un nouveau mot de passe

    Réservé aux administrateurs. Les sessions et les jetons du compte prennent fin ; le compte est
    débloqué. Le mot de passe n'est jamais écrit au journal.
    """
    data = load_or_raise(PasswordRequest(), json_body())
    generated = accounts.reset_password(db_session(), current_actor(), user_id, data["password"])
    return {"password": generated}


@accounts_bp.route("/<int:user_id>/lock", methods=["DELETE"])
@accounts_bp.response(200, UnlockOut)
@error_docs(accounts_bp, 401, 403, 404)
def unlock_account(user_id: int) -> dict[str, bool]:
    """Débloquer un compte

    Réservé aux administrateurs : oublie les échecs de connexion du compte (blocage et délai).
    """
    return {"unlocked": accounts.unlock(db_session(), current_actor(), user_id)}
