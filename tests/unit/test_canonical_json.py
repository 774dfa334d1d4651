from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyadmin.journal.canonical import canonical_json, entry_hash


def test_canonical_json_sorts_keys_without_whitespace_and_writes_decimals_and_dates_as_text():
    value = {"b": Decimal("12.50"), "a": date(2026, 3, 2), "c": datetime(2026, 3, 2, 8, 30, tzinfo=UTC), "d": "é"}
    assert canonical_json(value) == '{"a":"2026-03-02","b":"12.50","c":"2026-03-02T08:30:00.000000Z","d":"é"}'


def test_floats_never_enter_the_journal():
    with pytest.raises(TypeError):
        canonical_json({"amount": 0.1})


def test_known_hash_of_a_known_entry():
    # sha256 of '{"a":1}' (check: printf '{"a":1}' | sha256sum)
    assert entry_hash({"a": 1}) == "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"


@given(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=5))
def test_same_facts_in_any_key_order_give_the_same_hash(facts):
    reversed_order = dict(reversed(list(facts.items())))
    assert entry_hash(facts) == entry_hash(reversed_order)
