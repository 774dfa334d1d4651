"""Roles of the platform and what each may do — pure policy, no storage."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


@dataclass(frozen=True)
class SandboxAccess:
    """The facts about a sandbox that decide who may reach it."""

    candidate_id: int
    owner_id: int
    evaluator_ids: frozenset[int]


def can_read_sandbox(actor: Actor, access: SandboxAccess) -> bool:
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.CANDIDATE:
        return actor.user_id == access.candidate_id
    if actor.role is Role.EVALUATOR:
        return actor.user_id in access.evaluator_ids
    if actor.role is Role.TRAINER:
        return actor.user_id == access.owner_id
    return False


def can_work_in_sandbox(actor: Actor, access: SandboxAccess) -> bool:
    """Only the candidate does the subscription work in their sandbox."""
    return actor.role is Role.CANDIDATE and actor.user_id == access.candidate_id


def can_move_clock(actor: Actor, access: SandboxAccess) -> bool:
    return actor.role is Role.TRAINER and actor.user_id == access.owner_id


def can_manage_sessions(actor: Actor) -> bool:
    return actor.role is Role.TRAINER
