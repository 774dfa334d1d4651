"""Which renderer prints each kind of client document, so a recorded document is regenerated from its
source record when it is downloaded (PDF, and the accessible HTML twin for a client who asks for it).

A `Renderer` builds the printed document from (session, actor, sandbox id, source record id) and
returns its PDF and HTML. The casework letters, the quote, the advice and the contract documents are
registered here (« REGISTRATION POINT »): `view_renderer(build_view, compose)` is all each one needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from polyadmin.documents.contract_documents import (
    attestation_document,
    conditions_particulieres_document,
    echeancier_document,
    endorsement_document,
    mandate_document,
    payment_receipt_document,
    termination_letter_document,
    welcome_letter_document,
)
from polyadmin.documents.layout import PrintedDocument, render_html, render_pdf
from polyadmin.documents.letters import render_letter_html
from polyadmin.documents.offer_documents import advice_document, quote_document
from polyadmin.documents.views import AdviceView, QuoteView
from polyadmin.documents.wording import Wording, load_client_wording
from polyadmin.domain.catalogue import Product
from polyadmin.domain.errors import NotFound
from polyadmin.domain.roles import Actor
from polyadmin.services import contracts, endorsements, offers, payments, terminations
from polyadmin.services.catalogue import catalogue_for
from polyadmin.services.client_documents import document_for
from polyadmin.services.letters import RenderedLetter, decision_letter, documents_request_letter
from polyadmin.store.casework import DocumentRequest
from polyadmin.store.models import Client
from polyadmin.store.offers import NeedsRecord

View = TypeVar("View")


@dataclass(frozen=True)
class Printed:
    """A document as the client receives it: PDF bytes, the file name, and its accessible HTML."""

    pdf: bytes
    html: str
    filename: str  # without extension


Renderer = Callable[[Session, Actor, int, int], Printed]


def view_renderer(
    build_view: Callable[[Session, Actor, int, int], View], compose: Callable[[View, Wording], PrintedDocument]
) -> Renderer:
    """A renderer from a view builder (session, actor, sandbox id, record id → view of documents/views.py)
    and a composer of documents/ (`conditions_particulieres_document`, `quote_document`…)."""

    def render(session: Session, actor: Actor, sandbox_id: int, record_id: int) -> Printed:
        wording = load_client_wording()
        document = compose(build_view(session, actor, sandbox_id, record_id), wording)
        return Printed(render_pdf(document, wording.layout), render_html(document), document.filename)

    return render


def _letter(rendered: RenderedLetter) -> Printed:
    return Printed(
        rendered.pdf, rendered.html or render_letter_html(rendered.letter), rendered.filename.removesuffix(".pdf")
    )


def _decline_letter(session: Session, actor: Actor, sandbox_id: int, request_id: int) -> Printed:
    return _letter(decision_letter(session, actor, sandbox_id, request_id))


def _documents_letter(session: Session, actor: Actor, sandbox_id: int, document_request_id: int) -> Printed:
    asked = session.get(DocumentRequest, document_request_id)
    if asked is None or asked.sandbox_id != sandbox_id:
        raise NotFound("Demande de pièces introuvable.")
    return _letter(documents_request_letter(session, actor, sandbox_id, asked.request_id, asked.id))


RENDERERS: dict[str, Renderer] = {
    "decline_letter": _decline_letter,
    "documents_letter": _documents_letter,
}

# --- REGISTRATION POINT ------------------------------------------------------------------------------------
# The quote (devis, with the IPID of each product), the advice (from the needs record it answers) and the
# five documents of an issued contract, each regenerated from its source record.


def _quote_view(session: Session, actor: Actor, sandbox_id: int, quote_id: int) -> tuple[QuoteView, list[Product]]:
    view = offers.quote_view(session, actor, sandbox_id, quote_id)
    catalogue = catalogue_for(session, actor, sandbox_id)
    products = [catalogue.product(line.product_code) for line in view.lines]
    return view, [product for product in products if product is not None]


def _quote_document(built: tuple[QuoteView, list[Product]], wording: Wording) -> PrintedDocument:
    view, products = built
    return quote_document(view, wording, products)


def _advice_view(session: Session, actor: Actor, sandbox_id: int, needs_id: int) -> AdviceView:
    needs = session.get(NeedsRecord, needs_id)
    if needs is None or needs.sandbox_id != sandbox_id:
        raise NotFound("Recueil des besoins introuvable.")
    return offers.advice_view(session, actor, sandbox_id, needs.client_id)


RENDERERS["quote"] = view_renderer(_quote_view, _quote_document)
RENDERERS["advice"] = view_renderer(_advice_view, advice_document)
RENDERERS["conditions_particulieres"] = view_renderer(contracts.contract_in, conditions_particulieres_document)
RENDERERS["attestation"] = view_renderer(contracts.contract_in, attestation_document)
RENDERERS["echeancier"] = view_renderer(contracts.contract_in, echeancier_document)
RENDERERS["mandat_sepa"] = view_renderer(contracts.contract_in, mandate_document)
RENDERERS["welcome_letter"] = view_renderer(contracts.contract_in, welcome_letter_document)
# The termination letter, regenerated from the contract's recorded termination (seeded contracts too).
RENDERERS["termination_letter"] = view_renderer(terminations.termination_view, termination_letter_document)
# The receipt of a payment (its source record is the payment).
RENDERERS["payment_receipt"] = view_renderer(payments.receipt_view, payment_receipt_document)
# The avenant, regenerated from the recorded endorsement (its source record).
RENDERERS["endorsement"] = view_renderer(endorsements.endorsement_view, endorsement_document)


@dataclass(frozen=True)
class Download:
    pdf: bytes
    html: str | None  # None unless the client's record asks for accessible formats
    filename: str


def download(session: Session, actor: Actor, sandbox_id: int, document_id: int) -> Download:
    """A recorded document regenerated from its source record (NotFound when its kind has no renderer
    yet); the HTML twin only for a client whose record asks for accessible formats."""
    document = document_for(session, actor, sandbox_id, document_id)
    renderer = RENDERERS.get(document.kind)
    if renderer is None:
        raise NotFound("Ce type de document ne peut pas encore être réimprimé.")
    printed = renderer(session, actor, sandbox_id, document.record_id)
    client = session.get(Client, document.client_id)
    accessible = bool(client is not None and client.accessible_formats)
    return Download(printed.pdf, printed.html if accessible else None, printed.filename)
