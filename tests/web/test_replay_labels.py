"""Every table and column the « Rejouer » page shows, after the journal tour (every sandbox action), has
its French label: no raw snake_case name of a table or a column on the page."""

from __future__ import annotations

import re

from sqlalchemy import select

from polyadmin.services import replay
from polyadmin.store.models import JournalEntry
from polyadmin.web.replay.labels import FIELD_LABELS, TABLE_LABELS
from polyadmin.web.replay.routes import HIDDEN_COLUMNS
from tests.helpers.journal_tour import tour
from tests.helpers.web import login

SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
TAGS = re.compile(r"<[^>]*>")
HEADERS = re.compile(r"<(?:th|h2|h3|caption|dt|a)[^>]*>(.*?)</(?:th|h2|h3|caption|dt|a)>", re.S)


def test_every_replayed_table_and_column_has_a_french_label(client, session, world, app):
    box = tour(session, world, app.config)
    stream = f"sandbox:{box.id}"
    entries = session.execute(select(JournalEntry).where(JournalEntry.stream == stream).order_by(JournalEntry.seq))
    seqs = {entry.action: entry.seq for entry in entries.scalars()}
    before_reset = seqs["sandbox.reset"] - 1
    step = replay.state_at(session, world.trainer, box.id, before_reset)
    shown = {table: set(next(iter(rows.values()))) - HIDDEN_COLUMNS for table, rows in step.state.items() if rows}
    for seq in range(1, seqs["sandbox.reset"] + 1):
        for change in replay.changes_of(session, stream, seq):
            shown.setdefault(change.table, set()).update(
                (set(change.before or {}) | set(change.after or {})) - HIDDEN_COLUMNS
            )
    assert {"quotes", "contracts", "tasks", "client_documents", "sepa_mandates"} <= set(shown)
    missing = sorted(set(shown) - set(TABLE_LABELS))
    unlabelled0 = sorted(f"{t}.{c}" for t, cs in shown.items() for c in cs - set(FIELD_LABELS))
    assert missing == [], (missing, unlabelled0)
    unlabelled = sorted(
        f"{table}.{column}" for table, columns in shown.items() for column in columns - set(FIELD_LABELS)
    )
    assert unlabelled == [], unlabelled

    login(client, "formatrice")
    for table in shown:
        page = client.get(f"/sandboxes/{box.id}/replay/{before_reset}?table={table}")
        assert page.status_code == 200
        headings = " ".join(HEADERS.findall(page.get_data(as_text=True)))
        assert not SNAKE.findall(headings), (table, SNAKE.findall(headings))
    reset_page = client.get(f"/sandboxes/{box.id}/replay/{seqs['sandbox.reset']}").get_data(as_text=True)
    visible = TAGS.sub(" ", reset_page)  # what a reader sees (not the links' addresses)
    assert not [word for word in SNAKE.findall(visible) if word in shown], "a raw table name on the page"
    assert not SNAKE.findall(" ".join(HEADERS.findall(reset_page)))
