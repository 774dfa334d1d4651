"""The life of a document edited for a client (C1.9: identify, personalise, send, and follow the
document from its edition to its transmission and its reception).

edited → transmitted (channel, date) → received / signed (date). A reminder (relance) is for a
document transmitted and still awaited; it falls due `reminder_days` (a setting) after the
transmission or the last reminder. Pure rules: no database, no clock — the sandbox's date is given.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from polyadmin.domain.errors import Conflict
from polyadmin.domain.french import short_date


class DocumentStatus(StrEnum):
    EDITED = "edited"
    TRANSMITTED = "transmitted"
    RECEIVED = "received"


STATUS_LABELS: dict[str, str] = {
    DocumentStatus.EDITED: "Édité",
    DocumentStatus.TRANSMITTED: "Transmis",
    DocumentStatus.RECEIVED: "Reçu",
}
SIGNED_LABEL = "Reçu signé"

# What a client document is (codes → French). The lead adds a kind here when another service edits one.
KINDS = {
    "quote": "Devis",
    "advice": "Document de conseil",
    "conditions_particulieres": "Conditions particulières",
    "attestation": "Attestation d'assurance",
    "echeancier": "Échéancier",
    "mandat_sepa": "Mandat de prélèvement SEPA",
    "welcome_letter": "Lettre de bienvenue",
    "decline_letter": "Courrier de refus",
    "documents_letter": "Demande de pièces",
    "termination_letter": "Lettre de résiliation",
    "payment_receipt": "Reçu de paiement",
    "endorsement": "Avenant",
}

# How a document reaches the client.
CHANNELS = {
    "courrier": "Courrier postal",
    "courrier_recommande": "Lettre recommandée",
    "email": "Courriel",
    "espace_client": "Espace client",
    "agence": "Remis en agence",
}

DEFAULT_REMINDER_DAYS = 15  # the setting DOCUMENT_REMINDER_DAYS (polyadmin/config.py) overrides it


def status_label(status: str, signature_required: bool) -> str:
    if status == DocumentStatus.RECEIVED and signature_required:
        return SIGNED_LABEL
    return STATUS_LABELS.get(status, status)


def ensure_transmittable(status: str) -> None:
    if status != DocumentStatus.EDITED:
        raise Conflict("Ce document a déjà été transmis.")


def ensure_receivable(status: str) -> None:
    if status == DocumentStatus.EDITED:
        raise Conflict("Ce document n'a pas encore été transmis au client.")
    if status == DocumentStatus.RECEIVED:
        raise Conflict("La réception de ce document est déjà enregistrée.")


def date_problem(on: date, earliest: date, earliest_what: str, today: date) -> str | None:
    """Why `on` cannot date a transmission or a receipt (None: it can): never after the sandbox's date,
    never before the previous step."""
    if on > today:
        return f"La date ne peut pas suivre la date de la simulation ({short_date(today)})."
    if on < earliest:
        return f"La date ne peut pas précéder {earliest_what} ({short_date(earliest)})."
    return None


def ensure_remindable(status: str) -> None:
    """A reminder is for a document transmitted and not yet received (Conflict otherwise)."""
    if status == DocumentStatus.EDITED:
        raise Conflict("Relance impossible : le document n'a pas encore été transmis au client.")
    if status == DocumentStatus.RECEIVED:
        raise Conflict("Relance inutile : le document a déjà été reçu.")


def reminder_due_on(transmitted_on: date | None, last_reminder_on: date | None, reminder_days: int) -> date | None:
    """When the next reminder falls due (None: nothing to remind)."""
    start = last_reminder_on or transmitted_on
    return start + timedelta(days=reminder_days) if start is not None else None


def reminder_due(
    status: str,
    signature_required: bool,
    transmitted_on: date | None,
    last_reminder_on: date | None,
    today: date,
    reminder_days: int,
) -> bool:
    """A transmitted document awaiting the client's signature whose reminder date has come."""
    if status != DocumentStatus.TRANSMITTED or not signature_required:
        return False
    due = reminder_due_on(transmitted_on, last_reminder_on, reminder_days)
    return due is not None and due <= today
