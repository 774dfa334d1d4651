"""The journal against someone with SQL access (issue 9): the four rewrites that used to pass as
« intact », done as a database superuser would (triggers disabled), are all detected now.

Triggers are disabled the way a superuser would: on PostgreSQL `SET LOCAL session_replication_role =
replica` (no trigger fires, foreign keys included), on SQLite by dropping them. The test's rollback
restores everything.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from polyadmin.journal.canonical import entry_hash, entry_seal
from polyadmin.journal.checkpoints import load_checkpoints, use_checkpoint_file
from polyadmin.journal.keys import make_keyring
from polyadmin.journal.verify import verify_stream
from polyadmin.journal.writer import hashed_fields, sandbox_stream
from polyadmin.services import clients as client_service
from polyadmin.services.journal import verify_sandbox_journal
from polyadmin.store.models import JournalEntry
from tests.helpers.databases import backend_name
from tests.helpers.factories import PersonClientData
from tests.helpers.journal import disable_triggers, entries, seal_of


@pytest.fixture
def checkpoints(tmp_path: Path) -> Iterator[Path]:
    """The instance's checkpoint file, as the app installs it outside the tests."""
    path = tmp_path / "journal-checkpoints.jsonl"
    use_checkpoint_file(path)
    yield path
    use_checkpoint_file(None)


def three_clients(session: Session, world) -> str:  # type: ignore[no-untyped-def]
    for _ in range(3):
        client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    return sandbox_stream(world.sandbox_id)


def test_each_commit_appends_the_new_head_to_the_checkpoint_file(session, world, checkpoints):
    stream = three_clients(session, world)
    lines = [json.loads(line) for line in checkpoints.read_text().splitlines()]
    assert [(line["stream"], line["seq"]) for line in lines] == [(stream, 2), (stream, 3), (stream, 4)]
    assert lines[-1]["seal"] == entries(session, world.sandbox_id)[-1].hash
    assert lines[-1]["at"].endswith("Z") and lines[-1]["key_id"].startswith("k")
    assert load_checkpoints(checkpoints)[stream].seq == 4


def test_a_rolled_back_action_writes_no_checkpoint(session, world, checkpoints):
    with pytest.raises(Exception):  # noqa: B017 — any refusal
        client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData(siren="1"))
    assert not checkpoints.exists() or checkpoints.read_text() == ""


# --- journal_heads is protected like the entries ---------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE journal_heads SET last_seq = last_seq - 1",
        "UPDATE journal_heads SET last_hash = 'x'",
        "DELETE FROM journal_heads",
    ],
)
def test_the_database_refuses_to_move_a_head_back_or_delete_it(session, world, connection, statement):
    three_clients(session, world)
    with pytest.raises(DBAPIError, match="only moves forward"), connection.begin_nested():
        connection.execute(text(statement))


def test_emptying_the_heads_in_bulk_is_refused(world, connection):
    """PostgreSQL's TRUNCATE skips row triggers, so it has its own; SQLite has no TRUNCATE."""
    statement = "TRUNCATE journal_heads" if backend_name() == "postgresql" else "DELETE FROM journal_heads WHERE 1 = 1"
    with pytest.raises(DBAPIError, match="only moves forward"), connection.begin_nested():
        connection.execute(text(statement))


# --- attack 1: delete the last entry and move journal_heads back -----------------------------------


def test_cutting_the_last_entry_and_moving_the_head_back_is_caught_by_the_checkpoint(
    session, world, connection, checkpoints
):
    stream = three_clients(session, world)
    disable_triggers(connection)
    connection.execute(text("DELETE FROM journal_entries WHERE stream = :s AND seq = 4"), {"s": stream})
    connection.execute(
        text("UPDATE journal_heads SET last_seq = 3, last_hash = :h WHERE stream = :s"),
        {"s": stream, "h": seal_of(connection, stream, 3)},
    )
    session.expire_all()
    assert verify_stream(session, stream).intact  # the database alone cannot tell: hence the checkpoints
    verdict = verify_sandbox_journal(session, world.trainer, world.sandbox_id)
    assert (verdict.intact, verdict.broken_seq) == (False, 4)
    assert verdict.reason is not None and verdict.reason.startswith("entrées n° 4 à 4 manquantes en fin de journal")


# --- attack 2: change an entry and recompute the following hashes ----------------------------------


def _rechain(connection: Connection, stream: str, seal: object) -> None:
    """Recompute every seal from entry 2 on, as the attacker can (`seal(entry) -> str`)."""
    session = Session(bind=connection)
    rows = session.query(JournalEntry).filter_by(stream=stream).order_by(JournalEntry.seq).all()
    previous = rows[0].hash
    for row in rows[1:]:
        row.prev_hash = previous
        row.hash = seal(row)  # type: ignore[operator]
        previous = row.hash
    session.flush()
    connection.execute(text("UPDATE journal_heads SET last_hash = :h WHERE stream = :s"), {"s": stream, "h": previous})
    session.close()


def test_changing_an_entry_and_recomputing_the_chain_needs_the_key(session, world, connection):
    stream = three_clients(session, world)
    disable_triggers(connection)
    connection.execute(
        text("UPDATE journal_entries SET actor_username = 'candidat2' WHERE stream = :s AND seq = 2"), {"s": stream}
    )
    guessed = make_keyring("une-cle-devinee-par-l-attaquant-0123456789")
    _rechain(connection, stream, lambda row: entry_seal(hashed_fields(row), guessed.current))
    session.expire_all()
    verdict = verify_sandbox_journal(session, world.trainer, world.sandbox_id)
    assert verdict.as_dict() == {
        "status": "broken",
        "entries": 2,
        "broken_seq": 2,
        "reason": "contenu modifié : le sceau (HMAC-SHA256) ne correspond plus",
    }


