"""The pricing engine (tarification): product + risk data + choices → premiums, taxes, instalments, explanation.

Pure and exact: Decimal throughout, one rounding per fact (polyadmin.domain.money.round_money), the
algorithm documented step by step in docs/products.md. Risk data arrive already typed by
`read_risk_data` (which refuses values outside the product's fields and tables, naming the field).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from polyadmin.domain.catalogue import (
    Condition,
    Formula,
    Frequency,
    Guarantee,
    Measure,
    Modifier,
    Product,
    RatePeriod,
    RatingTable,
    TaxCategory,
    TaxSettings,
    value_on,
)
from polyadmin.domain.dates import add_months
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.french import decimal_text, percent_text, short_date
from polyadmin.domain.money import from_cents, round_money, to_cents
from polyadmin.domain.novice_surcharge import novice_surcharge
from polyadmin.domain.risk_data import departement, read_risk_data, years_elapsed


@dataclass(frozen=True)
class PricingRequest:
    """What the candidate chose: formula, options (optional guarantees or modifiers), deductibles."""

    formula: str
    frequency: str
    effective_date: date
    risk: dict[str, object]
    options: tuple[str, ...] = ()
    deductibles: dict[str, str] = field(default_factory=dict)
    other_contracts: int = 0
    extra_premiums: tuple[ExtraPremium, ...] = ()


@dataclass(frozen=True)
class ExtraPremium:
    """A surprime decided at acceptance (« accepter sous conditions »): `percent` more on the premium
    before tax of `guarantee` (every guarantee when None); the taxes are computed on the raised premium."""

    percent: Decimal
    guarantee: str | None = None
    label: str = "Surprime"


@dataclass(frozen=True)
class FactorStep:
    """One coefficient applied to a component, with what it read and where it comes from."""

    table: str
    label: str
    read: str
    coefficient: Decimal
    source: str


@dataclass(frozen=True)
class ComponentPrice:
    label: str
    base: Decimal
    factors: tuple[FactorStep, ...]
    amount: Decimal  # unrounded


@dataclass(frozen=True)
class TaxLine:
    code: str  # tsca | catnat | catnat_tax | fgao
    label: str
    rate: Decimal
    base: Decimal
    amount: Decimal


@dataclass(frozen=True)
class GuaranteeLine:
    code: str
    name: str
    status: str  # mandatory | formula | optional
    components: tuple[ComponentPrice, ...]
    adjustments: tuple[FactorStep, ...]  # deductible, modifiers, extra premium, multi-product discount
    premium_before_tax: Decimal
    fractionnement: Decimal
    taxes: tuple[TaxLine, ...]
    total: Decimal
    deductible: str | None = None


@dataclass(frozen=True)
class ContractCharge:
    """A per-contract amount: a fee and its tax, or the attentats contribution."""

    code: str
    label: str
    amount: Decimal
    tax: Decimal
    total: Decimal


@dataclass(frozen=True)
class Instalment:
    number: int
    due_date: date
    amount: Decimal


@dataclass(frozen=True)
class Pricing:
    product_code: str
    product_version: str
    formula: str
    options: tuple[str, ...]
    frequency: str
    effective_date: date
    lines: tuple[GuaranteeLine, ...]
    charges: tuple[ContractCharge, ...]
    premium_before_tax: Decimal
    fractionnement: Decimal
    taxes: Decimal
    total: Decimal
    instalments: tuple[Instalment, ...]
    explanation: tuple[str, ...]
    discount: Decimal = Decimal(0)  # what the multi-product discount takes off the total (taxes included)


HUNDRED = Decimal(100)
ONE = Decimal(1)
DISCOUNT_STEP = "multi_equipement"  # the adjustment step of the multi-product discount


class _Factors:
    """Evaluates each rating table once per request (tables are shared between guarantees)."""

    def __init__(self, product: Product, risk: dict[str, object], effective_date: date) -> None:
        self.product = product
        self.risk = risk
        self.effective_date = effective_date
        self.cache: dict[str, FactorStep] = {}
        self.failed: set[str] = set()
        self.errors: dict[str, list[str]] = {}

    def measure(self, measure: Measure) -> tuple[object, str]:
        value = self.risk.get(measure.field)
        if measure.transform == "departement":
            key = departement(str(value))
            return key, f"département {key}"
        if measure.transform == "years_elapsed":
            assert isinstance(value, date)
            years = years_elapsed(value, self.effective_date)
            return years, f"{years} an(s)"
        if isinstance(value, bool):
            return value, "oui" if value else "non"
        spec = self.product.risk_field(measure.field)
        if spec is not None and spec.kind == "choice":
            label = spec.choice_label(value)
            assert label is not None  # read_risk_data keeps only the field's choices
            return value, label
        return value, decimal_text(value) if isinstance(value, Decimal) else str(value)

    def step(self, code: str) -> FactorStep | None:
        if code in self.cache:
            return self.cache[code]
        if code in self.failed:
            return None
        table = self.product.table(code)
        assert table is not None  # checked when the catalogue was loaded
        try:
            step = self._evaluate(table)
        except _OutOfTable as exc:
            self.failed.add(code)  # reported once, however many guarantees read the table
            self.errors.setdefault(f"risk.{exc.field}", []).append(exc.message)
            return None
        self.cache[code] = step
        return step

    def _evaluate(self, table: RatingTable) -> FactorStep:
        if table.kind == "novice_surcharge":
            assert table.novice is not None
            years, _ = self.measure(table.novice.years_licensed)
            accompanied = bool(self.risk.get(table.novice.accompanied_driving))
            claim_free = self.risk.get(table.novice.claim_free_years)
            assert isinstance(years, int) and isinstance(claim_free, int)
            try:
                surcharge = novice_surcharge(max(years, 0), accompanied, claim_free)
            except InvalidInput as exc:
                message = next(iter(exc.field_errors.values()))[0]  # novice_surcharge names each field
                raise _OutOfTable(table.novice.claim_free_years, message) from None
            return FactorStep(
                table.code,
                table.label,
                f"surprime {percent_text(surcharge.percent)}",
                ONE + surcharge.percent / HUNDRED,
                f"{table.source} — {surcharge.rule}",
            )
        assert table.measure is not None
        field = table.measure.field
        if self.risk.get(field) is None:  # an optional field becomes required when a component reads it
            raise _OutOfTable(field, f"Champ obligatoire pour ce tarif (table « {table.label} »).")
        value, shown = self.measure(table.measure)
        if table.kind == "lookup":
            key = ("true" if value else "false") if isinstance(value, bool) else str(value)
            coefficient = table.entry(key)
            if coefficient is None:
                known = ", ".join(k for k, _ in table.entries)
                raise _OutOfTable(field, f"{shown} absent de la table « {table.label} » (valeurs prévues : {known}).")
            return FactorStep(table.code, table.label, shown, coefficient, table.source)
        number = Decimal(value) if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else None
        assert number is not None
        if table.kind == "bands":
            for band in table.bands:
                if band.minimum <= number and (band.maximum is None or number <= band.maximum):
                    return FactorStep(table.code, table.label, shown, band.value, table.source)
            first, last = table.bands[0], table.bands[-1]
            upper = "" if last.maximum is None else f" à {decimal_text(last.maximum)}"
            raise _OutOfTable(
                field,
                f"{shown} hors des tranches de « {table.label} » (de {decimal_text(first.minimum)}{upper}).",
            )
        if table.kind == "per_unit":
            assert table.per is not None
            return FactorStep(
                table.code, table.label, f"{shown} ÷ {decimal_text(table.per)}", number / table.per, table.source
            )
        return FactorStep(table.code, table.label, shown, number, table.source)


class _OutOfTable(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _unknown(what: str, code: str, valid: list[str] | tuple[str, ...]) -> str:
    listed = ", ".join(valid) if valid else "aucune"
    return f"{what} inconnue « {code} » ; valeurs possibles : {listed}."


def _check_choices(
    product: Product, request: PricingRequest
) -> tuple[Formula, Frequency, list[Guarantee], list[Modifier]]:
    errors: dict[str, list[str]] = {}
    if request.effective_date < product.effective_date:
        errors["effective_date"] = [
            f"Le produit {product.code} version {product.version} est en vigueur à partir du "
            f"{short_date(product.effective_date)}."
        ]
    formula = product.formula(request.formula)
    if formula is None:
        errors["formula"] = [_unknown("Formule", request.formula, [f.code for f in product.formulas])]
    frequency = product.frequency(request.frequency)
    if frequency is None:
        errors["frequency"] = [_unknown("Fréquence", request.frequency, [f.code for f in product.frequencies])]
    guarantees: list[Guarantee] = []
    modifiers: list[Modifier] = []
    if formula is not None:
        chosen_optional: set[str] = set()
        for code in dict.fromkeys(request.options):
            if code not in formula.options:
                errors.setdefault("options", []).append(
                    _unknown(f"Option de la formule {formula.code}", code, formula.options)
                )
            elif (modifier := product.modifier(code)) is not None:
                modifiers.append(modifier)
            else:
                chosen_optional.add(code)
        included = {g.code for g in product.included_guarantees(formula)} | chosen_optional
        guarantees = [g for g in product.guarantees if g.code in included]
        by_code = {g.code: g for g in guarantees}
        for code, deductible in request.deductibles.items():
            guarantee = by_code.get(code)
            if guarantee is None or not guarantee.deductibles:
                with_choice = [g.code for g in guarantees if g.deductibles]
                errors.setdefault("deductibles", []).append(_unknown("Garantie à franchise", code, with_choice))
            elif guarantee.deductible(deductible) is None:
                errors.setdefault(f"deductibles.{code}", []).append(
                    _unknown("Franchise", deductible, [d.code for d in guarantee.deductibles])
                )
    if request.other_contracts < 0:
        errors["other_contracts"] = ["Nombre positif ou nul attendu."]
    for extra in request.extra_premiums:
        if extra.percent <= 0:
            errors.setdefault("extra_premiums", []).append("Surprime : pourcentage strictement positif attendu.")
        elif extra.guarantee is not None and extra.guarantee not in {g.code for g in guarantees}:
            errors.setdefault("extra_premiums", []).append(
                _unknown("Garantie surprimée", extra.guarantee, [g.code for g in guarantees])
            )
    if errors:
        raise InvalidInput(errors, "Choix de tarification invalides.")
    assert formula is not None and frequency is not None
    return formula, frequency, guarantees, modifiers


def _discount_percent(product: Product, other_contracts: int) -> Decimal:
    for band in product.multi_product_discount:
        if band.minimum <= other_contracts and (band.maximum is None or other_contracts <= band.maximum):
            return band.percent
    return Decimal(0)


def _applies(condition: Condition | None, risk: dict[str, object]) -> bool:
    if condition is None:
        return True
    value = risk.get(condition.field)
    return any(value == expected for expected in condition.values) or str(value) in condition.texts


def _tax_rate(taxes: TaxSettings, category: str) -> TaxCategory:
    found = taxes.category(category)
    assert found is not None  # checked when the catalogue was loaded
    return found


def _rate_on(periods: tuple[RatePeriod, ...], day: date, what: str) -> Decimal:
    """The rate (or amount) of the tax settings in force on `day`; a date before the first period
    is refused on the effective date, naming what is missing."""
    rate = value_on(periods, day)
    if rate is None:
        raise InvalidInput(
            {"effective_date": [f"Aucun {what} en vigueur au {short_date(day)}."]},
            "Barème fiscal incomplet à la date d'effet.",
        )
    return rate


@dataclass(frozen=True)
class _TaxRates:
    """The tax settings in force on the effective date; the FGAO rate is read only for a guarantee
    that carries it (a date without one refuses only a request that needs it)."""

    taxes: TaxSettings
    day: date
    catnat: dict[str, Decimal]
    catnat_tax: TaxCategory

    @classmethod
    def on(cls, taxes: TaxSettings, day: date) -> _TaxRates:
        catnat = {
            "property": _rate_on(taxes.catnat_property, day, "taux de surprime CatNat habitation"),
            "auto": _rate_on(taxes.catnat_auto, day, "taux de surprime CatNat automobile"),
        }
        return cls(taxes, day, catnat, _tax_rate(taxes, taxes.catnat_tax_category))

    def fgao(self) -> Decimal:
        return _rate_on(self.taxes.fgao_rate, self.day, "taux de contribution FGAO")


def price(product: Product, taxes: TaxSettings, request: PricingRequest, *, explain: bool = True) -> Pricing:
    """Price one request; raises InvalidInput naming every unknown choice or out-of-table value.

    `explain=False` skips the French explanation (bulk pricing when seeding a portfolio).
    """
    formula, frequency, guarantees, modifiers, risk = _checked_request(product, request)
    factors = _Factors(product, risk, request.effective_date)
    day = request.effective_date
    discount = _discount_percent(product, request.other_contracts)
    rates = _TaxRates.on(taxes, day)
    lines: list[GuaranteeLine] = []
    discount_amount = Decimal(0)
    for guarantee in guarantees:
        components = _component_prices(guarantee, risk, factors)
        deductible_code, adjustments = _adjustments(product, guarantee, request, modifiers, discount)
        line = _guarantee_line(guarantee, components, adjustments, deductible_code, frequency, rates)
        lines.append(line)
        if discount:  # the same guarantee without the discount: each rounded as a fact, then compared
            plain = [step for step in adjustments if step.table != DISCOUNT_STEP]
            discount_amount += _line_amounts(guarantee, components, plain, frequency, rates)[3] - line.total
    if factors.errors:
        raise InvalidInput(factors.errors, "Données de risque hors des tables du produit.")
    charges = _contract_charges(product, guarantees, rates)
    recurring = sum((line.total for line in lines), Decimal(0))
    once = sum((c.total for c in charges), Decimal(0))
    instalments = _instalments(recurring, once, frequency, day)
    total = recurring + once
    premium_total = sum((line.premium_before_tax for line in lines), Decimal(0))
    surcharge_total = sum((line.fractionnement for line in lines), Decimal(0))
    return Pricing(
        product_code=product.code,
        product_version=product.version,
        formula=formula.code,
        options=tuple(dict.fromkeys(request.options)),
        frequency=frequency.code,
        effective_date=day,
        lines=tuple(lines),
        charges=tuple(charges),
        premium_before_tax=premium_total,
        fractionnement=surcharge_total,
        taxes=total - premium_total - surcharge_total - sum((c.amount for c in charges), Decimal(0)),
        total=total,
        instalments=instalments,
        explanation=_explain(product, formula, frequency, lines, charges, discount, total, instalments)
        if explain
        else (),
        discount=discount_amount,
    )


def _checked_request(
    product: Product, request: PricingRequest
) -> tuple[Formula, Frequency, list[Guarantee], list[Modifier], dict[str, object]]:
    """The request's choices and typed risk data, or every error of both at once (so that a form
    shows all its errors together)."""
    errors: dict[str, list[str]] = {}
    try:
        formula, frequency, guarantees, modifiers = _check_choices(product, request)
    except InvalidInput as exc:
        errors.update(exc.field_errors)
    try:
        risk = read_risk_data(product, request.risk, request.effective_date)
    except InvalidInput as exc:
        errors.update(exc.field_errors)
    if errors:
        raise InvalidInput(errors, "Demande de tarification invalide.")
    return formula, frequency, guarantees, modifiers, risk


def _component_prices(guarantee: Guarantee, risk: dict[str, object], factors: _Factors) -> list[ComponentPrice]:
    """Each component that applies to the risk: its base times its rating factors (unrounded). A
    table the risk falls outside of is left out here and reported by `factors` at the end."""
    components: list[ComponentPrice] = []
    for component in guarantee.components:
        if not _applies(component.when, risk):
            continue
        steps = [factors.step(code) for code in component.factors]
        amount = component.base
        for step in steps:
            if step is not None:
                amount *= step.coefficient
        components.append(ComponentPrice(component.label, component.base, tuple(s for s in steps if s), amount))
    return components


def _adjustments(
    product: Product,
    guarantee: Guarantee,
    request: PricingRequest,
    modifiers: list[Modifier],
    discount: Decimal,
) -> tuple[str | None, list[FactorStep]]:
    """The chosen (or default) deductible, then the options that modify this guarantee, then the
    multi-product discount: coefficients on the guarantee's whole premium."""
    adjustments: list[FactorStep] = []
    deductible_code = None
    if guarantee.deductibles:
        deductible_code = request.deductibles.get(guarantee.code, guarantee.default_deductible)
        deductible = guarantee.deductible(deductible_code or "")
        assert deductible is not None
        adjustments.append(
            FactorStep("franchise", "Franchise", deductible.label, deductible.factor, f"Produit {product.code}")
        )
    for modifier in modifiers:
        if guarantee.code in modifier.applies_to:
            adjustments.append(
                FactorStep(modifier.code, modifier.name, "option choisie", modifier.factor, f"Produit {product.code}")
            )
    for extra in request.extra_premiums:
        if extra.guarantee is None or extra.guarantee == guarantee.code:
            adjustments.append(
                FactorStep(
                    "surprime",
                    extra.label,
                    f"surprime {percent_text(extra.percent)}",
                    ONE + extra.percent / HUNDRED,
                    "Décision d'acceptation sous conditions",
                )
            )
    if discount:
        adjustments.append(
            FactorStep(
                DISCOUNT_STEP,
                "Réduction multi-équipement",
                f"{request.other_contracts} autre(s) contrat(s)",
                ONE - discount / HUNDRED,
                f"Produit {product.code}",
            )
        )
    return deductible_code, adjustments


