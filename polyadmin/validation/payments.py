"""What « encaisser » accepts (marshmallow, French messages), shared by the contract page and the API.

The checks that need the contract and the sandbox's date (a date not after the simulation's, instalments
of the contract still open) are made by the payments service and the domain.
"""

from __future__ import annotations

from marshmallow import validate

from polyadmin.domain.payments import PAYMENT_METHOD_LABELS
from polyadmin.validation.french import Date, FrenchSchema, Integer, List, String, one_of
from polyadmin.validation.tools import Amount

IDEMPOTENCY_KEY_MAX = 100
REFERENCE_MAX = 60
INSTALMENTS_MAX = 120  # ten years of monthly instalments


class PaymentSchema(FrenchSchema):
    method = String(
        required=True,
        validate=one_of(PAYMENT_METHOD_LABELS),
        metadata={"description": "Mode : " + ", ".join(f"{k} ({v})" for k, v in PAYMENT_METHOD_LABELS.items())},
    )
    amount = Amount(required=True, metadata={"description": 'Montant encaissé en euros, en texte (ex. "45.20").'})
    received_on = Date(
        load_default=None,
        allow_none=True,
        metadata={"description": "Date de l'encaissement (AAAA-MM-JJ) ; absente : la date de la simulation."},
    )
    reference = String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=REFERENCE_MAX, error=f"{REFERENCE_MAX} caractères au maximum."),
        metadata={"description": "Référence : numéro du chèque, libellé du virement, autorisation carte…"},
    )
    instalment_ids = List(
        Integer(),
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=INSTALMENTS_MAX, error=f"{INSTALMENTS_MAX} échéances au plus."),
        metadata={"description": "Échéances à régler, dans l'ordre ; absentes ou vide : les plus anciennes d'abord."},
    )


class CollectionsQuery(FrenchSchema):
    state = String(
        load_default=None,
        allow_none=True,
        validate=one_of(["due", "partial", "late", "paid", "cancelled"]),
        metadata={"description": "État : due, partial, late, paid, cancelled (contrat résilié)."},
    )
