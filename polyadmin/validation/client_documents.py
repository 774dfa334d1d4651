"""What a transmission and a receipt of a client document accept (marshmallow, French messages).

The dates' bounds (not after the sandbox's date, not before the previous step) are the service's,
which knows the sandbox and the document."""

from __future__ import annotations

from polyadmin.domain.client_documents import CHANNELS
from polyadmin.validation.french import Date, FrenchSchema, String, one_of


class TransmissionSchema(FrenchSchema):
    channel = String(
        required=True,
        validate=one_of(CHANNELS),
        metadata={"description": "Canal de transmission : " + ", ".join(CHANNELS) + "."},
    )
    date = Date(
        required=True,
        metadata={"description": "Date de transmission (AAAA-MM-JJ), au plus tard la date de la simulation."},
    )


class ReceiptSchema(FrenchSchema):
    date = Date(
        required=True,
        metadata={
            "description": "Date de réception, ou de signature (AAAA-MM-JJ), au plus tard la date de la simulation."
        },
    )
