"""The replay's arithmetic on states: applying changes, the difference of two states, the digest and the
stored form (no database)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from polyadmin.domain.replay import (
    RowChange,
    apply_changes,
    pack_state,
    row_count,
    state_diff,
    state_digest,
    unpack_state,
)


def seeded():
    return {
        "clients": {1: {"id": 1, "city": "NANTES", "version": 1}, 2: {"id": 2, "city": "BREST", "version": 1}},
        "sandboxes": {7: {"id": 7, "business_date": "2026-03-02"}},
    }


def test_changes_apply_in_order_and_the_diff_gives_them_back():
    state = seeded()
    changes = [
        RowChange("clients", 1, "update", {"city": "NANTES", "version": 1}, {"city": "QUIMPER", "version": 2}),
        RowChange("document_checks", 4, "insert", None, {"id": 4, "verdict": "non_conforme"}),
        RowChange("clients", 2, "delete", {"id": 2, "city": "BREST", "version": 1}, None),
    ]
    assert apply_changes(state, changes) == []
    assert state["clients"] == {1: {"id": 1, "city": "QUIMPER", "version": 2}}
    assert state["document_checks"] == {4: {"id": 4, "verdict": "non_conforme"}}
    assert state_diff(seeded(), state) == [
        RowChange("clients", 1, "update", {"city": "NANTES", "version": 1}, {"city": "QUIMPER", "version": 2}),
        RowChange("clients", 2, "delete", {"id": 2, "city": "BREST", "version": 1}, None),
        RowChange("document_checks", 4, "insert", None, {"id": 4, "verdict": "non_conforme"}),
    ]
    assert state_diff(state, state) == []


def test_a_change_that_does_not_fit_the_state_is_a_problem():
    state = seeded()
    problems = apply_changes(
        state,
        [RowChange("clients", 9, "update", {}, {"city": "X"}), RowChange("vehicles", 3, "delete", {"id": 3}, None)],
    )
    assert problems == [
        "Modification d'un enregistrement absent : clients n° 9.",
        "Suppression d'un enregistrement absent : vehicles n° 3.",
    ]
    assert "vehicles" not in state  # an emptied table disappears: same digest as never there


def test_the_digest_follows_the_content_not_the_order_of_insertion():
    state = seeded()
    reordered = {"sandboxes": dict(state["sandboxes"]), "clients": {2: state["clients"][2], 1: state["clients"][1]}}
    assert state_digest(state) == state_digest(reordered)
    changed = seeded()
    changed["clients"][2]["city"] = "LORIENT"
    assert state_digest(changed) != state_digest(state)
    assert row_count(state) == 3


def test_the_stored_form_gives_back_the_state_its_lines_and_its_digest():
    state = seeded()
    packed, digest = pack_state(state)
    unpacked, lines, read_digest = unpack_state(packed)
    assert unpacked == state and read_digest == digest == state_digest(state)
    # Known lines are reused; a changed row loses its line and is encoded again.
    apply_changes(unpacked, [RowChange("clients", 1, "update", {"city": "NANTES"}, {"city": "VANNES"})], lines)
    assert ("clients", 1) not in lines and ("clients", 2) in lines
    assert state_digest(unpacked, lines) == state_digest(unpacked)


values = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**31), 2**31), st.text(max_size=8), st.sampled_from(["a\u2028b", "c\x85d"])
)
# A table's rows always hold all its columns (as read from the database).
rows = st.fixed_dictionaries({"city": values, "status": values, "amount": values})
states = st.dictionaries(
    st.sampled_from(["clients", "vehicles", "referrals"]),
    st.dictionaries(st.integers(1, 20), rows, min_size=1, max_size=5),
    max_size=3,
)


@settings(deadline=None)  # the shared machine may be slow; the property matters, not the time
@given(states, states)
def test_applying_the_diff_of_two_states_turns_one_into_the_other(old, new):
    for table in (old, new):
        for records in table.values():
            for row_id, row in records.items():
                row["id"] = row_id
    state = {name: {row_id: dict(row) for row_id, row in records.items()} for name, records in old.items()}
    assert apply_changes(state, state_diff(old, new)) == []
    assert state_digest(state) == state_digest(new)
    packed, digest = pack_state(new)
    assert unpack_state(packed)[0] == new and digest == state_digest(new)
