"""The route × role walks' expectations, derived from the permission table (`polyadmin.domain.roles`).

Each route of the web pages and of the API declares, in its test module, what it needs: a `Need`
(a scope and a Permission). `expected_status` turns the need, the actor and the facts of the
walked sandbox and session into the status the route must answer — so a change of the table moves
the walks with it, and a route with no need fails its module's coverage test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from sqlalchemy.orm import Session

from polyadmin.domain.roles import Actor, ExamSessionAccess, Permission, SandboxAccess, allowed, holds
from polyadmin.services.access import exam_session_access, sandbox_access
from polyadmin.store.models import ExamSession, Sandbox


class Scope(Enum):
    PUBLIC = "public"  # no sign-in needed
    SIGNED_IN = "signed-in"  # any signed-in user; the table decides only what the answer lists
    ROLE = "role"  # the role holds the permission somewhere, else 403
    PLATFORM = "platform"  # the role holds the permission everywhere, else 403
    SANDBOX = "sandbox"  # the route's sandbox: 404 unless READ_SANDBOX, then 403 unless the permission
    SESSION = "session"  # the route's session: 403 unless the role holds the permission, then 404 unless it reaches it


@dataclass(frozen=True)
class Need:
    scope: Scope
    permission: Permission | None = None


PUBLIC = Need(Scope.PUBLIC)
SIGNED_IN = Need(Scope.SIGNED_IN)


def role(permission: Permission) -> Need:
    return Need(Scope.ROLE, permission)


def platform(permission: Permission) -> Need:
    return Need(Scope.PLATFORM, permission)


def sandbox(permission: Permission) -> Need:
    return Need(Scope.SANDBOX, permission)


def session(permission: Permission) -> Need:
    return Need(Scope.SESSION, permission)


@dataclass(frozen=True)
class Facts:
    """The walked sandbox and its session, as the table sees them."""

    sandbox: SandboxAccess
    session: ExamSessionAccess


def facts_of(db: Session, sandbox_id: int, exam_session_id: int) -> Facts:
    return Facts(
        sandbox=sandbox_access(db, db.get_one(Sandbox, sandbox_id)),
        session=exam_session_access(db.get_one(ExamSession, exam_session_id)),
    )


def expected_status(need: Need, actor: Actor, facts: Facts, ok: int = 200) -> int:
    """What the table says the route answers this actor (`ok` when it may)."""
    permission = need.permission
    if need.scope in (Scope.PUBLIC, Scope.SIGNED_IN):
        return ok
    assert permission is not None, need
    if need.scope is Scope.ROLE:
        return ok if holds(actor, permission) else 403
    if need.scope is Scope.PLATFORM:
        return ok if allowed(actor, permission) else 403
    if need.scope is Scope.SANDBOX:
        if not allowed(actor, Permission.READ_SANDBOX, facts.sandbox):
            return 404
        return ok if allowed(actor, permission, facts.sandbox) else 403
    if not holds(actor, permission):
        return 403
    return ok if allowed(actor, permission, facts.session) else 404


def app_routes(url_map: object, prefix: str = "/", exclude: str | None = None) -> set[tuple[str, str]]:
    """Every (method, rule) of the app under `prefix`, converters dropped: `/sandboxes/<sandbox_id>/`."""
    return {
        (method, re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule))
        for rule in url_map.iter_rules()  # type: ignore[attr-defined]
        if rule.rule.startswith(prefix) and not (exclude and rule.rule.startswith(exclude))
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
