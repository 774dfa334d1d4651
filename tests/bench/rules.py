"""Acceptance-rules benchmark: one request's facts, rules, documents, delegation and score.

Figures, not pass/fail (target in issue #10: rules evaluation for one request under 1 ms).
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from polyadmin.catalogue import load_directory
from polyadmin.domain.acceptance import SuppliedDocument, assess
from polyadmin.domain.scoring import score
from polyadmin.domain.underwriting_facts import PastClaim, PastInsurance, RequestInputs, request_facts

PRODUCTS = Path(__file__).resolve().parents[2] / "products"
REQUESTS = 20_000


def _inputs(rng: random.Random) -> tuple[RequestInputs, tuple[SuppliedDocument, ...]]:
    received = date(2026, 2, 1)
    claims = tuple(
        PastClaim(date(2023, 1, 1).replace(year=2023 + rng.randrange(3)), rng.choice(("full", "partial", "none")))
        for _ in range(rng.randrange(4))
    )
    history = (PastInsurance("auto", date(2015, 1, 1), rng.choice((None, date(2025, 6, 1))), "insurer", "non_payment"),)
    inputs = RequestInputs(
        product_line="auto",
        received_on=received,
        effective_date=date(2026, 3, 1),
        formula=rng.choice(("tiers", "tiers_plus", "tous_risques")),
        options=("valeur_a_neuf",) if rng.random() < 0.3 else (),
        frequency=rng.choice(("annuel", "mensuel")),
        declared={
            "driver_birth_date": date(1950 + rng.randrange(55), 1 + rng.randrange(12), 1),
            "licence_date": date(2000 + rng.randrange(25), 6, 1),
            "crm": Decimal(rng.choice(("0.50", "0.76", "1.00", "1.25", "2.43"))),
            "vehicle_group": 25 + rng.randrange(20),
            "first_registration_date": date(2010 + rng.randrange(16), 1, 1),
            "vehicle_value": rng.randrange(3000, 80000),
            "usage": "prive",
            "annual_mileage": rng.randrange(2000, 30000),
        },
        history=history if rng.random() < 0.1 else (),
        claims=claims,
    )
    supplied = tuple(
        SuppliedDocument(index, code, date(2026, 1, 1 + rng.randrange(28)))
        for index, code in enumerate(("permis_conduire", "certificat_immatriculation", "releve_information"))
    )
    return inputs, supplied


def main() -> None:
    print("polyadmin acceptance-rules benchmark")
    catalogue = load_directory(PRODUCTS).catalogue
    rules = catalogue.rules_for("AUTO")
    assert rules.score is not None
    rng = random.Random(2026)
    requests = [_inputs(rng) for _ in range(REQUESTS)]
    timings = []
    outcomes: dict[str, int] = {}
    for inputs, supplied in requests:
        started = time.perf_counter()
        facts = request_facts(inputs)
        result = assess(rules, facts, supplied, inputs.received_on)
        score(rules.score, facts)
        timings.append(time.perf_counter() - started)
        outcomes[result.outcome.value] = outcomes.get(result.outcome.value, 0) + 1
    timings.sort()
    print(
        f"  {REQUESTS} AUTO requests (facts + {len(rules.rules)} rules + {len(rules.documents)} documents"
        f" + {len(rules.delegation)} limits + score): median {statistics.median(timings) * 1e6:.0f} µs,"
        f" p99 {timings[int(len(timings) * 0.99)] * 1e6:.0f} µs, worst {timings[-1] * 1e6:.0f} µs"
    )
    print(f"  outcomes (checksum): {dict(sorted(outcomes.items()))}")


if __name__ == "__main__":
    main()
