"""A product, rules or scenario file sent from the browser (envoi d'un fichier par un formateur).

The file is checked with the same functions as the command line, and every problem is kept whole (file,
line, column, readable place, message), so the page lists what `polyadmin catalogue check`, `rules check`
or `scenario check` prints for the same file:
- a product file: `check_product_text` (with the tax categories of the configured taxes.yaml);
- a rules file: `check_rules_text` against the configured products (named `rules/<file>`, as the CLI does);
- a scenario: `check_scenario_text` against the current catalogue (or, none loaded yet, the configured
  products), then generated once (the pricing of its contracts, its counts).
Only a file without problems of its own is then checked with the rest of the catalogue, in a temporary
copy of the configured folders where it replaces (or joins) the file of the same name: nothing is written
to the data folders by a check. A valid product or rules file is loaded as the catalogue's new version
through `services.catalogue.store_loaded` (journaled `catalogue.load` on the platform stream, the upload
named as its source; a reused version label is refused as on the command line). A valid scenario is saved
into the scenarios folder (journaled `scenario.upload` on the platform stream), where the session form
finds it; a different file of the same name is replaced only on explicit confirmation.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from marshmallow import ValidationError
from sqlalchemy.orm import Session

from polyadmin.catalogue import (
    CatalogueInvalid,
    CatalogueProblem,
    LoadedCatalogue,
    check_product_text,
    check_rules_text,
    load_directory,
)
from polyadmin.catalogue.builder import Problems, build_taxes
from polyadmin.catalogue.loader import TAXES_FILE, rules_directory_for
from polyadmin.catalogue.schemas import TaxesSchema
from polyadmin.catalogue.yaml_exact import read_located, to_document
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.errors import Conflict, FileProblem, Forbidden, InvalidInput
from polyadmin.domain.roles import Actor, Permission, allowed
from polyadmin.journal.writer import append_entry
from polyadmin.scenarios import ScenarioInvalid, ScenarioProblem, check_scenario_text
from polyadmin.services.catalogue import LoadOutcome, latest_snapshot, rebuild_catalogue, store_loaded
from polyadmin.services.clock import wall_now
from polyadmin.services.seeding import ScenarioCheck, check_scenario
from polyadmin.services.unit import transaction

KINDS = {"product": "Fichier produit (products/)", "rules": "Règles d'acceptation (rules/)", "scenario": "Scénario"}
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}\.ya?ml")


@dataclass(frozen=True)
class UploadCheck:
    """What the check found: every problem (with its line, column and place), or a valid file's summary.
    `existing` (scenarios): whether the scenarios folder already holds a file of this name, "same" or
    "different" from the one sent ("" when it holds none)."""

    problems: Sequence[FileProblem]
    summary: list[str]
    existing: str = ""

    @property
    def valid(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class SavedScenario:
    """A scenario saved into the scenarios folder (`replaced`: a different file of that name was there),
    or found already there, identical (`unchanged`: nothing written, nothing journaled)."""

    path: Path
    replaced: bool = False
    unchanged: bool = False


def _lines(text: str) -> str:
    """The file's text with Unix line ends: a browser sends a form field's text back with CRLF ones."""
    return text.replace("\r\n", "\n")


def _require(actor: Actor, kind: str, filename: str, text: str) -> None:
    if not allowed(actor, Permission.LOAD_CATALOGUE):
        raise Forbidden("Seul un formateur ou un administrateur envoie des fichiers du catalogue ou des scénarios.")
    errors: dict[str, list[str]] = {}
    if kind not in KINDS:
        errors["kind"] = ["Choisissez le type du fichier : produit, règles ou scénario."]
    if not FILE_NAME.fullmatch(filename):
        errors["file"] = ["Nom de fichier attendu : lettres, chiffres, « - », « _ », terminé par .yaml ou .yml."]
    elif filename in (TAXES_FILE,) and kind != "product":
        errors["file"] = ["taxes.yaml est un fichier produit."]
    if not text.strip():
        errors["file"] = [*errors.get("file", []), "Le fichier est vide."]
    if errors:
        raise InvalidInput(errors)


def _catalogue_copy(folder: Path, products: Path, kind: str, filename: str, text: str) -> tuple[Path, Path]:
    """Copies of products/ and rules/ in `folder`, with the uploaded file in its place."""
    products_copy, rules_copy = folder / "products", folder / "rules"
    shutil.copytree(products, products_copy)
    rules = rules_directory_for(products)
    if rules.is_dir():
        shutil.copytree(rules, rules_copy)
    else:
        rules_copy.mkdir()
    target = products_copy if kind == "product" else rules_copy
    (target / filename).write_text(text, encoding="utf-8")
    return products_copy, rules_copy


def _catalogue_summary(loaded: LoadedCatalogue) -> list[str]:
    return [f"{product.code} version {product.version} : {product.name}" for product in loaded.catalogue.products]


def _tax_categories(products: Path) -> set[str] | None:
    """The tax category codes of the configured taxes.yaml (None when it cannot be read: then the whole
    catalogue's check names its problems)."""
    try:
        data = TaxesSchema().load(to_document(read_located((products / TAXES_FILE).read_text(encoding="utf-8")).data))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError, TypeError):
        return None
    return {category.code for category in build_taxes(data, Problems()).categories}


