"""Account administration pages. Who may use them is the service's decision (services.accounts)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from polyadmin.context import db_session
from polyadmin.domain.errors import Conflict
from polyadmin.services import accounts
from polyadmin.web.accounts.forms import ACCOUNT_FIELD_LABELS, ROLE_CHOICES, account_data, account_values
from polyadmin.web.auth.users import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import error_summary, refused_input


@bp.app_context_processor
def _accounts_navigation() -> dict[str, bool]:
    """The « Comptes » link of the main navigation, for those the service lets manage accounts."""
    signed_in = bool(current_user and current_user.is_authenticated)
    return {"may_manage_accounts": signed_in and accounts.may_manage_accounts(current_user.actor)}


@bp.route("/accounts")
@login_required
def account_list() -> Any:
    return render_template("accounts/list.html", accounts=accounts.list_accounts(db_session(), current_actor()))


def _password_page(title: str, account: accounts.AccountView, password: str) -> Any:
    """The one time a generated password is shown: the administrator copies it and hands it over."""
    return render_template("accounts/password_shown.html", title=title, account=account, password=password)


@bp.route("/accounts/new", methods=["GET", "POST"])
@login_required
def account_new() -> Any:
    actor = current_actor()
    session = db_session()
    accounts.require_manager(actor)  # 403 before any form is shown
    values = {"username": "", "display_name": "", "role": ""}
    with refused_input(also=(Conflict,)) as refused:
        if request.method == "POST":
            values = account_values(request.form)
            account, generated = accounts.create_account(session, actor, account_data(request.form))
            flash(_("Compte « %(name)s » créé.", name=account.username), "success")
            if generated:
                return _password_page(_("Compte créé"), account, generated)
            return redirect(url_for("web.account_list"))
    errors = dict(refused.errors)
    if refused.message:  # « identifiant déjà utilisé » (409): beside the username
        errors["username"] = ["Cet identifiant existe déjà."]
    page = render_template(
        "accounts/new.html",
        values=values,
        errors=errors,
        summary=error_summary(errors, ACCOUNT_FIELD_LABELS),
        roles=ROLE_CHOICES,
    )
    return page, refused.status


@bp.route("/accounts/<int:user_id>/password", methods=["GET", "POST"])
@login_required
def account_password(user_id: int) -> Any:
    actor = current_actor()
    session = db_session()
    account = accounts.get_account(session, actor, user_id)
    with refused_input() as refused:
        if request.method == "POST":
            generated = accounts.reset_password(session, actor, user_id, request.form.get("password") or None)
            flash(
                _(
                    "Nouveau mot de passe enregistré pour « %(name)s » : ses sessions sont terminées.",
                    name=account.username,
                ),
                "success",
            )
            if generated:
                return _password_page(_("Nouveau mot de passe"), account, generated)
            return redirect(url_for("web.account_list"))
    page = render_template(
        "accounts/password.html",
        account=account,
        errors=refused.errors,
        summary=error_summary(refused.errors, ACCOUNT_FIELD_LABELS),
    )
    return page, refused.status


@bp.route("/accounts/<int:user_id>/disable", methods=["POST"])
@login_required
def account_disable(user_id: int) -> Any:
    try:
        account = accounts.set_active(db_session(), current_actor(), user_id, False)
    except Conflict as refused:
        flash(refused.message, "error")
    else:
        flash(
            _("Compte « %(name)s » désactivé : ses sessions et ses jetons sont terminés.", name=account.username),
            "success",
        )
    return redirect(url_for("web.account_list"))


@bp.route("/accounts/<int:user_id>/enable", methods=["POST"])
@login_required
def account_enable(user_id: int) -> Any:
    account = accounts.set_active(db_session(), current_actor(), user_id, True)
    flash(_("Compte « %(name)s » réactivé.", name=account.username), "success")
    return redirect(url_for("web.account_list"))


@bp.route("/accounts/<int:user_id>/unlock", methods=["POST"])
@login_required
def account_unlock(user_id: int) -> Any:
    actor = current_actor()
    session = db_session()
    account = accounts.get_account(session, actor, user_id)
    if accounts.unlock(session, actor, user_id):
        flash(_("Compte « %(name)s » débloqué.", name=account.username), "success")
    else:
        flash(_("Le compte « %(name)s » n'était pas bloqué.", name=account.username), "info")
    return redirect(url_for("web.account_list"))
