"""Client documents written as rows (an edited one, a transmitted one), for the permission walks."""

from __future__ import annotations

from datetime import UTC, date, datetime

from polyadmin.store.client_documents import ClientDocument


def client_document_rows(sandbox_id: int, client_id: int) -> tuple[ClientDocument, ClientDocument]:
    """A document edited for the client and one transmitted on 20/02/2026 awaiting its signature."""
    common = {
        "sandbox_id": sandbox_id,
        "client_id": client_id,
        "record_type": "contract",
        "record_id": 1,
        "version": 1,
        "edited_on": date(2026, 2, 20),
        "edited_at": datetime(2026, 2, 20, 9, 0, tzinfo=UTC),
        "reminders": 0,
    }
    edited = ClientDocument(
        **common, kind="attestation", title="Attestation d'assurance", signature_required=False, status="edited"
    )
    sent = ClientDocument(
        **common,
        kind="conditions_particulieres",
        title="Conditions particulières",
        signature_required=True,
        status="transmitted",
        transmitted_channel="courrier",
        transmitted_on=date(2026, 2, 20),
    )
    return edited, sent
