"""Offers under the duty to advise (C2A.3): the needs questionnaire, the adequacy of an offer to the
stated needs, the multi-product discount across the lines of a quote, validity and versions.

Pure: no Flask, no SQL. The services load the records, ask these rules, then price with the engine.

- Needs (« recueil des exigences et des besoins », art. L521-4 C. assur.): per line of business the same
  questions (`LINE_QUESTIONS`), the guarantees wanted and those already held being codes of the
  catalogue's guarantees of that line; general questions (budget, disability and accessible formats,
  interest in environment-friendly options) once per record.
- Adequacy (`adequacy_flags`): an offer leaves a stated need uncovered (a wanted guarantee, or a line
  with needs and no product), or proposes cover the client already has (a guarantee declared held, or
  a line where the client holds an active contract); over the monthly budget; eco interest without any
  eco option. Flags are warnings: they never block, the candidate explains in their own words.
- Discount (`other_contracts_for`): a line counts the other products of the offer's chosen lines
  (distinct codes, its own excluded) plus the client's active contracts; an alternative line (compared
  side by side) counts like the line it replaces and is not counted by the others.
- Validity: `DEFAULT_VALIDITY_DAYS` (30) from the sandbox date of the version; a version still
  « proposed » after its last valid day reads as « expired » (`current_status`, nothing is written).
- Versions: a new version supersedes the current one, which stays readable; only a quote whose current
  version is proposed (or expired) takes a new version.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from polyadmin.domain.catalogue import Product, TaxSettings
from polyadmin.domain.errors import Conflict, InvalidInput
from polyadmin.domain.french import number_text
from polyadmin.domain.money import round_money
from polyadmin.domain.pricing import Pricing, PricingRequest, price

DEFAULT_VALIDITY_DAYS = 30
MONTHS = Decimal(12)

LINE_LABELS: dict[str, str] = {
    "auto": "Automobile",
    "habitation": "Habitation",
    "sante": "Santé",
    "emprunteur": "Assurance emprunteur",
    "professionnelle": "Multirisque professionnelle",
}


class QuestionKind(StrEnum):
    TEXT = "text"
    GUARANTEES = "guarantees"  # codes of the line's guarantees


@dataclass(frozen=True)
class Question:
    code: str
    label: str
    kind: QuestionKind = QuestionKind.TEXT


# The questions asked for each line of business the client wants to talk about (data: the same for
# every line, the guarantees offered come from the catalogue's products of that line).
LINE_QUESTIONS: tuple[Question, ...] = (
    Question("protect", "Qui et quoi protéger (personnes, biens, activité) ?"),
    Question("existing_cover", "Couverture existante (assureur, contrat, échéance) ?"),
    Question("wanted", "Garanties souhaitées", QuestionKind.GUARANTEES),
    Question("already_covered", "Garanties déjà détenues ailleurs", QuestionKind.GUARANTEES),
    Question("specific", "Besoins particuliers (usage, valeur, handicap, contraintes) ?"),
)


class QuoteStatus(StrEnum):
    DRAFT = "draft"
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    SUPERSEDED = "superseded"
    EXPIRED = "expired"
    REFUSED = "refused"
    ISSUED = "issued"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    QuoteStatus.DRAFT: "Brouillon",
    QuoteStatus.PROPOSED: "Proposé",
    QuoteStatus.ACCEPTED: "Accepté",
    QuoteStatus.SUPERSEDED: "Remplacé par une nouvelle version",
    QuoteStatus.EXPIRED: "Expiré",
    QuoteStatus.REFUSED: "Refusé",
    QuoteStatus.ISSUED: "Contrat émis",
}
REVISABLE = frozenset({QuoteStatus.DRAFT, QuoteStatus.PROPOSED, QuoteStatus.EXPIRED})


class FlagKind(StrEnum):
    NEED_UNCOVERED = "need_uncovered"
    ALREADY_COVERED = "already_covered"
    OVER_BUDGET = "over_budget"
    ECO_NOT_OFFERED = "eco_not_offered"


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    message: str
    line: str | None = None
    guarantee: str | None = None


@dataclass(frozen=True)
class LineNeeds:
    """What the client said about one line of business."""

    line: str
    wanted: tuple[str, ...] = ()
    already_covered: tuple[str, ...] = ()


@dataclass(frozen=True)
class Needs:
    lines: tuple[LineNeeds, ...]
    budget_monthly: Decimal | None = None
    eco_interest: bool = False


@dataclass(frozen=True)
class OfferLine:
    """A product of an offer with the choices that decide its guarantees."""

    product: Product
    formula: str
    options: tuple[str, ...] = ()
    alternative_of: int | None = None  # position (1, 2…) of the line this one is compared with

    @property
    def guarantees(self) -> set[str]:
        formula = self.product.formula(self.formula)
        included = {g.code for g in self.product.included_guarantees(formula)} if formula else set()
        return included | {code for code in self.options if self.product.guarantee(code) is not None}

    @property
    def eco_options(self) -> tuple[str, ...]:
        return eco_options(self.product, self.options)


def eco_options(product: Product, options: Iterable[str]) -> tuple[str, ...]:
    """The chosen options flagged environment-friendly in the catalogue (`eco: true`), sorted."""
    found = []
    for code in options:
        item = product.guarantee(code) or product.modifier(code)
        if item is not None and item.eco:
            found.append(code)
    return tuple(sorted(set(found)))


def needs_from_answers(
    answers: Mapping[str, Mapping[str, object]], budget_monthly: Decimal | None, eco_interest: bool
) -> Needs:
    lines = []
    for line, given in answers.items():
        if line not in LINE_LABELS:
            continue
        lines.append(
            LineNeeds(
                line,
                tuple(str(code) for code in given.get("wanted") or ()),  # type: ignore[attr-defined]
                tuple(str(code) for code in given.get("already_covered") or ()),  # type: ignore[attr-defined]
            )
        )
    return Needs(tuple(lines), budget_monthly, eco_interest)


def _guarantee_name(products: Sequence[Product], line: str, code: str) -> str:
    for product in products:
        if product.line == line and (guarantee := product.guarantee(code)) is not None:
            return guarantee.name
    return code


def adequacy_flags(
    needs: Needs,
    offer: Sequence[OfferLine],
    *,
    held_lines: Iterable[str] = (),
    products: Sequence[Product] = (),
    monthly_total: Decimal | None = None,
) -> tuple[Flag, ...]:
    """Warnings on an offer against the stated needs (see the module's docstring). `held_lines`: the
    lines of the client's active contracts; `products`: the catalogue, to name guarantees."""
    flags: list[Flag] = []
    chosen = [line for line in offer if line.alternative_of is None]
    covered: dict[str, set[str]] = {}
    for line in chosen:
        covered.setdefault(line.product.line, set()).update(line.guarantees)
    for stated in needs.lines:
        label = LINE_LABELS[stated.line]
        offered = covered.get(stated.line)
        if offered is None:
            if stated.wanted:
                flags.append(
                    Flag(FlagKind.NEED_UNCOVERED, f"{label} : besoin exprimé sans produit proposé.", stated.line)
                )
            continue
        for code in stated.wanted:
            if code not in offered:
                name = _guarantee_name(products, stated.line, code)
                flags.append(
                    Flag(
                        FlagKind.NEED_UNCOVERED,
                        f"{label} : la garantie souhaitée « {name} » n'est pas proposée.",
                        stated.line,
                        code,
                    )
                )
        for code in stated.already_covered:
            if code in offered:
                name = _guarantee_name(products, stated.line, code)
                flags.append(
                    Flag(
                        FlagKind.ALREADY_COVERED,
                        f"{label} : « {name} » est proposée alors que le client la détient déjà.",
                        stated.line,
                        code,
                    )
                )
    for held in sorted(set(held_lines) & set(covered)):
        flags.append(
            Flag(
                FlagKind.ALREADY_COVERED,
                f"{LINE_LABELS.get(held, held)} : le client détient déjà un contrat actif de cette branche.",
                held,
            )
        )
    if needs.budget_monthly is not None and monthly_total is not None and monthly_total > needs.budget_monthly:
        flags.append(
            Flag(
                FlagKind.OVER_BUDGET,
                f"Coût mensuel moyen {number_text(round_money(monthly_total))} € au-delà du budget indiqué "
                f"({number_text(round_money(needs.budget_monthly))} € par mois).",
            )
        )
    if needs.eco_interest and chosen and not any(line.eco_options for line in chosen):
        flags.append(
            Flag(FlagKind.ECO_NOT_OFFERED, "Le client s'intéresse aux options éco-responsables : aucune n'est retenue.")
        )
    return tuple(flags)


def monthly_cost(annual_total: Decimal) -> Decimal:
    """The average monthly cost of an annual total (compared with the budget; not rounded)."""
    return annual_total / MONTHS


def other_contracts_for(offer: Sequence[OfferLine], position: int, active_contracts: int) -> int:
    """The `other_contracts` the engine's multi-product discount reads for the line at `position` (1-based)."""
    line = offer[position - 1]
    chosen = {item.product.code for item in offer if item.alternative_of is None}
    chosen.discard(line.product.code)
    return len(chosen) + active_contracts


def valid_until(issued_on: date, days: int = DEFAULT_VALIDITY_DAYS) -> date:
    """Last day the quote can be accepted: `days` after the sandbox date it was issued on."""
    return issued_on + timedelta(days=days)


def current_status(status: str, until: date, today: date) -> QuoteStatus:
    """The status as read on `today`: a proposed (or draft) version past its last valid day is expired."""
    stored = QuoteStatus(status)
    if stored in (QuoteStatus.PROPOSED, QuoteStatus.DRAFT) and today > until:
        return QuoteStatus.EXPIRED
    return stored


def ensure_revisable(status: QuoteStatus, number: str) -> None:
    """A new version only replaces a version still open (proposed, draft or expired)."""
    if status not in REVISABLE:
        raise Conflict(f"Le devis {number} est « {status.label.lower()} » : il ne peut plus changer de version.")


@dataclass(frozen=True)
class PricedOffer:
    pricing: Pricing
    discount: Decimal  # what the multi-product discount takes off the line's annual total (taxes included)


def price_offer(
    taxes: TaxSettings, offer: Sequence[OfferLine], requests: Sequence[PricingRequest], active_contracts: int
) -> list[PricedOffer]:
    """Price every line of an offer with its multi-product discount (`other_contracts_for`); the discount's
    amount is the engine's (each guarantee without it minus with it, taxes included). Every problem of every
    line is raised at once, under `lines.<index>.<field>`."""
    errors: dict[str, list[str]] = {}
    priced: list[PricedOffer] = []
    for index, (line, request) in enumerate(zip(offer, requests, strict=True)):
        others = other_contracts_for(offer, index + 1, active_contracts)
        request = replace(request, other_contracts=others)
        try:
            pricing = price(line.product, taxes, request, explain=False)  # the breakdown is in its lines
        except InvalidInput as exc:
            for field, messages in exc.field_errors.items():
                errors.setdefault(f"lines.{index}.{field}", []).extend(messages)
            continue
        priced.append(PricedOffer(pricing, pricing.discount))
    if errors:
        raise InvalidInput(errors, "Lignes du devis invalides.")
    return priced
