"""What the client endpoints answer and accept: the client record's fields come from `ClientSchema`.

The response (`ClientOut`) is the validation schema's fields (`output_fields`) plus what the system
adds; the request bodies are the validation schema itself, shown in the OpenAPI document.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from polyadmin.api.documenting import field_doc as doc
from polyadmin.api.output_fields import output_fields
from polyadmin.api.schemas import PageOut
from polyadmin.validation.clients import ClientSchema
from polyadmin.validation.french import FrenchSchema, Integer, String, max_length


class ClientUpdateBody(ClientSchema):
    """The fields a PATCH may change (all optional; the kind never changes)."""

    class Meta:
        exclude = ("kind",)


class ClientQuery(FrenchSchema):
    q = String(
        load_default="",
        validate=max_length(100),
        **doc("Recherche : nom (sans accents), numéro, code postal, immatriculation, courriel ou SIREN."),
    )
    page = Integer(load_default=1, validate=validate.Range(min=1, max=100_000, error="Numéro de page invalide."))
    per_page = Integer(load_default=25, validate=validate.Range(min=1, max=100, error="Entre 1 et 100."))


# The record as the candidate typed it (from the validation schema), framed by what the system adds.
_TYPED = output_fields(ClientSchema, {"kind": "person (particulier) ou company (entreprise)."})
ClientOut: type[Schema] = Schema.from_dict(
    {
        "id": fields.Integer(),
        "number": fields.String(**doc("Numéro de client dans le bac à sable (CL-000001).")),
        "sandbox_id": fields.Integer(),
        "kind": _TYPED.pop("kind"),
        "display_name": fields.String(),
        **_TYPED,
        "gdpr_consent_on": fields.Date(allow_none=True),
        "created_on": fields.Date(**doc("Date de la simulation à la création.")),
        "updated_on": fields.Date(**doc("Date de la simulation à la dernière modification.")),
        "version": fields.Integer(**doc("Version de la fiche, à renvoyer dans « If-Match » pour modifier.")),
    },
    name="ClientOut",
)


class ClientPageOut(PageOut):
    items = fields.List(fields.Nested(ClientOut))
