"""What a supporting document says against what the client declared (rapprochement des pièces, C2A.1).

A document whose data contradict the declaration or the record (a registration certificate in someone
else's name, another first registration date, a bonus-malus coefficient other than the one declared)
cannot stand as proof: the analysis treats it as rejected until the candidate sorts it out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any


@dataclass(frozen=True)
class Declared:
    """What the documents are compared with: the client's record and the request's declared data."""

    names: tuple[str, ...] = ()  # the subscriber and their spouse (a certificate may be in either name)
    postcode: str | None = None
    licence_date: date | None = None
    crm: Decimal | None = None
    registration: str | None = None
    first_registration: date | None = None
    siren: str | None = None


@dataclass(frozen=True)
class Mismatch:
    field: str
    label: str
    on_document: str
    declared: str


def normalised_name(text: str) -> frozenset[str]:
    """A person's name as a set of words: no accents, no case, any order (« ROYER Bernard »)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return frozenset(word for word in plain.upper().replace("-", " ").split() if word)


def _matches_a_name(text: str, names: Iterable[str]) -> bool:
    words = normalised_name(text)
    return any(words and normalised_name(name) == words for name in names)


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _coefficient(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def _french_day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def compare_document(kind: str, data: Mapping[str, Any], declared: Declared) -> tuple[Mismatch, ...]:
    """Every contradiction between a document of `kind` and the declaration (none for other kinds)."""
    found: list[Mismatch] = []
    if kind == "certificat_immatriculation":
        holder = data.get("holder_name")
        if isinstance(holder, str) and declared.names and not _matches_a_name(holder, declared.names):
            found.append(Mismatch("holder_name", "Titulaire du certificat", holder, " ou ".join(declared.names)))
        first = _day(data.get("first_registration"))
        if first and declared.first_registration and first != declared.first_registration:
            found.append(
                Mismatch(
                    "first_registration",
                    "Date de première mise en circulation",
                    _french_day(first),
                    _french_day(declared.first_registration),
                )
            )
        registration = data.get("registration")
        if isinstance(registration, str) and declared.registration and registration != declared.registration:
            found.append(Mismatch("registration", "Immatriculation", registration, declared.registration))
    elif kind == "releve_information":
        crm = _coefficient(data.get("crm"))
        if crm is not None and declared.crm is not None and crm != declared.crm:
            found.append(Mismatch("crm", "Coefficient bonus-malus", f"{crm:.2f}", f"{declared.crm:.2f}"))
        drivers = data.get("drivers") or []
        licence = _day(drivers[0].get("licence_date")) if drivers and isinstance(drivers[0], dict) else None
        if licence and declared.licence_date and licence != declared.licence_date:
            found.append(
                Mismatch("licence_date", "Date du permis", _french_day(licence), _french_day(declared.licence_date))
            )
    elif kind == "permis_conduire":
        licence = _licence_b_date(data)
        if licence and declared.licence_date and licence != declared.licence_date:
            found.append(
                Mismatch("licence_date", "Date du permis B", _french_day(licence), _french_day(declared.licence_date))
            )
    elif kind == "justificatif_domicile":
        postcode = data.get("postcode")
        if isinstance(postcode, str) and declared.postcode and postcode != declared.postcode:
            found.append(Mismatch("postcode", "Code postal du domicile", postcode, declared.postcode))
    elif kind == "kbis":
        siren = data.get("siren")
        if isinstance(siren, str) and declared.siren and siren.replace(" ", "") != declared.siren:
            found.append(Mismatch("siren", "SIREN", siren, declared.siren))
    return tuple(found)


def _licence_b_date(data: Mapping[str, Any]) -> date | None:
    for category in data.get("categories") or []:
        if isinstance(category, dict) and category.get("category") == "B":
            return _day(category.get("obtained_on"))
    return None
