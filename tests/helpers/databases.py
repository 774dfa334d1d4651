"""Test databases: a SQLite file, or a fresh schema of POLYADMIN_TEST_DATABASE_URL (PostgreSQL).

Each one is migrated and holds the catalogue of products/ (loaded once, committed), so that exam
sessions can be opened in any test without parsing the product files again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from polyadmin.config import TEST_JOURNAL_KEY, default_catalogue_path
from polyadmin.domain.roles import Actor
from polyadmin.journal.keys import make_keyring, use_keyring
from polyadmin.services.catalogue import load_catalogue
from polyadmin.store.database import Database
from polyadmin.store.migrations import upgrade

# Journal entries written outside an app (catalogue loading, benchmarks) are sealed with the test key,
# as the app of POLYADMIN_ENV=test does.
use_keyring(make_keyring(TEST_JOURNAL_KEY))

POSTGRES_URL = os.environ.get("POLYADMIN_TEST_DATABASE_URL") or None
REPOSITORY = Path(__file__).resolve().parents[2]
# The catalogue every test database starts with: the real product files (products/, unless
# POLYADMIN_CATALOGUE_PATH names another folder, as it does for the app).
CATALOGUE = default_catalogue_path()
# A small catalogue written for the tests (one product), for tests that price exact, known figures.
TEST_CATALOGUE = REPOSITORY / "tests" / "data" / "catalogue"


def backend_name() -> str:
    return make_url(POSTGRES_URL).get_backend_name() if POSTGRES_URL else "sqlite"


def load_test_catalogue(url: str, directory: Path = CATALOGUE) -> None:
    database = Database.from_url(url)
    try:
        with database.sessions() as session:
            load_catalogue(session, Actor.system(), directory)
    finally:
        database.dispose()


@contextmanager
def migrated_database(directory: Path, name: str, *, catalogue: Path | None = CATALOGUE) -> Iterator[str]:
    """A database at `head` holding `catalogue` (None: empty), dropped afterwards. On PostgreSQL each
    name is its own schema."""
    if POSTGRES_URL is None:
        url = f"sqlite:///{directory / (name + '.sqlite3')}"
        upgrade(url)
        if catalogue is not None:
            load_test_catalogue(url, catalogue)
        yield url
        return
    # One schema per run and name: concurrent runs on the same server never drop each other's tables.
    schema = f"polyadmin_{name}_{os.getpid()}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    url = f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    try:
        upgrade(url)
        if catalogue is not None:
            load_test_catalogue(url, catalogue)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
