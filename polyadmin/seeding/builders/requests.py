"""Subscription requests waiting in the inbox, with their documents, scripted expert answers and the
simulated client's scripted replies to requests for documents (filled like the documents, at seeding)."""

from __future__ import annotations

from polyadmin.domain import scenario as model
from polyadmin.seeding.builders import jsonable
from polyadmin.seeding.builders.risk_data import RiskRefs, risk_facts
from polyadmin.seeding.builders.supporting_documents import add_document, document_row
from polyadmin.seeding.context import GenerationContext


def add_request(ctx: GenerationContext, spec: model.RequestSpec) -> None:
    """The request row (DS-…): what the client asks and declares (the records' risk data, then the
    file's `declared`), the expected outcome for the evaluators; then its documents and experts."""
    placed = ctx.placed[spec.client]
    client = ctx.scenario.client(spec.client)
    assert client is not None
    product = ctx.catalogue.product(spec.product)
    assert product is not None
    on = spec.effective_date or spec.received_on
    all_claims = [c for h in client.histories for c in h.claims] + list(client.claims)
    declared = risk_facts(
        placed,
        client,
        product,
        on,
        RiskRefs(spec.vehicle, spec.dwelling, spec.business, spec.loan),
        start=ctx.start,
        contract_start=None,
        all_claims=all_claims,
    )
    declared.update(spec.declared)
    number = ctx.next_number("DS")
    requested = {
        "formula": spec.formula,
        "options": list(spec.options),
        "frequency": spec.frequency,
        "effective_date": spec.effective_date,
        "declared": declared,
        "message": spec.message,
    }
    ctx.portfolio.add(
        "subscription_requests",
        {
            "client": placed.row["number"],
            "number": number,
            "received_on": spec.received_on,
            "channel": spec.channel,
            "product_code": spec.product,
            "requested": jsonable(requested),
            "status": "nouvelle",
            "vehicle": placed.vehicles[spec.vehicle]["registration"] if spec.vehicle else None,
            "dwelling": placed.dwellings[spec.dwelling]["key"] if spec.dwelling else None,
            "business": placed.businesses[spec.business]["key"] if spec.business else None,
            "loan": placed.loans[spec.loan]["key"] if spec.loan else None,
            "case_code": spec.ref,
            "expected_outcome": spec.expected.outcome,
            "expected_notes": spec.expected.notes,
            "expected_missing": list(spec.expected.missing_documents) or None,
        },
    )
    for document in spec.documents:
        add_document(ctx, placed, document, number, spec)
    for answer in spec.experts:
        ctx.portfolio.add(
            "expert_scripts",
            {
                "request": number,
                "expert": answer.expert,
                "answer": answer.answer,
                "delay_days": answer.delay_days,
                "verdict": answer.verdict,
            },
        )
    for reply in spec.replies:
        sent = None
        if reply.document is not None:
            row = document_row(ctx, placed, reply.document, spec)
            sent = jsonable({key: value for key, value in row.items() if key not in ("client", "request")})
        ctx.portfolio.add(
            "document_scripts",
            {
                "request": number,
                "document_code": reply.code,
                "outcome": reply.outcome,
                "delay_days": reply.delay_days,
                "document": sent,
            },
        )
