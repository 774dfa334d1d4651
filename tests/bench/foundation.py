"""Foundation benchmark: service throughput, journal verification and reads. Figures, not pass/fail.

Run with `make bench`; set POLYADMIN_TEST_DATABASE_URL to measure on PostgreSQL instead of SQLite.
"""

from __future__ import annotations

import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import factory.random

from polyadmin.domain.roles import Actor, Role
from polyadmin.journal.reader import JournalFilter, read_journal
from polyadmin.journal.verify import verify_stream
from polyadmin.journal.writer import sandbox_stream
from polyadmin.services import users as user_service
from polyadmin.services.clients import create_client, find_clients, update_client
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.database import Database
from tests.helpers.databases import backend_name, migrated_database
from tests.helpers.factories import PersonClientData

CLIENTS = 2000


def timed(label: str, count: int, unit: str, action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    elapsed = time.perf_counter() - started
    print(f"  {label:<52} {count:>6} {unit} in {elapsed:7.3f} s  → {count / elapsed:9.0f} {unit}/s")
    return elapsed


def main() -> None:
    factory.random.reseed_random(1)
    user_service.PASSWORD_METHOD = "pbkdf2:sha256:1000"
    print(f"polyadmin foundation benchmark on {backend_name()}")
    with tempfile.TemporaryDirectory() as tmp, migrated_database(Path(tmp), "bench") as url:
        db = Database.from_url(url)
        with db.sessions() as session:
            trainer = user_service.actor_of(
                user_service.create_user(
                    session,
                    Actor.system(),
                    {"username": "formatrice", "role": Role.TRAINER.value, "password": "motdepasse-bench"},
                )
            )
            candidate = user_service.actor_of(
                user_service.create_user(
                    session,
                    Actor.system(),
                    {"username": "candidat1", "role": Role.CANDIDATE.value, "password": "motdepasse-bench"},
                )
            )
            sandbox_id = (
                create_exam_session(session, trainer, {"name": "Bench", "candidates": ["candidat1"]}).sandboxes[0].id
            )
            payloads = [PersonClientData() for _ in range(CLIENTS)]
            ids: list[int] = []

            def create_all() -> None:
                ids.extend(create_client(session, candidate, sandbox_id, payload).id for payload in payloads)

            timed("client.create (validate + write + journal, 1 tx each)", CLIENTS, "actions", create_all)
            timed(
                "client.update (diff + journal, 1 tx each)",
                500,
                "actions",
                lambda: [
                    update_client(session, candidate, sandbox_id, client_id, {"profession": "Artisan"})
                    for client_id in ids[:500]
                ],
            )
            entries = CLIENTS + 500 + 1
            timed(
                "journal verify (recompute every HMAC-SHA256 seal)",
                entries,
                "entries",
                lambda: verify_stream(session, sandbox_stream(sandbox_id)),
            )
            timed(
                "journal page of 50 with a code filter",
                200,
                "reads",
                lambda: [
                    read_journal(session, sandbox_id, JournalFilter(code="C2A.1"), page, 50) for page in range(1, 201)
                ],
            )
            timed(
                f"client search among {CLIENTS} (name prefix, page 1)",
                200,
                "searches",
                lambda: [find_clients(session, candidate, sandbox_id, text) for text in ["ma", "du", "le", "ro"] * 50],
            )
        db.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak resident memory: {peak:.0f} MiB")
