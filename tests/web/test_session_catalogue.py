"""The session page shows which catalogue the session is pinned to (short hash and product versions)."""

from __future__ import annotations

from polyadmin.store.models import ExamSession
from tests.helpers.web import text


def test_session_detail_shows_the_pinned_catalogue(login_as, world, session):
    snapshot = session.get(ExamSession, world.exam_session_id).catalogue_snapshot
    assert snapshot is not None
    body = text(login_as("formatrice").get(f"/sessions/{world.exam_session_id}"))
    assert f'<code title="{snapshot.content_hash}">{snapshot.short_hash}</code>' in body
    versions = ", ".join(f"{code} {version}" for code, version in snapshot.product_versions.items())
    assert f"({versions})" in body
