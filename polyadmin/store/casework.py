"""The casework tables: what a candidate does with a subscription request (C2A.1, C2A.2, C1.11).

Every row belongs to a sandbox and a request (a non-conformity may concern only a client). Nothing here
is seeded: a reset of the sandbox deletes these rows with the candidate's other work. Dates are the
sandbox's business dates; the journal entry of each row's creation carries the wall-clock instant.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from polyadmin.store.base import Base


class DocumentCheck(Base):
    """The candidate's verdict on a supporting document (or on a required one that never came)."""

    __tablename__ = "document_checks"
    __table_args__ = (CheckConstraint("verdict IN ('conforme', 'non_conforme', 'manquant', 'perime')", name="verdict"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("subscription_requests.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("supporting_documents.id"))
    document_kind: Mapped[str] = mapped_column(String(40))
    verdict: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    checked_on: Mapped[date] = mapped_column(Date)


class DocumentRequest(Base):
    """Pièces réclamées au client: the list, the deadline, and what became of it."""

    __tablename__ = "document_requests"
    __table_args__ = (CheckConstraint("status IN ('en_attente', 'recue', 'incomplete', 'relancee')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("subscription_requests.id"), index=True)
    documents: Mapped[list[str]] = mapped_column(JSON)
    message: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(12))
    sent_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    last_reminder_on: Mapped[date | None] = mapped_column(Date)
    received: Mapped[list[str] | None] = mapped_column(JSON)  # codes the simulated client has sent


class Referral(Base):
    """Transmission à un expert: the question, the elements attached, the answer when it comes."""

    __tablename__ = "referrals"
    __table_args__ = (
        UniqueConstraint("sandbox_id", "number"),
        CheckConstraint("status IN ('envoyee', 'relancee', 'repondue')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("subscription_requests.id"), index=True)
    number: Mapped[str] = mapped_column(String(20))  # TR-000001
    expert: Mapped[str] = mapped_column(String(30))
    question: Mapped[str] = mapped_column(Text)
    elements: Mapped[list[int]] = mapped_column(JSON)  # supporting document ids attached
    sent_on: Mapped[date] = mapped_column(Date)
    answer_due: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    answered_on: Mapped[date | None] = mapped_column(Date)
    answer: Mapped[str | None] = mapped_column(Text)
    verdict: Mapped[str | None] = mapped_column(String(24))  # favorable | favorable_conditions | defavorable
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: the scenario's script


class RequestDecision(Base):
    """The decision on a request, with what it rested on (rules fired, overrides, justification)."""

    __tablename__ = "request_decisions"
    __table_args__ = (
        UniqueConstraint("request_id"),
        CheckConstraint("outcome IN ('accept', 'accept_conditions', 'decline')", name="outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("subscription_requests.id"))
    outcome: Mapped[str] = mapped_column(String(20))
    conditions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    justification: Mapped[str | None] = mapped_column(Text)
    alternative: Mapped[str | None] = mapped_column(Text)  # for a decline: what we can offer instead
    overridden: Mapped[list[str]] = mapped_column(JSON)  # codes of the non-blocking rules gone against
    decided_on: Mapped[date] = mapped_column(Date)


class NonConformity(Base):
    """Anomalie relevée (C1.11): in a document or a record, with how it was handled."""

    __tablename__ = "non_conformities"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("subscription_requests.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("supporting_documents.id"))
    description: Mapped[str] = mapped_column(Text)
    handling: Mapped[str] = mapped_column(Text)
    recorded_on: Mapped[date] = mapped_column(Date)


class RequestConsultation(Base):
    """What the candidate looked at from a request's workspace, journaled once per thing and request."""

    __tablename__ = "request_consultations"
    __table_args__ = (UniqueConstraint("request_id", "what", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("subscription_requests.id"), index=True)
    what: Mapped[str] = mapped_column(String(20))
    document_id: Mapped[int] = mapped_column(Integer, default=0)  # 0: not a document (NULLs defeat UNIQUE)
    consulted_on: Mapped[date] = mapped_column(Date)
