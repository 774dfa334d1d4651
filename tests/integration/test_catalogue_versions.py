"""Catalogue versions that mean something: a label names one content, a reverted file is current again,
`polyadmin catalogue diff`, and the scenario check naming its catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from polyadmin.catalogue import load_directory
from polyadmin.services.catalogue import latest_snapshot
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.models import CatalogueSnapshot, JournalEntry
from tests.helpers.cli import run
from tests.helpers.databases import TEST_CATALOGUE

PRODUCT_FILE = "habitation_essai.yaml"
MINI = Path(__file__).resolve().parents[1] / "data" / "seeding" / "mini.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "products"
    shutil.copytree(TEST_CATALOGUE, target)
    edit(target / PRODUCT_FILE, 'version: "2026.1"', 'version: "2026.4"')
    return target


def count(session) -> int:  # type: ignore[no-untyped-def]
    return session.execute(select(func.count()).select_from(CatalogueSnapshot)).scalar_one()


def test_a_label_already_naming_another_content_is_refused_with_the_reason(app, session, copy):
    assert run(app, "catalogue", "load", str(copy)).exit_code == 0
    first = load_directory(copy).content_hash
    before = count(session)
    edit(copy / PRODUCT_FILE, "base: 80.00", "base: 85.00")
    refused = run(app, "catalogue", "load", str(copy))
    assert refused.exit_code == 2
    assert refused.output.startswith(
        "Erreur : Chargement refusé : la version « 2026.4 » du produit HAB_ESSAI (habitation_essai.yaml) désigne "
        f"déjà un autre contenu (catalogue {first[:12]})"
    )
    assert "nouveau libellé" in refused.output
    assert count(session) == before
    assert latest_snapshot(session).content_hash == first


def test_a_reverted_file_loaded_again_is_current_again_and_journaled(app, session, world, copy):
    assert run(app, "catalogue", "load", str(copy)).exit_code == 0
    first = latest_snapshot(session)
    edit(copy / PRODUCT_FILE, "base: 80.00", "base: 85.00")
    edit(copy / PRODUCT_FILE, 'version: "2026.4"', 'version: "2026.5"')
    assert run(app, "catalogue", "load", str(copy)).exit_code == 0
    second = latest_snapshot(session)
    assert second.id != first.id
    # The trainer puts the file back as it was.
    edit(copy / PRODUCT_FILE, "base: 85.00", "base: 80.00")
    edit(copy / PRODUCT_FILE, 'version: "2026.5"', 'version: "2026.4"')
    again = run(app, "catalogue", "load", str(copy), "--user", "formatrice")
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[0] == f"Catalogue déjà chargé, de nouveau courant : {first.content_hash}"
    assert latest_snapshot(session).id == first.id
    entry = session.execute(select(JournalEntry).where(JournalEntry.action == "catalogue.reinstate")).scalar_one()
    assert entry.stream == "platform" and entry.actor_username == "formatrice"
    assert entry.outcome["content_hash"] == first.content_hash
    assert entry.outcome["replaces"] == second.content_hash
    # New sessions pin it; a third load of the same files changes nothing.
    exam = create_exam_session(session, world.trainer, {"name": "Après retour", "candidates": []})
    assert exam.catalogue_snapshot_id == first.id
    third = run(app, "catalogue", "load", str(copy))
    assert third.output.splitlines()[0] == f"Catalogue déjà chargé (aucun changement) : {first.content_hash}"
    listed = run(app, "catalogue", "list").output.splitlines()
    assert [line for line in listed if line.endswith("[courant]")] == [
        line for line in listed if line.startswith(first.content_hash)
    ]


def test_diff_lists_what_changed_between_two_versions(app, session, copy):
    assert run(app, "catalogue", "load", str(copy)).exit_code == 0
    first = latest_snapshot(session).content_hash
    edit(copy / PRODUCT_FILE, "base: 80.00", "base: 85.00")
    edit(copy / PRODUCT_FILE, 'version: "2026.4"', 'version: "2026.5"')
    edit(copy / PRODUCT_FILE, '"44": 1.00', '"44": 1.05')
    assert run(app, "catalogue", "load", str(copy)).exit_code == 0
    second = latest_snapshot(session).content_hash
    result = run(app, "catalogue", "diff", first[:10], second)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Du catalogue {first[:12]} (HAB_ESSAI 2026.4)",
        f"au catalogue {second[:12]} (HAB_ESSAI 2026.5) :",
        "Produits et versions :",
        "  HAB_ESSAI version : 2026.4 → 2026.5",
        "Tables de tarif :",
        "  HAB_ESSAI tables.zone.entries.44 : 1.00 → 1.05",
        "Garanties :",
        "  HAB_ESSAI guarantees.incendie.premium[1].base : 80.00 → 85.00",
    ]
    same = run(app, "catalogue", "diff", first, first)
    assert same.output.splitlines()[-1] == "Aucune différence."
    unknown = run(app, "catalogue", "diff", "deadbeef00", second)
    assert unknown.exit_code == 2 and "Aucun catalogue chargé n'a l'empreinte « deadbeef00 »" in unknown.output


def test_scenario_check_names_its_catalogue_in_its_first_line(app, session, tmp_path):
    current = latest_snapshot(session)
    result = run(app, "scenario", "check", str(MINI))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith(f"Catalogue : {current.short_hash}, catalogue courant (")
    folder = run(app, "scenario", "check", str(MINI), "--catalogue", str(TEST_CATALOGUE))
    assert folder.output.splitlines()[0] == f"Catalogue : fichiers du dossier {TEST_CATALOGUE}"
