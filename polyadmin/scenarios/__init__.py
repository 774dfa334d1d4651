"""Exam scenarios (scenarios/*.yaml): read exactly, validated, cross-checked against a catalogue, hashed.

Public API (used by `polyadmin scenario check FILE` and `polyadmin seed`):
- `load_scenario(path, catalogue) -> LoadedScenario(scenario, document, content_hash)`, raising
  `ScenarioInvalid(problems)` with every problem, each with its line, column and readable path;
- `check_scenario(path, catalogue) -> list[ScenarioProblem]` (empty when valid);
- `check_scenario_text(name, text, catalogue) -> list[ScenarioProblem]` for a text not saved as a file;
- `scenario_from_document(document, catalogue)` for a scenario stored by a sandbox (canonical JSON).
The format is described for trainers in docs/scenarios.md.
"""

from polyadmin.scenarios.loader import (
    LoadedScenario,
    ScenarioInvalid,
    ScenarioProblem,
    check_scenario,
    check_scenario_text,
    load_scenario,
    locate_problems,
    read_document,
    read_source,
    scenario_from_document,
)

__all__ = [
    "LoadedScenario",
    "ScenarioInvalid",
    "ScenarioProblem",
    "check_scenario",
    "check_scenario_text",
    "load_scenario",
    "locate_problems",
    "read_document",
    "read_source",
    "scenario_from_document",
]
