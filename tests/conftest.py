"""Fixtures: one migrated database per run, one rolled-back transaction per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import factory.random
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from polyadmin.app import create_app
from polyadmin.services import users as user_service
from polyadmin.store.database import Database, make_engine
from tests.helpers.accounts import World, build_world
from tests.helpers.databases import backend_name, migrated_database
from tests.helpers.factories import bound_session


@pytest.fixture(scope="session", autouse=True)
def _seeded_factories() -> None:
    factory.random.reseed_random(20261125)


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    """scrypt costs ~50 ms a hash by design; tests create hundreds of accounts."""
    saved = user_service.PASSWORD_METHOD
    user_service.PASSWORD_METHOD = "pbkdf2:sha256:1000"
    yield
    user_service.PASSWORD_METHOD = saved


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with migrated_database(tmp_path_factory.mktemp("db"), "test") as url:
        yield url


@pytest.fixture(scope="session", autouse=True)
def _report_database(record_testsuite_property) -> None:  # type: ignore[no-untyped-def]
    """Written into the JUnit report, so CI can prove which database the suite ran on."""
    record_testsuite_property("database", backend_name())


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.rollback()


@pytest.fixture
def db(connection: Connection) -> Database:
    return Database.bound_to(connection)


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    """The test's session; the model factories (tests.helpers.factories) write through it."""
    with db.sessions() as session, bound_session(session):
        yield session


@pytest.fixture
def app(db: Database, database_url: str, tmp_path: Path) -> Flask:
    return create_app(
        {
            "POLYADMIN_ENV": "test",
            "DATABASE": db,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "clé-de-test",
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
    )


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)
