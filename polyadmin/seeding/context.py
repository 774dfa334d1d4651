"""What the builders of one generation share: the scenario, the catalogue, the draw, the rows so far.

Every builder (polyadmin.seeding.builders, polyadmin.seeding.population) takes the one
`GenerationContext` of its generation: the seeded `Draw` (every random choice, in order), the
catalogue and its pricing cache, the sandbox start date, the `Portfolio` being filled, and the
allocators of the human-readable numbers (clients CL-, contracts CT-, requests DS-, and the `key` of
the rows that have no number: dwellings LOG-, businesses ENT-, loans PRT-, histories HIS-).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from polyadmin.domain import scenario as model
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.identifiers import record_number
from polyadmin.seeding.documents import Placed
from polyadmin.seeding.factories import Draw
from polyadmin.seeding.portfolio import Portfolio
from polyadmin.seeding.pricing_cache import PricingCache

# Rows without a number of their own get a key: prefix + their position in the table (the writer and
# the digest rebuild it from that position, see polyadmin.seeding.portfolio).
KEY_PREFIXES = {"dwellings": "LOG", "businesses": "ENT", "loans": "PRT", "insurance_histories": "HIS"}


@dataclass
class GenerationContext:
    """One generation's state. `client_numbers` maps a scenario ref to its client number, `placed` to
    what the client left in the portfolio; `problems` collects the contracts the engine refused."""

    scenario: model.Scenario
    catalogue: Catalogue
    draw: Draw
    pricer: PricingCache
    portfolio: Portfolio = field(default_factory=Portfolio)
    client_numbers: dict[str, str] = field(default_factory=dict)
    placed: dict[str, Placed] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)

    @classmethod
    def start_generation(cls, scenario: model.Scenario, catalogue: Catalogue, seed: int) -> GenerationContext:
        """A fresh context; the registrations and SIRENs the scenario plants are never drawn again."""
        context = cls(scenario, catalogue, Draw(seed, scenario.start_date), PricingCache(catalogue))
        for client in scenario.clients:
            for vehicle in client.vehicles:
                if vehicle.registration:
                    context.draw.used_registrations.add(vehicle.registration)
            if client.siren:
                context.draw.used_sirens.add(client.siren)
        return context

    @property
    def start(self) -> date:
        """The sandbox start date: the day the portfolio is seen from."""
        return self.scenario.start_date

    def number_client(self, ref: str) -> str:
        """The next client number (CL-…), given to the scenario's `ref`."""
        number = record_number("CL", len(self.client_numbers) + 1)
        self.client_numbers[ref] = number
        return number

    def next_number(self, prefix: str) -> str:
        """The next number of a numbered record (CT- contracts, DS- requests)."""
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return record_number(prefix, self.counters[prefix])

    def next_key(self, table: str) -> str:
        """The key of the next row of `table` (one of KEY_PREFIXES): its position in the table."""
        return record_number(KEY_PREFIXES[table], len(self.portfolio.rows[table]) + 1)
