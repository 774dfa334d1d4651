"""`polyadmin catalogue check | load | list | pin`, and the pinning it serves: a session keeps its snapshot."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from polyadmin.catalogue import load_directory
from polyadmin.cli import cli
from polyadmin.domain.errors import Conflict
from polyadmin.services.catalogue import catalogue_for, latest_snapshot, price_product
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.store.models import CatalogueSnapshot, ExamSession, JournalEntry
from tests.helpers.databases import CATALOGUE, TEST_CATALOGUE

PRODUCT_FILE = "habitation_essai.yaml"


def run(app, *args):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)


def snapshot_count(session) -> int:  # type: ignore[no-untyped-def]
    return session.execute(select(func.count()).select_from(CatalogueSnapshot)).scalar_one()


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the small test catalogue, as a version no test database holds yet (2026.2)."""
    target = tmp_path / "products"
    shutil.copytree(TEST_CATALOGUE, target)
    edit(target / PRODUCT_FILE, 'version: "2026.1"', 'version: "2026.2"')
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- check ---------------------------------------------------------------------------------------


def test_check_summarises_a_valid_catalogue_and_exits_0(app):
    result = run(app, "catalogue", "check", str(TEST_CATALOGUE))
    assert result.exit_code == 0, result.output
    expected_hash = load_directory(TEST_CATALOGUE).content_hash
    assert f"Catalogue valide : {TEST_CATALOGUE}" in result.output
    assert re.search(r"HAB_ESSAI\s+version 2026\.1\s+Habitation d'essai \(habitation_essai\.yaml\)", result.output)
    assert f"Empreinte : {expected_hash}" in result.output


def test_check_reads_the_configured_folder_by_default(app):
    app.config["CATALOGUE_PATH"] = TEST_CATALOGUE
    result = run(app, "catalogue", "check")
    assert result.exit_code == 0 and "HAB_ESSAI" in result.output


def test_check_lists_every_problem_as_file_path_problem_and_exits_2(app, copy):
    product = copy / PRODUCT_FILE
    shutil.copy(product, copy / "zz_doublon.yaml")  # same product code in a second file
    shutil.copy(product, copy / "zz_nombre.yaml")
    edit(copy / "zz_nombre.yaml", "code: HAB_ESSAI", "code: HAB_NOMBRE")
    edit(copy / "zz_nombre.yaml", "factor: 0.95", "factor: 1.2.3")  # not a number (YAML reads it as text)
    edit(product, "factors: [zone, pieces, occupant]", "factors: [zone, pieces, occupation]")
    edit(
        product,
        "tax: {category: home_other}\n    premium:\n      - {label: Prime RC",
        "tax: {category: rc_menage}\n    premium:\n      - {label: Prime RC",
    )
    result = run(app, "catalogue", "check", str(copy))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    # « fichier:ligne:colonne — chemin lisible — message », numbered from 1, codes named.
    assert lines[:-1] == [
        f"{PRODUCT_FILE}:54:70 — garantie n° 1 `incendie`, composante de prime n° 1, facteur n° 3 — "
        "Table inconnue « occupation » ; vouliez-vous dire « occupant » ? tables possibles : zone, pieces, occupant.",
        f"{PRODUCT_FILE}:66:11 — garantie n° 2 `rc_vie_privee`, champ `tax.category` — Catégorie de taxe inconnue "
        "« rc_menage » ; catégories possibles : assistance, borrower, catnat, fire_individual, fire_professional, "
        "health_other, health_responsible, home_other, legal_protection, property_other, rc_auto, rc_pro, "
        "vehicle_other.",
        "zz_doublon.yaml:2:1 — champ `code` — Code « HAB_ESSAI » déjà utilisé par habitation_essai.yaml.",
        "zz_nombre.yaml:103:5 — option tarifaire n° 1 `reemploi`, champ `factor` — "
        'Nombre exact attendu (ex. 1.25 ou "1.25").',
    ]
    assert lines[-1] == "Catalogue invalide : 4 erreur(s)."


