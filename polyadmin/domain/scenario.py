"""Exam scenarios (scénarios d'examen), as trainers write them in scenarios/*.yaml — pure model and rules.

A scenario describes the portfolio a candidate finds in a fresh sandbox: the sandbox start date, the
hand-written *planted* clients (their identity, risks, insurance history with the relevé
d'information, claims, contracts in force, interactions), a *generated population* around them, the
subscription requests waiting in the inbox (corbeille) with their supporting documents, the
expected outcome of each planted case (evaluators only) and the scripted answers of the simulated
experts. The file format is described for trainers in docs/scenarios.md; polyadmin.scenarios reads
and validates it; polyadmin.seeding.generate turns a Scenario into portfolio rows. Both report their
problems as `ScenarioInvalid`, defined here so that neither imports the other.

Nothing here reads a file or a database. The rules shared by the validation and the generator live
here too, so that what the check accepts is exactly what the generator computes:
- `auto_crm_chain`: the CRM of each motor insurance history and of a contract's current period,
  from the claims, by the A121-1 annex rules (polyadmin.domain.bonus_malus.crm_after);
- `current_period`: the annual period of a contract in force on a date;
- `licence_minimum_age`: 18 years, 17 for a licence obtained from 1 January 2024.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from polyadmin.domain import bonus_malus
from polyadmin.domain.bonus_malus import CRM_FLOOR, ClaimYear, CrmResult, assess_claim, crm_after, reference_period
from polyadmin.domain.dates import add_years, years_between
from polyadmin.domain.errors import FileProblem

# --- codes ------------------------------------------------------------------------------------------

SEGMENTS = {
    "person": "Particulier seul",
    "household": "Foyer (couple marié, pacsé ou en concubinage, le conjoint a sa propre fiche)",
    "company": "Entreprise (personne morale)",
}
SPOUSE = "spouse"  # the products of the spouse of a household are drawn with products.spouse

EXPECTED_OUTCOMES = {
    "accept": "Acceptation aux conditions du tarif",
    "accept_conditions": "Acceptation avec conditions (surprime, franchise, exclusion, pièce à fournir après effet…)",
    "refer": "Transmission à un tiers (médecin-conseil, service technique, hors délégation)",
    "decline": "Refus motivé",
    "missing_document": "Dossier incomplet : pièce manquante, périmée ou incohérente à réclamer",
}

EXPERTS = {
    "medecin_conseil": "Médecin-conseil",
    "service_technique": "Service technique souscription (au-delà de la délégation)",
    "souscripteur_senior": "Souscripteur senior / responsable d'équipe",
    "juridique": "Service juridique",
    "recouvrement": "Service recouvrement (impayés)",
    "sinistres": "Service sinistres",
    "inspecteur_risques": "Inspecteur risques d'entreprise (visite de risque)",
}

# What an expert's scripted answer says (the casework's Verdict values); absent, the service infers it.
VERDICTS = {
    "favorable": "Avis favorable",
    "favorable_conditions": "Avis favorable sous conditions",
    "defavorable": "Avis défavorable",
}

# How the simulated client answers a request for a document (client_replies of a planted request).
REPLY_OUTCOMES = {
    "arrives": "La pièce arrive après le délai indiqué",
    "arrives_wrong": "La pièce arrive après le délai, mais toujours non conforme",
    "never": "La pièce n'arrive jamais (une relance est due après la date limite)",
}

CHANNELS = {
    "email": "Courriel",
    "courrier": "Courrier",
    "telephone": "Téléphone",
    "agence": "Agence",
    "web": "Site web",
}
INTERACTION_CHANNELS = {"telephone", "email", "courrier", "agence", "sms"}
DIRECTIONS = {"entrant", "sortant"}

HISTORY_LINES = {
    "auto": "Automobile",
    "habitation": "Habitation",
    "sante": "Santé",
    "emprunteur": "Emprunteur",
    "professionnelle": "Professionnelle",
}
TERMINATED_BY = {"insurer": "l'assureur", "insured": "l'assuré"}
TERMINATION_REASONS = {
    "non_payment": "Non-paiement de prime (L113-3)",
    "claims": "Sinistralité (après sinistre, R113-10)",
    "echeance": "Résiliation à l'échéance (L113-12)",
    "hamon": "Résiliation infra-annuelle (loi Hamon, L113-15-2)",
    "vente_vehicule": "Vente du véhicule (L121-11)",
    "aggravation": "Aggravation du risque (L113-4)",
    "fausse_declaration": "Fausse déclaration (L113-8, L113-9)",
    "retrait_permis": "Suspension ou annulation du permis",
    "demenagement": "Changement de domicile (L113-16)",
}

# Claim natures (the `kind` of the claims table and of the relevé), and how the bonus-malus sees them.
CLAIM_KINDS = {
    "accident": "accident",
    "stationnement": "parked_unidentified",
    "vol": "theft",
    "incendie": "fire",
    "bris_glace": "glass",
    "catastrophe_naturelle": "natural_disaster",
    "degats_des_eaux": None,  # home lines: never in a motor history
    "responsabilite_civile": None,
    "tempete": None,
}
LIABILITIES = {"full", "partial", "none"}
CLAIM_STATUSES = {"open", "closed"}
CONTRACT_STATUSES = {"active", "suspended", "terminated"}
CLIENT_STATUSES = {"client", "prospect"}
RELATION_KINDS = {"spouse", "child", "parent", "director", "company"}

VEHICLE_USAGES = {"prive", "trajet", "professionnel"}  # the AUTO product's `usage` choices
ENERGIES = {"electrique", "hybride_rechargeable", "hybride", "gpl_e85", "essence", "diesel"}
CO2_CLASSES = {"A", "B", "C", "D", "E", "F", "G"}
DWELLING_TYPES = {"appartement", "maison"}
OCCUPANCY = {"locataire", "proprietaire_occupant", "proprietaire_non_occupant"}
RESIDENCES = {"principale", "secondaire"}
SECURITY_FEATURES = {"porte_blindee", "alarme", "volets", "serrure_3_points", "videosurveillance"}
HAZARD_ZONES = {"aucune", "inondation", "argiles", "littoral", "sismique", "feux_de_foret"}
LOAN_PURPOSES = {"residence_principale", "locatif", "professionnel", "travaux"}

# Which risk a product's contract or request is about, by the product's line of business.
RISK_OF_LINE = {"auto": "vehicle", "habitation": "dwelling", "professionnelle": "business", "emprunteur": "loan"}

RELEVE_YEARS = 5  # the relevé d'information lists the claims of the last five years (A121-1 annex, art. 12)
LICENCE_AT_17_FROM = date(2024, 1, 1)  # décret n° 2023-1219: permis B à 17 ans dès le 1er janvier 2024
MIN_SUBSCRIBER_AGE = 18


# --- the scenario ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    line1: str
    postcode: str
    city: str
    line2: str | None = None


@dataclass(frozen=True)
class VehicleSpec:
    """Véhicule (certificat d'immatriculation). A missing registration is generated (SIV format)."""

    ref: str
    make: str
    model: str
    vehicle_group: int
    first_registration: date
    energy: str
    co2_class: str
    value: Decimal
    usage: str
    annual_mileage: int
    registration: str | None = None
    garage_postcode: str | None = None  # the client's postcode when absent


@dataclass(frozen=True)
class DwellingSpec:
    ref: str
    dwelling_type: str
    occupancy_status: str
    residence: str
    surface: int
    rooms: int
    floor: int
    construction_year: int
    contents_value: Decimal
    security_features: tuple[str, ...] = ()
    natural_hazard_zone: str = "aucune"
    address: Address | None = None  # the client's address when absent


@dataclass(frozen=True)
class BusinessSpec:
    """Établissement: a missing SIRET is built on the client's SIREN (or a generated one)."""

    ref: str
    naf_code: str
    activity: str
    turnover: Decimal
    staff: int
    premises_surface: int
    contents_value: Decimal
    siret: str | None = None
    address: Address | None = None


@dataclass(frozen=True)
class LoanSpec:
    ref: str
    lender: str
    capital: Decimal
    duration_months: int
    rate_percent: Decimal
    purpose: str
    start_date: date
    insured_share_percent: int = 100


@dataclass(frozen=True)
class ClaimSpec:
    """Sinistre: in a history (relevé) or on a contract of the portfolio (`contract` = its ref)."""

    occurred_on: date
    kind: str
    liability: str
    amount: Decimal
    status: str = "closed"
    description: str = ""
    contract: str | None = None


@dataclass(frozen=True)
class CrmReference:
    """The CRM known to be in force at one annual due date of a history (default: 1.00 at its start)."""

    on: date
    crm: Decimal
    years_at_floor: int = 0


@dataclass(frozen=True)
class HistorySpec:
    """A previous insurance (antécédent): insurer, period, relevé d'information, termination."""

    ref: str
    line: str
    insurer: str
    start_date: date
    policy_number: str | None = None
    end_date: date | None = None
    statement_date: date | None = None  # date of the relevé d'information
    crm: Decimal | None = None  # as printed on the relevé; computed from the claims when absent
    crm_reference: CrmReference | None = None
    usage: str = "standard"  # standard | tournees (A121-1 annex, art. 4 and 5)
    terminated_by: str | None = None
    termination_reason: str | None = None
    claims: tuple[ClaimSpec, ...] = ()


@dataclass(frozen=True)
class ContractSpec:
    """A contract already in force in the portfolio: priced by the engine at generation."""

    ref: str
    product: str
    formula: str
    frequency: str
    start_date: date
    options: tuple[str, ...] = ()
    deductibles: Mapping[str, str] = field(default_factory=dict)
    vehicle: str | None = None
    dwelling: str | None = None
    business: str | None = None
    loan: str | None = None
    risk: Mapping[str, Any] = field(default_factory=dict)  # overrides of the derived risk data
    status: str = "active"
    unpaid: int = 0  # the last n instalments already due are unpaid (impayés)
    payment_method: str | None = None  # prelevement | cheque | virement | carte


@dataclass(frozen=True)
class InteractionSpec:
    occurred_on: date
    channel: str
    direction: str
    motive: str
    summary: str


@dataclass(frozen=True)
class RelationSpec:
    kind: str
    client: str  # ref of the related client


@dataclass(frozen=True)
class DocumentSpec:
    """Pièce justificative: `data` printed on it; filled from the client's records unless `fill` is off.

    `history`, `vehicle`, `business`, `loan` name the record the document is about (default: the
    request's own). `anomaly` tells evaluators what was planted (never shown to candidates).
    """

    kind: str
    issued_on: date
    title: str | None = None
    valid_until: date | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    anomaly: str | None = None
    fill: bool = True
    history: str | None = None
    vehicle: str | None = None
    business: str | None = None
    loan: str | None = None


@dataclass(frozen=True)
class ClientSpec:
    """A planted client, written by the trainer (or drawn by the generator in the same shape)."""

    ref: str
    kind: str  # person | company
    status: str = "client"
    civility: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    birth_date: date | None = None
    profession: str | None = None
    family_situation: str | None = None
    company_name: str | None = None
    siren: str | None = None
    legal_form: str | None = None
    activity: str | None = None
    address: Address | None = None
    phone: str | None = None
    email: str | None = None
    preferred_channel: str = "email"
    specific_needs: str | None = None
    accessible_formats: tuple[str, ...] = ()
    gdpr_consent: bool = False
    gdpr_purposes: tuple[str, ...] = ()
    gdpr_consent_on: date | None = None
    created_on: date | None = None
    iban: str | None = None
    licence_date: date | None = None  # permis B (persons who drive)
    accompanied_driving: bool = False
    relations: tuple[RelationSpec, ...] = ()
    vehicles: tuple[VehicleSpec, ...] = ()
    dwellings: tuple[DwellingSpec, ...] = ()
    businesses: tuple[BusinessSpec, ...] = ()
    loans: tuple[LoanSpec, ...] = ()
    histories: tuple[HistorySpec, ...] = ()
    contracts: tuple[ContractSpec, ...] = ()
    claims: tuple[ClaimSpec, ...] = ()  # claims on contracts of the portfolio
    interactions: tuple[InteractionSpec, ...] = ()
    documents: tuple[DocumentSpec, ...] = ()  # documents already in the file, outside any request


@dataclass(frozen=True)
class ExpertAnswer:
    """Scripted answer of a simulated expert, given `delay_days` after the candidate's referral."""

    expert: str
    answer: str
    delay_days: int = 2
    verdict: str | None = None  # one of VERDICTS; None: inferred from the expected outcome


@dataclass(frozen=True)
class DocumentReply:
    """How the simulated client answers a request for one document: it arrives `delay_days` after the
    request (`document` is what arrives, an anomaly kept on it when it arrives wrong), or never."""

    code: str  # the required-document code asked for
    outcome: str  # one of REPLY_OUTCOMES
    delay_days: int | None = None
    document: DocumentSpec | None = None


@dataclass(frozen=True)
class Expectation:
    """The expected outcome of a planted case (visible to evaluators only)."""

    outcome: str
    notes: str
    missing_documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class RequestSpec:
    """Demande de souscription put in the inbox: what the client asks and declares, and its documents."""

    ref: str  # the case code evaluators see
    client: str
    product: str
    received_on: date
    channel: str
    expected: Expectation
    formula: str | None = None
    options: tuple[str, ...] = ()
    frequency: str | None = None
    effective_date: date | None = None  # wished effective date
    declared: Mapping[str, Any] = field(default_factory=dict)  # risk data as declared (overrides)
    vehicle: str | None = None
    dwelling: str | None = None
    business: str | None = None
    loan: str | None = None
    message: str = ""
    documents: tuple[DocumentSpec, ...] = ()
    experts: tuple[ExpertAnswer, ...] = ()
    replies: tuple[DocumentReply, ...] = ()  # the client's scripted answers to requests for documents


@dataclass(frozen=True)
class Share:
    """A band of a distribution: values from `minimum` to `maximum` (inclusive) for `percent` % of draws."""

    minimum: Decimal
    maximum: Decimal
    percent: Decimal


@dataclass(frozen=True)
class PopulationSpec:
    """The generated clients around the planted ones (shares are percents)."""

    count: int
    segments: Mapping[str, Decimal]  # person | household | company → percent of the drawn units
    products: Mapping[str, Mapping[str, Decimal]]  # segment (or spouse) → product → percent holding it
    ages: tuple[Share, ...]
    crm: tuple[Share, ...]
    formulas: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)
    frequencies: Mapping[str, Decimal] = field(default_factory=dict)
    claims_per_year: Decimal = Decimal("0.07")  # motor claims per driver and year, all natures
    at_fault_percent: Decimal = Decimal("45")  # share of those claims that raise the CRM
    prospects_percent: Decimal = Decimal("8")
    options_percent: Decimal = Decimal("25")
    unpaid_percent: Decimal = Decimal("2")  # contracts with their last due instalment unpaid
    terminated_percent: Decimal = Decimal("3")  # drivers whose previous insurer terminated the contract
    interactions_per_client: Decimal = Decimal("1.2")