def _guarantee_line(
    guarantee: Guarantee,
    components: list[ComponentPrice],
    adjustments: list[FactorStep],
    deductible_code: str | None,
    frequency: Frequency,
    rates: _TaxRates,
) -> GuaranteeLine:
    """Premium HT rounded once, the fractionnement surcharge on it, then the taxes on both."""
    premium, surcharge, tax_lines, total = _line_amounts(guarantee, components, adjustments, frequency, rates)
    return GuaranteeLine(
        code=guarantee.code,
        name=guarantee.name,
        status=guarantee.status,
        components=tuple(components),
        adjustments=tuple(adjustments),
        premium_before_tax=premium,
        fractionnement=surcharge,
        taxes=tuple(tax_lines),
        total=total,
        deductible=deductible_code,
    )


def _line_amounts(
    guarantee: Guarantee,
    components: list[ComponentPrice],
    adjustments: list[FactorStep],
    frequency: Frequency,
    rates: _TaxRates,
) -> tuple[Decimal, Decimal, list[TaxLine], Decimal]:
    """A guarantee's premium HT, fractionnement surcharge, tax lines and total: the amounts of its line,
    without the line (the discount's undiscounted twin needs only the total)."""
    raw = sum((c.amount for c in components), Decimal(0))
    for step in adjustments:
        raw *= step.coefficient
    premium = round_money(raw)
    surcharge = round_money(premium * frequency.surcharge_percent / HUNDRED)
    taxable = premium + surcharge
    tax_lines = _tax_lines(guarantee, taxable, rates)
    return premium, surcharge, tax_lines, taxable + sum((t.amount for t in tax_lines), Decimal(0))


