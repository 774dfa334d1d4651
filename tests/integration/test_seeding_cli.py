"""`polyadmin scenario check | list`, `polyadmin seed`, `polyadmin sandbox reset` and the seeded demo."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sqlalchemy import func, select

from polyadmin.cli import cli
from polyadmin.services import seeding
from polyadmin.services.clients import create_client
from polyadmin.store.models import ExamSession, JournalEntry, Sandbox
from polyadmin.store.portfolio import SandboxSeeding
from tests.helpers.databases import CATALOGUE, TEST_CATALOGUE
from tests.helpers.factories import PersonClientData

SCENARIO_DATA = Path(__file__).resolve().parents[1] / "data" / "seeding"
MINI = SCENARIO_DATA / "mini.yaml"


def run(app, *args, input=None):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(cli, list(args), input=input, catch_exceptions=False)


def broken_copy(tmp_path: Path) -> Path:
    broken = tmp_path / "casse.yaml"
    text = MINI.read_text(encoding="utf-8").replace("code: mini", "code: casse")
    text = text.replace("start_date: 2026-02-16", "start_date: '2026-02-30'")
    broken.write_text(text.replace("{min: 41, max: 75", "{min: 41, max: 30"), encoding="utf-8")
    return broken


# --- scenario check / list -----------------------------------------------------------------------


def test_check_summarises_a_valid_scenario_against_the_latest_catalogue_and_exits_0(app, session):
    result = run(app, "scenario", "check", str(MINI))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("Catalogue : ")  # which catalogue, first
    lines = result.output.splitlines()[1:]
    assert lines[0] == f"Scénario valide : {MINI}"
    assert lines[1] == "  code mini, début 2026-02-16"
    assert lines[2].endswith("(catalogue courant)")
    assert lines[3].startswith("  graine 4 : clients 20, liens ")
    assert re.search(r", contrats \d+, échéances \d+, ", lines[3])
    assert lines[4].startswith("Empreinte du scénario : ") and lines[5].startswith("Empreinte du portefeuille : ")
    with_seed = run(app, "scenario", "check", str(MINI), "--seed", "9")
    assert "  graine 9 : clients 20" in with_seed.output
    assert with_seed.output.splitlines()[6] != lines[5]


def test_check_reads_a_catalogue_folder_when_asked(app, session):
    result = run(app, "scenario", "check", str(MINI), "--catalogue", str(CATALOGUE))
    assert result.exit_code == 0, result.output
    assert f"({CATALOGUE})" in result.output.splitlines()[3]


def test_check_lists_every_problem_as_file_path_problem_and_exits_2(app, session, tmp_path):
    result = run(app, "scenario", "check", str(broken_copy(tmp_path)))
    assert result.exit_code == 2
    assert result.output.splitlines()[1:] == [
        "casse.yaml:6:1 — champ `start_date` — Date impossible « 2026-02-30 » : ce jour n'existe pas "
        "(jour ou mois inexistant).",
        "casse.yaml:18:17 — champ `population`, tranche d'âge n° 2, champ `max` — "
        "max doit être supérieur ou égal à min.",
        "Scénario invalide : 2 erreur(s).",
    ]
    missing = run(app, "scenario", "check", str(tmp_path / "absent.yaml"))
    assert missing.exit_code == 2
    assert missing.output.splitlines()[-1] == "Scénario invalide : 1 erreur(s)."


def test_list_shows_code_title_and_file_of_each_scenario(app, tmp_path):
    app.config["SCENARIOS_PATH"] = SCENARIO_DATA
    result = run(app, "scenario", "list")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["mini  Mini portefeuille  (mini.yaml)"]
    app.config["SCENARIOS_PATH"] = tmp_path
    assert run(app, "scenario", "list").output.strip() == f"Aucun scénario dans {tmp_path}."


# --- seed / sandbox reset ------------------------------------------------------------------------


def test_seed_writes_the_portfolio_reports_it_and_refuses_a_second_time(app, session, world):
    result = run(app, "seed", str(world.sandbox_id), "--scenario", str(MINI), "--user", "formatrice")
    assert result.exit_code == 0, result.output
    record = session.get(SandboxSeeding, world.sandbox_id)
    assert f"Bac à sable {world.sandbox_id} ensemencé : scénario mini, graine 4, date 2026-02-16." in result.stdout
    assert "  clients 20, liens " in result.stdout
    assert f"Empreinte du portefeuille : {record.digest}" in result.stdout
    # Not a terminal: no bar, one line per table written, on stderr.
    assert result.stderr.startswith("Validation et génération du portefeuille…\n  clients                 20/")
    assert "\r" not in result.stderr
    entry = session.execute(select(JournalEntry).where(JournalEntry.action == "sandbox.seed")).scalar_one()
    assert entry.actor_username == "formatrice"
    assert seeding.sandbox_digest(session, world.sandbox_id) == record.digest

    again = run(app, "seed", str(world.sandbox_id), "--scenario", str(MINI))
    assert again.exit_code == 2
    assert again.output.startswith(f"Erreur : Le bac à sable n° {world.sandbox_id} contient déjà un portefeuille")


def test_seed_by_the_system_with_a_seed_and_refusals_exit_2(app, session, world, tmp_path):
    result = run(app, "seed", str(world.classmate_sandbox_id), "--scenario", str(MINI), "--seed", "12")
    assert result.exit_code == 0, result.output
    assert "graine 12" in result.stdout
    entry = session.execute(select(JournalEntry).where(JournalEntry.action == "sandbox.seed")).scalar_one()
    assert (entry.actor_username, entry.actor_role) == ("système", "admin")

    invalid = run(app, "seed", str(world.sandbox_id), "--scenario", str(broken_copy(tmp_path)))
    assert invalid.exit_code == 2
    assert invalid.output.splitlines()[-1] == "Scénario invalide : 2 erreur(s)."
    assert session.get(SandboxSeeding, world.sandbox_id) is None
    unknown = run(app, "seed", "999", "--scenario", str(MINI))
    assert (unknown.exit_code, unknown.output.splitlines()[0]) == (2, "Erreur : Bac à sable introuvable.")
    candidate = run(app, "seed", str(world.sandbox_id), "--scenario", str(MINI), "--user", "candidat1")
    assert candidate.exit_code == 2 and "Seul le formateur de la session" in candidate.output


def test_reset_asks_for_confirmation_then_restores_the_seeded_portfolio(app, session, world):
    run(app, "seed", str(world.sandbox_id), "--scenario", str(MINI))
    seeded_digest = session.get(SandboxSeeding, world.sandbox_id).digest
    create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    assert seeding.sandbox_digest(session, world.sandbox_id) != seeded_digest

    declined = run(app, "sandbox", "reset", str(world.sandbox_id), input="n\n")
    assert declined.exit_code == 1
    assert "fiches créées, contacts…" in declined.output
    assert seeding.sandbox_digest(session, world.sandbox_id) != seeded_digest

    result = run(app, "sandbox", "reset", str(world.sandbox_id), "--yes")
    assert result.exit_code == 0, result.output
    assert f"Bac à sable {world.sandbox_id} réinitialisé : scénario mini, graine 4" in result.stdout
    assert seeding.sandbox_digest(session, world.sandbox_id) == seeded_digest

    never = run(app, "sandbox", "reset", str(world.classmate_sandbox_id), "--yes")
    assert never.exit_code == 2 and "n'a jamais été ensemencé" in never.output


# --- demo ----------------------------------------------------------------------------------------


def test_demo_seeds_its_sandboxes_from_the_demo_scenario_once(app, session, tmp_path):
    shutil.copy(MINI, tmp_path / "demo.yaml")
    app.config["SCENARIOS_PATH"] = tmp_path
    first = run(app, "demo")
    assert first.exit_code == 0, first.output
    assert "Portefeuille ensemencé avec le scénario mini." in first.stdout
    exam = session.execute(select(ExamSession)).scalar_one()
    assert exam.scenario == "mini"
    boxes = session.execute(select(Sandbox).where(Sandbox.exam_session_id == exam.id)).scalars().all()
    digests = {seeding.sandbox_digest(session, box.id) for box in boxes}
    assert len(boxes) == 2 and len(digests) == 1 and seeding.portfolio_row_count(session, boxes[0].id) > 0
    second = run(app, "demo")
    assert "Session de démonstration déjà présente" in second.output
    assert session.execute(select(func.count()).select_from(SandboxSeeding)).scalar_one() == 2


def test_demo_opens_empty_when_the_demo_scenario_does_not_fit_the_configured_catalogue(app, session, tmp_path):
    shutil.copy(MINI, tmp_path / "demo.yaml")
    app.config["SCENARIOS_PATH"] = tmp_path
    app.config["CATALOGUE_PATH"] = TEST_CATALOGUE  # one test product: none of those the scenario draws
    result = run(app, "demo")
    assert result.exit_code == 0, result.output
    assert "Scénario demo inapplicable à ce catalogue (" in result.stderr
    exam = session.execute(select(ExamSession)).scalar_one()
    assert exam.scenario == "portefeuille-vide"
    assert session.execute(select(func.count()).select_from(SandboxSeeding)).scalar_one() == 0
