"""marshmallow schemas of a scenario file: shape, types and closed lists (cross-checks in checks.py).

The file is first turned into its plain document (dates and numbers as text, exactly as the catalogue
does), so a scenario stored as canonical JSON reads back identically. Messages are in French: trainers
read them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from polyadmin.catalogue.schemas import Number, positive
from polyadmin.domain import scenario as codes
from polyadmin.domain.clients import (
    ACCESSIBLE_FORMATS,
    CIVILITIES,
    CONTACT_CHANNELS,
    FAMILY_SITUATIONS,
    GDPR_PURPOSES,
    LEGAL_FORMS,
)
from polyadmin.validation.french import Boolean, Date, FrenchSchema, Integer, List, String, one_of, pattern

REF = pattern(r"^[a-z0-9][a-z0-9_-]{0,39}$", "Référence : minuscules, chiffres, - et _ (40 caractères au plus).")
SCENARIO_CODE = pattern(r"^[a-z0-9][a-z0-9-]{1,59}$", "Code du scénario : minuscules, chiffres et - (2 à 60).")
HASH_PREFIX = pattern(r"^[0-9a-f]{6,64}$", "Empreinte du catalogue : 6 à 64 chiffres hexadécimaux (début du SHA-256).")
POSTCODE = pattern(r"^\d{5}$", "Code postal à 5 chiffres attendu.")
PRODUCT = pattern(r"^[A-Z][A-Z0-9_]{1,29}$", "Code produit en majuscules (ex. AUTO).")
CODE = pattern(r"^[a-z][a-z0-9_]{0,39}$", "Code : minuscules, chiffres et _.")


def text(limit: int, **kwargs: Any) -> String:
    return String(validate=validate.Length(min=1, max=limit, error=f"Entre 1 et {limit} caractères."), **kwargs)


def percent_field(**kwargs: Any) -> Number:
    return Number(validate=validate.Range(min=0, max=100, error="Pourcentage entre 0 et 100."), **kwargs)


class AddressSchema(FrenchSchema):
    line1 = text(160, required=True)
    line2 = text(160, load_default=None, allow_none=True)
    postcode = String(required=True, validate=POSTCODE)
    city = text(80, required=True)


class VehicleSchema(FrenchSchema):
    ref = String(required=True, validate=REF)
    registration = String(load_default=None, allow_none=True)
    make = text(40, required=True)
    model = text(60, required=True)
    vehicle_group = Integer(required=True, validate=validate.Range(min=1, max=99, error="Groupe SRA entre 1 et 99."))
    first_registration = Date(required=True)
    energy = String(required=True, validate=one_of(sorted(codes.ENERGIES)))
    co2_class = String(required=True, validate=one_of(sorted(codes.CO2_CLASSES)))
    value = Number(required=True, validate=positive("La valeur"))
    usage = String(required=True, validate=one_of(sorted(codes.VEHICLE_USAGES)))
    garage_postcode = String(load_default=None, allow_none=True, validate=POSTCODE)
    annual_mileage = Integer(required=True, validate=positive("Le kilométrage"))


class DwellingSchema(FrenchSchema):
    ref = String(required=True, validate=REF)
    address = fields.Nested(AddressSchema, load_default=None, allow_none=True)
    dwelling_type = String(required=True, validate=one_of(sorted(codes.DWELLING_TYPES)))
    occupancy_status = String(required=True, validate=one_of(sorted(codes.OCCUPANCY)))
    residence = String(load_default="principale", validate=one_of(sorted(codes.RESIDENCES)))
    surface = Integer(required=True, validate=validate.Range(min=1, error="Surface positive attendue."))
    rooms = Integer(required=True, validate=validate.Range(min=1, error="Au moins une pièce."))
    floor = Integer(load_default=0, validate=positive("L'étage"))
    construction_year = Integer(required=True, validate=validate.Range(min=1000, error="Année sur 4 chiffres."))
    security_features = List(String(validate=one_of(sorted(codes.SECURITY_FEATURES))), load_default=list)
    natural_hazard_zone = String(load_default="aucune", validate=one_of(sorted(codes.HAZARD_ZONES)))
    contents_value = Number(required=True, validate=positive("Le capital contenu"))


class BusinessSchema(FrenchSchema):
    ref = String(required=True, validate=REF)
    siret = String(load_default=None, allow_none=True)
    naf_code = String(required=True)
    activity = text(160, required=True)
    turnover = Number(required=True, validate=positive("Le chiffre d'affaires"))
    staff = Integer(required=True, validate=positive("L'effectif"))
    address = fields.Nested(AddressSchema, load_default=None, allow_none=True)
    premises_surface = Integer(required=True, validate=positive("La surface"))
    contents_value = Number(required=True, validate=positive("Le capital contenu"))


class LoanSchema(FrenchSchema):
    ref = String(required=True, validate=REF)
    lender = text(80, required=True)
    capital = Number(required=True, validate=validate.Range(min=1, error="Capital positif attendu."))
    duration_months = Integer(required=True, validate=validate.Range(min=1, max=480, error="Durée de 1 à 480 mois."))
    rate_percent = Number(required=True, validate=validate.Range(min=0, max=30, error="Taux entre 0 et 30 %."))
    purpose = String(required=True, validate=one_of(sorted(codes.LOAN_PURPOSES)))
    start_date = Date(required=True)
    insured_share_percent = Integer(
        load_default=100, validate=validate.Range(min=1, max=100, error="Quotité de 1 à 100 %.")
    )


class ClaimSchema(FrenchSchema):
    occurred_on = Date(required=True)
    kind = String(required=True, validate=one_of(list(codes.CLAIM_KINDS)))
    liability = String(load_default="none", validate=one_of(sorted(codes.LIABILITIES)))
    amount = Number(required=True, validate=positive("Le montant"))
    status = String(load_default="closed", validate=one_of(sorted(codes.CLAIM_STATUSES)))
    description = String(load_default="")
    contract = String(load_default=None, allow_none=True, validate=REF)


class CrmReferenceSchema(FrenchSchema):
    due_date = Date(required=True)
    crm = Number(required=True)
    years_at_floor = Integer(load_default=0, validate=positive("Le nombre d'années"))


class ReleveSchema(FrenchSchema):
    """The relevé d'information of a motor history: its date, the CRM printed, the claims listed."""

    statement_date = Date(required=True)
    crm = Number(load_default=None, allow_none=True)
    crm_reference = fields.Nested(CrmReferenceSchema, load_default=None, allow_none=True)
    usage = String(load_default="standard", validate=one_of(["standard", "tournees"]))


