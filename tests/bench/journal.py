"""Journal verification speed with the keyed seal (issue 9 asks for 50,000 entries a second or more).

Writes one sandbox stream of ENTRIES realistic entries (a client's creation: its whole input and
outcome), sealed exactly as the writer seals them but inserted in bulk, then times
`verify_stream` over it. Run alone with `python -m tests.bench.journal` (POLYADMIN_ENV=test; set
POLYADMIN_TEST_DATABASE_URL to measure on PostgreSQL); `make bench` runs it with the others.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from polyadmin.domain.roles import Actor, Role
from polyadmin.journal.canonical import GENESIS_HASH, entry_seal, to_json_value
from polyadmin.journal.keys import active_keyring
from polyadmin.journal.verify import verify_stream
from polyadmin.journal.writer import sandbox_stream
from polyadmin.services import users as user_service
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.database import Database
from polyadmin.store.models import JournalEntry, JournalHead
from tests.helpers.databases import backend_name, migrated_database

ENTRIES = 100_000
TARGET = 50_000  # entries a second


def client_entry(stream: str, sandbox_id: int, actor_id: int, seq: int, prev: str, key_id: str) -> dict[str, Any]:
    return {
        "stream": stream,
        "seq": seq,
        "sandbox_id": sandbox_id,
        "actor_id": actor_id,
        "actor_username": "candidat1",
        "actor_role": "candidate",
        "sandbox_date": date(2026, 3, 2) + timedelta(days=seq // 200),
        "recorded_at": datetime(2026, 3, 2, 8, tzinfo=UTC) + timedelta(seconds=seq, microseconds=seq * 7 % 1000),
        "action": "client.create",
        "codes": ["C1.8", "C2A.1"],
        "record_type": "client",
        "record_id": str(seq),
        "input": {
            "kind": "person", "civility": "Mme", "last_name": f"Lefèvre-{seq}", "first_name": "Élodie",
            "birth_date": "1984-05-17", "address": "12 rue des Lilas", "postcode": "44000", "city": "Nantes",
            "email": f"elodie.{seq}@example.fr", "phone": "0612345678", "profession": "Infirmière",
            "gdpr_consent": True, "contact_preference": "email",
        },
        "outcome": {"client_id": seq, "number": f"CL-{seq:06d}", "version": 1},
        "prev_hash": prev,
        "key_id": key_id,
    }  # fmt: skip


def main() -> None:
    user_service.PASSWORD_METHOD = "pbkdf2:sha256:1000"
    keyring = active_keyring()
    print(f"polyadmin journal verification benchmark on {backend_name()} (keyed seal, HMAC-SHA256)")
    with tempfile.TemporaryDirectory() as tmp, migrated_database(Path(tmp), "bench_journal") as url:
        db = Database.from_url(url)
        with db.sessions() as session:
            trainer = user_service.create_user(
                session, Actor.system(), {"username": "formatrice", "role": Role.TRAINER.value, "password": "x" * 12}
            )
            candidate = user_service.create_user(
                session, Actor.system(), {"username": "candidat1", "role": Role.CANDIDATE.value, "password": "x" * 12}
            )
            exam = create_exam_session(
                session, user_service.actor_of(trainer), {"name": "Bench", "candidates": ["candidat1"]}
            )
            sandbox_id = exam.sandboxes[0].id
            stream = sandbox_stream(sandbox_id)
            head = session.get(JournalHead, stream)
            assert head is not None
            prev, rows = head.last_hash, []
            started = time.perf_counter()
            for seq in range(head.last_seq + 1, head.last_seq + 1 + ENTRIES):
                fields = client_entry(stream, sandbox_id, candidate.id, seq, prev, keyring.current_id)
                seal = entry_seal(fields, keyring.current)
                rows.append({**fields, "input": to_json_value(fields["input"]), "hash": seal})
                prev = seal
            for start in range(0, len(rows), 5000):
                session.execute(insert(JournalEntry), rows[start : start + 5000])
            head.last_seq, head.last_hash = rows[-1]["seq"], prev
            session.commit()
            # Table statistics, as autovacuum (PostgreSQL) would gather them soon after a bulk load.
            session.execute(text("ANALYZE journal_entries"))
            session.commit()
            assert prev != GENESIS_HASH
            print(f"  {ENTRIES} entries sealed and inserted in {time.perf_counter() - started:.1f} s")
            best = best_cpu = 0.0
            for attempt in range(3):
                started, cpu_started = time.perf_counter(), time.process_time()
                verdict = verify_stream(session, stream)
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
                session.rollback()
                assert verdict.intact and verdict.entries == ENTRIES + 1, verdict
                rate, cpu_rate = verdict.entries / elapsed, verdict.entries / cpu
                best, best_cpu = max(best, rate), max(best_cpu, cpu_rate)
                print(
                    f"  journal verify, run {attempt + 1}: {verdict.entries} entries in {elapsed:6.3f} s"
                    f"  → {rate:9.0f} entries/s ({cpu_rate:.0f} per second of this process's CPU)"
                )
            verdict_text = "OK" if best >= TARGET else f"below the {TARGET} entries/s target on this machine now"
            print(f"  best: {best:.0f} entries/s, {best_cpu:.0f} per CPU second ({verdict_text})")
        db.dispose()


if __name__ == "__main__":
    main()
