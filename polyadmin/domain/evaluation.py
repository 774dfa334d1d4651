"""The evaluation grid (grille d'évaluation): the referential's criteria and the automatic evidence the
journal holds for each, by rules that are data (rules/evaluation/grid.yaml).

An evidence rule reads journal entries (action, record, input, outcome, sandbox date) and returns the
entries it rests on, so the evaluator goes from a criterion to the steps of the replay. It observes;
the evaluator marks. Pure: the evaluation service reads the sandbox's journal and calls `evaluate`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class EvidenceKind(StrEnum):
    """How a criterion's evidence is found in the journal."""

    ANY = "any"  # at least one entry of the actions
    BEFORE_DECISION = "before_decision"  # on every decided request, one of the actions before its decision
    AFTER_ANSWER = "after_answer"  # a decision taken after the expert's answer on the same request
    DECISIONS_JUSTIFIED = "decisions_justified"  # every decision follows the rules, or says why it does not
    DEADLINES_MET = "deadlines_met"  # every decision taken by its request's processing deadline
    RIGHT_EXPERT = "right_expert"  # every referral goes to an expert the analysis named
    FOLLOWED_BY = "followed_by"  # every entry of the actions is followed by one of `then` on the same record
    MANUAL = "manual"  # no automatic evidence (yet): the evaluator's observation only


class Mark(StrEnum):
    ACQUIRED = "acquis"
    IN_PROGRESS = "en_cours"
    NOT_ACQUIRED = "non_acquis"

    @property
    def label(self) -> str:
        return MARK_LABELS[self]


MARK_LABELS = {Mark.ACQUIRED: "Acquis", Mark.IN_PROGRESS: "En cours d'acquisition", Mark.NOT_ACQUIRED: "Non acquis"}


class Decision(StrEnum):
    """The committee's overall decision on a block of competences (décision du jury)."""

    VALIDATED = "valide"
    NOT_VALIDATED = "non_valide"
    DEFERRED = "ajourne"

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]


DECISION_LABELS = {Decision.VALIDATED: "Validé", Decision.NOT_VALIDATED: "Non validé", Decision.DEFERRED: "Ajourné"}

# The referential's blocks, by the prefix of their competences' codes (C1.8 → block 1, C2A.3 → block 2A).
BLOCKS: dict[str, str] = {
    "1": "Bloc 1 — Relation client et qualité de service",
    "2A": "Bloc 2A — Souscription (option)",
}


def block_of(competence_code: str) -> str:
    """The block a competence belongs to: C1.8 → "1", C2A.1 → "2A"."""
    return competence_code[1:].split(".", 1)[0]


@dataclass(frozen=True)
class Entry:
    """A journal entry as the grid reads it."""

    seq: int
    action: str
    record: str | None  # "request:12"
    sandbox_date: date | None
    input: Mapping[str, Any] = field(default_factory=dict)
    outcome: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EvidenceRule:
    kind: EvidenceKind
    actions: tuple[str, ...] = ()
    where: Mapping[str, Any] = field(default_factory=dict)  # input/outcome values an entry must carry
    at_least: Mapping[str, int] = field(default_factory=dict)  # input/outcome lists with at least n items
    then: tuple[str, ...] = ()  # followed_by: the actions that must follow, on the same record


@dataclass(frozen=True)
class Criterion:
    code: str  # C2A.1-1
    competence: str  # C2A.1
    label: str
    evidence: EvidenceRule


@dataclass(frozen=True)
class Competence:
    code: str
    label: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Grid:
    competences: tuple[Competence, ...]

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(criterion for competence in self.competences for criterion in competence.criteria)

    def criterion(self, code: str) -> Criterion | None:
        return next((criterion for criterion in self.criteria if criterion.code == code), None)


@dataclass(frozen=True)
class Observation:
    """What the journal shows for one criterion: `observed` is None when nothing can be said (manual
    criterion, or no occasion yet: no decision taken), True/False otherwise, with the entries."""

    criterion: Criterion
    observed: bool | None
    evidence: tuple[int, ...]  # journal sequence numbers
    missing: tuple[str, ...] = ()  # records (request:12) where the rule was not met


def evaluate(grid: Grid, entries: Sequence[Entry]) -> tuple[Observation, ...]:
    ordered = sorted(entries, key=lambda entry: entry.seq)
    return tuple(_observe(criterion, ordered) for criterion in grid.criteria)


