"""What a recorded contact with a client accepts (marshmallow, French messages).

The date's upper bound (the sandbox's date) and its default are applied by the service, which
knows the sandbox: here `occurred_on` is only a well-formed date, or absent.
"""

from __future__ import annotations

from marshmallow import validate

from polyadmin.domain.interactions import CHANNELS, DIRECTIONS, MOTIVE_MAX_LENGTH, SUMMARY_MAX_LENGTH
from polyadmin.validation.french import Date, FrenchSchema, String, not_blank, one_of

# Whether a summary holds health data cannot be checked: the message reminds the rule instead.
SUMMARY_MESSAGE = (
    f"Entre 1 et {SUMMARY_MAX_LENGTH} caractères. Rappel : aucune donnée de santé dans un texte libre "
    "(elles relèvent du questionnaire médical, sous pli confidentiel)."
)


class InteractionSchema(FrenchSchema):
    occurred_on = Date(
        load_default=None,
        allow_none=True,
        metadata={"description": "Date du contact (AAAA-MM-JJ) ; par défaut la date de la simulation, jamais après."},
    )
    channel = String(
        required=True,
        validate=one_of(CHANNELS),
        metadata={"description": "Canal : " + ", ".join(CHANNELS) + "."},
    )
    direction = String(
        required=True,
        validate=one_of(DIRECTIONS),
        metadata={"description": "Sens : entrant (le client nous contacte) ou sortant (nous le contactons)."},
    )
    motive = String(
        required=True,
        validate=not_blank(MOTIVE_MAX_LENGTH),
        metadata={"description": f"Motif du contact ({MOTIVE_MAX_LENGTH} caractères au plus)."},
    )
    summary = String(
        required=True,
        validate=validate.Length(min=1, max=SUMMARY_MAX_LENGTH, error=SUMMARY_MESSAGE),
        metadata={
            "description": (
                f"Compte rendu ({SUMMARY_MAX_LENGTH} caractères au plus). Aucune donnée de santé dans un texte libre."
            )
        },
    )