def test_rewriting_a_stream_as_plain_sha256_entries_is_refused(session, world, connection, checkpoints):
    """The downgrade: drop the key ids and recompute a plain SHA-256 chain, as before the keyed seal."""
    stream = three_clients(session, world)
    disable_triggers(connection)
    connection.execute(text("UPDATE journal_entries SET key_id = NULL WHERE stream = :s"), {"s": stream})
    connection.execute(text("UPDATE journal_entries SET outcome = '{}' WHERE stream = :s AND seq = 3"), {"s": stream})

    def sha(row: JournalEntry) -> str:
        return entry_hash(hashed_fields(row))

    session_ = Session(bind=connection)
    first = session_.query(JournalEntry).filter_by(stream=stream, seq=1).one()
    first.hash = sha(first)
    session_.flush()
    session_.close()
    _rechain(connection, stream, sha)
    session.expire_all()
    verdict = verify_sandbox_journal(session, world.trainer, world.sandbox_id)
    assert (verdict.intact, verdict.broken_seq) == (False, 1)
    assert verdict.reason is not None and "sans sceau par clé" in verdict.reason


# --- attack 3: delete a middle entry and renumber -------------------------------------------------


def test_deleting_a_middle_entry_and_renumbering_is_detected(session, world, connection):
    stream = three_clients(session, world)
    disable_triggers(connection)
    connection.execute(text("DELETE FROM journal_entries WHERE stream = :s AND seq = 2"), {"s": stream})
    for seq in (3, 4):  # one by one: (stream, seq) stays unique at every step
        connection.execute(
            text("UPDATE journal_entries SET seq = :n WHERE stream = :s AND seq = :q"),
            {"s": stream, "q": seq, "n": seq - 1},
        )
    connection.execute(
        text("UPDATE journal_entries SET prev_hash = :h WHERE stream = :s AND seq = 2"),
        {"s": stream, "h": seal_of(connection, stream, 1)},
    )
    connection.execute(
        text("UPDATE journal_heads SET last_seq = 3, last_hash = :h WHERE stream = :s"),
        {"s": stream, "h": seal_of(connection, stream, 3)},
    )
    session.expire_all()
    verdict = verify_stream(session, stream)  # the seal covers the number and the link: no key, no renumbering
    assert (verdict.intact, verdict.broken_seq, verdict.reason) == (
        False,
        2,
        "contenu modifié : le sceau (HMAC-SHA256) ne correspond plus",
    )


# --- attack 4: delete a whole stream and its head ---------------------------------------------------


def _delete_stream(connection: Connection, stream: str) -> None:
    """The attacker removes every trace of the stream: its entries, its head and the replay's change records."""
    connection.execute(text("DELETE FROM record_changes WHERE stream = :s"), {"s": stream})
    connection.execute(text("DELETE FROM journal_entries WHERE stream = :s"), {"s": stream})
    connection.execute(text("DELETE FROM journal_heads WHERE stream = :s"), {"s": stream})


def test_deleting_a_whole_stream_and_its_head_is_detected(session, world, connection):
    stream = three_clients(session, world)
    disable_triggers(connection)
    _delete_stream(connection, stream)
    session.expire_all()
    verdict = verify_sandbox_journal(session, world.trainer, world.sandbox_id)
    assert verdict.as_dict() == {
        "status": "broken",
        "entries": 0,
        "broken_seq": 1,
        "reason": "journal vide : l'entrée n° 1 (création) et les suivantes manquent",
    }


def test_a_stream_restarted_after_its_deletion_does_not_begin_with_its_creation(session, world, connection):
    stream = three_clients(session, world)
    disable_triggers(connection)
    _delete_stream(connection, stream)
    session.expire_all()
    client_service.create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    assert [(e.seq, e.action) for e in entries(session, world.sandbox_id)] == [(1, "client.create")]
    verdict = verify_sandbox_journal(session, world.trainer, world.sandbox_id)
    assert (verdict.intact, verdict.broken_seq, verdict.reason) == (
        False,
        1,
        "le journal ne commence pas par son entrée de création (sandbox.create)",
    )


def test_the_latest_checkpoint_is_found_from_the_end_of_a_large_file(tmp_path):
    from polyadmin.journal.checkpoints import Checkpoint, append_checkpoints, latest_checkpoint

    path = tmp_path / "journal-checkpoints.jsonl"
    lines = [
        Checkpoint(f"sandbox:{n % 50}", n // 50 + 1, f"s{n}", "k1", "2026-03-02T08:00:00.000000Z") for n in range(5000)
    ]
    lines.insert(4990, Checkpoint("sandbox:7", 1000, "late-but-furthest", "k1", ""))  # concurrent commits out of order
    append_checkpoints(path, lines)
    assert latest_checkpoint(path, "sandbox:7") == Checkpoint("sandbox:7", 1000, "late-but-furthest", "k1", "")
    assert latest_checkpoint(path, "sandbox:3") == Checkpoint(
        "sandbox:3", 100, "s4953", "k1", "2026-03-02T08:00:00.000000Z"
    )
    assert latest_checkpoint(path, "sandbox:0").seq == 100  # type: ignore[union-attr]
    assert latest_checkpoint(path, "sandbox:99") is None
    assert latest_checkpoint(path, "sandbox:1") == load_checkpoints(path)["sandbox:1"]
