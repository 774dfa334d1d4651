"""Every value the real products' fields accept must price: forms, tables and bounds agree.

A failure here means a product declares a field range wider than its tables (a form would offer a
value that the tariff then refuses) — fix the product file, not this test.
"""

import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from polyadmin.catalogue import load_directory
from polyadmin.domain.pricing import price
from tests.helpers.catalogue_inputs import random_request

PRODUCTS = Path(__file__).resolve().parents[2] / "products"
CATALOGUE = load_directory(PRODUCTS).catalogue


@pytest.mark.parametrize("code", CATALOGUE.codes())
def test_random_valid_requests_price_and_add_up(code):
    product = CATALOGUE.product(code)
    assert product is not None
    rng = random.Random(f"{code}-2026")
    for _ in range(300):
        request = random_request(product, rng)
        pricing = price(product, CATALOGUE.taxes, request)
        assert pricing.total > 0
        assert sum(i.amount for i in pricing.instalments) == pricing.total
        assert all(line.premium_before_tax >= Decimal(0) for line in pricing.lines)
        assert len(pricing.instalments) == product.frequency(request.frequency).instalments  # type: ignore[union-attr]


def test_spouse_age_is_required_only_when_a_spouse_is_insured():
    from polyadmin.domain.errors import InvalidInput

    product = CATALOGUE.product("SANTE")
    assert product is not None
    request = random_request(product, random.Random(7))
    risk = {key: value for key, value in request.risk.items() if key != "spouse_age"}
    alone = price(product, CATALOGUE.taxes, replace(request, risk={**risk, "has_spouse": False}))
    assert alone.total > 0
    with pytest.raises(InvalidInput) as caught:
        price(product, CATALOGUE.taxes, replace(request, risk={**risk, "has_spouse": True}))
    assert list(caught.value.field_errors) == ["risk.spouse_age"]
    assert caught.value.field_errors["risk.spouse_age"][0].startswith("Champ obligatoire pour ce tarif")
