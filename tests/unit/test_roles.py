"""The permission table: every role × every permission, with and without the facts of a sandbox or session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from polyadmin.domain.roles import (
    TABLE,
    Actor,
    ExamSessionAccess,
    Permission,
    Reach,
    Role,
    SandboxAccess,
    allowed,
    holds,
    reach,
)

P = Permission
TRAINER, OTHER_TRAINER, EVALUATOR, OTHER_EVALUATOR, CANDIDATE, CLASSMATE, ADMIN = 1, 2, 5, 6, 10, 11, 99
SANDBOX = SandboxAccess(candidate_id=CANDIDATE, owner_id=TRAINER, evaluator_ids=frozenset({EVALUATOR}))
SESSION = ExamSessionAccess(
    owner_id=TRAINER, evaluator_ids=frozenset({EVALUATOR}), candidate_ids=frozenset({CANDIDATE, CLASSMATE})
)

ACTORS = {
    "admin": Actor(ADMIN, "admin", Role.ADMIN),
    "trainer": Actor(TRAINER, "formatrice", Role.TRAINER),
    "other_trainer": Actor(OTHER_TRAINER, "formateur2", Role.TRAINER),
    "evaluator": Actor(EVALUATOR, "evaluateur", Role.EVALUATOR),
    "other_evaluator": Actor(OTHER_EVALUATOR, "evaluateur2", Role.EVALUATOR),
    "candidate": Actor(CANDIDATE, "candidat1", Role.CANDIDATE),
    "classmate": Actor(CLASSMATE, "candidat2", Role.CANDIDATE),
}

# Written out by hand, independently of TABLE: who may do what on candidat1's sandbox (and its session).
ON_SANDBOX: dict[Permission, set[str]] = {
    P.LIST_ACCOUNTS: {"admin", "trainer", "other_trainer"},
    P.MANAGE_ACCOUNTS: {"admin"},
    P.LIST_CATALOGUES: {"admin", "trainer", "other_trainer"},
    P.LOAD_CATALOGUE: {"admin", "trainer", "other_trainer"},
    P.MARK_EVALUATION: {"admin", "trainer", "evaluator"},
    P.READ_EVALUATION: {"admin", "trainer", "evaluator"},
    P.CREATE_EXAM_SESSION: {"trainer", "other_trainer"},
    P.PIN_CATALOGUE: {"admin", "trainer"},
    P.READ_EXAM_SESSION: {"admin", "trainer", "evaluator", "candidate"},
    P.SUPERVISE_EXAM_SESSION: {"admin", "trainer"},
    P.SEAL_JOURNALS: {"admin", "trainer"},
    P.VERIFY_PLATFORM_JOURNAL: {"admin"},
    P.ANSWER_REFERRAL: {"trainer"},
    P.MOVE_CLOCK: {"trainer"},
    P.READ_SANDBOX: {"admin", "trainer", "evaluator", "candidate"},
    P.RESET_SANDBOX: {"admin", "trainer"},
    P.WORK_IN_SANDBOX: {"candidate"},
}
# Without facts, only what a role holds everywhere.
ANYWHERE: dict[Permission, set[str]] = {
    P.LIST_ACCOUNTS: {"admin", "trainer", "other_trainer"},
    P.MANAGE_ACCOUNTS: {"admin"},
    P.LIST_CATALOGUES: {"admin", "trainer", "other_trainer"},
    P.LOAD_CATALOGUE: {"admin", "trainer", "other_trainer"},
    P.CREATE_EXAM_SESSION: {"trainer", "other_trainer"},
    **{permission: {"admin"} for permission in (P.READ_EVALUATION, P.PIN_CATALOGUE, P.READ_EXAM_SESSION)},
    P.MARK_EVALUATION: {"admin"},
    **{permission: {"admin"} for permission in (P.SUPERVISE_EXAM_SESSION, P.READ_SANDBOX, P.RESET_SANDBOX)},
    **{permission: {"admin"} for permission in (P.SEAL_JOURNALS, P.VERIFY_PLATFORM_JOURNAL)},
}
# Somewhere (the role holds the permission, maybe only on its own sessions or sandbox).
HELD_BY: dict[Permission, set[Role]] = {
    P.LIST_ACCOUNTS: {Role.ADMIN, Role.TRAINER},
    P.MANAGE_ACCOUNTS: {Role.ADMIN},
    P.LIST_CATALOGUES: {Role.ADMIN, Role.TRAINER},
    P.LOAD_CATALOGUE: {Role.ADMIN, Role.TRAINER},
    P.MARK_EVALUATION: {Role.ADMIN, Role.TRAINER, Role.EVALUATOR},
    P.READ_EVALUATION: {Role.ADMIN, Role.TRAINER, Role.EVALUATOR},
    P.CREATE_EXAM_SESSION: {Role.TRAINER},
    P.PIN_CATALOGUE: {Role.ADMIN, Role.TRAINER},
    P.READ_EXAM_SESSION: set(Role),
    P.SUPERVISE_EXAM_SESSION: {Role.ADMIN, Role.TRAINER},
    P.SEAL_JOURNALS: {Role.ADMIN, Role.TRAINER},
    P.VERIFY_PLATFORM_JOURNAL: {Role.ADMIN},
    P.ANSWER_REFERRAL: {Role.TRAINER},
    P.MOVE_CLOCK: {Role.TRAINER},
    P.READ_SANDBOX: set(Role),
    P.RESET_SANDBOX: {Role.ADMIN, Role.TRAINER},
    P.WORK_IN_SANDBOX: {Role.CANDIDATE},
}

CELLS = [(name, permission) for name in ACTORS for permission in Permission]


def test_the_expectations_cover_every_permission():
    assert set(ON_SANDBOX) == set(Permission) == set(HELD_BY)
    assert set(TABLE) == set(Role)


@pytest.mark.parametrize(("name", "permission"), CELLS, ids=[f"{name}-{p.value}" for name, p in CELLS])
def test_every_role_on_a_sandbox(name, permission):
    assert allowed(ACTORS[name], permission, SANDBOX) is (name in ON_SANDBOX[permission])


@pytest.mark.parametrize(("name", "permission"), CELLS, ids=[f"{name}-{p.value}" for name, p in CELLS])
def test_every_role_on_the_session_of_that_sandbox(name, permission):
    """The same, from the session's facts: the classmate sits it too, so reads it (but not candidat1's sandbox)."""
    expected = ON_SANDBOX[permission] | ({"classmate"} if "candidate" in ON_SANDBOX[permission] else set())
    assert allowed(ACTORS[name], permission, SESSION) is (name in expected)


@pytest.mark.parametrize(("name", "permission"), CELLS, ids=[f"{name}-{p.value}" for name, p in CELLS])
def test_without_facts_only_what_a_role_holds_everywhere(name, permission):
    assert allowed(ACTORS[name], permission) is (name in ANYWHERE.get(permission, set()))


@pytest.mark.parametrize("permission", list(Permission))
@pytest.mark.parametrize("role", list(Role))
def test_holds_says_whether_a_role_has_the_permission_anywhere(role, permission):
    actor = Actor(1, "x", role)
    assert holds(actor, permission) is (role in HELD_BY[permission])
    assert (reach(actor, permission) is not None) is holds(actor, permission)


def test_the_classmate_reads_the_session_but_not_another_candidates_sandbox():
    classmate = ACTORS["classmate"]
    assert allowed(classmate, P.READ_EXAM_SESSION, SESSION)
    assert not allowed(classmate, P.READ_SANDBOX, SANDBOX)


def test_an_evaluator_id_equal_to_the_candidate_id_of_another_role_grants_nothing():
    evaluator = Actor(5, "evaluateur", Role.EVALUATOR)
    assert not allowed(evaluator, P.WORK_IN_SANDBOX, SandboxAccess(5, 1, frozenset({5})))
    assert allowed(evaluator, P.READ_SANDBOX, SandboxAccess(5, 1, frozenset({5})))


def test_the_system_actor_acts_as_an_administrator_without_an_id():
    system = Actor.system()
    assert allowed(system, P.MANAGE_ACCOUNTS)
    assert allowed(system, P.READ_SANDBOX, SANDBOX)
    assert not allowed(system, P.WORK_IN_SANDBOX, SANDBOX)


def test_a_relational_rule_never_grants_an_actor_without_an_id():
    """A trainer with no account id is the owner of nothing, even of a session whose owner is unknown."""
    nobody = Actor(None, "anonyme", Role.TRAINER)
    assert not allowed(nobody, P.MOVE_CLOCK, SANDBOX)
    assert allowed(nobody, P.CREATE_EXAM_SESSION)


def test_permission_names_are_resource_and_action():
    for permission in Permission:
        resource, _, action = permission.value.partition(":")
        assert resource and action, permission
    assert len({p.value for p in Permission}) == len(Permission)


def test_reaches_are_the_four_relations():
    assert {where for row in TABLE.values() for where in row.values()} == set(Reach)


def test_the_architecture_document_shows_the_table_as_it_is():
    """docs/architecture.md's table of roles (section « Isolation and roles ») says what TABLE says."""
    text = (Path(__file__).parents[2] / "docs" / "architecture.md").read_text(encoding="utf-8")
    cells = {"all": Reach.ANY, "own sessions": Reach.OWN_SESSION, "assigned sessions": Reach.ASSIGNED_SESSION}
    cells |= {"own sandbox": Reach.OWN_SANDBOX, "—": None}
    documented: dict[tuple[Role, Permission], Reach | None] = {}
    for line in text.splitlines():
        if not line.startswith("| `"):
            continue
        first, *reaches = [cell.strip() for cell in line.strip("|").split("|")]
        for name in re.findall(r"`([^`]+)`", first):
            for role_, cell in zip((Role.ADMIN, Role.TRAINER, Role.EVALUATOR, Role.CANDIDATE), reaches, strict=True):
                documented[(role_, Permission(name))] = cells[cell]
    assert documented == {(role_, p): TABLE[role_].get(p) for role_ in Role for p in Permission}
