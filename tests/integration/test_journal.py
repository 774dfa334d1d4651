"""The journal: one entry per action, hash-chained, append-only in the database itself."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
from sqlalchemy import Connection, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from polyadmin.domain.errors import InvalidInput
from polyadmin.journal.canonical import GENESIS_HASH, entry_hash, entry_seal
from polyadmin.journal.keys import active_keyring
from polyadmin.journal.reader import JournalFilter, read_journal
from polyadmin.journal.verify import verify_stream
from polyadmin.journal.writer import hashed_fields, sandbox_stream
from polyadmin.services import clients as client_service
from polyadmin.services.sandboxes import move_clock
from polyadmin.store.models import Client, JournalEntry
from tests.helpers.databases import backend_name
from tests.helpers.factories import CompanyClientData, PersonClientData
from tests.helpers.journal import drop_append_only_triggers


def entries(session: Session, sandbox_id: int) -> list[JournalEntry]:
    query = select(JournalEntry).where(JournalEntry.stream == sandbox_stream(sandbox_id)).order_by(JournalEntry.seq)
    return list(session.execute(query).scalars())


def test_each_action_appends_one_chained_entry_with_actor_dates_codes_input_and_outcome(session, world):
    client = client_service.create_client(
        session, world.candidate, world.sandbox_id, PersonClientData(last_name="Martin", first_name="Élodie")
    )
    client_service.update_client(session, world.candidate, world.sandbox_id, client.id, {"last_name": "Durand"})

    journal = entries(session, world.sandbox_id)
    assert [(e.seq, e.action) for e in journal] == [(1, "sandbox.create"), (2, "client.create"), (3, "client.update")]
    created, updated = journal[1], journal[2]
    assert (created.actor_username, created.actor_role, created.sandbox_date) == (
        "candidat1",
        "candidate",
        date(2026, 3, 2),
    )
    assert created.codes == ["C1.8", "C2A.1"]
    assert (created.record_type, created.record_id) == ("client", str(client.id))
    assert created.input["last_name"] == "Martin" and created.input["birth_date"].count("-") == 2
    assert created.outcome == {"client_id": client.id, "number": "CL-000001", "version": 1}
    assert updated.outcome["changes"] == {"last_name": {"from": "Martin", "to": "Durand"}}
    assert updated.outcome["version"] == 2
    assert journal[0].prev_hash == GENESIS_HASH
    for previous, entry in itertools.pairwise(journal):
        assert entry.prev_hash == previous.hash
    keyring = active_keyring()
    for entry in journal:
        assert entry.key_id == keyring.current_id
        assert entry.hash == entry_seal(hashed_fields(entry), keyring.current)
        assert entry.hash != entry_hash(hashed_fields(entry))  # a plain SHA-256 anyone could recompute
    assert verify_stream(session, sandbox_stream(world.sandbox_id)).as_dict() == {"status": "intact", "entries": 3}


def test_an_update_that_changes_nothing_writes_nothing(session, world):
    client = client_service.create_client(
        session, world.candidate, world.sandbox_id, PersonClientData(last_name="Roux")
    )
    client_service.update_client(session, world.candidate, world.sandbox_id, client.id, {"last_name": "Roux"})
    assert [e.action for e in entries(session, world.sandbox_id)] == ["sandbox.create", "client.create"]


def test_invalid_input_writes_neither_record_nor_entry(session, world):
    with pytest.raises(InvalidInput) as caught:
        client_service.create_client(session, world.candidate, world.sandbox_id, CompanyClientData(siren="732829321"))
    assert caught.value.field_errors == {
        "siren": ["SIREN invalide : 9 chiffres dont une clé de contrôle (Luhn) correcte."]
    }
    assert session.execute(select(func.count()).select_from(Client)).scalar_one() == 0
    assert len(entries(session, world.sandbox_id)) == 1


def test_a_failure_after_the_change_rolls_back_the_change_and_the_number(session, world, monkeypatch):
    def broken_append(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(client_service, "append_entry", broken_append)
    with pytest.raises(RuntimeError):
        client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    monkeypatch.undo()
    assert session.execute(select(func.count()).select_from(Client)).scalar_one() == 0
    again = client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    assert again.number == "CL-000001"
    assert [e.seq for e in entries(session, world.sandbox_id)] == [1, 2]


@pytest.mark.parametrize("statement", ["UPDATE journal_entries SET action = 'x'", "DELETE FROM journal_entries"])
def test_the_database_refuses_to_update_or_delete_entries(session, world, connection, statement):
    client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    with pytest.raises(DBAPIError, match="append-only"), connection.begin_nested():
        connection.execute(text(statement))
    assert len(entries(session, world.sandbox_id)) == 2


def test_emptying_the_journal_in_bulk_is_refused(world, connection):
    """PostgreSQL's TRUNCATE skips row triggers, so it has its own; SQLite has no TRUNCATE and
    disables its truncate optimisation when a DELETE trigger exists."""
    statement = "TRUNCATE journal_entries CASCADE" if backend_name() == "postgresql" else "DELETE FROM journal_entries"
    with pytest.raises(DBAPIError, match="append-only"), connection.begin_nested():
        connection.execute(text(statement))


def test_verify_names_the_first_entry_altered_directly_in_sql(session, world, connection):
    client = client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    client_service.update_client(session, world.candidate, world.sandbox_id, client.id, {"profession": "Boulanger"})
    drop_append_only_triggers(connection)
    connection.execute(
        text("UPDATE journal_entries SET outcome = :o WHERE stream = :s AND seq = 2"),
        {"o": '{"client_id": 999}', "s": sandbox_stream(world.sandbox_id)},
    )
    session.expire_all()
    verdict = verify_stream(session, sandbox_stream(world.sandbox_id))
    assert verdict.as_dict() == {
        "status": "broken",
        "entries": 2,
        "broken_seq": 2,
        "reason": "contenu modifié : le sceau (HMAC-SHA256) ne correspond plus",
    }


def test_verify_reports_a_missing_sequence_number(session, world, connection):
    for _ in range(3):
        client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    drop_append_only_triggers(connection)
    connection.execute(
        text("DELETE FROM journal_entries WHERE stream = :s AND seq = 2"), {"s": sandbox_stream(world.sandbox_id)}
    )
    session.expire_all()
    verdict = verify_stream(session, sandbox_stream(world.sandbox_id))
    assert (verdict.intact, verdict.broken_seq) == (False, 2)
    assert verdict.reason == "entrée n° 2 manquante (suivante trouvée : n° 3)"


def test_verify_reports_entries_cut_from_the_end(session, world, connection):
    for _ in range(2):
        client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    drop_append_only_triggers(connection)
    connection.execute(
        text("DELETE FROM journal_entries WHERE stream = :s AND seq = 3"), {"s": sandbox_stream(world.sandbox_id)}
    )
    session.expire_all()
    verdict = verify_stream(session, sandbox_stream(world.sandbox_id))
    assert verdict.as_dict()["broken_seq"] == 3
    assert verdict.reason == "entrées n° 3 à 3 manquantes en fin de journal"


def test_journal_filters_by_action_record_code_and_sandbox_date(session, world):
    first = client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    move_clock(session, world.trainer, world.sandbox_id, {"date": "2026-03-10"})
    second = client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    client_service.update_client(session, world.candidate, world.sandbox_id, second.id, {"profession": "Infirmière"})

    def seqs(**filters: object) -> list[int]:
        page = read_journal(session, world.sandbox_id, JournalFilter(**filters), 1, 50)  # type: ignore[arg-type]
        return [entry.seq for entry in page.items]

    assert seqs() == [1, 2, 3, 4, 5]
    assert seqs(action="client.create") == [2, 4]
    assert seqs(action="client") == [2, 4, 5]
    assert seqs(record=f"client:{second.id}") == [4, 5]
    assert seqs(record=f"client:{first.id}") == [2]
    assert seqs(code="C2A.1") == [2, 4]
    assert seqs(code="C2A.4") == []  # the trainer's clock move bears on no candidate criterion
    assert seqs(code="C1.8") == [2, 4, 5]
    assert seqs(date_from=date(2026, 3, 10)) == [3, 4, 5]
    assert seqs(date_to=date(2026, 3, 9)) == [1, 2]
    page = read_journal(session, world.sandbox_id, JournalFilter(), 2, 2)
    assert ([e.seq for e in page.items], page.total, page.pages) == ([3, 4], 5, 3)


def test_journals_of_two_sandboxes_are_separate_chains(session, world):
    client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    other = client_service.create_client(session, world.classmate, world.classmate_sandbox_id, PersonClientData())
    assert other.number == "CL-000001"
    assert [e.seq for e in entries(session, world.classmate_sandbox_id)] == [1, 2]
    assert verify_stream(session, sandbox_stream(world.classmate_sandbox_id)).intact


def _stored_text(connection: Connection, column: str, stream: str, seq: int) -> str:
    return str(
        connection.execute(
            text(f"SELECT CAST({column} AS TEXT) FROM journal_entries WHERE stream = :s AND seq = :q"),
            {"s": stream, "q": seq},
        ).scalar_one()
    )


def test_journal_json_is_stored_canonical_and_verified_without_decoding(session, world, connection, monkeypatch):
    """Verification seals the stored text directly (its speed); decoding is only the fallback."""
    from polyadmin.journal import verify as verify_module
    from polyadmin.journal.canonical import canonical_json

    client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Lefèvre"))
    stream = sandbox_stream(world.sandbox_id)
    entry = entries(session, world.sandbox_id)[1]
    assert _stored_text(connection, "input", stream, 2) == canonical_json(entry.input)
    assert "Lefèvre" in _stored_text(connection, "input", stream, 2)
    assert _stored_text(connection, "codes", stream, 2) == '["C1.8","C2A.1"]'

    def no_decoding(*args: object) -> bytes:
        raise AssertionError("the fast path should have matched")

    monkeypatch.setattr(verify_module, "_decoded_bytes", no_decoding)
    assert verify_stream(session, stream).as_dict() == {"status": "intact", "entries": 2}


def test_the_same_json_written_differently_still_verifies_and_malformed_json_is_tampering(session, world, connection):
    client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    stream = sandbox_stream(world.sandbox_id)
    drop_append_only_triggers(connection)
    entry = entries(session, world.sandbox_id)[1]
    spaced = json.dumps(entry.outcome, indent=1)  # same values, another text: the fallback decodes it
    connection.execute(
        text("UPDATE journal_entries SET outcome = :o WHERE stream = :s AND seq = 2"), {"o": spaced, "s": stream}
    )
    session.expire_all()
    assert verify_stream(session, stream).intact
    if backend_name() == "sqlite":  # PostgreSQL's json type refuses malformed text on input
        connection.execute(
            text("UPDATE journal_entries SET codes = :c WHERE stream = :s AND seq = 2"), {"c": '["C1.8",', "s": stream}
        )
        verdict = verify_stream(session, stream)
        assert (verdict.intact, verdict.broken_seq) == (False, 2)
        connection.execute(
            text("UPDATE journal_entries SET codes = '[]', recorded_at = 'hier' WHERE stream = :s AND seq = 2"),
            {"s": stream},
        )
        verdict = verify_stream(session, stream)
        assert (verdict.intact, verdict.broken_seq) == (False, 2)