class HistorySchema(FrenchSchema):
    ref = String(required=True, validate=REF)
    line = String(required=True, validate=one_of(list(codes.HISTORY_LINES)))
    insurer = text(80, required=True)
    policy_number = String(load_default=None, allow_none=True, validate=validate.Length(max=30))
    start_date = Date(required=True)
    end_date = Date(load_default=None, allow_none=True)
    releve = fields.Nested(ReleveSchema, load_default=None, allow_none=True)
    terminated_by = String(load_default=None, allow_none=True, validate=one_of(list(codes.TERMINATED_BY)))
    termination_reason = String(load_default=None, allow_none=True, validate=one_of(list(codes.TERMINATION_REASONS)))
    claims = List(fields.Nested(ClaimSchema), load_default=list)


class ContractSchema(FrenchSchema):
    ref = String(required=True, validate=REF)
    product = String(required=True, validate=PRODUCT)
    formula = String(required=True)
    options = List(String(), load_default=list)
    deductibles = fields.Dict(keys=String(), values=String(), load_default=dict)
    frequency = String(required=True)
    start_date = Date(required=True)
    vehicle = String(load_default=None, allow_none=True, validate=REF)
    dwelling = String(load_default=None, allow_none=True, validate=REF)
    business = String(load_default=None, allow_none=True, validate=REF)
    loan = String(load_default=None, allow_none=True, validate=REF)
    risk = fields.Dict(keys=String(), values=fields.Raw(allow_none=True), load_default=dict)
    status = String(load_default="active", validate=one_of(sorted(codes.CONTRACT_STATUSES)))
    unpaid = Integer(load_default=0, validate=positive("Le nombre d'impayés"))
    payment_method = String(
        load_default=None, allow_none=True, validate=one_of(["prelevement", "cheque", "virement", "carte"])
    )


class InteractionSchema(FrenchSchema):
    occurred_on = Date(required=True)
    channel = String(required=True, validate=one_of(sorted(codes.INTERACTION_CHANNELS)))
    direction = String(load_default="entrant", validate=one_of(sorted(codes.DIRECTIONS)))
    motive = text(120, required=True)
    summary = String(required=True, validate=validate.Length(min=1))


class RelationSchema(FrenchSchema):
    kind = String(required=True, validate=one_of(sorted(codes.RELATION_KINDS)))
    client = String(required=True, validate=REF)


class DocumentSchema(FrenchSchema):
    kind = String(required=True, validate=CODE)
    title = text(160, load_default=None, allow_none=True)
    issued_on = Date(required=True)
    valid_until = Date(load_default=None, allow_none=True)
    data = fields.Dict(keys=String(), values=fields.Raw(allow_none=True), load_default=dict)
    anomaly = text(200, load_default=None, allow_none=True)
    fill = Boolean(load_default=True)
    history = String(load_default=None, allow_none=True, validate=REF)
    vehicle = String(load_default=None, allow_none=True, validate=REF)
    business = String(load_default=None, allow_none=True, validate=REF)
    loan = String(load_default=None, allow_none=True, validate=REF)


