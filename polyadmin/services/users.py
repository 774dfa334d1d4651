"""Accounts and authentication (web sessions and API bearer tokens)."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from polyadmin.domain.errors import Conflict, Forbidden, NotFound
from polyadmin.domain.roles import Actor, Permission, Role, allowed
from polyadmin.journal.writer import append_entry
from polyadmin.services.clock import wall_now
from polyadmin.services.unit import transaction
from polyadmin.store.models import ApiToken, User
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.sessions import UserSchema

# werkzeug's default (scrypt); tests lower the cost, deployments never need to touch it.
PASSWORD_METHOD = "scrypt"  # noqa: S105  (a hashing method, not a password)

# Checked against when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("polyadmin-timing-equaliser")


class AuthenticationFailed(Exception):
    """Wrong username or password (the message never says which)."""


def actor_of(user: User) -> Actor:
    return Actor(user_id=user.id, username=user.username, role=Role(user.role))


def create_user(session: Session, actor: Actor, data: dict[str, Any]) -> User:
    if not allowed(actor, Permission.MANAGE_ACCOUNTS):
        raise Forbidden("Seul un administrateur crée des comptes.")
    loaded = load_or_raise(UserSchema(), data)
    with transaction(session):
        if session.execute(select(User.id).where(User.username == loaded["username"])).first():
            raise Conflict("Identifiant déjà utilisé.", field_errors={"username": ["Cet identifiant existe déjà."]})
        now = wall_now()
        user = User(
            username=loaded["username"],
            display_name=loaded["display_name"] or loaded["username"],
            role=loaded["role"],
            password_hash=generate_password_hash(loaded["password"], method=PASSWORD_METHOD),
            active=True,
            created_at=now,
        )
        session.add(user)
        session.flush()
        append_entry(
            session,
            actor=actor,
            action="user.create",
            recorded_at=now,
            record=("user", user.id),
            input={key: loaded[key] for key in ("username", "role", "display_name")},
            outcome={"user_id": user.id},
        )
    return user


def actor_named(session: Session, username: str) -> Actor:
    """The actor of an active account (the command line acting on someone's behalf)."""
    user = session.execute(select(User).where(User.username == username.strip().lower())).scalar_one_or_none()
    if user is None or not user.active:
        raise NotFound(f"Aucun compte actif nommé « {username} ».")
    return actor_of(user)


# The shape of any username (validation.sessions.USERNAME): anything else cannot be an account and is
# never sent to the database (a NUL byte would fail a PostgreSQL query).
_USERNAME_SHAPE = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The account of these credentials; services.logins.sign_in wraps it in the brute-force throttle."""
    name = username.strip().lower()
    user = None
    if _USERNAME_SHAPE.fullmatch(name):
        user = session.execute(select(User).where(User.username == name)).scalar_one_or_none()
    if user is None or not user.active:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(session: Session, user: User, ttl: timedelta) -> tuple[str, ApiToken]:
    """A bearer token for an account whose credentials services.logins checked; only its digest is kept."""
    token = secrets.token_urlsafe(32)
    with transaction(session):
        now = wall_now()
        row = ApiToken(user_id=user.id, token_hash=token_digest(token), created_at=now, expires_at=now + ttl)
        session.add(row)
        session.flush()
        append_entry(
            session,
            actor=actor_of(user),
            action="auth.token.issue",
            recorded_at=now,
            record=("api_token", row.id),
            outcome={"token_id": row.id, "expires_at": row.expires_at},
        )
    return token, row


def resolve_token(session: Session, token: str) -> User | None:
    row = session.execute(select(ApiToken).where(ApiToken.token_hash == token_digest(token))).scalar_one_or_none()
    if row is None or row.revoked_at is not None or row.expires_at <= wall_now() or not row.user.active:
        return None
    return row.user


def revoke_token(session: Session, actor: Actor, token: str) -> None:
    with transaction(session):
        row = session.execute(
            select(ApiToken).where(ApiToken.token_hash == token_digest(token), ApiToken.user_id == actor.user_id)
        ).scalar_one_or_none()
        if row is None or row.revoked_at is not None:
            return
        now = wall_now()
        row.revoked_at = now
        append_entry(
            session,
            actor=actor,
            action="auth.token.revoke",
            recorded_at=now,
            record=("api_token", row.id),
            outcome={"token_id": row.id},
        )


# The roles a session enrols (the session form's pickers and the API's ?role= filter name them).
CANDIDATES = Role.CANDIDATE.value
EVALUATORS = Role.EVALUATOR.value


def list_users(session: Session, actor: Actor, role: str | None = None) -> list[User]:
    """Trainers pick candidates and evaluators from this list; candidates see nobody."""
    if not allowed(actor, Permission.LIST_ACCOUNTS):
        raise Forbidden("Liste des utilisateurs réservée aux formateurs.")
    query = select(User).where(User.active.is_(True)).order_by(User.username)
    if role:
        query = query.where(User.role == role)
    return list(session.execute(query).scalars())
