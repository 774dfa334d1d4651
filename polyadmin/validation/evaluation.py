"""What the evaluation committee records (marshmallow, French messages): a mark per criterion, a
decision per block. The criterion must also be one of the session's grid (checked by the service)."""

from __future__ import annotations

from polyadmin.domain.evaluation import BLOCKS, DECISION_LABELS, MARK_LABELS
from polyadmin.validation.french import FrenchSchema, String, max_length, not_blank, one_of

COMMENT_MAX_LENGTH = 2000


class MarkSchema(FrenchSchema):
    criterion = String(
        required=True,
        validate=not_blank(20),
        metadata={"description": "Code du critère de la grille (ex. C2A.1-3)."},
    )
    mark = String(
        required=True,
        validate=one_of([str(mark) for mark in MARK_LABELS]),
        metadata={"description": "Appréciation : acquis, en_cours (en cours d'acquisition) ou non_acquis."},
    )
    comment = String(
        load_default="",
        validate=max_length(COMMENT_MAX_LENGTH),
        metadata={"description": f"Commentaire de l'évaluateur ({COMMENT_MAX_LENGTH} caractères au plus)."},
    )


class CommitteeDecisionSchema(FrenchSchema):
    block = String(
        required=True,
        validate=one_of(list(BLOCKS)),
        metadata={"description": "Bloc de compétences : 1 ou 2A."},
    )
    decision = String(
        required=True,
        validate=one_of([str(decision) for decision in DECISION_LABELS]),
        metadata={"description": "Décision du jury : valide, non_valide ou ajourne."},
    )
    comment = String(
        load_default="",
        validate=max_length(COMMENT_MAX_LENGTH),
        metadata={"description": f"Motifs de la décision ({COMMENT_MAX_LENGTH} caractères au plus)."},
    )
