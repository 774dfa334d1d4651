"""Labels of the catalogue pages, and the catalogue's number filters (the products' own texts come from the
catalogue, in French, untranslated). `FILTERS` is registered by `polyadmin.web.filters.register_filters`."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from polyadmin.domain import french

LINE_LABELS = {
    "auto": _l("Automobile"),
    "habitation": _l("Habitation"),
    "sante": _l("Santé"),
    "emprunteur": _l("Assurance emprunteur"),
    "professionnelle": _l("Assurance professionnelle"),
}
CLIENT_KIND_LABELS = {"person": _l("Particuliers"), "company": _l("Entreprises")}
STATUS_LABELS = {
    "mandatory": _l("Incluse dans toutes les formules"),
    "formula": _l("Selon la formule"),
    "optional": _l("En option"),
}
CATNAT_LABELS = {
    "property": _l("Prime servant d'assiette à la surprime catastrophes naturelles (biens)"),
    "auto": _l("Prime servant d'assiette à la surprime catastrophes naturelles (véhicule)"),
}
TAX_COLUMNS = {
    "tsca": _l("Taxe sur les conventions d'assurance"),
    "catnat": _l("Surprime catastrophes naturelles"),
    "catnat_tax": _l("Taxe sur la surprime CatNat"),
    "fgao": _l("Contribution FGAO"),
}
BOOLEAN_CHOICES = {"oui": _l("Oui"), "non": _l("Non")}
# Labels of the simulator's fields outside the risk data.
CHOICE_LABELS = {
    "formula": _l("Formule"),
    "frequency": _l("Fréquence de paiement"),
    "effective_date": _l("Date d'effet"),
    "other_contracts": _l("Autres contrats du client"),
    "options": _l("Options"),
    "deductibles": _l("Franchises"),
}


def coefficient(value: Decimal | int | None) -> str:
    """A rating coefficient exactly as the tariff applies it (never rounded for display): « 1,0875 »."""
    return "" if value is None else french.exact_number(value, get_locale())


def percent(value: Decimal | int | None) -> str:
    """A rate written in percents (33 → « 33 % », 3.45 → « 3,45 % »), exactly as stored (never rounded):
    the catalogue's rates and surcharges, and the rates of a client's loans."""
    return "" if value is None else french.exact_percent(value, get_locale())


def tariff_effect(factor: Decimal) -> str:
    change = (factor - 1) * 100
    if change == 0:
        return _("tarif de référence")
    sign = "+" if change > 0 else "\u2212"
    return _("%(change)s sur la prime", change=f"{sign}{percent(abs(change))}")


def page_labels() -> dict[str, Any]:
    """The label tables every catalogue page reads, as template variables."""
    return {
        "line_labels": LINE_LABELS,
        "client_kind_labels": CLIENT_KIND_LABELS,
        "status_labels": STATUS_LABELS,
        "catnat_labels": CATNAT_LABELS,
    }


FILTERS: dict[str, Callable[..., str]] = {"coefficient": coefficient, "percent": percent}
