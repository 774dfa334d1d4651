"""`polyadmin session create`: a session opened without the web, then seeded by `polyadmin seed`."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from polyadmin.store.models import ExamSession, JournalEntry, Sandbox
from polyadmin.store.portfolio import SandboxSeeding
from tests.helpers.cli import run

MINI = Path(__file__).resolve().parents[1] / "data" / "seeding" / "mini.yaml"


def sandbox_ids(output: str) -> dict[str, int]:
    return {name: int(number) for number, name in re.findall(r"bac à sable (\d+) : (\S+)", output)}


def test_create_opens_a_seeded_session_and_prints_each_sandbox(app, session, world):
    result = run(
        app,
        "session",
        "create",
        "--user",
        "formatrice",
        "--name",
        "Examen CLI",
        "--scenario",
        str(MINI),
        "--seed",
        "7",
        "--candidates",
        "candidat1, candidat2",
        "--evaluators",
        "evaluateur",
    )
    assert result.exit_code == 0, result.output
    exam = session.execute(select(ExamSession).where(ExamSession.name == "Examen CLI")).scalar_one()
    assert result.stdout.splitlines()[0] == (
        f"Session n° {exam.id} « Examen CLI » ouverte : scénario mini, catalogue {exam.catalogue_snapshot.short_hash}."
    )
    boxes = sandbox_ids(result.stdout)
    assert set(boxes) == {"candidat1", "candidat2"}
    for username, box_id in boxes.items():
        box = session.get(Sandbox, box_id)
        assert box.exam_session_id == exam.id and box.candidate.username == username
        assert session.get(SandboxSeeding, box_id).seed == 7
    assert [user.username for user in exam.evaluators] == ["evaluateur"]
    entry = session.execute(
        select(JournalEntry).where(JournalEntry.action == "exam_session.create", JournalEntry.record_id == str(exam.id))
    ).scalar_one()
    assert entry.actor_username == "formatrice"


def test_an_empty_session_from_the_cli_is_then_seeded_with_the_printed_id(app, session, world):
    created = run(app, "session", "create", "--user", "formatrice", "--name", "Vide", "--candidates", "candidat3")
    assert created.exit_code == 0, created.output
    box_id = sandbox_ids(created.stdout)["candidat3"]
    seeded = run(app, "seed", str(box_id), "--scenario", str(MINI), "--user", "formatrice")
    assert seeded.exit_code == 0, seeded.output
    assert f"Bac à sable {box_id} ensemencé : scénario mini" in seeded.stdout


def test_refusals_exit_2_with_every_problem_and_open_nothing(app, session, world):
    before = session.execute(select(ExamSession.id)).scalars().all()
    refused = run(
        app,
        "session",
        "create",
        "--user",
        "formatrice",
        "--name",
        "Ratée",
        "--candidates",
        "inconnu,candidat1",
        "--evaluators",
        "candidat2",
        "--scenario",
        "absent",
    )
    assert refused.exit_code == 2
    assert "Scénario inconnu « absent »" in refused.output
    assert "Aucun candidat actif nommé « inconnu »." in refused.output
    assert "Aucun évaluateur actif nommé « candidat2 »." in refused.output
    evaluator = run(app, "session", "create", "--user", "evaluateur", "--name", "Interdite")
    assert (evaluator.exit_code, evaluator.output.strip()) == (
        2,
        "Erreur : Seul un formateur crée une session d'examen.",
    )
    nobody = run(app, "session", "create", "--user", "personne", "--name", "X")
    assert nobody.exit_code == 2 and "Aucun compte actif nommé « personne »" in nobody.output
    missing_user = run(app, "session", "create", "--name", "X")
    assert missing_user.exit_code == 2 and "--user" in missing_user.output
    assert session.execute(select(ExamSession.id)).scalars().all() == before


def test_seed_of_an_unknown_sandbox_says_how_to_get_one(app, session, world):
    result = run(app, "seed", "999", "--scenario", str(MINI))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == "Erreur : Bac à sable introuvable."
    assert "polyadmin session create" in lines[1]