def _tax_lines(guarantee: Guarantee, taxable: Decimal, rates: _TaxRates) -> list[TaxLine]:
    """The insurance tax of the guarantee's category; the CatNat surcharge and its own tax; the FGAO
    contribution: each on the premium with its fractionnement, except the CatNat tax (on the
    surcharge)."""
    category = _tax_rate(rates.taxes, guarantee.tax.category)
    tsca = round_money(taxable * category.rate / HUNDRED)
    tax_lines = [TaxLine("tsca", category.label, category.rate, taxable, tsca)]
    if guarantee.tax.catnat != "none":
        rate = rates.catnat[guarantee.tax.catnat]
        catnat = round_money(taxable * rate / HUNDRED)
        tax_lines.append(TaxLine("catnat", "Surprime catastrophes naturelles", rate, taxable, catnat))
        catnat_tax = rates.catnat_tax
        tax_lines.append(
            TaxLine(
                "catnat_tax",
                catnat_tax.label,
                catnat_tax.rate,
                catnat,
                round_money(catnat * catnat_tax.rate / HUNDRED),
            )
        )
    if guarantee.tax.fgao:
        rate = rates.fgao()
        tax_lines.append(TaxLine("fgao", "Contribution au FGAO", rate, taxable, round_money(taxable * rate / HUNDRED)))
    return tax_lines


