"""The `polyadmin` command: users, demo, journal verify and export, migrations."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import select, text

from polyadmin.app import create_app
from polyadmin.cli import cli
from polyadmin.services.clients import create_client
from polyadmin.store.migrations import alembic_config, current_revision
from polyadmin.store.models import ExamSession, User
from tests.helpers.factories import PersonClientData
from tests.helpers.journal import drop_append_only_triggers


def run(app, *args, input=None):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_users_add_with_password_from_stdin(app, session):
    result = run(app, "users", "add", "--role", "evaluator", "--username", "jury1", input="un-long-mot-de-passe\n")
    assert result.exit_code == 0, result.output
    assert "Compte créé : jury1 (Évaluateur)." in result.output
    user = session.execute(select(User).where(User.username == "jury1")).scalar_one()
    assert user.role == "evaluator" and user.password_hash.startswith("pbkdf2:")
    assert "un-long-mot-de-passe" not in user.password_hash


def test_users_add_refuses_bad_input_with_a_french_message_and_exit_2(app, session):
    result = run(app, "users", "add", "--role", "candidate", "--username", "X Y", "--password", "court")
    assert result.exit_code == 2
    assert "username" in result.output and "Mot de passe : 10 caractères au minimum." in result.output
    assert session.execute(select(User)).first() is None


def test_users_add_refuses_a_duplicate(app, world):
    result = run(app, "users", "add", "--role", "candidate", "--username", "candidat1", "--password", "0123456789ab")
    assert result.exit_code == 2
    assert "Cet identifiant existe déjà." in result.output


def test_demo_is_idempotent_and_keeps_its_passwords_outside_the_repository(app, session):
    first = run(app, "demo")
    assert first.exit_code == 0, first.output
    assert "Session de démonstration créée" in first.output
    second = run(app, "demo")
    assert "Session de démonstration déjà présente" in second.output
    assert session.execute(select(ExamSession)).scalars().all()[0].name == "Session de démonstration"
    logins = json.loads(Path(app.instance_path, "demo-logins.json").read_text())
    assert set(logins) == {"admin", "formatrice", "evaluateur", "candidat1", "candidat2"}
    for username, password in logins.items():
        assert f"{username}" in second.output and password in second.output


def test_journal_verify_says_intact_then_names_the_tampered_entry(app, session, world, connection):
    create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    ok = run(app, "journal", "verify", str(world.sandbox_id))
    assert (ok.exit_code, ok.output.strip()) == (
        0,
        f"Journal du bac à sable {world.sandbox_id} : intact : 2 entrée(s) vérifiée(s)",
    )
    drop_append_only_triggers(connection)
    connection.execute(
        text("UPDATE journal_entries SET actor_username = 'candidat2' WHERE sandbox_id = :s AND seq = 2"),
        {"s": world.sandbox_id},
    )
    session.expire_all()
    broken = run(app, "journal", "verify", str(world.sandbox_id))
    assert broken.exit_code == 1
    assert "rompu à l'entrée n° 2 : contenu modifié" in broken.output


def test_journal_verify_of_an_unknown_sandbox_fails_cleanly(app, world):
    result = run(app, "journal", "verify", "999999")
    assert result.exit_code == 2
    assert "Bac à sable introuvable." in result.output


def test_journal_export_jsonl_and_csv(app, session, world, tmp_path):
    create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Lefèvre"))
    jsonl = run(app, "journal", "export", str(world.sandbox_id), "--format", "jsonl")
    lines = [json.loads(line) for line in jsonl.output.splitlines()]
    assert [(line["seq"], line["action"]) for line in lines] == [(1, "sandbox.create"), (2, "client.create")]
    assert lines[1]["input"]["last_name"] == "Lefèvre" and lines[1]["prev_hash"] == lines[0]["hash"]
    target = tmp_path / "journal.csv"
    result = run(app, "journal", "export", str(world.sandbox_id), "--format", "csv", "--output", str(target))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [row["action"] for row in rows] == ["sandbox.create", "client.create"]
    assert json.loads(rows[1]["codes"]) == ["C1.8", "C2A.1"]


def test_db_upgrade_creates_a_fresh_sqlite_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    app = create_app({"POLYADMIN_ENV": "test", "DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path / "instance")})
    result = run(app, "db", "upgrade")
    assert (result.exit_code, result.output.strip()) == (0, "Base à jour (head).")
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()  # the last revision, whichever it is
    assert current_revision(url) == head
    assert run(app, "db", "current").output.strip() == head


def test_a_password_is_kept_exactly_as_typed_spaces_included(app, session):
    from polyadmin.services.users import authenticate

    result = run(app, "users", "add", "--role", "candidate", "--username", "lea", "--password", " espace devant ")
    assert result.exit_code == 0, result.output
    assert authenticate(session, "lea", " espace devant ") is not None
    assert authenticate(session, "lea", "espace devant") is None
