"""Résiliation of a contract of the sandbox (C2A.4), issued by the candidate or seeded, on a legal ground.

`terminate_contract` loads the contract, takes the premium period running at the date of effect, asks
`domain.terminations.terminate` for the ground's dates and the split of the premium pro rata by days,
and — when the ground applies — in one transaction: the contract becomes « résilié » (status
`terminated`), the termination is recorded with its date of effect, the instalments due from that date
are cancelled, the unearned premium becomes a refund due within 30 days (a payout for the collections
department, status `to_pay` « à payer », with a task in its « tâches »), the termination letter is
edited (document lifecycle, C1.9) and the action is journaled `contract.terminate` (C2A.4).

A ground that does not apply, or a contract already terminated, is refused with the reason (409); a
missing or inconsistent date is a field error (422). For a Hamon (L113-15-2) or L113-16 termination
asked by the client's new insurer on his behalf, `requested_by_new_insurer` and the insurer's name are
recorded and printed on the letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from polyadmin.documents.views import TerminationView
from polyadmin.domain.clients import COMPANY
from polyadmin.domain.contracts import Department
from polyadmin.domain.dates import add_years
from polyadmin.domain.errors import Conflict, InvalidInput, NotFound
from polyadmin.domain.french import euros, short_date
from polyadmin.domain.roles import Actor
from polyadmin.domain.terminations import CONTRACT_GROUND_LABELS, Termination, TerminationCase, terminate
from polyadmin.journal.writer import append_entry
from polyadmin.services.access import readable_sandbox, workable_sandbox
from polyadmin.services.catalogue import rebuild_catalogue
from polyadmin.services.client_documents import record_edition
from polyadmin.services.clock import wall_now
from polyadmin.services.contracts import party_of
from polyadmin.services.unit import transaction
from polyadmin.store.contracts import ContractTermination, Refund, Task
from polyadmin.store.models import CatalogueSnapshot, Client, Sandbox
from polyadmin.store.portfolio import Contract, Instalment
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.terminations import NEW_INSURER_GROUNDS, ContractTerminationSchema

ONE_DAY = timedelta(days=1)
LETTER_KIND = "termination_letter"
LETTER_TITLE = "Lettre de résiliation"
DATE_FIELDS = ("notice_sent_on", "notice_received_on", "event_on", "notice_of_right_sent_on")
INSURER_GROUNDS = frozenset({"insurer_claim", "non_payment"})  # the insurer terminates, not the policyholder
REFUND_STATUS_LABELS = {"to_pay": "À payer", "paid": "Payé", "cancelled": "Annulé"}


@dataclass(frozen=True)
class Recorded:
    termination: ContractTermination
    contract: Contract
    refund: Refund | None
    refund_due_by: date | None
    cancelled_instalments: int
    task: Task | None  # the collections department's refund to make


def _contract_in(session: Session, sandbox: Sandbox, contract_id: int, *, lock: bool = False) -> Contract:
    query = select(Contract).where(Contract.id == contract_id, Contract.sandbox_id == sandbox.id)
    if lock:
        query = query.with_for_update()
    contract = session.execute(query).scalar_one_or_none()
    if contract is None:
        raise NotFound("Contrat introuvable.")
    return contract


def premium_period(contract: Contract, day: date) -> tuple[date, date]:
    """The annual premium period of the contract that runs on `day`: from an anniversary of the principal
    due date to the day before the next one (the first period starts on the contract's start date)."""
    anchor = contract.next_due_date
    years = day.year - anchor.year
    while add_years(anchor, years) > day:
        years -= 1
    while add_years(anchor, years + 1) <= day:
        years += 1
    start, end = add_years(anchor, years), add_years(anchor, years + 1) - ONE_DAY
    if start < contract.start_date:
        start = contract.start_date
        end = max(end, start)
    return start, end


def _line_of(session: Session, contract: Contract) -> str:
    snapshot = session.get(CatalogueSnapshot, contract.snapshot_id)
    assert snapshot is not None  # a foreign key
    product = rebuild_catalogue(session, snapshot).product(contract.product_code)
    return product.line if product is not None else ""


def renewal_in_question(contract: Contract, loaded: dict[str, Any]) -> date | None:
    """The due date a Chatel refusal is about (L113-15-1): the first one after the avis d'échéance when
    it was sent; otherwise the renewal that already happened before the letter (« à tout moment à compter
    de la date de reconduction »), or the coming one while the contract has not been renewed yet."""
    if loaded["ground"] != "chatel" or loaded["notice_sent_on"] is None:
        return None
    if loaded["notice_of_right_sent_on"] is not None:
        return premium_period(contract, max(loaded["notice_of_right_sent_on"], contract.start_date))[1] + ONE_DAY
    start, end = premium_period(contract, max(loaded["notice_sent_on"], contract.start_date))
    return start if start > contract.start_date else end + ONE_DAY


def _case(
    contract: Contract, client: Client, line: str, loaded: dict[str, Any], period: tuple[date, date]
) -> TerminationCase:
    return TerminationCase(
        ground=loaded["ground"],
        subscribed_on=contract.start_date,
        period_start=period[0],
        period_end=period[1],
        annual_premium=contract.annual_total,
        notice_sent_on=loaded["notice_sent_on"],
        notice_received_on=loaded["notice_received_on"],
        event_on=loaded["event_on"],
        due_date=renewal_in_question(contract, loaded),
        notice_of_right_sent_on=loaded["notice_of_right_sent_on"],
        professional=line == "professionnelle" or client.kind == COMPANY,
        loan_insurance=line == "emprunteur",
        withdrawal_until=contract.withdrawal_until,
    )


def compute(
    contract: Contract, client: Client, line: str, loaded: dict[str, Any], today: date
) -> tuple[Termination, tuple[date, date]]:
    """The ground's answer for this contract: the premium period is the one running on the date the
    notice (or the event) is dated, or on the simulation's date; when the date of effect falls in a later
    period, the split is made on the period running at the date of effect (the day before it)."""
    reference = next((loaded[name] for name in DATE_FIELDS if loaded[name] is not None), today)
    if loaded["ground"] == "vehicle_sale" and loaded["event_on"] is not None:
        # The risk ends with the suspension, the day after the sale (L121-11): its period is the one split,
        # whenever the termination itself takes effect.
        period = premium_period(contract, max(loaded["event_on"], contract.start_date))
        return terminate(_case(contract, client, line, loaded, period)), period
    period = premium_period(contract, max(reference, contract.start_date))
    result = terminate(_case(contract, client, line, loaded, period))
    if result.accepted and result.effective_on is not None and result.effective_on > period[1] + ONE_DAY:
        period = premium_period(contract, result.effective_on - ONE_DAY)
        result = terminate(_case(contract, client, line, loaded, period))
    return result, period


def _checked_dates(loaded: dict[str, Any], today: date, contract: Contract) -> None:
    """Dates of facts that happened: not after the simulation's date; a letter about the contract not
    before it was concluded (its creation); the new insurer only for the grounds it may exercise."""
    errors: dict[str, list[str]] = {}
    concluded = min(contract.created_on, contract.start_date)
    for name in DATE_FIELDS:
        value = loaded[name]
        if value is not None and value > today:
            errors[name] = [f"Cette date ne peut pas suivre la date de la simulation ({short_date(today)})."]
        elif value is not None and name in ("notice_sent_on", "notice_received_on") and value < concluded:
            errors[name] = [f"Cette date précède la conclusion du contrat ({short_date(concluded)})."]
        elif value is not None and name == "event_on" and value < contract.start_date:
            errors[name] = [
                f"L'événement précède la prise d'effet du contrat ({short_date(contract.start_date)}) : "
                "il ne peut pas fonder sa résiliation."
            ]
    if loaded["requested_by_new_insurer"]:
        if loaded["ground"] not in NEW_INSURER_GROUNDS:
            errors["requested_by_new_insurer"] = [
                "Seules les résiliations Hamon (L113-15-2) et pour changement de situation (L113-16) peuvent être "
                "demandées par le nouvel assureur pour le compte du client."
            ]
        if not loaded["new_insurer"]:
            errors["new_insurer"] = ["Indiquez le nom du nouvel assureur qui demande la résiliation."]
    if errors:
        raise InvalidInput(errors)


def _journal(session: Session, actor: Actor, sandbox: Sandbox, recorded: Recorded, loaded: dict[str, Any]) -> None:
    termination, contract, refund = recorded.termination, recorded.contract, recorded.refund
    append_entry(
        session,
        actor=actor,
        action="contract.terminate",
        recorded_at=wall_now(),
        sandbox_id=sandbox.id,
        sandbox_date=sandbox.business_date,
        record=("contract", contract.id),
        input={
            "contract_id": contract.id,
            "ground": loaded["ground"],
            **{name: loaded[name] for name in DATE_FIELDS},
            "requested_by_new_insurer": loaded["requested_by_new_insurer"],
            "new_insurer": loaded["new_insurer"],
        },
        outcome={
            "contract_number": contract.number,
            "termination_id": termination.id,
            "previous_contract_status": termination.previous_status,
            "contract_status": contract.status,
            "effective_on": termination.effective_on,
            "period_start": termination.period_start,
            "period_end": termination.period_end,
            "annual_premium": termination.annual_premium,
            "earned": termination.earned,
            "refund": termination.refund,
            "refund_due_by": recorded.refund_due_by,
            "refund_id": refund.id if refund is not None else None,
            "cancelled_instalments": recorded.cancelled_instalments,
            "tasks": [{"department": recorded.task.department, "subject": recorded.task.subject}]
            if recorded.task
            else [],
            "reason": termination.reason,
        },
    )


def terminate_contract(
    session: Session, actor: Actor, sandbox_id: int, contract_id: int, data: dict[str, Any]
) -> Recorded:
    """Résilier: record the termination of a contract of the candidate's sandbox on a legal ground
    (see the module's docstring). InvalidInput (422) for the fields, Conflict (409) with the reason."""
    loaded = load_or_raise(ContractTerminationSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        contract = _contract_in(session, sandbox, contract_id, lock=True)
        if contract.status == "terminated":
            done = session.execute(
                select(ContractTermination).where(ContractTermination.contract_id == contract.id)
            ).scalar_one_or_none()
            since = f" depuis le {short_date(done.effective_on)}" if done is not None else ""
            raise Conflict(f"Le contrat {contract.number} est déjà résilié{since}.")
        today = sandbox.business_date
        _checked_dates(loaded, today, contract)
        if loaded["ground"] == "withdrawal" and contract.distance_selling is False:
            raise Conflict(
                f"Art. L112-2-1 / L112-9 : le contrat {contract.number} a été conclu en agence, ni à distance ni par "
                "démarchage : il n'ouvre pas de délai de renonciation."
            )
        client = session.get(Client, contract.client_id)
        assert client is not None and actor.user_id is not None
        result, (period_start, period_end) = compute(contract, client, _line_of(session, contract), loaded, today)
        if not result.accepted:
            raise Conflict(result.reason)
        assert result.effective_on is not None and result.earned is not None and result.refund is not None
        termination = ContractTermination(
            sandbox_id=sandbox.id,
            contract_id=contract.id,
            ground=loaded["ground"],
            recorded_on=today,
            recorded_by_id=actor.user_id,
            notice_sent_on=loaded["notice_sent_on"],
            notice_received_on=loaded["notice_received_on"],
            event_on=loaded["event_on"],
            notice_of_right_sent_on=loaded["notice_of_right_sent_on"],
            requested_by_new_insurer=loaded["requested_by_new_insurer"],
            new_insurer=loaded["new_insurer"] if loaded["requested_by_new_insurer"] else None,
            effective_on=result.effective_on,
            period_start=period_start,
            period_end=period_end,
            annual_premium=contract.annual_total,
            earned=result.earned,
            refund=result.refund,
            reason=result.reason,
            previous_status=contract.status,
        )
        session.add(termination)
        contract.status = "terminated"
        cancelled = 0
        for instalment in session.execute(
            select(Instalment).where(
                Instalment.contract_id == contract.id,
                Instalment.status == "due",
                Instalment.due_date >= result.effective_on,
            )
        ).scalars():
            instalment.status = "cancelled"
            cancelled += 1
        session.flush()
        refund, task = None, None
        if result.refund > 0 and result.refund_due_by is not None:
            refund = Refund(
                sandbox_id=sandbox.id,
                client_id=contract.client_id,
                contract_id=contract.id,
                termination_id=termination.id,
                amount=result.refund,
                due_on=result.refund_due_by,
                status="to_pay",
                created_on=today,
            )
            session.add(refund)
            task = Task(
                sandbox_id=sandbox.id,
                department=Department.COLLECTIONS.value,
                subject=(
                    f"Rembourser {euros(refund.amount)} de prime non acquise : résiliation du contrat "
                    f"{contract.number} au {short_date(termination.effective_on)} "
                    f"({CONTRACT_GROUND_LABELS[termination.ground]}), "
                    f"au plus tard le {short_date(refund.due_on)}."
                ),
                record_type="contract",
                record_id=contract.id,
                status="open",
                created_on=today,
                due_on=refund.due_on,
            )
            session.add(task)
            session.flush()
        recorded = Recorded(termination, contract, refund, result.refund_due_by, cancelled, task)
        record_edition(
            session,
            actor,
            sandbox.id,
            client_id=contract.client_id,
            kind=LETTER_KIND,
            record_type="contract",
            record_id=contract.id,
            title=f"{LETTER_TITLE} — contrat {contract.number}",
            signature_required=False,
        )
        _journal(session, actor, sandbox, recorded, loaded)
    return recorded


# --- reading ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TerminationFacts:
    termination: ContractTermination
    refund: Refund | None

    @property
    def ground_label(self) -> str:
        return CONTRACT_GROUND_LABELS[self.termination.ground]


def termination_of(session: Session, actor: Actor, sandbox_id: int, contract_id: int) -> TerminationFacts | None:
    """The recorded termination of a contract of a sandbox the actor may read (None when it runs)."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    contract = _contract_in(session, sandbox, contract_id)
    termination = session.execute(
        select(ContractTermination).where(ContractTermination.contract_id == contract.id)
    ).scalar_one_or_none()
    if termination is None:
        return None
    refund = session.execute(select(Refund).where(Refund.termination_id == termination.id)).scalar_one_or_none()
    return TerminationFacts(termination, refund)


def termination_view(session: Session, actor: Actor, sandbox_id: int, contract_id: int) -> TerminationView:
    """What the termination letter prints (its source record is the contract)."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    contract = _contract_in(session, sandbox, contract_id)
    facts = termination_of(session, actor, sandbox_id, contract_id)
    if facts is None:
        raise NotFound("Ce contrat n'est pas résilié.")
    client = session.get(Client, contract.client_id)
    assert client is not None
    snapshot = session.get(CatalogueSnapshot, contract.snapshot_id)
    assert snapshot is not None
    product = rebuild_catalogue(session, snapshot).product(contract.product_code)
    termination, refund = facts.termination, facts.refund
    return TerminationView(
        party=party_of(client),
        number=contract.number,
        product_name=product.name if product is not None else contract.product_code,
        recorded_on=termination.recorded_on,
        ground=termination.ground,
        ground_label=facts.ground_label,
        by_insurer=termination.ground in INSURER_GROUNDS,
        reason=termination.reason,
        notice_sent_on=termination.notice_sent_on,
        notice_received_on=termination.notice_received_on,
        effective_on=termination.effective_on,
        refund=termination.refund,
        refund_due_by=refund.due_on if refund is not None else None,
        new_insurer=termination.new_insurer,
    )


def delete_terminations(session: Session, sandbox_id: int) -> None:
    """A reset removes the refunds and terminations before the contracts they refer to."""
    for instance in list(session.identity_map.values()):
        if isinstance(instance, (Refund, ContractTermination)) and instance.sandbox_id == sandbox_id:
            session.expunge(instance)
    session.execute(delete(Refund).where(Refund.sandbox_id == sandbox_id))
    session.execute(delete(ContractTermination).where(ContractTermination.sandbox_id == sandbox_id))