@dataclass(frozen=True)
class Scenario:
    code: str
    title: str
    description: str
    start_date: date
    seed: int = 1
    catalogue: str | None = None  # content hash (prefix) of the catalogue the scenario was written for
    clients: tuple[ClientSpec, ...] = ()
    population: PopulationSpec | None = None
    requests: tuple[RequestSpec, ...] = ()

    def client(self, ref: str) -> ClientSpec | None:
        return next((c for c in self.clients if c.ref == ref), None)


@dataclass(frozen=True)
class ScenarioProblem(FileProblem):
    """`file: path: problem`, like the catalogue's problems."""


class ScenarioInvalid(Exception):
    """Every problem found in a scenario (not only the first): by its reader (polyadmin.scenarios) or
    by the generator, when the engine refuses a contract (polyadmin.seeding.generate)."""

    def __init__(self, problems: list[ScenarioProblem]) -> None:
        super().__init__(f"{len(problems)} erreur(s) dans le scénario")
        self.problems = problems


# --- dates ---------------------------------------------------------------------------------------------


def licence_minimum_age(licence_date: date) -> int:
    """Minimum age for the permis B: 18, or 17 for a licence obtained from 1 January 2024
    (décret n° 2023-1219 du 20 décembre 2023)."""
    return 17 if licence_date >= LICENCE_AT_17_FROM else 18


