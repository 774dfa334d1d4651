"""The product catalogue as immutable domain objects (built by polyadmin.catalogue from products/*.yaml).

Vocabulary: a *product* (produit) offers *formulas* (formules) that include *guarantees* (garanties);
*optional guarantees* (options) and *tariff modifiers* (options tarifaires: reuse parts, pay-as-you-drive)
can be added; a guarantee may offer *deductibles* (franchises) with a tariff effect. Premiums come from
*components* (base × rating factors read in *tables*); taxes come from the guarantee's *tax profile* and
the tax settings (products/taxes.yaml). Nothing here reads files or a database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Literal, TypeVar

from polyadmin.domain.acceptance import ProductRules
from polyadmin.domain.evaluation import Grid

FieldKind = Literal["integer", "decimal", "choice", "boolean", "postcode", "date", "text"]
Transform = Literal["none", "departement", "years_elapsed"]
TableKind = Literal["lookup", "bands", "input", "per_unit", "novice_surcharge"]
GuaranteeStatus = Literal["mandatory", "formula", "optional"]
CatnatBase = Literal["none", "property", "auto"]

K = TypeVar("K")
V = TypeVar("V")


def _index(items: Iterable[V], key: Callable[[V], K]) -> dict[K, V]:
    """Items by key, the first one winning (as a scan in order finds it).

    The look-ups below (a guarantee by code, a table by code…) are made for every priced request;
    the indexes are built once per object, on first use (cached_property: the objects are frozen
    but not slotted, and the cache is not a field, so equality and hashing are unchanged).
    """
    index: dict[K, V] = {}
    for item in items:
        index.setdefault(key(item), item)
    return index


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class RiskField:
    """One piece of risk data the tariff needs (donnée de risque), with its accepted range."""

    name: str
    label: str
    kind: FieldKind
    required: bool = True
    default: object = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: tuple[Choice, ...] = ()
    unit: str = ""
    help: str = ""
    # For dates: the accepted age range at the effective date, e.g. a birth date giving 18..99 years.
    min_years: int | None = None
    max_years: int | None = None

    def choice_codes(self) -> tuple[str, ...]:
        return self._choice_codes

    def choice_label(self, code: object) -> str | None:
        choice = self._choices.get(code) if isinstance(code, str) else None
        return None if choice is None else choice.label

    @cached_property
    def _choice_codes(self) -> tuple[str, ...]:
        return tuple(choice.code for choice in self.choices)

    @cached_property
    def _choices(self) -> dict[str, Choice]:
        return _index(self.choices, lambda c: c.code)


@dataclass(frozen=True)
class Measure:
    """Which value a table reads: a risk field, optionally transformed (département, full years elapsed)."""

    field: str
    transform: Transform = "none"


@dataclass(frozen=True)
class Band:
    """An inclusive range [minimum, maximum] (maximum None: open-ended) and its coefficient."""

    minimum: Decimal
    maximum: Decimal | None
    value: Decimal


@dataclass(frozen=True)
class NoviceInputs:
    years_licensed: Measure
    accompanied_driving: str
    claim_free_years: str


@dataclass(frozen=True)
class RatingTable:
    """A rating factor table (table de tarification); every coefficient multiplies the premium."""

    code: str
    label: str
    kind: TableKind
    source: str
    measure: Measure | None = None
    entries: tuple[tuple[str, Decimal], ...] = ()
    other: Decimal | None = None
    bands: tuple[Band, ...] = ()
    per: Decimal | None = None
    novice: NoviceInputs | None = None
    eco: bool = False

    def entry(self, key: str) -> Decimal | None:
        return self._entries.get(key, self.other)

    @cached_property
    def _entries(self) -> dict[str, Decimal]:
        first: dict[str, Decimal] = {}
        for key, value in self.entries:
            first.setdefault(key, value)
        return first


@dataclass(frozen=True)
class Condition:
    """A component applies only when a risk field equals one of the given values."""

    field: str
    values: tuple[object, ...]

    @cached_property
    def texts(self) -> frozenset[str]:
        """The values as text (a risk value also matches a value written with the same text)."""
        return frozenset(str(value) for value in self.values)


@dataclass(frozen=True)
class Component:
    """A part of a guarantee's annual premium before tax: base amount × factors (prime de base)."""

    label: str
    base: Decimal
    factors: tuple[str, ...]
    when: Condition | None = None


