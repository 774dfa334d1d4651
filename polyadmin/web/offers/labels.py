"""Codes of the offers → French (statuses, flags), for the pages; filters in `FILTERS`."""

from __future__ import annotations

from polyadmin.domain.offers import LINE_LABELS, QuoteStatus


def quote_status(code: str) -> str:
    try:
        return QuoteStatus(code).label
    except ValueError:
        return "Statut inconnu"


def business_line(code: str) -> str:
    return LINE_LABELS.get(code, "Autre branche")


FILTERS = {"quote_status": quote_status, "business_line": business_line}