def current_period(start: date, on: date) -> tuple[date, date]:
    """The annual period (start of the period, next annual due date) of a contract started on `start`
    that is in force on `on` (start ≤ on): the due dates are `start + n years` (counted from `start`
    each time: a 29 February start falls due on 28 February in common years)."""
    years = max(years_between(start, on), 0)
    return add_years(start, years), add_years(start, years + 1)


def annual_due_dates(start: date, until: date) -> list[date]:
    """The annual due dates (échéances principales) after `start`, up to `until` included."""
    result = []
    number = 1
    while (due := add_years(start, number)) <= until:
        result.append(due)
        number += 1
    return result


# --- bonus-malus over histories -----------------------------------------------------------------------

FREE_YEAR = ClaimYear()


@lru_cache(maxsize=1 << 16)
def cached_reference_period(due: date) -> tuple[date, date]:
    """bonus_malus.reference_period, remembered (due dates repeat across a portfolio)."""
    return reference_period(due)


@lru_cache(maxsize=1 << 16)
def cached_crm_after(crm: Decimal, years: tuple[ClaimYear, ...], usage: str, years_at_floor: int) -> CrmResult:
    """crm_after, remembered: the same coefficient over the same claim years gives the same result."""
    return crm_after(crm, years, usage=usage, years_at_floor=years_at_floor)  # type: ignore[arg-type]


