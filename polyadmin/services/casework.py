"""Working a subscription request: checking documents, asking the client for documents, referring to
experts, deciding, flagging non-conformities, correcting the record — each one journal entry linked to
the request (record `request:<id>`), in the same transaction as the change (C2A.1, C2A.2, C1.8, C1.11).

The candidate of the sandbox acts; the trainer may answer a referral as the expert; scripted answers of
the scenario land when the sandbox's clock reaches their delay (`deliver_due_answers`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from polyadmin.domain.acceptance import ExpertRole, SpecialConditionKind
from polyadmin.domain.canonical import to_json_value
from polyadmin.domain.casework import (
    Decision,
    ExpertAnswer,
    RequestStatus,
    Verdict,
    check_decision,
    ensure_decidable,
    ensure_open,
    is_overdue,
    processing_deadline,
)
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.errors import Forbidden, InvalidInput, NotFound
from polyadmin.domain.risk_data import read_value
from polyadmin.domain.roles import Actor, Permission, Role, allowed
from polyadmin.journal.writer import append_entry
from polyadmin.services.access import readable_sandbox, workable_sandbox
from polyadmin.services.analysis import RequestAnalysis, analyse
from polyadmin.services.catalogue import catalogue_for
from polyadmin.services.client_documents import record_edition
from polyadmin.services.clock import wall_now
from polyadmin.services.letters import decision_letter, documents_request_letter
from polyadmin.services.unit import transaction
from polyadmin.store.casework import (
    DocumentCheck,
    DocumentRequest,
    NonConformity,
    Referral,
    RequestConsultation,
    RequestDecision,
)
from polyadmin.store.client_documents import ClientDocument
from polyadmin.store.models import Sandbox
from polyadmin.store.portfolio import DocumentScript, ExpertScript, SubscriptionRequest, SupportingDocument, Vehicle
from polyadmin.store.sequences import next_value
from polyadmin.validation.casework import (
    ConsultationSchema,
    CorrectionSchema,
    DecisionSchema,
    DocumentCheckSchema,
    DocumentRequestSchema,
    ExpertAnswerSchema,
    NonConformitySchema,
    ReferralSchema,
)
from polyadmin.validation.french import load_or_raise

# Tables of the candidate's casework, dependants first: a sandbox reset deletes them before the portfolio.
CASEWORK_MODELS = (
    ClientDocument,
    RequestConsultation,
    NonConformity,
    RequestDecision,
    Referral,
    DocumentRequest,
    DocumentCheck,
)
DEFAULT_ANSWER_DAYS = 5  # an expert answers within five days unless the scenario says otherwise
SIMULATED_EXPERT = Actor(user_id=None, username="expert simulé", role=Role.TRAINER)
SIMULATED_CLIENT = Actor(user_id=None, username="client simulé", role=Role.TRAINER)
WAITING_DOCUMENTS = ("en_attente", "relancee", "incomplete")  # document requests the client may still answer


# --- loading ------------------------------------------------------------------------------------------


def _request_in(session: Session, sandbox: Sandbox, request_id: int) -> SubscriptionRequest:
    request = session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.id == request_id,
            SubscriptionRequest.sandbox_id == sandbox.id,
            SubscriptionRequest.received_on <= sandbox.business_date,
        )
    ).scalar_one_or_none()
    if request is None:
        raise NotFound("Demande de souscription introuvable.")
    return request


def _document_of(session: Session, request: SubscriptionRequest, document_id: int | None, field: str) -> Any:
    if document_id is None:
        return None
    document = session.get(SupportingDocument, document_id)
    if document is None or document.request_id != request.id or document.sandbox_id != request.sandbox_id:
        raise InvalidInput({field: ["Cette pièce n'appartient pas à la demande."]})
    return document


def _status(request: SubscriptionRequest) -> RequestStatus:
    try:
        return RequestStatus(request.status)
    except ValueError:
        return RequestStatus.IN_ANALYSIS


def _start(request: SubscriptionRequest) -> str | None:
    """The first action of the candidate puts a new request « en cours d'analyse »."""
    if _status(request) is RequestStatus.NEW:
        request.status = RequestStatus.IN_ANALYSIS.value
        return RequestStatus.IN_ANALYSIS.value
    return None


