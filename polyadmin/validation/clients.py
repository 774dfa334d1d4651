"""What a client record accepts, field by field (marshmallow, French messages)."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import ValidationError, post_load, validates

from polyadmin.domain import clients as domain
from polyadmin.domain.identifiers import siren_is_valid
from polyadmin.validation.french import (
    Boolean,
    Date,
    Email,
    FrenchSchema,
    List,
    String,
    max_length,
    not_blank,
    one_of,
    pattern,
)

# French numbers (ARCEP plan): 0 + 9 digits, or +33 and 9 digits; spaces, dots and dashes allowed.
PHONE_RE = re.compile(r"^(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$")


def normalise_phone(raw: str) -> str:
    digits = re.sub(r"[\s.-]", "", raw)
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


# The record's conditional requirements (checked by `domain.clients.client_problems`), said in the API's document.
PERSON_REQUIRED = "Obligatoire pour un particulier (kind = person) ; refusé pour une entreprise."
PERSON_ONLY = "Particulier seulement (kind = person) ; refusé pour une entreprise."
COMPANY_REQUIRED = "Obligatoire pour une entreprise (kind = company) ; refusé pour un particulier."
COMPANY_ONLY = "Entreprise seulement (kind = company) ; refusé pour un particulier."
POSTAL_REQUIRED = "Obligatoire (avec address_line1, postcode et city) si preferred_channel vaut courrier."


def _doc(description: str) -> dict[str, str]:
    return {"description": description}


def _optional(**kwargs: Any) -> dict[str, Any]:
    return {"load_default": None, "allow_none": True, **kwargs}


class ClientSchema(FrenchSchema):
    """A complete client record; PATCH uses it with `partial=True`."""

    kind = String(required=True, validate=one_of(domain.CLIENT_KINDS))
    civility = String(**_optional(validate=one_of(domain.CIVILITIES), metadata=_doc(PERSON_REQUIRED)))
    first_name = String(**_optional(validate=max_length(80), metadata=_doc(PERSON_REQUIRED)))
    last_name = String(**_optional(validate=max_length(80), metadata=_doc(PERSON_REQUIRED)))
    birth_date = Date(
        **_optional(
            metadata=_doc(
                PERSON_REQUIRED
                + f" Ni postérieure à la date de la simulation, ni plus de {domain.MAX_AGE_YEARS} ans avant elle."
            )
        )
    )
    profession = String(**_optional(validate=max_length(120), metadata=_doc(PERSON_ONLY)))
    family_situation = String(**_optional(validate=one_of(domain.FAMILY_SITUATIONS), metadata=_doc(PERSON_ONLY)))
    company_name = String(**_optional(validate=max_length(160), metadata=_doc(COMPANY_REQUIRED)))
    siren = String(**_optional(metadata=_doc(COMPANY_REQUIRED + " 9 chiffres, clé de Luhn correcte.")))
    legal_form = String(**_optional(validate=one_of(domain.LEGAL_FORMS), metadata=_doc(COMPANY_REQUIRED)))
    activity = String(**_optional(validate=max_length(160), metadata=_doc(COMPANY_ONLY)))
    address_line1 = String(**_optional(validate=max_length(160), metadata=_doc(POSTAL_REQUIRED)))
    address_line2 = String(**_optional(validate=max_length(160)))
    postcode = String(
        **_optional(validate=pattern(r"^\d{5}$", "Code postal à 5 chiffres attendu."), metadata=_doc(POSTAL_REQUIRED))
    )
    city = String(**_optional(validate=max_length(80), metadata=_doc(POSTAL_REQUIRED)))
    country = String(load_default="FR", validate=pattern(r"^[A-Z]{2}$", "Code pays ISO à 2 lettres attendu (FR)."))
    phone = String(**_optional(metadata=_doc("Obligatoire si preferred_channel vaut telephone ou sms.")))
    email = Email(**_optional(validate=max_length(254), metadata=_doc("Obligatoire si preferred_channel vaut email.")))
    preferred_channel = String(load_default="email", validate=one_of(domain.CONTACT_CHANNELS))
    specific_needs = String(**_optional(validate=max_length(1000)))
    accessible_formats = List(String(validate=one_of(domain.ACCESSIBLE_FORMATS)), load_default=list)
    gdpr_consent = Boolean(load_default=False)
    gdpr_purposes = List(
        String(validate=one_of(domain.GDPR_PURPOSES)),
        load_default=list,
        metadata=_doc("Finalités consenties : vide tant que gdpr_consent n'est pas vrai."),
    )

    @validates("siren")
    def _siren(self, value: str | None, data_key: str) -> None:
        if value and not siren_is_valid(value.replace(" ", "")):
            raise ValidationError("SIREN invalide : 9 chiffres dont une clé de contrôle (Luhn) correcte.")

    @validates("phone")
    def _phone(self, value: str | None, data_key: str) -> None:
        if value and not PHONE_RE.match(value):
            raise ValidationError("Numéro de téléphone français attendu (ex. 06 12 34 56 78).")

    @validates("last_name")
    def _last_name(self, value: str | None, data_key: str) -> None:
        if value is not None and value == "":
            raise ValidationError("Le nom ne peut pas être vide.")

    @post_load
    def _normalise(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        for key, value in list(data.items()):
            if value == "":
                data[key] = None
        if data.get("siren"):
            data["siren"] = data["siren"].replace(" ", "")
        if data.get("phone"):
            data["phone"] = normalise_phone(data["phone"])
        if data.get("city"):
            data["city"] = data["city"].upper()
        for key in ("accessible_formats", "gdpr_purposes"):
            if data.get(key) is not None:
                data[key] = sorted(set(data[key]))
        return data


class ClientSearchSchema(FrenchSchema):
    q = String(load_default="", validate=max_length(100))
    page = String(load_default="1", validate=pattern(r"^[1-9]\d{0,5}$", "Numéro de page invalide."))


__all__ = ["ClientSchema", "ClientSearchSchema", "not_blank"]
