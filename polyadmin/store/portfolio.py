"""The portfolio tables: insured risks, insurance history, contracts, interactions, documents, requests.

Every row belongs to a sandbox and, except relations, to one client. Money is integer cents (Money),
rates and coefficients exact (stored as text by ExactDecimal). Seeded rows and candidate-made rows
share these tables; `seeded` tells them apart (a reset removes the sandbox's rows and seeds again).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from polyadmin.store.base import Base
from polyadmin.store.types import ExactDecimal, Money, UTCDateTime


class ClientRelation(Base):
    """A link between two clients of a sandbox (conjoint, enfant, dirigeant de la société…)."""

    __tablename__ = "client_relations"
    __table_args__ = (
        UniqueConstraint("client_id", "related_id", "kind"),
        CheckConstraint("kind IN ('spouse', 'child', 'parent', 'director', 'company')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    related_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))


class Vehicle(Base):
    """Véhicule assuré ou à assurer (certificat d'immatriculation)."""

    __tablename__ = "vehicles"
    __table_args__ = (
        UniqueConstraint("sandbox_id", "registration"),
        Index("ix_vehicles_sandbox_registration", "sandbox_id", "registration_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    registration: Mapped[str] = mapped_column(String(9))  # AA-123-AA (SIV)
    registration_key: Mapped[str] = mapped_column(String(7))  # AA123AA, for search
    make: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(60))
    vehicle_group: Mapped[int] = mapped_column(Integer)  # groupe SRA
    first_registration: Mapped[date] = mapped_column(Date)
    energy: Mapped[str] = mapped_column(String(20))
    co2_class: Mapped[str] = mapped_column(String(2))  # A..G
    value: Mapped[Decimal] = mapped_column(Money())
    usage: Mapped[str] = mapped_column(String(20))
    garage_postcode: Mapped[str] = mapped_column(String(5))
    annual_mileage: Mapped[int] = mapped_column(Integer)
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)


class Dwelling(Base):
    """Logement (habitation) of a client, tenant or owner."""

    __tablename__ = "dwellings"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    address_line1: Mapped[str] = mapped_column(String(160))
    postcode: Mapped[str] = mapped_column(String(5))
    city: Mapped[str] = mapped_column(String(80))
    dwelling_type: Mapped[str] = mapped_column(String(20))  # appartement | maison
    occupancy_status: Mapped[str] = mapped_column(String(30))  # locataire | proprietaire_occupant | …
    residence: Mapped[str] = mapped_column(String(20))  # principale | secondaire
    surface: Mapped[int] = mapped_column(Integer)  # m²
    rooms: Mapped[int] = mapped_column(Integer)
    floor: Mapped[int] = mapped_column(Integer)
    construction_year: Mapped[int] = mapped_column(Integer)
    security_features: Mapped[list[str]] = mapped_column(JSON)
    natural_hazard_zone: Mapped[str] = mapped_column(String(20))  # aucune | inondation | argiles | …
    contents_value: Mapped[Decimal] = mapped_column(Money())
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)


class Business(Base):
    """Établissement professionnel: premises and activity (SIRET, NAF, turnover, staff)."""

    __tablename__ = "businesses"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    siret: Mapped[str] = mapped_column(String(14))
    naf_code: Mapped[str] = mapped_column(String(6))  # e.g. 10.71C
    activity: Mapped[str] = mapped_column(String(160))
    turnover: Mapped[Decimal] = mapped_column(Money())
    staff: Mapped[int] = mapped_column(Integer)
    address_line1: Mapped[str] = mapped_column(String(160))
    postcode: Mapped[str] = mapped_column(String(5))
    city: Mapped[str] = mapped_column(String(80))
    premises_surface: Mapped[int] = mapped_column(Integer)
    contents_value: Mapped[Decimal] = mapped_column(Money())
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)


class Loan(Base):
    """Prêt (for borrower insurance): capital, duration, rate, purpose."""

    __tablename__ = "loans"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    lender: Mapped[str] = mapped_column(String(80))
    capital: Mapped[Decimal] = mapped_column(Money())
    duration_months: Mapped[int] = mapped_column(Integer)
    rate_percent: Mapped[Decimal] = mapped_column(ExactDecimal())
    purpose: Mapped[str] = mapped_column(String(30))
    start_date: Mapped[date] = mapped_column(Date)
    insured_share_percent: Mapped[int] = mapped_column(Integer)
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)