def _journal(
    session: Session,
    actor: Actor,
    sandbox: Sandbox,
    action: str,
    request: SubscriptionRequest,
    input: dict[str, Any],
    outcome: dict[str, Any],
) -> None:
    append_entry(
        session,
        actor=actor,
        action=action,
        recorded_at=wall_now(),
        sandbox_id=sandbox.id,
        sandbox_date=sandbox.business_date,
        record=("request", request.id),
        input=input,
        outcome={"request_number": request.number, **outcome},
    )


def _rules_days(session: Session, actor: Actor, sandbox: Sandbox, request: SubscriptionRequest) -> int:
    catalogue = catalogue_for(session, actor, sandbox.id)
    return catalogue.rules_for(request.product_code).processing_days


def request_deadline(session: Session, actor: Actor, sandbox: Sandbox, request: SubscriptionRequest) -> date:
    return processing_deadline(request.received_on, _rules_days(session, actor, sandbox, request))


# --- the workspace ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Workspace:
    """Everything the request's workspace shows, read in one go (no journal entry: see `consult`)."""

    sandbox: Sandbox
    request: SubscriptionRequest
    status: RequestStatus
    deadline: date
    overdue: bool
    analysis: RequestAnalysis
    checks: tuple[DocumentCheck, ...]
    document_requests: tuple[DocumentRequest, ...]
    referrals: tuple[Referral, ...]
    decision: RequestDecision | None
    non_conformities: tuple[NonConformity, ...]


def workspace(session: Session, actor: Actor, sandbox_id: int, request_id: int) -> Workspace:
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    request = _request_in(session, sandbox, request_id)
    catalogue = catalogue_for(session, actor, sandbox.id)
    deadline = processing_deadline(request.received_on, catalogue.rules_for(request.product_code).processing_days)

    def rows(model: Any) -> tuple[Any, ...]:
        return tuple(session.execute(select(model).where(model.request_id == request.id).order_by(model.id)).scalars())

    decisions = rows(RequestDecision)
    return Workspace(
        sandbox=sandbox,
        request=request,
        status=_status(request),
        deadline=deadline,
        overdue=is_overdue(_status(request), deadline, sandbox.business_date),
        analysis=analyse(session, sandbox, catalogue, request),
        checks=rows(DocumentCheck),
        document_requests=rows(DocumentRequest),
        referrals=rows(Referral),
        decision=decisions[0] if decisions else None,
        non_conformities=rows(NonConformity),
    )


def consult(session: Session, actor: Actor, sandbox_id: int, request_id: int, data: dict[str, Any]) -> bool:
    """Record that the candidate looked at something from the request (once per thing and request), so
    the evaluator sees what was consulted before deciding. Others' views are not the candidate's evidence.
    Returns whether an entry was written."""
    loaded = load_or_raise(ConsultationSchema(), data)
    with transaction(session):
        sandbox, access = readable_sandbox(session, actor, sandbox_id, lock=True)
        request = _request_in(session, sandbox, request_id)
        if not allowed(actor, Permission.WORK_IN_SANDBOX, access):
            return False
        document = _document_of(session, request, loaded["document_id"], "document_id")
        if loaded["what"] == "document" and document is None:
            raise InvalidInput({"document_id": ["Précisez la pièce consultée."]})
        key = document.id if document is not None else 0
        seen = session.execute(
            select(RequestConsultation.id).where(
                RequestConsultation.request_id == request.id,
                RequestConsultation.what == loaded["what"],
                RequestConsultation.document_id == key,
            )
        ).first()
        if seen is not None:
            return False
        session.add(
            RequestConsultation(
                sandbox_id=sandbox.id,
                request_id=request.id,
                what=loaded["what"],
                document_id=key,
                consulted_on=sandbox.business_date,
            )
        )
        started = _start(request)
        outcome: dict[str, Any] = {"what": loaded["what"]}
        if document is not None:
            outcome.update(document_kind=document.kind, document_title=document.title)
        if loaded["what"] == "simulator" and loaded["priced"]:
            outcome["priced"] = loaded["priced"]  # the simulation attached to the request
        if loaded["what"] in ("analysis", "score"):
            analysis = analyse(session, sandbox, catalogue_for(session, actor, sandbox.id), request)
            outcome["recommendation"] = analysis.assessment.outcome.value
            outcome["rules_fired"] = [firing.rule.code for firing in analysis.assessment.firings]
            if analysis.score is not None:
                outcome["score"] = {"probability": analysis.score.probability, "level": analysis.score.level}
        if started:
            outcome["status"] = started
        _journal(session, actor, sandbox, "request.consult", request, dict(loaded), outcome)
    return True


