"""The IPID (DIPA) of every product in products/: the nine questions, the product data, French amounts."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text
from pdfminer.pdfpage import PDFPage

from polyadmin.catalogue import load_directory
from polyadmin.documents import render_ipid
from polyadmin.documents.ipid import (
    FOOTER,
    FULL_EXCLUSIONS,
    HEADINGS,
    TITLE,
    deductible_effect,
    required_document_text,
    unique_exclusions,
)
from polyadmin.documents.resources import documents_path
from polyadmin.domain.catalogue import Product
from polyadmin.domain.french import euros, tariff_effect

PRODUCTS = Path(__file__).resolve().parents[2] / "products"
LINES = {"auto", "habitation", "sante", "emprunteur", "professionnelle"}


@cache
def _products() -> dict[str, Product]:
    return {product.code: product for product in load_directory(PRODUCTS).catalogue.products}


@cache
def _pdf(code: str) -> bytes:
    return render_ipid(_products()[code])


@cache
def _text(code: str) -> str:
    return _flat(extract_text(BytesIO(_pdf(code))))


def _flat(text: str) -> str:
    """One line, every kind of space (no-break, narrow no-break, line breaks) as a plain space."""
    return " ".join(text.split())


def _strings(value: object) -> list[str]:
    """Every text of a product, to know which accents it uses."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [s for item in value for s in _strings(item)]
    return []


def _printed_strings(product: Product) -> list[str]:
    """The product texts the IPID prints (risk fields and tariff tables are for the simulator)."""
    parts = (
        product.name,
        product.target,
        product.ipid,
        [(g.name, g.limits, g.deductibles) for g in product.guarantees],
        product.formulas,
        product.modifiers,
        product.eco_features,
        product.required_documents,
    )
    return _strings(parts)


def _amounts(product: Product) -> list[Decimal]:
    found = [limit.amount for g in product.guarantees for limit in g.limits if limit.amount is not None]
    found += [fee.amount for fee in product.fees]
    return [amount for amount in found if amount]


def test_every_line_of_business_has_a_product():
    assert {product.line for product in _products().values()} == LINES


@pytest.mark.parametrize("code", sorted(_products()))
def test_ipid_asks_the_nine_questions_in_the_standard_order(code):
    text = _text(code)
    assert text.startswith(TITLE)
    positions = [text.find(heading) for heading in HEADINGS]
    assert -1 not in positions, [h for h, p in zip(HEADINGS, positions, strict=True) if p == -1]
    assert positions == sorted(positions)


@pytest.mark.parametrize("code", sorted(_products()))
def test_ipid_shows_the_product_its_guarantees_and_exclusions(code):
    product = _products()[code]
    text = _text(code)
    assert _flat(product.name) in text
    assert _flat(product.ipid.insurer) in text
    for guarantee in product.guarantees:
        assert _flat(guarantee.name) in text
    for exclusion in product.ipid.not_covered:
        assert _flat(exclusion) in text
    assert _flat(FULL_EXCLUSIONS) in text  # the full lists are in the CG and CP
    for formula in product.formulas:
        assert _flat(formula.name) in text
    for feature in product.eco_features:
        assert _flat(feature.label) in text


@pytest.mark.parametrize("code", sorted(_products()))
def test_ipid_writes_amounts_the_french_way(code):
    product = _products()[code]
    text = _text(code)
    amounts = _amounts(product)
    for amount in amounts:
        assert _flat(euros(amount)) in text
    assert "€" in text
    if amounts:  # thousands separated by a space, decimal comma, euro sign after a space
        assert re.search(r"\d{1,3}(?: \d{3})*,\d{2} €", text)
    if any(amount >= 1000 for amount in amounts):
        assert re.search(r"\d{1,3}(?: \d{3})+,\d{2} €", text)
    for guarantee in product.guarantees:
        for deductible in guarantee.deductibles:
            if deductible.code != guarantee.default_deductible:
                assert _flat(deductible_effect(deductible.factor)) in text