def _products_catalogue(products: Path) -> Catalogue:
    """The configured products and taxes, without their rules (what a rules file is checked against)."""
    with tempfile.TemporaryDirectory(prefix="polyadmin-envoi-") as no_rules:
        return load_directory(products, Path(no_rules)).catalogue


def _own_problems(kind: str, filename: str, text: str, products: Path) -> list[CatalogueProblem]:
    """The problems of the file alone, as `polyadmin catalogue check` / `rules check` name them."""
    if kind == "product" and filename != TAXES_FILE:
        return check_product_text(filename, text, _tax_categories(products))
    if kind == "rules":
        return check_rules_text(f"rules/{filename}", text, _products_catalogue(products))
    return []


def _scenario_catalogue(session: Session, products: Path) -> tuple[Catalogue, Path | None]:
    """The current catalogue (None: the stored one), or the configured products when none is loaded yet."""
    snapshot = latest_snapshot(session)
    if snapshot is not None:
        return rebuild_catalogue(session, snapshot), None
    return load_directory(products).catalogue, products


def _existing(scenarios: Path | None, filename: str, text: str) -> str:
    target = scenarios / filename if scenarios is not None else None
    if target is None or not target.is_file():
        return ""
    return "same" if target.read_text(encoding="utf-8") == text else "different"


def _check_scenario(
    session: Session, filename: str, text: str, products: Path
) -> tuple[list[ScenarioProblem], ScenarioCheck | None]:
    """The scenario's problems (none: its check, generated once), as `polyadmin scenario check` gives them."""
    catalogue, folder = _scenario_catalogue(session, products)
    problems = check_scenario_text(filename, text, catalogue)
    if problems:
        return problems, None
    with tempfile.TemporaryDirectory(prefix="polyadmin-envoi-") as temporary:
        path = Path(temporary) / filename
        path.write_text(text, encoding="utf-8")
        try:  # the generation too (the pricing of its contracts), as `polyadmin scenario check`
            return [], check_scenario(session, path, folder)
        except ScenarioInvalid as invalid:
            return list(invalid.problems), None


