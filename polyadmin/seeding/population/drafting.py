"""What the drafters of one population share: the generation's context, the scenario's `population`
mixes, the persons drafted so far; and the draws from those mixes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from polyadmin.domain import scenario as model
from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.seeding.context import GenerationContext
from polyadmin.seeding.factories import Draw

Parts = dict[str, list[Any]]
"""The records a drafted client owns, by ClientSpec field: vehicles, dwellings, … contracts, claims."""


def new_parts() -> Parts:
    return {k: [] for k in ("vehicles", "dwellings", "businesses", "loans", "histories", "contracts", "claims")}


@dataclass
class Drafting:
    """One population's drafting: `persons` are the refs of the persons drafted so far (a company's
    director is drawn among them)."""

    ctx: GenerationContext
    spec: model.PopulationSpec
    persons: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lam = Decimal(self.spec.claims_per_year)
        self.segments = [s for s, p in self.spec.segments.items() if p > 0]
        self.segment_weights = [self.spec.segments[s] for s in self.segments]

    @property
    def draw(self) -> Draw:
        return self.ctx.draw

    @property
    def start(self) -> date:
        return self.ctx.start

    @property
    def catalogue(self) -> Catalogue:
        return self.ctx.catalogue

    # --- distributions --------------------------------------------------------------------------------

    def _share(self, shares: tuple[model.Share, ...]) -> model.Share:
        return self.draw.weighted(shares, [s.percent for s in shares])

    def age(self) -> int:
        share = self._share(self.spec.ages)
        return self.draw.rng.randint(int(share.minimum), int(share.maximum))

    def target_crm(self) -> Decimal:
        share = self._share(self.spec.crm)
        low, high = int(share.minimum * 100), int(share.maximum * 100)
        return Decimal(self.draw.rng.randint(low, high)) / 100

    def product(self, code: str) -> Product | None:
        return self.catalogue.product(code)

    def wanted(self, segment: str) -> list[str]:
        """The products a unit of `segment` holds (each drawn with its percent, in the mix's order)."""
        return [code for code, percent in self.spec.products.get(segment, {}).items() if self.draw.chance(percent)]

    def formula(self, product: Product, allowed: list[str] | None = None) -> str:
        mix = self.spec.formulas.get(product.code) or {f.code: Decimal(1) for f in product.formulas}
        codes = [c for c in mix if product.formula(c) is not None and (allowed is None or c in allowed) and mix[c] > 0]
        if not codes:
            codes = [f.code for f in product.formulas if allowed is None or f.code in allowed] or [
                product.formulas[0].code
            ]
            return self.draw.pick(codes)
        return self.draw.weighted(codes, [mix[c] for c in codes])

    def frequency(self, product: Product) -> str:
        codes = [c for c, p in self.spec.frequencies.items() if product.frequency(c) is not None and p > 0]
        if not codes:
            return self.draw.pick([f.code for f in product.frequencies])
        return self.draw.weighted(codes, [self.spec.frequencies[c] for c in codes])

    def options(self, product: Product, formula: str, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
        chosen = product.formula(formula)
        assert chosen is not None
        return tuple(o for o in chosen.options if o not in exclude and self.draw.chance(self.spec.options_percent))

    def unpaid(self) -> int:
        """Instalments left unpaid on a drafted contract: the last due one, for `unpaid_percent`."""
        return 1 if self.draw.chance(self.spec.unpaid_percent) else 0

    def contract_start(self, earliest: date, years: int = 12) -> date:
        """A start between `earliest` and the day before the start date, not older than `years`."""
        first = max(earliest, model.add_years(self.start, -years))
        return self.draw.day_between(first, self.start - timedelta(days=1))