class GdprSchema(FrenchSchema):
    consent = Boolean(required=True)
    purposes = List(String(validate=one_of(GDPR_PURPOSES)), load_default=list)
    date = Date(load_default=None, allow_none=True)


class ClientSchema(FrenchSchema):
    ref = String(required=True, validate=REF)
    kind = String(required=True, validate=one_of(["person", "company"]))
    status = String(load_default="client", validate=one_of(sorted(codes.CLIENT_STATUSES)))
    civility = String(load_default=None, allow_none=True, validate=one_of(CIVILITIES))
    first_name = text(80, load_default=None, allow_none=True)
    last_name = text(80, load_default=None, allow_none=True)
    birth_date = Date(load_default=None, allow_none=True)
    profession = text(120, load_default=None, allow_none=True)
    family_situation = String(load_default=None, allow_none=True, validate=one_of(FAMILY_SITUATIONS))
    company_name = text(160, load_default=None, allow_none=True)
    siren = String(load_default=None, allow_none=True)
    legal_form = String(load_default=None, allow_none=True, validate=one_of(LEGAL_FORMS))
    activity = text(160, load_default=None, allow_none=True)
    address = fields.Nested(AddressSchema, load_default=None, allow_none=True)
    phone = String(load_default=None, allow_none=True, validate=validate.Length(max=20))
    email = String(load_default=None, allow_none=True, validate=validate.Length(max=254))
    preferred_channel = String(load_default="email", validate=one_of(CONTACT_CHANNELS))
    specific_needs = String(load_default=None, allow_none=True)
    accessible_formats = List(String(validate=one_of(ACCESSIBLE_FORMATS)), load_default=list)
    gdpr = fields.Nested(GdprSchema, load_default=None, allow_none=True)
    created_on = Date(load_default=None, allow_none=True)
    iban = String(load_default=None, allow_none=True)
    licence_date = Date(load_default=None, allow_none=True)
    accompanied_driving = Boolean(load_default=False)
    relations = List(fields.Nested(RelationSchema), load_default=list)
    vehicles = List(fields.Nested(VehicleSchema), load_default=list)
    dwellings = List(fields.Nested(DwellingSchema), load_default=list)
    businesses = List(fields.Nested(BusinessSchema), load_default=list)
    loans = List(fields.Nested(LoanSchema), load_default=list)
    history = List(fields.Nested(HistorySchema), load_default=list)
    contracts = List(fields.Nested(ContractSchema), load_default=list)
    claims = List(fields.Nested(ClaimSchema), load_default=list)
    interactions = List(fields.Nested(InteractionSchema), load_default=list)
    documents = List(fields.Nested(DocumentSchema), load_default=list)

    @validates_schema
    def identity(self, data: dict[str, Any], **kwargs: Any) -> None:
        person = ("civility", "first_name", "last_name", "birth_date")
        company = ("company_name", "legal_form")
        required, foreign = (
            (person, ("company_name", "siren", "legal_form"))
            if data["kind"] == "person"
            else (
                company,
                ("civility", "first_name", "last_name", "birth_date", "licence_date", "family_situation"),
            )
        )
        errors: dict[str, list[str]] = {}
        for key in required:
            if data.get(key) in (None, ""):
                errors[key] = ["Champ obligatoire pour ce type de client."]
        label = "un particulier" if data["kind"] == "person" else "une entreprise"
        for key in foreign:
            if data.get(key) not in (None, ""):
                errors[key] = [f"Ce champ ne s'applique pas à {label}."]
        if errors:
            raise ValidationError(errors)


class ExpertAnswerSchema(FrenchSchema):
    expert = String(required=True, validate=one_of(list(codes.EXPERTS)))
    answer = String(required=True, validate=validate.Length(min=1))
    delay_days = Integer(load_default=2, validate=validate.Range(min=0, max=60, error="Délai de 0 à 60 jours."))
    verdict = String(load_default=None, allow_none=True, validate=one_of(list(codes.VERDICTS)))


class RepliedDocumentSchema(DocumentSchema):
    """The document the client sends: a supporting document whose kind is the code asked for."""

    kind = String(load_default=None, allow_none=True, validate=CODE)


class DocumentReplySchema(FrenchSchema):
    """The client's answer to a request for one document: `arrives_after_days` (with the `document`
    that arrives, `arrives_wrong` naming what is still wrong with it), or `never`."""

    arrives_after_days = Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=0, max=60, error="Délai de 0 à 60 jours.")
    )
    arrives_wrong = text(200, load_default=None, allow_none=True)
    never = Boolean(load_default=False)
    document = fields.Nested(RepliedDocumentSchema, load_default=None, allow_none=True)

    @validates_schema
    def one_reply(self, data: dict[str, Any], **kwargs: Any) -> None:
        arrives = data.get("arrives_after_days") is not None
        if data["never"] and (arrives or data.get("arrives_wrong") or data.get("document")):
            raise ValidationError("« never » exclut arrives_after_days, arrives_wrong et document.", "never")
        if not data["never"] and not arrives:
            raise ValidationError("Indiquez arrives_after_days (la pièce arrive) ou never: true.", "arrives_after_days")
        if arrives and data.get("document") is None:
            raise ValidationError("Décrivez la pièce qui arrive (au moins issued_on).", "document")


