"""Account administration: list, create, disable and enable, new password, unlock — journaled on the
platform stream.

Who may do it is decided in ONE place, `may_manage_accounts` (to become a permission of
domain/roles.py); the edges never compare roles themselves.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.domain.roles import Actor, Permission, Role, allowed
from polyadmin.journal.writer import append_entry
from polyadmin.services import users
from polyadmin.services.clock import wall_now
from polyadmin.services.logins import ACCOUNT
from polyadmin.services.unit import transaction
from polyadmin.store.models import ApiToken, LoginThrottle, User

PASSWORD_MIN, PASSWORD_MAX = 10, 200


def may_manage_accounts(actor: Actor) -> bool:
    """The one rule of this module, from the permission table."""
    return allowed(actor, Permission.MANAGE_ACCOUNTS)


def require_manager(actor: Actor) -> None:
    """Forbidden (403) unless `may_manage_accounts`."""
    if not may_manage_accounts(actor):
        raise Forbidden("La gestion des comptes est réservée aux administrateurs.")


@dataclass(frozen=True)
class AccountView:
    """An account as the administrator sees it (never its password hash)."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    created_at: datetime
    last_login_at: datetime | None
    failures: int
    locked_until: datetime | None

    @property
    def role_label(self) -> str:
        return self.role.label

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


def _view(user: User, throttle: LoginThrottle | None, now: datetime) -> AccountView:
    locked_until = throttle.locked_until if throttle is not None else None
    if locked_until is not None and locked_until <= now:
        locked_until = None
    return AccountView(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        active=bool(user.active),
        created_at=user.created_at,
        last_login_at=user.last_login_at,
        failures=throttle.failures if throttle is not None else 0,
        locked_until=locked_until,
    )


def _throttle_of(session: Session, username: str) -> LoginThrottle | None:
    return session.get(LoginThrottle, (ACCOUNT, username))


def list_accounts(session: Session, actor: Actor) -> list[AccountView]:
    """Every account, disabled ones included, with its sign-in state."""
    require_manager(actor)
    now = wall_now()
    rows = session.execute(
        select(User, LoginThrottle)
        .outerjoin(LoginThrottle, (LoginThrottle.scope == ACCOUNT) & (LoginThrottle.key == User.username))
        .order_by(User.username)
    ).all()
    return [_view(user, throttle, now) for user, throttle in rows]


def get_account(session: Session, actor: Actor, user_id: int) -> AccountView:
    require_manager(actor)
    user = _user(session, user_id)
    return _view(user, _throttle_of(session, user.username), wall_now())


def account_named(session: Session, actor: Actor, username: str) -> AccountView:
    """The command line names accounts by their username."""
    require_manager(actor)
    user = session.execute(select(User).where(User.username == username.strip().lower())).scalar_one_or_none()
    if user is None:
        raise NotFound(f"Aucun compte nommé « {username} ».")
    return _view(user, _throttle_of(session, user.username), wall_now())


MAX_ID = 2**31 - 1  # the databases' integer range: a larger id is simply not an account


def _user(session: Session, user_id: int, *, lock: bool = False) -> User:
    if not 0 < user_id <= MAX_ID:
        raise NotFound("Compte introuvable.")
    query = select(User).where(User.id == user_id)
    if lock:
        query = query.with_for_update()
    user = session.execute(query).scalar_one_or_none()
    if user is None:
        raise NotFound("Compte introuvable.")
    return user


def generated_password() -> str:
    """Shown once to the administrator, who hands it over: 16 characters from the URL-safe alphabet."""
    return secrets.token_urlsafe(12)


def create_account(session: Session, actor: Actor, data: dict[str, Any]) -> tuple[AccountView, str | None]:
    """Create an account; with no password given, one is generated and returned (shown once)."""
    require_manager(actor)
    data = dict(data)
    generated = None
    if not data.get("password"):
        generated = data["password"] = generated_password()
    user = users.create_user(session, actor, data)
    return _view(user, None, wall_now()), generated


def _end_access(session: Session, user: User, now: datetime) -> int:
    """Every web session ends (new generation) and every live API token is revoked; returns how many."""
    user.session_generation += 1
    live = session.execute(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None), ApiToken.expires_at > now)
    ).scalars()
    revoked = 0
    for token in live:
        token.revoked_at = now
        revoked += 1
    return revoked


def set_active(session: Session, actor: Actor, user_id: int, active: bool) -> AccountView:
    """Disable (sessions and tokens end at once) or enable an account."""
    require_manager(actor)
    with transaction(session):
        user = _user(session, user_id, lock=True)
        if not active and user.id == actor.user_id:
            raise Conflict("Vous ne pouvez pas désactiver votre propre compte.")
        if bool(user.active) == active:
            return _view(user, _throttle_of(session, user.username), wall_now())
        now = wall_now()
        user.active = active
        outcome: dict[str, Any] = {"active": active}
        if not active:
            outcome["tokens_revoked"] = _end_access(session, user, now)
        append_entry(
            session,
            actor=actor,
            action="user.enable" if active else "user.disable",
            recorded_at=now,
            record=("user", user.id),
            input={"username": user.username},
            outcome=outcome,
        )
        return _view(user, _throttle_of(session, user.username), now)


def reset_password(session: Session, actor: Actor, user_id: int, password: str | None) -> str | None:
    """Set the password typed, or a generated one (returned, to be shown once). The account's
    sessions and tokens end, and it is unlocked. The password is never journaled."""
    require_manager(actor)
    if password and not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise InvalidInput({"password": [f"Mot de passe : {PASSWORD_MIN} caractères au minimum."]})
    generated = None if password else generated_password()
    with transaction(session):
        user = _user(session, user_id, lock=True)
        now = wall_now()
        user.password_hash = generate_password_hash(password or generated or "", method=users.PASSWORD_METHOD)
        revoked = _end_access(session, user, now)
        throttle = _throttle_of(session, user.username)
        if throttle is not None:
            session.delete(throttle)
        append_entry(
            session,
            actor=actor,
            action="user.password.reset",
            recorded_at=now,
            record=("user", user.id),
            input={"username": user.username, "generated": generated is not None},
            outcome={"tokens_revoked": revoked, "unlocked": throttle is not None},
        )
    return generated


def unlock(session: Session, actor: Actor, user_id: int) -> bool:
    """Forget the account's failed sign-ins (lock and delay); False if there was nothing to forget."""
    require_manager(actor)
    with transaction(session):
        user = _user(session, user_id)
        throttle = _throttle_of(session, user.username)
        if throttle is None:
            return False
        failures, locked_until = throttle.failures, throttle.locked_until
        session.delete(throttle)
        append_entry(
            session,
            actor=actor,
            action="user.unlock",
            recorded_at=wall_now(),
            record=("user", user.id),
            input={"username": user.username},
            outcome={"failures": failures, "locked_until": locked_until},
        )
    return True
