"""What the catalogue endpoints answer: products as the pinned snapshot defines them, and price breakdowns.

The schemas read the domain objects (`polyadmin.domain.catalogue`, `polyadmin.domain.pricing`)
directly. Amounts, rates and coefficients are strings (exact decimals), dates `AAAA-MM-JJ`.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from polyadmin.api.documenting import field_doc as _doc
from polyadmin.api.output_fields import DecimalString as Exact
from polyadmin.validation.french import FrenchSchema, Integer


class CatalogueQuery(FrenchSchema):
    sandbox = Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, error="Numéro de bac à sable invalide."),
        **_doc(
            "Bac à sable dont on lit le catalogue épinglé (et dont la date de la simulation sert de date d'effet). "
            "Sans lui : le dernier bac à sable du candidat, ou le dernier catalogue chargé pour les autres rôles."
        ),
    )


# --- product list ----------------------------------------------------------------------------------


class CatalogueFormulaRefOut(Schema):
    code = fields.String()
    name = fields.String()


class CatalogueProductSummaryOut(Schema):
    code = fields.String(**_doc("Code du produit (AUTO, MRH…), à utiliser dans les adresses."))
    name = fields.String()
    line = fields.String(**_doc("Branche : auto, habitation, sante, emprunteur, professionnelle."))
    version = fields.String(**_doc("Version du produit dans ce catalogue."))
    effective_date = fields.Date(**_doc("Date à partir de laquelle le produit peut être tarifé."))
    summary = fields.String()
    eco = fields.Boolean(attribute="is_eco", **_doc("Vrai si le produit propose une variante écoresponsable."))
    formulas = fields.List(fields.Nested(CatalogueFormulaRefOut))


class CatalogueOut(Schema):
    snapshot = fields.String(**_doc("Empreinte SHA-256 de l'instantané du catalogue lu."))
    products = fields.List(fields.Nested(CatalogueProductSummaryOut))


# --- product detail --------------------------------------------------------------------------------


class CatalogueChoiceOut(Schema):
    code = fields.String()
    label = fields.String()


class CatalogueRiskFieldOut(Schema):
    name = fields.String(**_doc("Clé de la donnée dans l'objet « risk » d'une demande de tarif."))
    label = fields.String()
    kind = fields.String(**_doc("integer, decimal, choice, boolean, postcode, date ou text."))
    required = fields.Boolean()
    default = fields.Raw(allow_none=True, **_doc("Valeur retenue si la donnée facultative est absente."))
    minimum = Exact("Minimum (nombres).", allow_none=True)
    maximum = Exact("Maximum (nombres).", allow_none=True)
    min_years = fields.Integer(allow_none=True, **_doc("Dates : années révolues minimales à la date d'effet."))
    max_years = fields.Integer(allow_none=True, **_doc("Dates : années révolues maximales à la date d'effet."))
    choices = fields.List(fields.Nested(CatalogueChoiceOut), **_doc("Choix possibles (kind = choice)."))
    unit = fields.String()
    help = fields.String()


class CatalogueConditionOut(Schema):
    field = fields.String()
    values = fields.List(fields.Raw())


class CatalogueComponentOut(Schema):
    label = fields.String()
    base = Exact("Prime annuelle hors taxes avant coefficients.")
    factors = fields.List(fields.String(), **_doc("Tables de tarification appliquées."))
    when = fields.Nested(CatalogueConditionOut, allow_none=True, **_doc("Condition d'application."))


class CatalogueLimitOut(Schema):
    label = fields.String()
    amount = Exact("Plafond en euros.", allow_none=True)
    text = fields.String()


class CatalogueDeductibleOut(Schema):
    code = fields.String()
    label = fields.String()
    amount = Exact("Montant de la franchise en euros.", allow_none=True)
    factor = Exact("Coefficient appliqué à la prime de la garantie.")


class CatalogueTaxProfileOut(Schema):
    category = fields.String(**_doc("Catégorie de taxe (voir tax_categories)."))
    catnat = fields.String(**_doc("none, property ou auto : assiette de la surprime catastrophes naturelles."))
    fgao = fields.Boolean(**_doc("Contribution au FGAO due (RC automobile)."))
    property_cover = fields.Boolean(**_doc("Garantie de dommages aux biens (contribution attentats)."))


class CatalogueGuaranteeOut(Schema):
    code = fields.String()
    name = fields.String()
    description = fields.String()
    status = fields.String(**_doc("mandatory (toujours incluse), formula (selon la formule) ou optional (option)."))
    legal_basis = fields.String()
    tax = fields.Nested(CatalogueTaxProfileOut)
    components = fields.List(fields.Nested(CatalogueComponentOut))
    limits = fields.List(fields.Nested(CatalogueLimitOut))
    deductibles = fields.List(fields.Nested(CatalogueDeductibleOut))
    default_deductible = fields.String(allow_none=True)
    exclusions = fields.List(fields.String())
    waiting_period_days = fields.Integer(**_doc("Délai de carence en jours."))
    eco = fields.Boolean()


class CatalogueFormulaOut(Schema):
    code = fields.String()
    name = fields.String()
    description = fields.String()
    guarantees = fields.List(
        fields.String(), **_doc("Garanties « formula » incluses (les obligatoires le sont toujours).")
    )
    options = fields.List(fields.String(), **_doc("Options proposées : garanties optionnelles ou options tarifaires."))


class CatalogueModifierOut(Schema):
    code = fields.String()
    name = fields.String()
    description = fields.String()
    factor = Exact("Coefficient appliqué aux garanties visées.")
    applies_to = fields.List(fields.String())
    eco = fields.Boolean()


class CatalogueFrequencyOut(Schema):
    code = fields.String()
    label = fields.String()
    instalments = fields.Integer(**_doc("Nombre d'échéances par an."))
    surcharge_percent = Exact("Majoration de fractionnement, en pourcentage de la prime HT.")


class CatalogueFeeOut(Schema):
    code = fields.String()
    label = fields.String()
    amount = Exact("Montant annuel hors taxes.")
    tax_category = fields.String()


class CatalogueDiscountOut(Schema):
    minimum = fields.Integer(**_doc("Nombre minimal d'autres contrats."))
    maximum = fields.Integer(allow_none=True)
    percent = Exact("Réduction en pourcentage.")


class CatalogueDocumentOut(Schema):
    code = fields.String()
    label = fields.String()
    when = fields.String()


class CatalogueEcoFeatureOut(Schema):
    label = fields.String()
    description = fields.String()


class CatalogueIpidOut(Schema):
    insurer = fields.String()
    product_type = fields.String()
    covered = fields.List(fields.String())
    not_covered = fields.List(fields.String())
    restrictions = fields.List(fields.String())
    territory = fields.String()
    obligations = fields.List(fields.String())
    payment = fields.String()
    term = fields.String()
    cancellation = fields.String()


class CatalogueTargetOut(Schema):
    client_kinds = fields.List(fields.String(), **_doc("person et/ou company."))
    description = fields.String()


class CatalogueTaxCategoryOut(Schema):
    code = fields.String()
    label = fields.String()
    rate = Exact("Taux en pourcentage.")
    source = fields.String()


class CatalogueProductOut(CatalogueProductSummaryOut):
    snapshot = fields.String(**_doc("Empreinte SHA-256 de l'instantané du catalogue lu."))
    target = fields.Nested(CatalogueTargetOut)
    referential = fields.List(fields.String(), **_doc("Critères du référentiel CQP servis par le produit."))
    risk_fields = fields.List(fields.Nested(CatalogueRiskFieldOut))
    guarantees = fields.List(fields.Nested(CatalogueGuaranteeOut))
    formulas = fields.List(fields.Nested(CatalogueFormulaOut))
    modifiers = fields.List(fields.Nested(CatalogueModifierOut), **_doc("Options tarifaires (sans prime propre)."))
    frequencies = fields.List(fields.Nested(CatalogueFrequencyOut))
    fees = fields.List(fields.Nested(CatalogueFeeOut))
    multi_product_discount = fields.List(fields.Nested(CatalogueDiscountOut))
    required_documents = fields.List(fields.Nested(CatalogueDocumentOut))
    general_exclusions = fields.List(fields.String())
    eco_features = fields.List(fields.Nested(CatalogueEcoFeatureOut))
    ipid = fields.Nested(CatalogueIpidOut, **_doc("Contenu du document d'information normalisé (DIPA)."))
    tax_categories = fields.List(
        fields.Nested(CatalogueTaxCategoryOut), **_doc("Catégories de taxe des garanties et frais du produit.")
    )


# --- pricing ---------------------------------------------------------------------------------------


class PricingFactorOut(Schema):
    table = fields.String(**_doc("Table ou ajustement (franchise, option, multi_equipement)."))
    label = fields.String()
    read = fields.String(**_doc("Valeur lue (ex. « département 44 », « 3 »)."))
    coefficient = Exact()
    source = fields.String()


class PricingComponentOut(Schema):
    label = fields.String()
    base = Exact()
    factors = fields.List(fields.Nested(PricingFactorOut))
    amount = Exact("Montant exact, avant arrondi.")


class PricingTaxOut(Schema):
    code = fields.String(**_doc("tsca, catnat, catnat_tax ou fgao."))
    label = fields.String()
    rate = Exact("Taux en pourcentage.")
    base = Exact("Assiette.")
    amount = Exact()


class PricingGuaranteeOut(Schema):
    code = fields.String()
    name = fields.String()
    status = fields.String()
    deductible = fields.String(allow_none=True, **_doc("Franchise retenue."))
    components = fields.List(fields.Nested(PricingComponentOut))
    adjustments = fields.List(fields.Nested(PricingFactorOut), **_doc("Franchise, options tarifaires, réduction."))
    premium_before_tax = Exact("Prime annuelle HT, arrondie au centime.")
    fractionnement = Exact("Majoration de fractionnement.")
    taxes = fields.List(fields.Nested(PricingTaxOut))
    total = Exact("Total annuel TTC de la garantie.")


class PricingChargeOut(Schema):
    code = fields.String()
    label = fields.String()
    amount = Exact()
    tax = Exact()
    total = Exact()


class PricingTotalsOut(Schema):
    premium_before_tax = Exact("Prime annuelle HT.")
    fractionnement = Exact()
    taxes = Exact("Taxes et contributions (y compris celles des frais).")
    total = Exact("Total annuel TTC, frais et contributions compris.")


class PricingInstalmentOut(Schema):
    number = fields.Integer()
    due_date = fields.Date()
    amount = Exact()


class PricingOut(Schema):
    snapshot = fields.String(**_doc("Empreinte du catalogue qui a servi."))
    product = fields.String()
    version = fields.String()
    formula = fields.String()
    options = fields.List(fields.String())
    frequency = fields.String()
    effective_date = fields.Date()
    guarantees = fields.List(fields.Nested(PricingGuaranteeOut))
    charges = fields.List(
        fields.Nested(PricingChargeOut), **_doc("Frais et contribution attentats, une fois par contrat.")
    )
    totals = fields.Nested(PricingTotalsOut)
    instalments = fields.List(fields.Nested(PricingInstalmentOut), **_doc("Échéancier ; la somme égale le total."))
    explanation = fields.List(fields.String(), **_doc("Le calcul expliqué en français, phrase par phrase."))
