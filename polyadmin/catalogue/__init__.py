"""The catalogue files (products/*.yaml, products/taxes.yaml): read exactly, validated, hashed."""

from polyadmin.catalogue.loader import (
    CatalogueInvalid,
    CatalogueProblem,
    LoadedCatalogue,
    build_catalogue,
    catalogue_from_document,
    check_product_text,
    check_rules_text,
    document_hash,
    load_directory,
)

__all__ = [
    "CatalogueInvalid",
    "CatalogueProblem",
    "LoadedCatalogue",
    "build_catalogue",
    "catalogue_from_document",
    "check_product_text",
    "check_rules_text",
    "document_hash",
    "load_directory",
]
