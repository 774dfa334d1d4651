"""marshmallow schemas of the product and tax files (shape and types; cross-references in builder.py).

Messages are in French, like every other validation message: trainers read them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from polyadmin.validation.french import (
    BASE_MESSAGES,
    Boolean,
    Date,
    FrenchSchema,
    Integer,
    List,
    String,
    one_of,
    pattern,
)

CODE = pattern(r"^[A-Z][A-Z0-9_]{1,29}$", "Code produit : majuscules, chiffres et _ (2 à 30 caractères).")
NAME = pattern(r"^[a-z][a-z0-9_]{0,39}$", "Identifiant : minuscules, chiffres et _ (commence par une lettre).")
REFERENTIAL = pattern(r"^C(1\.\d{1,2}|2A\.[1-4])$", "Code du référentiel inconnu (ex. C2A.1, C1.8).")


class Number(fields.Decimal):
    """An exact number: YAML numbers are read from their text; floats never reach here."""

    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": 'Nombre exact attendu (ex. 1.25 ou "1.25").',
        "special": "Les valeurs spéciales (NaN, infini) ne sont pas admises.",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_nan=False, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Decimal:
        if isinstance(value, (bool, float)):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


def positive(name: str = "La valeur", *, feminine: bool | None = None) -> validate.Range:
    """« Le coefficient doit être positif ou nul. », « La franchise doit être positive ou nulle. » (after
    « L' », say `feminine`: masculine by default, as « L'effectif »)."""
    feminine = name.startswith("La ") if feminine is None else feminine
    agreed = "positive ou nulle" if feminine else "positif ou nul"
    return validate.Range(min=0, error=f"{name} doit être {agreed}.")


def texts(**kwargs: Any) -> List:
    return List(String(validate=validate.Length(min=1)), **kwargs)


class ChoiceSchema(FrenchSchema):
    code = String(required=True, validate=validate.Length(min=1, max=40))
    label = String(required=True, validate=validate.Length(min=1))


class RiskFieldSchema(FrenchSchema):
    name = String(required=True, validate=NAME)
    label = String(required=True, validate=validate.Length(min=1))
    kind = String(
        required=True, validate=one_of(["integer", "decimal", "choice", "boolean", "postcode", "date", "text"])
    )
    required = Boolean(load_default=True)
    default = fields.Raw(load_default=None, allow_none=True)
    minimum = Number(load_default=None, allow_none=True)
    maximum = Number(load_default=None, allow_none=True)
    min_years = Integer(load_default=None, allow_none=True, validate=positive())
    max_years = Integer(load_default=None, allow_none=True, validate=positive())
    choices = List(fields.Nested(ChoiceSchema), load_default=list)
    unit = String(load_default="")
    help = String(load_default="")


class MeasureField(fields.Field):
    """`input: field_name` or `input: {field: name, transform: departement|years_elapsed|none}`."""

    default_error_messages = {**BASE_MESSAGES, "invalid": "Nom de champ ou objet « field, transform » attendu."}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dict[str, str]:
        if isinstance(value, str):
            value = {"field": value}
        if not isinstance(value, dict):
            raise self.make_error("invalid")
        return MeasureSchema().load(value)


class MeasureSchema(FrenchSchema):
    field = String(required=True, validate=NAME)
    transform = String(load_default="none", validate=one_of(["none", "departement", "years_elapsed"]))


class BandSchema(FrenchSchema):
    min = Number(required=True)
    max = Number(load_default=None, allow_none=True)
    value = Number(required=True, validate=positive("Le coefficient"))

    @validates_schema
    def ordered(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data["max"] is not None and data["max"] < data["min"]:
            raise ValidationError("max doit être supérieur ou égal à min.", "max")


class TableSchema(FrenchSchema):
    label = String(required=True, validate=validate.Length(min=1))
    kind = String(required=True, validate=one_of(["lookup", "bands", "input", "per_unit", "novice_surcharge"]))
    source = String(required=True, validate=validate.Length(min=1))
    input = MeasureField(load_default=None)
    entries = fields.Dict(keys=fields.String(), values=Number(validate=positive("Le coefficient")), load_default=None)
    other = Number(load_default=None, allow_none=True, validate=positive("Le coefficient"))
    bands = List(fields.Nested(BandSchema), load_default=None)
    per = Number(
        load_default=None,
        validate=validate.Range(min=0, min_inclusive=False, error="per doit être strictement positif."),
    )
    years_licensed = MeasureField(load_default=None)
    accompanied_driving = String(load_default=None, validate=NAME)
    claim_free_years = String(load_default=None, validate=NAME)
    eco = Boolean(load_default=False)

    @validates_schema
    def complete(self, data: dict[str, Any], **kwargs: Any) -> None:
        kind = data["kind"]
        needs = {
            "lookup": ["input", "entries"],
            "bands": ["input", "bands"],
            "input": ["input"],
            "per_unit": ["input", "per"],
            "novice_surcharge": ["years_licensed", "accompanied_driving", "claim_free_years"],
        }[kind]
        missing = {key: [f"Obligatoire pour une table « {kind} »."] for key in needs if data.get(key) in (None, [], {})}
        if missing:
            raise ValidationError(missing)


class ConditionSchema(FrenchSchema):
    field = String(required=True, validate=NAME)
    equals = fields.Raw(load_default=None)
    in_ = List(fields.Raw(), data_key="in", load_default=None)

    @validates_schema
    def one_test(self, data: dict[str, Any], **kwargs: Any) -> None:
        if (data["equals"] is None) == (data["in_"] is None):
            raise ValidationError("Indiquez soit equals, soit in.")


class ComponentSchema(FrenchSchema):
    label = String(required=True, validate=validate.Length(min=1))
    base = Number(required=True, validate=positive("La base"))
    factors = List(String(), load_default=list)
    when = fields.Nested(ConditionSchema, load_default=None)


class LimitSchema(FrenchSchema):
    label = String(required=True, validate=validate.Length(min=1))
    amount = Number(load_default=None, allow_none=True, validate=positive("Le plafond"))
    text = String(load_default="")

    @validates_schema
    def something(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data["amount"] is None and not data["text"]:
            raise ValidationError("Indiquez amount ou text.")


class DeductibleSchema(FrenchSchema):
    code = String(required=True, validate=NAME)
    label = String(required=True, validate=validate.Length(min=1))
    amount = Number(load_default=None, allow_none=True, validate=positive("La franchise"))
    factor = Number(required=True, validate=positive("Le coefficient"))
    default = Boolean(load_default=False)


class TaxProfileSchema(FrenchSchema):
    category = String(required=True, validate=NAME)
    catnat = String(load_default="none", validate=one_of(["none", "property", "auto"]))
    fgao = Boolean(load_default=False)
    property_cover = Boolean(load_default=False)


class GuaranteeSchema(FrenchSchema):
    code = String(required=True, validate=NAME)
    name = String(required=True, validate=validate.Length(min=1))
    description = String(required=True, validate=validate.Length(min=1))
    status = String(required=True, validate=one_of(["mandatory", "formula", "optional"]))
    legal_basis = String(load_default="")
    tax = fields.Nested(TaxProfileSchema, required=True)
    premium = List(fields.Nested(ComponentSchema), required=True, validate=validate.Length(min=1))
    limits = List(fields.Nested(LimitSchema), load_default=list)
    deductibles = List(fields.Nested(DeductibleSchema), load_default=list)
    exclusions = texts(load_default=list)
    waiting_period_days = Integer(load_default=0, validate=positive("Le délai"))
    eco = Boolean(load_default=False)


class FormulaSchema(FrenchSchema):
    code = String(required=True, validate=NAME)
    name = String(required=True, validate=validate.Length(min=1))
    description = String(required=True, validate=validate.Length(min=1))
    guarantees = List(String(), load_default=list)
    options = List(String(), load_default=list)


class ModifierSchema(FrenchSchema):
    code = String(required=True, validate=NAME)
    name = String(required=True, validate=validate.Length(min=1))
    description = String(required=True, validate=validate.Length(min=1))
    factor = Number(required=True, validate=positive("Le coefficient"))
    applies_to = List(String(), required=True, validate=validate.Length(min=1))
    eco = Boolean(load_default=False)


class FrequencySchema(FrenchSchema):
    code = String(required=True, validate=NAME)
    label = String(required=True, validate=validate.Length(min=1))
    instalments = Integer(required=True, validate=validate.OneOf([1, 2, 4, 12], error="Échéances : 1, 2, 4 ou 12."))
    surcharge_percent = Number(required=True, validate=positive("La majoration"))


class FeeSchema(FrenchSchema):
    code = String(required=True, validate=NAME)
    label = String(required=True, validate=validate.Length(min=1))
    amount = Number(required=True, validate=positive("Le montant"))
    tax_category = String(required=True, validate=NAME)


class DiscountSchema(FrenchSchema):
    min = Integer(
        required=True,
        validate=validate.Range(min=1, error="min vaut au moins 1 (nombre de contrats détenus par ailleurs)."),
    )
    max = Integer(load_default=None, allow_none=True)
    percent = Number(required=True, validate=validate.Range(min=0, max=100, error="Pourcentage entre 0 et 100."))


class DocumentSchema(FrenchSchema):
    code = String(required=True, validate=NAME)
    label = String(required=True, validate=validate.Length(min=1))
    when = String(load_default="")


class EcoFeatureSchema(FrenchSchema):
    label = String(required=True, validate=validate.Length(min=1))
    description = String(required=True, validate=validate.Length(min=1))


class IpidSchema(FrenchSchema):
    insurer = String(required=True)
    product_type = String(required=True)
    covered = texts(required=True)
    not_covered = texts(required=True)
    restrictions = texts(required=True)
    territory = String(required=True)
    obligations = texts(required=True)
    payment = String(required=True)
    term = String(required=True)
    cancellation = String(required=True)


class TargetSchema(FrenchSchema):
    client_kinds = List(String(validate=one_of(["person", "company"])), required=True, validate=validate.Length(min=1))
    description = String(required=True)


class EndorsementSettingsSchema(FrenchSchema):
    settlement = String(load_default="instalments", validate=one_of(["instalments", "notice"]))
    backdating_days = fields.Integer(
        load_default=30, validate=validate.Range(min=0, max=366, error="Entre 0 et 366 jours.")
    )


class ProductSchema(FrenchSchema):
    code = String(required=True, validate=CODE)
    name = String(required=True, validate=validate.Length(min=1, max=120))
    line = String(required=True, validate=one_of(["auto", "habitation", "sante", "emprunteur", "professionnelle"]))
    version = String(required=True, validate=validate.Length(min=1, max=20))
    effective_date = Date(required=True)
    summary = String(required=True)
    target = fields.Nested(TargetSchema, required=True)
    referential = List(String(validate=REFERENTIAL), required=True, validate=validate.Length(min=1))
    risk_fields = List(fields.Nested(RiskFieldSchema), required=True, validate=validate.Length(min=1))
    tables = fields.Dict(keys=String(validate=NAME), values=fields.Nested(TableSchema), required=True)
    guarantees = List(fields.Nested(GuaranteeSchema), required=True, validate=validate.Length(min=1))
    formulas = List(fields.Nested(FormulaSchema), required=True, validate=validate.Length(min=1))
    modifiers = List(fields.Nested(ModifierSchema), load_default=list)
    payment_frequencies = List(fields.Nested(FrequencySchema), required=True, validate=validate.Length(min=1))
    fees = List(fields.Nested(FeeSchema), load_default=list)
    multi_product_discount = List(fields.Nested(DiscountSchema), load_default=list)
    required_documents = List(fields.Nested(DocumentSchema), required=True)
    general_exclusions = texts(required=True)
    eco_features = List(fields.Nested(EcoFeatureSchema), load_default=list)
    ipid = fields.Nested(IpidSchema, required=True)
    endorsements = fields.Nested(EndorsementSettingsSchema, load_default=None)


class TaxCategorySchema(FrenchSchema):
    label = String(required=True)
    rate = Number(required=True, validate=validate.Range(min=0, max=100, error="Taux entre 0 et 100 %."))
    source = String(required=True, validate=validate.Length(min=1))


class RatePeriodSchema(FrenchSchema):
    from_ = Date(required=True, data_key="from")
    rate = Number(load_default=None, validate=validate.Range(min=0, max=100, error="Taux entre 0 et 100 %."))
    amount = Number(load_default=None, validate=positive("Le montant"))


class CatnatSchema(FrenchSchema):
    tax_category = String(required=True, validate=NAME)
    property = List(fields.Nested(RatePeriodSchema), required=True, validate=validate.Length(min=1))
    auto = List(fields.Nested(RatePeriodSchema), required=True, validate=validate.Length(min=1))
    source = String(required=True)


class PeriodsSchema(FrenchSchema):
    periods = List(fields.Nested(RatePeriodSchema), required=True, validate=validate.Length(min=1))
    source = String(required=True)


class TaxesSchema(FrenchSchema):
    categories = fields.Dict(keys=String(validate=NAME), values=fields.Nested(TaxCategorySchema), required=True)
    catnat = fields.Nested(CatnatSchema, required=True)
    attentats = fields.Nested(PeriodsSchema, required=True)
    fgao = fields.Nested(PeriodsSchema, required=True)
