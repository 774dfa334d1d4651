"""« Outils »: the bonus-malus and novice-surcharge calculators, for use during a client interview.

Read-only pages for every signed-in role: nothing is stored and nothing is journaled. They exist
twice, with the same view: `/outils` on its own, and `/sandboxes/<id>/outils` inside a sandbox's
layout (the « Outils » entry of the sandbox navigation), which checks that the sandbox is visible.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import g, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from polyadmin.context import db_session
from polyadmin.domain.bonus_malus import USAGE_LABELS, CrmResult, crm_after
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.french import coefficient_text, percent_text
from polyadmin.domain.novice_surcharge import NoviceSurcharge, novice_surcharge
from polyadmin.services import sandboxes
from polyadmin.validation.tools import load_bonus_malus, load_novice_surcharge
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import error_summary

PERIOD_ROWS = 10
BONUS_MALUS = "bonus_malus"
NOVICE = "novice"

# Labels of the error summary: the same words as the fields of the page.
LABELS: dict[str, Any] = {
    "crm": _l("Coefficient actuel (CRM)"),
    "usage": _l("Usage du véhicule"),
    "years_at_floor": _l("Années déjà passées à 0,50"),
    "years": _l("Périodes de référence"),
    "years_licensed": _l("Années de permis"),
    "claim_free_years": _l("Années sans sinistre responsable"),
    "accompanied_driving": _l("Conduite accompagnée"),
}
for _row in range(PERIOD_ROWS):
    LABELS[f"at_fault_{_row}"] = _l("Période %(num)s — sinistres responsables", num=_row + 1)
    LABELS[f"partial_{_row}"] = _l("Période %(num)s — sinistres partiellement responsables", num=_row + 1)


def bonus_malus_defaults() -> dict[str, str]:
    values = {"crm": "1,00", "usage": "standard", "years_at_floor": "0", "at_fault_0": "0", "partial_0": "0"}
    for row in range(1, PERIOD_ROWS):
        values[f"at_fault_{row}"] = values[f"partial_{row}"] = ""
    return values


def novice_defaults() -> dict[str, Any]:
    return {"years_licensed": "0", "claim_free_years": "0", "accompanied_driving": False}


def _text(form: MultiDict[str, str], name: str) -> str:
    return form.get(name, "").strip()[:20]


def bonus_malus_values(form: MultiDict[str, str]) -> dict[str, str]:
    return {name: _text(form, name) for name in bonus_malus_defaults()}


def bonus_malus_data(values: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Form values → the calculator's input; rows left blank at the end are not periods.

    A row is a period as soon as one of its two cells is filled (the other counts 0); a blank row
    followed by a filled one is an error, so that a forgotten year is never skipped silently.
    """
    errors: dict[str, list[str]] = {}
    filled = [bool(values[f"at_fault_{row}"] or values[f"partial_{row}"]) for row in range(PERIOD_ROWS)]
    used = max((row + 1 for row, is_filled in enumerate(filled) if is_filled), default=0)
    for row in range(used):
        if not filled[row]:
            errors[f"at_fault_{row}"] = [
                _("Période vide entre deux périodes saisies : écrivez 0 et 0 pour une année sans sinistre.")
            ]
    data: dict[str, Any] = {
        "crm": values["crm"] or None,
        "usage": values["usage"] or "standard",
        "years_at_floor": values["years_at_floor"] or "0",
        "years": [
            {"at_fault": values[f"at_fault_{row}"] or "0", "partial": values[f"partial_{row}"] or "0"}
            for row in range(used)
        ],
    }
    if data["crm"] is None:
        data.pop("crm")
    return data, errors


def form_errors(errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Validation paths to form fields: « years.2.partial » → « partial_2 »."""
    merged: dict[str, list[str]] = {}
    for path, messages in errors.items():
        parts = path.split(".")
        is_row = parts[0] == "years" and len(parts) == 3 and parts[1].isdigit()
        field = f"{parts[2]}_{parts[1]}" if is_row else parts[0]
        merged.setdefault(field, []).extend(messages)
    return merged


def novice_values(form: MultiDict[str, str]) -> dict[str, Any]:
    return {
        "years_licensed": _text(form, "years_licensed"),
        "claim_free_years": _text(form, "claim_free_years"),
        "accompanied_driving": form.get("accompanied_driving") == "oui",
    }


def novice_data(values: Mapping[str, Any]) -> dict[str, Any]:
    data = {name: values[name] for name in ("years_licensed", "claim_free_years") if values[name]}
    data["accompanied_driving"] = bool(values["accompanied_driving"])
    return data


def crm_steps_view(result: CrmResult) -> list[dict[str, str]]:
    return [
        {"period": str(number), "crm": coefficient_text(step.crm), "rule": step.rule}
        for number, step in enumerate(result.steps, start=1)
    ]


def _compute_bonus_malus(values: Mapping[str, str]) -> tuple[CrmResult | None, dict[str, list[str]]]:
    data, row_errors = bonus_malus_data(values)
    try:
        result = crm_after(**load_bonus_malus(data))
    except InvalidInput as exc:
        return None, {**row_errors, **form_errors(exc.field_errors)}
    if row_errors:
        return None, row_errors
    return result, {}


def _compute_novice(values: Mapping[str, Any]) -> tuple[NoviceSurcharge | None, dict[str, list[str]]]:
    try:
        return novice_surcharge(**load_novice_surcharge(novice_data(values))), {}
    except InvalidInput as exc:
        return None, form_errors(exc.field_errors)


@bp.route("/outils", methods=["GET", "POST"], defaults={"sandbox_id": None})
@bp.route("/sandboxes/<int:sandbox_id>/outils", methods=["GET", "POST"])
@login_required
def tools(sandbox_id: int | None) -> Any:
    box = None
    if sandbox_id is not None:
        box, _access = sandboxes.get_sandbox(db_session(), current_actor(), sandbox_id)
        g.sandbox = box
    calculator = request.form.get("calculator") if request.method == "POST" else None
    bm_values: dict[str, str] = bonus_malus_defaults()
    ns_values: dict[str, Any] = novice_defaults()
    errors: dict[str, list[str]] = {}
    crm_result: CrmResult | None = None
    surcharge: NoviceSurcharge | None = None
    if calculator == BONUS_MALUS:
        bm_values = bonus_malus_values(request.form)
        crm_result, errors = _compute_bonus_malus(bm_values)
    elif calculator == NOVICE:
        ns_values = novice_values(request.form)
        surcharge, errors = _compute_novice(ns_values)
    elif request.method == "POST":
        errors = {"_schema": [_("Formulaire inconnu : utilisez l'un des deux calculateurs de la page.")]}
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
            summary=error_summary(errors, LABELS),
            rows=range(PERIOD_ROWS),
            usages=USAGE_LABELS,
            crm_result=crm_result,
            crm_steps=crm_steps_view(crm_result) if crm_result else [],
            crm_text=coefficient_text(crm_result.crm) if crm_result else None,
            surcharge=surcharge,
            surcharge_text=percent_text(surcharge.percent) if surcharge else None,
        ),
        422 if errors else 200,
    )
