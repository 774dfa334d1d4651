"""Fixtures: one migrated database per run, one rolled-back transaction per test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import factory.random
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from polyadmin.app import create_app
from polyadmin.domain.roles import Actor, Role
from polyadmin.services import users as user_service
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.users import actor_of, create_user
from polyadmin.store.database import Database, make_engine
from tests.databases import backend_name, migrated_database

PASSWORD = "motdepasse-de-test"


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
    with db.sessions() as session:
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


@dataclass
class World:
    """Two trainers' sessions, assigned and unassigned evaluators, three candidates, an admin."""

    admin: Actor
    trainer: Actor
    other_trainer: Actor
    evaluator: Actor
    other_evaluator: Actor
    candidate: Actor
    classmate: Actor
    stranger: Actor
    exam_session_id: int
    other_exam_session_id: int
    sandbox_id: int
    classmate_sandbox_id: int
    stranger_sandbox_id: int

    def actor(self, name: str) -> Actor:
        value = getattr(self, name)
        assert isinstance(value, Actor)
        return value


START = date(2026, 3, 2)


def add_user(session: Session, username: str, role: Role) -> Actor:
    user = create_user(
        session,
        Actor.system(),
        {
            "username": username,
            "role": role.value,
            "display_name": username.capitalize(),
            "password": PASSWORD,
        },
    )
    return actor_of(user)


@pytest.fixture
def world(session: Session) -> World:
    admin = add_user(session, "admin", Role.ADMIN)
    trainer = add_user(session, "formatrice", Role.TRAINER)
    other_trainer = add_user(session, "formateur2", Role.TRAINER)
    evaluator = add_user(session, "evaluateur", Role.EVALUATOR)
    other_evaluator = add_user(session, "evaluateur2", Role.EVALUATOR)
    candidate = add_user(session, "candidat1", Role.CANDIDATE)
    classmate = add_user(session, "candidat2", Role.CANDIDATE)
    stranger = add_user(session, "candidat3", Role.CANDIDATE)
    exam = create_exam_session(
        session,
        trainer,
        {
            "name": "Session de mars",
            "starts_on": START.isoformat(),
            "candidates": ["candidat1", "candidat2"],
            "evaluators": ["evaluateur"],
        },
    )
    other = create_exam_session(
        session,
        other_trainer,
        {
            "name": "Autre session",
            "starts_on": START.isoformat(),
            "candidates": ["candidat3"],
            "evaluators": ["evaluateur2"],
        },
    )
    boxes = {box.candidate.username: box.id for box in exam.sandboxes + other.sandboxes}
    return World(
        admin=admin,
        trainer=trainer,
        other_trainer=other_trainer,
        evaluator=evaluator,
        other_evaluator=other_evaluator,
        candidate=candidate,
        classmate=classmate,
        stranger=stranger,
        exam_session_id=exam.id,
        other_exam_session_id=other.id,
        sandbox_id=boxes["candidat1"],
        classmate_sandbox_id=boxes["candidat2"],
        stranger_sandbox_id=boxes["candidat3"],
    )
