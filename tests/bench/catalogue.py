"""Catalogue benchmark: load and validate products/, then price varied auto and home quotes.

Figures, not pass/fail (targets in issue #3: catalogue load < 1 s, ≥ 2,000 quotes/s in one process).
"""

from __future__ import annotations

import random
import resource
import statistics
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

from polyadmin.catalogue import load_directory
from polyadmin.domain.pricing import price
from tests.helpers.catalogue_inputs import random_request

PRODUCTS = Path(__file__).resolve().parents[2] / "products"
QUOTES = 20_000


def main() -> None:
    print("polyadmin catalogue benchmark")
    durations = []
    for _ in range(5):
        started = time.perf_counter()
        loaded = load_directory(PRODUCTS)
        durations.append(time.perf_counter() - started)
    catalogue = loaded.catalogue
    print(
        f"  load + validate products/ ({len(catalogue.products)} products):"
        f" median {statistics.median(durations) * 1000:.0f} ms, worst {max(durations) * 1000:.0f} ms"
    )
    rng = random.Random(2026)
    products = [catalogue.product("AUTO"), catalogue.product("MRH")]
    requests = []
    for index in range(QUOTES):
        product = products[index % 2]
        assert product is not None
        requests.append((product, random_request(product, rng)))
    started = time.perf_counter()
    total = sum((price(product, catalogue.taxes, request).total for product, request in requests), Decimal(0))
    elapsed = time.perf_counter() - started
    print(f"  priced {QUOTES} varied AUTO/MRH quotes in {elapsed:.2f} s → {QUOTES / elapsed:,.0f} quotes/s")
    tracemalloc.start()
    for product, request in requests[:1000]:
        price(product, catalogue.taxes, request)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  sum of premiums (checksum): {total} €")
    print(f"  allocation peak while pricing 1,000 quotes (tracemalloc): {traced_peak / 1024:.0f} KiB")
    print(f"  process peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
