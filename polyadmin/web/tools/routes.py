"""« Outils »: the bonus-malus, novice-surcharge, termination and unpaid-premium calculators, for use
during a client interview.

Read-only pages for every signed-in role: nothing is stored and nothing is journaled. They exist
twice, with the same view: `/outils` on its own, and `/sandboxes/<id>/outils` inside a sandbox's
layout (the « Outils » entry of the sandbox navigation), which checks that the sandbox is visible.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from polyadmin.domain.bonus_malus import USAGE_LABELS, CrmResult, crm_after
from polyadmin.domain.french import coefficient_text, datetime_text, day_text, money_text, percent_text
from polyadmin.domain.novice_surcharge import NoviceSurcharge, novice_surcharge
from polyadmin.domain.terminations import GROUND_LABELS, Termination, terminate
from polyadmin.domain.unpaid_premiums import UnpaidPremium, unpaid_premium
from polyadmin.validation.tools import load_bonus_malus, load_novice_surcharge, load_termination, load_unpaid_premium
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import error_summary, refused_input
from polyadmin.web.sandbox import sandbox_page
from polyadmin.web.tools.forms import (
    BONUS_MALUS,
    NOVICE,
    PERIOD_ROWS,
    TERMINATION,
    UNPAID,
    bonus_malus_data,
    bonus_malus_defaults,
    bonus_malus_values,
    form_errors,
    novice_data,
    novice_defaults,
    novice_values,
    termination_data,
    termination_defaults,
    termination_values,
    unpaid_data,
    unpaid_defaults,
    unpaid_form_errors,
    unpaid_values,
)
from polyadmin.web.tools.labels import LABELS, UNPAID_LABELS


def crm_steps_view(result: CrmResult) -> list[dict[str, str]]:
    return [
        {"period": str(number), "crm": coefficient_text(step.crm), "rule": step.rule}
        for number, step in enumerate(result.steps, start=1)
    ]


def _compute_bonus_malus(values: Mapping[str, str]) -> tuple[CrmResult | None, dict[str, list[str]]]:
    data, row_errors = bonus_malus_data(values)
    with refused_input(form_errors) as refused:
        result = crm_after(**load_bonus_malus(data))
    if refused:
        return None, {**row_errors, **refused.errors}
    if row_errors:
        return None, row_errors
    return result, {}


def _compute_novice(values: Mapping[str, Any]) -> tuple[NoviceSurcharge | None, dict[str, list[str]]]:
    with refused_input(form_errors) as refused:
        return novice_surcharge(**load_novice_surcharge(novice_data(values))), {}
    return None, refused.errors


def _day(value: Any) -> str | None:
    return day_text(value) if value is not None else None


def termination_view(result: Termination) -> dict[str, Any]:
    """The result in French words: dates « 10 juin 2027 », amounts « 434,43 € »."""
    return {
        "accepted": result.accepted,
        "reason": result.reason,
        "effective_on": _day(result.effective_on),
        "send_by": _day(result.send_by),
        "deadline": _day(result.deadline),
        "earned": money_text(result.earned) if result.earned is not None else None,
        "refund": money_text(result.refund) if result.refund is not None else None,
        "refund_due_by": _day(result.refund_due_by),
    }


def unpaid_view(result: UnpaidPremium) -> dict[str, Any]:
    resumes = result.cover_resumes_at
    return {
        "notice_valid": result.notice_valid,
        "reason": result.reason,
        "covered_until": _day(result.covered_until),
        "suspended_from": _day(result.suspended_from),
        "termination_possible_from": _day(result.termination_possible_from),
        "cover_resumes_at": datetime_text(resumes, "d MMMM yyyy 'à' HH'h'mm") if resumes else None,
    }


def _compute_termination(values: Mapping[str, Any]) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    with refused_input(form_errors) as refused:
        return termination_view(terminate(load_termination(termination_data(values)))), {}
    return None, refused.errors


def _compute_unpaid(values: Mapping[str, str]) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    with refused_input(unpaid_form_errors) as refused:
        return unpaid_view(unpaid_premium(**load_unpaid_premium(unpaid_data(values)))), {}
    return None, refused.errors


@bp.route("/outils", methods=["GET", "POST"], defaults={"sandbox_id": None})
@bp.route("/sandboxes/<int:sandbox_id>/outils", methods=["GET", "POST"])
@login_required
def tools(sandbox_id: int | None) -> Any:
    box = None
    if sandbox_id is not None:
        box, _access = sandbox_page(sandbox_id)
    calculator = request.form.get("calculator") if request.method == "POST" else None
    bm_values: dict[str, str] = bonus_malus_defaults()
    ns_values: dict[str, Any] = novice_defaults()
    errors: dict[str, list[str]] = {}
    crm_result: CrmResult | None = None
    surcharge: NoviceSurcharge | None = None
    tr_values: dict[str, Any] = termination_defaults()
    up_values: dict[str, str] = unpaid_defaults()
    termination: dict[str, Any] | None = None
    unpaid: dict[str, Any] | None = None
    if calculator == BONUS_MALUS:
        bm_values = bonus_malus_values(request.form)
        crm_result, errors = _compute_bonus_malus(bm_values)
    elif calculator == NOVICE:
        ns_values = novice_values(request.form)
        surcharge, errors = _compute_novice(ns_values)
    elif calculator == TERMINATION:
        tr_values = termination_values(request.form)
        termination, errors = _compute_termination(tr_values)
    elif calculator == UNPAID:
        up_values = unpaid_values(request.form)
        unpaid, errors = _compute_unpaid(up_values)
    elif request.method == "POST":
        errors = {"_schema": [_("Formulaire inconnu : utilisez l'un des calculateurs de la page.")]}
    return (
        render_template(
            "tools/page.html",
            sandbox=box,
            area="outils",
            calculator=calculator,
            bm_values=bm_values,
            ns_values=ns_values,
            bm_errors=errors if calculator == BONUS_MALUS else {},
            ns_errors=errors if calculator == NOVICE else {},
            summary=error_summary(errors, UNPAID_LABELS if calculator == UNPAID else LABELS),
            rows=range(PERIOD_ROWS),
            usages=USAGE_LABELS,
            crm_result=crm_result,
            crm_steps=crm_steps_view(crm_result) if crm_result else [],
            crm_text=coefficient_text(crm_result.crm) if crm_result else None,
            surcharge=surcharge,
            surcharge_text=percent_text(surcharge.percent) if surcharge else None,
            tr_values=tr_values,
            tr_errors=errors if calculator == TERMINATION else {},
            grounds=GROUND_LABELS,
            termination=termination,
            up_values=up_values,
            up_errors=errors if calculator == UNPAID else {},
            unpaid=unpaid,
        ),
        422 if errors else 200,
    )
