"""Rows of the contracts service → the plain dicts the response schemas dump."""

from __future__ import annotations

from typing import Any

from polyadmin.domain.contracts import (
    CHANNEL_LABELS,
    CREDITOR_IDENTIFIER,
    DEPARTMENT_LABELS,
    PAYMENT_LABELS,
    SIGNATURE_LABELS,
    AgreementChannel,
    Department,
    PaymentMethod,
    SignatureMode,
)
from polyadmin.domain.identifiers import format_iban
from polyadmin.services.contracts import ContractDetail
from polyadmin.store.contracts import Task
from polyadmin.store.offers import Quote, QuoteVersion
from polyadmin.store.portfolio import Contract


def agreement_view(quote: Quote, version: QuoteVersion) -> dict[str, Any]:
    channel = AgreementChannel(str(version.agreement_channel))  # set by the agreement just recorded
    signature = SignatureMode(str(version.signature_mode))
    return {
        "quote_id": quote.id,
        "quote_number": quote.number,
        "version": version.version,
        "status": version.status,
        "agreed_on": version.agreed_on,
        "channel": channel.value,
        "channel_label": CHANNEL_LABELS[channel],
        "signature_mode": signature.value,
        "signature_label": SIGNATURE_LABELS[signature],
        "distance_selling": version.distance_selling,
    }


def summary_view(contract: Contract) -> dict[str, Any]:
    return {
        "id": contract.id,
        "number": contract.number,
        "client_id": contract.client_id,
        "product_code": contract.product_code,
        "formula": contract.formula,
        "frequency": contract.frequency,
        "status": contract.status,
        "start_date": contract.start_date,
        "next_due_date": contract.next_due_date,
        "annual_total": contract.annual_total,
        "issued": contract.quote_line_id is not None,
    }


def contract_view(detail: ContractDetail) -> dict[str, Any]:
    contract, view, mandate = detail.contract, detail.view, detail.mandate
    method = PaymentMethod(contract.payment_method) if contract.payment_method else None
    return {
        **summary_view(contract),
        "product_version": contract.product_version,
        "options": list(contract.options),
        "premium_before_tax": contract.premium_before_tax,
        "created_on": contract.created_on,
        "term_end": contract.term_end,
        "tacit_renewal": contract.tacit_renewal,
        "payment_method": method.value if method else None,
        "payment_method_label": PAYMENT_LABELS[method] if method else None,
        "agreed_on": contract.agreed_on,
        "agreement_channel": contract.agreement_channel,
        "distance_selling": contract.distance_selling,
        "withdrawal_until": contract.withdrawal_until,
        "quote_number": detail.quote.number if detail.quote else None,
        "quote_version": detail.version.version if detail.version else None,
        "taxes": view.taxes if view else None,
        "guarantees": list(view.guarantees) if view else [],
        "instalments": list(detail.instalments),
        "mandate": (
            {
                "reference": mandate.reference,
                "creditor_identifier": CREDITOR_IDENTIFIER,
                "debtor_name": mandate.debtor_name,
                "iban": format_iban(mandate.iban),
                "bic": mandate.bic,
                "signed_on": mandate.signed_on,
                "sequence": mandate.sequence,
            }
            if mandate
            else None
        ),
    }


def task_view(task: Task, contract: Contract | None) -> dict[str, Any]:
    return {
        "id": task.id,
        "department": task.department,
        "department_label": DEPARTMENT_LABELS[Department(task.department)],
        "subject": task.subject,
        "record_type": task.record_type,
        "record_id": task.record_id,
        "contract_number": contract.number if contract else None,
        "status": task.status,
        "created_on": task.created_on,
        "due_on": task.due_on,
        "closed_on": task.closed_on,
    }
