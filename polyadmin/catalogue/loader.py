"""Read products/ into a validated, hashed catalogue; rebuild one from a stored snapshot document.

The *document* is the plain JSON form of the files (numbers as exact text): it is what a snapshot
stores and what the content hash covers, so the same files always give the same hash.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from marshmallow import ValidationError

from polyadmin.catalogue.builder import Problems, build_product, build_taxes, problem_path
from polyadmin.catalogue.grid import GRID_FILE, build_grid
from polyadmin.catalogue.rules import build_rules
from polyadmin.catalogue.schemas import ProductSchema, TaxesSchema
from polyadmin.catalogue.yaml_exact import read_yaml, to_document, yaml_problem
from polyadmin.domain.canonical import canonical_hash
from polyadmin.domain.catalogue import Catalogue, Product, TaxSettings
from polyadmin.domain.errors import FileProblem
from polyadmin.validation.french import flatten_messages

TAXES_FILE = "taxes.yaml"


@dataclass(frozen=True)
class CatalogueProblem(FileProblem):
    """`file: path: problem` in the product files."""


class CatalogueInvalid(Exception):
    """Every problem found in the catalogue files (not only the first)."""

    def __init__(self, problems: list[CatalogueProblem]) -> None:
        super().__init__(f"{len(problems)} erreur(s) dans le catalogue")
        self.problems = problems


@dataclass(frozen=True)
class LoadedCatalogue:
    catalogue: Catalogue
    document: dict[str, Any]
    content_hash: str


def document_hash(document: dict[str, Any]) -> str:
    """The content hash: SHA-256 of the document's canonical JSON (what a snapshot stores)."""
    return canonical_hash(document)


def rules_directory_for(directory: Path) -> Path:
    """Acceptance rules live beside the products: `rules/` next to `products/`."""
    return directory.parent / "rules"


