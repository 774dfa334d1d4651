"""The evaluators' charts as geometry for inline SVG (server-rendered, no script, no inline style):
each chart is drawn by `templates/evaluation/charts.html` with presentation attributes, and given
with the same data as a table (its text alternative).

- Coverage: candidates × criteria, one cell per criterion coloured (and lettered) by what the journal
  shows — observed, not observed, no occasion yet, the evaluator's observation — and ringed when marked.
- Timeline: a candidate's steps on both clocks, real time across, the simulation's date up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from polyadmin.domain.evaluation import Observation
from polyadmin.domain.french import datetime_text, short_date
from polyadmin.services.evaluation import Activity, EvaluationSheet

CELL = 18
GAP = 2
LABEL_WIDTH = 150
HEADER_HEIGHT = 64

# What a cell says, by the journal's finding: its legend, its fill, its letter (colour is never alone).
STATES = {
    "observed": ("Observé", "#1f7a3a", "O"),
    "missed": ("Non observé", "#b3261e", "N"),
    "pending": ("Pas encore d'occasion", "#8a94a0", "–"),
    "manual": ("Observation de l'évaluateur", "#ffffff", "É"),
}


def state_of(observation: Observation) -> str:
    if observation.observed is None:
        return "manual" if observation.criterion.evidence.kind.value == "manual" else "pending"
    return "observed" if observation.observed else "missed"


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    fill: str
    letter: str
    marked: bool
    title: str


@dataclass(frozen=True)
class CoverageRow:
    y: int
    candidate: str
    sandbox_id: int
    cells: tuple[Cell, ...]
    states: tuple[tuple[str, str], ...]  # (criterion code, its legend + mark) for the table


@dataclass(frozen=True)
class Coverage:
    width: int
    height: int
    codes: tuple[tuple[int, str], ...]  # (x, criterion code) for the column labels
    rows: tuple[CoverageRow, ...]
    legend: tuple[tuple[str, str, str], ...]  # (label, fill, letter)


def coverage(sheets: list[EvaluationSheet]) -> Coverage:
    codes = [o.criterion.code for o in sheets[0].view.observations] if sheets else []
    rows = []
    for i, sheet in enumerate(sheets):
        y = HEADER_HEIGHT + i * (CELL + GAP)
        cells = []
        states = []
        for j, observation in enumerate(sheet.view.observations):
            label, fill, letter = STATES[state_of(observation)]
            mark = sheet.marks.get(observation.criterion.code)
            said = f"{label}, {mark.mark.label.lower()}" if mark else f"{label}, non apprécié"
            cells.append(
                Cell(
                    LABEL_WIDTH + j * (CELL + GAP),
                    y,
                    fill,
                    letter,
                    mark is not None,
                    f"{sheet.sandbox.candidate.display_name} — {observation.criterion.code} : {said}",
                )
            )
            states.append((observation.criterion.code, said))
        rows.append(CoverageRow(y, sheet.sandbox.candidate.display_name, sheet.sandbox.id, tuple(cells), tuple(states)))
    return Coverage(
        width=LABEL_WIDTH + len(codes) * (CELL + GAP) + 10,
        height=HEADER_HEIGHT + len(sheets) * (CELL + GAP) + 10,
        codes=tuple((LABEL_WIDTH + j * (CELL + GAP) + CELL // 2, code) for j, code in enumerate(codes)),
        rows=tuple(rows),
        legend=tuple(STATES.values()),
    )


TIMELINE_WIDTH = 640
TIMELINE_HEIGHT = 220
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 70, 620, 16, 180


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    seq: int
    title: str


@dataclass(frozen=True)
class Tick:
    at: float
    text: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    points: tuple[Point, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    steps: tuple[Activity, ...]


def _scale(value: float, low: float, high: float, start: float, end: float) -> float:
    if high <= low:
        return (start + end) / 2
    return round(start + (value - low) / (high - low) * (end - start), 1)


def timeline(activity: tuple[Activity, ...]) -> Timeline:
    dated = [step for step in activity if step.sandbox_date is not None]
    if not dated:
        return Timeline(TIMELINE_WIDTH, TIMELINE_HEIGHT, (), (), (), activity)
    first, last = dated[0].recorded_at, dated[-1].recorded_at
    low_day = min(step.sandbox_date for step in dated if step.sandbox_date)
    high_day = max(step.sandbox_date for step in dated if step.sandbox_date)

    def x_of(moment: datetime) -> float:
        return _scale((moment - first).total_seconds(), 0, (last - first).total_seconds(), PLOT_LEFT, PLOT_RIGHT)

    def y_of(day: date) -> float:
        return _scale(day.toordinal(), low_day.toordinal(), high_day.toordinal(), PLOT_BOTTOM, PLOT_TOP)

    points = tuple(
        Point(
            x_of(step.recorded_at),
            y_of(step.sandbox_date),
            step.seq,
            f"n° {step.seq} — {step.label} — simulation {short_date(step.sandbox_date)}, "
            f"{datetime_text(step.recorded_at)}",
        )
        for step in dated
        if step.sandbox_date is not None
    )
    x_ticks = (Tick(PLOT_LEFT, datetime_text(first)),) + (
        (Tick(PLOT_RIGHT, datetime_text(last)),) if last != first else ()
    )
    y_ticks = (Tick(PLOT_BOTTOM, short_date(low_day)),) + (
        (Tick(PLOT_TOP, short_date(high_day)),) if high_day != low_day else ()
    )
    return Timeline(TIMELINE_WIDTH, TIMELINE_HEIGHT, points, x_ticks, y_ticks, activity)
