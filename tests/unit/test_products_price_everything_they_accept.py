"""Every value the real products' fields accept must price: forms, tables and bounds agree.

A failure here means a product declares a field range wider than its tables (a form would offer a
value that the tariff then refuses) — fix the product file, not this test.
"""

import random
from decimal import Decimal
from pathlib import Path

import pytest

from polyadmin.catalogue import load_directory
from polyadmin.domain.pricing import price
from tests.catalogue_inputs import random_request

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
