"""Acceptance rules (règles d'acceptation) and delegation limits: a pure engine over risk facts.

A trainer writes, per product, rules whose *condition* is a small predicate over named facts (the
request's data and the client's record, see `domain.underwriting_facts`), an *outcome* (accept, accept
with conditions, refer to an expert, decline, or ask for documents), a French message and its
reference. The engine says which rules fired *and with which values*, which documents are missing or
out of date, and whether the case exceeds the candidate's delegation. It decides nothing: the decision
is the candidate's, checked against this assessment by the casework service.

Nothing here reads files or a database; `polyadmin.catalogue.rules` builds these objects from rules/.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

if TYPE_CHECKING:
    from polyadmin.domain.scoring import ScoreModel


class Outcome(StrEnum):
    """What a rule (or the whole assessment) recommends, from the mildest to the most severe."""

    ACCEPT = "accept"
    ACCEPT_CONDITIONS = "accept_conditions"
    MISSING_DOCUMENT = "missing_document"
    REFER = "refer"
    DECLINE = "decline"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


_SEVERITY = {
    Outcome.ACCEPT: 0,
    Outcome.ACCEPT_CONDITIONS: 1,
    Outcome.MISSING_DOCUMENT: 2,
    Outcome.REFER: 3,
    Outcome.DECLINE: 4,
}

OUTCOME_LABELS = {
    Outcome.ACCEPT: "Acceptation au tarif",
    Outcome.ACCEPT_CONDITIONS: "Acceptation sous conditions",
    Outcome.MISSING_DOCUMENT: "Pièces à réclamer",
    Outcome.REFER: "Transmission à un expert",
    Outcome.DECLINE: "Refus",
}


class ExpertRole(StrEnum):
    """The third parties a candidate may consult (C2A.2)."""

    SENIOR_UNDERWRITER = "souscripteur_senior"
    MEDICAL_ADVISER = "medecin_conseil"
    TECHNICAL = "service_technique"
    LEGAL = "service_juridique"
    REINSURANCE = "reassurance"

    @property
    def label(self) -> str:
        return EXPERT_LABELS[self]

    @property
    def of(self) -> str:
        """« du souscripteur senior », « de la réassurance »: the expert after « l'avis »."""
        return EXPERT_OF[self]


EXPERT_OF: dict[str, str] = {
    "souscripteur_senior": "du souscripteur senior",
    "medecin_conseil": "du médecin-conseil",
    "service_technique": "du service technique",
    "service_juridique": "du service juridique",
    "reassurance": "de la réassurance",
}

EXPERT_LABELS = {
    ExpertRole.SENIOR_UNDERWRITER: "Souscripteur senior",
    ExpertRole.MEDICAL_ADVISER: "Médecin-conseil",
    ExpertRole.TECHNICAL: "Service technique / ingénieur prévention",
    ExpertRole.LEGAL: "Service juridique",
    ExpertRole.REINSURANCE: "Réassurance",
}


class SpecialConditionKind(StrEnum):
    """What « accepter sous conditions » may impose."""

    EXTRA_PREMIUM = "surprime"
    EXCLUSION = "exclusion"
    DEDUCTIBLE = "franchise"
    LIMIT = "plafond"
    OPTION_REMOVED = "option_retiree"
    PREREQUISITE = "prealable"

    @property
    def label(self) -> str:
        return CONDITION_LABELS[self]


CONDITION_LABELS = {
    SpecialConditionKind.EXTRA_PREMIUM: "Surprime",
    SpecialConditionKind.EXCLUSION: "Exclusion",
    SpecialConditionKind.DEDUCTIBLE: "Franchise majorée",
    SpecialConditionKind.LIMIT: "Plafond réduit",
    SpecialConditionKind.OPTION_REMOVED: "Option retirée",
    SpecialConditionKind.PREREQUISITE: "Préalable à l'émission",
}


# --- Predicates -------------------------------------------------------------------------------------

Operator = str
COMPARISONS: tuple[Operator, ...] = ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "contains", "is")


@dataclass(frozen=True)
class FactTest:
    """`fact op value`, e.g. crm gt 1.00. A fact that is unknown makes the test false (never an error)."""

    fact: str
    op: Operator
    value: Any

    def holds(self, facts: Mapping[str, Any]) -> bool:
        actual = facts.get(self.fact)
        if actual is None:
            return False
        return _compare(self.op, actual, self.value)

    def facts_used(self) -> tuple[str, ...]:
        return (self.fact,)


