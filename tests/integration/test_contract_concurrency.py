"""Two issues of one quote at the same time give one set of contracts (the quote version is locked; on
PostgreSQL with SELECT … FOR UPDATE, SQLite serialises its writers)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from polyadmin.domain.errors import Conflict
from polyadmin.domain.roles import Actor, Role
from polyadmin.services.clients import create_client
from polyadmin.services.contracts import issue_contracts
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.users import actor_of, create_user
from polyadmin.store.database import Database
from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import Contract, Instalment
from tests.helpers.databases import migrated_database
from tests.helpers.factories import PersonClientData, bound_session
from tests.helpers.quotes import LineSpec, accept, make_quote

DEBIT = {"payment_method": "prelevement", "iban": "FR7630006000011234567890189", "bic": "AGRIFRPP"}
WORKERS = 4


def test_concurrent_issues_of_one_quote_give_one_set_of_contracts(tmp_path):
    with migrated_database(tmp_path, "issue_race") as url:
        db = Database.from_url(url)
        try:
            with db.sessions() as session, bound_session(session):
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
                    session, users["formatrice"], {"name": "Course", "candidates": ["candidat1"]}
                )
                box = exam.sandboxes[0]
                client = create_client(session, users["candidat1"], box.id, PersonClientData())
                quote = make_quote(
                    session, users["candidat1"], box.id, client.id, lines=(LineSpec(), LineSpec(formula="tiers_plus"))
                )
                from polyadmin.store.offers import QuoteVersion

                version = session.execute(select(QuoteVersion).where(QuoteVersion.quote_id == quote.id)).scalar_one()
                accept(session, version, box.business_date)
                sandbox_id, quote_id = box.id, quote.id
            start = threading.Barrier(WORKERS)

            def work(worker: int) -> str:
                with db.sessions() as session:
                    start.wait()
                    try:
                        issued = issue_contracts(
                            session, users["candidat1"], sandbox_id, quote_id, DEBIT, key=f"poste-{worker}"
                        )
                    except Conflict:
                        return "conflict"
                    return ",".join(contract.number for contract in issued.contracts)

            with ThreadPoolExecutor(WORKERS) as pool:
                outcomes = sorted(pool.map(work, range(WORKERS)))
            assert outcomes == ["CT-000001,CT-000002"] + ["conflict"] * (WORKERS - 1)
            with db.sessions() as session:
                assert session.execute(select(func.count()).select_from(Contract)).scalar_one() == 2
                assert session.execute(select(func.count()).select_from(Instalment)).scalar_one() == 24
                issued_entries = session.execute(
                    select(func.count()).select_from(JournalEntry).where(JournalEntry.action == "contract.issue")
                ).scalar_one()
                assert issued_entries == 1
        finally:
            db.dispose()
