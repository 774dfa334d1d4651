"""The decision-aid score (score d'aide à la décision): a small logistic model of claim frequency.

    log-odds = intercept + Σ term contributions        probability = 1 / (1 + e^(−log-odds))

Each term adds its weight when its condition holds (`when`), or its weight per unit of a numeric fact
(`fact`, optionally capped). The coefficients are data in each product's rules file, set by hand from
the underwriting guidelines (not trained on any data set) and explained in docs/rules.md, so every
point of the score can be traced to a line a trainer wrote. It is an aid shown beside the rules,
never a decision. Decimal arithmetic throughout (Decimal.exp), rounded once at the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from polyadmin.domain.acceptance import Predicate

PROBABILITY_PLACES = Decimal("0.0001")
POINTS_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class ScoreTerm:
    label: str
    weight: Decimal
    when: Predicate | None = None
    fact: str | None = None  # per unit of this numeric fact (instead of `when`)
    cap: Decimal | None = None  # at most this many units count


@dataclass(frozen=True)
class ScoreLevel:
    label: str
    maximum: Decimal | None = None  # probability up to which this level applies (None: the last level)


@dataclass(frozen=True)
class ScoreModel:
    label: str
    intercept: Decimal
    terms: tuple[ScoreTerm, ...]
    levels: tuple[ScoreLevel, ...]


@dataclass(frozen=True)
class Contribution:
    label: str
    points: Decimal  # in log-odds, rounded to the hundredth for display
    values: dict[str, Any]


@dataclass(frozen=True)
class Score:
    label: str
    probability: Decimal
    log_odds: Decimal
    level: str
    contributions: tuple[Contribution, ...]  # the terms that added something, largest effect first


def score(model: ScoreModel, facts: Mapping[str, Any]) -> Score:
    contributions = []
    total = model.intercept
    for term in model.terms:
        points, values = _term_points(term, facts)
        if points:
            total += points
            contributions.append(Contribution(term.label, points.quantize(POINTS_PLACES, ROUND_HALF_UP), values))
    probability = logistic(total)
    level = next(
        (lvl.label for lvl in model.levels if lvl.maximum is None or probability <= lvl.maximum),
        model.levels[-1].label if model.levels else "",
    )
    contributions.sort(key=lambda c: abs(c.points), reverse=True)
    return Score(model.label, probability, total.quantize(POINTS_PLACES, ROUND_HALF_UP), level, tuple(contributions))


def _term_points(term: ScoreTerm, facts: Mapping[str, Any]) -> tuple[Decimal, dict[str, Any]]:
    if term.fact is not None:
        value = facts.get(term.fact)
        if value is None or isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            return Decimal(0), {}
        units = Decimal(value)
        if term.cap is not None:
            units = min(units, term.cap)
        return term.weight * units, {term.fact: value}
    if term.when is not None and term.when.holds(facts):
        return term.weight, {name: facts.get(name) for name in term.when.facts_used()}
    return Decimal(0), {}


def logistic(log_odds: Decimal) -> Decimal:
    """1 / (1 + e^(−x)) to four decimal places (half up), computed in Decimal."""
    with localcontext() as context:
        context.prec = 28
        value = Decimal(1) / (Decimal(1) + (-log_odds).exp())
    return value.quantize(PROBABILITY_PLACES, ROUND_HALF_UP)
