"""Insurance histories (previous insurers, the relevé d'information) and their claims."""

from __future__ import annotations

from polyadmin.domain import scenario as model
from polyadmin.seeding.builders.claims import add_claim
from polyadmin.seeding.context import GenerationContext
from polyadmin.seeding.documents import Placed


def add_history(ctx: GenerationContext, placed: Placed, spec: model.HistorySpec, link: model.CrmLink | None) -> None:
    """The history row, with the CRM of its relevé (the file's, else the one its claims give), then
    its claims; both kept on `placed` for the documents."""
    crm = None
    if spec.line == "auto":
        crm = spec.crm if spec.crm is not None else (link.crm if link else None)
    row = ctx.portfolio.add(
        "insurance_histories",
        {
            "key": ctx.next_key("insurance_histories"),
            "client": placed.row["number"],
            "line": spec.line,
            "insurer": spec.insurer,
            "policy_number": spec.policy_number or ctx.draw.policy_number(),
            "start_date": spec.start_date,
            "end_date": spec.end_date,
            "crm": crm,
            "statement_date": spec.statement_date,
            "terminated_by": spec.terminated_by,
            "termination_reason": spec.termination_reason,
        },
    )
    placed.histories[spec.ref] = (row, spec)
    placed.history_claims[spec.ref] = [
        add_claim(ctx, placed.row["number"], claim, history=row["key"], contract=None) for claim in spec.claims
    ]