def test_check_names_a_missing_tax_file_and_a_missing_folder(app, copy, tmp_path):
    (copy / "taxes.yaml").unlink()
    result = run(app, "catalogue", "check", str(copy))
    assert result.exit_code == 2
    assert "taxes.yaml — Fichier des taxes absent du dossier." in result.output.splitlines()
    missing = run(app, "catalogue", "check", str(tmp_path / "absent"))
    assert missing.exit_code == 2
    assert f"{tmp_path / 'absent'} — Dossier introuvable." in missing.output.splitlines()


def test_load_of_a_broken_catalogue_stores_nothing(app, session, copy):
    edit(copy / PRODUCT_FILE, "factor: 0.95", "factor: 1.2.3")
    before = snapshot_count(session)
    result = run(app, "catalogue", "load", str(copy))
    assert result.exit_code == 2
    assert "habitation_essai.yaml:103:5 — option tarifaire n° 1 `reemploi`, champ `factor` — Nombre" in result.output
    assert snapshot_count(session) == before


# --- load and list -------------------------------------------------------------------------------


def test_load_is_idempotent_and_journaled_once(app, session, copy):
    before = snapshot_count(session)
    first = run(app, "catalogue", "load", str(copy))
    assert first.exit_code == 0, first.output
    expected_hash = load_directory(copy).content_hash
    assert first.output.splitlines() == [f"Nouveau catalogue chargé : {expected_hash}", "Produits : HAB_ESSAI 2026.2"]
    second = run(app, "catalogue", "load", str(copy))
    assert second.exit_code == 0
    assert second.output.splitlines()[0] == f"Catalogue déjà chargé (aucun changement) : {expected_hash}"
    assert snapshot_count(session) == before + 1
    entries = session.execute(select(JournalEntry).where(JournalEntry.action == "catalogue.load")).scalars()
    mine = [entry for entry in entries if entry.outcome["content_hash"] == expected_hash]
    assert len(mine) == 1
    assert mine[0].stream == "platform" and mine[0].actor_username == "système"
    assert mine[0].outcome["products"] == {"HAB_ESSAI": "2026.2"}
    assert mine[0].input == {"source": str(copy)}
    stored = session.execute(
        select(CatalogueSnapshot).where(CatalogueSnapshot.content_hash == expected_hash)
    ).scalar_one()
    assert stored.product_versions == {"HAB_ESSAI": "2026.2"} and stored.source == str(copy)


def test_load_on_behalf_of_a_trainer_only(app, session, world, copy):
    refused = run(app, "catalogue", "load", str(copy), "--user", "candidat1")
    assert refused.exit_code == 2
    assert "Seul un formateur ou un administrateur charge le catalogue." in refused.output
    unknown = run(app, "catalogue", "load", str(copy), "--user", "personne")
    assert unknown.exit_code == 2 and "Aucun compte actif nommé « personne »." in unknown.output
    done = run(app, "catalogue", "load", str(copy), "--user", "formatrice")
    assert done.exit_code == 0, done.output
    snapshot = latest_snapshot(session)
    assert snapshot is not None and snapshot.loaded_by is not None and snapshot.loaded_by.username == "formatrice"


def test_list_shows_every_snapshot_latest_first(app, session, copy):
    run(app, "catalogue", "load", str(copy))
    result = run(app, "catalogue", "list")
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert lines[0].startswith(load_directory(copy).content_hash) and "HAB_ESSAI 2026.2" in lines[0]
    assert len(lines) == snapshot_count(session)
    assert any(str(CATALOGUE) in line for line in lines[1:])


# --- pinning -------------------------------------------------------------------------------------

RISK = {"postcode": "44000", "rooms": 3, "occupant": "locataire", "surface": "62.5"}


def incendie_premium(session, actor, sandbox_id) -> Decimal:  # type: ignore[no-untyped-def]
    pricing = price_product(
        session, actor, "HAB_ESSAI", {"formula": "essentielle", "frequency": "annuel", "risk": RISK}, sandbox_id
    )
    return next(line.premium_before_tax for line in pricing.lines if line.code == "incendie")


