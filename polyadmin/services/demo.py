"""The demo exam session that `make run` opens, created once and found again afterwards.

Its two sandboxes are seeded from scenarios/demo.yaml (with the scenario's own seed) when that file
exists, so the demo starts with a small portfolio; an existing demo session is found again and
never re-seeded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.roles import Actor, Role
from polyadmin.services.catalogue import pin_catalogue, store_catalogue
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.seeding import EMPTY_SCENARIO, scenario_file
from polyadmin.services.users import actor_of, create_user
from polyadmin.store.models import CatalogueSnapshot, ExamSession, User

DEMO_SESSION_NAME = "Session de démonstration"
DEMO_SCENARIO = "demo"
DEMO_USERS: tuple[tuple[str, Role, str], ...] = (
    ("admin", Role.ADMIN, "Administrateur de la plateforme"),
    ("formatrice", Role.TRAINER, "Claire Formatrice"),
    ("evaluateur", Role.EVALUATOR, "Paul Évaluateur"),
    ("candidat1", Role.CANDIDATE, "Inès Candidate"),
    ("candidat2", Role.CANDIDATE, "Hugo Candidat"),
)


@dataclass(frozen=True)
class DemoOutcome:
    created_users: list[str]
    exam_session_id: int
    created_session: bool
    catalogue: CatalogueSnapshot
    created_catalogue: bool
    scenario: str = EMPTY_SCENARIO  # what the session was opened with (when created now)
    # Why the demo scenario could not be used with this catalogue (the session then opens empty).
    scenario_problems: list[str] = field(default_factory=list)


def ensure_demo(
    session: Session, passwords: dict[str, str], catalogue_path: Path, scenarios_path: Path | None = None
) -> DemoOutcome:
    """Load the catalogue of `catalogue_path` (stored once per version), create the demo accounts that
    are missing (with the given passwords) and the session, pinned to that catalogue and seeded from
    the `demo` scenario of `scenarios_path` (an empty portfolio if there is none)."""
    loaded = store_catalogue(session, Actor.system(), catalogue_path)
    created: list[str] = []
    for username, role, display_name in DEMO_USERS:
        if session.execute(select(User.id).where(User.username == username)).first() is None:
            create_user(
                session,
                Actor.system(),
                {
                    "username": username,
                    "role": role.value,
                    "display_name": display_name,
                    "password": passwords[username],
                },
            )
            created.append(username)
    trainer = session.execute(select(User).where(User.username == "formatrice")).scalar_one()
    existing = session.execute(
        select(ExamSession).where(ExamSession.name == DEMO_SESSION_NAME, ExamSession.owner_id == trainer.id)
    ).scalar_one_or_none()
    if existing is not None:
        if existing.catalogue_snapshot is None:  # opened before catalogues existed
            pin_catalogue(session, Actor.system(), existing.id, loaded.snapshot.content_hash)
        return DemoOutcome(created, existing.id, False, loaded.snapshot, loaded.created)
    has_demo_scenario = scenarios_path is not None and scenario_file(scenarios_path, DEMO_SCENARIO) is not None
    data = {
        "name": DEMO_SESSION_NAME,
        "scenario": DEMO_SCENARIO if has_demo_scenario else EMPTY_SCENARIO,
        "candidates": ["candidat1", "candidat2"],
        "evaluators": ["evaluateur"],
        "catalogue": loaded.snapshot.content_hash,
    }
    problems: list[str] = []
    try:
        exam = create_exam_session(session, actor_of(trainer), data, scenarios_path)
    except InvalidInput as refused:
        if not has_demo_scenario or "scenario" not in refused.field_errors:
            raise
        # The configured catalogue lacks what demo.yaml needs (a trainer's own products/): the demo
        # still opens, with an empty portfolio, and says why.
        problems = refused.field_errors["scenario"]
        exam = create_exam_session(session, actor_of(trainer), {**data, "scenario": EMPTY_SCENARIO}, scenarios_path)
    return DemoOutcome(created, exam.id, True, loaded.snapshot, loaded.created, exam.scenario, problems)
