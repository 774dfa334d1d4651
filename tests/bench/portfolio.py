"""Portfolio benchmark: seeding the 10,000-client scenario, an exam session of 20 candidates, client
search at 10,000 clients, peak memory. Figures, not pass/fail.

Targets (issue #4): seeding charge-10000.yaml on SQLite under 60 s and under 3× a plain SQLAlchemy
Core bulk insert of the same rows; a 20-candidate session on examen-souscription.yaml under 30 s;
client search under 100 ms server time at 10,000 clients. Run with `make bench`; set
POLYADMIN_TEST_DATABASE_URL to measure on PostgreSQL instead of SQLite.
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select

from polyadmin.config import default_scenarios_path
from polyadmin.domain.roles import Actor, Role
from polyadmin.seeding.generate import generate_portfolio
from polyadmin.seeding.portfolio import TABLE_ORDER, Portfolio
from polyadmin.services import users as user_service
from polyadmin.services.analysis import analyse_request
from polyadmin.services.casework import workspace
from polyadmin.services.catalogue import rebuild_catalogue
from polyadmin.services.clients import _search_name, find_clients
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.seeding import (
    GENERATION_STEP,
    NATURAL_KEYS,
    POSITIONAL_KEYS,
    SHAPES,
    load_canonical,
    seed_sandbox,
)
from polyadmin.services.users import actor_of
from polyadmin.store.database import Database
from polyadmin.store.models import Client
from polyadmin.store.portfolio import SubscriptionRequest
from tests.helpers.databases import backend_name, migrated_database

SCENARIOS = default_scenarios_path()
LOAD_SCENARIO = SCENARIOS / "charge-10000.yaml"
EXAM_SCENARIO = SCENARIOS / "examen-souscription.yaml"
EXAM_CANDIDATES = 20
SEARCHES = ["mar", "dupont", "lef", "CL-0042", "CL-009999", "75011", "69", "AB-1", "gmail", "e"]


def _user(session: Any, username: str, role: Role) -> Actor:
    user = user_service.create_user(
        session, Actor.system(), {"username": username, "role": role.value, "password": "motdepasse-bench"}
    )
    return user_service.actor_of(user)


def plain_core_insert(
    engine: Engine, sandbox_id: int, snapshot_id: int, portfolio: Portfolio, *, returning: bool
) -> None:
    """The reference: the same rows, natural keys mapped to ids, one Core executemany per table, one
    transaction — no validation, no generation, no checks, no sequences, no journal. The ids of a
    referenced table come from `INSERT … RETURNING id` in parameter order (`returning`), or from one
    SELECT after the table as the service does."""
    ids: dict[str, dict[Any, int]] = {}
    with engine.begin() as connection:
        for name in TABLE_ORDER:
            shape = SHAPES[name]
            parameters = []
            for row in portfolio.rows[name]:
                values = {key: value for key, value in row.items() if not (key == "key" and name in POSITIONAL_KEYS)}
                for column, (field, target) in shape.references.items():
                    natural = values.pop(field)
                    values[column] = None if natural is None else ids[target][natural]
                values["sandbox_id"] = sandbox_id
                if shape.has_seeded:
                    values["seeded"] = True
                if name == "clients":
                    values["version"] = 1
                    values["search_name"] = _search_name(values)
                if name == "contracts":
                    values["snapshot_id"] = snapshot_id
                parameters.append(values)
            if not parameters:
                continue
            natural_key = NATURAL_KEYS.get(name)
            table = shape.table
            if natural_key is None:
                connection.execute(insert(table), parameters)
                continue
            if returning:
                statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
                new_ids = connection.execute(statement, parameters).scalars().all()
            else:
                connection.execute(insert(table), parameters)
                query = select(table.c.id).where(table.c.sandbox_id == sandbox_id).order_by(table.c.id)
                new_ids = connection.execute(query).scalars().all()
            keys = [row[natural_key] for row in portfolio.rows[name]]
            ids[name] = dict(zip(keys, new_ids, strict=True))


def _time_request_analysis(session: Any, exam: Any) -> None:
    """The request workspace (analysis, score, documents, casework) with the exam sandboxes and the
    10,000-client portfolio in the same tables: each planted request of one candidate, 5 times."""
    box = exam.sandboxes[0]
    candidate = actor_of(box.candidate)
    requests = (
        session.execute(select(SubscriptionRequest.id).where(SubscriptionRequest.sandbox_id == box.id)).scalars().all()
    )
    analyses: list[float] = []
    pages: list[float] = []
    for _ in range(5):
        for request_id in requests:
            started = time.perf_counter()
            analyse_request(session, candidate, box.id, request_id)
            analyses.append(time.perf_counter() - started)
            started = time.perf_counter()
            workspace(session, candidate, box.id, request_id)
            pages.append(time.perf_counter() - started)
    clients = session.execute(select(func.count()).select_from(Client)).scalar_one()
    print(
        f"  request analysis ({len(requests)} planted requests × 5, {clients} clients in the tables): "
        f"median {statistics.median(analyses) * 1000:.1f} ms, worst {max(analyses) * 1000:.1f} ms; "
        f"whole workspace median {statistics.median(pages) * 1000:.1f} ms, worst {max(pages) * 1000:.1f} ms"
        "   (target < 50 ms)"
    )


def _time_exam_session(session: Any, trainer: Actor) -> Any:
    started = time.perf_counter()
    exam = create_exam_session(
        session,
        trainer,
        {
            "name": "Examen",
            "scenario": EXAM_SCENARIO.stem,
            "candidates": [f"candidat{number}" for number in range(1, EXAM_CANDIDATES + 1)],
        },
        SCENARIOS,
    )
    elapsed = time.perf_counter() - started
    print(
        f"  exam session on {EXAM_SCENARIO.name}, {len(exam.sandboxes)} candidate sandboxes seeded alike: "
        f"{elapsed:6.2f} s   (target < 30 s)"
    )
    return exam


def main() -> None:
    user_service.PASSWORD_METHOD = "pbkdf2:sha256:1000"
    print(f"polyadmin portfolio benchmark on {backend_name()}")
    with tempfile.TemporaryDirectory() as tmp, migrated_database(Path(tmp), "bench_portfolio") as url:
        db = Database.from_url(url)
        assert db.engine is not None
        with db.sessions() as session:
            trainer = _user(session, "formatrice", Role.TRAINER)
            loaded_candidate = _user(session, "charge", Role.CANDIDATE)
            _user(session, "brut", Role.CANDIDATE)
            _user(session, "brut2", Role.CANDIDATE)
            for number in range(1, EXAM_CANDIDATES + 1):
                _user(session, f"candidat{number}", Role.CANDIDATE)
            exam = create_exam_session(session, trainer, {"name": "Charge", "candidates": ["charge", "brut", "brut2"]})
            seeded_box, raw_box, returning_box = (box.id for box in exam.sandboxes)
            snapshot = exam.catalogue_snapshot
            assert snapshot is not None

            # 1. seed_sandbox on the 10,000-client scenario: validate, generate, write, journal.
            marks: list[float] = []
            started = time.perf_counter()
            record = seed_sandbox(
                session,
                trainer,
                seeded_box,
                LOAD_SCENARIO,
                progress=lambda step, _done, _total: step != GENERATION_STEP and marks.append(time.perf_counter()),
            )
            seeding_time = time.perf_counter() - started
            counts = record.counts
            rows = sum(counts.values())
            preparing = marks[0] - started  # the writer reports (clients, 0, total) before its first insert
            print(
                f"  seed {LOAD_SCENARIO.name}: {counts['clients']} clients, {counts['contracts']} contracts, "
                f"{counts['instalments']} instalments, {rows} rows in all"
            )
            print(f"    seed_sandbox (validate + generate + write + journal) {seeding_time:7.2f} s   (target < 60 s)")
            print(f"      of which validation + generation before the first insert {preparing:7.2f} s")
            print(f"      of which writing (bulk inserts, sequences, journal)        {seeding_time - preparing:7.2f} s")

            # 2. The reference: a plain Core bulk insert of the same rows into fresh sandboxes.
            catalogue = rebuild_catalogue(session, snapshot)
            portfolio = generate_portfolio(load_canonical(LOAD_SCENARIO, catalogue).scenario, catalogue, record.seed)
            session.commit()
            started = time.perf_counter()
            plain_core_insert(db.engine, raw_box, snapshot.id, portfolio, returning=False)
            raw_time = time.perf_counter() - started
            started = time.perf_counter()
            plain_core_insert(db.engine, returning_box, snapshot.id, portfolio, returning=True)
            returning_time = time.perf_counter() - started
            print(f"    plain Core bulk insert of the same rows (ids read back)   {raw_time:7.2f} s")
            print(f"    the same with INSERT … RETURNING id in parameter order    {returning_time:7.2f} s")
            print(f"    ratio seed_sandbox / plain insert {seeding_time / raw_time:5.2f}×   (aim < 3×)")
            print(f"    ratio writing only / plain insert {(seeding_time - preparing) / raw_time:5.2f}×")
            print(f"    peak resident memory so far: {_peak_mib():.0f} MiB (the generated portfolio is held in memory)")

            # 3. Client search among 10,000 clients (the client list's query, page 1 of 25).
            durations: list[float] = []
            for _ in range(5):
                for text in SEARCHES:
                    started = time.perf_counter()
                    find_clients(session, loaded_candidate, seeded_box, text)
                    durations.append(time.perf_counter() - started)
            last_page = -(-counts["clients"] // 25)
            started = time.perf_counter()
            find_clients(session, loaded_candidate, seeded_box, "", page=last_page)
            deep = time.perf_counter() - started
            print(
                f"  client search among {counts['clients']} clients ({len(durations)} searches): "
                f"median {statistics.median(durations) * 1000:.1f} ms, worst {max(durations) * 1000:.1f} ms, "
                f"last page {deep * 1000:.1f} ms   (target < 100 ms)"
            )
            session.commit()

            # 4. An exam session of 20 candidates on the exam scenario, every sandbox seeded alike.
            if EXAM_SCENARIO.is_file():
                exam_session = _time_exam_session(session, trainer)
                session.commit()
                # 5. The request workspace with every portfolio of the database in its tables.
                _time_request_analysis(session, exam_session)
            else:
                print(f"  {EXAM_SCENARIO} absent: exam session not measured")
        db.dispose()
    print(f"  peak resident memory of the benchmark process: {_peak_mib():.0f} MiB")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
