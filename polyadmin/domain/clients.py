"""Client records (fiches clients): persons and companies, their needs and GDPR consent.

The choice lists carry the French labels the back office shows; the checks here are the
business coherence rules that marshmallow's per-field validation cannot see.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

PERSON = "person"
COMPANY = "company"
CLIENT_KINDS = {PERSON: "Particulier", COMPANY: "Entreprise"}

CIVILITIES = {"M": "Monsieur", "MME": "Madame"}

FAMILY_SITUATIONS = {
    "celibataire": "Célibataire",
    "marie": "Marié(e)",
    "pacse": "Pacsé(e)",
    "concubinage": "En concubinage",
    "divorce": "Divorcé(e)",
    "veuf": "Veuf / veuve",
}

LEGAL_FORMS = {
    "EI": "Entreprise individuelle",
    "EURL": "EURL",
    "SARL": "SARL",
    "SAS": "SAS",
    "SASU": "SASU",
    "SA": "SA",
    "SCI": "SCI",
    "SNC": "SNC",
    "ASSOCIATION": "Association loi 1901",
}

CONTACT_CHANNELS = {
    "email": "Courriel",
    "telephone": "Téléphone",
    "sms": "SMS",
    "courrier": "Courrier postal",
}

ACCESSIBLE_FORMATS = {
    "gros_caracteres": "Documents en gros caractères",
    "braille": "Braille",
    "audio": "Format audio",
    "facile_a_lire": "Facile à lire et à comprendre (FALC)",
    "lsf": "Rendez-vous en langue des signes (LSF)",
    "sous_titrage": "Appels visio sous-titrés",
}

# Purposes for which the client's consent is asked (CNIL, « pack de conformité assurance »).
# Managing the contract itself rests on the contract, not on consent, so it is not listed.
GDPR_PURPOSES = {
    "prospection": "Prospection commerciale par l'assureur",
    "partenaires": "Offres des partenaires",
    "profilage": "Profilage pour personnaliser les offres",
    "enquetes": "Enquêtes de satisfaction",
}

MAX_AGE_YEARS = 120

PERSON_FIELDS = ("civility", "first_name", "last_name", "birth_date", "profession", "family_situation")
COMPANY_FIELDS = ("company_name", "siren", "legal_form", "activity")


def client_problems(data: Mapping[str, Any], today: date) -> dict[str, list[str]]:
    """Coherence problems of a complete client record, by field, in French.

    `today` is the sandbox date, so a replay judges the record as it was judged then.
    """
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    kind = data.get("kind")
    required = (
        ("civility", "first_name", "last_name", "birth_date")
        if kind == PERSON
        else ("company_name", "siren", "legal_form")
    )
    for field in required:
        if data.get(field) in (None, ""):
            add(field, "Champ obligatoire pour ce type de client.")
    foreign = COMPANY_FIELDS if kind == PERSON else PERSON_FIELDS
    for field in foreign:
        if data.get(field) not in (None, ""):
            label = "un particulier" if kind == PERSON else "une entreprise"
            add(field, f"Ce champ ne s'applique pas à {label}.")

    birth_date = data.get("birth_date")
    if kind == PERSON and isinstance(birth_date, date):
        if birth_date > today:
            add("birth_date", "La date de naissance est postérieure à la date de la simulation.")
        elif birth_date < today - relativedelta(years=MAX_AGE_YEARS):
            add("birth_date", f"Âge supérieur à {MAX_AGE_YEARS} ans : vérifiez la date de naissance.")

    channel = data.get("preferred_channel")
    if channel == "email" and not data.get("email"):
        add("email", "Le courriel est requis quand c'est le canal de contact préféré.")
    if channel in ("telephone", "sms") and not data.get("phone"):
        add("phone", "Le téléphone est requis pour ce canal de contact préféré.")
    if channel == "courrier" and not (data.get("address_line1") and data.get("postcode") and data.get("city")):
        add("address_line1", "L'adresse postale complète est requise pour un contact par courrier.")

    if data.get("gdpr_purposes") and not data.get("gdpr_consent"):
        add("gdpr_purposes", "Des finalités sont cochées sans consentement du client.")
    return problems


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Field-by-field differences `{field: {"from": old, "to": new}}` for the journal."""
    return {key: {"from": before.get(key), "to": value} for key, value in after.items() if before.get(key) != value}


def display_name(data: Mapping[str, Any]) -> str:
    if data.get("kind") == COMPANY:
        return str(data.get("company_name") or "")
    civility = CIVILITIES.get(str(data.get("civility") or ""), "")
    parts = [civility, str(data.get("last_name") or "").upper(), str(data.get("first_name") or "")]
    return " ".join(part for part in parts if part)
