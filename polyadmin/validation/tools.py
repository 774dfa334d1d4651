"""The « outils » calculators (bonus-malus, novice surcharge, termination, unpaid premium): their
input, validated in French.

Shared by the API (JSON bodies) and the web page (form fields as text). Numbers that must be
exact are never read from JSON floats: a coefficient is a string (« "0.95" » or « "0,95" »), and a
count is an integer (a JSON integer, or digits in a form field) — `1.0` or `1.5` is refused rather
than silently cut to 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from marshmallow import fields, validate

from polyadmin.domain.bonus_malus import USAGES, ClaimYear
from polyadmin.domain.terminations import GROUNDS, TerminationCase
from polyadmin.validation.french import BASE_MESSAGES, Boolean, Date, FrenchSchema, List, load_or_raise, one_of

MAX_YEARS = 50
COEFFICIENT_RE = re.compile(r"^\d{1,2}(?:[.,]\d{1,2})?$")


class Coefficient(fields.String):
    """A CRM typed as text, « 1 », « 0.95 » or « 0,95 », read exactly as a Decimal (2 decimals)."""

    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": "Coefficient invalide : écrivez-le avec deux décimales au plus, ex. « 0.95 » ou « 0,95 ».",
        "number": 'Coefficient à écrire en texte, ex. "0.95" : un nombre JSON n\'est pas accepté (inexact).',
    }

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any) -> Any:
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):  # JSON numbers arrive as Decimal
            raise self.make_error("number")
        if not isinstance(value, str) or not COEFFICIENT_RE.match(value.strip()):
            raise self.make_error("invalid")
        return Decimal(value.strip().replace(",", "."))


class Count(fields.Integer):
    """A whole number of years or claims: a JSON integer, or digits typed in a form (never 1.0 or 1.5)."""

    default_error_messages = {**BASE_MESSAGES, "invalid": "Nombre entier positif ou nul attendu."}

    def __init__(self, *, maximum: int, **kwargs: Any) -> None:
        super().__init__(
            validate=validate.Range(min=0, max=maximum, error=f"Nombre entier entre 0 et {maximum} attendu."),
            **kwargs,
        )

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any) -> int:
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            return int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        return value


def _doc(description: str, **kwargs: Any) -> dict[str, Any]:
    return {"metadata": {"description": description}, **kwargs}


class ClaimYearSchema(FrenchSchema):
    at_fault = Count(
        maximum=99, load_default=0, **_doc("Sinistres responsables (responsabilité totale) de la période.")
    )
    # « partial » is also a Schema setting: the field gets another name and keeps its key.
    partial_claims = Count(
        maximum=99,
        load_default=0,
        data_key="partial",
        attribute="partial",
        **_doc("Sinistres à responsabilité partielle de la période."),
    )


class BonusMalusSchema(FrenchSchema):
    crm = Coefficient(
        required=True,
        **_doc("Coefficient en vigueur pendant la première période, en texte (« 1.00 », de 0.50 à 3.50)."),
    )
    usage = fields.String(
        load_default="standard",
        validate=one_of(list(USAGES)),
        error_messages={**BASE_MESSAGES, "invalid": "Texte attendu."},
        **_doc("standard, ou tournees (usage « tournées » ou « tous déplacements » : × 0,93 / × 1,20)."),
    )
    years_at_floor = Count(
        maximum=100, load_default=0, **_doc("Années entières déjà passées à 0,50 juste avant la première période.")
    )
    years = List(
        fields.Nested(ClaimYearSchema),
        load_default=list,
        validate=validate.Length(max=MAX_YEARS, error=f"{MAX_YEARS} périodes au maximum."),
        **_doc("Périodes annuelles de référence, de la plus ancienne à la plus récente."),
    )


class NoviceSurchargeSchema(FrenchSchema):
    years_licensed = Count(
        maximum=100, required=True, **_doc("Années entières écoulées depuis le permis (années d'assurance).")
    )
    accompanied_driving = Boolean(
        load_default=False, **_doc("Permis obtenu après apprentissage anticipé de la conduite (conduite accompagnée).")
    )
    claim_free_years = Count(
        maximum=100, required=True, **_doc("Parmi ces années, celles sans sinistre responsable (consécutives ou non).")
    )


def load_bonus_malus(data: Any) -> dict[str, Any]:
    """Keyword arguments of `crm_after`, or InvalidInput with French messages by field."""
    loaded = load_or_raise(BonusMalusSchema(), data)
    loaded["years"] = tuple(ClaimYear(**year) for year in loaded["years"])
    return loaded


def load_novice_surcharge(data: Any) -> dict[str, Any]:
    """Keyword arguments of `novice_surcharge`, or InvalidInput with French messages by field."""
    return load_or_raise(NoviceSurchargeSchema(), data)


# --- Termination and unpaid-premium calculators (issues 13 and 14) ----------------------------------

AMOUNT_RE = re.compile(r"^\d{1,9}(?:[.,]\d{1,2})?$")


class Amount(fields.String):
    """An amount in euros typed as text, « 600 », « 600.00 » or « 600,00 » (cents at most), read exactly."""

    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": "Montant invalide : écrivez-le en euros avec deux décimales au plus, ex. « 600.00 » ou « 600,00 ».",
        "number": 'Montant à écrire en texte, ex. "600.00" : un nombre JSON n\'est pas accepté (inexact).',
    }

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any) -> Any:
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            raise self.make_error("number")
        if not isinstance(value, str) or not AMOUNT_RE.match(value.strip()):
            raise self.make_error("invalid")
        return Decimal(value.strip().replace(",", "."))


def _optional_date(description: str) -> Date:
    return Date(load_default=None, allow_none=True, **_doc(description))


class TerminationSchema(FrenchSchema):
    ground = fields.String(
        required=True,
        validate=one_of(list(GROUNDS)),
        error_messages={**BASE_MESSAGES, "invalid": "Texte attendu."},
        **_doc(
            "Motif : annual (L113-12), chatel (L113-15-1), hamon (L113-15-2), vehicle_sale (L121-11), "
            "change_of_situation (L113-16)."
        ),
    )
    subscribed_on = Date(required=True, **_doc("Date de la première souscription (AAAA-MM-JJ)."))
    period_start = Date(required=True, **_doc("Début de la période de prime en cours à la date d'effet."))
    period_end = Date(required=True, **_doc("Dernier jour (inclus) de cette période."))
    annual_premium = Amount(required=True, **_doc('Prime de la période, en texte (ex. "600.00").'))
    notice_sent_on = _optional_date("Envoi de la lettre de résiliation (cachet de la poste ou date d'expédition).")
    notice_received_on = _optional_date("Réception de la lettre par l'autre partie (hamon, change_of_situation).")
    event_on = _optional_date("Date de l'événement : vente du véhicule, changement de situation.")
    due_date = _optional_date("Échéance annuelle ; par défaut le lendemain de la fin de période.")
    notice_of_right_sent_on = _optional_date(
        "Envoi de l'avis d'échéance rappelant le droit de résiliation (chatel) ; absent : jamais envoyé."
    )
    professional = Boolean(
        load_default=False, **_doc("Risque professionnel (les lois Chatel et Hamon ne s'y appliquent pas).")
    )


class UnpaidPremiumSchema(FrenchSchema):
    due_date = Date(required=True, **_doc("Échéance de la prime impayée (AAAA-MM-JJ)."))
    notice_sent_on = Date(required=True, **_doc("Envoi de la mise en demeure (lettre recommandée)."))
    paid_on = _optional_date("Paiement des arriérés, s'il a eu lieu.")


def load_termination(data: Any) -> TerminationCase:
    """The case to compute, or InvalidInput with French messages by field."""
    return TerminationCase(**load_or_raise(TerminationSchema(), data))


def load_unpaid_premium(data: Any) -> dict[str, Any]:
    """Keyword arguments of `unpaid_premium`, or InvalidInput with French messages by field."""
    return load_or_raise(UnpaidPremiumSchema(), data)
