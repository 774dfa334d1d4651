"""The journal key: required in production, kept in instance/ for the demo, fixed for the tests;
key ids; older keys kept for verification after a rotation."""

from __future__ import annotations

import pytest

from polyadmin.config import TEST_JOURNAL_KEY, ConfigurationError, settings_from_environment
from polyadmin.journal.canonical import canonical_json, entry_hash, entry_seal
from polyadmin.journal.keys import JournalKeyMissing, key_id_of, make_keyring, parse_keys

OLD = "ancienne-cle-du-journal-0123456789abcdef"
NEW = "nouvelle-cle-du-journal-fedcba9876543210"


@pytest.fixture(autouse=True)
def _no_journal_variables(monkeypatch):
    for name in ("POLYADMIN_JOURNAL_KEY", "POLYADMIN_JOURNAL_KEYS", "POLYADMIN_JOURNAL_CHECKPOINTS"):
        monkeypatch.delenv(name, raising=False)


def test_production_refuses_to_start_without_a_journal_key(tmp_path):
    with pytest.raises(ConfigurationError, match="POLYADMIN_JOURNAL_KEY est obligatoire en production"):
        settings_from_environment(tmp_path, {"POLYADMIN_ENV": "production", "SECRET_KEY": "s" * 40})


def test_production_takes_the_key_and_older_keys_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("POLYADMIN_JOURNAL_KEY", NEW)
    monkeypatch.setenv("POLYADMIN_JOURNAL_KEYS", f"{OLD}, ")
    settings = settings_from_environment(tmp_path, {"POLYADMIN_ENV": "production", "SECRET_KEY": "s" * 40})
    assert (settings["JOURNAL_KEY"], parse_keys(settings["JOURNAL_KEYS"])) == (NEW, [OLD])
    assert settings["JOURNAL_CHECKPOINTS"] == str(tmp_path / "journal-checkpoints.jsonl")
    assert not (tmp_path / "journal_key").exists()


def test_the_demo_generates_a_key_once_in_the_instance_folder(tmp_path):
    first = settings_from_environment(tmp_path, {"POLYADMIN_ENV": "demo"})["JOURNAL_KEY"]
    again = settings_from_environment(tmp_path, {"POLYADMIN_ENV": "demo"})["JOURNAL_KEY"]
    assert first == again == (tmp_path / "journal_key").read_text().strip() and len(first) == 64
    assert first != (tmp_path / "secret_key").read_text().strip()
    assert oct((tmp_path / "journal_key").stat().st_mode & 0o777) == "0o600"


def test_tests_use_the_fixed_test_key_and_no_checkpoint_file(tmp_path):
    settings = settings_from_environment(tmp_path, {"POLYADMIN_ENV": "test"})
    assert (settings["JOURNAL_KEY"], settings["JOURNAL_CHECKPOINTS"]) == (TEST_JOURNAL_KEY, None)


def test_keyring_ids_rotation_and_short_keys():
    keyring = make_keyring(NEW, [OLD])
    assert keyring.current_id == key_id_of(NEW.encode()) and keyring.current_id.startswith("k")
    assert len(keyring.current_id) == 13 and keyring.current_id != key_id_of(OLD.encode())
    assert keyring.secret(key_id_of(OLD.encode())) == OLD.encode()
    with pytest.raises(JournalKeyMissing, match="ajoutez l'ancienne clé à POLYADMIN_JOURNAL_KEYS"):
        make_keyring(NEW).secret(key_id_of(OLD.encode()), 12)
    with pytest.raises(ValueError, match="au moins 32 caractères"):
        make_keyring("trop-courte")


def test_the_seal_needs_the_key():
    facts = {"seq": 1, "action": "client.create", "input": {"nom": "Lefèvre"}}
    sealed = entry_seal(facts, NEW.encode())
    assert sealed == entry_seal(dict(reversed(list(facts.items()))), NEW.encode())
    assert sealed != entry_seal(facts, OLD.encode())
    assert sealed != entry_hash(facts) and len(sealed) == 64
    assert canonical_json(facts) == '{"action":"client.create","input":{"nom":"Lefèvre"},"seq":1}'
