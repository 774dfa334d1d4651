"""Who is signed in: Flask-Login over the users table, with no ORM object kept (the pages are in routes.py)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask, abort
from flask_babel import lazy_gettext
from flask_login import LoginManager, UserMixin, current_user

from polyadmin.context import db_session
from polyadmin.domain.roles import Actor, Permission, Role
from polyadmin.domain.roles import holds as role_holds
from polyadmin.services.logins import session_still_valid
from polyadmin.store.models import User


@dataclass(frozen=True)
class WebUser(UserMixin):
    """What a request knows of its user: plain values copied from the row, nothing lazy."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    session_generation: int = 0

    def get_id(self) -> str:
        """What the session cookie holds: the account and its session generation, so that raising the
        generation (sign-out, new password, disabling) ends every session of the account."""
        return f"{self.id}.{self.session_generation}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def actor(self) -> Actor:
        return Actor(user_id=self.id, username=self.username, role=self.role)

    def holds(self, permission: str) -> bool:
        """For the layout: does the user's role hold this permission (named by its value) somewhere?"""
        return role_holds(self.actor, Permission(permission))

    @property
    def role_label(self) -> str:
        return self.role.label

    @classmethod
    def of(cls, user: User) -> WebUser:
        return cls(
            user.id, user.username, user.display_name, Role(user.role), bool(user.active), user.session_generation
        )


def current_actor() -> Actor:
    if not current_user.is_authenticated:
        abort(401)
    return current_user.actor


def _load_user(session_id: str) -> WebUser | None:
    """Checked on every request: a copied cookie stops working once its generation is over."""
    user_id, _, generation = session_id.partition(".")
    if not (user_id.isdigit() and generation.isdigit()) or len(user_id) > 18 or len(generation) > 18:
        return None
    user = db_session().get(User, int(user_id))
    if user is None or not session_still_valid(user, int(generation)):
        return None
    return WebUser.of(user)


def init_login(app: Flask) -> LoginManager:
    manager = LoginManager(app)
    manager.login_view = "web.login"
    manager.login_message = lazy_gettext("Connectez-vous pour accéder à cette page.")
    manager.login_message_category = "info"
    manager.session_protection = "strong"
    manager.user_loader(_load_user)
    return manager


def safe_next(target: str | None) -> str | None:
    """Only a path of this site: never another host (open redirect)."""
    if not target or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
