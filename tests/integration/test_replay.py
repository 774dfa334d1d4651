"""Rejeu: a sandbox at any step of its journal, rebuilt from its seeded state and the record changes,
never from the live tables; equal to them at the last step (on SQLite and, with
POLYADMIN_TEST_DATABASE_URL, on PostgreSQL: the same tests)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from polyadmin.domain.errors import Forbidden, NotFound
from polyadmin.services import casework, replay
from polyadmin.services.clients import update_client
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.sandboxes import move_clock
from polyadmin.services.seeding import reset_sandbox
from polyadmin.store.models import Client, JournalEntry
from polyadmin.store.portfolio import SubscriptionRequest, SupportingDocument


@pytest.fixture
def box(session, world):
    exam = create_exam_session(
        session,
        world.trainer,
        {
            "name": "Examen rejoué",
            "candidates": ["candidat1", "candidat2"],
            "evaluators": ["evaluateur"],
            "scenario": "examen-souscription",
        },
    )
    return exam, {b.candidate.username: b for b in exam.sandboxes}


def planted(session, box_id, code):
    return session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.sandbox_id == box_id, SubscriptionRequest.case_code == code
        )
    ).scalar_one()


def last_seq(session, box_id):
    return max(session.execute(select(JournalEntry.seq).where(JournalEntry.sandbox_id == box_id)).scalars())


def work_the_certificate_case(session, world, box_id):
    """Check, correct (the risk datum), request documents, then the clock moves: four kinds of change."""
    request = planted(session, box_id, "exa-6-auto-certificat-incoherent")
    certificate = session.execute(
        select(SupportingDocument).where(
            SupportingDocument.request_id == request.id, SupportingDocument.kind == "certificat_immatriculation"
        )
    ).scalar_one()
    casework.check_document(
        session,
        world.candidate,
        box_id,
        request.id,
        {"document_id": certificate.id, "verdict": "non_conforme", "reason": "Mise en circulation 2017."},
    )
    casework.correct_declared(
        session,
        world.candidate,
        box_id,
        request.id,
        {"field": "first_registration_date", "value": "2017-05-12", "document_id": certificate.id, "reason": "B."},
    )
    casework.request_documents(
        session,
        world.candidate,
        box_id,
        request.id,
        {"documents": ["certificat_immatriculation"], "deadline": "2026-03-16"},
    )
    move_clock(session, world.trainer, box_id, {"date": "2026-03-20"})
    return request


def test_a_client_correction_is_replayed_step_by_step(session, world, box):
    _exam, boxes = box
    mine = boxes["candidat1"]
    client = session.execute(
        select(Client).where(Client.sandbox_id == mine.id).order_by(Client.id).limit(1)
    ).scalar_one()
    old_city = client.city
    before = last_seq(session, mine.id)
    update_client(session, world.candidate, mine.id, client.id, {"city": "Quimper"}, expected_version=client.version)
    after = last_seq(session, mine.id)
    assert after == before + 1

    earlier = replay.state_at(session, world.evaluator, mine.id, before)
    assert earlier.state["clients"][client.id]["city"] == old_city
    step = replay.state_at(session, world.evaluator, mine.id, after)
    assert step.state["clients"][client.id]["city"] == "QUIMPER"
    assert step.state["clients"][client.id]["version"] == earlier.state["clients"][client.id]["version"] + 1
    (change,) = [c for c in step.changes if c.table == "clients"]
    assert (change.op, change.before["city"], change.after["city"]) == ("update", old_city, "QUIMPER")
    assert step.entry.action == "client.update" and step.seq == step.last_seq == after
    assert earlier.digest != step.digest

    integrity = replay.compare_live(session, world.trainer, mine.id)
    assert integrity.ok and integrity.replay_digest == integrity.live_digest == step.digest


def test_casework_journey_replays_to_the_live_state(session, world, box):
    _exam, boxes = box
    mine = boxes["candidat1"]
    seeded = last_seq(session, mine.id)
    request = work_the_certificate_case(session, world, mine.id)
    entries = list(
        session.execute(select(JournalEntry).where(JournalEntry.sandbox_id == mine.id).order_by(JournalEntry.seq))
    )
    by_action = {row[0].action: row[0].seq for row in entries}
    correction = by_action["request.correction"]
    before = replay.state_at(session, world.evaluator, mine.id, correction - 1)
    after = replay.state_at(session, world.evaluator, mine.id, correction)
    vehicle_id = request.vehicle_id
    assert before.state["vehicles"][vehicle_id]["first_registration"] == "2019-05-12"
    assert after.state["vehicles"][vehicle_id]["first_registration"] == "2017-05-12"
    # The document check exists from its own step on, not before.
    check_seq = by_action["request.document_check"]
    assert "document_checks" not in replay.state_at(session, world.evaluator, mine.id, check_seq - 1).state
    assert len(replay.state_at(session, world.evaluator, mine.id, check_seq).state["document_checks"]) == 1
    # The clock move carries the business date and what it delivered after its entry.
    clock = replay.state_at(session, world.evaluator, mine.id, by_action["sandbox.clock.move"])
    assert clock.state["sandboxes"][mine.id]["business_date"] == "2026-03-20"
    # The seeding step shows the seeded records as its changes.
    seeding = replay.state_at(session, world.evaluator, mine.id, seeded)
    assert seeding.entry.action == "sandbox.seed"
    assert {c.op for c in seeding.changes} == {"insert", "update"} or {c.op for c in seeding.changes} == {"insert"}
    assert any(c.table == "subscription_requests" for c in seeding.changes)

    integrity = replay.compare_live(session, world.evaluator, mine.id)
    assert integrity.ok, integrity.differences
    assert [i.ok for i in replay.session_integrity(session, world.trainer, _exam.id)] == [True, True]


def test_a_reset_starts_a_new_baseline(session, world, box):
    _exam, boxes = box
    mine = boxes["candidat1"]
    work_the_certificate_case(session, world, mine.id)
    worked = replay.state_at(session, world.evaluator, mine.id, last_seq(session, mine.id))
    reset_sandbox(session, world.trainer, mine.id)
    reset = replay.state_at(session, world.evaluator, mine.id, last_seq(session, mine.id))
    assert reset.entry.action == "sandbox.reset"
    assert "document_checks" in worked.state and "document_checks" not in reset.state
    assert any(c.table == "document_checks" and c.op == "delete" for c in reset.changes)
    assert replay.compare_live(session, world.evaluator, mine.id).ok


def test_a_row_changed_behind_the_services_back_is_a_divergence(session, world, box):
    exam, boxes = box
    mine = boxes["candidat2"]
    client_id = session.execute(select(Client.id).where(Client.sandbox_id == mine.id).limit(1)).scalar_one()
    session.execute(update(Client).where(Client.id == client_id).values(city="Ailleurs"))
    integrity = replay.compare_live(session, world.evaluator, mine.id)
    assert not integrity.ok
    (difference,) = integrity.differences
    assert (difference.table, difference.row_id, difference.op) == ("clients", client_id, "update")
    assert difference.after == {"city": "Ailleurs"}
    verdicts = {i.sandbox.id: i.ok for i in replay.session_integrity(session, world.trainer, exam.id)}
    assert verdicts == {boxes["candidat1"].id: True, mine.id: False}


def test_a_candidate_cannot_replay(session, world, box):
    exam, boxes = box
    mine = boxes["candidat1"]
    seq = last_seq(session, mine.id)
    # Its candidate reads the sandbox but may not replay it; another trainer does not even see it.
    for outsider, refusal in ((world.candidate, Forbidden), (world.other_trainer, NotFound)):
        with pytest.raises(refusal):
            replay.state_at(session, outsider, mine.id, seq)
        with pytest.raises(refusal):
            replay.compare_live(session, outsider, mine.id)
        with pytest.raises(refusal):
            replay.session_integrity(session, outsider, exam.id)
    with pytest.raises(NotFound):
        replay.state_at(session, world.evaluator, mine.id, seq + 50)


def test_the_side_by_side_steps_of_one_planted_case(session, world, box):
    _exam, boxes = box
    mine, other = boxes["candidat1"], boxes["candidat2"]
    work_the_certificate_case(session, world, mine.id)
    code = "exa-6-auto-certificat-incoherent"
    left = replay.case_steps(session, world.evaluator, mine.id, code)
    right = replay.case_steps(session, world.evaluator, other.id, code)
    assert len(left.seqs) >= 3 and right.seqs == ()
    assert left.request_id == planted(session, mine.id, code).id