class InsuranceHistory(Base):
    """A previous (or current, elsewhere) insurance: insurer, period, relevé d'information, termination."""

    __tablename__ = "insurance_histories"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    line: Mapped[str] = mapped_column(String(20))  # auto | habitation | sante | emprunteur | professionnelle
    insurer: Mapped[str] = mapped_column(String(80))
    policy_number: Mapped[str] = mapped_column(String(30))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    crm: Mapped[Decimal | None] = mapped_column(ExactDecimal())  # from the relevé d'information (auto)
    statement_date: Mapped[date | None] = mapped_column(Date)  # date of the relevé d'information
    terminated_by: Mapped[str | None] = mapped_column(String(10))  # insurer | insured
    termination_reason: Mapped[str | None] = mapped_column(String(30))  # non_payment | claims | echeance | …
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)


class Contract(Base):
    """Contrat en portefeuille, issued from the sandbox's catalogue snapshot and priced by the engine."""

    __tablename__ = "contracts"
    __table_args__ = (
        UniqueConstraint("sandbox_id", "number"),
        CheckConstraint("status IN ('active', 'suspended', 'terminated')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    number: Mapped[str] = mapped_column(String(20))  # CT-000001
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("catalogue_snapshots.id"))
    product_code: Mapped[str] = mapped_column(String(30))
    product_version: Mapped[str] = mapped_column(String(20))
    formula: Mapped[str] = mapped_column(String(40))
    options: Mapped[list[str]] = mapped_column(JSON)
    deductibles: Mapped[dict[str, str]] = mapped_column(JSON)
    frequency: Mapped[str] = mapped_column(String(20))
    risk: Mapped[dict[str, Any]] = mapped_column(JSON)  # the risk data priced (JSON: dates and decimals as text)
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicles.id"))
    dwelling_id: Mapped[int | None] = mapped_column(ForeignKey("dwellings.id"))
    business_id: Mapped[int | None] = mapped_column(ForeignKey("businesses.id"))
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    start_date: Mapped[date] = mapped_column(Date)
    next_due_date: Mapped[date] = mapped_column(Date)  # échéance principale
    status: Mapped[str] = mapped_column(String(12))
    premium_before_tax: Mapped[Decimal] = mapped_column(Money())
    annual_total: Mapped[Decimal] = mapped_column(Money())
    iban: Mapped[str | None] = mapped_column(String(34))  # SEPA mandate
    created_on: Mapped[date] = mapped_column(Date)
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)
    # Filled when a candidate issues the contract from a quote (polyadmin.services.contracts); null on
    # seeded contracts (ISSUE_COLUMNS: left out of the seeding's rows and digest).
    quote_line_id: Mapped[int | None] = mapped_column(ForeignKey("quote_lines.id"), unique=True)
    term_end: Mapped[date | None] = mapped_column(Date)  # last day of the first annual period
    tacit_renewal: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    payment_method: Mapped[str | None] = mapped_column(String(20))  # prelevement | cheque | virement | carte
    withdrawal_until: Mapped[date | None] = mapped_column(Date)  # distance selling (L112-2-1)
    agreed_on: Mapped[date | None] = mapped_column(Date)
    agreement_channel: Mapped[str | None] = mapped_column(String(20))
    signature_mode: Mapped[str | None] = mapped_column(String(20))
    distance_selling: Mapped[bool | None] = mapped_column(Boolean)
    pricing: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the quote line's pricing, frozen at issue
    mandate_id: Mapped[int | None] = mapped_column(ForeignKey("sepa_mandates.id"))


# The columns only an issued contract fills: the seeding neither writes nor digests them.
ISSUE_COLUMNS = frozenset(
    {
        "quote_line_id",
        "term_end",
        "tacit_renewal",
        "payment_method",
        "withdrawal_until",
        "agreed_on",
        "agreement_channel",
        "signature_mode",
        "distance_selling",
        "pricing",
        "mandate_id",
    }
)


