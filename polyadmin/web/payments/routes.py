"""The pages of « Encaissements »: the sandbox's collections (échéances by state on the simulation's date,
with totals and a filter), a contract's account (« Compte du contrat »: movements, running balance,
instalments with what each received) and its « Encaisser » form (CSRF, a hidden Idempotency-Key so that a
double submission records once, French errors on the form).
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain.errors import Conflict
from polyadmin.domain.french import euros
from polyadmin.domain.payments import PAYMENT_METHOD_LABELS
from polyadmin.services import payments as service
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import error_summary, refused_input
from polyadmin.web.payments import forms
from polyadmin.web.sandbox import sandbox_page

PAYMENT_LABELS = {
    "method": "Mode de paiement",
    "amount": "Montant encaissé",
    "received_on": "Encaissé le",
    "reference": "Référence",
    "instalment_ids": "Échéances à régler",
    "idempotency_key": "Formulaire",
}


@bp.route("/sandboxes/<int:sandbox_id>/encaissements")
@login_required
def collections(sandbox_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    wanted = request.args.get("etat")
    state = wanted if wanted in service.STATE_LABELS else None
    view = service.collections(db_session(), current_actor(), sandbox_id, {"state": state})
    return render_template(
        "payments/collections.html",
        sandbox=box,
        area="encaissements",
        view=view,
        state=state,
        state_labels=service.STATE_LABELS,
        rows_max=service.COLLECTION_ROWS_MAX,
    )


def _ledger_page(
    sandbox_id: int,
    contract_id: int,
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    message: str | None = None,
    status: int = 200,
) -> Any:
    box, _access = sandbox_page(sandbox_id)
    ledger = service.contract_ledger(db_session(), current_actor(), sandbox_id, contract_id)
    values = values or {}
    errors = errors or {}
    page = render_template(
        "payments/ledger.html",
        sandbox=box,
        area="encaissements",
        ledger=ledger,
        contract=ledger.contract,
        methods=PAYMENT_METHOD_LABELS,
        values=values,
        chosen=set(values.get("instalment_ids", [])),
        token=forms.payment_token(request.form if request.method == "POST" else None),
        errors=errors,
        summary=error_summary(errors, PAYMENT_LABELS),
        message=message,
    )
    return page, status


@bp.route("/sandboxes/<int:sandbox_id>/contrats/<int:contract_id>/compte")
@login_required
def contract_ledger(sandbox_id: int, contract_id: int) -> Any:
    return _ledger_page(sandbox_id, contract_id)


@bp.route("/sandboxes/<int:sandbox_id>/contrats/<int:contract_id>/encaissements", methods=["POST"])
@login_required
def payment_record(sandbox_id: int, contract_id: int) -> Any:
    """« Encaisser »: the payment is allocated and the account shows it; a refusal comes back on the form."""
    sandbox_page(sandbox_id, work=True)
    key = forms.payment_token(request.form)
    with refused_input(also=(Conflict,)) as refused:
        recorded = service.record_payment(
            db_session(), current_actor(), sandbox_id, contract_id, forms.payment_data(request.form), key
        )
        credit = f" ; {euros(recorded.credit)} conservés au crédit du client" if recorded.credit > 0 else ""
        settled = sum(1 for a in recorded.allocations if a.settles)
        flash(
            f"Paiement de {euros(recorded.payment.amount)} enregistré : {euros(recorded.allocated)} affectés, "
            f"{settled} échéance(s) soldée(s){credit}.",
            "success",
        )
        return redirect(url_for("web.contract_ledger", sandbox_id=sandbox_id, contract_id=contract_id))
    values: dict[str, Any] = {
        name: request.form.get(name, "") for name in ("method", "amount", "received_on", "reference")
    }
    values["instalment_ids"] = request.form.getlist("instalment_ids")
    return _ledger_page(sandbox_id, contract_id, values, refused.errors, refused.message, refused.status)
