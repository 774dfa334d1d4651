"""Exam sessions: a trainer opens one sandbox per candidate and assigns evaluators.

A session names its scenario: `portefeuille-vide` (the default) leaves the sandboxes empty; a file
of the scenarios folder (`examen-souscription`, with or without `.yaml`) is validated against the
session's catalogue, generated once with the session's seed and written identically into every
candidate sandbox — in the same transaction as the session, so a failure opens nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.config import default_scenarios_path
from polyadmin.domain.errors import Forbidden, InvalidInput, NotFound
from polyadmin.domain.roles import Actor, Permission, Role, allowed
from polyadmin.journal.writer import append_entry
from polyadmin.scenarios import ScenarioInvalid
from polyadmin.services.access import sandbox_access_in
from polyadmin.services.catalogue import rebuild_catalogue, resolve_snapshot
from polyadmin.services.clock import wall_now, wall_today
from polyadmin.services.seeding import (
    EMPTY_SCENARIO,
    GeneratedSeeding,
    Progress,
    chosen_seed,
    generate_seeding,
    list_scenarios,
    load_canonical,
    scenario_file,
    scenario_problems,
    seed_generated,
)
from polyadmin.services.unit import transaction
from polyadmin.store.models import ExamSession, Sandbox, User
from polyadmin.store.queries import visible_exam_sessions
from polyadmin.validation.french import Problems
from polyadmin.validation.sessions import ExamSessionSchema


def _users_with_role(session: Session, usernames: list[str], role: Role, field: str) -> list[User]:
    found = {
        user.username: user
        for user in session.execute(select(User).where(User.username.in_(usernames), User.active.is_(True))).scalars()
    }
    problems = [name for name in usernames if name not in found or found[name].role != role.value]
    if problems:
        raise InvalidInput({field: [f"Aucun {role.label.lower()} actif nommé « {name} »." for name in problems]})
    return [found[name] for name in usernames]


def _scenario_path(name: str, scenarios: Path) -> Path | None:
    """None for an empty portfolio; else the scenario's file (InvalidInput if no file has that name)."""
    if name in ("", EMPTY_SCENARIO):
        return None
    path = scenario_file(scenarios, name)
    if path is None:
        known = ", ".join([EMPTY_SCENARIO, *(listed.code for listed in list_scenarios(scenarios))])
        raise InvalidInput({"scenario": [f"Scénario inconnu « {name} » ; scénarios disponibles : {known}."]})
    return path


def create_exam_session(
    session: Session,
    actor: Actor,
    data: dict[str, Any],
    scenarios: Path | None = None,
    progress: Progress | None = None,
) -> ExamSession:
    """Open a session pinned to a catalogue snapshot, one sandbox per candidate.

    `scenarios` is the folder of scenario files (the configured SCENARIOS_PATH by default). When the
    session's scenario is one of them, every sandbox is seeded with the same portfolio (same seed:
    `data["seed"]`, else the scenario's own) and its clock starts at the scenario's start date; a
    scenario that fails validation refuses the session (422 listing every problem), nothing is created.
    """
    if not allowed(actor, Permission.CREATE_EXAM_SESSION):
        raise Forbidden("Seul un formateur crée une session d'examen.")
    problems = Problems()  # every problem of the form at once: fields, people, scenario, catalogue
    loaded = problems.load(ExamSessionSchema(), data)
    path = problems.check(_scenario_path, loaded.get("scenario", EMPTY_SCENARIO), scenarios or default_scenarios_path())
    with transaction(session):
        snapshot = problems.check(resolve_snapshot, session, loaded.get("catalogue"))  # pinned for the whole session
        candidates = problems.check(
            _users_with_role, session, loaded.get("candidates", []), Role.CANDIDATE, "candidates"
        )
        evaluators = problems.check(
            _users_with_role, session, sorted(set(loaded.get("evaluators", []))), Role.EVALUATOR, "evaluators"
        )
        problems.raise_if_any()
        assert snapshot is not None and candidates is not None and evaluators is not None
        generated: GeneratedSeeding | None = None
        if path is not None:
            catalogue = rebuild_catalogue(session, snapshot)
            try:
                scenario = load_canonical(path, catalogue)
                # Generated once: every sandbox receives the very same rows (GenerationFailed, a
                # contract the engine refuses, is a ScenarioInvalid too).
                generated = generate_seeding(scenario, catalogue, chosen_seed(scenario, loaded["seed"]))
            except ScenarioInvalid as invalid:
                raise scenario_problems(invalid) from None
        now = wall_now()
        starts_on = loaded["starts_on"] or wall_today()
        business_date = generated.start_date if generated is not None else starts_on
        exam = ExamSession(
            name=loaded["name"],
            scenario=generated.code if generated is not None else EMPTY_SCENARIO,
            starts_on=starts_on,
            ends_on=loaded["ends_on"],
            owner_id=actor.user_id,
            created_at=now,
            evaluators=evaluators,
            catalogue_snapshot=snapshot,
        )
        session.add(exam)
        session.flush()
        sandboxes = []
        for candidate in candidates:
            sandbox = Sandbox(exam_session=exam, candidate=candidate, business_date=business_date, created_at=now)
            session.add(sandbox)
            sandboxes.append(sandbox)
        session.flush()
        append_entry(
            session,
            actor=actor,
            action="exam_session.create",
            recorded_at=now,
            record=("exam_session", exam.id),
            input=loaded,
            outcome={
                "exam_session_id": exam.id,
                "starts_on": starts_on,
                "catalogue": snapshot.content_hash,
                "products": snapshot.product_versions,
                "sandboxes": [{"id": box.id, "candidate": box.candidate.username} for box in sandboxes],
            },
        )
        for box in sandboxes:
            append_entry(
                session,
                actor=actor,
                action="sandbox.create",
                recorded_at=now,
                sandbox_id=box.id,
                sandbox_date=box.business_date,
                record=("sandbox", box.id),
                input={"exam_session_id": exam.id, "candidate": box.candidate.username, "scenario": exam.scenario},
                outcome={"sandbox_id": box.id, "business_date": box.business_date},
            )
        if generated is not None:
            for box in sandboxes:
                seed_generated(session, actor, box, generated, progress)
    return exam


def list_exam_sessions(session: Session, actor: Actor) -> list[ExamSession]:
    return list(session.execute(visible_exam_sessions(actor)).scalars().unique())


def get_exam_session(session: Session, actor: Actor, exam_session_id: int) -> ExamSession:
    exam = (
        session.execute(visible_exam_sessions(actor).where(ExamSession.id == exam_session_id))
        .scalars()
        .unique()
        .first()
    )
    if exam is None:
        raise NotFound("Session d'examen introuvable.")
    return exam


def readable_sandboxes(exam: ExamSession, actor: Actor) -> list[Sandbox]:
    """The session's sandboxes the actor may open: a candidate sees their own, not who else sits the exam."""
    return [box for box in exam.sandboxes if allowed(actor, Permission.READ_SANDBOX, sandbox_access_in(exam, box))]