def bonus_malus_claim(claim: ClaimSpec) -> bonus_malus.Claim | None:
    """The claim as the bonus-malus sees it (None for a home claim, which never counts)."""
    kind = CLAIM_KINDS.get(claim.kind)
    if kind is None:
        return None
    return bonus_malus.Claim(occurred_on=claim.occurred_on, kind=kind, liability=claim.liability)  # type: ignore[arg-type]


def counted_claims(claims: Iterable[ClaimSpec]) -> list[bonus_malus.Claim]:
    """The motor claims that raise the CRM (at fault or partly, annexe art. 5 to 7)."""
    found = (bonus_malus_claim(claim) for claim in claims)
    return [c for c in found if c is not None and assess_claim(c).counts]


def claim_years(claims: Sequence[bonus_malus.Claim], due_dates: Sequence[date]) -> tuple[ClaimYear, ...]:
    """`claim_year` of each due date (A121-1 annex reference periods), for counted claims."""
    if not claims:
        return (FREE_YEAR,) * len(due_dates)
    effects = [(claim.occurred_on, assess_claim(claim).effect) for claim in claims]
    years = []
    for due in due_dates:
        first, last = cached_reference_period(due)
        in_period = [effect for day, effect in effects if first <= day <= last]
        at_fault, partial = in_period.count("at_fault"), in_period.count("partial")
        years.append(ClaimYear(at_fault=at_fault, partial=partial) if at_fault or partial else FREE_YEAR)
    return tuple(years)


