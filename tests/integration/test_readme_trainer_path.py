"""The README's trainer path, followed literally: its commands, as written, in a copy of the data folders."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from sqlalchemy import select

from polyadmin.store.models import ExamSession
from polyadmin.store.portfolio import SandboxSeeding
from tests.helpers.cli import run

REPOSITORY = Path(__file__).resolve().parents[2]
SECTION = "## Trainers: from a file to an exam session"


def trainer_commands() -> list[list[str]]:
    """The lines of the section's first `sh` block, comments removed, split as a shell would."""
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(SECTION) :]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return [shlex.split(line, comments=True) for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_trainer_path_runs_as_written(app, session, world, tmp_path, monkeypatch):
    for folder in ("products", "rules", "scenarios"):
        shutil.copytree(REPOSITORY / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    app.config["CATALOGUE_PATH"] = tmp_path / "products"
    app.config["SCENARIOS_PATH"] = tmp_path / "scenarios"
    commands = trainer_commands()
    programs = [command[0] for command in commands]
    assert programs[0] == "cp" and set(programs[1:]) == {"polyadmin"}
    assert [command[1] for command in commands[1:]] == [
        "scenario",
        "catalogue",
        "catalogue",
        "catalogue",
        "scenario",
        "session",
    ]
    outputs = []
    for command in commands:
        if command[0] == "cp":
            shutil.copy(command[1], command[2])
            continue
        result = run(app, *command[1:])
        assert result.exit_code == 0, f"{shlex.join(command)}\n{result.output}"
        outputs.append(result.output)
    assert outputs[0].startswith("Catalogue : ")  # the check names its catalogue first
    assert "Vu par le candidat :" in outputs[4] and any((tmp_path / "apercu").iterdir())
    exam = session.execute(select(ExamSession).where(ExamSession.name == "Examen de mars")).scalar_one()
    assert [box.candidate.username for box in exam.sandboxes] == ["candidat1", "candidat2"]
    for box in exam.sandboxes:
        assert f"bac à sable {box.id} : {box.candidate.username}" in outputs[5]
        assert session.get(SandboxSeeding, box.id) is not None
