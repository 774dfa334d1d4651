"""A trainer without a shell uploads a product, rules or scenario file: the problems, then the load (journaled)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from sqlalchemy import select

from polyadmin.services.catalogue import latest_snapshot
from polyadmin.store.models import JournalEntry
from tests.helpers.databases import TEST_CATALOGUE
from tests.helpers.web import csrf_token, text

PRODUCT = TEST_CATALOGUE / "habitation_essai.yaml"
APERCU = Path(__file__).resolve().parents[1] / "data" / "preview" / "apercu.yaml"


def configured(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(TEST_CATALOGUE, tmp_path / "products")
    app.config["CATALOGUE_PATH"] = tmp_path / "products"


def send(client, kind: str, name: str, content: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/catalogues/envoi")
    return client.post(
        "/catalogues/envoi",
        data={"csrf_token": token, "action": "check", "kind": kind, "file": (io.BytesIO(content.encode()), name)},
        content_type="multipart/form-data",
    )


def test_a_broken_product_file_shows_every_problem_and_loads_nothing(app, login_as, world, session, tmp_path):
    configured(app, tmp_path)
    client = login_as("formatrice")
    broken = PRODUCT.read_text(encoding="utf-8").replace("factor: 0.95", "factor: 1.2.3")
    response = send(client, "product", "habitation_essai.yaml", broken)
    assert response.status_code == 422
    body = text(response)
    assert "habitation_essai.yaml : 1 problème(s)" in body
    assert "habitation_essai.yaml: modifiers[0].factor: Nombre exact attendu" in body
    assert "Charger dans le catalogue" not in body


def test_a_valid_product_file_is_checked_then_loaded_and_journaled(app, login_as, world, session, tmp_path):
    configured(app, tmp_path)
    client = login_as("formatrice")
    content = PRODUCT.read_text(encoding="utf-8").replace('version: "2026.1"', 'version: "2026.9"')
    checked = send(client, "product", "habitation_essai.yaml", content)
    assert checked.status_code == 200
    body = text(checked)
    assert "habitation_essai.yaml est valide" in body and "HAB_ESSAI version 2026.9" in body
    token = csrf_token(client, "/catalogues/envoi")
    loaded = client.post(
        "/catalogues/envoi",
        data={
            "csrf_token": token,
            "action": "load",
            "kind": "product",
            "filename": "habitation_essai.yaml",
            "content": content,
        },
    )
    assert loaded.status_code == 302
    current = latest_snapshot(session)
    assert current.product_versions == {"HAB_ESSAI": "2026.9"}
    entry = session.execute(
        select(JournalEntry).where(JournalEntry.action == "catalogue.load", JournalEntry.record_id == current.id)
    ).scalar_one()
    assert entry.stream == "platform" and entry.actor_username == "formatrice"
    assert entry.input == {"source": "envoi web : products/habitation_essai.yaml"}


def test_a_scenario_is_checked_with_the_current_catalogue_and_bad_input_is_refused(app, login_as, world, tmp_path):
    configured(app, tmp_path)
    client = login_as("formatrice")
    checked = send(client, "scenario", "apercu.yaml", APERCU.read_text(encoding="utf-8"))
    assert checked.status_code == 200 and "Scénario apercu (graine 5)" in text(checked)
    assert send(client, "scenario", "../x.yaml", "a: 1").status_code == 422
    empty = send(client, "product", "vide.yaml", "")
    assert empty.status_code == 422 and "Le fichier est vide." in text(empty)
