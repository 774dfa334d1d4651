"""A product, rules or scenario file sent from the browser (envoi d'un fichier par un formateur).

The file is checked with the same functions as the command line (`catalogue check`, `rules check`,
`scenario check`), in a copy of the configured folders where it replaces (or joins) the file of the
same name: nothing is written to the data folders. A valid product or rules file is then loaded as
the catalogue's new version through `services.catalogue.store_loaded` (journaled `catalogue.load` on the
platform stream, the upload named as its source; a reused version label is refused as on the command line).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from polyadmin.catalogue import CatalogueInvalid, LoadedCatalogue, load_directory
from polyadmin.catalogue.loader import rules_directory_for
from polyadmin.domain.errors import Forbidden, InvalidInput
from polyadmin.domain.roles import Actor, Permission, allowed
from polyadmin.scenarios import ScenarioInvalid
from polyadmin.services.catalogue import LoadOutcome, store_loaded
from polyadmin.services.seeding import check_scenario

KINDS = {"product": "Fichier produit (products/)", "rules": "Règles d'acceptation (rules/)", "scenario": "Scénario"}
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}\.ya?ml")


@dataclass(frozen=True)
class UploadCheck:
    """What the check found: every problem (`file: path: problem`), or a valid file's summary."""

    problems: list[str]
    summary: list[str]

    @property
    def valid(self) -> bool:
        return not self.problems


def _require(actor: Actor, kind: str, filename: str, text: str) -> None:
    if not allowed(actor, Permission.LOAD_CATALOGUE):
        raise Forbidden("Seul un formateur ou un administrateur envoie des fichiers du catalogue ou des scénarios.")
    errors: dict[str, list[str]] = {}
    if kind not in KINDS:
        errors["kind"] = ["Choisissez le type du fichier : produit, règles ou scénario."]
    if not FILE_NAME.fullmatch(filename):
        errors["file"] = ["Nom de fichier attendu : lettres, chiffres, « - », « _ », terminé par .yaml ou .yml."]
    elif filename in ("taxes.yaml",) and kind != "product":
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


def check_upload(session: Session, actor: Actor, kind: str, filename: str, text: str, products: Path) -> UploadCheck:
    """Check an uploaded file against the configured products (and rules) or the current catalogue."""
    _require(actor, kind, filename, text)
    with tempfile.TemporaryDirectory(prefix="polyadmin-envoi-") as folder:
        if kind == "scenario":
            path = Path(folder) / filename
            path.write_text(text, encoding="utf-8")
            try:
                checked = check_scenario(session, path)
            except ScenarioInvalid as invalid:
                return UploadCheck([str(problem) for problem in invalid.problems], [])
            counts = ", ".join(f"{table} {count}" for table, count in checked.counts.items() if count)
            return UploadCheck([], [f"Scénario {checked.loaded.scenario.code} (graine {checked.seed}) : {counts}"])
        products_copy, rules_copy = _catalogue_copy(Path(folder), products, kind, filename, text)
        try:
            loaded = load_directory(products_copy, rules_copy)
        except CatalogueInvalid as invalid:
            return UploadCheck([str(problem) for problem in invalid.problems], [])
        return UploadCheck([], _catalogue_summary(loaded))


def load_upload(session: Session, actor: Actor, kind: str, filename: str, text: str, products: Path) -> LoadOutcome:
    """Load an uploaded product or rules file: the configured catalogue with this file, as a new version."""
    _require(actor, kind, filename, text)
    if kind == "scenario":
        raise InvalidInput({"kind": ["Un scénario ne se charge pas dans le catalogue : placez-le dans scenarios/."]})
    with tempfile.TemporaryDirectory(prefix="polyadmin-envoi-") as folder:
        products_copy, rules_copy = _catalogue_copy(Path(folder), products, kind, filename, text)
        loaded = load_directory(products_copy, rules_copy)  # CatalogueInvalid: every problem
        where = "products" if kind == "product" else "rules"
        return store_loaded(session, actor, loaded, f"envoi web : {where}/{filename}")
