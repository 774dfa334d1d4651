"""Read products/ into a validated, hashed catalogue; rebuild one from a stored snapshot document.

The *document* is the plain JSON form of the files (numbers as exact text): it is what a snapshot
stores and what the content hash covers, so the same files always give the same hash.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from marshmallow import Schema, ValidationError

from polyadmin.catalogue.builder import Problems, build_product, build_taxes
from polyadmin.catalogue.grid import GRID_FILE, build_grid
from polyadmin.catalogue.problems import (
    duplicate_problems,
    lenient_load,
    locate,
    schema_problems,
    sort_problems,
)
from polyadmin.catalogue.rules import build_rules
from polyadmin.catalogue.schemas import IpidSchema, ProductSchema, TaxesSchema
from polyadmin.catalogue.yaml_exact import Located, read_located, to_document
from polyadmin.domain.canonical import canonical_hash
from polyadmin.domain.catalogue import Catalogue, Product, TaxSettings
from polyadmin.domain.errors import FileProblem
from polyadmin.validation.french import List
from polyadmin.validation.yaml_french import yaml_problem_parts

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


def _read_file(
    path: Path, name: str, sources: dict[str, Located], problems: list[CatalogueProblem]
) -> tuple[bool, Any]:
    """(read, plain document) of one YAML file; its places kept in `sources[name]`, a syntax error (in
    French, with its line) in `problems`."""
    try:
        located = read_located(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line, column, message = yaml_problem_parts(exc)
        problems.append(CatalogueProblem(name, "", message, line, column))
        return False, None
    sources[name] = located
    problems.extend(duplicate_problems(name, located, CatalogueProblem))
    return True, to_document(located.data)


def read_sources(
    directory: Path, rules_directory: Path | None = None
) -> tuple[dict[str, Any], list[CatalogueProblem], dict[str, Located]]:
    """Parse every YAML file of the folder into the document {"taxes": …, "products": {file: …}}, with
    {"rules": {file: …}} from the rules folder when it holds any (so a catalogue without rules keeps
    the same document, and the same hash, as before rules existed); with each file's places (line and
    column of every value) by file name, and the problems met reading them."""
    problems: list[CatalogueProblem] = []
    sources: dict[str, Located] = {}
    products: dict[str, Any] = {}
    taxes: Any = None
    if not directory.is_dir():
        return {}, [CatalogueProblem(str(directory), "", "Dossier introuvable.")], sources
    files = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    for file in files:
        read, raw = _read_file(file, file.name, sources, problems)
        if not read:
            continue
        if file.name == TAXES_FILE:
            taxes = raw
        else:
            products[file.name] = raw
    if taxes is None and TAXES_FILE not in {p.file for p in problems}:
        problems.append(CatalogueProblem(TAXES_FILE, "", "Fichier des taxes absent du dossier."))
    if not products and not problems:
        problems.append(CatalogueProblem(str(directory), "", "Aucun fichier produit (*.yaml)."))
    document: dict[str, Any] = {"taxes": taxes, "products": products}
    folder = rules_directory if rules_directory is not None else rules_directory_for(directory)
    rules: dict[str, Any] = {}
    if folder.is_dir():
        for file in sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()):
            read, raw = _read_file(file, f"rules/{file.name}", sources, problems)
            if read:
                rules[file.name] = raw
    if rules:
        document["rules"] = rules
    grid_path = folder / GRID_FILE
    if grid_path.is_file():
        read, raw = _read_file(grid_path, f"rules/{GRID_FILE}", sources, problems)
        if read:
            document["evaluation_grid"] = raw
    return document, problems, sources


def _schema_problems(file: str, schema: Schema, exc: ValidationError) -> list[CatalogueProblem]:
    return [CatalogueProblem(file, path, message) for path, message in schema_problems(schema, exc.messages)]


IPID_PLACEHOLDER = {name: [] if isinstance(declared, List) else "" for name, declared in IpidSchema().fields.items()}
PRODUCT_PLACEHOLDERS: dict[str, Any] = {
    **{name: [] for name, declared in ProductSchema().fields.items() if isinstance(declared, List)},
    "code": "",
    "name": "",
    "line": "auto",
    "version": "",
    "effective_date": None,
    "summary": "",
    "target": {"client_kinds": [], "description": ""},
    "tables": {},
    "ipid": IPID_PLACEHOLDER,
}


def check_product(
    file: str, raw: Any, tax_categories: set[str] | None
) -> tuple[Product | None, list[CatalogueProblem]]:
    """Every problem of one product file, structure and references in one pass: what the schema refuses is
    reported, the items it leaves usable are still built and cross-checked. The product is None when the
    file has a problem."""
    data, schema_found, broken = lenient_load(ProductSchema(), raw, PRODUCT_PLACEHOLDERS)
    problems = [CatalogueProblem(file, path, message) for path, message in schema_found]
    found = Problems(broken)
    try:
        product = build_product(data, tax_categories, found)
    except (KeyError, TypeError, AttributeError):  # pragma: no cover — a hole the builder did not expect
        if not problems:
            raise
        return None, problems
    problems.extend(CatalogueProblem(file, path, text) for path, text in found.items)
    return (None if problems else product), problems


def _read_text(name: str, text: str) -> tuple[Located | None, list[CatalogueProblem]]:
    """A file's text read with its places (None on a syntax error, then the only problem), and the keys
    written twice in it."""
    try:
        located = read_located(text)
    except yaml.YAMLError as exc:
        line, column, message = yaml_problem_parts(exc)
        return None, [CatalogueProblem(name, "", message, line, column)]
    return located, duplicate_problems(name, located, CatalogueProblem)


def check_product_text(name: str, text: str, tax_categories: set[str] | None = None) -> list[CatalogueProblem]:
    """Every problem of one product file's text (an upload, an editor), each with its line, column and
    readable path, in file order; an empty list when the file is valid. `tax_categories`: the codes of
    the catalogue's taxes.yaml (None: tax categories are not checked)."""
    located, problems = _read_text(name, text)
    if located is None:
        return problems
    _product, found = check_product(name, to_document(located.data), tax_categories)
    return sort_problems([*problems, *(locate(problem, located) for problem in found)])


