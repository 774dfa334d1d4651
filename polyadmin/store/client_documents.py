"""The documents edited for a client and their life (C1.9): edition, transmission, reception, reminders.

One row per edition: editing the same document again (a new version of a quote, a letter printed
again) adds a row with the next `version`. `record_type` / `record_id` name the source record the
document is regenerated from (request, document_request, quote, contract…); `fingerprint` is the
SHA-256 of the PDF as edited, when the renderer is known.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from polyadmin.store.base import Base
from polyadmin.store.types import UTCDateTime


class ClientDocument(Base):
    __tablename__ = "client_documents"
    __table_args__ = (
        UniqueConstraint(
            "sandbox_id", "kind", "record_type", "record_id", "version", name="uq_client_documents_edition"
        ),
        CheckConstraint("status IN ('edited', 'transmitted', 'received')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    signature_required: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(12))
    edited_on: Mapped[date] = mapped_column(Date)
    edited_at: Mapped[datetime] = mapped_column(UTCDateTime)
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    transmitted_channel: Mapped[str | None] = mapped_column(String(24))
    transmitted_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    last_reminder_on: Mapped[date | None] = mapped_column(Date)