def check_upload(
    session: Session,
    actor: Actor,
    kind: str,
    filename: str,
    text: str,
    products: Path,
    scenarios: Path | None = None,
) -> UploadCheck:
    """Check an uploaded file against the configured products (and rules) or the current catalogue."""
    _require(actor, kind, filename, text)
    text = _lines(text)
    if kind == "scenario":
        problems, checked = _check_scenario(session, filename, text, products)
        if checked is None:
            return UploadCheck(problems, [])
        counts = ", ".join(f"{table} {count}" for table, count in checked.counts.items() if count)
        summary = [f"Scénario {checked.loaded.scenario.code} (graine {checked.seed}) : {counts}"]
        return UploadCheck([], summary, _existing(scenarios, filename, text))
    own = _own_problems(kind, filename, text, products)
    if own:
        return UploadCheck(own, [])
    with tempfile.TemporaryDirectory(prefix="polyadmin-envoi-") as folder:
        products_copy, rules_copy = _catalogue_copy(Path(folder), products, kind, filename, text)
        try:  # with the rest of the catalogue: a product code used twice, rules naming a removed guarantee…
            loaded = load_directory(products_copy, rules_copy)
        except CatalogueInvalid as invalid:
            return UploadCheck(list(invalid.problems), [])
        return UploadCheck([], _catalogue_summary(loaded))


def load_upload(session: Session, actor: Actor, kind: str, filename: str, text: str, products: Path) -> LoadOutcome:
    """Load an uploaded product or rules file: the configured catalogue with this file, as a new version."""
    _require(actor, kind, filename, text)
    text = _lines(text)
    if kind == "scenario":
        raise InvalidInput({"kind": ["Un scénario ne se charge pas dans le catalogue : enregistrez-le."]})
    own = _own_problems(kind, filename, text, products)
    if own:
        raise CatalogueInvalid(own)
    with tempfile.TemporaryDirectory(prefix="polyadmin-envoi-") as folder:
        products_copy, rules_copy = _catalogue_copy(Path(folder), products, kind, filename, text)
        loaded = load_directory(products_copy, rules_copy)  # CatalogueInvalid: every problem
        where = "products" if kind == "product" else "rules"
        return store_loaded(session, actor, loaded, f"envoi web : {where}/{filename}")


def _write(target: Path, text: str) -> None:
    """Write `target` whole or not at all (a temporary file beside it, then renamed)."""
    handle, temporary = tempfile.mkstemp(prefix=".envoi-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as written:
            written.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_scenario(
    session: Session,
    actor: Actor,
    filename: str,
    text: str,
    products: Path,
    scenarios: Path,
    replace: bool = False,
) -> SavedScenario:
    """Save a valid uploaded scenario into the scenarios folder (checked again first: ScenarioInvalid
    lists its problems), journaled `scenario.upload` on the platform stream in the same transaction. A
    different file of the same name is kept unless `replace` (Conflict); the same file is left as it is."""
    _require(actor, "scenario", filename, text)
    text = _lines(text)
    problems, checked = _check_scenario(session, filename, text, products)
    if checked is None:
        raise ScenarioInvalid(problems)
    target = scenarios / filename
    existing = _existing(scenarios, filename, text)
    if existing == "same":
        return SavedScenario(target, unchanged=True)
    if existing == "different" and not replace:
        raise Conflict(
            f"Le dossier des scénarios contient déjà un autre fichier « {filename} » : cochez « Remplacer le "
            "scénario existant » pour le remplacer, ou envoyez le fichier sous un autre nom."
        )
    previous = target.read_bytes() if existing else None
    source = f"envoi web : scenarios/{filename}" + (" (remplace le fichier existant)" if previous else "")
    scenarios.mkdir(parents=True, exist_ok=True)
    try:
        with transaction(session):
            append_entry(
                session,
                actor=actor,
                action="scenario.upload",
                recorded_at=wall_now(),
                input={"scenario": filename, "source": source},
                outcome={"scenario": checked.loaded.scenario.code, "scenario_hash": checked.loaded.content_hash},
            )
            session.flush()
            _write(target, text)
    except BaseException:
        if previous is not None and target.is_file() and target.read_bytes() != previous:
            target.write_bytes(previous)  # the journal did not commit: the file it would name goes back
        elif previous is None and target.is_file() and target.read_text(encoding="utf-8") == text:
            target.unlink()
        raise
    return SavedScenario(target, replaced=previous is not None)
