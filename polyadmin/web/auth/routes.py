"""Sign-in and sign-out pages."""

from __future__ import annotations

import secrets
from typing import Any

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from polyadmin.context import db_session
from polyadmin.services.logins import TooManyAttempts, end_sessions, policies_from, sign_in
from polyadmin.services.users import AuthenticationFailed
from polyadmin.web.auth.users import WebUser, current_actor, safe_next
from polyadmin.web.blueprint import bp


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("web.dashboard"))
    error = None
    username = ""
    next_page = safe_next(request.values.get("next"))
    status, headers = 200, {}
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        try:
            if not (username and password):
                raise AuthenticationFailed()
            user = sign_in(
                db_session(), username, password, request.remote_addr, policies_from(current_app.config), channel="web"
            )
        except AuthenticationFailed:
            error = _("Identifiant ou mot de passe incorrect.")
        except TooManyAttempts as refused:
            error, status, headers = refused.message, 429, {"Retry-After": str(refused.retry_after)}
        else:
            web_user = WebUser.of(user)
            lang = session.get("lang")
            session.clear()  # a fresh session at sign-in (no fixation): new contents, a new nonce
            if lang:
                session["lang"] = lang
            session["nonce"] = secrets.token_urlsafe(16)
            session.permanent = True
            login_user(web_user)
            flash(_("Bienvenue, %(name)s.", name=web_user.display_name), "success")
            return redirect(next_page or url_for("web.dashboard"))
    page = render_template("auth/login.html", error=error, username=username, next_page=next_page)
    return page, status, headers


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Any:
    end_sessions(db_session(), current_actor())  # this cookie and any copy of it, on every worker
    logout_user()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("Vous êtes déconnecté(e)."), "info")
    return redirect(url_for("web.login"))