@pytest.mark.parametrize("code", sorted(_products()))
def test_ipid_keeps_french_accents(code):
    text = _text(code)
    used = "".join(_printed_strings(_products()[code]))
    for letter in "éèàçœêùô«»":
        if letter in used:
            assert letter in text, f"{letter} manquant dans le PDF"
    assert "é" in text and "à" in text  # the headings alone have them


@pytest.mark.parametrize("code", sorted(_products()))
def test_ipid_pages_say_they_are_pedagogical_and_numbered(code):
    text = _text(code)
    pages = text.count(FOOTER)
    assert pages >= 1
    assert f"Page 1 sur {pages}" in text and f"Page {pages} sur {pages}" in text


@pytest.mark.parametrize("code", sorted(_products()))
def test_same_product_gives_the_same_bytes(code):
    first = render_ipid(_products()[code])
    assert first.startswith(b"%PDF-")
    assert render_ipid(_products()[code]) == first


def test_some_product_prints_a_babel_amount_with_thousands():
    """« 1 500,00 € »: a structured amount (limit or fee) of at least a thousand euros somewhere."""
    assert any(amount >= 1000 for product in _products().values() for amount in _amounts(product))


def test_product_text_is_printed_not_interpreted_as_markup():
    product = next(iter(_products().values()))
    tricky = dataclasses.replace(product, name="Auto <b>gras</b> & Cie", summary="<font size=40>x</font>")
    text = _flat(extract_text(BytesIO(render_ipid(tricky))))
    assert "Auto <b>gras</b> & Cie" in text


def test_amount_helpers_follow_babel_french():
    assert euros(Decimal("1500")) == "1\u202f500,00\u00a0€"
    assert euros(Decimal("12.5")) == "12,50\u00a0€"
    assert tariff_effect(Decimal("1.12")) == "+12\u00a0% sur la prime"
    assert tariff_effect(Decimal("0.88")) == "\u221212\u00a0% sur la prime"
    assert tariff_effect(Decimal("1.00")) == "tarif de référence"


def test_documents_folder_comes_from_the_environment_or_the_repository(monkeypatch, tmp_path):
    monkeypatch.delenv("POLYADMIN_DOCUMENTS_PATH", raising=False)
    assert documents_path() == Path(__file__).resolve().parents[2] / "documents"
    assert (documents_path() / "fonts" / "LICENSE").is_file()
    monkeypatch.setenv("POLYADMIN_DOCUMENTS_PATH", str(tmp_path))
    assert documents_path() == tmp_path.resolve()


# The standard format (règlement d'exécution (UE) 2017/1469): two A4 sides, three at most. Every product
# fits on two pages but the health insurance, whose 26 guarantees × 5 formulas take three.
THREE_PAGES = {"SANTE"}


def _pages(code: str) -> int:
    return len(list(PDFPage.get_pages(BytesIO(_pdf(code)))))


@pytest.mark.parametrize("code", sorted(_products()))
def test_ipid_fits_the_standard_two_sides_three_at_most(code):
    assert _pages(code) <= (3 if code in THREE_PAGES else 2)


@pytest.mark.parametrize("code", sorted(_products()))
def test_ipid_prints_each_exclusion_once(code):
    text = _text(code)
    for exclusion in unique_exclusions(_products()[code].ipid.not_covered):
        assert text.count(_flat(exclusion)) == 1, exclusion
    lines = [line.strip() for line in extract_text(BytesIO(_pdf(code))).splitlines() if line.startswith("✗")]
    assert lines and len(lines) == len(set(lines))


def test_exclusions_written_alike_count_once():
    assert unique_exclusions(["Les dommages intentionnels.", "les  dommages intentionnels", "La guerre"]) == [
        "Les dommages intentionnels.",
        "La guerre",
    ]


@pytest.mark.parametrize("code", sorted(_products()))
def test_ipid_closes_every_bracket_it_opens(code):
    text = _text(code)
    assert "))" not in text and "(mensuel))" not in text
    for document in _products()[code].required_documents:
        assert _flat(required_document_text(document)) in text


def test_a_required_document_condition_follows_a_dash():
    product = _products()["AUTO"]
    mandate = next(d for d in product.required_documents if d.when.endswith(")"))
    assert required_document_text(mandate) == f"{mandate.label} — {mandate.when}"