def read_documents(
    directory: Path, rules_directory: Path | None = None
) -> tuple[dict[str, Any], list[CatalogueProblem]]:
    """Parse every YAML file of the folder into the document {"taxes": …, "products": {file: …}}, with
    {"rules": {file: …}} from the rules folder when it holds any (so a catalogue without rules keeps
    the same document, and the same hash, as before rules existed)."""
    problems: list[CatalogueProblem] = []
    products: dict[str, Any] = {}
    taxes: Any = None
    if not directory.is_dir():
        return {}, [CatalogueProblem(str(directory), "", "Dossier introuvable.")]
    files = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    for file in files:
        try:
            raw = read_yaml(file.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(CatalogueProblem(file.name, "", yaml_problem(exc)))
            continue
        if file.name == TAXES_FILE:
            taxes = to_document(raw)
        else:
            products[file.name] = to_document(raw)
    if taxes is None:
        problems.append(CatalogueProblem(TAXES_FILE, "", "Fichier des taxes absent du dossier."))
    if not products and not problems:
        problems.append(CatalogueProblem(str(directory), "", "Aucun fichier produit (*.yaml)."))
    document: dict[str, Any] = {"taxes": taxes, "products": products}
    rules, rule_problems = _read_rules(
        rules_directory if rules_directory is not None else rules_directory_for(directory)
    )
    problems.extend(rule_problems)
    if rules:
        document["rules"] = rules
    grid_directory = rules_directory if rules_directory is not None else rules_directory_for(directory)
    grid_path = grid_directory / GRID_FILE
    if grid_path.is_file():
        try:
            document["evaluation_grid"] = to_document(read_yaml(grid_path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(CatalogueProblem(f"rules/{GRID_FILE}", "", yaml_problem(exc)))
    return document, problems


def _read_rules(directory: Path) -> tuple[dict[str, Any], list[CatalogueProblem]]:
    rules: dict[str, Any] = {}
    problems: list[CatalogueProblem] = []
    if not directory.is_dir():
        return rules, problems
    for file in sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()):
        try:
            rules[file.name] = to_document(read_yaml(file.read_text(encoding="utf-8")))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(CatalogueProblem(f"rules/{file.name}", "", yaml_problem(exc)))
    return rules, problems


def _schema_problems(file: str, exc: ValidationError) -> list[CatalogueProblem]:
    return [
        CatalogueProblem(file, problem_path(path), message)
        for path, messages in flatten_messages(exc.messages).items()
        for message in messages
    ]


def build_catalogue(document: dict[str, Any], *, content_hash: str = "") -> Catalogue:
    """Validate a document and build the catalogue, or raise CatalogueInvalid with every problem."""
    problems: list[CatalogueProblem] = []
    taxes: TaxSettings | None = None
    raw_taxes = document.get("taxes")
    if raw_taxes is not None:
        try:
            data = TaxesSchema().load(raw_taxes)
        except ValidationError as exc:
            problems.extend(_schema_problems(TAXES_FILE, exc))
        else:
            found = Problems()
            taxes = build_taxes(data, found)
            problems.extend(CatalogueProblem(TAXES_FILE, path, text) for path, text in found.items)
    categories = {c.code for c in taxes.categories} if taxes else None
    products: list[Product] = []
    files_by_code: dict[str, str] = {}
    for file, raw in sorted((document.get("products") or {}).items()):
        try:
            data = ProductSchema().load(raw if isinstance(raw, dict) else {"_": raw})
        except ValidationError as exc:
            problems.extend(_schema_problems(file, exc))
            continue
        found = Problems()
        product = build_product(data, categories, found)
        problems.extend(CatalogueProblem(file, path, text) for path, text in found.items)
        if product.code in files_by_code:
            problems.append(
                CatalogueProblem(
                    file, "code", f"Code « {product.code} » déjà utilisé par {files_by_code[product.code]}."
                )
            )
        files_by_code[product.code] = file
        products.append(_with_source(product, file))
    if problems or taxes is None:
        raise CatalogueInvalid(problems)
    catalogue = Catalogue(products=tuple(sorted(products, key=lambda p: p.code)), taxes=taxes)
    acceptance = []
    taken: dict[str, str] = {}
    by_product: dict[str, str] = {}
    for file, raw in sorted((document.get("rules") or {}).items()):
        found = Problems()
        built = build_rules(raw, catalogue, found, taken)
        where = f"rules/{file}"
        problems.extend(CatalogueProblem(where, path, text) for path, text in found.items)
        if built is None:
            continue
        if built.product in by_product:
            problems.append(
                CatalogueProblem(
                    where, "product", f"Règles de {built.product} déjà données par {by_product[built.product]}."
                )
            )
        by_product[built.product] = where
        taken.update((rule.code, where) for rule in built.rules)
        acceptance.append(built)
    grid = None
    if document.get("evaluation_grid") is not None:
        found = Problems()
        grid = build_grid(document["evaluation_grid"], found)
        problems.extend(CatalogueProblem(f"rules/{GRID_FILE}", path, text) for path, text in found.items)
    if problems:
        raise CatalogueInvalid(problems)
    return replace(catalogue, content_hash=content_hash, acceptance=tuple(acceptance), grid=grid)


def _with_source(product: Product, file: str) -> Product:
    return replace(product, source_file=file)


def load_directory(directory: Path, rules_directory: Path | None = None) -> LoadedCatalogue:
    document, problems = read_documents(directory, rules_directory)
    if problems:
        try:
            build_catalogue(document)
        except CatalogueInvalid as invalid:
            problems.extend(invalid.problems)
        raise CatalogueInvalid(problems)
    content_hash = document_hash(document)
    return LoadedCatalogue(build_catalogue(document, content_hash=content_hash), document, content_hash)


def catalogue_from_document(document: dict[str, Any]) -> Catalogue:
    """Rebuild a stored snapshot (validated again: a snapshot is data too)."""
    return build_catalogue(document, content_hash=document_hash(document))
