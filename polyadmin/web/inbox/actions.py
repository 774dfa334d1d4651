"""The forms of a request's workspace, each posted to one casework service call.

A success redirects back to the workspace (at the section worked, with a flash message); a refusal
shows the workspace again with the form as posted and the service's French messages beside its fields
(422), or the conflict's message (409: a request already decided, a double submit) — nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain.errors import Conflict
from polyadmin.services import casework
from polyadmin.services import catalogue as catalogue_service
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.catalogue.forms import pricing_data, simulator_values
from polyadmin.web.formatting import euros
from polyadmin.web.forms import refused_input
from polyadmin.web.inbox import forms
from polyadmin.web.inbox.routes import render_workspace
from polyadmin.web.sandbox import sandbox_page

BASE = "/sandboxes/<int:sandbox_id>/demandes/<int:request_id>"


def _back(sandbox_id: int, request_id: int, anchor: str) -> Any:
    return redirect(url_for("web.request_detail", sandbox_id=sandbox_id, request_id=request_id, _anchor=anchor))


def _act(
    sandbox_id: int,
    request_id: int,
    form: str,
    call: Callable[[], Any],
    done: str,
    anchor: str,
    *,
    work: bool = True,
) -> Any:
    """Run one service call for the form; back to the workspace, or the form again with its errors."""
    sandbox_page(sandbox_id, work=work)
    with refused_input(also=(Conflict,)) as refused:
        call()
        flash(done, "success")
        return _back(sandbox_id, request_id, anchor)
    return render_workspace(
        sandbox_id,
        request_id,
        form=form,
        values=forms.form_values(request.form),
        errors=refused.errors,
        message=refused.message,
        status=refused.status,
        posted=request.form,
    )


def _session_actor() -> tuple[Any, Any]:
    return db_session(), current_actor()


@bp.route(BASE + "/controles", methods=["POST"])
@login_required
def request_check_document(sandbox_id: int, request_id: int) -> Any:
    session, actor = _session_actor()
    data = forms.check_data(request.form)
    return _act(
        sandbox_id,
        request_id,
        "check",
        lambda: casework.check_document(session, actor, sandbox_id, request_id, data),
        "Contrôle de la pièce enregistré.",
        "pieces",
    )


@bp.route(BASE + "/corrections", methods=["POST"])
@login_required
def request_correct(sandbox_id: int, request_id: int) -> Any:
    session, actor = _session_actor()
    data = forms.correction_data(request.form)
    return _act(
        sandbox_id,
        request_id,
        "correction",
        lambda: casework.correct_declared(session, actor, sandbox_id, request_id, data),
        "Donnée déclarée corrigée d'après la pièce.",
        "declare",
    )


@bp.route(BASE + "/demandes-de-pieces", methods=["POST"])
@login_required
def request_ask_documents(sandbox_id: int, request_id: int) -> Any:
    session, actor = _session_actor()
    data = forms.documents_data(request.form)
    return _act(
        sandbox_id,
        request_id,
        "documents",
        lambda: casework.request_documents(session, actor, sandbox_id, request_id, data),
        "Demande de pièces envoyée au client.",
        "suivi",
    )


@bp.route(BASE + "/demandes-de-pieces/<int:document_request_id>/relance", methods=["POST"])
@login_required
def request_remind_documents(sandbox_id: int, request_id: int, document_request_id: int) -> Any:
    session, actor = _session_actor()
    return _act(
        sandbox_id,
        request_id,
        "documents",
        lambda: casework.remind_documents(session, actor, sandbox_id, request_id, document_request_id),
        "Client relancé.",
        "suivi",
    )


@bp.route(BASE + "/transmissions", methods=["POST"])
@login_required
def request_refer(sandbox_id: int, request_id: int) -> Any:
    session, actor = _session_actor()
    data = forms.referral_data(request.form)
    return _act(
        sandbox_id,
        request_id,
        "referral",
        lambda: casework.refer(session, actor, sandbox_id, request_id, data),
        "Demande d'avis transmise à l'expert.",
        "suivi",
    )


@bp.route(BASE + "/transmissions/<int:referral_id>/relance", methods=["POST"])
@login_required
def request_remind_referral(sandbox_id: int, request_id: int, referral_id: int) -> Any:
    session, actor = _session_actor()
    return _act(
        sandbox_id,
        request_id,
        "referral",
        lambda: casework.remind_referral(session, actor, sandbox_id, referral_id),
        "Expert relancé.",
        "suivi",
    )


@bp.route(BASE + "/transmissions/<int:referral_id>/reponse", methods=["POST"])
@login_required
def request_answer_referral(sandbox_id: int, request_id: int, referral_id: int) -> Any:
    """The session's trainer answers as the expert (the service refuses anyone else: 403)."""
    session, actor = _session_actor()
    data = forms.answer_data(request.form)
    return _act(
        sandbox_id,
        request_id,
        "answer",
        lambda: casework.answer_referral(session, actor, sandbox_id, referral_id, data),
        "Réponse de l'expert enregistrée.",
        "suivi",
        work=False,
    )


@bp.route(BASE + "/decision", methods=["POST"])
@login_required
def request_decide(sandbox_id: int, request_id: int) -> Any:
    session, actor = _session_actor()
    data = forms.decision_data(request.form)
    return _act(
        sandbox_id,
        request_id,
        "decision",
        lambda: casework.decide(session, actor, sandbox_id, request_id, data),
        "Décision enregistrée.",
        "decision",
    )


@bp.route(BASE + "/non-conformites", methods=["POST"])
@login_required
def request_non_conformity(sandbox_id: int, request_id: int) -> Any:
    session, actor = _session_actor()
    data = forms.non_conformity_data(request.form)
    return _act(
        sandbox_id,
        request_id,
        "non_conformity",
        lambda: casework.record_non_conformity(session, actor, sandbox_id, request_id, data),
        "Non-conformité enregistrée.",
        "non-conformites",
    )


@bp.route(BASE + "/simulation", methods=["POST"])
@login_required
def request_attach_simulation(sandbox_id: int, request_id: int) -> Any:
    """Attach the simulator's result to the request: priced again here from the simulator's fields (the
    page's total is never trusted), then journaled as the simulator consulted, with its total."""
    sandbox_page(sandbox_id, work=True)
    session, actor = _session_actor()
    code = request.form.get("product", "")
    product = catalogue_service.get_product(session, actor, code, sandbox_id)
    pricing = catalogue_service.price_product(
        session, actor, product.code, pricing_data(product, simulator_values(product, request.form)), sandbox_id
    )
    priced = {
        "product": product.code,
        "formula": pricing.formula,
        "options": list(pricing.options),
        "frequency": pricing.frequency,
        "effective_date": pricing.effective_date.isoformat(),
        "total": str(pricing.total),
    }
    attached = casework.consult(session, actor, sandbox_id, request_id, {"what": "simulator", "priced": priced})
    if attached:
        flash(f"Simulation jointe à la demande (prime totale annuelle : {euros(pricing.total)}).", "success")
    else:
        flash("Une simulation est déjà jointe à cette demande.", "info")
    return _back(sandbox_id, request_id, "analyse")
