"""Test databases: a SQLite file, or a fresh schema of POLYADMIN_TEST_DATABASE_URL (PostgreSQL)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from polyadmin.store.migrations import upgrade

POSTGRES_URL = os.environ.get("POLYADMIN_TEST_DATABASE_URL") or None


def backend_name() -> str:
    return make_url(POSTGRES_URL).get_backend_name() if POSTGRES_URL else "sqlite"


@contextmanager
def migrated_database(directory: Path, name: str) -> Iterator[str]:
    """A database at `head`, dropped afterwards. On PostgreSQL each name is its own schema."""
    if POSTGRES_URL is None:
        url = f"sqlite:///{directory / (name + '.sqlite3')}"
        upgrade(url)
        yield url
        return
    schema = f"polyadmin_{name}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    url = f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
