"""What the agreement, issue, contract and task endpoints answer (and their query strings).

Request bodies are the validation schemas (`polyadmin.validation.contracts`). Amounts are exact decimal
strings, dates `AAAA-MM-JJ`; codes come with their French label.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from polyadmin.api.documenting import field_doc as doc
from polyadmin.api.output_fields import DecimalString
from polyadmin.api.schemas import PageOut
from polyadmin.validation.french import FrenchSchema, Integer, QueryBoolean


class AgreementOut(Schema):
    quote_id = fields.Integer()
    quote_number = fields.String(**doc("Numéro du devis (DV-000001)."))
    version = fields.Integer(**doc("Version du devis acceptée."))
    status = fields.String(**doc("Statut de la version : accepted."))
    agreed_on = fields.Date(**doc("Date de l'accord du client."))
    channel = fields.String(**doc("Canal de l'accord (agence, telephone, email, courrier, visio, internet)."))
    channel_label = fields.String()
    signature_mode = fields.String(**doc("manuscrite ou electronique."))
    signature_label = fields.String()
    distance_selling = fields.Boolean(**doc("Vente à distance : délai de renonciation de 14 jours (L112-2-1)."))


class ContractInstalmentOut(Schema):
    number = fields.Integer()
    period_start = fields.Date(**doc("Début de la période annuelle de l'échéance."))
    due_date = fields.Date()
    amount = DecimalString("Montant TTC de l'échéance.")
    status = fields.String(**doc("due, paid, unpaid ou cancelled."))


class ContractGuaranteeOut(Schema):
    name = fields.String()
    status_label = fields.String(**doc("obligatoire, de la formule ou en option."))
    limit = fields.String(**doc("Plafond de la garantie."))
    deductible = fields.String(**doc("Franchise retenue."))
    premium_before_tax = DecimalString("Prime hors taxes (figée à l'émission).")
    taxes = DecimalString("Taxes et fractionnement.")
    total = DecimalString("Prime TTC annuelle.")


class MandateOut(Schema):
    reference = fields.String(**doc("Référence unique du mandat (RUM)."))
    creditor_identifier = fields.String(**doc("Identifiant créancier SEPA (ICS)."))
    debtor_name = fields.String()
    iban = fields.String(**doc("IBAN du débiteur, par groupes de quatre."))
    bic = fields.String()
    signed_on = fields.Date()
    sequence = fields.String(**doc("FRST (premier prélèvement) ou RCUR (récurrent)."))


class ContractSummaryOut(Schema):
    id = fields.Integer()
    number = fields.String(**doc("Numéro du contrat (CT-000001)."))
    client_id = fields.Integer()
    product_code = fields.String()
    formula = fields.String()
    frequency = fields.String()
    status = fields.String(**doc("active, suspended ou terminated."))
    start_date = fields.Date(**doc("Date d'effet."))
    next_due_date = fields.Date(**doc("Échéance principale."))
    annual_total = DecimalString("Prime annuelle TTC.")
    issued = fields.Boolean(**doc("Émis depuis un devis dans le bac à sable (false : contrat du portefeuille)."))


class ContractOut(ContractSummaryOut):
    product_version = fields.String()
    options = fields.List(fields.String())
    premium_before_tax = DecimalString("Prime annuelle hors taxes.")
    created_on = fields.Date(**doc("Date d'émission."))
    term_end = fields.Date(allow_none=True, **doc("Fin de la première période annuelle."))
    tacit_renewal = fields.Boolean(**doc("Reconduction tacite à l'échéance principale."))
    payment_method = fields.String(allow_none=True, **doc("prelevement, cheque, virement ou carte."))
    payment_method_label = fields.String(allow_none=True)
    agreed_on = fields.Date(allow_none=True)
    agreement_channel = fields.String(allow_none=True)
    distance_selling = fields.Boolean(allow_none=True)
    withdrawal_until = fields.Date(allow_none=True, **doc("Dernier jour du délai de renonciation (vente à distance)."))
    quote_number = fields.String(allow_none=True)
    quote_version = fields.Integer(allow_none=True)
    taxes = DecimalString("Taxes, fractionnement et frais (contrat émis).", allow_none=True)
    guarantees = fields.List(fields.Nested(ContractGuaranteeOut), **doc("Garanties au tarif figé (contrat émis)."))
    instalments = fields.List(fields.Nested(ContractInstalmentOut), **doc("Échéancier."))
    mandate = fields.Nested(MandateOut, allow_none=True)


class IssueOut(Schema):
    contracts = fields.List(fields.Nested(ContractOut))


class ContractQuery(FrenchSchema):
    issued = QueryBoolean(
        load_default=False, **doc("true : seulement les contrats émis dans le bac à sable depuis un devis.")
    )
    page = Integer(load_default=1, validate=validate.Range(min=1, max=100_000, error="Numéro de page invalide."))
    per_page = Integer(load_default=25, validate=validate.Range(min=1, max=100, error="Entre 1 et 100."))


class ContractPageOut(PageOut):
    items = fields.List(fields.Nested(ContractSummaryOut))


class TaskOut(Schema):
    id = fields.Integer()
    department = fields.String(**doc("encaissement ou archivage."))
    department_label = fields.String()
    subject = fields.String()
    record_type = fields.String(**doc("contract."))
    record_id = fields.Integer()
    contract_number = fields.String(allow_none=True)
    status = fields.String(**doc("open ou done."))
    created_on = fields.Date()
    due_on = fields.Date()
    closed_on = fields.Date(allow_none=True)


class TaskListOut(Schema):
    items = fields.List(fields.Nested(TaskOut))
    total = fields.Integer()


class RefundOut(Schema):
    id = fields.Integer()
    amount = DecimalString("Prime non acquise à rembourser, au centime.")
    due_on = fields.Date(**doc("Remboursement au plus tard le (date d'effet + 30 jours)."))
    status = fields.String(**doc("to_pay (à payer), paid ou cancelled."))
    status_label = fields.String()


class ContractTerminationOut(Schema):
    id = fields.Integer()
    contract_id = fields.Integer()
    contract_number = fields.String(**doc("Numéro du contrat résilié."))
    contract_status = fields.String(**doc("terminated (résilié)."))
    ground = fields.String(**doc("Motif légal de la résiliation."))
    ground_label = fields.String()
    reason = fields.String(**doc("Le raisonnement du motif, avec son article et ses dates."))
    recorded_on = fields.Date(**doc("Date d'enregistrement (date de la simulation)."))
    notice_sent_on = fields.Date(allow_none=True)
    notice_received_on = fields.Date(allow_none=True)
    event_on = fields.Date(allow_none=True)
    notice_of_right_sent_on = fields.Date(allow_none=True)
    requested_by_new_insurer = fields.Boolean(**doc("Demandée par le nouvel assureur pour le compte du client."))
    new_insurer = fields.String(allow_none=True)
    effective_on = fields.Date(**doc("Date d'effet de la résiliation (à 0 h)."))
    period_start = fields.Date(**doc("Début de la période de prime répartie au prorata."))
    period_end = fields.Date(**doc("Dernier jour (inclus) de cette période."))
    annual_premium = DecimalString("Prime annuelle TTC de la période.")
    earned = DecimalString("Prime acquise jusqu'à la veille de la date d'effet (au prorata des jours).")
    refund = DecimalString("Prime non acquise, remboursée.")
    refund_due_by = fields.Date(allow_none=True, **doc("Remboursement au plus tard le ; null sans remboursement."))
    cancelled_instalments = fields.Integer(**doc("Échéances à venir annulées."))
    refund_due = fields.Nested(RefundOut, allow_none=True)


class EndorsementChangeOut(Schema):
    field = fields.String(**doc("Donnée modifiée (formula, options, risk.garage_postcode…)."))
    label = fields.String()
    before = fields.String()
    after = fields.String()


class DifferenceOut(Schema):
    period_start = fields.Date(**doc("Début de la période annuelle en cours à la date d'effet."))
    period_end = fields.Date(**doc("Dernier jour (inclus) de cette période."))
    days = fields.Integer(**doc("Jours de la période."))
    remaining_days = fields.Integer(**doc("Jours de la date d'effet à la fin de la période (prorata)."))
    annual_before_tax = DecimalString("Différence annuelle hors taxes (prime et fractionnement).")
    annual_taxes = DecimalString("Taxes de la différence annuelle.")
    annual_total = DecimalString("Différence annuelle TTC.")
    before_tax = DecimalString("Différence HT au prorata des jours restants.")
    taxes = DecimalString("Taxes de la différence au prorata.")
    total = DecimalString("À percevoir (positif) ou à rembourser (négatif).")


class InstalmentShareOut(Schema):
    instalment_id = fields.Integer()
    due_date = fields.Date()
    before = DecimalString("Montant de l'échéance avant l'avenant.")
    after = DecimalString("Montant après l'avenant.")


class SettlementOut(Schema):
    mode = fields.String(**doc("instalments (échéances restantes), notice (quittance), refund ou none."))
    label = fields.String()
    amount = DecimalString("Montant régularisé.")
    shares = fields.List(fields.Nested(InstalmentShareOut))


class EndorsementPreviewOut(Schema):
    contract_id = fields.Integer()
    contract_number = fields.String()
    effective_on = fields.Date(**doc("Date d'effet de l'avenant (à 0 h)."))
    changes = fields.List(fields.Nested(EndorsementChangeOut))
    total_before = DecimalString("Prime annuelle TTC avant l'avenant.")
    total_after = DecimalString("Prime annuelle TTC après l'avenant.")
    premium_before = DecimalString("Prime annuelle HT avant.")
    premium_after = DecimalString("Prime annuelle HT après.")
    guarantees_before = fields.List(fields.String(), **doc("Garanties avant l'avenant."))
    guarantees_after = fields.List(fields.String(), **doc("Garanties après l'avenant."))
    difference = fields.Nested(DifferenceOut)
    settlement = fields.Nested(SettlementOut)


class EndorsementOut(Schema):
    id = fields.Integer()
    contract_id = fields.Integer()
    version = fields.Integer(**doc("Version du contrat (1 : le contrat émis)."))
    status = fields.String(**doc("active (en vigueur) ou cancelled (annulé)."))
    status_label = fields.String()
    effective_on = fields.Date()
    recorded_on = fields.Date()
    cancelled_on = fields.Date(allow_none=True)
    justification = fields.String(allow_none=True)
    changes = fields.List(fields.Nested(EndorsementChangeOut))
    total_before = DecimalString("Prime annuelle TTC avant l'avenant.")
    total_after = DecimalString("Prime annuelle TTC après l'avenant.")
    period_start = fields.Date()
    period_end = fields.Date()
    days = fields.Integer()
    remaining_days = fields.Integer()
    difference_before_tax = DecimalString("Différence HT au prorata.")
    difference_taxes = DecimalString("Taxes de la différence au prorata.")
    difference_total = DecimalString("Différence TTC au prorata (négative : remboursée).")
    settlement = fields.String(**doc("instalments, notice, refund ou none."))
    settlement_label = fields.String()


class VersionOnOut(Schema):
    on = fields.Date(**doc("La date demandée."))
    version = fields.Integer(**doc("Version du contrat qui s'applique ce jour-là (1 : le contrat émis)."))
    formula = fields.String()
    frequency = fields.String()
    annual_total = DecimalString("Prime annuelle TTC de cette version.")
    risk = fields.Dict(**doc("Données de risque de cette version."))


class EndorsementListOut(Schema):
    items = fields.List(fields.Nested(EndorsementOut))
    total = fields.Integer()
    version_on = fields.Nested(VersionOnOut, allow_none=True, **doc("Avec `?on=` : l'état du contrat à cette date."))
