"""The documents edited for a client and their life (C1.9): edition → transmission (channel, date) →
reception or signature (date), with reminders for those awaited.

`record_edition` is called by the service that edits a document (a decision's decline letter, a
request for documents, a quote, a contract's documents…) inside that service's own transaction, so
the document, its action and both journal entries commit together. `transmit`, `receive` and
`remind` are the candidate's actions on the client page; each is journaled with code C1.9.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from polyadmin.domain.client_documents import (
    CHANNELS,
    DEFAULT_REMINDER_DAYS,
    KINDS,
    DocumentStatus,
    date_problem,
    ensure_receivable,
    ensure_remindable,
    ensure_transmittable,
    reminder_due,
    reminder_due_on,
    status_label,
)
from polyadmin.domain.errors import InvalidInput, NotFound
from polyadmin.domain.roles import Actor
from polyadmin.journal.writer import append_entry
from polyadmin.services.access import readable_sandbox, workable_sandbox
from polyadmin.services.clock import wall_now
from polyadmin.services.unit import transaction
from polyadmin.store.client_documents import ClientDocument
from polyadmin.store.models import Client, Sandbox
from polyadmin.validation.client_documents import ReceiptSchema, TransmissionSchema
from polyadmin.validation.french import Problems, load_or_raise


def fingerprint_of(pdf: bytes) -> str:
    """The SHA-256 of the document's PDF as edited (its version's fingerprint)."""
    return hashlib.sha256(pdf).hexdigest()


def _client_in(session: Session, sandbox_id: int, client_id: int) -> Client:
    client = session.execute(
        select(Client).where(Client.id == client_id, Client.sandbox_id == sandbox_id)
    ).scalar_one_or_none()
    if client is None:
        raise NotFound("Client introuvable.")
    return client


def _journal(
    session: Session, actor: Actor, sandbox: Sandbox, action: str, document: ClientDocument, data: dict[str, Any]
) -> None:
    append_entry(
        session,
        actor=actor,
        action=action,
        recorded_at=wall_now(),
        sandbox_id=sandbox.id,
        sandbox_date=sandbox.business_date,
        record=("client_document", document.id),
        input=data,
        outcome={
            "document_id": document.id,
            "client_id": document.client_id,
            "client_number": client.number if (client := session.get(Client, document.client_id)) else None,
            "kind": document.kind,
            "title": document.title,
            "version": document.version,
            "status": document.status,
            "source": {"type": document.record_type, "id": document.record_id},
        },
    )


def record_edition(
    session: Session,
    actor: Actor,
    sandbox_id: int,
    *,
    client_id: int,
    kind: str,
    record_type: str,
    record_id: int,
    title: str,
    signature_required: bool,
    pdf: bytes | None = None,
) -> ClientDocument:
    """Record that a document was edited for a client (the next version of this kind for this source
    record), journaled `document.edit`. Joins the caller's transaction: call it inside the
    `transaction(session)` of the service that edits the document; it does not commit."""
    if kind not in KINDS:
        raise InvalidInput({"kind": [f"Type de document inconnu : {kind}."]})
    sandbox = workable_sandbox(session, actor, sandbox_id)
    client = _client_in(session, sandbox.id, client_id)
    previous = session.execute(
        select(func.max(ClientDocument.version)).where(
            ClientDocument.sandbox_id == sandbox.id,
            ClientDocument.kind == kind,
            ClientDocument.record_type == record_type,
            ClientDocument.record_id == record_id,
        )
    ).scalar_one()
    document = ClientDocument(
        sandbox_id=sandbox.id,
        client_id=client.id,
        kind=kind,
        title=title[:200],
        record_type=record_type,
        record_id=record_id,
        version=(previous or 0) + 1,
        fingerprint=fingerprint_of(pdf) if pdf is not None else None,
        signature_required=signature_required,
        status=DocumentStatus.EDITED.value,
        edited_on=sandbox.business_date,
        edited_at=wall_now(),
        edited_by_id=actor.user_id,
        reminders=0,
    )
    session.add(document)
    session.flush()
    _journal(
        session,
        actor,
        sandbox,
        "document.edit",
        document,
        {
            "kind": kind,
            "title": document.title,
            "signature_required": signature_required,
            "fingerprint": document.fingerprint,
        },
    )
    return document


def _document_in(session: Session, sandbox: Sandbox, document_id: int) -> ClientDocument:
    document = session.execute(
        select(ClientDocument).where(ClientDocument.id == document_id, ClientDocument.sandbox_id == sandbox.id)
    ).scalar_one_or_none()
    if document is None:
        raise NotFound("Document introuvable.")
    return document


def transmit(session: Session, actor: Actor, sandbox_id: int, document_id: int, data: dict[str, Any]) -> ClientDocument:
    """The document was sent to the client by `channel` on `date` (not after the sandbox's date, not
    before its edition)."""
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        document = _document_in(session, sandbox, document_id)
        ensure_transmittable(document.status)
        problems = Problems()  # the channel and the date reported together
        loaded = problems.load(TransmissionSchema(), data)
        if "date" in loaded:
            problem = date_problem(loaded["date"], document.edited_on, "l'édition du document", sandbox.business_date)
            if problem:
                problems.add({"date": [problem]})
        problems.raise_if_any()
        document.status = DocumentStatus.TRANSMITTED.value
        document.transmitted_channel = loaded["channel"]
        document.transmitted_on = loaded["date"]
        session.flush()
        _journal(session, actor, sandbox, "document.transmit", document, dict(loaded))
    return document


def receive(session: Session, actor: Actor, sandbox_id: int, document_id: int, data: dict[str, Any]) -> ClientDocument:
    """The client returned the document (signed, when a signature is required) on `date`."""
    loaded = load_or_raise(ReceiptSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        document = _document_in(session, sandbox, document_id)
        ensure_receivable(document.status)
        assert document.transmitted_on is not None
        problem = date_problem(loaded["date"], document.transmitted_on, "sa transmission", sandbox.business_date)
        if problem:
            raise InvalidInput({"date": [problem]})
        document.status = DocumentStatus.RECEIVED.value
        document.received_on = loaded["date"]
        session.flush()
        _journal(session, actor, sandbox, "document.receipt", document, dict(loaded))
    return document


def remind(session: Session, actor: Actor, sandbox_id: int, document_id: int) -> ClientDocument:
    """Remind the client of a transmitted document still awaited (refused before its transmission and
    after its reception), dated the sandbox's date."""
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        document = _document_in(session, sandbox, document_id)
        ensure_remindable(document.status)
        document.reminders += 1
        document.last_reminder_on = sandbox.business_date
        session.flush()
        _journal(session, actor, sandbox, "document.reminder", document, {"reminder": document.reminders})
    return document


