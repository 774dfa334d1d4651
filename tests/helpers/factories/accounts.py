"""Users, exam sessions and sandboxes, created through the services (journaled as in the application)."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from polyadmin.domain.roles import Actor, Role
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.users import actor_of, create_user
from polyadmin.store.models import ExamSession, Sandbox, User
from tests.helpers.accounts import PASSWORD, START
from tests.helpers.factories.base import ModelFactory, current_session


def _username(user: User | str) -> str:
    return user if isinstance(user, str) else user.username


def _actor(user: User | Actor) -> Actor:
    return user if isinstance(user, Actor) else actor_of(user)


class UserFactory(ModelFactory):
    """An account created by the admin service (`user.create`); every test account has PASSWORD."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    role = Role.CANDIDATE
    display_name = factory.LazyAttribute(lambda o: o.username.capitalize())
    password = PASSWORD

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        data = {**kwargs, "role": Role(kwargs["role"]).value}
        return create_user(current_session(), Actor.system(), data)


class ExamSessionFactory(ModelFactory):
    """A session opened by its trainer (`exam_session.create`), one sandbox per candidate (`sandbox.create`).

    `trainer` takes a user or an actor; `candidates` and `evaluators` take users or usernames;
    `scenario` names a scenario file ("" is empty).
    """

    class Meta:
        model = ExamSession

    name = factory.Sequence(lambda n: f"Session d'essai {n}")
    trainer = factory.SubFactory(UserFactory, role=Role.TRAINER)
    starts_on: date = START
    candidates = factory.List([factory.SubFactory(UserFactory)])
    evaluators: list[User | str] = []
    scenario = ""

    @classmethod
    def _create(cls, model_class: type[ExamSession], *args: Any, **kwargs: Any) -> ExamSession:
        data: dict[str, Any] = {
            "name": kwargs["name"],
            "starts_on": kwargs["starts_on"].isoformat(),
            "candidates": [_username(user) for user in kwargs["candidates"]],
            "evaluators": [_username(user) for user in kwargs["evaluators"]],
        }
        if kwargs["scenario"]:
            data["scenario"] = kwargs["scenario"]
        return create_exam_session(current_session(), _actor(kwargs["trainer"]), data)


class SandboxFactory(ModelFactory):
    """A candidate's sandbox, in an exam session of its own opened through the service."""

    class Meta:
        model = Sandbox

    candidate = factory.SubFactory(UserFactory)
    trainer = factory.SubFactory(UserFactory, role=Role.TRAINER)
    evaluators: list[User | str] = []
    starts_on: date = START

    @classmethod
    def _create(cls, model_class: type[Sandbox], *args: Any, **kwargs: Any) -> Sandbox:
        exam = ExamSessionFactory(
            trainer=kwargs["trainer"],
            candidates=[kwargs["candidate"]],
            evaluators=kwargs["evaluators"],
            starts_on=kwargs["starts_on"],
        )
        return exam.sandboxes[0]


def candidate_of(sandbox: Sandbox) -> Actor:
    """The actor who works in `sandbox`."""
    return actor_of(sandbox.candidate)
