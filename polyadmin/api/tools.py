"""The « outils » calculators: bonus-malus (CRM), novice surcharge, termination dates and refund,
unpaid-premium dates; read-only.

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
from polyadmin.domain.terminations import Termination, terminate
from polyadmin.domain.unpaid_premiums import UnpaidPremium, unpaid_premium
from polyadmin.validation.tools import (
    BonusMalusSchema,
    NoviceSurchargeSchema,
    TerminationSchema,
    UnpaidPremiumSchema,
    load_bonus_malus,
    load_novice_surcharge,
    load_termination,
    load_unpaid_premium,
)

tools_bp = api_blueprint(
    "api_tools",
    __name__,
    "Outils de calcul pour l'entretien client : bonus-malus (CRM), surprime des conducteurs novices, "
    "dates et remboursement d'une résiliation, délais d'une prime impayée. "
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


def _date(description: str) -> Any:
    return fields.Date(allow_none=True, **_doc(description))


class TerminationOut(Schema):
    accepted = fields.Boolean(**_doc("Le motif s'applique (sinon `reason` dit pourquoi)."))
    reason = fields.String(
        **_doc("Règle appliquée ou motif du refus, en français, avec l'article du Code des assurances.")
    )
    effective_on = _date("Date d'effet de la résiliation (à 0 h) ; null si refusée.")
    send_by = _date("Dernier jour d'envoi de la lettre (annual, chatel, change_of_situation), sinon null.")
    deadline = _date(
        "Date limite du motif (Chatel : dénonciation ; vente : fin de plein droit ; Hamon refusé : ouverture)."
    )
    earned = fields.String(allow_none=True, **_doc("Prime acquise à l'assureur, au centime (« 165.57 »)."))
    refund = fields.String(allow_none=True, **_doc("Prime non acquise remboursée, au centime (« 434.43 »)."))
    refund_due_by = _date("Remboursement au plus tard (date d'effet + 30 jours) ; null sans remboursement.")


class UnpaidPremiumOut(Schema):
    notice_valid = fields.Boolean(**_doc("La mise en demeure est envoyée après les dix jours suivant l'échéance."))
    reason = fields.String(**_doc("Calcul ou motif d'invalidité, en français, avec l'article du Code des assurances."))
    covered_until = _date("Dernier jour couvert (inclus) ; null sans suspension.")
    suspended_from = _date("Garantie suspendue à partir de ce jour à 0 h ; null sans suspension.")
    termination_possible_from = _date("Résiliation possible par l'assureur à partir de ce jour ; null sinon.")
    cover_resumes_at = fields.DateTime(
        allow_none=True, **_doc("Reprise de la garantie : midi (heure de Paris) le lendemain du paiement, ISO 8601.")
    )


def termination_view(result: Termination) -> dict[str, Any]:
    return {
        "accepted": result.accepted,
        "reason": result.reason,
        "effective_on": result.effective_on,
        "send_by": result.send_by,
        "deadline": result.deadline,
        "earned": None if result.earned is None else f"{result.earned:.2f}",
        "refund": None if result.refund is None else f"{result.refund:.2f}",
        "refund_due_by": result.refund_due_by,
    }


def unpaid_premium_view(result: UnpaidPremium) -> dict[str, Any]:
    return {
        "notice_valid": result.notice_valid,
        "reason": result.reason,
        "covered_until": result.covered_until,
        "suspended_from": result.suspended_from,
        "termination_possible_from": result.termination_possible_from,
        "cover_resumes_at": result.cover_resumes_at,
    }


@tools_bp.route("/termination", methods=["POST"])
@json_body_doc(
    tools_bp,
    TerminationSchema,
    'Motif, dates AAAA-MM-JJ, prime de la période en texte (ex. "600.00").',
)
@tools_bp.response(200, TerminationOut)
@error_docs(tools_bp, 400, 401, 415, 422)
def termination() -> dict[str, Any]:
    """Calculer une résiliation

    Dates et remboursement selon le motif : annuelle (art. L113-12, lettre deux mois au moins avant
    l'échéance), loi Chatel (L113-15-1 : 20 jours après un avis d'échéance tardif, à tout moment sans
    avis), loi Hamon (L113-15-2 : après un an, effet un mois après réception), vente du véhicule
    (L121-11 : suspension le lendemain à 0 h, préavis de dix jours, fin de plein droit après six mois),
    changement de situation (L113-16 : dans les trois mois, effet un mois après réception). Un motif
    qui ne s'applique pas répond `accepted: false` avec la raison. La prime non acquise est calculée au
    prorata des jours, arrondie au centime (demi supérieur), remboursable sous 30 jours. Rien n'est
    enregistré.
    """
    return termination_view(terminate(load_termination(json_body())))


@tools_bp.route("/unpaid-premium", methods=["POST"])
@json_body_doc(tools_bp, UnpaidPremiumSchema, "Échéance, envoi de la mise en demeure, paiement éventuel (AAAA-MM-JJ).")
@tools_bp.response(200, UnpaidPremiumOut)
@error_docs(tools_bp, 400, 401, 415, 422)
def unpaid_premium_dates() -> dict[str, Any]:
    """Calculer les délais d'une prime impayée

    Article L113-3 et R113-1 du Code des assurances : mise en demeure possible après les dix jours
    suivant l'échéance ; garantie suspendue trente jours après son envoi (le jour d'envoi non compté) ;
    résiliation possible dix jours après ; le paiement des arriérés rétablit la garantie à midi
    (heure de Paris) le lendemain du paiement. Rien n'est enregistré.
    """
    return unpaid_premium_view(unpaid_premium(**load_unpaid_premium(json_body())))
