"""Contacts with a client (interactions): the channels, the directions and the date rule. Pure."""

from __future__ import annotations

from datetime import date

from polyadmin.domain.french import short_date

CHANNELS = {
    "telephone": "Téléphone",
    "email": "Courriel",
    "courrier": "Courrier postal",
    "agence": "Agence",
    "sms": "SMS",
}

DIRECTIONS = {
    "entrant": "Entrant (le client nous contacte)",
    "sortant": "Sortant (nous contactons le client)",
}

MOTIVE_MAX_LENGTH = 120
SUMMARY_MAX_LENGTH = 4000


def occurred_on_problem(occurred_on: date, today: date, born_on: date | None = None) -> str | None:
    """A contact is recorded after it happened: never later than the sandbox's date, and never before
    the client was born."""
    if occurred_on > today:
        return f"La date du contact ne peut pas être postérieure à la date de la simulation ({short_date(today)})."
    if born_on is not None and occurred_on < born_on:
        return f"La date du contact ne peut pas précéder la naissance du client ({short_date(born_on)})."
    return None
