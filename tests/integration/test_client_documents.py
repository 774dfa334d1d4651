"""The life of a document edited for a client (C1.9): the casework letters record their edition; the
candidate records the transmission and the reception; reminders for unsigned documents; every
transition journaled with C1.9; the download regenerates the document from its source."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import select

from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.services import casework, client_documents, document_registry
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.sandboxes import move_clock
from polyadmin.services.seeding import reset_sandbox
from polyadmin.services.unit import transaction
from polyadmin.store.client_documents import ClientDocument
from polyadmin.store.models import Client, JournalEntry
from polyadmin.store.portfolio import SubscriptionRequest

REASON = "Résiliation par le précédent assureur pour non-paiement."


@pytest.fixture
def mine(session, world):
    exam = create_exam_session(
        session,
        world.trainer,
        {
            "name": "Examen",
            "candidates": ["candidat1"],
            "evaluators": ["evaluateur"],
            "scenario": "examen-souscription",
        },
    )
    (box,) = exam.sandboxes
    return box


def planted(session, box_id, code):
    return session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.sandbox_id == box_id, SubscriptionRequest.case_code == code
        )
    ).scalar_one()


def entries(session, box_id, action):
    return list(
        session.execute(
            select(JournalEntry).where(JournalEntry.sandbox_id == box_id, JournalEntry.action == action)
        ).scalars()
    )


def declined(session, world, mine) -> ClientDocument:
    request = planted(session, mine.id, "exa-3-auto-refus")
    casework.decide(session, world.candidate, mine.id, request.id, {"outcome": "decline", "reason": REASON})
    (document,) = session.execute(select(ClientDocument).where(ClientDocument.sandbox_id == mine.id)).scalars()
    return document


def signed_document(session, world, mine) -> ClientDocument:
    """A document to be signed, edited by a service through record_edition (as the contract service will)."""
    request = planted(session, mine.id, "exa-3-auto-refus")
    with transaction(session):
        document = client_documents.record_edition(
            session,
            world.candidate,
            mine.id,
            client_id=request.client_id,
            kind="conditions_particulieres",
            record_type="contract",
            record_id=1,
            title="Conditions particulières — contrat CT-000001",
            signature_required=True,
            pdf=b"%PDF-1.4 exemple",
        )
    return document


def test_a_decline_records_its_letter_as_an_edited_document(session, world, mine):
    document = declined(session, world, mine)
    request = planted(session, mine.id, "exa-3-auto-refus")
    assert (document.kind, document.record_type, document.record_id) == ("decline_letter", "request", request.id)
    assert document.status == "edited" and document.version == 1 and not document.signature_required
    assert document.title == f"Courrier de refus — demande {request.number}"
    printed = document_registry.download(session, world.candidate, mine.id, document.id)
    assert document.fingerprint == hashlib.sha256(printed.pdf).hexdigest()  # the same bytes, regenerated
    (edit,) = entries(session, mine.id, "document.edit")
    assert edit.codes == ["C1.9"] and edit.record_type == "client_document" and edit.record_id == str(document.id)


def test_a_request_for_documents_records_its_letter(session, world, mine):
    request = planted(session, mine.id, "exa-6-auto-certificat-incoherent")
    asked = casework.request_documents(
        session, world.candidate, mine.id, request.id, {"documents": ["mandat_sepa"], "deadline": "2026-03-16"}
    )
    (document,) = session.execute(select(ClientDocument).where(ClientDocument.sandbox_id == mine.id)).scalars()
    assert (document.kind, document.record_type, document.record_id) == (
        "documents_letter",
        "document_request",
        asked.id,
    )
    printed = document_registry.download(session, world.evaluator, mine.id, document.id)
    assert printed.pdf.startswith(b"%PDF-") and printed.html is None  # no accessible format asked
    client = session.get(Client, request.client_id)
    client.accessible_formats = ["gros_caracteres"]
    session.commit()
    html = document_registry.download(session, world.candidate, mine.id, document.id).html
    assert html is not None and '<html lang="fr">' in html and "RIB et mandat de prélèvement SEPA signé" in html


def test_edited_then_transmitted_then_received_each_step_journaled(session, world, mine):
    document = declined(session, world, mine)
    client_documents.transmit(
        session, world.candidate, mine.id, document.id, {"channel": "courrier", "date": "2026-03-02"}
    )
    assert (document.status, document.transmitted_channel, document.transmitted_on) == (
        "transmitted",
        "courrier",
        date(2026, 3, 2),
    )
    client_documents.receive(session, world.candidate, mine.id, document.id, {"date": "2026-03-02"})
    assert document.status == "received" and document.received_on == date(2026, 3, 2)
    for action in ("document.transmit", "document.receipt"):
        (entry,) = entries(session, mine.id, action)
        assert entry.codes == ["C1.9"] and entry.record_id == str(document.id)
    line = client_documents.list_for_client(session, world.evaluator, mine.id, document.client_id)[0]
    assert line.status_label == "Reçu" and line.channel_label == "Courrier postal"


def test_refusals_leave_nothing_written(session, world, mine):
    document = declined(session, world, mine)
    with pytest.raises(InvalidInput) as refused:
        client_documents.transmit(
            session, world.candidate, mine.id, document.id, {"channel": "pigeon", "date": "2026-03-09"}
        )
    assert set(refused.value.field_errors) == {"channel", "date"}  # both problems at once (the date is after today)
    with pytest.raises(InvalidInput) as refused:
        client_documents.transmit(
            session, world.candidate, mine.id, document.id, {"channel": "email", "date": "2026-03-09"}
        )
    assert "date de la simulation (02/03/2026)" in refused.value.field_errors["date"][0]
    with pytest.raises(InvalidInput):
        client_documents.transmit(
            session, world.candidate, mine.id, document.id, {"channel": "email", "date": "2026-01-01"}
        )
    with pytest.raises(Conflict, match="pas encore été transmis"):
        client_documents.receive(session, world.candidate, mine.id, document.id, {"date": "2026-03-02"})
    with pytest.raises(Conflict, match="pas encore été transmis"):
        client_documents.remind(session, world.candidate, mine.id, document.id)
    with pytest.raises(Forbidden):
        client_documents.transmit(
            session, world.evaluator, mine.id, document.id, {"channel": "email", "date": "2026-03-02"}
        )
    with pytest.raises(NotFound):
        client_documents.transmit(
            session, world.candidate, mine.id, document.id + 999, {"channel": "email", "date": "2026-03-02"}
        )
    session.refresh(document)
    assert document.status == "edited" and entries(session, mine.id, "document.transmit") == []
    client_documents.transmit(
        session, world.candidate, mine.id, document.id, {"channel": "email", "date": "2026-03-02"}
    )
    with pytest.raises(Conflict, match="déjà été transmis"):
        client_documents.transmit(
            session, world.candidate, mine.id, document.id, {"channel": "email", "date": "2026-03-02"}
        )


def test_unsigned_documents_fall_due_for_a_reminder_after_the_setting(session, world, mine):
    document = signed_document(session, world, mine)
    assert document.version == 1 and document.fingerprint == hashlib.sha256(b"%PDF-1.4 exemple").hexdigest()
    client_documents.transmit(
        session, world.candidate, mine.id, document.id, {"channel": "espace_client", "date": "2026-03-02"}
    )
    assert client_documents.reminders_due(session, world.candidate, mine.id, reminder_days=10) == []
    line = client_documents.list_for_client(session, world.candidate, mine.id, document.client_id, 10)[0]
    assert line.reminder_due_on == date(2026, 3, 12) and not line.reminder_due
    move_clock(session, world.trainer, mine.id, {"date": "2026-03-12"})
    (due,) = client_documents.reminders_due(session, world.candidate, mine.id, reminder_days=10)
    assert due.document.id == document.id
    client_documents.remind(session, world.candidate, mine.id, document.id)
    assert document.reminders == 1 and document.last_reminder_on == date(2026, 3, 12)
    assert client_documents.reminders_due(session, world.candidate, mine.id, reminder_days=10) == []
    (entry,) = entries(session, mine.id, "document.reminder")
    assert "C1.9" in entry.codes
    client_documents.receive(session, world.candidate, mine.id, document.id, {"date": "2026-03-12"})
    line = client_documents.list_for_client(session, world.candidate, mine.id, document.client_id)[0]
    assert line.status_label == "Reçu signé"
    with pytest.raises(Conflict, match="déjà été reçu"):
        client_documents.remind(session, world.candidate, mine.id, document.id)


def test_a_new_edition_of_the_same_source_is_the_next_version(session, world, mine):
    first = signed_document(session, world, mine)
    second = signed_document(session, world, mine)
    assert (first.version, second.version) == (1, 2)
    lines = client_documents.list_for_record(session, world.candidate, mine.id, "contract", 1)
    assert [line.document.version for line in lines] == [2, 1]


def test_a_document_whose_source_record_is_gone_is_not_downloadable(session, world, mine):
    document = signed_document(session, world, mine)  # refers to contract 1, which this sandbox does not hold
    with pytest.raises(NotFound, match="Contrat introuvable"):
        document_registry.download(session, world.candidate, mine.id, document.id)


def test_unknown_kind_is_refused(session, world, mine):
    request = planted(session, mine.id, "exa-3-auto-refus")
    with pytest.raises(InvalidInput), transaction(session):
        client_documents.record_edition(
            session,
            world.candidate,
            mine.id,
            client_id=request.client_id,
            kind="tract",
            record_type="x",
            record_id=1,
            title="?",
            signature_required=False,
        )


def test_a_reset_removes_the_documents_with_the_candidates_work(session, world, mine):
    declined(session, world, mine)
    reset_sandbox(session, world.trainer, mine.id)
    assert session.execute(select(ClientDocument).where(ClientDocument.sandbox_id == mine.id)).first() is None
