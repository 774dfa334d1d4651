"""Concurrent writers in one sandbox get distinct numbers and an unbroken journal chain."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from polyadmin.domain.roles import Actor, Role
from polyadmin.journal.checkpoints import latest_checkpoint, use_checkpoint_file
from polyadmin.journal.verify import verify_stream
from polyadmin.journal.writer import sandbox_stream
from polyadmin.services.clients import create_client
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.users import actor_of, create_user
from polyadmin.store.database import Database
from tests.helpers.databases import migrated_database
from tests.helpers.factories import PersonClientData

WORKERS, PER_WORKER = 6, 5


def test_parallel_client_creation_keeps_numbers_unique_and_the_chain_intact(tmp_path):
    with migrated_database(tmp_path, "concurrency") as url:
        db = Database.from_url(url)
        try:
            with db.sessions() as session:
                users = {
                    name: actor_of(
                        create_user(
                            session,
                            Actor.system(),
                            {"username": name, "role": role.value, "password": "motdepasse-de-test"},
                        )
                    )
                    for name, role in (("formatrice", Role.TRAINER), ("candidat1", Role.CANDIDATE))
                }
                exam = create_exam_session(
                    session, users["formatrice"], {"name": "Charge", "candidates": ["candidat1"]}
                )
                sandbox_id = exam.sandboxes[0].id
            payloads = [PersonClientData() for _ in range(WORKERS * PER_WORKER)]

            def work(worker: int) -> list[str]:
                numbers = []
                with db.sessions() as session:
                    for payload in payloads[worker * PER_WORKER : (worker + 1) * PER_WORKER]:
                        numbers.append(create_client(session, users["candidat1"], sandbox_id, payload).number)
                return numbers

            checkpoints = tmp_path / "journal-checkpoints.jsonl"
            use_checkpoint_file(checkpoints)  # every commit appends its head, from every thread
            with ThreadPoolExecutor(WORKERS) as pool:
                numbers = [number for chunk in pool.map(work, range(WORKERS)) for number in chunk]
            assert sorted(numbers) == [f"CL-{n:06d}" for n in range(1, WORKERS * PER_WORKER + 1)]
            kept = latest_checkpoint(checkpoints, sandbox_stream(sandbox_id))
            assert len(checkpoints.read_text().splitlines()) == WORKERS * PER_WORKER
            with db.sessions() as session:
                verdict = verify_stream(session, sandbox_stream(sandbox_id), checkpoint=kept)
            assert verdict.as_dict() == {
                "status": "intact",
                "entries": WORKERS * PER_WORKER + 1,
                "checkpoint_seq": WORKERS * PER_WORKER + 1,
            }
        finally:
            use_checkpoint_file(None)
            db.dispose()
