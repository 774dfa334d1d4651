"""Roles of the platform and the one table of what each may do — pure policy, no storage.

Every check of the platform asks `allowed(actor, permission, access)`: services enforce it, pages
and API views ask it what to show, read queries turn its `Reach` into SQL (`store.queries`), and
the tests walk every route × role against it. No role comparison lives anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Protocol


class Role(StrEnum):
    TRAINER = "trainer"
    EVALUATOR = "evaluator"
    CANDIDATE = "candidate"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.TRAINER: "Formateur",
    Role.EVALUATOR: "Évaluateur",
    Role.CANDIDATE: "Candidat",
    Role.ADMIN: "Administrateur",
}


class Permission(StrEnum):
    """What an actor may do, named `<resource>:<action>` (as warehouse's authnz does).

    Grouped by resource, alphabetical. A permission may exist before any route uses it: the
    workflow areas to come (referrals answered by a trainer playing the expert, evaluations marked
    by the session's evaluators) find their rows ready in `TABLE`.
    """

    LIST_ACCOUNTS = "accounts:list"  # pick candidates and evaluators for a session
    MANAGE_ACCOUNTS = "accounts:manage"  # create, change and deactivate accounts

    LIST_CATALOGUES = "catalogue:list"  # every loaded snapshot
    LOAD_CATALOGUE = "catalogue:load"

    MARK_EVALUATION = "evaluation:mark"
    READ_EVALUATION = "evaluation:read"  # the expected outcomes and planted anomalies of a scenario

    CREATE_EXAM_SESSION = "exam-sessions:create"
    PIN_CATALOGUE = "exam-sessions:pin-catalogue"
    READ_EXAM_SESSION = "exam-sessions:read"
    SUPERVISE_EXAM_SESSION = "exam-sessions:supervise"  # the session pages: roster, seedings, clocks

    SEAL_JOURNALS = "exam-sessions:seal"  # the sealed journal heads of a session, for the evaluators

    VERIFY_PLATFORM_JOURNAL = "journal:verify-platform"  # accounts, sessions, tokens, catalogues

    ANSWER_REFERRAL = "referrals:answer"  # the expert's answer to a candidate's referral

    MOVE_CLOCK = "sandbox:clock"
    READ_SANDBOX = "sandbox:read"
    RESET_SANDBOX = "sandbox:reset"  # seed an empty sandbox, or restore its seeded state
    WORK_IN_SANDBOX = "sandbox:work"  # the subscription work itself: clients, contacts, requests


class Reach(Enum):
    """Where a role holds a permission: everywhere, or only where the actor stands in a relation."""

    ANY = "any"
    OWN_SESSION = "own-session"  # sessions the actor opened (and their sandboxes)
    ASSIGNED_SESSION = "assigned-session"  # sessions the actor evaluates (and their sandboxes)
    OWN_SANDBOX = "own-sandbox"  # the actor's own sandbox (for a session: one the actor sits)


ANY = Reach.ANY
OWN_SESSION = Reach.OWN_SESSION
ASSIGNED_SESSION = Reach.ASSIGNED_SESSION
OWN_SANDBOX = Reach.OWN_SANDBOX

# The permission table: a permission a role does not list is refused to it.
TABLE: dict[Role, dict[Permission, Reach]] = {
    Role.ADMIN: {
        Permission.LIST_ACCOUNTS: ANY,
        Permission.MANAGE_ACCOUNTS: ANY,
        Permission.LIST_CATALOGUES: ANY,
        Permission.LOAD_CATALOGUE: ANY,
        Permission.READ_EVALUATION: ANY,
        Permission.MARK_EVALUATION: ANY,
        Permission.PIN_CATALOGUE: ANY,
        Permission.READ_EXAM_SESSION: ANY,
        Permission.SUPERVISE_EXAM_SESSION: ANY,
        Permission.READ_SANDBOX: ANY,
        Permission.RESET_SANDBOX: ANY,
        Permission.SEAL_JOURNALS: ANY,
        Permission.VERIFY_PLATFORM_JOURNAL: ANY,
    },
    Role.TRAINER: {
        Permission.LIST_ACCOUNTS: ANY,
        Permission.LIST_CATALOGUES: ANY,
        Permission.LOAD_CATALOGUE: ANY,
        Permission.READ_EVALUATION: OWN_SESSION,
        Permission.MARK_EVALUATION: OWN_SESSION,
        Permission.CREATE_EXAM_SESSION: ANY,
        Permission.PIN_CATALOGUE: OWN_SESSION,
        Permission.READ_EXAM_SESSION: OWN_SESSION,
        Permission.SUPERVISE_EXAM_SESSION: OWN_SESSION,
        Permission.ANSWER_REFERRAL: OWN_SESSION,
        Permission.MOVE_CLOCK: OWN_SESSION,
        Permission.READ_SANDBOX: OWN_SESSION,
        Permission.RESET_SANDBOX: OWN_SESSION,
        Permission.SEAL_JOURNALS: OWN_SESSION,
    },
    Role.EVALUATOR: {
        Permission.MARK_EVALUATION: ASSIGNED_SESSION,
        Permission.READ_EVALUATION: ASSIGNED_SESSION,
        Permission.READ_EXAM_SESSION: ASSIGNED_SESSION,
        Permission.READ_SANDBOX: ASSIGNED_SESSION,
    },
    Role.CANDIDATE: {
        Permission.READ_EXAM_SESSION: OWN_SANDBOX,
        Permission.READ_SANDBOX: OWN_SANDBOX,
        Permission.WORK_IN_SANDBOX: OWN_SANDBOX,
    },
}


@dataclass(frozen=True)
class Actor:
    """Who performs an action; recorded in every journal entry."""

    user_id: int | None
    username: str
    role: Role

    @classmethod
    def system(cls) -> Actor:
        """The command line acting outside any login (installation, demo seeding)."""
        return cls(user_id=None, username="système", role=Role.ADMIN)


class Access(Protocol):
    """The facts about a sandbox or a session that decide who reaches it."""

    @property
    def owner_id(self) -> int: ...

    @property
    def evaluator_ids(self) -> frozenset[int]: ...

    @property
    def candidate_ids(self) -> frozenset[int]: ...


@dataclass(frozen=True)
class SandboxAccess:
    """The facts about a sandbox that decide who may reach it."""

    candidate_id: int
    owner_id: int
    evaluator_ids: frozenset[int]

    @property
    def candidate_ids(self) -> frozenset[int]:
        return frozenset({self.candidate_id})


@dataclass(frozen=True)
class ExamSessionAccess:
    """The facts about an exam session: who opened it, who evaluates it, who sits it."""

    owner_id: int
    evaluator_ids: frozenset[int]
    candidate_ids: frozenset[int]


def reach(actor: Actor, permission: Permission) -> Reach | None:
    """Where the actor's role holds the permission (None: nowhere) — read queries turn it into SQL."""
    return TABLE[actor.role].get(permission)


def holds(actor: Actor, permission: Permission) -> bool:
    """The role holds the permission somewhere (maybe only on its own sessions or sandbox).

    For the checks made before a record is loaded: a role that never holds it is refused (403)
    before a record it may not see answers « introuvable » (404).
    """
    return reach(actor, permission) is not None


def allowed(actor: Actor, permission: Permission, access: Access | None = None) -> bool:
    """May the actor do this — on the sandbox or session described by `access`, if the rule is relational?

    Without `access`, only a permission held everywhere (`Reach.ANY`) is granted.
    """
    where = reach(actor, permission)
    if where is None:
        return False
    if where is Reach.ANY:
        return True
    if access is None or actor.user_id is None:
        return False
    if where is Reach.OWN_SESSION:
        return actor.user_id == access.owner_id
    if where is Reach.ASSIGNED_SESSION:
        return actor.user_id in access.evaluator_ids
    return actor.user_id in access.candidate_ids
