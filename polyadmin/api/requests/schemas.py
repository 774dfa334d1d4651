"""What the request endpoints answer (and the inbox's query string).

Request bodies are the casework validation schemas (`polyadmin.validation.casework`), shown as they are.
Every response field is declared with its real type and is nullable only where it can be null; decimals
are strings with a decimal pattern, dates `AAAA-MM-JJ`. The evaluators' fields (`case_code`,
`expected_outcome`, `expected_notes`, a document's `anomaly`) are left out of a candidate's answers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, fields, validate

from polyadmin.api.documenting import field_doc as doc
from polyadmin.api.schemas import PageOut
from polyadmin.domain.casework import RequestStatus
from polyadmin.services.portfolio import REQUEST_SORTS
from polyadmin.validation.casework import DECIMAL_TEXT
from polyadmin.validation.french import FrenchSchema, Integer, QueryBoolean, String, one_of


class DecimalText(fields.Decimal):
    """A Decimal written as a plain decimal string (`"0.1234"`, `"300000"`), never a float nor `1E+5`."""

    def __init__(self, description: str = "", **kwargs: Any) -> None:
        metadata = dict(DECIMAL_TEXT)
        if description:
            metadata["description"] = description
        super().__init__(as_string=True, metadata=metadata, **kwargs)

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        return format(Decimal(str(value)), "f")


class AnyValue(fields.Raw):
    """A fact's or a declared datum's value as JSON: text, integer, boolean, list, or a decimal or a date
    written as a string."""


# --- the inbox ----------------------------------------------------------------------------------------


class RequestQuery(FrenchSchema):
    status = String(
        load_default=None,
        allow_none=True,
        validate=one_of([status.value for status in RequestStatus]),
        **doc("Ne garder que les demandes dans ce statut (nouvelle, en_cours, attente_client…)."),
    )
    overdue = QueryBoolean(
        load_default=None,
        allow_none=True,
        **doc("true : seulement les demandes en retard sur leur délai de traitement ; false : les autres."),
    )
    sort = String(
        load_default="arrivee",
        validate=one_of(list(REQUEST_SORTS)),
        **doc("arrivee (ordre d'arrivée, par défaut) ou echeance (date limite de traitement la plus proche)."),
    )
    page = Integer(load_default=1, validate=validate.Range(min=1, max=100_000, error="Numéro de page invalide."))
    per_page = Integer(load_default=25, validate=validate.Range(min=1, max=100, error="Entre 1 et 100."))


class RequestSummaryOut(Schema):
    id = fields.Integer()
    number = fields.String(**doc("Numéro de la demande dans le bac à sable (DS-000001)."))
    received_on = fields.Date(**doc("Date de réception."))
    channel = fields.String(**doc("Canal de réception (email, courrier, telephone, agence, web)."))
    product_code = fields.String()
    product_name = fields.String()
    formula = fields.String(allow_none=True, **doc("Code de la formule demandée."))
    formula_name = fields.String(allow_none=True)
    options = fields.List(fields.String(), **doc("Codes des options demandées."))
    option_names = fields.List(fields.String())
    frequency = fields.String(allow_none=True, **doc("Code du fractionnement demandé."))
    frequency_label = fields.String(allow_none=True)
    status = fields.String(**doc("nouvelle, en_cours, attente_client, attente_expert, acceptee, …"))
    status_label = fields.String(**doc("Statut en français."))
    deadline = fields.Date(**doc("Date limite de traitement (réception + délai du produit)."))
    overdue = fields.Boolean(**doc("Vrai si la demande est encore ouverte après sa date limite."))
    client_id = fields.Integer()
    client_number = fields.String()
    client_name = fields.String()
    documents_count = fields.Integer(**doc("Pièces reçues avec la demande."))
    upcoming = fields.Boolean(
        **doc("Reçue après la date de la simulation (seuls évaluateurs et formateurs la voient).")
    )
    case_code = fields.String(allow_none=True, **doc("Cas planté du scénario (évaluateurs et formateurs seulement)."))
    expected_outcome = fields.String(
        allow_none=True, **doc("Issue attendue du cas planté (évaluateurs et formateurs seulement).")
    )
    expected_outcome_label = fields.String(allow_none=True, **doc("Issue attendue en français (idem)."))
    expected_notes = fields.String(
        allow_none=True, **doc("Corrigé du cas planté (évaluateurs et formateurs seulement).")
    )


class RequestPageOut(PageOut):
    items = fields.List(fields.Nested(RequestSummaryOut))


# --- the workspace ------------------------------------------------------------------------------------


class DeclaredOut(Schema):
    name = fields.String(**doc("Code de la donnée de risque."))
    label = fields.String(**doc("Libellé de la donnée dans le produit."))
    value = AnyValue(allow_none=True, **doc("Valeur déclarée (décimaux et dates en chaînes)."))
    kind = fields.String(**doc("Nature de la donnée : date, integer, decimal, choice, boolean, text…"))
    unit = fields.String()
    choice_label = fields.String(allow_none=True, **doc("Libellé du choix, pour une donnée à choix."))


class MismatchOut(Schema):
    field = fields.String(**doc("Donnée comparée (licence_date, crm, holder_name…)."))
    label = fields.String()
    on_document = fields.String(**doc("Ce que dit la pièce."))
    declared = fields.String(**doc("Ce qui est déclaré ou enregistré."))


class DocumentOut(Schema):
    id = fields.Integer()
    kind = fields.String(**doc("Code de la pièce (releve_information, permis_conduire…)."))
    kind_label = fields.String()
    title = fields.String()
    issued_on = fields.Date(**doc("Date d'émission."))
    valid_until = fields.Date(allow_none=True, **doc("Fin de validité, si la pièce en a une."))
    data = fields.Dict(keys=fields.String(), **doc("Ce qui est imprimé sur la pièce (clés : docs/data-formats.md)."))
    engine_status = fields.String(
        allow_none=True,
        validate=validate.OneOf(["present", "missing", "expired", "rejected"]),
        **doc("Lecture de l'analyse : present, expired, rejected ; null si la pièce n'est exigée par aucune règle."),
    )
    engine_status_label = fields.String(allow_none=True)
    mismatches = fields.List(fields.Nested(MismatchOut), **doc("Contradictions entre la pièce et la déclaration."))
    anomaly = fields.String(allow_none=True, **doc("Anomalie plantée (évaluateurs et formateurs seulement)."))


class RequiredDocumentOut(Schema):
    code = fields.String()
    label = fields.String()
    status = fields.String(validate=validate.OneOf(["present", "missing", "expired", "rejected"]))
    status_label = fields.String()
    document_id = fields.Integer(allow_none=True, **doc("La pièce retenue, s'il y en a une."))
    issued_on = fields.Date(allow_none=True)
    stage = fields.String(**doc("analyse (nécessaire pour décider) ou emission (avant l'émission du contrat)."))
    stage_label = fields.String()


class DocumentCheckOut(Schema):
    id = fields.Integer()
    document_id = fields.Integer(allow_none=True, **doc("null : constat d'une pièce manquante."))
    document_kind = fields.String()
    document_label = fields.String()
    verdict = fields.String(**doc("conforme, non_conforme, manquant ou perime."))
    verdict_label = fields.String()
    reason = fields.String()
    checked_on = fields.Date(**doc("Date de la simulation du contrôle."))


class DocumentRequestOut(Schema):
    id = fields.Integer()
    documents = fields.List(fields.String(), **doc("Codes des pièces réclamées."))
    document_labels = fields.List(fields.String())
    message = fields.String()
    channel = fields.String(**doc("email, courrier, telephone, sms ou agence."))
    channel_label = fields.String()
    sent_on = fields.Date()
    deadline = fields.Date(**doc("Date limite de réception."))
    status = fields.String(**doc("en_attente, recue, incomplete ou relancee."))
    status_label = fields.String()
    reminders = fields.Integer(**doc("Relances envoyées."))
    last_reminder_on = fields.Date(allow_none=True)


class ReferralOut(Schema):
    id = fields.Integer()
    request_id = fields.Integer()
    number = fields.String(**doc("Numéro de la transmission (TR-000001)."))
    expert = fields.String(**doc("souscripteur_senior, medecin_conseil, service_technique, service_juridique, …"))
    expert_label = fields.String()
    question = fields.String()
    elements = fields.List(fields.Integer(), **doc("Pièces jointes (identifiants)."))
    sent_on = fields.Date()
    answer_due = fields.Date(**doc("Date de réponse attendue."))
    overdue = fields.Boolean(**doc("Vrai si la réponse est en retard (relance possible)."))
    status = fields.String(**doc("envoyee, relancee ou repondue."))
    status_label = fields.String()
    reminders = fields.Integer()
    answered_on = fields.Date(allow_none=True)
    answer = fields.String(allow_none=True)
    verdict = fields.String(allow_none=True, **doc("favorable, favorable_conditions ou defavorable."))
    verdict_label = fields.String(allow_none=True)
    answered_by = fields.String(
        allow_none=True, **doc("Formateur qui a répondu en tant qu'expert ; « expert simulé » pour le scénario.")
    )


class ReferralListOut(Schema):
    items = fields.List(fields.Nested(ReferralOut))
    total = fields.Integer()


class ConditionOut(Schema):
    kind = fields.String(**doc("surprime, exclusion, franchise, plafond, option_retiree ou prealable."))
    kind_label = fields.String()
    label = fields.String()
    guarantee = fields.String(allow_none=True)
    deductible = fields.String(allow_none=True)
    option = fields.String(allow_none=True)
    percent = DecimalText("Pourcentage (surprime…).", allow_none=True)
    amount = DecimalText("Montant en euros.", allow_none=True)


class DecisionOut(Schema):
    id = fields.Integer()
    outcome = fields.String(**doc("accept, accept_conditions ou decline."))
    outcome_label = fields.String()
    conditions = fields.List(fields.Nested(ConditionOut))
    reason = fields.String()
    justification = fields.String(allow_none=True)
    alternative = fields.String(allow_none=True, **doc("Pour un refus : ce qui peut être proposé à la place."))
    overridden = fields.List(fields.String(), **doc("Règles non bloquantes écartées (justifiées)."))
    decided_on = fields.Date()


class NonConformityOut(Schema):
    id = fields.Integer()
    document_id = fields.Integer(allow_none=True)
    description = fields.String()
    handling = fields.String()
    recorded_on = fields.Date()


class ChangeOut(Schema):
    target = fields.String(**doc("Donnée corrigée (first_registration_date, vehicles.first_registration…)."))
    before = AnyValue(allow_none=True, **doc("Valeur avant correction."))
    after = AnyValue(allow_none=True, **doc("Valeur après correction."))


class CorrectionOut(Schema):
    changes = fields.List(fields.Nested(ChangeOut))


class RequestOut(RequestSummaryOut):
    effective_date = fields.Date(allow_none=True, **doc("Date d'effet demandée."))
    message = fields.String(allow_none=True, **doc("Message du client."))
    declared = fields.List(fields.Nested(DeclaredOut), **doc("Données de risque déclarées."))
    documents = fields.List(fields.Nested(DocumentOut), **doc("Pièces reçues, la plus récente d'abord."))
    required_documents = fields.List(
        fields.Nested(RequiredDocumentOut), **doc("Pièces exigées par les règles et où elles en sont.")
    )
    checks = fields.List(fields.Nested(DocumentCheckOut), **doc("Contrôles de pièces du candidat."))
    document_requests = fields.List(fields.Nested(DocumentRequestOut), **doc("Pièces réclamées au client."))
    referrals = fields.List(fields.Nested(ReferralOut), **doc("Transmissions aux experts, avec leurs réponses."))
    decision = fields.Nested(DecisionOut, allow_none=True, **doc("La décision, une fois prise."))
    non_conformities = fields.List(fields.Nested(NonConformityOut))


# --- the analysis -------------------------------------------------------------------------------------


class FactValueOut(Schema):
    fact = fields.String(**doc("Code de la donnée d'analyse."))
    label = fields.String()
    value = AnyValue(allow_none=True, **doc("Valeur qui a fait jouer la règle (null : inconnue)."))
    unit = fields.String()


class RuleOut(Schema):
    code = fields.String()
    label = fields.String()
    outcome = fields.String(**doc("accept, accept_conditions, missing_document, refer ou decline."))
    outcome_label = fields.String()
    blocking = fields.Boolean(**doc("Vrai : aucune décision ne peut aller contre ; faux : contre, avec justification."))
    basis = fields.String(**doc("reglementaire ou interne."))
    basis_label = fields.String()
    message = fields.String()
    reference = fields.String(**doc("Texte légal ou consigne interne."))
    expert = fields.String(allow_none=True, **doc("Expert dont l'avis est requis."))
    expert_label = fields.String(allow_none=True)
    conditions = fields.List(fields.Nested(ConditionOut), **doc("Conditions proposées par la règle."))
    values = fields.List(fields.Nested(FactValueOut), **doc("Les valeurs qui ont fait jouer la règle."))


class DelegationOut(Schema):
    fact = fields.String()
    label = fields.String(**doc("La limite de délégation."))
    expert = fields.String(**doc("À qui transmettre au-delà."))
    expert_label = fields.String()
    maximum = DecimalText("Plafond de la délégation (null : limite par valeurs).", allow_none=True)
    limit_values = fields.List(fields.String(), **doc("Valeurs hors délégation (limite par valeurs)."))
    value = AnyValue(allow_none=True, **doc("Valeur de la demande."))
    exceeded = fields.Boolean(**doc("Vrai si la demande dépasse la délégation du candidat."))


class ContributionOut(Schema):
    label = fields.String()
    points = DecimalText("Apport au logit (positif : plus de risque).")
    values = fields.List(fields.Nested(FactValueOut))


class ScoreOut(Schema):
    label = fields.String()
    probability = DecimalText("Probabilité estimée de sinistre (0 à 1, quatre décimales).")
    log_odds = DecimalText("Logit.")
    level = fields.String(**doc("Niveau de risque en français."))
    contributions = fields.List(fields.Nested(ContributionOut), **doc("Facteurs, du plus influent au moins influent."))


class CodeLabelOut(Schema):
    code = fields.String()
    label = fields.String()


class AnalysisOut(Schema):
    request_id = fields.Integer()
    recommendation = fields.String(**doc("Issue recommandée : la plus sévère des règles déclenchées."))
    recommendation_label = fields.String()
    rules = fields.List(fields.Nested(RuleOut), **doc("Règles d'acceptation déclenchées."))
    documents = fields.List(fields.Nested(RequiredDocumentOut), **doc("Pièces exigées et leur état."))
    delegation = fields.List(fields.Nested(DelegationOut), **doc("Limites de délégation du candidat."))
    exceeds_delegation = fields.Boolean()
    score = fields.Nested(
        ScoreOut,
        allow_none=True,
        **doc("Score d'aide à la décision (une aide, jamais la décision) ; null sans modèle."),
    )
    experts = fields.List(fields.Nested(CodeLabelOut), **doc("Experts dont l'avis favorable est nécessaire."))
    conditions = fields.List(fields.Nested(ConditionOut), **doc("Conditions proposées par les règles déclenchées."))
    missing_documents = fields.List(fields.String(), **doc("Pièces manquantes, périmées ou rejetées (pour décider)."))
    unknown_facts = fields.List(fields.Nested(CodeLabelOut), **doc("Données d'analyse inconnues (code et libellé)."))
