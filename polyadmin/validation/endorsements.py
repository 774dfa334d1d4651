"""What « avenant » accepts (marshmallow, French messages), shared by the contract page and the API.

The checks that need the contract, its product and the sandbox's date (the date of effect, the backdating
window, the engine's tables, the mandatory guarantees) are made by the endorsements service and the domain.
"""

from __future__ import annotations

from marshmallow import fields, validate

from polyadmin.domain.contracts import PaymentMethod
from polyadmin.validation.french import Date, FrenchSchema, List, String, one_of


class Mapping(fields.Dict):
    default_error_messages = {"invalid": "Objet attendu (donnée → valeur)."}


class EndorsementChangesSchema(FrenchSchema):
    formula = String(load_default=None, allow_none=True, metadata={"description": "Nouvelle formule (code)."})
    options = List(
        String(validate=validate.Length(min=1, max=60)),
        load_default=None,
        allow_none=True,
        metadata={"description": "Options retenues après l'avenant (la liste complète)."},
    )
    deductibles = Mapping(
        keys=String(validate=validate.Length(min=1, max=60)),
        values=String(validate=validate.Length(min=1, max=60)),
        load_default=None,
        allow_none=True,
        metadata={"description": "Franchises choisies par garantie (code de garantie → code de franchise)."},
    )
    frequency = String(load_default=None, allow_none=True, metadata={"description": "Fractionnement (code)."})
    risk = Mapping(
        keys=String(validate=validate.Length(min=1, max=60)),
        load_default=None,
        allow_none=True,
        metadata={
            "description": "Données de risque modifiées (adresse ou code postal de garage, véhicule, conducteur, "
            "capitaux…), champ par champ."
        },
    )
    payment_method = String(
        load_default=None,
        allow_none=True,
        validate=one_of([method.value for method in PaymentMethod]),
        metadata={"description": "Mode de paiement."},
    )
    beneficiary = String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=200, error="200 caractères au maximum."),
        metadata={"description": "Bénéficiaire (assurance emprunteur, prévoyance)."},
    )


class EndorsementSchema(FrenchSchema):
    effective_on = Date(required=True, metadata={"description": "Date d'effet de l'avenant (AAAA-MM-JJ), à 0 h."})
    changes = fields.Nested(EndorsementChangesSchema, required=True)
    justification = String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=2000, error="2000 caractères au maximum."),
        metadata={"description": "Justification écrite, obligatoire au-delà de la fenêtre de rétroactivité."},
    )


class EndorsementListQuery(FrenchSchema):
    on = Date(
        load_default=None,
        allow_none=True,
        metadata={"description": "Une date (AAAA-MM-JJ) : la réponse dit quelle version du contrat s'y applique."},
    )