def _contract_charges(product: Product, guarantees: list[Guarantee], rates: _TaxRates) -> list[ContractCharge]:
    """Once per contract: the product's fees with their tax, and the attentats contribution when a
    property cover is chosen."""
    charges: list[ContractCharge] = []
    for fee in product.fees:
        category = _tax_rate(rates.taxes, fee.tax_category)
        tax = round_money(fee.amount * category.rate / HUNDRED)
        charges.append(ContractCharge(fee.code, fee.label, fee.amount, tax, fee.amount + tax))
    if any(g.tax.property_cover for g in guarantees):
        amount = _rate_on(rates.taxes.attentats, rates.day, "montant de contribution attentats")
        charges.append(ContractCharge("attentats", "Contribution attentats (FGTI)", amount, Decimal(0), amount))
    return charges


def _instalments(recurring: Decimal, once: Decimal, frequency: Frequency, start: date) -> tuple[Instalment, ...]:
    """Equal instalments truncated to the cent; the first carries the leftover cents and the per-contract charges."""
    count = frequency.instalments
    cents = to_cents(recurring)
    share, leftover = divmod(cents, count)
    step = 12 // count
    result = []
    for index in range(count):
        amount = from_cents(share + (leftover if index == 0 else 0))
        if index == 0:
            amount += once
        result.append(Instalment(index + 1, add_months(start, index * step), amount))
    return tuple(result)


