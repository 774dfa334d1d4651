"""Replay speed (issue 12 §2): the state at a step of a 1,000-action sandbox in under 2 s, and the
live/replay digest check of a whole 30-candidate session in under 60 s.

Seeds an examen-souscription session, makes one candidate work 1,000 client corrections through the
service (each one journaled with its record changes), times `state_at` at the middle and last steps,
then seeds a 30-candidate session, gives each candidate a few actions, and times `session_integrity`.
Also reports what the baseline capture adds to a seeding. Run alone with
`python -m tests.bench.replay` (POLYADMIN_ENV=test; POLYADMIN_TEST_DATABASE_URL for PostgreSQL).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from polyadmin.domain.roles import Actor, Role
from polyadmin.journal import changes
from polyadmin.services import replay
from polyadmin.services import users as user_service
from polyadmin.services.clients import update_client
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.database import Database
from polyadmin.store.models import Client
from polyadmin.store.replay import ReplayBaseline
from tests.helpers.databases import backend_name, migrated_database

ACTIONS = 1_000
CANDIDATES = 30
STEP_TARGET = 2.0  # seconds
SESSION_TARGET = 60.0


def _accounts(session, candidates: int) -> tuple[Actor, list[Actor]]:  # type: ignore[no-untyped-def]
    def make(name: str, role: Role) -> Actor:
        user = user_service.create_user(
            session, Actor.system(), {"username": name, "role": role.value, "password": "x" * 12}
        )
        return user_service.actor_of(user)

    trainer = make("formatrice", Role.TRAINER)
    return trainer, [make(f"candidat{n}", Role.CANDIDATE) for n in range(1, candidates + 1)]


def main() -> None:
    user_service.PASSWORD_METHOD = "pbkdf2:sha256:1000"
    print(f"polyadmin replay benchmark on {backend_name()}")
    with tempfile.TemporaryDirectory() as tmp, migrated_database(Path(tmp), "bench_replay") as url:
        db = Database.from_url(url)
        with db.sessions() as session:
            trainer, candidates = _accounts(session, CANDIDATES)
            started = time.perf_counter()
            exam = create_exam_session(
                session,
                trainer,
                {
                    "name": "Rejeu",
                    "candidates": [c.username for c in candidates[:1]],
                    "scenario": "examen-souscription",
                },
            )
            box = exam.sandboxes[0]
            print(f"  seeding one sandbox (with its baseline): {time.perf_counter() - started:.2f} s")
            stored = session.execute(select(ReplayBaseline)).scalars().first()
            assert stored is not None
            print(f"  stored baseline: {stored.rows} rows, {len(stored.state) / 1024:.0f} KiB compressed")
            started = time.perf_counter()
            state = changes.live_state(session, box.id)
            print(f"  baseline capture alone ({sum(len(r) for r in state.values())} rows): "
                  f"{time.perf_counter() - started:.2f} s")  # fmt: skip
            clients = list(
                session.execute(select(Client).where(Client.sandbox_id == box.id, Client.kind == "person")).scalars()
            )
            started = time.perf_counter()
            for n in range(ACTIONS):
                client = clients[n % len(clients)]
                update_client(session, candidates[0], box.id, client.id, {"profession": f"Métier {n}"}, client.version)
            print(f"  {ACTIONS} journaled client updates: {time.perf_counter() - started:.1f} s")
            last = replay.compare_live(session, trainer, box.id).last_seq
            for seq in (last // 2, last):
                started = time.perf_counter()
                step = replay.state_at(session, trainer, box.id, seq)
                elapsed = time.perf_counter() - started
                verdict = "OK" if elapsed < STEP_TARGET else "TOO SLOW"
                print(f"  state at step {seq}/{last} ({len(step.changes)} changes): {elapsed:.2f} s "
                      f"(target < {STEP_TARGET:.0f} s) {verdict}")  # fmt: skip
            started = time.perf_counter()
            big = create_exam_session(
                session,
                trainer,
                {"name": "Session", "candidates": [c.username for c in candidates], "scenario": "examen-souscription"},
            )
            print(f"  seeding a {CANDIDATES}-candidate session: {time.perf_counter() - started:.1f} s")
            for sandbox, candidate in zip(big.sandboxes, candidates, strict=True):
                client = session.execute(
                    select(Client).where(Client.sandbox_id == sandbox.id, Client.kind == "person").limit(1)
                ).scalar_one()
                for n in range(5):
                    client = update_client(
                        session, candidate, sandbox.id, client.id, {"profession": f"P{n}"}, client.version
                    )
            started = time.perf_counter()
            checked = replay.session_integrity(session, trainer, big.id)
            elapsed = time.perf_counter() - started
            divergent = sum(1 for item in checked if not item.ok)
            verdict = "OK" if elapsed < SESSION_TARGET and not divergent else "TOO SLOW or DIVERGENT"
            print(f"  digest check of {len(checked)} sandboxes: {elapsed:.1f} s, {divergent} divergent "
                  f"(target < {SESSION_TARGET:.0f} s) {verdict}")  # fmt: skip
        db.dispose()


if __name__ == "__main__":
    main()
