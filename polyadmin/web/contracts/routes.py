"""The pages of « Contrats »: the client's agreement on a quote (« Accord du client »), the issue of its
contracts (« Émettre »: the button is disabled once pressed and a hidden token makes a second submission
replay the first), the sandbox's contracts and a contract's page, and the departments' « Tâches ».

The quote's own page belongs to the offers area; these pages hang on its URL
(`/sandboxes/<id>/quotes/<qid>/agreement` and `/issue`).
"""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain.contracts import DEPARTMENT_LABELS, QUOTE_STATUS_LABELS, TASK_STATUS_LABELS, Department
from polyadmin.domain.errors import Conflict
from polyadmin.domain.french import euros, short_date
from polyadmin.domain.payments import PAYMENT_METHOD_LABELS
from polyadmin.domain.terminations import CONTRACT_GROUND_LABELS
from polyadmin.services import contracts as service
from polyadmin.services import endorsements, payments, terminations
from polyadmin.services.catalogue import catalogue_for
from polyadmin.validation.contracts import CHANNELS, PAYMENT_METHODS, SIGNATURES
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.contracts import forms
from polyadmin.web.forms import error_summary, page_number, refused_input
from polyadmin.web.payments.forms import payment_token
from polyadmin.web.sandbox import sandbox_page

QUOTE = "/sandboxes/<int:sandbox_id>/quotes/<int:quote_id>"
LABELS = {
    "date": "Date de l'accord",
    "channel": "Canal",
    "signature_mode": "Mode de signature",
    "payment_method": "Mode de paiement",
    "iban": "IBAN",
    "bic": "BIC",
    "debtor_name": "Titulaire du compte",
    "quote": "Devis",
    "idempotency_key": "Formulaire",
}
TERMINATION_LABELS = {
    "ground": "Motif de résiliation",
    "notice_sent_on": "Lettre envoyée le",
    "notice_received_on": "Lettre reçue le",
    "event_on": "Date de l'événement",
    "notice_of_right_sent_on": "Avis d'échéance envoyé le",
    "requested_by_new_insurer": "Demandée par le nouvel assureur",
    "new_insurer": "Nom du nouvel assureur",
}
ENDORSEMENT_LABELS = {
    "effective_on": "Date d'effet de l'avenant",
    "changes": "Modifications",
    "changes.formula": "Formule",
    "changes.frequency": "Fractionnement",
    "changes.beneficiary": "Bénéficiaire",
    "justification": "Justification",
}
STATUS_LABELS = QUOTE_STATUS_LABELS
CONTRACT_STATUS = {"active": "En cours", "suspended": "Suspendu", "terminated": "Résilié"}
INSTALMENT_STATUS = {"due": "À venir", "paid": "Payée", "unpaid": "Impayée", "cancelled": "Annulée"}


def _quote_page(
    template: str,
    sandbox_id: int,
    quote_id: int,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
    message: str | None = None,
    status: int = 200,
    endorsement: dict[str, Any] | None = None,
) -> Any:
    box, _access = sandbox_page(sandbox_id)
    session, actor = db_session(), current_actor()
    check = service.issue_check(session, actor, sandbox_id, quote_id)
    catalogue = catalogue_for(session, actor, sandbox_id)
    products = {line.product_code: catalogue.product(line.product_code) for line in check.lines}
    errors = errors or {}
    page = render_template(
        template,
        sandbox=box,
        area="contrats",
        check=check,
        products=products,
        values=values,
        errors=errors,
        summary=error_summary(errors, LABELS),
        message=message,
        channels=CHANNELS,
        signatures=SIGNATURES,
        payment_methods=PAYMENT_METHODS,
        status_labels=STATUS_LABELS,
    )
    return page, status


