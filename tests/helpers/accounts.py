"""The people of the tests: one password for all, the `world` fixture's accounts and sandboxes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from polyadmin.domain.roles import Actor, Role
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.users import actor_of, create_user

PASSWORD = "motdepasse-de-test"
START = date(2026, 3, 2)

# The eight roles of the permission walk, and who plays them in the `world` fixture.
ROLE_USERS = {
    "admin": "admin",
    "trainer": "formatrice",
    "other_trainer": "formateur2",
    "evaluator": "evaluateur",
    "other_evaluator": "evaluateur2",
    "candidate": "candidat1",
    "classmate": "candidat2",
    "stranger": "candidat3",
}


@dataclass
class World:
    """Two trainers' sessions, assigned and unassigned evaluators, three candidates, an admin."""

    admin: Actor
    trainer: Actor
    other_trainer: Actor
    evaluator: Actor
    other_evaluator: Actor
    candidate: Actor
    classmate: Actor
    stranger: Actor
    exam_session_id: int
    other_exam_session_id: int
    sandbox_id: int
    classmate_sandbox_id: int
    stranger_sandbox_id: int

    def actor(self, name: str) -> Actor:
        value = getattr(self, name)
        assert isinstance(value, Actor)
        return value


def add_user(session: Session, username: str, role: Role) -> Actor:
    user = create_user(
        session,
        Actor.system(),
        {
            "username": username,
            "role": role.value,
            "display_name": username.capitalize(),
            "password": PASSWORD,
        },
    )
    return actor_of(user)


def build_world(session: Session) -> World:
    """Everything through the services, so the journal holds what a real set-up writes."""
    admin = add_user(session, "admin", Role.ADMIN)
    trainer = add_user(session, "formatrice", Role.TRAINER)
    other_trainer = add_user(session, "formateur2", Role.TRAINER)
    evaluator = add_user(session, "evaluateur", Role.EVALUATOR)
    other_evaluator = add_user(session, "evaluateur2", Role.EVALUATOR)
    candidate = add_user(session, "candidat1", Role.CANDIDATE)
    classmate = add_user(session, "candidat2", Role.CANDIDATE)
    stranger = add_user(session, "candidat3", Role.CANDIDATE)
    exam = create_exam_session(
        session,
        trainer,
        {
            "name": "Session de mars",
            "starts_on": START.isoformat(),
            "candidates": ["candidat1", "candidat2"],
            "evaluators": ["evaluateur"],
        },
    )
    other = create_exam_session(
        session,
        other_trainer,
        {
            "name": "Autre session",
            "starts_on": START.isoformat(),
            "candidates": ["candidat3"],
            "evaluators": ["evaluateur2"],
        },
    )
    boxes = {box.candidate.username: box.id for box in exam.sandboxes + other.sandboxes}
    return World(
        admin=admin,
        trainer=trainer,
        other_trainer=other_trainer,
        evaluator=evaluator,
        other_evaluator=other_evaluator,
        candidate=candidate,
        classmate=classmate,
        stranger=stranger,
        exam_session_id=exam.id,
        other_exam_session_id=other.id,
        sandbox_id=boxes["candidat1"],
        classmate_sandbox_id=boxes["candidat2"],
        stranger_sandbox_id=boxes["candidat3"],
    )
