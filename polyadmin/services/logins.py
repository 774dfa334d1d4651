"""Signing in behind the brute-force throttle, and ending every session of an account.

The failure counters live in the database (`login_throttles`), locked for the length of the attempt,
so every gunicorn worker sees the same counts and two parallel attempts cannot both slip under the
limit. The rules are in domain/login_throttle.py; the thresholds are settings (polyadmin/config.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from polyadmin.domain.errors import DomainError, InvalidInput
from polyadmin.domain.login_throttle import (
    FailureCount,
    ThrottlePolicy,
    after_failure,
    current,
    retry_after_seconds,
    wait_before_attempt,
)
from polyadmin.domain.roles import Actor
from polyadmin.journal.writer import append_entry
from polyadmin.services.clock import wall_now
from polyadmin.services.unit import transaction
from polyadmin.services.users import AuthenticationFailed, actor_of, authenticate, issue_token
from polyadmin.store.models import ApiToken, LoginThrottle, User

ACCOUNT = "account"
ADDRESS = "address"
KEY_LENGTH = 80
UNKNOWN_ADDRESS = "inconnue"
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True)
class LoginPolicies:
    account: ThrottlePolicy
    address: ThrottlePolicy


def policies_from(config: Mapping[str, Any]) -> LoginPolicies:
    """The thresholds of the app's settings (LOGIN_* keys of polyadmin/config.py)."""
    first_delay = timedelta(seconds=int(config["LOGIN_FIRST_DELAY_SECONDS"]))
    lock_for = timedelta(minutes=int(config["LOGIN_LOCK_MINUTES"]))
    return LoginPolicies(
        account=ThrottlePolicy(
            int(config["LOGIN_DELAY_AFTER"]), int(config["LOGIN_LOCK_AFTER"]), first_delay, lock_for
        ),
        address=ThrottlePolicy(
            int(config["LOGIN_ADDRESS_DELAY_AFTER"]), int(config["LOGIN_ADDRESS_LOCK_AFTER"]), first_delay, lock_for
        ),
    )


class TooManyAttempts(DomainError):
    """Refused before the password is even checked: wait `retry_after` seconds (HTTP 429)."""

    status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Trop de tentatives de connexion : réessayez dans {wait_text(retry_after)}, "
            "ou demandez à un administrateur de débloquer le compte."
        )
        self.retry_after = retry_after