@dataclass(frozen=True)
class Deductible:
    """A deductible choice (franchise) and its effect on the guarantee's premium (factor)."""

    code: str
    label: str
    factor: Decimal
    amount: Decimal | None = None


@dataclass(frozen=True)
class Limit:
    """A limit of cover (plafond), as an amount or a text (e.g. « illimité »)."""

    label: str
    amount: Decimal | None = None
    text: str = ""


@dataclass(frozen=True)
class TaxProfile:
    """How a guarantee is taxed: its TSCA/TSA category and which contributions it bears."""

    category: str
    catnat: CatnatBase = "none"
    fgao: bool = False
    property_cover: bool = False


@dataclass(frozen=True)
class Guarantee:
    code: str
    name: str
    description: str
    status: GuaranteeStatus
    tax: TaxProfile
    components: tuple[Component, ...]
    limits: tuple[Limit, ...] = ()
    deductibles: tuple[Deductible, ...] = ()
    default_deductible: str | None = None
    exclusions: tuple[str, ...] = ()
    waiting_period_days: int = 0
    eco: bool = False
    legal_basis: str = ""

    def deductible(self, code: str) -> Deductible | None:
        return self._deductibles.get(code)

    @cached_property
    def _deductibles(self) -> dict[str, Deductible]:
        return _index(self.deductibles, lambda d: d.code)


@dataclass(frozen=True)
class Modifier:
    """A tariff option without its own premium (option tarifaire), multiplying some guarantees."""

    code: str
    name: str
    description: str
    factor: Decimal
    applies_to: tuple[str, ...]
    eco: bool = False


@dataclass(frozen=True)
class Formula:
    code: str
    name: str
    description: str
    guarantees: tuple[str, ...]
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fee:
    """A per-contract annual fee (frais accessoires), taxed in its own category."""

    code: str
    label: str
    amount: Decimal
    tax_category: str


@dataclass(frozen=True)
class Frequency:
    """A payment frequency and its fractionnement surcharge (percent of the premium before tax)."""

    code: str
    label: str
    instalments: int
    surcharge_percent: Decimal


@dataclass(frozen=True)
class DiscountBand:
    minimum: int
    maximum: int | None
    percent: Decimal


@dataclass(frozen=True)
class RequiredDocument:
    code: str
    label: str
    when: str = ""


@dataclass(frozen=True)
class Ipid:
    """Content of the standard product information document (DIPA / IPID, art. L112-2)."""

    insurer: str
    product_type: str
    covered: tuple[str, ...]
    not_covered: tuple[str, ...]
    restrictions: tuple[str, ...]
    territory: str
    obligations: tuple[str, ...]
    payment: str
    term: str
    cancellation: str


@dataclass(frozen=True)
class Target:
    client_kinds: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class EcoFeature:
    label: str
    description: str


@dataclass(frozen=True)
class EndorsementSettings:
    """How a product settles an endorsement's premium difference (avenant, docs/products.md):
    `settlement` « instalments » (added to the remaining instalments of the annual period) or « notice »
    (a separate notice or refund); `backdating_days`: how far back an endorsement may take effect without a
    written justification."""

    settlement: str = "instalments"
    backdating_days: int = 30