# --- documents ----------------------------------------------------------------------------------------


def check_document(
    session: Session, actor: Actor, sandbox_id: int, request_id: int, data: dict[str, Any]
) -> DocumentCheck:
    """The candidate's verdict on a supporting document: conforme, non conforme, manquant or périmé."""
    loaded = load_or_raise(DocumentCheckSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        request = _request_in(session, sandbox, request_id)
        ensure_open(_status(request))
        document = _document_of(session, request, loaded["document_id"], "document_id")
        if document is None and not loaded["document_kind"]:
            raise InvalidInput({"document_id": ["Choisissez la pièce contrôlée, ou le code d'une pièce manquante."]})
        if document is None and loaded["verdict"] != "manquant":
            raise InvalidInput({"verdict": ["Sans pièce reçue, le seul constat possible est « manquant »."]})
        if document is not None and loaded["verdict"] == "manquant":
            raise InvalidInput({"verdict": ["Cette pièce a été reçue : conforme, non conforme ou périmée."]})
        kind = document.kind if document is not None else loaded["document_kind"]
        check = DocumentCheck(
            sandbox_id=sandbox.id,
            request_id=request.id,
            document_id=document.id if document is not None else None,
            document_kind=kind,
            verdict=loaded["verdict"],
            reason=loaded["reason"],
            checked_on=sandbox.business_date,
        )
        session.add(check)
        session.flush()
        outcome: dict[str, Any] = {"check_id": check.id, "document_kind": kind, "verdict": check.verdict}
        if (started := _start(request)) is not None:
            outcome["status"] = started
        _journal(session, actor, sandbox, "request.document_check", request, dict(loaded), outcome)
    return check


def request_documents(
    session: Session, actor: Actor, sandbox_id: int, request_id: int, data: dict[str, Any]
) -> DocumentRequest:
    """Ask the client for missing documents by a deadline; the request waits for the client."""
    loaded = load_or_raise(DocumentRequestSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        request = _request_in(session, sandbox, request_id)
        ensure_open(_status(request))
        catalogue = catalogue_for(session, actor, sandbox.id)
        product = catalogue.product(request.product_code)
        known = {document.code for document in product.required_documents} if product else set()
        unknown = [code for code in loaded["documents"] if code not in known]
        if unknown:
            raise InvalidInput(
                {"documents": [f"Pièce inconnue pour ce produit : {', '.join(unknown)} ({', '.join(sorted(known))})."]}
            )
        if loaded["deadline"] <= sandbox.business_date:
            raise InvalidInput({"deadline": ["La date limite suit la date de la simulation."]})
        wanted = list(dict.fromkeys(loaded["documents"]))
        row = DocumentRequest(
            sandbox_id=sandbox.id,
            request_id=request.id,
            documents=wanted,
            message=loaded["message"] or "",
            channel=loaded["channel"],
            sent_on=sandbox.business_date,
            deadline=loaded["deadline"],
            status="en_attente",
            reminders=0,
        )
        session.add(row)
        previous = _status(request)
        request.status = RequestStatus.WAITING_CLIENT.value
        session.flush()
        _journal(
            session,
            actor,
            sandbox,
            "request.documents_requested",
            request,
            {**loaded, "documents": wanted},
            {"document_request_id": row.id, "status": {"from": previous.value, "to": request.status}},
        )
        # The letter asking for the documents is a document edited for the client (C1.9).
        record_edition(
            session,
            actor,
            sandbox.id,
            client_id=request.client_id,
            kind="documents_letter",
            record_type="document_request",
            record_id=row.id,
            title=f"Demande de pièces — demande {request.number}",
            signature_required=False,
            pdf=documents_request_letter(session, actor, sandbox.id, request.id, row.id).pdf,
        )
    return row


def remind_documents(
    session: Session, actor: Actor, sandbox_id: int, request_id: int, document_request_id: int
) -> DocumentRequest:
    """Relance du client: once the deadline has passed without the documents."""
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        request = _request_in(session, sandbox, request_id)
        row = session.get(DocumentRequest, document_request_id)
        if row is None or row.request_id != request.id:
            raise NotFound("Demande de pièces introuvable.")
        if row.status == "recue":
            raise InvalidInput({"document_request": ["Les pièces ont été reçues : rien à relancer."]})
        if sandbox.business_date <= row.deadline:
            raise InvalidInput({"document_request": [f"La date limite ({row.deadline:%d/%m/%Y}) n'est pas dépassée."]})
        row.reminders += 1
        row.last_reminder_on = sandbox.business_date
        row.status = "relancee"
        _journal(
            session,
            actor,
            sandbox,
            "request.documents_reminder",
            request,
            {"document_request_id": row.id},
            {"reminders": row.reminders, "deadline": row.deadline, "documents": row.documents},
        )
    return row


# --- referrals ------------------------------------------------------------------------------------------


def _scripted(session: Session, request: SubscriptionRequest, expert: str) -> ExpertScript | None:
    return (
        session.execute(
            select(ExpertScript)
            .where(ExpertScript.request_id == request.id, ExpertScript.expert == expert)
            .order_by(ExpertScript.id)
        )
        .scalars()
        .first()
    )


def refer(session: Session, actor: Actor, sandbox_id: int, request_id: int, data: dict[str, Any]) -> Referral:
    """Send the case to an expert with a question and the elements attached; it waits for the answer."""
    loaded = load_or_raise(ReferralSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        request = _request_in(session, sandbox, request_id)
        ensure_open(_status(request))
        elements = list(dict.fromkeys(loaded["elements"]))
        for index, document_id in enumerate(elements):
            _document_of(session, request, document_id, f"elements.{index}")
        analysis = analyse(session, sandbox, catalogue_for(session, actor, sandbox.id), request)
        script = _scripted(session, request, loaded["expert"])
        delay = script.delay_days if script is not None else DEFAULT_ANSWER_DAYS
        number = f"TR-{next_value(session, sandbox.id, 'referral'):06d}"
        referral = Referral(
            sandbox_id=sandbox.id,
            request_id=request.id,
            number=number,
            expert=loaded["expert"],
            question=loaded["question"],
            elements=elements,
            sent_on=sandbox.business_date,
            answer_due=sandbox.business_date + timedelta(days=delay),
            status="envoyee",
            reminders=0,
        )
        session.add(referral)
        previous = _status(request)
        request.status = RequestStatus.WAITING_EXPERT.value
        session.flush()
        _journal(
            session,
            actor,
            sandbox,
            "referral.send",
            request,
            {**loaded, "elements": elements},
            {
                "referral_id": referral.id,
                "referral_number": number,
                "recommended_experts": [expert.value for expert in analysis.assessment.experts],
                "answer_due": referral.answer_due,
                "status": {"from": previous.value, "to": request.status},
            },
        )
    return referral


def _referral_in(session: Session, sandbox: Sandbox, referral_id: int) -> Referral:
    referral = session.get(Referral, referral_id)
    if referral is None or referral.sandbox_id != sandbox.id:
        raise NotFound("Transmission introuvable.")
    return referral


def remind_referral(session: Session, actor: Actor, sandbox_id: int, referral_id: int) -> Referral:
    """Chase an expert whose answer is overdue (relance)."""
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        referral = _referral_in(session, sandbox, referral_id)
        request = _request_in(session, sandbox, referral.request_id)
        if referral.status == "repondue":
            raise InvalidInput({"referral": ["L'expert a déjà répondu."]})
        if sandbox.business_date <= referral.answer_due:
            raise InvalidInput(
                {"referral": [f"La réponse est attendue le {referral.answer_due:%d/%m/%Y} : pas encore de retard."]}
            )
        referral.reminders += 1
        referral.status = "relancee"
        _journal(
            session,
            actor,
            sandbox,
            "referral.reminder",
            request,
            {"referral_id": referral.id},
            {"referral_number": referral.number, "reminders": referral.reminders, "answer_due": referral.answer_due},
        )
    return referral


def answer_referral(
    session: Session, actor: Actor, sandbox_id: int, referral_id: int, data: dict[str, Any]
) -> Referral:
    """The trainer of the session answers as the expert (the scenario's script answers otherwise)."""
    loaded = load_or_raise(ExpertAnswerSchema(), data)
    with transaction(session):
        sandbox, access = readable_sandbox(session, actor, sandbox_id, lock=True)
        if not allowed(actor, Permission.ANSWER_REFERRAL, access):
            raise Forbidden("Seul le formateur de la session peut répondre en tant qu'expert.")
        referral = _referral_in(session, sandbox, referral_id)
        if referral.status == "repondue":
            raise InvalidInput({"referral": ["Cette transmission a déjà sa réponse."]})
        _land_answer(session, actor, sandbox, referral, Verdict(loaded["verdict"]), loaded["answer"])
    return referral


def _land_answer(
    session: Session, actor: Actor, sandbox: Sandbox, referral: Referral, verdict: Verdict, answer: str
) -> None:
    request = session.get(SubscriptionRequest, referral.request_id)
    assert request is not None
    referral.status = "repondue"
    referral.answered_on = sandbox.business_date
    referral.answer = answer
    referral.verdict = verdict.value
    referral.answered_by_id = actor.user_id
    if _status(request) is RequestStatus.WAITING_EXPERT and not _open_referrals(session, request, referral.id):
        request.status = RequestStatus.IN_ANALYSIS.value
    append_entry(
        session,
        actor=actor,
        action="referral.answer",
        recorded_at=wall_now(),
        sandbox_id=sandbox.id,
        sandbox_date=sandbox.business_date,
        record=("request", request.id),
        input={"referral_id": referral.id, "verdict": verdict.value, "answer": answer},
        outcome={"request_number": request.number, "referral_number": referral.number, "expert": referral.expert},
    )


def _open_referrals(session: Session, request: SubscriptionRequest, except_id: int) -> bool:
    return (
        session.execute(
            select(Referral.id).where(
                Referral.request_id == request.id, Referral.status != "repondue", Referral.id != except_id
            )
        ).first()
        is not None
    )


def scripted_verdict(request: SubscriptionRequest) -> Verdict:
    """A scripted answer's verdict: what the planted case expects (a refusal confirmed, or an agreement
    with the conditions the answer states)."""
    if request.expected_outcome == "decline":
        return Verdict.UNFAVOURABLE
    if request.expected_outcome in ("accept_conditions", "refer"):
        return Verdict.FAVOURABLE_CONDITIONS
    return Verdict.FAVOURABLE


def deliver_due_answers(session: Session, sandbox: Sandbox) -> list[Referral]:
    """Scripted expert answers whose delay has run on the sandbox clock land on their referrals.
    Called by the clock move, in its transaction; each answer is its own journal entry."""
    delivered = []
    pending = session.execute(
        select(Referral)
        .where(Referral.sandbox_id == sandbox.id, Referral.status != "repondue")
        .order_by(Referral.answer_due, Referral.id)
    ).scalars()
    for referral in list(pending):
        request = session.get(SubscriptionRequest, referral.request_id)
        assert request is not None
        script = _scripted(session, request, referral.expert)
        if script is None or referral.sent_on + timedelta(days=script.delay_days) > sandbox.business_date:
            continue
        verdict = Verdict(script.verdict) if script.verdict else scripted_verdict(request)
        _land_answer(session, SIMULATED_EXPERT, sandbox, referral, verdict, script.answer)
        delivered.append(referral)
    return delivered


def deliver_due_documents(session: Session, sandbox: Sandbox) -> list[SupportingDocument]:
    """The simulated client's scripted replies whose delay has run on the sandbox clock: each document
    asked for arrives (right, or still wrong) as a supporting document of the request, or never.
    Called by the clock move, in its transaction; each delivery is its own journal entry. A request
    for documents is « reçue » once everything asked for has arrived right, « incomplète » while
    something arrived wrong or is still awaited; the request goes back « en cours » once all arrived."""
    delivered: list[SupportingDocument] = []
    pending = session.execute(
        select(DocumentRequest)
        .where(DocumentRequest.sandbox_id == sandbox.id, DocumentRequest.status.in_(WAITING_DOCUMENTS))
        .order_by(DocumentRequest.sent_on, DocumentRequest.id)
    ).scalars()
    for asked in list(pending):
        request = session.get(SubscriptionRequest, asked.request_id)
        assert request is not None
        scripts = {
            script.document_code: script
            for script in session.execute(
                select(DocumentScript).where(DocumentScript.request_id == request.id).order_by(DocumentScript.id)
            ).scalars()
        }
        received = list(asked.received or [])
        arrived = []
        for code in asked.documents:
            script = scripts.get(code)
            if code in received or script is None or script.document is None or script.delay_days is None:
                continue
            if asked.sent_on + timedelta(days=script.delay_days) > sandbox.business_date:
                continue
            arrived.append(_land_document(session, sandbox, request, asked, script))
            received.append(code)
        if not arrived:
            continue
        asked.received = received
        wrong = {document.kind for document in _received_documents(session, request, asked) if document.anomaly}
        complete = set(received) >= set(asked.documents)
        previous = asked.status
        asked.status = "recue" if complete and not wrong else "incomplete"
        status = _status(request)
        if complete and status is RequestStatus.WAITING_CLIENT and not _awaiting_client(session, request, asked.id):
            request.status = RequestStatus.IN_ANALYSIS.value
        for document in arrived:
            append_entry(
                session,
                actor=SIMULATED_CLIENT,
                action="request.documents_received",
                recorded_at=wall_now(),
                sandbox_id=sandbox.id,
                sandbox_date=sandbox.business_date,
                record=("request", request.id),
                input={"document_request_id": asked.id, "document_kind": document.kind},
                outcome={
                    "request_number": request.number,
                    "document_id": document.id,
                    "document_title": document.title,
                    "document_request_status": {"from": previous, "to": asked.status},
                    "status": {"from": status.value, "to": request.status},
                },
            )
        delivered.extend(arrived)
    return delivered


def _land_document(
    session: Session, sandbox: Sandbox, request: SubscriptionRequest, asked: DocumentRequest, script: DocumentScript
) -> SupportingDocument:
    spec = dict(script.document or {})
    valid_until = spec.get("valid_until")
    document = SupportingDocument(
        sandbox_id=sandbox.id,
        client_id=request.client_id,
        request_id=request.id,
        kind=script.document_code,
        title=spec.get("title") or script.document_code,
        issued_on=date.fromisoformat(spec["issued_on"]),
        valid_until=date.fromisoformat(valid_until) if valid_until else None,
        data=dict(spec.get("data") or {}),
        anomaly=spec.get("anomaly"),
        seeded=False,
    )
    session.add(document)
    session.flush()
    return document


def _received_documents(
    session: Session, request: SubscriptionRequest, asked: DocumentRequest
) -> list[SupportingDocument]:
    """The documents the simulated client sent for this request for documents (the latest of each kind)."""
    rows = session.execute(
        select(SupportingDocument)
        .where(
            SupportingDocument.request_id == request.id,
            SupportingDocument.seeded.is_(False),
            SupportingDocument.kind.in_(list(asked.received or [])),
        )
        .order_by(SupportingDocument.id)
    ).scalars()
    return list({row.kind: row for row in rows}.values())


def _awaiting_client(session: Session, request: SubscriptionRequest, except_id: int) -> bool:
    return (
        session.execute(
            select(DocumentRequest.id).where(
                DocumentRequest.request_id == request.id,
                DocumentRequest.status.in_(("en_attente", "relancee")),
                DocumentRequest.id != except_id,
            )
        ).first()
        is not None
    )


# --- decision -----------------------------------------------------------------------------------------


def expert_answers(session: Session, request: SubscriptionRequest) -> list[ExpertAnswer]:
    """The experts' answers to the request's referrals, oldest first (the last of each expert counts)."""
    return [
        ExpertAnswer(ExpertRole(row.expert), Verdict(row.verdict))
        for row in session.execute(
            select(Referral)
            .where(Referral.request_id == request.id, Referral.status == "repondue")
            .order_by(Referral.answered_on, Referral.id)
        ).scalars()
        if row.verdict is not None
    ]


def decision_refusals(
    session: Session, sandbox: Sandbox, catalogue: Catalogue, request: SubscriptionRequest, decision: RequestDecision
) -> tuple[str, ...]:
    """The hard controls a recorded acceptance would fail today (blocking rules, missing documents, an
    expert's unfavourable answer): what `decide` checks, asked again before a contract is issued."""
    analysis = analyse(session, sandbox, catalogue, request)
    kinds = [SpecialConditionKind(condition["kind"]) for condition in decision.conditions]
    return check_decision(
        analysis.assessment, Decision(decision.outcome), expert_answers(session, request), kinds
    ).refusals


def decide(session: Session, actor: Actor, sandbox_id: int, request_id: int, data: dict[str, Any]) -> RequestDecision:
    """Accept, accept with conditions or decline — refused with the reason against a blocking rule, beyond
    the delegation without the expert's favourable answer, or against the expert's answer; a non-blocking
    rule gone against needs a written justification."""
    loaded = load_or_raise(DecisionSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        request = _request_in(session, sandbox, request_id)
        ensure_open(_status(request))
        analysis = analyse(session, sandbox, catalogue_for(session, actor, sandbox.id), request)
        answers = expert_answers(session, request)
        decision = Decision(loaded["outcome"])
        kinds = [SpecialConditionKind(condition["kind"]) for condition in loaded["conditions"]]
        check = check_decision(analysis.assessment, decision, answers, kinds)
        ensure_decidable(check, loaded["justification"])
        if decision is not Decision.ACCEPT_CONDITIONS and loaded["conditions"]:
            raise InvalidInput({"conditions": ["Seule une acceptation sous conditions porte des conditions."]})
        row = RequestDecision(
            sandbox_id=sandbox.id,
            request_id=request.id,
            outcome=decision.value,
            # JSON column: a percentage or an amount is kept as its exact decimal text ("600.00").
            conditions=[
                to_json_value({key: value for key, value in c.items() if value is not None})
                for c in loaded["conditions"]
            ],
            reason=loaded["reason"],
            justification=loaded["justification"],
            alternative=loaded["alternative"],
            overridden=list(check.overridden),
            decided_on=sandbox.business_date,
        )
        session.add(row)
        previous = _status(request)
        request.status = decision.status.value
        session.flush()
        _journal(
            session,
            actor,
            sandbox,
            "request.decision",
            request,
            dict(loaded),
            {
                "decision_id": row.id,
                "status": {"from": previous.value, "to": request.status},
                "recommendation": analysis.assessment.outcome.value,
                "rules_fired": [firing.rule.code for firing in analysis.assessment.firings],
                "overridden": list(check.overridden),
                "expert_answers": [{"expert": a.expert.value, "verdict": a.verdict.value} for a in answers],
                "deadline": request_deadline(session, actor, sandbox, request),
            },
        )
        if decision is Decision.DECLINE:  # the decline letter is a document edited for the client (C1.9)
            record_edition(
                session,
                actor,
                sandbox.id,
                client_id=request.client_id,
                kind="decline_letter",
                record_type="request",
                record_id=request.id,
                title=f"Courrier de refus — demande {request.number}",
                signature_required=False,
                pdf=decision_letter(session, actor, sandbox.id, request.id).pdf,
            )
    return row


# --- non-conformities and corrections -----------------------------------------------------------------


def record_non_conformity(
    session: Session, actor: Actor, sandbox_id: int, request_id: int, data: dict[str, Any]
) -> NonConformity:
    """Flag an anomaly found in a document or in the record, with how it is handled (C1.11)."""
    loaded = load_or_raise(NonConformitySchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        request = _request_in(session, sandbox, request_id)
        document = _document_of(session, request, loaded["document_id"], "document_id")
        row = NonConformity(
            sandbox_id=sandbox.id,
            client_id=request.client_id,
            request_id=request.id,
            document_id=document.id if document is not None else None,
            description=loaded["description"],
            handling=loaded["handling"],
            recorded_on=sandbox.business_date,
        )
        session.add(row)
        session.flush()
        outcome: dict[str, Any] = {"non_conformity_id": row.id}
        if document is not None:
            outcome["document_kind"] = document.kind
        _journal(session, actor, sandbox, "request.non_conformity", request, dict(loaded), outcome)
    return row


# The record attribute a declared field is also kept in, so a correction reaches both (C1.8).
MIRRORED = {"first_registration_date": (Vehicle, "vehicle_id", "first_registration")}


def correct_declared(
    session: Session, actor: Actor, sandbox_id: int, request_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    """Correct a declared risk datum from what a document shows (before → after, journaled as a
    correction), and the risk record where it is kept too."""
    loaded = load_or_raise(CorrectionSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        request = _request_in(session, sandbox, request_id)
        ensure_open(_status(request))
        document = _document_of(session, request, loaded["document_id"], "document_id")
        product = catalogue_for(session, actor, sandbox.id).product(request.product_code)
        spec = product.risk_field(loaded["field"]) if product else None
        if spec is None:
            known = ", ".join(sorted(product.risk_field_names)) if product else ""
            raise InvalidInput({"field": [f"Donnée inconnue pour ce produit ({known})."]})
        requested = dict(request.requested or {})
        effective = requested.get("effective_date") or request.received_on.isoformat()
        try:
            value = read_value(spec, loaded["value"], date.fromisoformat(str(effective)))
        except ValueError as exc:
            raise InvalidInput({"value": [str(exc)]}) from None
        declared = dict(requested.get("declared") or {})
        before = declared.get(spec.name)
        stored = (
            value.isoformat()
            if isinstance(value, date)
            else str(value)
            if not isinstance(value, (bool, int))
            else value
        )
        if before == stored:
            raise InvalidInput({"value": ["C'est déjà la valeur déclarée."]})
        declared[spec.name] = stored
        request.requested = {**requested, "declared": declared}
        changes: dict[str, Any] = {spec.name: {"from": before, "to": stored}}
        if spec.name in MIRRORED:
            model, key, attribute = MIRRORED[spec.name]
            row_id = getattr(request, key)
            row = session.get(model, row_id) if row_id is not None else None
            if row is not None and row.sandbox_id == sandbox.id:
                changes[f"{model.__tablename__}.{attribute}"] = {"from": getattr(row, attribute), "to": value}
                setattr(row, attribute, value)
        outcome: dict[str, Any] = {"changes": changes}
        if document is not None:
            outcome["document_kind"] = document.kind
        _journal(session, actor, sandbox, "request.correction", request, dict(loaded), outcome)
    return changes


def delete_casework(session: Session, sandbox_id: int) -> None:
    """A reset removes the candidate's casework before the portfolio it refers to."""
    for model in CASEWORK_MODELS:
        session.execute(delete(model).where(model.sandbox_id == sandbox_id))
