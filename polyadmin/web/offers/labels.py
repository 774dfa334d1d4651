"""Codes of the offers → French (statuses, flags), for the pages; filters in `FILTERS`."""

from __future__ import annotations

from polyadmin.domain.offers import LINE_LABELS, FlagKind, QuoteStatus

FLAG_TITLES = {
    FlagKind.NEED_UNCOVERED.value: "Besoin non couvert",
    FlagKind.ALREADY_COVERED.value: "Garantie déjà détenue",
    FlagKind.OVER_BUDGET.value: "Budget dépassé",
    FlagKind.ECO_NOT_OFFERED.value: "Option éco-responsable attendue",
}


def quote_status(code: str) -> str:
    try:
        return QuoteStatus(code).label
    except ValueError:
        return "Statut inconnu"


def business_line(code: str) -> str:
    return LINE_LABELS.get(code, "Autre branche")


FILTERS = {"quote_status": quote_status, "business_line": business_line}
