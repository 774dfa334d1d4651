"""What the evaluation endpoints answer. Request bodies are the validation schemas
(`polyadmin.validation.evaluation`): the mark's and the decision's fields come from there."""

from __future__ import annotations

from marshmallow import Schema, fields

from polyadmin.api.documenting import field_doc as doc
from polyadmin.api.output_fields import output_fields
from polyadmin.api.schemas import Instant
from polyadmin.validation.evaluation import CommitteeDecisionSchema, MarkSchema


class EvidenceOut(Schema):
    seq = fields.Integer(required=True, **doc("Numéro de l'étape au journal du bac à sable."))
    action = fields.String(required=True, **doc("Code de l'action journalisée."))
    action_label = fields.String(required=True, **doc("Libellé de l'action."))
    sandbox_date = fields.Date(required=True, allow_none=True, **doc("Date de la simulation de l'étape."))
    record = fields.String(required=True, allow_none=True, **doc("Dossier concerné (request:12)."))
    replay_url = fields.String(required=True, **doc("Page de relecture de l'étape."))


class CriterionOut(Schema):
    code = fields.String(required=True, **doc("Code stable du critère (C2A.1-3)."))
    competence = fields.String(required=True, **doc("Compétence du référentiel (C2A.1)."))
    competence_label = fields.String(required=True)
    label = fields.String(required=True)
    evidence = fields.List(fields.Nested(EvidenceOut), required=True, **doc("Étapes du journal qui font trace."))
    automatic = fields.Boolean(
        required=True, allow_none=True, **doc("Constat automatique : observé, non observé, null sans occasion.")
    )
    automatic_text = fields.String(required=True, **doc("Le constat en toutes lettres."))
    manual = fields.Boolean(required=True, **doc("Critère sans trace automatique : l'évaluateur observe."))
    missing = fields.List(fields.String(), required=True, **doc("Dossiers où la règle n'est pas tenue."))
    mark = fields.String(required=True, allow_none=True, **doc("Appréciation actuelle : acquis, en_cours, non_acquis."))
    mark_label = fields.String(required=True, allow_none=True)
    comment = fields.String(required=True, allow_none=True)
    marked_by = fields.String(required=True, allow_none=True, **doc("Évaluateur de la dernière appréciation."))
    marked_on = fields.Date(required=True, allow_none=True, **doc("Date de la simulation de l'appréciation."))


class AnomalyOut(Schema):
    text = fields.String(required=True, **doc("Anomalie aménagée dans une pièce."))
    found = fields.Boolean(required=True, **doc("Le candidat a-t-il signalé la pièce ?"))


class CaseOut(Schema):
    case_code = fields.String(required=True, **doc("Code du cas aménagé du scénario."))
    request_id = fields.Integer(required=True)
    request_number = fields.String(required=True)
    expected_outcome = fields.String(required=True, **doc("Issue attendue (accept, decline, refer…)."))
    expected_outcome_label = fields.String(required=True)
    expected_notes = fields.String(required=True, allow_none=True)
    candidate_outcome = fields.String(required=True, allow_none=True, **doc("Issue du candidat, null si rien encore."))
    candidate_outcome_label = fields.String(required=True)
    match = fields.Boolean(required=True, allow_none=True, **doc("Concordance, null tant que rien n'est fait."))
    match_text = fields.String(required=True)
    path = fields.List(fields.String(), required=True, **doc("Étapes suivies sur la demande, dans l'ordre."))
    anomalies = fields.List(fields.Nested(AnomalyOut), required=True)


class BlockDecisionOut(Schema):
    block = fields.String(required=True, **doc("Bloc de compétences : 1 ou 2A."))
    block_label = fields.String(required=True)
    decision = fields.String(required=True, allow_none=True, **doc("valide, non_valide, ajourne ; null si aucune."))
    decision_label = fields.String(required=True, allow_none=True)
    comment = fields.String(required=True, allow_none=True)
    decided_by = fields.String(required=True, allow_none=True)


class EvaluationOut(Schema):
    sandbox_id = fields.Integer(required=True)
    candidate = fields.String(required=True)
    criteria = fields.List(fields.Nested(CriterionOut), required=True)
    cases = fields.List(fields.Nested(CaseOut), required=True)
    decisions = fields.List(fields.Nested(BlockDecisionOut), required=True)


def _recorded() -> dict[str, fields.Field]:
    """What every committee entry carries beside the fields it was given."""
    return {
        "id": fields.Integer(required=True),
        "sandbox_id": fields.Integer(required=True),
        "evaluator_id": fields.Integer(required=True, allow_none=True),
        "sandbox_date": fields.Date(required=True, **doc("Date de la simulation.")),
        "recorded_at": Instant(required=True, **doc("Instant de l'enregistrement (UTC).")),
    }


MarkOut: type[Schema] = Schema.from_dict({**output_fields(MarkSchema), **_recorded()}, name="MarkOut")
DecisionOut: type[Schema] = Schema.from_dict(
    {**output_fields(CommitteeDecisionSchema), **_recorded()}, name="CommitteeDecisionOut"
)
