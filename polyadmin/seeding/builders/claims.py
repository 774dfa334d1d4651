"""Claim rows: those of a previous insurer's history and those of our own contracts."""

from __future__ import annotations

from typing import Any

from polyadmin.domain import scenario as model
from polyadmin.seeding.context import GenerationContext
from polyadmin.seeding.factories import money

CLAIM_DESCRIPTIONS: dict[str, str | dict[str, str]] = {
    "accident": {
        "full": "Collision, responsabilité de l'assuré engagée.",
        "partial": "Accrochage, responsabilité partagée.",
        "none": "Véhicule heurté par un tiers identifié, non responsable.",
    },
    "stationnement": "Véhicule endommagé en stationnement par un tiers non identifié.",
    "vol": "Vol du véhicule ou d'accessoires.",
    "incendie": "Incendie.",
    "bris_glace": "Bris de pare-brise.",
    "catastrophe_naturelle": "Dommages lors d'un événement reconnu catastrophe naturelle.",
    "degats_des_eaux": "Dégât des eaux.",
    "responsabilite_civile": "Dommage causé à un tiers.",
    "tempete": "Dommages dus à la tempête.",
}


def claim_description(claim: model.ClaimSpec) -> str:
    """The file's description, else the usual wording of its kind (and liability, for an accident)."""
    if claim.description:
        return claim.description
    text = CLAIM_DESCRIPTIONS.get(claim.kind, "")
    return text[claim.liability] if isinstance(text, dict) else str(text)


def add_claim(
    ctx: GenerationContext, client: str, claim: model.ClaimSpec, *, history: str | None, contract: str | None
) -> dict[str, Any]:
    """The claim row of client number `client`, under a history key or a contract number (or none)."""
    return ctx.portfolio.add(
        "claims",
        {
            "client": client,
            "history": history,
            "contract": contract,
            "occurred_on": claim.occurred_on,
            "kind": claim.kind,
            "liability": claim.liability,
            "amount": money(claim.amount),
            "status": claim.status,
            "description": claim_description(claim),
        },
    )