class ExpectationSchema(FrenchSchema):
    outcome = String(required=True, validate=one_of(list(codes.EXPECTED_OUTCOMES)))
    notes = String(required=True, validate=validate.Length(min=1))
    missing_documents = List(String(validate=CODE), load_default=list)


class RequestSchema(FrenchSchema):
    ref = String(required=True, validate=REF)
    client = String(required=True, validate=REF)
    product = String(required=True, validate=PRODUCT)
    formula = String(load_default=None, allow_none=True)
    options = List(String(), load_default=list)
    frequency = String(load_default=None, allow_none=True)
    effective_date = Date(load_default=None, allow_none=True)
    declared = fields.Dict(keys=String(), values=fields.Raw(allow_none=True), load_default=dict)
    vehicle = String(load_default=None, allow_none=True, validate=REF)
    dwelling = String(load_default=None, allow_none=True, validate=REF)
    business = String(load_default=None, allow_none=True, validate=REF)
    loan = String(load_default=None, allow_none=True, validate=REF)
    received_on = Date(required=True)
    channel = String(load_default="email", validate=one_of(list(codes.CHANNELS)))
    message = String(load_default="")
    documents = List(fields.Nested(DocumentSchema), load_default=list)
    expected = fields.Nested(ExpectationSchema, required=True)
    experts = List(fields.Nested(ExpertAnswerSchema), load_default=list)
    client_replies = fields.Dict(
        keys=String(validate=CODE), values=fields.Nested(DocumentReplySchema), load_default=dict
    )


class ShareSchema(FrenchSchema):
    min = Number(required=True)
    max = Number(required=True)
    percent = percent_field(required=True)

    @validates_schema
    def ordered(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data["max"] < data["min"]:
            raise ValidationError("max doit être supérieur ou égal à min.", "max")


def shares() -> fields.Dict:
    return fields.Dict(keys=String(), values=percent_field(), load_default=dict)


class PopulationSchema(FrenchSchema):
    count = Integer(required=True, validate=validate.Range(min=0, max=100000, error="De 0 à 100 000 clients."))
    segments = fields.Dict(keys=String(validate=one_of(list(codes.SEGMENTS))), values=percent_field(), required=True)
    products = fields.Dict(
        keys=String(validate=one_of([*codes.SEGMENTS, codes.SPOUSE])),
        values=fields.Dict(keys=String(validate=PRODUCT), values=percent_field()),
        required=True,
    )
    formulas = fields.Dict(keys=String(validate=PRODUCT), values=fields.Dict(keys=String(), values=percent_field()),
                           load_default=dict)  # fmt: skip
    frequencies = shares()
    ages = List(fields.Nested(ShareSchema), required=True, validate=validate.Length(min=1))
    crm = List(fields.Nested(ShareSchema), required=True, validate=validate.Length(min=1))
    claims_per_year = Number(load_default=Decimal("0.07"), validate=validate.Range(min=0, max=2, error="De 0 à 2."))
    at_fault_percent = percent_field(load_default=Decimal(45))
    prospects_percent = percent_field(load_default=Decimal(8))
    options_percent = percent_field(load_default=Decimal(25))
    unpaid_percent = percent_field(load_default=Decimal(2))
    terminated_percent = percent_field(load_default=Decimal(3))
    interactions_per_client = Number(
        load_default=Decimal("1.2"), validate=validate.Range(min=0, max=20, error="De 0 à 20.")
    )


class ScenarioSchema(FrenchSchema):
    code = String(required=True, validate=SCENARIO_CODE)
    title = text(160, required=True)
    description = String(required=True, validate=validate.Length(min=1))
    catalogue = String(
        load_default=None,
        allow_none=True,
        validate=HASH_PREFIX,
        # A prefix made only of digits (5024866733) reads as a YAML number: say how to write it.
        error_messages={"invalid": 'Empreinte entre guillemets attendue (ex. catalogue: "5024866733").'},
    )
    start_date = Date(required=True)
    seed = Integer(load_default=1, validate=validate.Range(min=0, max=2**31 - 1, error="Graine de 0 à 2³¹ − 1."))
    clients = List(fields.Nested(ClientSchema), load_default=list)
    population = fields.Nested(PopulationSchema, load_default=None, allow_none=True)
    requests = List(fields.Nested(RequestSchema), load_default=list)
