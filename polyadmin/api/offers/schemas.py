"""What the offer endpoints answer. Request bodies are the validation schemas (`polyadmin.validation.offers`),
shown as they are; amounts are exact decimal strings (`DecimalString`), dates `AAAA-MM-JJ`."""

from __future__ import annotations

from marshmallow import Schema, fields

from polyadmin.api.documenting import field_doc as doc
from polyadmin.api.output_fields import DecimalString
from polyadmin.api.requests.schemas import AnyValue
from polyadmin.validation.french import FrenchSchema, Integer


class FlagOut(Schema):
    kind = fields.String(**doc("need_uncovered, already_covered, over_budget ou eco_not_offered."))
    message = fields.String(**doc("L'alerte en français (un avertissement, jamais un refus)."))
    line = fields.String(allow_none=True, **doc("Branche concernée (auto, habitation…)."))
    guarantee = fields.String(allow_none=True, **doc("Garantie concernée."))


class LineNeedsOut(Schema):
    protect = fields.String()
    existing_cover = fields.String()
    wanted = fields.List(fields.String())
    already_covered = fields.List(fields.String())
    specific = fields.String()


class RecommendationOut(Schema):
    line = fields.String()
    need = fields.String()
    product = fields.String()
    formula = fields.String()
    options = fields.List(fields.String())
    reason = fields.String()


class NeedsOut(Schema):
    id = fields.Integer()
    client_id = fields.Integer()
    request_id = fields.Integer(allow_none=True)
    recorded_on = fields.Date()
    lines = fields.Dict(keys=fields.String(), values=fields.Nested(LineNeedsOut), **doc("Réponses par branche."))
    disability = fields.String()
    situation = fields.String()
    budget_monthly = DecimalString("Budget mensuel en euros.", allow_none=True)
    accessible_formats = fields.Boolean()
    eco_interest = fields.Boolean()
    recommendations = fields.List(fields.Nested(RecommendationOut))
    flags = fields.List(fields.Nested(FlagOut), **doc("Besoin non couvert, garantie déjà détenue…"))


class TaxOut(Schema):
    code = fields.String()
    label = fields.String()
    rate = DecimalString("Taux en pourcentage.")
    amount = DecimalString()


class QuoteGuaranteeOut(Schema):
    code = fields.String()
    name = fields.String()
    status = fields.String(**doc("mandatory, formula ou optional."))
    deductible = fields.String(allow_none=True)
    premium_before_tax = DecimalString("Prime HT de la garantie.")
    fractionnement = DecimalString("Majoration de fractionnement.")
    taxes = fields.List(fields.Nested(TaxOut))
    total = DecimalString("Total TTC annuel de la garantie.")
    adjustments = fields.List(fields.String(), **doc("Franchise, options, surprime, réduction multi-équipement."))


class QuoteInstalmentOut(Schema):
    number = fields.Integer()
    due_date = fields.Date()
    amount = DecimalString()


class CarriedConditionOut(Schema):
    kind = fields.String(**doc("surprime, exclusion, franchise…"))
    label = fields.String()
    percent = DecimalString(allow_none=True)
    amount = DecimalString(allow_none=True)


class QuoteLineOut(Schema):
    position = fields.Integer()
    product = fields.String()
    product_version = fields.String()
    formula = fields.String()
    options = fields.List(fields.String())
    eco_options = fields.List(fields.String(), **doc("Options éco-responsables choisies (mises en avant)."))
    deductibles = fields.Dict(keys=fields.String(), values=fields.String())
    frequency = fields.String()
    effective_date = fields.Date()
    risk = fields.Dict(keys=fields.String(), values=AnyValue(allow_none=True), **doc("Données de risque tarifées."))
    vehicle_id = fields.Integer(allow_none=True)
    dwelling_id = fields.Integer(allow_none=True)
    business_id = fields.Integer(allow_none=True)
    loan_id = fields.Integer(allow_none=True)
    alternative_of = fields.Integer(allow_none=True, **doc("Ligne comparée (alternative), sinon null."))
    chosen = fields.Boolean(**doc("Ligne retenue (les alternatives ne comptent pas dans le total)."))
    conditions = fields.List(fields.Nested(CarriedConditionOut), **doc("Conditions de la décision, reportées."))
    guarantees = fields.List(fields.Nested(QuoteGuaranteeOut))
    premium_before_tax = DecimalString("Prime HT annuelle.")
    discount = DecimalString("Réduction multi-équipement de la ligne (TTC, déjà déduite).")
    taxes = DecimalString("Taxes et contributions.")
    total = DecimalString("Total TTC annuel de la ligne.")
    instalments = fields.List(fields.Nested(QuoteInstalmentOut))


class VersionOut(Schema):
    version = fields.Integer()
    status = fields.String(**doc("proposed, superseded, expired (lu après la validité), accepted…"))
    status_label = fields.String()
    issued_on = fields.Date()
    valid_until = fields.Date()
    reason = fields.String()
    discount = DecimalString()
    total = DecimalString()


class QuoteOut(Schema):
    id = fields.Integer()
    number = fields.String(**doc("DV-000001."))
    client_id = fields.Integer()
    client_number = fields.String()
    request_id = fields.Integer(allow_none=True)
    request_number = fields.String(allow_none=True)
    version = fields.Integer(**doc("Version courante."))
    status = fields.String()
    status_label = fields.String()
    issued_on = fields.Date()
    valid_until = fields.Date(**doc("Dernier jour de validité (date de la simulation)."))
    lines = fields.List(fields.Nested(QuoteLineOut))
    discount = DecimalString("Réduction multi-équipement totale (lignes retenues).")
    total = DecimalString("Total TTC annuel des lignes retenues (alternatives exclues).")
    flags = fields.List(fields.Nested(FlagOut), **doc("Alertes d'adéquation au dernier recueil des besoins."))
    versions = fields.List(fields.Nested(VersionOut), **doc("Toutes les versions, la plus ancienne d'abord."))


class QuoteSummaryOut(Schema):
    id = fields.Integer()
    number = fields.String()
    client_id = fields.Integer()
    client_number = fields.String()
    client_name = fields.String()
    version = fields.Integer()
    status = fields.String()
    status_label = fields.String()
    valid_until = fields.Date()
    total = DecimalString()


class QuoteListOut(Schema):
    items = fields.List(fields.Nested(QuoteSummaryOut))


class QuoteQuery(FrenchSchema):
    client_id = Integer(load_default=None, allow_none=True, **doc("Ne garder que les devis de ce client."))