def check_rules_text(
    name: str, text: str, catalogue: Catalogue, taken: dict[str, str] | None = None
) -> list[CatalogueProblem]:
    """Every problem of one acceptance rules file's text (an upload, an editor), checked against
    `catalogue`'s products, each with its line, column and readable path, in file order; an empty list
    when the file is valid. `name` is how the file is named in the problems (`rules/auto.yaml`, as
    `polyadmin rules check` names it); `taken`: rule codes already used by other rules files."""
    located, problems = _read_text(name, text)
    if located is None:
        return problems
    found = Problems()
    build_rules(to_document(located.data), catalogue, found, taken)
    located_found = (locate(CatalogueProblem(name, path, message), located) for path, message in found.items)
    return sort_problems([*problems, *located_found])


def build_catalogue(document: dict[str, Any], *, content_hash: str = "") -> Catalogue:
    """Validate a document and build the catalogue, or raise CatalogueInvalid with every problem."""
    problems: list[CatalogueProblem] = []
    taxes: TaxSettings | None = None
    raw_taxes = document.get("taxes")
    if raw_taxes is not None:
        try:
            data = TaxesSchema().load(raw_taxes if isinstance(raw_taxes, dict) else {"_": raw_taxes})
        except ValidationError as exc:
            problems.extend(_schema_problems(TAXES_FILE, TaxesSchema(), exc))
        else:
            found = Problems()
            taxes = build_taxes(data, found)
            problems.extend(CatalogueProblem(TAXES_FILE, path, text) for path, text in found.items)
    categories = {c.code for c in taxes.categories} if taxes else None
    products: list[Product] = []
    files_by_code: dict[str, str] = {}
    for file, raw in sorted((document.get("products") or {}).items()):
        product, found_in_file = check_product(file, raw, categories)
        problems.extend(found_in_file)
        code = raw.get("code") if isinstance(raw, dict) else None
        if isinstance(code, str) and code in files_by_code:
            problems.append(CatalogueProblem(file, "code", f"Code « {code} » déjà utilisé par {files_by_code[code]}."))
        if isinstance(code, str):
            files_by_code[code] = file
        if product is not None:
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


def locate_all(problems: list[CatalogueProblem], sources: dict[str, Located]) -> list[CatalogueProblem]:
    """Each problem with its line, column and readable path, in file order."""
    return sort_problems(
        problem if problem.line is not None else locate(problem, sources.get(problem.file)) for problem in problems
    )


def _with_source(product: Product, file: str) -> Product:
    return replace(product, source_file=file)


def load_directory(directory: Path, rules_directory: Path | None = None) -> LoadedCatalogue:
    """Read and validate the folder; CatalogueInvalid lists every problem of every file, each with its
    line, column and readable path."""
    document, problems, sources = read_sources(directory, rules_directory)
    try:
        catalogue = build_catalogue(document, content_hash=document_hash(document))
    except CatalogueInvalid as invalid:
        raise CatalogueInvalid(locate_all([*problems, *invalid.problems], sources)) from None
    if problems:
        raise CatalogueInvalid(locate_all(problems, sources))
    return LoadedCatalogue(catalogue, document, catalogue.content_hash)


def catalogue_from_document(document: dict[str, Any]) -> Catalogue:
    """Rebuild a stored snapshot (validated again: a snapshot is data too)."""
    return build_catalogue(document, content_hash=document_hash(document))