def test_a_session_keeps_its_snapshot_when_products_change(app, session, world, copy):
    assert run(app, "catalogue", "load", str(copy)).exit_code == 0
    snapshot_a = latest_snapshot(session)
    assert snapshot_a is not None
    exam = create_exam_session(session, world.trainer, {"name": "Session A", "candidates": ["candidat1"]})
    sandbox_a = exam.sandboxes[0].id
    assert incendie_premium(session, world.candidate, sandbox_a) == Decimal("80.00")

    edit(copy / PRODUCT_FILE, "base: 80.00", "base: 90.00")  # the trainer edits a rate in products/
    edit(copy / PRODUCT_FILE, 'version: "2026.2"', 'version: "2026.3"')  # and names the new version
    loaded = run(app, "catalogue", "load", str(copy))
    assert loaded.exit_code == 0 and "Nouveau catalogue chargé" in loaded.output
    snapshot_b = latest_snapshot(session)
    assert snapshot_b is not None and snapshot_b.content_hash != snapshot_a.content_hash

    assert catalogue_for(session, world.candidate, sandbox_a).content_hash == snapshot_a.content_hash
    assert incendie_premium(session, world.candidate, sandbox_a) == Decimal("80.00")
    later = create_exam_session(session, world.trainer, {"name": "Session B", "candidates": ["candidat1"]})
    assert later.catalogue_snapshot_id == snapshot_b.id
    assert incendie_premium(session, world.candidate, later.sandboxes[0].id) == Decimal("90.00")


def test_pin_gives_an_old_session_a_catalogue_once(app, session, world):
    session.execute(
        update(ExamSession).where(ExamSession.id == world.exam_session_id).values(catalogue_snapshot_id=None)
    )
    session.commit()
    session.expire_all()
    with pytest.raises(Conflict) as caught:
        catalogue_for(session, world.candidate, world.sandbox_id)
    assert f"polyadmin catalogue pin {world.exam_session_id}" in caught.value.message
    result = run(app, "catalogue", "pin", str(world.exam_session_id))
    assert result.exit_code == 0, result.output
    latest = latest_snapshot(session)
    assert latest is not None
    assert result.output.strip() == f"Session n° {world.exam_session_id} : catalogue {latest.content_hash}."
    session.expire_all()
    assert catalogue_for(session, world.candidate, world.sandbox_id).content_hash == latest.content_hash
    again = run(app, "catalogue", "pin", str(world.exam_session_id))
    assert again.exit_code == 2 and "un catalogue épinglé ne change jamais" in again.output


def test_demo_loads_the_configured_catalogue_and_pins_it(app, session, copy):
    app.config["CATALOGUE_PATH"] = copy
    first = run(app, "demo")
    assert first.exit_code == 0, first.output
    expected = load_directory(copy).content_hash
    assert f"Catalogue {expected[:12]} chargé (HAB_ESSAI 2026.2)." in first.output
    exam = session.execute(select(ExamSession).where(ExamSession.name == "Session de démonstration")).scalar_one()
    assert exam.catalogue_snapshot is not None and exam.catalogue_snapshot.content_hash == expected
    second = run(app, "demo")
    assert f"Catalogue {expected[:12]} déjà chargé" in second.output


def test_demo_refuses_a_broken_catalogue_with_every_problem(app, copy):
    edit(copy / PRODUCT_FILE, "factor: 0.95", "factor: 1.2.3")
    app.config["CATALOGUE_PATH"] = copy
    result = run(app, "demo")
    assert result.exit_code == 2
    assert "habitation_essai.yaml:103:5 — option tarifaire n° 1 `reemploi`, champ `factor` — Nombre" in result.output


def test_demo_pins_a_demo_session_opened_before_catalogues(app, session):
    assert run(app, "demo").exit_code == 0
    session.execute(update(ExamSession).values(catalogue_snapshot_id=None))
    session.commit()
    again = run(app, "demo")
    assert again.exit_code == 0, again.output
    session.expire_all()
    exam = session.execute(select(ExamSession).where(ExamSession.name == "Session de démonstration")).scalar_one()
    latest = latest_snapshot(session)
    assert latest is not None and exam.catalogue_snapshot_id == latest.id
    pins = session.execute(select(JournalEntry).where(JournalEntry.action == "exam_session.catalogue.pin")).scalars()
    assert [entry.actor_username for entry in pins] == ["système"]
