"""The trainer's catalogue versions page (current version, comparison) and the session form's version choice."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from polyadmin.domain.roles import Actor
from polyadmin.services.catalogue import latest_snapshot, load_catalogue
from polyadmin.store.models import ExamSession
from tests.helpers.databases import TEST_CATALOGUE
from tests.helpers.web import post_form, text


def load_essai(session, tmp_path: Path, version: str, base: str = "80.00"):  # type: ignore[no-untyped-def]
    folder = tmp_path / f"products-{version}"
    shutil.copytree(TEST_CATALOGUE, folder)
    product = folder / "habitation_essai.yaml"
    content = product.read_text(encoding="utf-8")
    product.write_text(
        content.replace('version: "2026.1"', f'version: "{version}"').replace("base: 80.00", f"base: {base}"),
        encoding="utf-8",
    )
    return load_catalogue(session, Actor.system(), folder)


def test_the_versions_page_marks_the_current_one_and_compares_two(login_as, world, session, tmp_path):
    first = load_essai(session, tmp_path, "2026.7")
    second = load_essai(session, tmp_path, "2026.8", base="95.00")
    client = login_as("formatrice")
    body = text(client.get("/catalogues"))
    assert first.short_hash in body and second.short_hash in body
    assert body.count("<strong>Courante</strong>") == 1
    page = client.get(f"/catalogues?before={first.content_hash}&after={second.content_hash}")
    assert page.status_code == 200
    compared = text(page)
    assert "Garanties" in compared and "<code>guarantees.incendie.premium[1].base</code>" in compared
    assert "<td>80.00</td>" in compared and "<td>95.00</td>" in compared
    refused = client.get("/catalogues?before=zz&after=")
    assert refused.status_code == 422
    assert "Aucun catalogue chargé n&#39;a l&#39;empreinte « zz »" in text(refused)


def test_the_session_form_chooses_a_catalogue_version(login_as, world, session, tmp_path):
    older = load_essai(session, tmp_path, "2026.7")
    load_essai(session, tmp_path, "2026.8", base="95.00")
    assert latest_snapshot(session).id != older.id
    client = login_as("formatrice")
    form = text(client.get("/sessions/new"))
    assert '<option value="">Catalogue courant</option>' in form
    assert f'<option value="{older.content_hash}">{older.short_hash} (HAB_ESSAI 2026.7)</option>' in form
    response = post_form(
        client,
        "/sessions/new",
        {"name": "Ancienne version", "candidates": "candidat3", "catalogue": older.content_hash},
    )
    assert response.status_code == 302, text(response)
    exam = session.execute(select(ExamSession).where(ExamSession.name == "Ancienne version")).scalar_one()
    assert exam.catalogue_snapshot_id == older.id
    default = post_form(client, "/sessions/new", {"name": "Par défaut", "candidates": "candidat3"})
    assert default.status_code == 302
    exam = session.execute(select(ExamSession).where(ExamSession.name == "Par défaut")).scalar_one()
    assert exam.catalogue_snapshot_id == latest_snapshot(session).id
