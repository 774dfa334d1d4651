"""Concurrent payments on one contract never allocate one euro twice: the contract row is locked (SELECT …
FOR UPDATE on PostgreSQL after the sandbox's own lock; SQLite serialises its writers), and the same
Idempotency-Key posted at once records one payment."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from sqlalchemy import func, select

from polyadmin.domain.roles import Actor, Role
from polyadmin.services.clients import create_client
from polyadmin.services.contracts import issue_contracts
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.payments import contract_ledger, record_payment
from polyadmin.services.users import actor_of, create_user
from polyadmin.store.database import Database
from polyadmin.store.models import JournalEntry
from polyadmin.store.payments import LedgerMovement, Payment
from polyadmin.store.portfolio import Instalment
from tests.helpers.databases import migrated_database
from tests.helpers.factories import PersonClientData, bound_session
from tests.helpers.quotes import accept, make_quote

DEBIT = {"payment_method": "prelevement", "iban": "FR7630006000011234567890189", "bic": "AGRIFRPP"}
WORKERS = 4


def test_concurrent_payments_allocate_each_euro_once_and_one_key_records_once(tmp_path):
    with migrated_database(tmp_path, "payment_race") as url:
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
                quote = make_quote(session, users["candidat1"], box.id, client.id)
                from polyadmin.store.offers import QuoteVersion

                version = session.execute(select(QuoteVersion).where(QuoteVersion.quote_id == quote.id)).scalar_one()
                accept(session, version, box.business_date)
                (contract,) = issue_contracts(session, users["candidat1"], box.id, quote.id, DEBIT, key="k").contracts
                sandbox_id, contract_id = box.id, contract.id
                amounts = [
                    i.amount
                    for i in session.execute(
                        select(Instalment).where(Instalment.contract_id == contract_id).order_by(Instalment.due_date)
                    ).scalars()
                ]
            total = sum(amounts, Decimal("0.00"))
            # Each worker pays the first instalment and a bit (no two may take the same euro of it).
            each = amounts[0] + Decimal("0.01")
            start = threading.Barrier(WORKERS * 2)

            def work(worker: int) -> Decimal:
                with db.sessions() as session:
                    start.wait()
                    data = {"method": "carte", "amount": str(each)}
                    key = f"poste-{worker % WORKERS}"  # two workers post each key
                    return record_payment(
                        session, users["candidat1"], sandbox_id, contract_id, data, key
                    ).payment.amount

            with ThreadPoolExecutor(WORKERS * 2) as pool:
                outcomes = list(pool.map(work, range(WORKERS * 2)))
            assert outcomes == [each] * (WORKERS * 2)
            with db.sessions() as session:
                assert session.execute(select(func.count()).select_from(Payment)).scalar_one() == WORKERS
                entries = select(func.count()).select_from(JournalEntry).where(JournalEntry.action == "payment.record")
                assert session.execute(entries).scalar_one() == WORKERS
                ledger = contract_ledger(session, users["formatrice"], sandbox_id, contract_id)
                received = each * WORKERS
                assert ledger.received == received
                allocated = -sum((line.amount for line in ledger.lines if line.kind == "allocation"), Decimal("0.00"))
                assert allocated == min(received, total)
                assert all(i.received <= i.amount for i in ledger.instalments)  # never more than due
                assert ledger.balance == received - allocated
                assert session.execute(select(func.sum(LedgerMovement.amount))).scalar_one() == ledger.balance
        finally:
            db.dispose()
