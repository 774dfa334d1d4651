"""What the payment, ledger and collections endpoints answer. Request bodies are the validation schemas
(`polyadmin.validation.payments`). Amounts are exact decimal strings, dates `AAAA-MM-JJ`."""

from __future__ import annotations

from marshmallow import Schema, fields

from polyadmin.api.documenting import field_doc as doc
from polyadmin.api.output_fields import DecimalString


class AllocationOut(Schema):
    instalment_id = fields.Integer()
    number = fields.Integer(**doc("Numéro de l'échéance dans sa période."))
    due_date = fields.Date()
    amount = DecimalString("Montant affecté à l'échéance.")
    settled = fields.Boolean(**doc("L'échéance est soldée (payée) après cette affectation."))


class PaymentOut(Schema):
    id = fields.Integer()
    contract_id = fields.Integer()
    contract_number = fields.String()
    client_id = fields.Integer()
    method = fields.String(**doc("carte, cheque, virement, prelevement."))
    method_label = fields.String()
    amount = DecimalString("Montant encaissé.")
    received_on = fields.Date(**doc("Date de l'encaissement."))
    reference = fields.String(allow_none=True)
    allocations = fields.List(fields.Nested(AllocationOut))
    allocated = DecimalString("Total affecté aux échéances.")
    credit = DecimalString("Trop-perçu conservé au crédit du compte du client.")
    receipt_url = fields.String(allow_none=True, **doc("Le reçu de paiement (PDF)."))
    replayed = fields.Boolean(**doc("Vrai quand la même clé Idempotency-Key rejoue un paiement déjà enregistré."))


class LedgerLineOut(Schema):
    booked_on = fields.Date()
    kind = fields.String(**doc("payment (encaissement, +), allocation (affectation à une échéance, −), refund (−)."))
    label = fields.String()
    amount = DecimalString("Montant signé du mouvement.")
    balance = DecimalString("Solde après le mouvement.")
    payment_id = fields.Integer(allow_none=True)
    instalment_id = fields.Integer(allow_none=True)
    reference = fields.String(allow_none=True)


class LedgerInstalmentOut(Schema):
    id = fields.Integer()
    number = fields.Integer()
    due_date = fields.Date()
    amount = DecimalString("Montant de l'échéance.")
    received = DecimalString("Déjà reçu sur l'échéance.")
    remaining = DecimalString("Reste dû.")
    state = fields.String(**doc("due, partial, late, paid, cancelled."))
    state_label = fields.String()


class LedgerOut(Schema):
    contract_id = fields.Integer()
    contract_number = fields.String()
    movements = fields.List(fields.Nested(LedgerLineOut))
    instalments = fields.List(fields.Nested(LedgerInstalmentOut))
    balance = DecimalString("Solde du compte du contrat : la somme de ses mouvements (avoir).")
    client_balance = DecimalString("Solde du compte du client, tous contrats.")
    received = DecimalString("Total encaissé sur le contrat.")
    outstanding = DecimalString("Reste dû sur les échéances ouvertes.")


class CollectionRowOut(Schema):
    instalment_id = fields.Integer()
    contract_id = fields.Integer()
    contract_number = fields.String()
    contract_status = fields.String()
    number = fields.Integer()
    due_date = fields.Date()
    amount = DecimalString("Montant de l'échéance.")
    received = DecimalString("Déjà reçu.")
    remaining = DecimalString("Reste dû.")
    state = fields.String(**doc("due, partial, late, paid, cancelled."))
    state_label = fields.String()


class StateTotalOut(Schema):
    state = fields.String()
    label = fields.String()
    count = fields.Integer()
    amount = DecimalString("Total des échéances dans cet état.")
    remaining = DecimalString("Reste à encaisser sur ces échéances.")


class CollectionsOut(Schema):
    business_date = fields.Date(**doc("Date de la simulation : une échéance antérieure non soldée est en retard."))
    totals = fields.List(fields.Nested(StateTotalOut))
    terminated_contracts = fields.Integer(**doc("Contrats résiliés dont des échéances sont annulées."))
    matching = fields.Integer(**doc("Échéances retenues par le filtre."))
    items = fields.List(fields.Nested(CollectionRowOut), **doc("Au plus 500 échéances, par date d'échéance."))
