"""Jinja filters and labels: dates, instants and numbers the French way (polyadmin.domain.french), in
the reader's language and time zone (Flask-Babel's locale and zone).

The filters are registered by `polyadmin.web.filters.register_filters`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask_babel import get_locale, get_timezone
from flask_babel import gettext as _

from polyadmin.domain import clients as client_domain
from polyadmin.domain import contracts as contract_domain
from polyadmin.domain import french
from polyadmin.domain.roles import Role
from polyadmin.journal.actions import ACTIONS, REFERENTIAL_CODES
from polyadmin.services.journal_readable import CLIENT_FIELD_LABELS

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")

# French labels of the fields that appear in journal entries (input and outcome).
FIELD_LABELS: dict[str, str] = {
    **CLIENT_FIELD_LABELS,
    "client_id": "N° interne du client",
    "number": "Numéro",
    "version": "Version de la fiche",
    "changes": "Modifications",
    "date": "Nouvelle date",
    "from": "Ancienne date",
    "to": "Nouvelle date",
    "sandbox_id": "Bac à sable",
    "business_date": "Date de la simulation",
    "exam_session_id": "Session d'examen",
    "candidate": "Candidat",
    "scenario": "Scénario",
    # agreement and issue (quote.agreement, contract.issue, task.close)
    "quote_id": "N° interne du devis",
    "quote_number": "Devis",
    "quote_version": "Version du devis",
    "agreed_on": "Date de l'accord",
    "agreement_channel": "Canal de l'accord",
    "signature_mode": "Mode de signature",
    "distance_selling": "Vente à distance",
    "previous_status": "Statut précédent du devis",
    "quote_status": "Statut du devis",
    "payment_method": "Mode de paiement",
    "iban": "IBAN",
    "bic": "BIC",
    "contract_numbers": "Contrats émis",
    "contracts": "Contrats",
    "product": "Produit",
    "effective_date": "Date d'effet",
    "premium_before_tax": "Prime hors taxes",
    "total": "Prime annuelle TTC",
    "instalments": "Nombre d'échéances",
    "mandate_reference": "Référence du mandat SEPA",
    "tasks": "Tâches des services",
    "department": "Service",
    "subject": "Objet",
    "withdrawal_until": "Fin du délai de renonciation",
    "issued_on": "Date d'émission",
    "task_id": "N° interne de la tâche",
    "due_on": "À faire avant le",
}

# Choice fields whose stored codes read better as their French labels.
CHOICE_LABELS: dict[str, Mapping[str, str]] = {
    "kind": client_domain.CLIENT_KINDS,
    "civility": client_domain.CIVILITIES,
    "family_situation": client_domain.FAMILY_SITUATIONS,
    "legal_form": client_domain.LEGAL_FORMS,
    "preferred_channel": client_domain.CONTACT_CHANNELS,
    "accessible_formats": client_domain.ACCESSIBLE_FORMATS,
    "gdpr_purposes": client_domain.GDPR_PURPOSES,
    "agreement_channel": {channel.value: label for channel, label in contract_domain.CHANNEL_LABELS.items()},
    "signature_mode": {mode.value: label for mode, label in contract_domain.SIGNATURE_LABELS.items()},
    "payment_method": {method.value: label for method, label in contract_domain.PAYMENT_LABELS.items()},
    "department": {department.value: label for department, label in contract_domain.DEPARTMENT_LABELS.items()},
    "previous_status": contract_domain.QUOTE_STATUS_LABELS,
    "quote_status": contract_domain.QUOTE_STATUS_LABELS,
}


def french_date(value: date | str | None, style: str = "full") -> str:
    """« lundi 2 mars 2026 » (full), « 2 mars 2026 » (long), « 02/03/2026 » (short)."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return french.date_text(value, style, get_locale(), get_timezone())


def french_instant(value: datetime | str | None, style: str = "d MMM yyyy 'à' HH:mm:ss") -> str:
    """A wall-clock instant in the user's time zone (Europe/Paris)."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return french.datetime_text(value, style, get_locale(), get_timezone())


def french_number(value: int | Decimal | None) -> str:
    return "" if value is None else french.number(value, get_locale())


def euros(value: Decimal | int | str | None) -> str:
    return "" if value in (None, "") else french.euros(Decimal(str(value)), get_locale())


def role_label(value: str | Role) -> str:
    try:
        return _(Role(value).label)
    except ValueError:
        return str(value)


def action_label(name: str) -> str:
    kind = ACTIONS.get(name)
    return kind.label if kind else name


def code_title(code: str) -> str:
    return REFERENTIAL_CODES.get(code, "")


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def field_value(value: Any, name: str = "") -> str:
    """A journaled value as a reader wants it: labels for codes, French dates, « oui / non »."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, datetime):
        return french_instant(value)
    if isinstance(value, date):
        return french_date(value, "long")
    choices = CHOICE_LABELS.get(name)
    if isinstance(value, list):
        return ", ".join(field_value(item, name) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{field_label(key)} : {field_value(item, key)}" for key, item in value.items())
    if isinstance(value, str):
        if choices and value in choices:
            return choices[value]
        if ISO_DATE.match(value):
            return french_date(value, "long")
        if ISO_INSTANT.match(value):
            return french_instant(value)
    if isinstance(value, int | Decimal):
        return french_number(value)
    return str(value)
