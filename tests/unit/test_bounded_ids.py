"""The `<int:…>` converter's regular expression matches exactly the numbers a database integer holds."""

from __future__ import annotations

import random
import re

import pytest

from polyadmin.inputs import MAX_DATABASE_ID, digits_at_most, text_problem


@pytest.mark.parametrize("limit", [0, 7, 10, 199, 909, 2000, MAX_DATABASE_ID, 2**63 - 1])
def test_digits_at_most_matches_exactly_zero_to_the_limit(limit):
    pattern = re.compile(digits_at_most(limit))
    rng = random.Random(limit)
    numbers = [
        *range(0, 2100),
        limit - 1,
        limit,
        limit + 1,
        limit * 10,
        *(rng.randrange(0, 4 * limit + 10) for _ in range(5000)),
    ]
    for number in numbers:
        if number >= 0:
            assert bool(pattern.fullmatch(str(number))) is (number <= limit), number


def test_only_ascii_digits_are_ids():
    assert re.fullmatch(digits_at_most(MAX_DATABASE_ID), "\u0661\u0662") is None  # Arabic-Indic « 12 »


@pytest.mark.parametrize(
    ("text", "refused"),
    [("Dupont", False), ("", False), ("é€😀", False), ("a\x00b", True), ("\ud800", True), ("x\udfff", True)],
)
def test_text_problem_finds_nul_and_lone_surrogates(text, refused):
    assert (text_problem(text) is not None) is refused
