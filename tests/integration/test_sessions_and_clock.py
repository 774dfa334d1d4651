from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from polyadmin.domain.errors import ClockMovedBackwards, Forbidden, InvalidInput, NotFound
from polyadmin.journal.verify import verify_stream
from polyadmin.journal.writer import PLATFORM_STREAM, sandbox_stream
from polyadmin.services.exam_sessions import create_exam_session, get_exam_session, list_exam_sessions
from polyadmin.services.sandboxes import get_sandbox, list_sandboxes, move_clock
from polyadmin.store.models import ExamSession, JournalEntry, Sandbox


def test_a_session_opens_one_sandbox_per_candidate_at_its_start_date(session, world):
    exam = get_exam_session(session, world.trainer, world.exam_session_id)
    assert [(box.candidate.username, box.business_date) for box in exam.sandboxes] == [
        ("candidat1", date(2026, 3, 2)),
        ("candidat2", date(2026, 3, 2)),
    ]
    assert [user.username for user in exam.evaluators] == ["evaluateur"]
    platform = (
        session.execute(
            select(JournalEntry).where(
                JournalEntry.stream == PLATFORM_STREAM, JournalEntry.action == "exam_session.create"
            )
        )
        .scalars()
        .all()
    )
    assert platform[0].actor_username == "formatrice"
    assert platform[0].outcome["sandboxes"] == [
        {"id": world.sandbox_id, "candidate": "candidat1"},
        {"id": world.classmate_sandbox_id, "candidate": "candidat2"},
    ]
    assert verify_stream(session, PLATFORM_STREAM).intact


def test_unknown_or_wrong_role_members_are_refused_and_nothing_is_written(session, world):
    before = session.execute(select(func.count()).select_from(ExamSession)).scalar_one()
    with pytest.raises(InvalidInput) as caught:
        create_exam_session(
            session,
            world.trainer,
            {
                "name": "Session B",
                "candidates": ["candidat1", "inconnu", "evaluateur"],
                "evaluators": ["candidat2"],
            },
        )
    assert caught.value.field_errors == {
        "candidates": ["Aucun candidat actif nommé « inconnu ».", "Aucun candidat actif nommé « evaluateur »."],
        "evaluators": ["Aucun évaluateur actif nommé « candidat2 »."],  # reported in the same answer
    }
    assert session.execute(select(func.count()).select_from(ExamSession)).scalar_one() == before


def test_end_before_start_is_refused_in_french(session, world):
    with pytest.raises(InvalidInput) as caught:
        create_exam_session(session, world.trainer, {"name": "S", "starts_on": "2026-05-02", "ends_on": "2026-05-01"})
    assert caught.value.field_errors == {"ends_on": ["La date de fin précède la date de début."]}


@pytest.mark.parametrize("who", ["candidate", "evaluator", "admin"])
def test_only_trainers_create_sessions(session, world, who):
    with pytest.raises(Forbidden):
        create_exam_session(session, world.actor(who), {"name": "S"})


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("candidate", ["sandbox_id"]),
        ("classmate", ["classmate_sandbox_id"]),
        ("stranger", ["stranger_sandbox_id"]),
        ("trainer", ["sandbox_id", "classmate_sandbox_id"]),
        ("other_trainer", ["stranger_sandbox_id"]),
        ("evaluator", ["sandbox_id", "classmate_sandbox_id"]),
        ("other_evaluator", ["stranger_sandbox_id"]),
        ("admin", ["sandbox_id", "classmate_sandbox_id", "stranger_sandbox_id"]),
    ],
)
def test_each_role_lists_exactly_the_sandboxes_it_may_open(session, world, who, visible):
    actor = world.actor(who)
    assert [box.id for box in list_sandboxes(session, actor)] == [getattr(world, name) for name in visible]
    for name in ("sandbox_id", "classmate_sandbox_id", "stranger_sandbox_id"):
        if name in visible:
            assert get_sandbox(session, actor, getattr(world, name))[0].id == getattr(world, name)
        else:
            with pytest.raises(NotFound):
                get_sandbox(session, actor, getattr(world, name))
    sessions = {exam.id for exam in list_exam_sessions(session, actor)}
    expected = {
        world.exam_session_id if name != "stranger_sandbox_id" else world.other_exam_session_id for name in visible
    }
    assert sessions == expected


def test_the_trainer_moves_a_sandbox_clock_forward_and_it_is_journaled(session, world):
    sandbox = move_clock(session, world.trainer, world.sandbox_id, {"date": "2026-04-15"})
    assert sandbox.business_date == date(2026, 4, 15)
    entry = (
        session.execute(
            select(JournalEntry)
            .where(JournalEntry.stream == sandbox_stream(world.sandbox_id))
            .order_by(JournalEntry.seq.desc())
        )
        .scalars()
        .first()
    )
    assert entry is not None
    assert (entry.action, entry.actor_username, entry.actor_role) == ("sandbox.clock.move", "formatrice", "trainer")
    assert (entry.sandbox_date, entry.outcome) == (date(2026, 4, 15), {"from": "2026-03-02", "to": "2026-04-15"})
    classmate = session.get(Sandbox, world.classmate_sandbox_id)
    assert classmate is not None and classmate.business_date == date(2026, 3, 2)


def test_the_clock_refuses_to_go_back(session, world):
    with pytest.raises(ClockMovedBackwards):
        move_clock(session, world.trainer, world.sandbox_id, {"date": "2026-03-01"})


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("candidate", Forbidden),
        ("evaluator", Forbidden),
        ("admin", Forbidden),
        ("other_trainer", NotFound),
        ("stranger", NotFound),
    ],
)
def test_only_the_owning_trainer_moves_the_clock(session, world, who, error):
    with pytest.raises(error):
        move_clock(session, world.actor(who), world.sandbox_id, {"date": "2026-04-01"})
    assert session.get(Sandbox, world.sandbox_id).business_date == date(2026, 3, 2)


def test_a_bad_date_gets_a_french_message(session, world):
    with pytest.raises(InvalidInput) as caught:
        move_clock(session, world.trainer, world.sandbox_id, {"date": "2026-02-30"})
    assert caught.value.field_errors == {
        "date": ["Date impossible « 2026-02-30 » : ce jour n'existe pas (jour ou mois inexistant)."]
    }
