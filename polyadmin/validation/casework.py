"""What the casework actions accept (marshmallow, French messages), shared by the pages and the API.

Bounds that need the sandbox (a deadline after the sandbox's date, a document of this request) are
checked by the casework service, which knows them.
"""

from __future__ import annotations

from marshmallow import fields, validate

from polyadmin.domain.acceptance import CONDITION_LABELS, EXPERT_LABELS
from polyadmin.domain.casework import Decision, Verdict
from polyadmin.validation.french import Date, FrenchSchema, Integer, List, String, not_blank, one_of

TEXT_MAX = 4000
DOCUMENT_VERDICTS = {
    "conforme": "Conforme",
    "non_conforme": "Non conforme",
    "manquant": "Manquant",
    "perime": "Périmé",
}
CHANNELS = {"email": "Courriel", "courrier": "Courrier", "telephone": "Téléphone", "sms": "SMS", "agence": "Agence"}
CONSULTED = {
    "analysis": "Analyse de la demande (règles d'acceptation)",
    "score": "Score d'aide à la décision",
    "client": "Fiche du client",
    "history": "Antécédents et sinistres du client",
    "simulator": "Simulateur de tarif",
    "document": "Pièce justificative",
}
# Decimals travel as strings (an exact JSON number is read too); the API documents them so.
DECIMAL_TEXT = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}


class DecimalText(fields.Decimal):
    """A decimal typed as text (« 600.00 ») or an exact JSON number, with French messages."""

    default_error_messages = {
        "required": "Champ obligatoire.",
        "null": "Ce champ ne peut pas être vide.",
        "invalid": "Nombre décimal attendu (ex. « 600.00 »).",
        "special": "Nombre décimal attendu (ex. « 600.00 »).",
    }


def _text(required: bool = True, limit: int = TEXT_MAX) -> String:
    if required:
        return String(required=True, validate=not_blank(limit))
    return String(load_default=None, allow_none=True, validate=validate.Length(max=limit))


class DocumentCheckSchema(FrenchSchema):
    document_id = Integer(
        load_default=None, allow_none=True, metadata={"description": "Pièce reçue (absente pour une pièce manquante)."}
    )
    document_kind = String(
        load_default=None, allow_none=True, metadata={"description": "Code de la pièce manquante (si pas de pièce)."}
    )
    verdict = String(required=True, validate=one_of(list(DOCUMENT_VERDICTS)))
    reason = _text(limit=1000)


class DocumentRequestSchema(FrenchSchema):
    documents = List(String(validate=not_blank(40)), required=True, validate=validate.Length(min=1))
    deadline = Date(required=True, metadata={"description": "Date limite de réception (AAAA-MM-JJ)."})
    channel = String(load_default="email", validate=one_of(list(CHANNELS)))
    message = _text(required=False)


class ReferralSchema(FrenchSchema):
    expert = String(required=True, validate=one_of(list(EXPERT_LABELS)))
    question = _text()
    elements = List(Integer(), load_default=list, metadata={"description": "Pièces jointes (identifiants)."})


class ExpertAnswerSchema(FrenchSchema):
    verdict = String(required=True, validate=one_of([verdict.value for verdict in Verdict]))
    answer = _text()


class ConditionSchema(FrenchSchema):
    kind = String(required=True, validate=one_of([kind.value for kind in CONDITION_LABELS]))
    label = _text(limit=200)
    guarantee = String(load_default=None, allow_none=True)
    deductible = String(load_default=None, allow_none=True)
    option = String(load_default=None, allow_none=True)
    percent = DecimalText(
        load_default=None,
        allow_none=True,
        as_string=True,
        places=2,
        metadata={**DECIMAL_TEXT, "description": "Pourcentage (ex. « 50 » pour une surprime de 50 %)."},
    )
    amount = DecimalText(
        load_default=None,
        allow_none=True,
        as_string=True,
        places=2,
        metadata={**DECIMAL_TEXT, "description": "Montant en euros (ex. « 1500.00 »)."},
    )


class DecisionSchema(FrenchSchema):
    outcome = String(required=True, validate=one_of([decision.value for decision in Decision]))
    conditions = List(fields.Nested(ConditionSchema), load_default=list)
    reason = _text()
    justification = _text(required=False)
    alternative = _text(required=False)


class NonConformitySchema(FrenchSchema):
    document_id = Integer(load_default=None, allow_none=True)
    description = _text(limit=1000)
    handling = _text(limit=1000)


class CorrectedValue(fields.Raw):
    """The new value as the product's risk field reads it (text, number, date, yes/no): checked by the service."""

    default_error_messages = {"required": "Champ obligatoire.", "null": "Ce champ ne peut pas être vide."}


class CorrectionSchema(FrenchSchema):
    field = String(required=True, validate=not_blank(60))
    value = CorrectedValue(required=True)
    document_id = Integer(load_default=None, allow_none=True)
    reason = _text(limit=1000)


class ConsultationSchema(FrenchSchema):
    what = String(required=True, validate=one_of(list(CONSULTED)))
    document_id = Integer(load_default=None, allow_none=True)
    priced = fields.Dict(
        keys=fields.String(),
        load_default=None,
        allow_none=True,
        metadata={"description": "Résultat du simulateur joint à la demande (formule, fractionnement, total)."},
    )