@dataclass(frozen=True)
class DocumentLine:
    """A client document as its list shows it: state in French, next reminder, what may be done."""

    document: ClientDocument
    kind_label: str
    status_label: str
    channel_label: str | None
    reminder_due_on: date | None
    reminder_due: bool
    can_transmit: bool
    can_receive: bool
    can_remind: bool


def _line(document: ClientDocument, today: date, reminder_days: int) -> DocumentLine:
    awaited = document.status == DocumentStatus.TRANSMITTED
    return DocumentLine(
        document=document,
        kind_label=KINDS.get(document.kind, document.kind),
        status_label=status_label(document.status, document.signature_required),
        channel_label=CHANNELS.get(document.transmitted_channel or "") if document.transmitted_channel else None,
        reminder_due_on=reminder_due_on(document.transmitted_on, document.last_reminder_on, reminder_days)
        if awaited and document.signature_required
        else None,
        reminder_due=reminder_due(
            document.status,
            document.signature_required,
            document.transmitted_on,
            document.last_reminder_on,
            today,
            reminder_days,
        ),
        can_transmit=document.status == DocumentStatus.EDITED,
        can_receive=awaited,
        can_remind=awaited,
    )


def list_for_client(
    session: Session, actor: Actor, sandbox_id: int, client_id: int, reminder_days: int = DEFAULT_REMINDER_DAYS
) -> list[DocumentLine]:
    """The client's documents, the latest edited first, with their state and the reminders due."""
    sandbox, _ = readable_sandbox(session, actor, sandbox_id)
    client = _client_in(session, sandbox.id, client_id)
    rows = session.execute(
        select(ClientDocument)
        .where(ClientDocument.sandbox_id == sandbox.id, ClientDocument.client_id == client.id)
        .order_by(ClientDocument.edited_on.desc(), ClientDocument.id.desc())
    ).scalars()
    return [_line(row, sandbox.business_date, reminder_days) for row in rows]


def list_for_record(
    session: Session,
    actor: Actor,
    sandbox_id: int,
    record_type: str,
    record_id: int,
    reminder_days: int = DEFAULT_REMINDER_DAYS,
) -> list[DocumentLine]:
    """The documents edited from one source record (a contract, a quote, a request): the generic part
    of GET …/contracts/{id}/documents."""
    sandbox, _ = readable_sandbox(session, actor, sandbox_id)
    rows = session.execute(
        select(ClientDocument)
        .where(
            ClientDocument.sandbox_id == sandbox.id,
            ClientDocument.record_type == record_type,
            ClientDocument.record_id == record_id,
        )
        .order_by(ClientDocument.kind, ClientDocument.version.desc())
    ).scalars()
    return [_line(row, sandbox.business_date, reminder_days) for row in rows]


def reminders_due(
    session: Session, actor: Actor, sandbox_id: int, reminder_days: int = DEFAULT_REMINDER_DAYS
) -> list[DocumentLine]:
    """Every document of the sandbox awaiting the client's signature whose reminder has fallen due."""
    sandbox, _ = readable_sandbox(session, actor, sandbox_id)
    rows = session.execute(
        select(ClientDocument)
        .where(ClientDocument.sandbox_id == sandbox.id, ClientDocument.status == DocumentStatus.TRANSMITTED.value)
        .order_by(ClientDocument.transmitted_on, ClientDocument.id)
    ).scalars()
    lines = [_line(row, sandbox.business_date, reminder_days) for row in rows]
    return [line for line in lines if line.reminder_due]


def document_for(session: Session, actor: Actor, sandbox_id: int, document_id: int) -> ClientDocument:
    """One document of a sandbox the actor may read (NotFound otherwise)."""
    sandbox, _ = readable_sandbox(session, actor, sandbox_id)
    return _document_in(session, sandbox, document_id)