def _matches(entry: Entry, rule: EvidenceRule) -> bool:
    if rule.actions and entry.action not in rule.actions:
        return False
    for key, expected in rule.where.items():
        found = entry.input.get(key, entry.outcome.get(key))
        if isinstance(expected, (list, tuple)) and found not in expected:
            return False
        if not isinstance(expected, (list, tuple)) and found != expected:
            return False
    for key, count in rule.at_least.items():
        found = entry.input.get(key, entry.outcome.get(key))
        if not isinstance(found, (list, tuple)) or len(found) < count:
            return False
    return True


def _followed(criterion: Criterion, entries: Sequence[Entry]) -> Observation:
    """Each entry of the rule's actions, then one of its `then` actions on the same record, later."""
    rule = criterion.evidence
    starts = [entry for entry in entries if _matches(entry, rule)]
    if not starts:
        return Observation(criterion, None, ())
    evidence: list[int] = []
    missing: list[str] = []
    for start in starts:
        after = [
            entry.seq
            for entry in entries
            if entry.seq > start.seq and entry.record == start.record and entry.action in rule.then
        ]
        evidence.append(start.seq)
        if after:
            evidence.append(after[0])
        else:
            missing.append(start.record or "")
    return Observation(criterion, not missing, tuple(sorted(set(evidence))), tuple(missing))


def _decisions(entries: Iterable[Entry]) -> list[Entry]:
    return [entry for entry in entries if entry.action == "request.decision"]


def _observe(criterion: Criterion, entries: Sequence[Entry]) -> Observation:
    rule = criterion.evidence
    if rule.kind is EvidenceKind.MANUAL:
        return Observation(criterion, None, ())
    if rule.kind is EvidenceKind.ANY:
        found = tuple(entry.seq for entry in entries if _matches(entry, rule))
        return Observation(criterion, bool(found), found)
    if rule.kind is EvidenceKind.FOLLOWED_BY:
        return _followed(criterion, entries)
    if rule.kind is EvidenceKind.RIGHT_EXPERT:
        referrals = [entry for entry in entries if entry.action == "referral.send"]
        if not referrals:
            return Observation(criterion, None, ())
        wrong = [r for r in referrals if r.input.get("expert") not in (r.outcome.get("recommended_experts") or ())]
        return _verdict(criterion, referrals, wrong)
    decisions = _decisions(entries)
    if not decisions:
        return Observation(criterion, None, ())
    if rule.kind is EvidenceKind.BEFORE_DECISION:
        return _per_decision(criterion, entries, decisions, lambda entry: _matches(entry, rule))
    if rule.kind is EvidenceKind.AFTER_ANSWER:
        answered = {entry.record for entry in entries if entry.action == "referral.answer"}
        relevant = [decision for decision in decisions if decision.record in answered]
        if not relevant:
            return Observation(criterion, None, ())
        return _per_decision(criterion, entries, relevant, lambda entry: entry.action == "referral.answer")
    if rule.kind is EvidenceKind.DECISIONS_JUSTIFIED:
        bad = [d for d in decisions if d.outcome.get("overridden") and not (d.input.get("justification") or "")]
        return _verdict(criterion, decisions, bad)
    if rule.kind is EvidenceKind.DEADLINES_MET:
        late = [d for d in decisions if _late(d)]
        return _verdict(criterion, decisions, late)
    raise ValueError(f"unknown evidence kind {rule.kind}")


def _late(decision: Entry) -> bool:
    deadline = decision.outcome.get("deadline")
    if not isinstance(deadline, str) or decision.sandbox_date is None:
        return False
    return decision.sandbox_date > date.fromisoformat(deadline)


def _verdict(criterion: Criterion, considered: Sequence[Entry], failing: Sequence[Entry]) -> Observation:
    return Observation(
        criterion,
        not failing,
        tuple(entry.seq for entry in considered),
        tuple(entry.record or "" for entry in failing),
    )


def _per_decision(
    criterion: Criterion, entries: Sequence[Entry], decisions: Sequence[Entry], wanted: Any
) -> Observation:
    """On each decided request, an entry that `wanted` accepts, on the same record, before the decision."""
    evidence: list[int] = []
    missing: list[str] = []
    for decision in decisions:
        before = [
            entry.seq
            for entry in entries
            if entry.seq < decision.seq and entry.record == decision.record and wanted(entry)
        ]
        if before:
            evidence.extend(before)
            evidence.append(decision.seq)
        else:
            missing.append(decision.record or "")
    return Observation(criterion, not missing, tuple(sorted(set(evidence))), tuple(missing))