def history_bound(history: HistorySpec, start_date: date) -> date:
    """The last day a history's due dates are counted to: its end, else its relevé, else the start date."""
    return history.end_date or history.statement_date or start_date


def years_at_floor_after(initial: Decimal, initial_years: int, years: Sequence[ClaimYear], result: CrmResult) -> int:
    """Consecutive whole periods at 0,50 after `crm_after` — what the first-claim exemption counts."""
    count = initial_years
    in_force = initial
    for year, step in zip(years, result.steps, strict=True):
        count = (count + 1 if in_force == CRM_FLOOR else 0) if year.claim_free else 0
        in_force = step.crm
    return count


@dataclass(frozen=True)
class CrmLink:
    """The CRM computed for one motor history (or a contract): from which coefficient, over which periods."""

    start_crm: Decimal
    start_years_at_floor: int
    due_dates: tuple[date, ...]
    years: tuple[ClaimYear, ...]
    result: CrmResult
    years_at_floor: int

    @property
    def crm(self) -> Decimal:
        return self.result.crm


def crm_over(
    start_crm: Decimal,
    start_years_at_floor: int,
    due_dates: Sequence[date],
    claims: Sequence[bonus_malus.Claim],
    usage: str = "standard",
) -> CrmLink:
    """crm_after over the reference periods of `due_dates` (A121-1 annex), counted claims taken by date."""
    years = claim_years(claims, due_dates)
    result = cached_crm_after(start_crm, years, usage, start_years_at_floor)
    floor = years_at_floor_after(start_crm.quantize(Decimal("0.01")), start_years_at_floor, years, result)
    return CrmLink(start_crm, start_years_at_floor, tuple(due_dates), years, result, floor)


