"""Supporting documents (pièces justificatives): a client's own, or those attached to a request."""

from __future__ import annotations

from typing import Any

from polyadmin.documents.specimen_kinds import kind_title
from polyadmin.domain import scenario as model
from polyadmin.seeding.builders import jsonable
from polyadmin.seeding.context import GenerationContext
from polyadmin.seeding.documents import Placed, fill_document


def add_document(
    ctx: GenerationContext,
    placed: Placed,
    spec: model.DocumentSpec,
    request: str | None,
    about: model.RequestSpec | None,
) -> None:
    """The document's data filled from the client's records (when the file asks for it), then
    overridden by the file's own `data`; `request` is the number of the request it is attached to."""
    row = document_row(ctx, placed, spec, about)
    row["request"] = request
    ctx.portfolio.add("supporting_documents", row)


def document_row(
    ctx: GenerationContext, placed: Placed, spec: model.DocumentSpec, about: model.RequestSpec | None
) -> dict[str, Any]:
    """The supporting document row (without its request) the spec gives for this client."""
    data: dict[str, Any] = {}
    if placed.director is None and placed.director_ref in ctx.placed:
        placed.director = ctx.placed[placed.director_ref].row
    if spec.fill:
        data = fill_document(
            spec.kind,
            placed,
            spec.issued_on,
            ctx.draw,
            ctx.start,
            history=spec.history,
            vehicle=spec.vehicle or (about.vehicle if about else None),
            business=spec.business or (about.business if about else None),
            loan=spec.loan or (about.loan if about else None),
        )
    data.update(spec.data)
    return {
        "client": placed.row["number"],
        "request": None,
        "kind": spec.kind,
        "title": spec.title or kind_title(spec.kind),
        "issued_on": spec.issued_on,
        "valid_until": spec.valid_until,
        "data": jsonable(data),
        "anomaly": spec.anomaly,
    }
