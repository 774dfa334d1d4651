"""What the agreement and the issue accept (marshmallow, French messages), shared by the pages and the API.

Checks that need the quote (an agreement within its validity, a mandate for a monthly payment) are made by
the contracts service, which knows it.
"""

from __future__ import annotations

from marshmallow import validate

from polyadmin.domain.contracts import CHANNEL_LABELS, PAYMENT_LABELS, SIGNATURE_LABELS
from polyadmin.validation.french import Date, FrenchSchema, String, one_of

CHANNELS = {channel.value: label for channel, label in CHANNEL_LABELS.items()}
SIGNATURES = {mode.value: label for mode, label in SIGNATURE_LABELS.items()}
PAYMENT_METHODS = {method.value: label for method, label in PAYMENT_LABELS.items()}
IDEMPOTENCY_KEY_MAX = 100


class AgreementSchema(FrenchSchema):
    date = Date(required=True, metadata={"description": "Date de l'accord du client (AAAA-MM-JJ)."})
    channel = String(required=True, validate=one_of(CHANNELS), metadata={"description": "Canal de l'accord."})
    signature_mode = String(
        load_default=None,
        allow_none=True,
        validate=one_of(SIGNATURES),
        metadata={"description": "Mode de signature (par défaut : manuscrite en agence, électronique à distance)."},
    )


class IssueSchema(FrenchSchema):
    payment_method = String(
        required=True, validate=one_of(PAYMENT_METHODS), metadata={"description": "Mode de paiement."}
    )
    iban = String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=50, error="50 caractères au maximum."),
        metadata={"description": "IBAN du débiteur (prélèvement SEPA)."},
    )
    bic = String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=20, error="20 caractères au maximum."),
        metadata={"description": "BIC de la banque du débiteur (prélèvement SEPA)."},
    )
    debtor_name = String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=160, error="160 caractères au maximum."),
        metadata={"description": "Titulaire du compte (par défaut : le client)."},
    )


class TaskQuery(FrenchSchema):
    status = String(
        load_default=None,
        allow_none=True,
        validate=one_of(["open", "done"]),
        metadata={"description": "open (à faire) ou done (faites) ; toutes par défaut."},
    )
