"""What the client documents of an offer and a contract say: plain, already-decided data.

The services build these from the store (and the pricing frozen on the quote or the contract); the
renderers in this package lay them out as PDF and as accessible HTML from the very same objects, so
both formats say the same thing. Amounts are exact Decimals as priced; dates are calendar dates;
every text is French and final (no code or key is printed as such).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Party:
    """The policyholder (souscripteur) as printed on a document."""

    client_number: str  # CL-000012
    name: str  # « Madame Jeanne MARTIN », or a company name
    address_lines: tuple[str, ...]
    salutation: str  # « Madame, », « Monsieur, », « Madame, Monsieur, »
    email: str | None = None
    accessible_formats: bool = False  # the client asked for accessible documents (HTML twin)


@dataclass(frozen=True)
class NeedView:
    """One stated need of the recueil des exigences et besoins, and the advice given for it."""

    line_label: str  # « Automobile », « Habitation »…
    question: str  # the question as asked
    answer: str  # the client's answer, in words
    recommendation: str = ""  # the candidate's advice, in their own words
    recommended_product: str = ""  # « Automobile — formule Tous risques, option Véhicule propre »


@dataclass(frozen=True)
class AdviceView:
    """Document de conseil (art. L521-4 C. assur.): needs, recommendation, reasons."""

    party: Party
    recorded_on: date
    advisor: str  # the candidate's name as signatory
    needs: tuple[NeedView, ...]
    warnings: tuple[str, ...] = ()  # need left uncovered, cover the client already has…
    eco_interest: bool = False


@dataclass(frozen=True)
class GuaranteeView:
    """One guarantee of a quote line or a contract: name, limit, deductible, premium (frozen)."""

    name: str
    status_label: str  # « obligatoire », « de la formule », « en option »
    limit: str  # « 1 500 000 € par sinistre », or « Illimitée »
    deductible: str  # « 300 € », or « Aucune »
    premium_before_tax: Decimal
    taxes: Decimal
    total: Decimal


@dataclass(frozen=True)
class ConditionView:
    """A condition decided at analysis and carried into the line: extra premium, exclusion, deductible."""

    kind_label: str  # « Surprime », « Exclusion », « Franchise »
    text: str


@dataclass(frozen=True)
class QuoteLineView:
    product_code: str
    product_name: str
    formula_label: str
    options: tuple[str, ...]  # option names
    eco_options: tuple[str, ...]  # names of the environment-friendly options chosen (highlighted)
    frequency_label: str  # « mensuel », « annuel »…
    risk_summary: tuple[str, ...]  # « Véhicule : Peugeot 208 AB-123-CD », « Conducteur principal : … »
    guarantees: tuple[GuaranteeView, ...]
    conditions: tuple[ConditionView, ...]
    exclusions: tuple[str, ...]  # printed in prominent type (L112-4)
    premium_before_tax: Decimal
    discount: Decimal  # multi-product discount on this line (already inside the amounts above)
    taxes: Decimal
    total: Decimal  # annual, all taxes included
    first_instalment: Decimal
    alternative_of: int | None = None  # index of the line this one is an alternative to


@dataclass(frozen=True)
class QuoteView:
    """Devis: number, version, validity, lines, totals."""

    party: Party
    number: str  # DV-000001
    version: int
    issued_on: date
    valid_until: date
    lines: tuple[QuoteLineView, ...]
    discount_total: Decimal
    total: Decimal  # sum of the chosen lines' annual totals (alternatives excluded)
    advisor: str


@dataclass(frozen=True)
class InstalmentView:
    number: int
    due_date: date
    amount: Decimal


@dataclass(frozen=True)
class MandateView:
    """Mandat de prélèvement SEPA (core scheme)."""

    reference: str  # unique mandate reference (RUM)
    creditor_name: str
    creditor_identifier: str  # ICS, e.g. FR12ZZZ123456
    debtor_name: str
    debtor_address_lines: tuple[str, ...]
    iban: str  # printed grouped by 4
    bic: str
    signed_on: date | None
    sequence_label: str  # « Paiement récurrent »


@dataclass(frozen=True)
class ContractView:
    """A contract as issued: what the conditions particulières, the attestation, the échéancier and
    the welcome letter print."""

    party: Party
    number: str  # CT-000123
    product_code: str
    product_name: str
    product_version: str
    line_label: str  # « Automobile »
    formula_label: str
    options: tuple[str, ...]
    eco_options: tuple[str, ...]
    issued_on: date
    effective_date: date
    term_end: date  # end of the first annual period
    principal_due_date: date  # échéance principale
    tacit_renewal: bool
    risk_summary: tuple[str, ...]
    guarantees: tuple[GuaranteeView, ...]
    conditions: tuple[ConditionView, ...]
    exclusions: tuple[str, ...]
    premium_before_tax: Decimal
    taxes: Decimal
    total: Decimal  # annual, all taxes included
    frequency_label: str
    payment_method_label: str  # « Prélèvement SEPA », « Chèque »…
    instalments: tuple[InstalmentView, ...]
    quote_number: str
    agreement_on: date
    agreement_channel_label: str  # « En agence », « À distance (téléphone) »…
    distance_selling: bool
    withdrawal_until: date | None  # 14 days (L112-2-1) for a distance sale, else None
    mandate: MandateView | None = None
    vehicle_registration: str | None = None  # for the attestation (auto)
    vehicle_label: str | None = None  # « Peugeot 208 »
    insurer_lines: tuple[str, ...] = field(default_factory=tuple)  # name, address, RCS, ORIAS…


@dataclass(frozen=True)
class TerminationView:
    """A recorded termination (résiliation) as the letter to the policyholder prints it."""

    party: Party
    number: str  # CT-000123
    product_name: str
    recorded_on: date  # the letter's date
    ground: str  # annual, hamon, insurer_claim…
    ground_label: str  # « Loi Hamon, après un an (art. L113-15-2) »
    by_insurer: bool  # the insurer terminates (after a claim, for non-payment)
    reason: str  # the ground's reasoning, with its article and dates
    notice_sent_on: date | None
    notice_received_on: date | None
    effective_on: date
    refund: Decimal
    refund_due_by: date | None
    new_insurer: str | None  # the new insurer that asked on the client's behalf (Hamon, L113-16)


@dataclass(frozen=True)
class ReceiptLine:
    number: int  # the instalment's number in its period
    due_date: date
    amount: Decimal  # what the payment settled on it
    settles: bool


@dataclass(frozen=True)
class ReceiptView:
    """A payment received (encaissement) as the receipt to the client prints it."""

    party: Party
    number: str  # the contract, CT-000123
    product_name: str
    payment_id: int
    received_on: date
    method_label: str
    reference: str | None
    amount: Decimal
    lines: tuple[ReceiptLine, ...]
    credit: Decimal  # the overpayment kept on the account


@dataclass(frozen=True)
class EndorsementView:
    """A recorded endorsement (avenant) as its document prints it: the changes before → after, the annual
    premiums before and after, the difference pro rata by days and how it is settled."""

    party: Party
    number: str  # CT-000123
    product_name: str
    version: int  # 2, 3… (1 is the contract as issued)
    recorded_on: date
    effective_on: date
    changes: tuple[tuple[str, str, str], ...]  # (label, before, after)
    total_before: Decimal
    total_after: Decimal
    period_start: date
    period_end: date
    remaining_days: int
    days: int
    difference_before_tax: Decimal
    difference_taxes: Decimal
    difference_total: Decimal
    settlement_label: str
    cancelled: bool
