"""The « outils » calculators: bonus-malus (CRM) and novice surcharge, read-only.

They compute from the body alone: no sandbox, no database write, no journal entry. Any
authenticated role may call them (a candidate during a client interview, a trainer preparing a
case, an evaluator checking a figure).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, fields

from polyadmin.api.auth import api_blueprint
from polyadmin.api.documenting import error_docs, json_body_doc
from polyadmin.api.errors import json_body
from polyadmin.domain.bonus_malus import CrmResult, crm_after
from polyadmin.domain.novice_surcharge import NoviceSurcharge, novice_surcharge
from polyadmin.validation.tools import BonusMalusSchema, NoviceSurchargeSchema, load_bonus_malus, load_novice_surcharge

tools_bp = api_blueprint(
    "api_tools",
    __name__,
    "Outils de calcul pour l'entretien client : bonus-malus (CRM) et surprime des conducteurs novices. "
    "Lecture seule : rien n'est enregistré.",
)


def _doc(description: str) -> dict[str, Any]:
    return {"metadata": {"description": description}}


class CrmStepOut(Schema):
    crm = fields.String(**_doc("Coefficient après la période (deux décimales)."))
    rule = fields.String(**_doc("Règle appliquée, en français (produit, arrondi par défaut, plancher, plafond…)."))


class BonusMalusOut(Schema):
    crm = fields.String(**_doc("Coefficient de réduction-majoration obtenu, deux décimales (ex. « 0.95 »)."))
    steps = fields.List(fields.Nested(CrmStepOut), **_doc("Une étape par période de référence, dans l'ordre."))


class NoviceSurchargeOut(Schema):
    surcharge_percent = fields.String(
        **_doc("Surprime en pourcentage de la prime de référence, sans zéros inutiles (« 50 », « 12.5 », « 0 »).")
    )
    rule = fields.String(**_doc("Règle appliquée, en français."))


def crm_view(result: CrmResult) -> dict[str, Any]:
    return {
        "crm": f"{result.crm:.2f}",
        "steps": [{"crm": f"{step.crm:.2f}", "rule": step.rule} for step in result.steps],
    }


def percent_string(value: Decimal) -> str:
    """50 → « 50 »; 12.50 → « 12.5 »: a rate without useless zeros."""
    normalized = value.normalize()
    return str(int(normalized)) if normalized == normalized.to_integral_value() else format(normalized, "f")


def surcharge_view(result: NoviceSurcharge) -> dict[str, str]:
    return {"surcharge_percent": percent_string(result.percent), "rule": result.rule}


@tools_bp.route("/bonus-malus", methods=["POST"])
@json_body_doc(
    tools_bp,
    BonusMalusSchema,
    'Coefficient en texte (ex. "1.00"), usage, années déjà passées à 0,50 et sinistres comptés par période.',
)
@tools_bp.response(200, BonusMalusOut)
@error_docs(tools_bp, 400, 401, 415, 422)
def bonus_malus() -> dict[str, Any]:
    """Calculer le bonus-malus (CRM)

    Applique la clause type de réduction-majoration (annexe à l'article A121-1 du Code des
    assurances) période par période : × 0,95 par année sans sinistre (× 0,93 en tournées), × 1,25 par
    sinistre responsable (× 1,20), × 1,125 en responsabilité partielle (× 1,10), chaque produit arrêté
    à la deuxième décimale par défaut ; plancher 0,50, plafond 3,50, retour à 1,00 après deux années
    sans sinistre, premier sinistre sans majoration après trois ans à 0,50. Le coefficient s'écrit en
    texte (un nombre JSON est refusé). Rien n'est enregistré.
    """
    return crm_view(crm_after(**load_bonus_malus(json_body())))


@tools_bp.route("/novice-surcharge", methods=["POST"])
@json_body_doc(
    tools_bp,
    NoviceSurchargeSchema,
    "Années de permis, conduite accompagnée, années sans sinistre responsable.",
)
@tools_bp.response(200, NoviceSurchargeOut)
@error_docs(tools_bp, 400, 401, 415, 422)
def novice_surcharge_rate() -> dict[str, str]:
    """Calculer la surprime d'un conducteur novice

    Article A121-1-1 du Code des assurances : 100 % au plus la première année (50 % après
    apprentissage anticipé de la conduite), réduite de moitié après chaque année sans sinistre
    responsable, consécutive ou non ; elle disparaît après trois années sans sinistre responsable
    (deux avec la conduite accompagnée). Rien n'est enregistré.
    """
    return surcharge_view(novice_surcharge(**load_novice_surcharge(json_body())))
