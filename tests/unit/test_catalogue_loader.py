import re
from decimal import Decimal
from pathlib import Path

import pytest

from polyadmin.catalogue import CatalogueInvalid, catalogue_from_document, load_directory
from tests.helpers.catalogue_samples import PRODUCT, TAXES, write_catalogue


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CatalogueInvalid) as caught:
        load_directory(folder)
    return [str(problem) for problem in caught.value.problems]


def test_yaml_numbers_are_read_exactly_from_their_text(tmp_path):
    loaded = load_directory(write_catalogue(tmp_path))
    product = loaded.catalogue.product("TEST_AUTO")
    assert product is not None
    zone = product.table("zone")
    assert zone is not None and zone.entry("75") == Decimal("1.30")
    assert str(zone.entry("75")) == "1.30"
    assert product.guarantee("dommages").components[0].base == Decimal("150.00")  # type: ignore[union-attr]
    assert loaded.catalogue.taxes.category("rc_auto").rate == Decimal(33)  # type: ignore[union-attr]


def test_same_files_give_the_same_hash_and_a_snapshot_rebuilds_identically(tmp_path):
    first = load_directory(write_catalogue(tmp_path / "a"))
    second = load_directory(write_catalogue(tmp_path / "b"))
    assert first.content_hash == second.content_hash
    assert len(first.content_hash) == 64
    rebuilt = catalogue_from_document(first.document)
    assert rebuilt == first.catalogue


def test_a_changed_rate_changes_the_hash(tmp_path):
    first = load_directory(write_catalogue(tmp_path / "a"))
    second = load_directory(write_catalogue(tmp_path / "b", taxes=TAXES.replace("rate: 33", "rate: 34")))
    assert first.content_hash != second.content_hash


def test_infinite_number_is_refused_with_the_file_named(tmp_path):
    folder = write_catalogue(tmp_path, product=PRODUCT.replace("base: 40,", "base: .inf,"))
    found = problems_of(folder)
    assert any(
        re.match(r"test_auto.yaml:\d+:\d+ — YAML illisible : nombre non exact « .inf »", p) for p in found
    )


def test_every_problem_is_listed_with_file_line_and_readable_path_in_one_run(tmp_path):
    broken = (
        PRODUCT.replace("factors: [zone]}", "factors: [zonier]}")
        .replace("tax: {category: vehicle_other}", "tax: {category: inconnue}")
        .replace("entries: {prive: 1, tournees: 1.25}", "entries: {prive: 1}")
        .replace("{min: 25, value: 1.00}", "{min: 24, value: 1.00}")
        .replace("guarantees: [], options: [bris_glace]", "guarantees: [bris_glace], options: []")
        .replace("summary: Produit d'essai.\n", "")
    )
    found = problems_of(write_catalogue(tmp_path, product=broken))
    # The structure error (summary missing) no longer hides the cross-reference problems.
    assert "test_auto.yaml:2:1 — champ `summary` — Champ obligatoire." in found
    text = "\n".join(found)
    assert (
        "— garantie n° 2 `dommages`, composante de prime n° 1, facteur n° 1 — Table inconnue « zonier » ; "
        "vouliez-vous dire « zone » ? tables possibles : zone, age, usage, crm, novice." in text
    )
    assert "— garantie n° 3 `bris_glace`, champ `tax.category` — Catégorie de taxe inconnue « inconnue »" in text
    assert "— table `usage`, champ `entries` — Choix sans coefficient : tournees" in text
    assert "— table `age`, champ `bands` — Tranches qui se chevauchent à partir de 24" in text
    assert "— formule n° 1 `tiers`, garantie n° 1 — « bris_glace » est une garantie optionnelle" in text
    assert len(found) == 6


def test_missing_tax_file_and_duplicate_product_code_are_reported(tmp_path):
    folder = write_catalogue(tmp_path)
    (folder / "taxes.yaml").unlink()
    (folder / "copie.yaml").write_text(PRODUCT, encoding="utf-8")
    found = problems_of(folder)
    assert "taxes.yaml — Fichier des taxes absent du dossier." in found
    folder = write_catalogue(tmp_path)
    assert any("Code « TEST_AUTO » déjà utilisé par copie.yaml" in p for p in problems_of(folder))


def test_unreadable_yaml_is_a_problem_not_a_crash(tmp_path):
    folder = write_catalogue(tmp_path)
    (folder / "casse.yaml").write_text("code: [non fermé\n", encoding="utf-8")
    assert "casse.yaml:2:1 — YAML illisible : virgule ou crochet fermant « ] » attendu : " in problems_of(folder)[0]


def test_real_catalogue_folder_when_present_is_valid():
    folder = Path(__file__).resolve().parents[2] / "products"
    loaded = load_directory(folder)
    assert {"AUTO", "MRH", "SANTE", "EMPRUNTEUR", "PRO"} <= set(loaded.catalogue.codes())


def test_a_default_must_be_accepted_by_its_own_field(tmp_path):
    broken = PRODUCT.replace(
        "{name: claim_free_years, label: Années sans sinistre, kind: integer, minimum: 0, maximum: 50}",
        "{name: claim_free_years, label: Années, kind: integer, minimum: 0, maximum: 50, required: false, default: 60}",
    )
    found = problems_of(write_catalogue(tmp_path, product=broken))
    assert found == [
        "test_auto.yaml:15:102 — champ de risque n° 5 `claim_free_years`, champ `default` — "
        "Valeur par défaut refusée par le champ : Valeur supérieure au maximum (50)."
    ]


def test_the_endorsement_settings_of_a_product_are_read_with_their_defaults(tmp_path):
    plain = load_directory(write_catalogue(tmp_path / "a")).catalogue.product("TEST_AUTO")
    assert plain is not None
    assert (plain.endorsements.settlement, plain.endorsements.backdating_days) == ("instalments", 30)
    product = PRODUCT + "\nendorsements:\n  settlement: notice\n  backdating_days: 60\n"
    loaded = load_directory(write_catalogue(tmp_path / "b", product=product))
    endorsed = loaded.catalogue.product("TEST_AUTO")
    assert endorsed is not None
    assert (endorsed.endorsements.settlement, endorsed.endorsements.backdating_days) == ("notice", 60)
    assert catalogue_from_document(loaded.document) == loaded.catalogue
    wrong = PRODUCT + "\nendorsements:\n  settlement: plus_tard\n"
    assert any(
        "endorsements" in problem and "settlement" in problem
        for problem in problems_of(write_catalogue(tmp_path / "c", product=wrong))
    )