@dataclass(frozen=True)
class AllOf:
    items: tuple[Predicate, ...]

    def holds(self, facts: Mapping[str, Any]) -> bool:
        return all(item.holds(facts) for item in self.items)

    def facts_used(self) -> tuple[str, ...]:
        return _union(item.facts_used() for item in self.items)


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Predicate, ...]

    def holds(self, facts: Mapping[str, Any]) -> bool:
        return any(item.holds(facts) for item in self.items)

    def facts_used(self) -> tuple[str, ...]:
        return _union(item.facts_used() for item in self.items)


@dataclass(frozen=True)
class NoneOf:
    items: tuple[Predicate, ...]

    def holds(self, facts: Mapping[str, Any]) -> bool:
        return not any(item.holds(facts) for item in self.items)

    def facts_used(self) -> tuple[str, ...]:
        return _union(item.facts_used() for item in self.items)


@dataclass(frozen=True)
class Always:
    """A rule or a document requirement that applies to every request of the product."""

    def holds(self, facts: Mapping[str, Any]) -> bool:
        return True

    def facts_used(self) -> tuple[str, ...]:
        return ()


Predicate = FactTest | AllOf | AnyOf | NoneOf | Always


def _union(groups: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for name in group:
            seen.setdefault(name, None)
    return tuple(seen)


def _compare(op: Operator, actual: Any, expected: Any) -> bool:
    if op == "is":
        return actual is expected
    if op == "contains":
        return isinstance(actual, (list, tuple, set, frozenset)) and expected in actual
    if op == "in":
        return actual in expected
    if op == "not_in":
        return actual not in expected
    if op == "eq":
        return bool(actual == expected)
    if op == "ne":
        return bool(actual != expected)
    if isinstance(actual, bool) or not isinstance(actual, (int, Decimal, date)):
        return False  # an ordering test on text or a flag never holds (the loader refuses it anyway)
    if op == "lt":
        return bool(actual < expected)
    if op == "le":
        return bool(actual <= expected)
    if op == "gt":
        return bool(actual > expected)
    if op == "ge":
        return bool(actual >= expected)
    raise ValueError(f"unknown operator {op!r}")


# --- Rules, documents, delegation ------------------------------------------------------------------


@dataclass(frozen=True)
class SpecialCondition:
    """One condition of an acceptance « sous conditions », e.g. a 600 € damage deductible."""

    kind: SpecialConditionKind
    label: str
    guarantee: str | None = None
    deductible: str | None = None  # the guarantee's deductible code the condition imposes (e.g. f600)
    option: str | None = None
    percent: Decimal | None = None
    amount: Decimal | None = None


@dataclass(frozen=True)
class AcceptanceRule:
    code: str
    label: str
    when: Predicate
    outcome: Outcome
    message: str
    reference: str
    blocking: bool
    basis: str = "interne"  # reglementaire (a legal text) | interne (the insurer's guidelines)
    expert: ExpertRole | None = None
    conditions: tuple[SpecialCondition, ...] = ()
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentRequirement:
    """A supporting document the product requires when `when` holds, at most `max_age_months` old at
    reception (None: no age limit)."""

    code: str
    when: Predicate
    max_age_months: int | None = None
    stage: str = "analyse"  # analyse: needed to decide | emission: needed before the contract is issued


@dataclass(frozen=True)
class DelegationLimit:
    """Beyond `maximum` of `fact` (or a value in `values`), the candidate must refer to `expert`."""

    fact: str
    label: str
    expert: ExpertRole
    maximum: Decimal | None = None
    values: tuple[str, ...] = ()

    def exceeded_by(self, value: Any) -> bool:
        if value is None:
            return False
        if self.maximum is not None and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return bool(value > self.maximum)
        return bool(self.values) and value in self.values


@dataclass(frozen=True)
class ProductRules:
    product: str
    rules: tuple[AcceptanceRule, ...] = ()
    documents: tuple[DocumentRequirement, ...] = ()
    delegation: tuple[DelegationLimit, ...] = ()
    score: ScoreModel | None = None  # the decision-aid score (domain.scoring), when the file gives one
    processing_days: int = 5  # délai de traitement: calendar days from reception to decision


# --- Assessment -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Firing:
    """A rule that fired, with the values of the facts that made it fire."""

    rule: AcceptanceRule
    values: dict[str, Any]


@dataclass(frozen=True)
class DelegationCheck:
    limit: DelegationLimit
    value: Any
    exceeded: bool


@dataclass(frozen=True)
class DocumentStatus:
    """Where one required document stands: `present`, `missing`, `expired` or `rejected`."""

    code: str
    status: str
    document_id: int | None = None
    issued_on: date | None = None
    stage: str = "analyse"


@dataclass(frozen=True)
class SuppliedDocument:
    """A document received with the request, as the engine needs it."""

    id: int
    code: str
    issued_on: date
    valid_until: date | None = None
    rejected: bool = False  # judged non-conforming (by the candidate, or by a data comparison)


@dataclass(frozen=True)
class Assessment:
    firings: tuple[Firing, ...]
    documents: tuple[DocumentStatus, ...]
    delegation: tuple[DelegationCheck, ...]
    unknown_facts: tuple[str, ...] = field(default=())

    @property
    def outcome(self) -> Outcome:
        """The most severe recommendation: declines beat referrals, which beat missing documents."""
        candidates = [firing.rule.outcome for firing in self.firings]
        if self.missing_documents:
            candidates.append(Outcome.MISSING_DOCUMENT)
        if self.exceeds_delegation:
            candidates.append(Outcome.REFER)
        return max(candidates, key=lambda outcome: outcome.severity, default=Outcome.ACCEPT)

    @property
    def blocking(self) -> tuple[Firing, ...]:
        return tuple(firing for firing in self.firings if firing.rule.blocking)

    @property
    def missing_documents(self) -> tuple[str, ...]:
        """Documents needed to decide that are missing, out of date or rejected (their codes)."""
        return tuple(s.code for s in self.documents if s.status != "present" and s.stage == "analyse")

    @property
    def documents_before_issue(self) -> tuple[str, ...]:
        """Documents that do not hold the decision up but must be in before the contract is issued."""
        return tuple(s.code for s in self.documents if s.status != "present" and s.stage != "analyse")

    @property
    def exceeds_delegation(self) -> bool:
        return any(check.exceeded for check in self.delegation)

    @property
    def experts(self) -> tuple[ExpertRole, ...]:
        """Whose favourable answer the case needs: the experts named by the rules that fired (a referral,
        or conditions an expert must approve) and by the delegation limits exceeded."""
        named: dict[ExpertRole, None] = {}
        for firing in self.firings:
            if firing.rule.expert is not None and firing.rule.outcome is not Outcome.DECLINE:
                named.setdefault(firing.rule.expert, None)
        for check in self.delegation:
            if check.exceeded:
                named.setdefault(check.limit.expert, None)
        return tuple(named)

    @property
    def conditions(self) -> tuple[SpecialCondition, ...]:
        return tuple(
            condition
            for firing in self.firings
            if firing.rule.outcome is Outcome.ACCEPT_CONDITIONS
            for condition in firing.rule.conditions
        )


def assess(
    rules: ProductRules,
    facts: Mapping[str, Any],
    supplied: tuple[SuppliedDocument, ...] = (),
    received_on: date | None = None,
) -> Assessment:
    """Run every rule, document requirement and delegation limit of the product against the facts."""
    firings = tuple(
        Firing(rule, {name: facts.get(name) for name in rule.when.facts_used()})
        for rule in rules.rules
        if rule.when.holds(facts)
    )
    documents = tuple(
        document_status(requirement, supplied, received_on)
        for requirement in rules.documents
        if requirement.when.holds(facts)
    )
    delegation = tuple(
        DelegationCheck(limit, facts.get(limit.fact), limit.exceeded_by(facts.get(limit.fact)))
        for limit in rules.delegation
    )
    used = _union(
        [rule.when.facts_used() for rule in rules.rules]
        + [requirement.when.facts_used() for requirement in rules.documents]
        + [(limit.fact,) for limit in rules.delegation]
    )
    unknown = tuple(name for name in used if facts.get(name) is None)
    return Assessment(firings=firings, documents=documents, delegation=delegation, unknown_facts=unknown)


def document_status(
    requirement: DocumentRequirement, supplied: tuple[SuppliedDocument, ...], received_on: date | None
) -> DocumentStatus:
    """The best supplied document of the required kind: a conforming, recent one if there is one."""
    candidates = sorted(
        (document for document in supplied if document.code == requirement.code),
        key=lambda document: document.issued_on,
        reverse=True,
    )
    stage = requirement.stage
    if not candidates:
        return DocumentStatus(requirement.code, "missing", stage=stage)
    for document in candidates:
        if not document.rejected and not _expired(requirement, document, received_on):
            return DocumentStatus(requirement.code, "present", document.id, document.issued_on, stage)
    newest = candidates[0]
    status = "rejected" if newest.rejected else "expired"
    return DocumentStatus(requirement.code, status, newest.id, newest.issued_on, stage)


def _expired(requirement: DocumentRequirement, document: SuppliedDocument, received_on: date | None) -> bool:
    if received_on is None:
        return False
    if document.valid_until is not None and document.valid_until < received_on:
        return True
    if requirement.max_age_months is None:
        return False
    # « de moins de 3 mois » at reception: issued on or after the same day three months earlier.
    return document.issued_on < received_on - relativedelta(months=requirement.max_age_months)
