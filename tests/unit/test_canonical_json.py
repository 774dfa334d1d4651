"""polyadmin.domain.canonical: the one encoding behind the journal, catalogue, scenario and seeding hashes."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyadmin.domain.canonical import canonical_hash, canonical_json, instant_text, lines_hash, sha256_hex
from polyadmin.journal.canonical import entry_hash


class Colour(Enum):
    RED = "rouge"


def test_canonical_json_sorts_keys_without_whitespace_and_writes_decimals_and_dates_as_text():
    value = {"b": Decimal("12.50"), "a": date(2026, 3, 2), "c": datetime(2026, 3, 2, 8, 30, tzinfo=UTC), "d": "é"}
    assert canonical_json(value) == '{"a":"2026-03-02","b":"12.50","c":"2026-03-02T08:30:00.000000Z","d":"é"}'


def test_floats_never_enter_the_journal():
    with pytest.raises(TypeError):
        canonical_json({"amount": 0.1})


def test_unknown_types_are_refused():
    with pytest.raises(TypeError):
        canonical_json({"what": object()})


def test_sets_are_sorted_and_enums_written_as_their_value():
    assert canonical_json({"s": {3, 1, 2}, "e": Colour.RED, "t": (1, 2)}) == '{"e":"rouge","s":[1,2,3],"t":[1,2]}'


def test_instants_are_written_in_utc_with_microseconds():
    from zoneinfo import ZoneInfo

    paris = datetime(2026, 7, 1, 10, 0, 0, 5, tzinfo=ZoneInfo("Europe/Paris"))
    assert instant_text(paris) == "2026-07-01T08:00:00.000005Z"


def test_unchecked_mode_writes_the_same_text_for_rows_keyed_by_text():
    row = {"z": [Decimal("1.10"), date(2026, 1, 31)], "a": {"b": None, "c": True}, "n": 3, "e": Colour.RED}
    assert canonical_json(row, checked=False) == canonical_json(row)


def test_a_plain_document_is_written_as_json_dumps_sorted_and_compact():
    # The catalogue and scenario content hashes were computed this way before the module existed.
    document = {"products": {"auto.yaml": {"code": "AUTO", "rate": "1.5", "list": [1, "é"]}}, "taxes": None}
    assert canonical_json(document) == json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def test_known_hash_of_a_known_entry():
    # sha256 of '{"a":1}' (check: printf '{"a":1}' | sha256sum)
    known = "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"
    assert entry_hash({"a": 1}) == known
    assert canonical_hash({"a": 1}) == known
    assert sha256_hex('{"a":1}') == known


def test_lines_hash_is_the_hash_of_the_lines_joined():
    lines = ["clients\t{}\n", 'contracts\t{"a":1}\n']
    assert lines_hash(lines) == sha256_hex("".join(lines))
    assert lines_hash([]) == sha256_hex("")


@given(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=5))
def test_same_facts_in_any_key_order_give_the_same_hash(facts):
    reversed_order = dict(reversed(list(facts.items())))
    assert entry_hash(facts) == entry_hash(reversed_order)
