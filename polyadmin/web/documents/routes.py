"""« Documents »: the sandbox's supporting documents (pièces justificatives) and their SPECIMEN PDFs.

The list shows every document of the sandbox with its client and request; evaluators (and the session's
trainer, administrators) also see the anomaly the scenario planted, candidates never (the service gives
them None). Each document opens as a PDF rendered on the fly from its data, marked SPECIMEN.
"""

from __future__ import annotations

from typing import Any

from flask import Response, g, render_template
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.documents.specimens import render_specimen
from polyadmin.services import documents as document_service
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.sandbox import sandbox_page

# The page that opens a document's PDF, linked from the client page and the inbox as well.
DOCUMENT_PDF_ENDPOINT = "web.supporting_document_pdf"


@bp.route("/sandboxes/<int:sandbox_id>/documents")
@login_required
def document_list(sandbox_id: int) -> Any:
    box, _access = sandbox_page(sandbox_id)
    actor = current_actor()
    documents = document_service.supporting_documents(db_session(), actor, sandbox_id)
    return render_template(
        "documents/list.html",
        sandbox=box,
        area="documents",
        documents=documents,
        shows_anomalies=g.can_read_evaluation,
    )


@bp.route("/sandboxes/<int:sandbox_id>/documents/<int:document_id>.pdf")
@login_required
def supporting_document_pdf(sandbox_id: int, document_id: int) -> Any:
    document = document_service.supporting_document(db_session(), current_actor(), sandbox_id, document_id)
    pdf = render_specimen(document.kind, document.title, document.issued_on, document.valid_until, document.data)
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{document.filename}"'
    response.headers["Cache-Control"] = "no-store"  # personal data, even if fictitious
    return response
