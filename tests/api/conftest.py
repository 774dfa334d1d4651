"""API fixtures: bearer tokens per username, the JSON client (tests.helpers.api), a client record to act upon."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import factory.random
import faker.generator
import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from polyadmin.services.clients import create_client
from polyadmin.services.clock import wall_now
from polyadmin.services.users import token_digest
from polyadmin.store.models import ApiToken, JournalEntry, User
from tests.helpers.accounts import World
from tests.helpers.api import JsonClient
from tests.helpers.factories import PersonClientData


@pytest.fixture(autouse=True)
def _isolated_random_data() -> Iterator[None]:
    """Each API test draws the same fake data whatever ran before, and leaves the stream as it found it
    (other suites' tests assume their own draws)."""
    saved = (factory.random.randgen.getstate(), faker.generator.random.getstate())
    factory.random.reseed_random(20261125)
    yield
    factory.random.randgen.setstate(saved[0])
    faker.generator.random.setstate(saved[1])


@pytest.fixture
def token_for(session: Session, world: World) -> Callable[[str], str]:
    """A valid bearer token for a username (stored as the service stores it: only its digest)."""
    issued: dict[str, str] = {}

    def make(username: str) -> str:
        if username not in issued:
            user_id = session.execute(select(User.id).where(User.username == username)).scalar_one()
            token = secrets.token_urlsafe(24)
            now = wall_now()
            session.add(
                ApiToken(
                    user_id=user_id, token_hash=token_digest(token), created_at=now, expires_at=now + timedelta(hours=1)
                )
            )
            session.commit()
            issued[username] = token
        return issued[username]

    return make


@pytest.fixture
def api(client: FlaskClient, token_for: Callable[[str], str]) -> JsonClient:
    return JsonClient(client, token_for)


@pytest.fixture
def journal_count(session: Session) -> Callable[..., int]:
    """How many journal entries exist (optionally of one action): proves what a request wrote."""

    def count(action: str | None = None) -> int:
        query = select(func.count()).select_from(JournalEntry)
        if action is not None:
            query = query.where(JournalEntry.action == action)
        return session.execute(query).scalar_one()

    return count


@pytest.fixture
def last_entry(session: Session) -> Callable[[str], JournalEntry]:
    def find(action: str) -> JournalEntry:
        session.expire_all()
        return session.execute(
            select(JournalEntry).where(JournalEntry.action == action).order_by(JournalEntry.id.desc()).limit(1)
        ).scalar_one()

    return find


@pytest.fixture
def client_record(session: Session, world: World) -> dict[str, Any]:
    """A person in candidat1's sandbox, created through the service like any other."""
    data = PersonClientData(last_name="Dupont", first_name="Élodie", city="Nantes", postcode="44000")
    record = create_client(session, world.candidate, world.sandbox_id, data)
    return {"id": record.id, "number": record.number, "version": record.version, "data": data}
