"""A pricing request (demande de tarif): the choices and risk data sent to the pricing engine.

Only the shape is checked here (French messages); whether a formula, an option, a deductible or a risk
value exists in the product is the engine's business (`polyadmin.domain.pricing`), which names every
unknown choice with the valid ones.
"""

from __future__ import annotations

from marshmallow import fields, validate

from polyadmin.validation.french import BASE_MESSAGES, Date, FrenchSchema, Integer, List, String, not_blank

CODE_LENGTH = 40


class Mapping(fields.Dict):
    default_error_messages = {**BASE_MESSAGES, "invalid": "Objet attendu."}


class PricingSchema(FrenchSchema):
    formula = String(required=True, validate=not_blank(CODE_LENGTH), metadata={"description": "Code de la formule."})
    frequency = String(
        required=True,
        validate=not_blank(CODE_LENGTH),
        metadata={"description": "Code de la fréquence de paiement (annuel, mensuel…)."},
    )
    effective_date = Date(
        load_default=None,
        allow_none=True,
        metadata={"description": "Date d'effet ; par défaut la date de la simulation du bac à sable."},
    )
    risk = Mapping(
        keys=String(validate=not_blank(CODE_LENGTH)),
        values=fields.Raw(allow_none=True),
        required=True,
        metadata={"description": "Données de risque du produit (nom du champ → valeur) ; nombres exacts."},
    )
    options = List(
        String(validate=not_blank(CODE_LENGTH)),
        load_default=list,
        metadata={"description": "Options choisies (garanties optionnelles ou options tarifaires)."},
    )
    deductibles = Mapping(
        keys=String(validate=not_blank(CODE_LENGTH)),
        values=String(validate=not_blank(CODE_LENGTH)),
        load_default=dict,
        metadata={"description": "Franchise choisie par garantie (code de garantie → code de franchise)."},
    )
    other_contracts = Integer(
        load_default=0,
        validate=validate.Range(min=0, max=99, error="Nombre de contrats entre 0 et 99."),
        metadata={"description": "Nombre d'autres contrats du client (réduction multi-équipement)."},
    )