def wait_text(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} seconde{'s' if seconds > 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minute{'s' if minutes > 1 else ''}"


def throttle_key(text: str) -> str:
    """What a typed username or an address is counted under: lower case, printable, bounded."""
    return _UNPRINTABLE.sub("?", text.strip().lower())[:KEY_LENGTH] or "?"


def count_of(row: LoginThrottle) -> FailureCount:
    return FailureCount(row.failures, row.last_failure_at, row.locked_until)


def _store(row: LoginThrottle, count: FailureCount) -> None:
    row.failures = count.failures
    row.last_failure_at = count.last_failure_at
    row.locked_until = count.locked_until


def _locked_row(session: Session, scope: str, key: str) -> LoginThrottle:
    """The counter row, created if missing, locked until the attempt's transaction ends."""
    query = select(LoginThrottle).where(LoginThrottle.scope == scope, LoginThrottle.key == key).with_for_update()
    row = session.execute(query).scalar_one_or_none()
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = LoginThrottle(scope=scope, key=key, failures=0)
            session.add(row)
    except IntegrityError:  # another worker created it in between: wait for its lock
        row = session.execute(query).scalar_one()
    return row


def sign_in(
    session: Session, username: str, password: str, address: str | None, policies: LoginPolicies, *, channel: str
) -> User:
    """The account of these credentials, or `AuthenticationFailed` (the failure is counted and
    journaled, never the password), or `TooManyAttempts` while the account or address must wait.

    `channel` is "web" (a successful sign-in is journaled as `auth.login`) or "api" (the token that
    follows is journaled instead)."""
    account_key, address_key = throttle_key(username), throttle_key(address or UNKNOWN_ADDRESS)
    refused: DomainError | AuthenticationFailed | None = None
    user: User | None = None
    with transaction(session):
        now = wall_now()
        account = _locked_row(session, ACCOUNT, account_key)
        origin = _locked_row(session, ADDRESS, address_key)
        wait = max(
            wait_before_attempt(count_of(account), policies.account, now),
            wait_before_attempt(count_of(origin), policies.address, now),
        )
        if wait > timedelta(0):
            refused = TooManyAttempts(retry_after_seconds(wait))
        else:
            user = authenticate(session, username, password)
            if user is None:
                _record_failure(session, account, origin, policies, now, channel, address_key)
                refused = AuthenticationFailed("Identifiant ou mot de passe incorrect.")
            else:
                _record_success(session, user, account, origin, policies, now, channel, address_key)
        if refused is not None and not isinstance(refused, AuthenticationFailed):
            # Nothing to keep: only drop the empty counters this attempt created.
            _forget_empty(session, account, origin)
    if refused is not None:
        raise refused
    assert user is not None
    return user


def _forget_empty(session: Session, *rows: LoginThrottle) -> None:
    for row in rows:
        if row.failures == 0:
            session.delete(row)


def _record_failure(
    session: Session,
    account: LoginThrottle,
    origin: LoginThrottle,
    policies: LoginPolicies,
    now: datetime,
    channel: str,
    address: str,
) -> None:
    _store(account, after_failure(count_of(account), policies.account, now))
    _store(origin, after_failure(count_of(origin), policies.address, now))
    known = session.execute(select(User.id).where(User.username == account.key)).scalar_one_or_none()
    append_entry(
        session,
        actor=Actor.system(),
        action="auth.login.failure",
        recorded_at=now,
        record=("user", known) if known is not None else None,
        input={"username": account.key, "address": address, "channel": channel},
        outcome={
            "failures": account.failures,
            "address_failures": origin.failures,
            "locked_until": account.locked_until,
            "address_locked_until": origin.locked_until,
        },
    )


def _record_success(
    session: Session,
    user: User,
    account: LoginThrottle,
    origin: LoginThrottle,
    policies: LoginPolicies,
    now: datetime,
    channel: str,
    address: str,
) -> None:
    """The account's failures are forgiven; the address keeps its count (one valid account must not
    let an address try other accounts' passwords without limit)."""
    session.delete(account)
    if current(count_of(origin), policies.address, now).failures == 0:
        session.delete(origin)
    user.last_login_at = now
    if channel == "web":
        append_entry(
            session,
            actor=actor_of(user),
            action="auth.login",
            recorded_at=now,
            record=("user", user.id),
            input={"address": address},
            outcome={"session_generation": user.session_generation},
        )


def end_sessions(session: Session, actor: Actor) -> None:
    """Sign-out: every web session of the account ends, on every browser and worker."""
    with transaction(session):
        user = session.execute(select(User).where(User.id == actor.user_id).with_for_update()).scalar_one()
        user.session_generation += 1
        append_entry(
            session,
            actor=actor,
            action="auth.logout",
            recorded_at=wall_now(),
            record=("user", user.id),
            outcome={"session_generation": user.session_generation},
        )


def session_still_valid(user: User, generation: int) -> bool:
    """A web session belongs to the account's current generation, and the account is active."""
    return bool(user.active) and user.session_generation == generation


def exchange_credentials(
    session: Session,
    username: str,
    password: str,
    address: str | None,
    policies: LoginPolicies,
    ttl: timedelta,
) -> tuple[str, ApiToken]:
    """The API's sign-in: credentials (throttled like the web's) for a bearer token."""
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = ["Champ obligatoire."]
    if not password:
        errors["password"] = ["Champ obligatoire."]
    if errors:
        raise InvalidInput(errors)
    user = sign_in(session, username, password, address, policies, channel="api")
    return issue_token(session, user, ttl)
