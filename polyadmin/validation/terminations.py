"""What « résilier » accepts (marshmallow, French messages), shared by the contract page and the API.

The checks that need the contract and the sandbox's date (a date not after the simulation's, the ground's
own rules) are made by the terminations service and the domain.
"""

from __future__ import annotations

from marshmallow import validate

from polyadmin.domain.terminations import CONTRACT_GROUND_LABELS
from polyadmin.validation.french import Boolean, Date, FrenchSchema, String, one_of

# The grounds a new insurer may exercise on the client's behalf (L113-15-2 al. 3; L113-16 by mandate).
NEW_INSURER_GROUNDS = frozenset({"hamon", "change_of_situation"})


def _optional_date(description: str) -> Date:
    return Date(load_default=None, allow_none=True, metadata={"description": description})


class ContractTerminationSchema(FrenchSchema):
    ground = String(
        required=True,
        validate=one_of(CONTRACT_GROUND_LABELS),
        metadata={"description": "Motif : " + ", ".join(f"{k} ({v})" for k, v in CONTRACT_GROUND_LABELS.items())},
    )
    notice_sent_on = _optional_date(
        "Envoi de la lettre (résiliation, renonciation, mise en demeure), cachet de la poste (AAAA-MM-JJ)."
    )
    notice_received_on = _optional_date(
        "Réception de la notification par l'autre partie (hamon, change_of_situation, lemoine, insurer_claim)."
    )
    event_on = _optional_date(
        "Date de l'événement : vente du véhicule, changement de situation, sinistre, échéance impayée."
    )
    notice_of_right_sent_on = _optional_date(
        "Envoi de l'avis d'échéance rappelant le droit de résiliation (chatel) ; absent : jamais envoyé."
    )
    requested_by_new_insurer = Boolean(
        load_default=False,
        metadata={"description": "Demandée par le nouvel assureur pour le compte du client (hamon, L113-16)."},
    )
    new_insurer = String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=120, error="120 caractères au maximum."),
        metadata={"description": "Nom du nouvel assureur qui demande la résiliation."},
    )
