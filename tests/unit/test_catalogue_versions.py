"""Catalogue versions: what a label names, and the structured diff of two catalogue documents."""

from __future__ import annotations

import copy
from typing import Any

from polyadmin.domain.catalogue_versions import CatalogueChange, diff_documents, label_clashes, labelled_contents

BASE: dict[str, Any] = {
    "taxes": {"categories": {"home_other": {"label": "Autres", "rate": "9"}}},
    "products": {
        "mrh.yaml": {
            "code": "MRH",
            "name": "Habitation",
            "version": "2026.1",
            "tables": {"zone": {"entries": {"75": "1.30"}}, "pieces": {"bands": [{"min": 1, "value": "0.85"}]}},
            "guarantees": [{"code": "vol", "premium": [{"base": "40.00"}]}],
            "formulas": [{"code": "confort", "options": ["vol"]}],
        }
    },
    "rules": {"mrh.yaml": {"product": "MRH", "rules": [{"code": "R1", "when": "surface > 400"}]}},
}


def test_the_same_document_has_no_change():
    assert diff_documents(BASE, copy.deepcopy(BASE)) == []


def test_each_area_is_named_with_the_product_the_path_and_both_values():
    after = copy.deepcopy(BASE)
    product = after["products"]["mrh.yaml"]
    product["version"] = "2026.2"
    product["tables"]["zone"]["entries"]["13"] = "1.15"
    product["tables"]["pieces"]["bands"][0]["value"] = "0.90"
    product["guarantees"][0]["premium"][0]["base"] = "42.00"
    product["formulas"].append({"code": "essentielle", "options": []})
    after["taxes"]["categories"]["home_other"]["rate"] = "10"
    after["rules"]["mrh.yaml"]["rules"][0]["when"] = "surface > 300"
    assert diff_documents(BASE, after) == [
        CatalogueChange("products", "MRH", "version", "2026.1", "2026.2"),
        CatalogueChange("rates", "", "categories.home_other.rate", "9", "10"),
        CatalogueChange("tables", "MRH", "tables.zone.entries.13", None, "1.15"),
        CatalogueChange("tables", "MRH", "tables.pieces.bands[1].value", "0.85", "0.90"),
        CatalogueChange("guarantees", "MRH", "guarantees.vol.premium[1].base", "40.00", "42.00"),
        CatalogueChange("formulas", "MRH", "formulas.essentielle", None, "{code : essentielle, options : []}"),
        CatalogueChange("rules", "MRH", "rules.R1.when", "surface > 400", "surface > 300"),
    ]


def test_a_product_added_or_removed_is_one_change():
    after = copy.deepcopy(BASE)
    after["products"]["auto.yaml"] = {"code": "AUTO", "name": "Auto", "version": "2026.1"}
    [added] = diff_documents(BASE, after)
    assert (added.area, added.product, added.before, added.after, added.kind) == (
        "products",
        "AUTO",
        None,
        "Auto (version 2026.1)",
        "ajout",
    )
    [removed] = diff_documents(after, BASE)
    assert removed.kind == "suppression" and removed.before == "Auto (version 2026.1)"


def test_a_label_names_the_product_file_and_its_rules():
    labels = labelled_contents(BASE)
    assert list(labels) == [("MRH", "2026.1")]
    rules_changed = copy.deepcopy(BASE)
    rules_changed["rules"]["mrh.yaml"]["rules"][0]["when"] = "surface > 300"
    assert labelled_contents(rules_changed)[("MRH", "2026.1")] != labels[("MRH", "2026.1")]
    taxes_changed = copy.deepcopy(BASE)
    taxes_changed["taxes"]["categories"]["home_other"]["rate"] = "10"
    assert labelled_contents(taxes_changed) == labels  # taxes are no product's: told apart by fingerprint
    [clash] = label_clashes(rules_changed, labels)
    assert (clash.product, clash.version) == ("MRH", "2026.1")
    bumped = copy.deepcopy(rules_changed)
    bumped["products"]["mrh.yaml"]["version"] = "2026.2"
    assert label_clashes(bumped, labels) == []
    assert label_clashes(BASE, labels) == []
