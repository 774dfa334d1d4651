"""Sign-in and sign-out pages."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from polyadmin.context import db_session
from polyadmin.services.users import authenticate
from polyadmin.web.auth.users import WebUser, safe_next
from polyadmin.web.blueprint import bp


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("web.dashboard"))
    error = None
    username = ""
    next_page = safe_next(request.values.get("next"))
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        user = authenticate(db_session(), username, password) if username and password else None
        if user is not None:
            web_user = WebUser.of(user)
            lang = session.get("lang")
            session.clear()  # a fresh session at sign-in (no fixation)
            if lang:
                session["lang"] = lang
            session.permanent = True
            login_user(web_user)
            flash(_("Bienvenue, %(name)s.", name=web_user.display_name), "success")
            return redirect(next_page or url_for("web.dashboard"))
        error = _("Identifiant ou mot de passe incorrect.")
    return render_template("auth/login.html", error=error, username=username, next_page=next_page)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Any:
    logout_user()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("Vous êtes déconnecté(e)."), "info")
    return redirect(url_for("web.login"))
