import pytest

from polyadmin.domain.roles import (
    Actor,
    Role,
    SandboxAccess,
    can_move_clock,
    can_read_sandbox,
    can_work_in_sandbox,
)

ACCESS = SandboxAccess(candidate_id=10, owner_id=1, evaluator_ids=frozenset({5}))


@pytest.mark.parametrize(
    ("actor", "read", "work", "clock"),
    [
        (Actor(10, "candidat1", Role.CANDIDATE), True, True, False),
        (Actor(11, "candidat2", Role.CANDIDATE), False, False, False),
        (Actor(5, "evaluateur", Role.EVALUATOR), True, False, False),
        (Actor(6, "evaluateur2", Role.EVALUATOR), False, False, False),
        (Actor(1, "formatrice", Role.TRAINER), True, False, True),
        (Actor(2, "formateur2", Role.TRAINER), False, False, False),
        (Actor(99, "admin", Role.ADMIN), True, False, False),
    ],
)
def test_who_reads_works_in_and_moves_the_clock_of_a_sandbox(actor, read, work, clock):
    assert can_read_sandbox(actor, ACCESS) is read
    assert can_work_in_sandbox(actor, ACCESS) is work
    assert can_move_clock(actor, ACCESS) is clock


def test_an_evaluator_id_equal_to_the_candidate_id_of_another_role_grants_nothing():
    assert not can_work_in_sandbox(Actor(5, "evaluateur", Role.EVALUATOR), SandboxAccess(5, 1, frozenset({5})))
