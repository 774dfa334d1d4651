"""The offers service's objects as the API's answers (plain dicts the response schemas dump)."""

from __future__ import annotations

from datetime import date
from typing import Any

from polyadmin.domain.offers import Flag
from polyadmin.services.offers import NeedsDetail, QuoteDetail, QuoteSummary
from polyadmin.store.offers import QuoteLine


def flag_view(flag: Flag) -> dict[str, Any]:
    return {"kind": flag.kind.value, "message": flag.message, "line": flag.line, "guarantee": flag.guarantee}


def needs_view(detail: NeedsDetail) -> dict[str, Any]:
    row = detail.record
    general = row.answers.get("general") or {}
    return {
        "id": row.id,
        "client_id": row.client_id,
        "request_id": row.request_id,
        "recorded_on": row.recorded_on,
        "lines": {line: answers for line, answers in row.answers.items() if line != "general"},
        "disability": general.get("disability", ""),
        "situation": general.get("situation", ""),
        "budget_monthly": row.budget_monthly,
        "accessible_formats": row.accessible_formats,
        "eco_interest": row.eco_interest,
        "recommendations": row.recommendations,
        "flags": [flag_view(flag) for flag in detail.flags],
    }


def line_view(line: QuoteLine, eco: tuple[str, ...]) -> dict[str, Any]:
    pricing = line.pricing
    return {
        "position": line.position,
        "product": line.product_code,
        "product_version": line.product_version,
        "formula": line.formula,
        "options": line.options,
        "eco_options": list(eco),
        "deductibles": line.deductibles,
        "frequency": line.frequency,
        "effective_date": line.effective_date,
        "risk": line.risk,
        "vehicle_id": line.vehicle_id,
        "dwelling_id": line.dwelling_id,
        "business_id": line.business_id,
        "loan_id": line.loan_id,
        "alternative_of": line.alternative_of,
        "chosen": line.chosen,
        "conditions": [
            {
                "kind": c.get("kind"),
                "label": c.get("label", ""),
                "percent": c.get("percent"),
                "amount": c.get("amount"),
            }
            for c in line.conditions
        ],
        "guarantees": [
            {
                "code": item["code"],
                "name": item["name"],
                "status": item["status"],
                "deductible": item.get("deductible"),
                "premium_before_tax": item["premium_before_tax"],
                "fractionnement": item["fractionnement"],
                "taxes": [
                    {"code": t["code"], "label": t["label"], "rate": t["rate"], "amount": t["amount"]}
                    for t in item["taxes"]
                ],
                "total": item["total"],
                "adjustments": [f"{step['label']} ({step['read']})" for step in item["adjustments"]],
            }
            for item in pricing["lines"]
        ],
        "premium_before_tax": line.premium_before_tax,
        "discount": line.discount,
        "taxes": line.taxes,
        "total": line.total,
        "instalments": [
            {"number": item["number"], "due_date": date.fromisoformat(item["due_date"]), "amount": item["amount"]}
            for item in pricing["instalments"]
        ],
    }


def quote_view(detail: QuoteDetail) -> dict[str, Any]:
    current = detail.current
    row = current.row
    return {
        "id": detail.quote.id,
        "number": detail.quote.number,
        "client_id": detail.client.id,
        "client_number": detail.client.number,
        "request_id": detail.quote.request_id,
        "request_number": detail.request_number,
        "version": row.version,
        "status": current.status.value,
        "status_label": current.status.label,
        "issued_on": row.issued_on,
        "valid_until": row.valid_until,
        "lines": [line_view(line, detail.eco.get(line.id, ())) for line in current.lines],
        "discount": row.discount_total,
        "total": row.total,
        "flags": [flag_view(flag) for flag in detail.flags],
        "versions": [
            {
                "version": item.row.version,
                "status": item.status.value,
                "status_label": item.status.label,
                "issued_on": item.row.issued_on,
                "valid_until": item.row.valid_until,
                "reason": item.row.reason,
                "discount": item.row.discount_total,
                "total": item.row.total,
            }
            for item in detail.versions
        ],
    }


def summary_view(item: QuoteSummary) -> dict[str, Any]:
    return {
        "id": item.quote.id,
        "number": item.quote.number,
        "client_id": item.quote.client_id,
        "client_number": item.client_number,
        "client_name": item.client_name,
        "version": item.version.version,
        "status": item.status.value,
        "status_label": item.status.label,
        "valid_until": item.version.valid_until,
        "total": item.version.total,
    }
