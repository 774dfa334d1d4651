"""The letters of a request's casework, read-only: the decline letter of a decision and the letter of a
request for documents, as PDF — and as accessible HTML when the client's record asks for accessible
formats (C2A.1: the client's specific needs are taken into account).

Whoever may read the sandbox may print its letters (candidate, trainer, evaluators); nothing is written
and nothing is journaled (the decision and the request for documents were).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.documents.letters import (
    Letter,
    LetterFacts,
    decline_letter,
    documents_letter,
    load_wording,
    render_letter_html,
    render_letter_pdf,
)
from polyadmin.documents.specimen_kinds import kind_title
from polyadmin.domain.clients import CIVILITIES
from polyadmin.domain.errors import NotFound
from polyadmin.domain.roles import Actor
from polyadmin.services.access import readable_sandbox
from polyadmin.services.catalogue import catalogue_for
from polyadmin.store.casework import DocumentRequest, RequestDecision
from polyadmin.store.models import Client, Sandbox
from polyadmin.store.portfolio import SubscriptionRequest

# Lines of business whose liability cover is compulsory and open to the Bureau central de tarification.
BCT_LINES = frozenset({"auto"})  # art. L211-1 and L212-1 du Code des assurances


@dataclass(frozen=True)
class RenderedLetter:
    """A letter as PDF bytes, its file name, and the accessible HTML when the client needs it."""

    pdf: bytes
    filename: str
    html: str | None  # None unless the client's record lists accessible formats
    letter: Letter


def _request(session: Session, sandbox: Sandbox, request_id: int) -> SubscriptionRequest:
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


def _facts(client: Client, request: SubscriptionRequest, product_name: str, today: date) -> LetterFacts:
    if client.kind == "company":
        name = client.company_name or client.number
        salutation = "Madame, Monsieur,"
    else:
        civility = CIVILITIES.get(client.civility or "", "")
        name = " ".join(part for part in (civility, client.first_name, (client.last_name or "").upper()) if part)
        salutation = f"{civility}," if civility else "Madame, Monsieur,"
    address = tuple(
        line
        for line in (client.address_line1, client.address_line2, f"{client.postcode or ''} {client.city or ''}".strip())
        if line
    )
    return LetterFacts(
        client_name=name,
        address_lines=address,
        salutation=salutation,
        request_number=request.number,
        product=product_name,
        received_on=request.received_on,
        today=today,
    )


def _render(letter: Letter, client: Client, filename: str) -> RenderedLetter:
    html = render_letter_html(letter) if client.accessible_formats else None
    return RenderedLetter(pdf=render_letter_pdf(letter), filename=filename, html=html, letter=letter)


def decision_letter(session: Session, actor: Actor, sandbox_id: int, request_id: int) -> RenderedLetter:
    """The decline letter of a declined request: the reason, the alternative proposed, and the BCT
    mention for compulsory motor liability. NotFound when the request is not declined."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    request = _request(session, sandbox, request_id)
    decision = session.execute(
        select(RequestDecision).where(RequestDecision.request_id == request.id)
    ).scalar_one_or_none()
    if decision is None or decision.outcome != "decline":
        raise NotFound("Pas de courrier de refus : cette demande n'a pas été refusée.")
    client = session.get(Client, request.client_id)
    assert client is not None
    product = catalogue_for(session, actor, sandbox.id).product(request.product_code)
    facts = _facts(client, request, product.name if product else request.product_code, decision.decided_on)
    letter = decline_letter(
        load_wording(),
        facts,
        reason=decision.reason,
        alternative=decision.alternative,
        compulsory_motor=product is not None and product.line in BCT_LINES,
    )
    return _render(letter, client, f"refus-{request.number}.pdf")


def documents_request_letter(
    session: Session, actor: Actor, sandbox_id: int, request_id: int, document_request_id: int
) -> RenderedLetter:
    """The letter asking the client for the documents of one request for documents, by its deadline."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    request = _request(session, sandbox, request_id)
    asked = session.get(DocumentRequest, document_request_id)
    if asked is None or asked.request_id != request.id:
        raise NotFound("Demande de pièces introuvable.")
    client = session.get(Client, request.client_id)
    assert client is not None
    product = catalogue_for(session, actor, sandbox.id).product(request.product_code)
    labels = {document.code: document.label for document in product.required_documents} if product else {}
    facts = _facts(client, request, product.name if product else request.product_code, asked.sent_on)
    letter = documents_letter(
        load_wording(), facts, [labels.get(code) or kind_title(code) for code in asked.documents], asked.deadline
    )
    return _render(letter, client, f"pieces-{request.number}-{asked.id}.pdf")
