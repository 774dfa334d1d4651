"""Planted cases whose words contradict the computed figures (cohérence d'un cas planté).

A trainer writes a case in words — the client's message, the evaluator's notes: « conducteur
malussé », « CRM 1,25 ». The generator computes the figures from the case's data (the CRM from the
relevé's claims, A121-1 annex). When the words and the figures disagree, the preview flags the case
before an exam uses it. The checks are data: each says which words (or which quoted figure) it reads,
what the computed CRM must then satisfy, and the message shown to the trainer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from polyadmin.domain.bonus_malus import CRM_FLOOR
from polyadmin.domain.french import coefficient_text

NEUTRAL_CRM = Decimal("1.00")


@dataclass(frozen=True)
class CrmWordCheck:
    """Words that claim something of the CRM, and what the computed CRM must then satisfy."""

    words: tuple[str, ...]
    holds: Callable[[Decimal], bool]
    expectation: str  # what the words imply, in French (« un CRM supérieur à 1,00 »)


CRM_WORD_CHECKS: tuple[CrmWordCheck, ...] = (
    CrmWordCheck(("malussé", "malussée", "malus"), lambda crm: crm > NEUTRAL_CRM, "un CRM supérieur à 1,00"),
    CrmWordCheck(("bonussé", "bonussée", "bonus"), lambda crm: crm < NEUTRAL_CRM, "un CRM inférieur à 1,00"),
    CrmWordCheck(("bonus maximal", "bonus maximum", "50 % de bonus"), lambda crm: crm == CRM_FLOOR, "un CRM de 0,50"),
)
# Words that name the system, not the client's coefficient; a negation before a word cancels it.
NOT_A_CLAIM = re.compile(r"bonus[\s/-]*malus|coefficient de r[ée]duction[- ]majoration", re.IGNORECASE)
NEGATIONS = ("sans ", "pas de ", "aucun ", "ni ")
QUOTED_CRM = re.compile(r"\bCRM\s*(?:de\s+|à\s+|:\s*|=\s*)?(\d[,.]\d{1,2})\b", re.IGNORECASE)


def _mentions(text: str, word: str) -> bool:
    """`word` as a whole word of `text`, not negated (« sans malus »)."""
    for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE):
        before = text[: match.start()].lower()
        if not before.endswith(NEGATIONS):
            return True
    return False


def crm_contradictions(texts: Sequence[str], crm: Decimal | None) -> list[str]:
    """French messages, one per claim of `texts` that the computed `crm` contradicts (None: no motor history,
    nothing computed to contradict — a case « sans relevé » is checked by its evaluator notes, not here)."""
    text = NOT_A_CLAIM.sub(" ", " ".join(part for part in texts if part))
    found: list[str] = []
    for check in CRM_WORD_CHECKS:
        word = next((word for word in check.words if _mentions(text, word)), None)
        if word is None:
            continue
        if crm is not None and not check.holds(crm):
            found.append(
                f"Le cas dit « {word} », ce qui suppose {check.expectation}, mais le CRM calculé est "
                f"{coefficient_text(crm)}."
            )
    for match in QUOTED_CRM.finditer(text):
        try:
            quoted = Decimal(match.group(1).replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            continue
        if crm is not None and quoted != crm:
            found.append(
                f"Le cas cite un CRM de {coefficient_text(quoted)}, mais le CRM calculé est {coefficient_text(crm)}."
            )
    return found