@bp.route(QUOTE + "/agreement", methods=["GET"])
@login_required
def quote_agreement(sandbox_id: int, quote_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    return _quote_page("contracts/agreement.html", sandbox_id, quote_id, forms.agreement_defaults(box.business_date))


@bp.route(QUOTE + "/agreement", methods=["POST"])
@login_required
def quote_agreement_record(sandbox_id: int, quote_id: int) -> Any:
    sandbox_page(sandbox_id, work=True)
    with refused_input(also=(Conflict,)) as refused:
        service.record_agreement(
            db_session(), current_actor(), sandbox_id, quote_id, forms.agreement_data(request.form)
        )
        flash("Accord du client enregistré.", "success")
        return redirect(url_for("web.quote_issue", sandbox_id=sandbox_id, quote_id=quote_id))
    return _quote_page(
        "contracts/agreement.html",
        sandbox_id,
        quote_id,
        dict(request.form),
        refused.errors,
        refused.message,
        refused.status,
    )


@bp.route(QUOTE + "/issue", methods=["GET"])
@login_required
def quote_issue(sandbox_id: int, quote_id: int) -> Any:
    return _quote_page(
        "contracts/issue.html",
        sandbox_id,
        quote_id,
        {"payment_method": "prelevement", "idempotency_key": forms.issue_token()},
    )


@bp.route(QUOTE + "/issue", methods=["POST"])
@login_required
def quote_issue_submit(sandbox_id: int, quote_id: int) -> Any:
    sandbox_page(sandbox_id, work=True)
    key = forms.issue_token(request.form)
    with refused_input(also=(Conflict,)) as refused:
        issued = service.issue_contracts(
            db_session(), current_actor(), sandbox_id, quote_id, forms.issue_data(request.form), key=key
        )
        numbers = ", ".join(contract.number for contract in issued.contracts)
        flash(f"Contrat(s) émis : {numbers}.", "success")
        first = issued.contracts[0]
        return redirect(url_for("web.contract_detail", sandbox_id=sandbox_id, contract_id=first.id))
    values = {**request.form, "idempotency_key": key}
    return _quote_page(
        "contracts/issue.html", sandbox_id, quote_id, values, refused.errors, refused.message, refused.status
    )


@bp.route("/sandboxes/<int:sandbox_id>/contrats")
@login_required
def contract_list(sandbox_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    issued_only = request.args.get("emis") == "oui"
    page = service.list_contracts(
        db_session(), current_actor(), sandbox_id, page_number(request.args.get("page")), issued_only=issued_only
    )
    return render_template(
        "contracts/list.html",
        sandbox=box,
        area="contrats",
        page=page,
        issued_only=issued_only,
        contract_status=CONTRACT_STATUS,
    )


def _detail_page(
    sandbox_id: int,
    contract_id: int,
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    message: str | None = None,
    status: int = 200,
    endorsement: dict[str, Any] | None = None,
) -> Any:
    box, _access = sandbox_page(sandbox_id)
    session, actor = db_session(), current_actor()
    detail = service.get_contract(session, actor, sandbox_id, contract_id)
    days = int(current_app.config["DOCUMENT_REMINDER_DAYS"])
    documents = service.contract_documents(session, actor, sandbox_id, contract_id, days)
    errors = errors or {}
    page = render_template(
        "contracts/detail.html",
        sandbox=box,
        area="contrats",
        detail=detail,
        documents=documents,
        view=detail.view,
        contract_status=CONTRACT_STATUS,
        instalment_status=INSTALMENT_STATUS,
        termination=terminations.termination_of(session, actor, sandbox_id, contract_id),
        grounds=CONTRACT_GROUND_LABELS,
        refund_status=terminations.REFUND_STATUS_LABELS,
        ledger=payments.contract_ledger(session, actor, sandbox_id, contract_id),
        methods=PAYMENT_METHOD_LABELS,
        token=payment_token(),
        values=values or {},
        errors=errors,
        summary=error_summary(errors, TERMINATION_LABELS) if endorsement is None else [],
        message=message if endorsement is None else None,
        choices=endorsements.endorsement_choices(session, actor, sandbox_id, contract_id),
        endorsement_status=endorsements.STATUS_LABELS,
        settlement_labels=endorsements.SETTLEMENT_LABELS,
        endorsement_labels=ENDORSEMENT_LABELS,
        endorsement=endorsement or {},
    )
    return page, status


def _endorsement_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """The service's field names → the form's (« changes.risk.garage_postcode » → « postcode »)."""
    shown: dict[str, list[str]] = {}
    for name, messages in errors.items():
        field = name.removeprefix("changes.")
        if field.startswith("risk.") or field == "risk":
            field = "postcode"
        shown.setdefault(field, []).extend(messages)
    return shown


@bp.route("/sandboxes/<int:sandbox_id>/contrats/<int:contract_id>/avenant", methods=["POST"])
@login_required
def contract_endorse(sandbox_id: int, contract_id: int) -> Any:
    """« Avenant »: « Prévisualiser » shows the contract before and after, the difference pro rata and its
    settlement, nothing written; « Valider l'avenant » records it. Refusals come back on the form."""
    sandbox_page(sandbox_id, work=True)
    session, actor = db_session(), current_actor()
    choices = endorsements.endorsement_choices(session, actor, sandbox_id, contract_id)
    data = forms.endorsement_data(request.form, choices.postcode_field, choices.current)
    values = dict(request.form)
    with refused_input(to_fields=dict, also=(Conflict,)) as refused:
        if request.form.get("step") == "record":
            row = endorsements.record_endorsement(session, actor, sandbox_id, contract_id, data)
            flash(
                f"Avenant n° {row.version} enregistré, effet le {short_date(row.effective_on)} : différence "
                f"{euros(row.difference_total)} ({endorsements.SETTLEMENT_LABELS[row.settlement].lower()}).",
                "success",
            )
            return redirect(url_for("web.contract_detail", sandbox_id=sandbox_id, contract_id=contract_id))
        preview = endorsements.preview_endorsement(session, actor, sandbox_id, contract_id, data)
        return _detail_page(sandbox_id, contract_id, endorsement={"values": values, "preview": preview, "errors": {}})
    state = {"values": values, "errors": _endorsement_errors(refused.errors), "message": refused.message}
    return _detail_page(sandbox_id, contract_id, status=refused.status, endorsement=state)


@bp.route(
    "/sandboxes/<int:sandbox_id>/contrats/<int:contract_id>/avenants/<int:endorsement_id>/annuler", methods=["POST"]
)
@login_required
def contract_endorsement_cancel(sandbox_id: int, contract_id: int, endorsement_id: int) -> Any:
    sandbox_page(sandbox_id, work=True)
    with refused_input(also=(Conflict,)) as refused:
        row = endorsements.cancel_endorsement(db_session(), current_actor(), sandbox_id, contract_id, endorsement_id)
        flash(f"Avenant n° {row.version} annulé : le contrat reprend ses conditions antérieures.", "success")
    if refused:
        flash(refused.message or "Annulation refusée.", "error")
    return redirect(url_for("web.contract_detail", sandbox_id=sandbox_id, contract_id=contract_id))


@bp.route("/sandboxes/<int:sandbox_id>/contrats/<int:contract_id>")
@login_required
def contract_detail(sandbox_id: int, contract_id: int) -> Any:
    return _detail_page(sandbox_id, contract_id)


@bp.route("/sandboxes/<int:sandbox_id>/contrats/<int:contract_id>/resiliation", methods=["POST"])
@login_required
def contract_terminate(sandbox_id: int, contract_id: int) -> Any:
    """« Résilier »: the ground and its dates; the contract's page then shows the date of effect and the
    refund; a refusal comes back on the form with its reason (409) or its fields (422)."""
    sandbox_page(sandbox_id, work=True)
    with refused_input(also=(Conflict,)) as refused:
        recorded = terminations.terminate_contract(
            db_session(), current_actor(), sandbox_id, contract_id, forms.termination_data(request.form)
        )
        termination = recorded.termination
        refund = (
            f" ; {euros(termination.refund)} à rembourser au plus tard le {short_date(recorded.refund_due_by)}"
            if recorded.refund_due_by
            else ""
        )
        flash(
            f"Contrat {recorded.contract.number} résilié : fin le {short_date(termination.effective_on)}{refund}.",
            "success",
        )
        return redirect(url_for("web.contract_detail", sandbox_id=sandbox_id, contract_id=contract_id))
    return _detail_page(sandbox_id, contract_id, dict(request.form), refused.errors, refused.message, refused.status)


@bp.route("/sandboxes/<int:sandbox_id>/taches")
@login_required
def task_list(sandbox_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    session = db_session()
    wanted = request.args.get("statut")
    status = wanted if wanted in TASK_STATUS_LABELS else None
    tasks = service.list_tasks(session, current_actor(), sandbox_id, {"status": status})
    rows = [(task, service.task_link(session, task)) for task in tasks]
    return render_template(
        "contracts/tasks.html",
        sandbox=box,
        area="taches",
        rows=rows,
        status=status,
        status_labels=TASK_STATUS_LABELS,
        departments={department.value: DEPARTMENT_LABELS[department] for department in Department},
    )


@bp.route("/sandboxes/<int:sandbox_id>/taches/<int:task_id>/close", methods=["POST"])
@login_required
def task_close(sandbox_id: int, task_id: int) -> Any:
    sandbox_page(sandbox_id, work=True)
    with refused_input(also=(Conflict,)) as refused:
        service.close_task(db_session(), current_actor(), sandbox_id, task_id)
        flash("Tâche marquée comme faite.", "success")
    if refused:
        flash(refused.message or "Action refusée.", "error")
    return redirect(url_for("web.task_list", sandbox_id=sandbox_id))
