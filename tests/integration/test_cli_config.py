"""The command line and its configuration: commands that only read files need neither a secret key nor a
database, and every configuration error is one French line on stderr with a non-zero exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from polyadmin.cli import cli
from polyadmin.config import REPOSITORY, ConfigurationError, data_folder, data_folder_location

PRODUCTS = REPOSITORY / "products"
DEMO = REPOSITORY / "scenarios" / "demo.yaml"


def run(args: list[str], tmp_path: Path, **env: str | None) -> Result:
    """`polyadmin ARGS` as in a shell whose environment is only `env` (production unless told)."""
    environment: dict[str, str | None] = {
        "POLYADMIN_ENV": "production",
        "POLYADMIN_SECRET_KEY": None,
        "POLYADMIN_DATABASE_URL": f"sqlite:///{tmp_path / 'absent' / 'nowhere.sqlite3'}",
        "POLYADMIN_INSTANCE_PATH": str(tmp_path / "instance"),
        "POLYADMIN_CATALOGUE_PATH": None,
        "POLYADMIN_SCENARIOS_PATH": None,
        "POLYADMIN_MIGRATIONS_DIR": None,
        "POLYADMIN_TOKEN_TTL_HOURS": None,
        "POLYADMIN_SESSION_HOURS": None,
        **env,
    }
    return CliRunner().invoke(cli, args, env=environment, prog_name="polyadmin")


def assert_one_line_error(result: Result, *words: str) -> None:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def test_catalogue_check_needs_no_secret_key_nor_database(tmp_path):
    result = run(["catalogue", "check"], tmp_path)
    assert result.exit_code == 0, result.output
    assert f"Catalogue valide : {PRODUCTS}" in result.output
    assert not (tmp_path / "absent").exists()  # no database file was created


def test_catalogue_check_of_a_given_folder_needs_no_secret_key(tmp_path):
    result = run(["catalogue", "check", str(PRODUCTS)], tmp_path, POLYADMIN_DATABASE_URL="postgresql+psycopg://x@/")
    assert result.exit_code == 0, result.output


def test_scenario_check_with_a_catalogue_folder_needs_no_secret_key_nor_database(tmp_path):
    result = run(["scenario", "check", str(DEMO), "--catalogue", str(PRODUCTS)], tmp_path)
    assert result.exit_code == 0, result.output
    assert f"Scénario valide : {DEMO}" in result.output
    assert not (tmp_path / "absent").exists()


def test_a_command_that_needs_the_application_says_which_variable_is_missing_in_one_line(tmp_path):
    result = run(["journal", "verify", "1"], tmp_path)
    assert_one_line_error(result, "POLYADMIN_SECRET_KEY", "production")


def test_the_help_lists_the_commands_without_a_traceback(tmp_path):
    result = run(["--help"], tmp_path)
    assert result.exit_code == 0
    assert "catalogue" in result.output and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1  # the one-line configuration notice


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"POLYADMIN_ENV": "staging"}, ("POLYADMIN_ENV", "production, demo, test")),
        ({"POLYADMIN_ENV": "demo", "POLYADMIN_DATABASE_URL": "pas une adresse"}, ("POLYADMIN_DATABASE_URL",)),
        ({"POLYADMIN_ENV": "demo", "POLYADMIN_DATABASE_URL": "oracle+inconnu://x/y"}, ("POLYADMIN_DATABASE_URL",)),
        ({"POLYADMIN_ENV": "demo", "POLYADMIN_SESSION_HOURS": "dix"}, ("POLYADMIN_SESSION_HOURS",)),
        ({"POLYADMIN_ENV": "demo", "POLYADMIN_TOKEN_TTL_HOURS": "-3"}, ("POLYADMIN_TOKEN_TTL_HOURS",)),
        ({"POLYADMIN_ENV": "demo", "POLYADMIN_MIGRATIONS_DIR": "/nulle/part"}, ("POLYADMIN_MIGRATIONS_DIR",)),
    ],
)
def test_every_configuration_error_is_one_line_and_a_non_zero_exit(tmp_path, env, words):
    result = run(["db", "upgrade"], tmp_path, **env)
    assert_one_line_error(result, "Configuration", *words)


def test_the_password_of_a_malformed_database_address_is_never_printed(tmp_path):
    result = run(["db", "current"], tmp_path, POLYADMIN_ENV="demo", POLYADMIN_DATABASE_URL="postgresql://u:s3cr3t@[x")
    assert_one_line_error(result, "POLYADMIN_DATABASE_URL")
    assert "s3cr3t" not in result.stderr


@pytest.mark.parametrize(
    ("args", "variable"),
    [
        (["catalogue", "check"], "POLYADMIN_CATALOGUE_PATH"),
        (["scenario", "list"], "POLYADMIN_SCENARIOS_PATH"),
    ],
)
def test_a_missing_data_folder_is_named_with_its_variable(tmp_path, args, variable):
    missing = str(tmp_path / "absent")
    result = run(args, tmp_path, POLYADMIN_ENV="demo", **{variable: missing})
    assert_one_line_error(result, variable, missing)


def test_data_folders_come_from_their_variable_else_the_repository(monkeypatch, tmp_path):
    for kind, folder in (("catalogue", "products"), ("scenarios", "scenarios"), ("documents", "documents")):
        assert data_folder(kind) == REPOSITORY / folder
    assert data_folder("migrations") == REPOSITORY / "migrations"
    monkeypatch.setenv("POLYADMIN_DOCUMENTS_PATH", str(tmp_path))
    assert data_folder("documents") == tmp_path.resolve()
    monkeypatch.setenv("POLYADMIN_DOCUMENTS_PATH", str(tmp_path / "absent"))
    assert data_folder_location("documents") == tmp_path / "absent"
    with pytest.raises(ConfigurationError, match="POLYADMIN_DOCUMENTS_PATH"):
        data_folder("documents")


def test_the_installed_command_prints_no_traceback(tmp_path):
    """The real `polyadmin` entry point, in a process of its own (the click runner aside)."""
    command = [sys.executable, "-c", "from polyadmin.cli import main; main()", "journal", "verify", "1"]
    env = {"PATH": "/usr/bin:/bin", "POLYADMIN_ENV": "production", "POLYADMIN_INSTANCE_PATH": str(tmp_path)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)  # noqa: S603  fixed arguments
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "POLYADMIN_SECRET_KEY" in done.stderr and "Traceback" not in done.stderr


def test_a_database_that_cannot_be_opened_is_one_line(tmp_path):
    result = run(["db", "current"], tmp_path, POLYADMIN_ENV="demo")  # SQLite file in a folder that does not exist
    assert_one_line_error(result, "Base de données inaccessible", "POLYADMIN_DATABASE_URL")
