"""Offers benchmark: pricing a 3-line quote (an AUTO line, an MRH line, an AUTO alternative) as the
quote service does — each line with its multi-product discount and the undiscounted twin that gives the
discount's amount (`domain.offers.price_offer`).

Figures, not pass/fail (target in issue #11: a 3-line offer priced in under 5 ms).
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path

from polyadmin.catalogue import load_directory
from polyadmin.domain.offers import OfferLine, price_offer
from polyadmin.domain.pricing import PricingRequest

PRODUCTS = Path(__file__).resolve().parents[2] / "products"
ROUNDS = 500
AUTO_RISK = {
    "garage_postcode": "44000",
    "driver_birth_date": "1985-06-15",
    "licence_date": "2005-09-01",
    "claim_free_years": 10,
    "crm": "0.60",
    "vehicle_group": 30,
    "first_registration_date": "2022-03-01",
    "energy": "essence",
    "usage": "prive",
    "annual_mileage": 12000,
    "vehicle_value": 15000,
}
HOME_RISK = {
    "postcode": "69003",
    "dwelling_type": "appartement",
    "occupancy_status": "locataire",
    "residence": "principale",
    "surface": 64,
    "rooms": 3,
    "floor": "etage",
    "contents_value": 18000,
    "flood_zone": False,
    "security": "porte_blindee",
}


def main() -> None:
    print("polyadmin offers benchmark")
    catalogue = load_directory(PRODUCTS).catalogue
    auto, home = catalogue.product("AUTO"), catalogue.product("MRH")
    assert auto is not None and home is not None
    day = date(2026, 3, 2)
    offer = [
        OfferLine(auto, "tiers_plus", ("pieces_reemploi",)),
        OfferLine(home, "locataire_confort"),
        OfferLine(auto, "tous_risques", alternative_of=1),
    ]
    requests = [
        PricingRequest("tiers_plus", "mensuel", day, dict(AUTO_RISK), ("pieces_reemploi",)),
        PricingRequest("locataire_confort", "annuel", day, dict(HOME_RISK)),
        PricingRequest("tous_risques", "mensuel", day, dict(AUTO_RISK)),
    ]
    durations = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        priced = price_offer(catalogue.taxes, offer, requests, active_contracts=1)
        durations.append(time.perf_counter() - started)
    totals = ", ".join(f"{item.pricing.total} € (réduction {item.discount} €)" for item in priced)
    durations.sort()
    print(
        f"  3-line quote (AUTO + MRH + AUTO alternative, discounts included), {ROUNDS} rounds:"
        f" median {statistics.median(durations) * 1000:.2f} ms,"
        f" p95 {durations[int(ROUNDS * 0.95)] * 1000:.2f} ms, worst {durations[-1] * 1000:.2f} ms (target < 5 ms)"
    )
    print(f"  lines: {totals}")


if __name__ == "__main__":
    main()
