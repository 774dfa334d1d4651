"""Working a subscription request (instruction d'une demande): its statuses, its deadline, and whether a
decision may be taken given the analysis, the documents and the experts' answers (C2A.1, C2A.2).

Hard controls are refused with their reason (a blocking rule, a referral without the expert's favourable
answer, missing documents); a non-blocking rule may be overridden with a written justification. Pure:
the casework service loads, asks here, then writes and journals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from polyadmin.domain.acceptance import Assessment, ExpertRole, Outcome, SpecialConditionKind
from polyadmin.domain.errors import Conflict, InvalidInput


class RequestStatus(StrEnum):
    NEW = "nouvelle"
    IN_ANALYSIS = "en_cours"
    WAITING_CLIENT = "attente_client"
    WAITING_EXPERT = "attente_expert"
    ACCEPTED = "acceptee"
    ACCEPTED_CONDITIONS = "acceptee_conditions"
    DECLINED = "refusee"
    CLOSED = "cloturee"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def decided(self) -> bool:
        return self in DECIDED

    @property
    def open(self) -> bool:
        return self not in DECIDED and self is not RequestStatus.CLOSED


STATUS_LABELS = {
    RequestStatus.NEW: "Nouvelle",
    RequestStatus.IN_ANALYSIS: "En cours d'analyse",
    RequestStatus.WAITING_CLIENT: "En attente du client",
    RequestStatus.WAITING_EXPERT: "En attente d'un expert",
    RequestStatus.ACCEPTED: "Acceptée",
    RequestStatus.ACCEPTED_CONDITIONS: "Acceptée sous conditions",
    RequestStatus.DECLINED: "Refusée",
    RequestStatus.CLOSED: "Clôturée",
}
DECIDED = frozenset({RequestStatus.ACCEPTED, RequestStatus.ACCEPTED_CONDITIONS, RequestStatus.DECLINED})


class Decision(StrEnum):
    ACCEPT = "accept"
    ACCEPT_CONDITIONS = "accept_conditions"
    DECLINE = "decline"

    @property
    def status(self) -> RequestStatus:
        return {
            Decision.ACCEPT: RequestStatus.ACCEPTED,
            Decision.ACCEPT_CONDITIONS: RequestStatus.ACCEPTED_CONDITIONS,
            Decision.DECLINE: RequestStatus.DECLINED,
        }[self]


class Verdict(StrEnum):
    """What an expert answered."""

    FAVOURABLE = "favorable"
    FAVOURABLE_CONDITIONS = "favorable_conditions"
    UNFAVOURABLE = "defavorable"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS = {
    Verdict.FAVOURABLE: "Avis favorable",
    Verdict.FAVOURABLE_CONDITIONS: "Avis favorable sous conditions",
    Verdict.UNFAVOURABLE: "Avis défavorable",
}

# Processing deadlines (délais de traitement) by line of business, in calendar days from reception,
# from the service-level commitments of the fictitious insurer (a setting of the rules files when given).
DEFAULT_PROCESSING_DAYS = 5


def processing_deadline(received_on: date, days: int = DEFAULT_PROCESSING_DAYS) -> date:
    return received_on + timedelta(days=days)


def is_overdue(status: RequestStatus, deadline: date, today: date) -> bool:
    """Open past its deadline (decided or closed requests are never overdue)."""
    return status.open and today > deadline


@dataclass(frozen=True)
class ExpertAnswer:
    expert: ExpertRole
    verdict: Verdict


@dataclass(frozen=True)
class DecisionCheck:
    """What deciding this way requires: the refusals (hard controls) and the rules it overrides."""

    refusals: tuple[str, ...]
    overridden: tuple[str, ...]  # codes of the non-blocking rules the decision goes against

    @property
    def needs_justification(self) -> bool:
        return bool(self.overridden)


def check_decision(
    assessment: Assessment,
    decision: Decision,
    answers: Iterable[ExpertAnswer],
    conditions: Iterable[SpecialConditionKind] = (),
) -> DecisionCheck:
    """The hard controls and the overrides of a decision, from the analysis and the experts' answers."""
    answers = tuple(answers)
    refusals: list[str] = []
    overridden: list[str] = []
    accepting = decision is not Decision.DECLINE
    latest = {answer.expert: answer.verdict for answer in answers}  # the last answer of each expert counts
    for firing in assessment.firings:
        rule = firing.rule
        if not accepting or rule.outcome is Outcome.MISSING_DOCUMENT:
            continue
        if rule.outcome is Outcome.DECLINE:
            reason = f"La règle {rule.code} (« {rule.label} ») impose un refus."
        elif rule.outcome is Outcome.REFER and rule.expert is not None and rule.expert not in latest:
            reason = f"La règle {rule.code} exige l'avis {rule.expert.of} avant d'accepter."
        elif rule.outcome is Outcome.ACCEPT_CONDITIONS and decision is Decision.ACCEPT:
            reason = f"La règle {rule.code} impose des conditions : acceptez sous conditions."
        elif rule.outcome is Outcome.ACCEPT_CONDITIONS and rule.expert is not None and rule.expert not in latest:
            reason = f"Les conditions de la règle {rule.code} demandent l'accord {rule.expert.of}."
        else:
            continue
        if rule.blocking:
            refusals.append(reason)
        else:
            overridden.append(rule.code)
    if accepting:
        for check in assessment.delegation:
            if check.exceeded and latest.get(check.limit.expert) is None:
                refusals.append(
                    f"Hors délégation ({check.limit.label}) : l'avis favorable {check.limit.expert.of} est nécessaire."
                )
        for expert, verdict in latest.items():
            if verdict is Verdict.UNFAVOURABLE:
                refusals.append(f"Avis défavorable {expert.of} : la demande ne peut pas être acceptée.")
            elif verdict is Verdict.FAVOURABLE_CONDITIONS and decision is Decision.ACCEPT:
                refusals.append(f"L'avis {expert.of} pose des conditions : acceptez sous conditions.")
        if assessment.missing_documents:
            refusals.append(
                "Pièces manquantes, périmées ou non conformes : " + ", ".join(assessment.missing_documents) + "."
            )
    if decision is Decision.ACCEPT_CONDITIONS and not tuple(conditions):
        refusals.append("Une acceptation sous conditions énumère ses conditions.")
    return DecisionCheck(tuple(dict.fromkeys(refusals)), tuple(dict.fromkeys(overridden)))


def ensure_open(status: RequestStatus) -> None:
    """Deciding twice, or acting on a closed request, is a conflict (409), not a new fact."""
    if status.decided:
        raise Conflict(f"La demande est déjà décidée ({status.label.lower()}).")
    if status is RequestStatus.CLOSED:
        raise Conflict("La demande est clôturée.")


def ensure_decidable(check: DecisionCheck, justification: str | None) -> None:
    if check.refusals:
        raise InvalidInput({"outcome": list(check.refusals)})
    if check.needs_justification and not (justification or "").strip():
        raise InvalidInput(
            {
                "justification": [
                    "Cette décision va contre les règles "
                    + ", ".join(check.overridden)
                    + " : une justification écrite est obligatoire."
                ]
            }
        )