def _explain(
    product: Product,
    formula: Formula,
    frequency: Frequency,
    lines: list[GuaranteeLine],
    charges: list[ContractCharge],
    discount: Decimal,
    total: Decimal,
    instalments: tuple[Instalment, ...],
) -> tuple[str, ...]:
    text = [
        f"{product.name} (version {product.version}), formule {formula.name}.",
        f"Fréquence de paiement « {frequency.label} » : {frequency.instalments} échéance(s), "
        f"majoration de fractionnement {percent_text(frequency.surcharge_percent)} de la prime HT.",
    ]
    if discount:
        text.append(f"Réduction multi-équipement de {percent_text(discount)} appliquée à chaque garantie.")
    for line in lines:
        parts = []
        for component in line.components:
            factors = " × ".join(f"{s.label} ({s.read}) {decimal_text(s.coefficient)}" for s in component.factors)
            parts.append(f"{component.label} : {decimal_text(component.base)} €" + (f" × {factors}" if factors else ""))
        for step in line.adjustments:
            parts.append(f"{step.label} ({step.read}) × {decimal_text(step.coefficient)}")
        taxes = ", ".join(f"{t.label} {percent_text(t.rate)} = {decimal_text(t.amount)} €" for t in line.taxes)
        text.append(
            f"{line.name} : " + " ; ".join(parts) + f" → prime HT {decimal_text(line.premium_before_tax)} €"
            f" ; {taxes} ; total {decimal_text(line.total)} €."
        )
    for charge in charges:
        text.append(f"{charge.label} : {decimal_text(charge.total)} € (une fois par contrat, sur la 1re échéance).")
    text.append(
        f"Total annuel TTC : {decimal_text(total)} € ; 1re échéance {decimal_text(instalments[0].amount)} €"
        + (f", puis {decimal_text(instalments[-1].amount)} €." if len(instalments) > 1 else ".")
    )
    return tuple(text)
