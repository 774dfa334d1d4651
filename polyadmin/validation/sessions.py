"""Exam sessions, sandbox clocks and users."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, validate, validates_schema

from polyadmin.domain.french import short_date
from polyadmin.domain.roles import Role
from polyadmin.validation.french import (
    Date,
    FrenchSchema,
    Integer,
    List,
    Secret,
    String,
    max_length,
    not_blank,
    one_of,
    pattern,
)

SEED_RANGE = validate.Range(min=0, max=2**31 - 1, error="Graine : un entier de 0 à 2 147 483 647.")

USERNAME = pattern(
    r"^[a-z0-9][a-z0-9._-]{1,39}$", "Identifiant : 2 à 40 caractères parmi a-z, 0-9, « . », « _ », « - »."
)


class ExamSessionSchema(FrenchSchema):
    name = String(required=True, validate=not_blank(120))
    starts_on = Date(load_default=None, allow_none=True)
    ends_on = Date(load_default=None, allow_none=True)
    scenario = String(load_default="portefeuille-vide", validate=max_length(80))
    seed = Integer(
        load_default=None,
        allow_none=True,
        validate=SEED_RANGE,
        metadata={"description": "Graine du générateur (même graine, même portefeuille) ; 1 par défaut."},
    )
    candidates = List(String(validate=USERNAME), load_default=list)
    evaluators = List(String(validate=USERNAME), load_default=list)
    catalogue = String(
        load_default=None,
        allow_none=True,
        validate=pattern(r"^[0-9a-fA-F]{8,64}$", "Empreinte du catalogue : 8 à 64 caractères hexadécimaux."),
        metadata={"description": "Empreinte (ou son début) du catalogue à épingler ; par défaut le dernier chargé."},
    )

    @validates_schema(skip_on_field_errors=False)  # reported with the other fields' problems, not after
    def _dates(self, data: dict[str, Any], **kwargs: Any) -> None:
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            raise ValidationError("La date de fin précède la date de début.", field_name="ends_on")
        if len(set(data.get("candidates", []))) != len(data.get("candidates", [])):
            raise ValidationError("Un candidat est cité deux fois.", field_name="candidates")


class ClockSchema(FrenchSchema):
    date = Date(required=True)


class UserSchema(FrenchSchema):
    username = String(required=True, validate=USERNAME)
    role = String(required=True, validate=one_of([role.value for role in Role]))
    display_name = String(load_default=None, allow_none=True, validate=max_length(120))
    password = Secret(
        required=True, validate=validate.Length(min=10, max=200, error="Mot de passe : 10 caractères au minimum.")
    )


# The record types a person searches the journal by (a number or a name), with their number's prefix.
JOURNAL_RECORD_TYPES = {
    "client": "Client (CL-)",
    "request": "Demande de souscription (DS-)",
    "contract": "Contrat (CT-)",
    "quote": "Devis (DV-)",
    "interaction": "Contact avec un client",
    "sandbox": "Bac à sable",
}


class JournalFilterSchema(FrenchSchema):
    action = String(load_default=None, allow_none=True, validate=max_length(60))
    record = String(load_default=None, allow_none=True, validate=max_length(80))
    record_type = String(load_default=None, allow_none=True, validate=one_of(list(JOURNAL_RECORD_TYPES)))
    record_search = String(load_default=None, allow_none=True, validate=max_length(80))
    code = String(load_default=None, allow_none=True, validate=max_length(10))
    date_from = Date(load_default=None, allow_none=True)
    date_to = Date(load_default=None, allow_none=True)
    page = String(load_default="1", validate=pattern(r"^[1-9]\d{0,5}$", "Numéro de page invalide."))
    per_page = String(load_default="50", validate=pattern(r"^([1-9]|[1-9]\d|1\d\d|200)$", "Entre 1 et 200."))

    @validates_schema(skip_on_field_errors=False)
    def _period(self, data: dict[str, Any], **kwargs: Any) -> None:
        """An inverted period would silently list nothing: say so."""
        starts, ends = data.get("date_from"), data.get("date_to")
        if starts and ends and ends < starts:
            raise ValidationError(
                f"La date de fin ({short_date(ends)}) précède la date de début ({short_date(starts)}).",
                field_name="date_to",
            )


class JournalExportFilterSchema(JournalFilterSchema):
    """The filters of an export: the whole filtered journal, not a page."""

    class Meta:
        exclude = ("page", "per_page")
