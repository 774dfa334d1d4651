"""Rows of the contracts service → the plain dicts the response schemas dump."""

from __future__ import annotations

import dataclasses
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
from polyadmin.domain.endorsements import SETTLEMENT_LABELS
from polyadmin.domain.identifiers import format_iban
from polyadmin.domain.terminations import CONTRACT_GROUND_LABELS
from polyadmin.services.contracts import ContractDetail
from polyadmin.services.endorsements import STATUS_LABELS as ENDORSEMENT_STATUS_LABELS
from polyadmin.services.endorsements import EndorsementPreview
from polyadmin.services.terminations import REFUND_STATUS_LABELS, Recorded
from polyadmin.store.contracts import Endorsement, Task
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


def termination_view(recorded: Recorded) -> dict[str, Any]:
    termination, contract, refund = recorded.termination, recorded.contract, recorded.refund
    return {
        "id": termination.id,
        "contract_id": contract.id,
        "contract_number": contract.number,
        "contract_status": contract.status,
        "ground": termination.ground,
        "ground_label": CONTRACT_GROUND_LABELS[termination.ground],
        "reason": termination.reason,
        "recorded_on": termination.recorded_on,
        "notice_sent_on": termination.notice_sent_on,
        "notice_received_on": termination.notice_received_on,
        "event_on": termination.event_on,
        "notice_of_right_sent_on": termination.notice_of_right_sent_on,
        "requested_by_new_insurer": termination.requested_by_new_insurer,
        "new_insurer": termination.new_insurer,
        "effective_on": termination.effective_on,
        "period_start": termination.period_start,
        "period_end": termination.period_end,
        "annual_premium": termination.annual_premium,
        "earned": termination.earned,
        "refund": termination.refund,
        "refund_due_by": recorded.refund_due_by,
        "cancelled_instalments": recorded.cancelled_instalments,
        "refund_due": None
        if refund is None
        else {
            "id": refund.id,
            "amount": refund.amount,
            "due_on": refund.due_on,
            "status": refund.status,
            "status_label": REFUND_STATUS_LABELS[refund.status],
        },
    }


def endorsement_preview_view(preview: EndorsementPreview) -> dict[str, Any]:
    difference, settlement = preview.difference, preview.settlement
    return {
        "contract_id": preview.contract.id,
        "contract_number": preview.contract.number,
        "effective_on": preview.effective_on,
        "changes": [dataclasses.asdict(change) for change in preview.changes],
        "total_before": preview.total_before,
        "total_after": preview.total_after,
        "premium_before": preview.premium_before,
        "premium_after": preview.premium_after,
        "guarantees_before": [line.name for line in preview.pricing_before.lines],
        "guarantees_after": [line.name for line in preview.pricing_after.lines],
        "difference": dataclasses.asdict(difference),
        "settlement": {
            "mode": settlement.mode,
            "label": settlement.label,
            "amount": settlement.amount,
            "shares": [dataclasses.asdict(share) for share in settlement.shares],
        },
    }


def endorsement_view(row: Endorsement) -> dict[str, Any]:
    return {
        "id": row.id,
        "contract_id": row.contract_id,
        "version": row.version,
        "status": row.status,
        "status_label": ENDORSEMENT_STATUS_LABELS[row.status],
        "effective_on": row.effective_on,
        "recorded_on": row.recorded_on,
        "cancelled_on": row.cancelled_on,
        "justification": row.justification,
        "changes": row.changes,
        "total_before": row.total_before,
        "total_after": row.total_after,
        "period_start": row.period_start,
        "period_end": row.period_end,
        "days": row.days,
        "remaining_days": row.remaining_days,
        "difference_before_tax": row.difference_before_tax,
        "difference_taxes": row.difference_taxes,
        "difference_total": row.difference_total,
        "settlement": row.settlement,
        "settlement_label": SETTLEMENT_LABELS[row.settlement],
    }