@dataclass(frozen=True)
class Product:
    code: str
    name: str
    line: str
    version: str
    effective_date: date
    summary: str
    target: Target
    referential: tuple[str, ...]
    risk_fields: tuple[RiskField, ...]
    tables: tuple[RatingTable, ...]
    guarantees: tuple[Guarantee, ...]
    formulas: tuple[Formula, ...]
    modifiers: tuple[Modifier, ...]
    frequencies: tuple[Frequency, ...]
    fees: tuple[Fee, ...]
    multi_product_discount: tuple[DiscountBand, ...]
    required_documents: tuple[RequiredDocument, ...]
    general_exclusions: tuple[str, ...]
    eco_features: tuple[EcoFeature, ...]
    ipid: Ipid
    source_file: str = ""
    endorsements: EndorsementSettings = EndorsementSettings()

    def guarantee(self, code: str) -> Guarantee | None:
        return self._guarantees.get(code)

    def formula(self, code: str) -> Formula | None:
        return self._formulas.get(code)

    def table(self, code: str) -> RatingTable | None:
        return self._tables.get(code)

    def modifier(self, code: str) -> Modifier | None:
        return self._modifiers.get(code)

    def frequency(self, code: str) -> Frequency | None:
        return self._frequencies.get(code)

    def risk_field(self, name: str) -> RiskField | None:
        return self._risk_fields.get(name)

    @cached_property
    def risk_field_names(self) -> frozenset[str]:
        return frozenset(self._risk_fields)

    @cached_property
    def _guarantees(self) -> dict[str, Guarantee]:
        return _index(self.guarantees, lambda g: g.code)

    @cached_property
    def _formulas(self) -> dict[str, Formula]:
        return _index(self.formulas, lambda f: f.code)

    @cached_property
    def _tables(self) -> dict[str, RatingTable]:
        return _index(self.tables, lambda t: t.code)

    @cached_property
    def _modifiers(self) -> dict[str, Modifier]:
        return _index(self.modifiers, lambda m: m.code)

    @cached_property
    def _frequencies(self) -> dict[str, Frequency]:
        return _index(self.frequencies, lambda f: f.code)

    @cached_property
    def _risk_fields(self) -> dict[str, RiskField]:
        return _index(self.risk_fields, lambda f: f.name)

    def included_guarantees(self, formula: Formula) -> tuple[Guarantee, ...]:
        """Mandatory guarantees first, then those of the formula, in catalogue order."""
        if self._formulas.get(formula.code) is formula:  # one of this product's own formulas
            return self._included[formula.code]
        return self._guarantees_of(formula)

    def _guarantees_of(self, formula: Formula) -> tuple[Guarantee, ...]:
        wanted = set(formula.guarantees)
        return tuple(g for g in self.guarantees if g.status == "mandatory" or g.code in wanted)

    @cached_property
    def _included(self) -> dict[str, tuple[Guarantee, ...]]:
        return {code: self._guarantees_of(formula) for code, formula in self._formulas.items()}

    @property
    def is_eco(self) -> bool:
        return bool(self.eco_features) or any(g.eco for g in self.guarantees) or any(m.eco for m in self.modifiers)


@dataclass(frozen=True)
class RatePeriod:
    """A rate (percent) or amount in force from a date (the latest period not after the date applies)."""

    start: date
    value: Decimal


@dataclass(frozen=True)
class TaxCategory:
    code: str
    label: str
    rate: Decimal
    source: str


@dataclass(frozen=True)
class TaxSettings:
    """Taxes and contributions on premiums (products/taxes.yaml): every rate is a setting with its source."""

    categories: tuple[TaxCategory, ...]
    catnat_property: tuple[RatePeriod, ...]
    catnat_auto: tuple[RatePeriod, ...]
    catnat_tax_category: str
    catnat_source: str
    attentats: tuple[RatePeriod, ...]
    attentats_source: str
    fgao_rate: tuple[RatePeriod, ...]
    fgao_source: str

    def category(self, code: str) -> TaxCategory | None:
        return self._categories.get(code)

    @cached_property
    def _categories(self) -> dict[str, TaxCategory]:
        return _index(self.categories, lambda c: c.code)


def value_on(periods: tuple[RatePeriod, ...], day: date) -> Decimal | None:
    """The value of the latest period starting on or before `day` (None before the first one)."""
    current: Decimal | None = None
    for period in sorted(periods, key=lambda p: p.start):
        if period.start <= day:
            current = period.value
    return current


@dataclass(frozen=True)
class Catalogue:
    """A whole catalogue version: products plus tax settings, identified by its content hash."""

    products: tuple[Product, ...]
    taxes: TaxSettings
    content_hash: str = ""
    # Acceptance rules per product (rules/), pinned with the products: polyadmin.domain.acceptance.
    acceptance: tuple[ProductRules, ...] = ()
    # The evaluation grid (rules/evaluation/grid.yaml), pinned with the catalogue: polyadmin.domain.evaluation.
    grid: Grid | None = None

    def product(self, code: str) -> Product | None:
        return self._products.get(code)

    def rules_for(self, code: str) -> ProductRules:
        """The product's acceptance rules; none written means none to apply (an empty set)."""
        return self._rules.get(code) or ProductRules(product=code)

    @cached_property
    def _rules(self) -> dict[str, ProductRules]:
        return _index(self.acceptance, lambda r: r.product)

    @cached_property
    def _products(self) -> dict[str, Product]:
        return _index(self.products, lambda p: p.code)

    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.products)
