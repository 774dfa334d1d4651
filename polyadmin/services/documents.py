"""Reading a sandbox's supporting documents (pièces justificatives): the list and one document for its PDF.

Reads only. Access is the sandbox rule (`readable_sandbox`): a sandbox the actor may not see, or a
document of another sandbox, answers « introuvable ». As in the inbox and on the client page
(polyadmin.services.portfolio), a candidate sees the back office as it stands on the sandbox's
business date: the documents of a subscription request received after that date are not there yet
(« introuvable »), and the `anomaly` planted by the scenario is for evaluators, the session's trainer
and administrators only — the views carry it as None for a candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select, true
from sqlalchemy.orm import Session

from polyadmin.documents.specimen_kinds import kind_title
from polyadmin.domain import clients as client_domain
from polyadmin.domain.errors import NotFound
from polyadmin.domain.roles import Actor, Permission, SandboxAccess, allowed
from polyadmin.services.access import readable_sandbox
from polyadmin.services.clients import client_fields
from polyadmin.store.models import Client, Sandbox
from polyadmin.store.portfolio import SubscriptionRequest, SupportingDocument

NOT_FOUND = "Pièce justificative introuvable."


@dataclass(frozen=True)
class SupportingDocumentView:
    """A pièce justificative as a page shows it; `anomaly` is None for candidates."""

    id: int
    kind: str
    kind_title: str
    title: str
    issued_on: date
    valid_until: date | None
    data: dict[str, Any]
    client_id: int
    client_number: str
    client_name: str
    request_id: int | None
    request_number: str | None
    anomaly: str | None

    @property
    def filename(self) -> str:
        """The PDF's download name: « piece-12-releve_information.pdf »."""
        return f"piece-{self.id}-{re.sub(r'[^A-Za-z0-9_-]', '_', self.kind)}.pdf"


def sees_anomalies(actor: Actor, access: SandboxAccess) -> bool:
    """Who reads what the scenario planted (Permission.READ_EVALUATION, as the portfolio's expected outcomes)."""
    return allowed(actor, Permission.READ_EVALUATION, access)


def _arrived(sandbox: Sandbox, evaluation: bool) -> ColumnElement[bool]:
    """A document with no request, or whose request has arrived by the simulation date (all for evaluators)."""
    if evaluation:
        return true()
    return or_(SupportingDocument.request_id.is_(None), SubscriptionRequest.received_on <= sandbox.business_date)


def _query(sandbox: Sandbox, evaluation: bool) -> Select[SupportingDocument, Client, str]:
    return (
        select(SupportingDocument, Client, SubscriptionRequest.number)
        .join(Client, Client.id == SupportingDocument.client_id)
        .outerjoin(SubscriptionRequest, SubscriptionRequest.id == SupportingDocument.request_id)
        .where(SupportingDocument.sandbox_id == sandbox.id, _arrived(sandbox, evaluation))
    )


def _view(
    document: SupportingDocument, client: Client, request_number: str | None, evaluation: bool
) -> SupportingDocumentView:
    return SupportingDocumentView(
        id=document.id,
        kind=document.kind,
        kind_title=kind_title(document.kind),
        title=document.title,
        issued_on=document.issued_on,
        valid_until=document.valid_until,
        data=dict(document.data) if isinstance(document.data, dict) else {},
        client_id=client.id,
        client_number=client.number,
        client_name=client_domain.display_name(client_fields(client)),
        request_id=document.request_id,
        request_number=request_number,
        anomaly=document.anomaly if evaluation else None,
    )


def supporting_documents(session: Session, actor: Actor, sandbox_id: int) -> list[SupportingDocumentView]:
    """The sandbox's supporting documents, by client number, then date of issue, then kind."""
    sandbox, access = readable_sandbox(session, actor, sandbox_id)
    evaluation = sees_anomalies(actor, access)
    rows = session.execute(
        _query(sandbox, evaluation).order_by(
            Client.number, SupportingDocument.issued_on, SupportingDocument.kind, SupportingDocument.id
        )
    ).all()
    return [_view(document, client, number, evaluation) for document, client, number in rows]


def supporting_document(session: Session, actor: Actor, sandbox_id: int, document_id: int) -> SupportingDocumentView:
    """One supporting document of the sandbox (for its SPECIMEN PDF); another sandbox's is « introuvable »."""
    sandbox, access = readable_sandbox(session, actor, sandbox_id)
    evaluation = sees_anomalies(actor, access)
    row = session.execute(_query(sandbox, evaluation).where(SupportingDocument.id == document_id)).one_or_none()
    if row is None:
        raise NotFound(NOT_FOUND)
    document, client, number = row
    return _view(document, client, number, evaluation)
