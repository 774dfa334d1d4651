"""`polyadmin journal verify | seal`: exit codes 0 intact, 1 tampered, 2 could not verify (one line,
no traceback); the platform stream; checkpoints and seal files kept outside the database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from polyadmin.config import TEST_JOURNAL_KEY
from polyadmin.journal.keys import active_keyring, make_keyring, use_keyring
from polyadmin.journal.writer import sandbox_stream
from polyadmin.services import journal as journal_service
from polyadmin.services.clients import create_client
from tests.helpers.cli import run
from tests.helpers.factories import PersonClientData
from tests.helpers.journal import disable_triggers, seal_of

NEW_KEY = "une-nouvelle-cle-du-journal-apres-rotation-9876543210"


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    saved = active_keyring()
    yield
    use_keyring(saved)


def one_line(output: str) -> str:
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


def cut_last_entry(connection, stream: str, last: int) -> None:  # type: ignore[no-untyped-def]
    disable_triggers(connection)
    connection.execute(text("DELETE FROM journal_entries WHERE stream = :s AND seq = :q"), {"s": stream, "q": last})
    connection.execute(
        text("UPDATE journal_heads SET last_seq = :p, last_hash = :h WHERE stream = :s"),
        {"s": stream, "p": last - 1, "h": seal_of(connection, stream, last - 1)},
    )


def test_the_platform_stream_is_verified_from_the_command_line(app, world):
    result = run(app, "journal", "verify", "--platform")
    assert result.exit_code == 0, result.output
    assert one_line(result.output).startswith("Journal de la plateforme : intact : ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Vérification impossible : Usage : polyadmin journal verify SANDBOX_ID | --platform"),
        (("abc",), "Vérification impossible : « abc » n'est pas un numéro de bac à sable."),
        (("1", "--platform"), "Vérification impossible : Usage :"),
        (("999999",), "Vérification impossible : Bac à sable introuvable."),
        (("1", "--seal", "/nulle/part.json"), "Vérification impossible : fichier de scellés illisible"),
    ],
)
def test_bad_arguments_exit_2_with_one_french_line(app, world, args, message):
    result = run(app, "journal", "verify", *args)
    assert result.exit_code == 2
    assert one_line(result.output).startswith(message)


def test_a_missing_key_exits_2(app, world, restore_keyring):
    use_keyring(None)
    result = run(app, "journal", "verify", str(world.sandbox_id))
    assert result.exit_code == 2
    assert one_line(result.output) == (
        "Vérification impossible : Clé du journal absente : définissez POLYADMIN_JOURNAL_KEY (voir docs/journal.md)."
    )


def test_a_locked_database_exits_2(app, world, monkeypatch):
    def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("SELECT …", {}, Exception("database is locked"))

    monkeypatch.setattr(journal_service, "verify_stream", locked)
    result = run(app, "journal", "verify", str(world.sandbox_id))
    assert result.exit_code == 2
    assert one_line(result.output) == "Vérification impossible : base de données inaccessible (database is locked)."


def test_key_rotation_old_entries_verify_with_the_older_key(app, session, world, restore_keyring):
    create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    use_keyring(make_keyring(NEW_KEY))  # the old key forgotten: its entries cannot be checked
    forgotten = run(app, "journal", "verify", str(world.sandbox_id))
    assert forgotten.exit_code == 2
    assert "ajoutez l'ancienne clé à POLYADMIN_JOURNAL_KEYS" in one_line(forgotten.output)
    use_keyring(make_keyring(NEW_KEY, [TEST_JOURNAL_KEY]))  # POLYADMIN_JOURNAL_KEYS holds the old one
    newer = create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    assert newer.id
    result = run(app, "journal", "verify", str(world.sandbox_id))
    assert (result.exit_code, one_line(result.output)) == (
        0,
        f"Journal du bac à sable {world.sandbox_id} : intact : 3 entrée(s) vérifiée(s)",
    )
    keys = (
        session.execute(
            text("SELECT key_id FROM journal_entries WHERE stream = :s ORDER BY seq"),
            {"s": sandbox_stream(world.sandbox_id)},
        )
        .scalars()
        .all()
    )
    assert keys[0] == keys[1] != keys[2] == active_keyring().current_id


def test_an_export_is_a_checkpoint_that_catches_a_later_truncation(app, session, world, connection, tmp_path):
    create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    export = tmp_path / "journal.jsonl"
    assert run(app, "journal", "export", str(world.sandbox_id), "-o", str(export)).exit_code == 0
    ok = run(app, "journal", "verify", str(world.sandbox_id), "--checkpoints", str(export))
    assert ok.exit_code == 0 and "conforme au point de contrôle (entrée n° 2)" in ok.output
    cut_last_entry(connection, sandbox_stream(world.sandbox_id), 2)
    session.expire_all()
    assert run(app, "journal", "verify", str(world.sandbox_id)).exit_code == 0  # the database alone: fooled
    broken = run(app, "journal", "verify", str(world.sandbox_id), "--checkpoints", str(export))
    assert broken.exit_code == 1
    assert "rompu à l'entrée n° 2 : entrées n° 2 à 2 manquantes en fin de journal" in one_line(broken.output)


def sealed_session(app, session, world, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    seal = tmp_path / "session.seal.json"
    result = run(app, "journal", "seal", str(world.exam_session_id), "-o", str(seal))
    assert result.exit_code == 0, result.output
    return seal


def test_seal_then_verify_every_sealed_stream(app, session, world, tmp_path):
    seal = sealed_session(app, session, world, tmp_path)
    document = json.loads(seal.read_text())
    assert document["exam_session_id"] == world.exam_session_id
    assert [(s["sandbox_id"], s["candidate"], s["seq"]) for s in document["streams"]] == [
        (world.sandbox_id, "candidat1", 2),
        (world.classmate_sandbox_id, "candidat2", 1),
    ]
    result = run(app, "journal", "verify", "--seal", str(seal))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("2 journal(aux) scellé(s) le ")
    single = run(app, "journal", "verify", str(world.sandbox_id), "--seal", str(seal))
    assert single.exit_code == 0 and "conforme au point de contrôle (entrée n° 2)" in single.output


def test_a_sealed_stream_cut_or_deleted_is_reported(app, session, world, connection, tmp_path):
    seal = sealed_session(app, session, world, tmp_path)
    cut_last_entry(connection, sandbox_stream(world.sandbox_id), 2)
    # The classmate's sandbox and its whole stream vanish (foreign keys off, as for a superuser).
    stream = sandbox_stream(world.classmate_sandbox_id)
    connection.execute(text("DELETE FROM journal_entries WHERE stream = :s"), {"s": stream})
    connection.execute(text("DELETE FROM journal_heads WHERE stream = :s"), {"s": stream})
    connection.execute(text("DELETE FROM sandbox_sequences WHERE sandbox_id = :i"), {"i": world.classmate_sandbox_id})
    connection.execute(text("DELETE FROM sandboxes WHERE id = :i"), {"i": world.classmate_sandbox_id})
    session.expire_all()
    result = run(app, "journal", "verify", "--seal", str(seal))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        f"Journal du bac à sable {world.sandbox_id} : rompu à l'entrée n° 2 : entrées n° 2 à 2 manquantes" in lines[0]
    )
    assert lines[1] == (
        f"Journal du bac à sable {world.classmate_sandbox_id} : rompu à l'entrée n° 1 : bac à sable absent de la "
        "base : son journal scellé (n° 1 à 1) a disparu"
    )


def test_an_altered_seal_file_cannot_be_used(app, session, world, tmp_path):
    seal = sealed_session(app, session, world, tmp_path)
    document = json.loads(seal.read_text())
    document["streams"][0]["seq"] = 1  # pretend the session ended one entry earlier
    seal.write_text(json.dumps(document))
    result = run(app, "journal", "verify", "--seal", str(seal))
    assert result.exit_code == 2
    assert one_line(result.output).startswith("Vérification impossible : fichier de scellés altéré")


def test_sealing_a_tampered_journal_is_refused(app, session, world, connection, tmp_path):
    create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    disable_triggers(connection)
    connection.execute(text("UPDATE journal_entries SET outcome = '{}' WHERE sandbox_id = :s AND seq = 2"),
                       {"s": world.sandbox_id})  # fmt: skip
    session.expire_all()
    result = run(app, "journal", "seal", str(world.exam_session_id), "-o", str(tmp_path / "x.json"))
    assert result.exit_code == 1
    assert "scellement refusé" in result.output and not (tmp_path / "x.json").exists()


def test_an_archived_export_is_verified_without_the_database(app, session, world, tmp_path):
    seal = sealed_session(app, session, world, tmp_path)
    export = tmp_path / "journal.jsonl"
    assert run(app, "journal", "export", str(world.sandbox_id), "-o", str(export)).exit_code == 0
    ok = run(app, "journal", "verify", "--export", str(export), "--seal", str(seal))
    assert (ok.exit_code, one_line(ok.output)) == (
        0,
        f"Export du journal du bac à sable {world.sandbox_id} : intact : 2 entrée(s) vérifiée(s), "
        "conforme au point de contrôle (entrée n° 2)",
    )
    lines = export.read_text(encoding="utf-8").splitlines()
    altered = json.loads(lines[1])
    altered["input"]["last_name"] = "Autre"
    export.write_text("\n".join([lines[0], json.dumps(altered), lines[2]]) + "\n", encoding="utf-8")
    broken = run(app, "journal", "verify", "--export", str(export))
    assert broken.exit_code == 1
    assert one_line(broken.output).endswith(
        "rompu à l'entrée n° 2 : contenu modifié : le sceau (HMAC-SHA256) ne correspond plus"
    )
    export.write_text(lines[0] + "\n", encoding="utf-8")  # the last entry and the checkpoint cut off
    cut = run(app, "journal", "verify", "--export", str(export), "--seal", str(seal))
    assert cut.exit_code == 1
    assert "entrées n° 2 à 2 manquantes en fin de journal (fichier de scellés)" in one_line(cut.output)


def test_production_without_a_journal_key_is_one_line_and_exit_2(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "POLYADMIN_ENV": "production",
        "POLYADMIN_SECRET_KEY": "s" * 40,
        "POLYADMIN_INSTANCE_PATH": str(tmp_path),
        "POLYADMIN_DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
    }
    env.pop("POLYADMIN_JOURNAL_KEY", None)
    done = subprocess.run(
        [sys.executable, "-c", "from polyadmin.cli import main; main()", "journal", "verify", "1"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert one_line(done.stdout + done.stderr).startswith("Configuration : POLYADMIN_JOURNAL_KEY est obligatoire")
