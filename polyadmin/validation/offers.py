"""What the offer actions accept (marshmallow, French messages), shared by the pages and the API: the needs
record with its advice (C2A.3), a quote and a new version of it.

Whether a product, a formula, an option or a risk value exists is the catalogue's and the pricing
engine's business: the offers service names every unknown choice per line (`lines.0.formula`…).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import ValidationError, fields, validate

from polyadmin.domain.offers import LINE_LABELS
from polyadmin.validation.casework import DECIMAL_TEXT, DecimalText
from polyadmin.validation.french import Boolean, Date, FrenchSchema, Integer, List, String, not_blank, one_of
from polyadmin.validation.pricing import CODE_LENGTH, Mapping

ANSWER_MAX = 2000
MAX_BUDGET = Decimal(100000)
MAX_LINES = 10


def _answer(description: str) -> String:
    return String(load_default="", validate=validate.Length(max=ANSWER_MAX), metadata={"description": description})


def _codes(description: str) -> List:
    return List(
        String(validate=not_blank(CODE_LENGTH)),
        load_default=list,
        validate=validate.Length(max=40, error="40 codes au plus."),
        metadata={"description": description},
    )


def _at_least_one_line(value: dict[str, Any]) -> None:
    if not value:
        raise ValidationError("Au moins une branche à examiner.")


def _budget(value: Decimal) -> None:
    if not Decimal(0) <= value <= MAX_BUDGET:
        raise ValidationError("Budget mensuel entre 0 et 100 000 €.")


class LineNeedsSchema(FrenchSchema):
    protect = _answer("Qui et quoi protéger.")
    existing_cover = _answer("Couverture existante.")
    wanted = _codes("Codes des garanties souhaitées (garanties des produits de la branche).")
    already_covered = _codes("Codes des garanties que le client détient déjà ailleurs.")
    specific = _answer("Besoins particuliers (usage, valeur, handicap, contraintes).")


class RecommendationSchema(FrenchSchema):
    line = String(required=True, validate=one_of(LINE_LABELS), metadata={"description": "Branche conseillée."})
    need = _answer("Le besoin auquel la recommandation répond.")
    product = String(required=True, validate=not_blank(CODE_LENGTH), metadata={"description": "Code du produit."})
    formula = String(required=True, validate=not_blank(CODE_LENGTH), metadata={"description": "Code de la formule."})
    options = _codes("Options conseillées.")
    reason = String(
        required=True,
        validate=not_blank(ANSWER_MAX),
        metadata={"description": "Pourquoi ce produit, cette formule et ces options : avec vos mots."},
    )


class NeedsSchema(FrenchSchema):
    request_id = Integer(load_default=None, allow_none=True, metadata={"description": "Demande à l'origine."})
    lines = fields.Dict(
        keys=String(validate=one_of(LINE_LABELS)),
        values=fields.Nested(LineNeedsSchema),
        required=True,
        validate=_at_least_one_line,
        metadata={"description": "Réponses par branche (auto, habitation, sante, emprunteur, professionnelle)."},
        error_messages={"invalid": "Objet attendu (branche → réponses)."},
    )
    disability = _answer("Situation de handicap ou besoin d'adaptation.")
    situation = _answer("Situation familiale et professionnelle.")
    budget_monthly = DecimalText(
        load_default=None,
        allow_none=True,
        as_string=True,
        places=2,
        validate=_budget,
        metadata={**DECIMAL_TEXT, "description": "Budget mensuel en euros (ex. « 80.00 »)."},
    )
    accessible_formats = Boolean(load_default=False, metadata={"description": "Documents en format accessible."})
    eco_interest = Boolean(load_default=False, metadata={"description": "Intérêt pour les options éco-responsables."})
    recommendations = List(
        fields.Nested(RecommendationSchema),
        load_default=list,
        validate=validate.Length(max=MAX_LINES, error=f"{MAX_LINES} recommandations au plus."),
    )


class QuoteLineSchema(FrenchSchema):
    product = String(required=True, validate=not_blank(CODE_LENGTH), metadata={"description": "Code du produit."})
    formula = String(required=True, validate=not_blank(CODE_LENGTH), metadata={"description": "Code de la formule."})
    frequency = String(
        required=True, validate=not_blank(CODE_LENGTH), metadata={"description": "Fréquence de paiement (annuel…)."}
    )
    options = _codes("Options choisies (garanties optionnelles ou options tarifaires).")
    deductibles = Mapping(
        keys=String(validate=not_blank(CODE_LENGTH)),
        values=String(validate=not_blank(CODE_LENGTH)),
        load_default=dict,
        metadata={"description": "Franchise choisie par garantie (code de garantie → code de franchise)."},
    )
    risk = Mapping(
        keys=String(validate=not_blank(CODE_LENGTH)),
        values=fields.Raw(allow_none=True),
        load_default=dict,
        metadata={
            "description": "Données de risque (nom du champ → valeur) ; complétées par la fiche du risque "
            "choisi et par la demande."
        },
    )
    effective_date = Date(
        load_default=None,
        allow_none=True,
        metadata={"description": "Date d'effet ; par défaut la date de la simulation."},
    )
    alternative_of = Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=MAX_LINES, error=f"Numéro de ligne entre 1 et {MAX_LINES}."),
        metadata={"description": "Numéro (1, 2…) de la ligne à laquelle celle-ci est comparée (alternative)."},
    )
    vehicle_id = Integer(load_default=None, allow_none=True, metadata={"description": "Véhicule assuré (du client)."})
    dwelling_id = Integer(load_default=None, allow_none=True, metadata={"description": "Logement assuré (du client)."})
    business_id = Integer(load_default=None, allow_none=True, metadata={"description": "Entreprise assurée."})
    loan_id = Integer(load_default=None, allow_none=True, metadata={"description": "Prêt assuré (du client)."})


def _lines() -> List:
    return List(
        fields.Nested(QuoteLineSchema),
        required=True,
        validate=validate.Length(min=1, max=MAX_LINES, error=f"De 1 à {MAX_LINES} lignes."),
        metadata={"description": "Les produits proposés, chacun tarifé par le moteur."},
    )


class QuoteSchema(FrenchSchema):
    client_id = Integer(required=True, metadata={"description": "Client à qui le devis est proposé."})
    request_id = Integer(load_default=None, allow_none=True, metadata={"description": "Demande à l'origine."})
    lines = _lines()


class QuoteVersionSchema(FrenchSchema):
    reason = String(
        required=True, validate=not_blank(ANSWER_MAX), metadata={"description": "Ce que le client a changé."}
    )
    lines = _lines()