class Instalment(Base):
    """Échéance (quittance) of a contract's schedule, with its payment status."""

    __tablename__ = "instalments"
    __table_args__ = (
        UniqueConstraint("contract_id", "period_start", "number"),
        CheckConstraint("status IN ('due', 'paid', 'unpaid', 'cancelled')", name="status"),
        Index("ix_instalments_sandbox_due", "sandbox_id", "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    period_start: Mapped[date] = mapped_column(Date)  # the annual period this instalment belongs to
    number: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())
    status: Mapped[str] = mapped_column(String(10))
    paid_on: Mapped[date | None] = mapped_column(Date)
    method: Mapped[str | None] = mapped_column(String(20))  # prelevement | cheque | virement | carte


class Claim(Base):
    """Sinistre: from the insurance history (relevé) or on a contract of the portfolio."""

    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint("liability IN ('full', 'partial', 'none')", name="liability"),
        CheckConstraint("status IN ('open', 'closed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    history_id: Mapped[int | None] = mapped_column(ForeignKey("insurance_histories.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    occurred_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30))  # accident | vol | incendie | bris_glace | degats_des_eaux | …
    liability: Mapped[str] = mapped_column(String(10))
    amount: Mapped[Decimal] = mapped_column(Money())
    status: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text)
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)


class Interaction(Base):
    """Contact with the client (date, channel, motive, summary): seeded history or recorded by a candidate."""

    __tablename__ = "interactions"
    __table_args__ = (Index("ix_interactions_client_date", "client_id", "occurred_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    occurred_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(12))  # telephone | email | courrier | agence | sms
    direction: Mapped[str] = mapped_column(String(8))  # entrant | sortant
    motive: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: seeded by the scenario
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)


class SubscriptionRequest(Base):
    """Demande de souscription waiting in the candidate's inbox (corbeille)."""

    __tablename__ = "subscription_requests"
    __table_args__ = (UniqueConstraint("sandbox_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    number: Mapped[str] = mapped_column(String(20))  # DS-000001
    received_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(12))
    product_code: Mapped[str] = mapped_column(String(30))
    requested: Mapped[dict[str, Any]] = mapped_column(JSON)  # formula, options, declared risk data, message
    status: Mapped[str] = mapped_column(String(20))  # nouvelle | en_cours | …
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicles.id"))
    dwelling_id: Mapped[int | None] = mapped_column(ForeignKey("dwellings.id"))
    business_id: Mapped[int | None] = mapped_column(ForeignKey("businesses.id"))
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    # Evaluators only: the planted case and its expected outcome (never shown to candidates).
    case_code: Mapped[str | None] = mapped_column(String(40))
    expected_outcome: Mapped[str | None] = mapped_column(String(30))  # accept | accept_conditions | refer | …
    expected_notes: Mapped[str | None] = mapped_column(Text)
    expected_missing: Mapped[list[str] | None] = mapped_column(JSON)  # document codes the case lacks
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)


class SupportingDocument(Base):
    """Pièce justificative: type, dates and the data printed on it (possibly wrong on purpose)."""

    __tablename__ = "supporting_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("subscription_requests.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # releve_information | certificat_immatriculation | …
    title: Mapped[str] = mapped_column(String(160))
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    anomaly: Mapped[str | None] = mapped_column(String(200))  # evaluators only
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)


class ExpertScript(Base):
    """Scripted answer of a simulated expert for a planted case (scenario data; trainers may answer too)."""

    __tablename__ = "expert_scripts"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("subscription_requests.id"))
    expert: Mapped[str] = mapped_column(String(40))  # medecin_conseil | service_technique | juridique | …
    answer: Mapped[str] = mapped_column(Text)
    delay_days: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str | None] = mapped_column(String(24))  # None: inferred from the expected outcome


class DocumentScript(Base):
    """How the simulated client answers a request for one document of a planted case: the document
    arrives `delay_days` after the request (`document`: the supporting document's kind, title, dates,
    data and anomaly, filled at seeding), arrives still wrong, or never."""

    __tablename__ = "document_scripts"
    __table_args__ = (CheckConstraint("outcome IN ('arrives', 'arrives_wrong', 'never')", name="outcome"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("subscription_requests.id"), index=True)
    document_code: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(16))
    delay_days: Mapped[int | None] = mapped_column(Integer)
    document: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SandboxSeeding(Base):
    """What a sandbox was seeded with, so it can be reset to exactly that state."""

    __tablename__ = "sandbox_seedings"

    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), primary_key=True)
    scenario_code: Mapped[str] = mapped_column(String(60))
    scenario_hash: Mapped[str] = mapped_column(String(64))
    scenario_document: Mapped[str] = mapped_column(Text)  # canonical JSON of the scenario file
    seed: Mapped[int] = mapped_column(Integer)
    counts: Mapped[dict[str, int]] = mapped_column(JSON)
    digest: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date] = mapped_column(Date)
    seeded_at: Mapped[datetime] = mapped_column(UTCDateTime())