def _motor(histories: Sequence[HistorySpec]) -> list[HistorySpec]:
    return sorted((h for h in histories if h.line == "auto"), key=lambda h: (h.start_date, h.ref))


def auto_crm_chain(
    histories: Sequence[HistorySpec], all_claims: Sequence[ClaimSpec], start_date: date
) -> dict[str, CrmLink]:
    """The CRM of each motor history (by ref), in order of start date.

    The first history starts at its `crm_reference` or at 1,00 (a first contract); each next one
    continues from the CRM computed for the previous one, unless it states its own reference. The
    claims of every history of the client are read by date (a claim counts in the reference period
    that holds it, whichever contract it was declared on).
    """
    motor = _motor(histories)
    if not motor:
        return {}
    claims = counted_claims(all_claims)
    links: dict[str, CrmLink] = {}
    crm, floor = Decimal("1.00"), 0
    for history in motor:
        begin = history.start_date
        if history.crm_reference is not None:
            crm, floor, begin = (
                history.crm_reference.crm,
                history.crm_reference.years_at_floor,
                history.crm_reference.on,
            )
        dues = annual_due_dates(begin, history_bound(history, start_date))
        link = crm_over(crm, floor, dues, claims, "tournees" if history.usage == "tournees" else "standard")
        links[history.ref] = link
        crm, floor = link.crm, link.years_at_floor
    return links


def contract_crm(
    histories: Sequence[HistorySpec],
    all_claims: Sequence[ClaimSpec],
    contract_start: date,
    period_start: date,
    start_date: date,
    usage: str = "standard",
    links: Mapping[str, CrmLink] | None = None,
) -> CrmLink:
    """The CRM of a motor contract of the portfolio for its current period: from the CRM of the
    client's last history starting on or before the contract start (1,00 without one), over the
    contract's own annual due dates up to the current period's start. `links`: the histories'
    chain when already computed (auto_crm_chain of the same histories and claims)."""
    if links is None:
        links = auto_crm_chain(histories, all_claims, start_date)
    before = [h for h in _motor(histories) if h.start_date <= contract_start]
    crm, floor = (links[before[-1].ref].crm, links[before[-1].ref].years_at_floor) if before else (Decimal("1.00"), 0)
    dues = annual_due_dates(contract_start, period_start)
    return crm_over(crm, floor, dues, counted_claims(all_claims), usage)


def claim_free_years(
    licence_date: date,
    histories: Sequence[HistorySpec],
    all_claims: Sequence[ClaimSpec],
    contract_start: date,
    on: date,
    start_date: date,
) -> int:
    """Years of motor insurance without a counted claim, as the novice surcharge reads them
    (A121-1-1): insured periods of the histories and of the contract up to `on`, less those with an
    at-fault or partly at-fault claim; never more than the years of licence."""
    periods: set[date] = set()
    for history in _motor(histories):
        periods.update(annual_due_dates(history.start_date, min(history_bound(history, start_date), contract_start)))
    periods.update(annual_due_dates(contract_start, on))
    dues = sorted(periods)
    free = sum(1 for year in claim_years(counted_claims(all_claims), dues) if year.claim_free)
    return max(0, min(free, years_between(licence_date, on)))
