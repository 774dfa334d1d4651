"""Issuing contracts from an accepted quote (émission): the client's agreement, the contract's dates, the
SEPA mandate and the guards that refuse an issue, with their reasons (C2A.4).

Pure: the contracts service loads the quote, the request's casework and the catalogue, asks here, then
writes and journals.

Dates follow the calendar rules of `domain/dates.py` (relativedelta's): a contract taking effect on
31 January has its principal due date (échéance principale) on 31 January of the next year and its
first annual period ends the day before, 30 January; taking effect on 29 February 2028, its principal
due date is 28 February 2029 (the anniversary clamped to the month) and the period ends on 27 February.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban

from polyadmin.domain.dates import add_years
from polyadmin.domain.french import short_date
from polyadmin.domain.identifiers import compact_iban, iban_is_valid

WITHDRAWAL_DAYS = 14  # art. L112-2-1 C. assur.: distance selling, 14 calendar days from the conclusion


class AgreementChannel(StrEnum):
    """How the client gave their agreement; all but the agency are distance selling (L112-2-1)."""

    AGENCY = "agence"
    TELEPHONE = "telephone"
    EMAIL = "email"
    MAIL = "courrier"
    VIDEO = "visio"
    WEBSITE = "internet"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]

    @property
    def distance(self) -> bool:
        return self is not AgreementChannel.AGENCY


CHANNEL_LABELS = {
    AgreementChannel.AGENCY: "En agence",
    AgreementChannel.TELEPHONE: "À distance (téléphone)",
    AgreementChannel.EMAIL: "À distance (courriel)",
    AgreementChannel.MAIL: "À distance (courrier)",
    AgreementChannel.VIDEO: "À distance (visioconférence)",
    AgreementChannel.WEBSITE: "À distance (site internet)",
}


class SignatureMode(StrEnum):
    HANDWRITTEN = "manuscrite"
    ELECTRONIC = "electronique"

    @property
    def label(self) -> str:
        return SIGNATURE_LABELS[self]


SIGNATURE_LABELS = {
    SignatureMode.HANDWRITTEN: "Signature manuscrite",
    SignatureMode.ELECTRONIC: "Signature électronique",
}


def default_signature(channel: AgreementChannel) -> SignatureMode:
    """On paper in the agency, electronically at a distance (unless the form says otherwise)."""
    return SignatureMode.HANDWRITTEN if channel is AgreementChannel.AGENCY else SignatureMode.ELECTRONIC


class PaymentMethod(StrEnum):
    DIRECT_DEBIT = "prelevement"
    CHEQUE = "cheque"
    TRANSFER = "virement"
    CARD = "carte"

    @property
    def label(self) -> str:
        return PAYMENT_LABELS[self]


PAYMENT_LABELS = {
    PaymentMethod.DIRECT_DEBIT: "Prélèvement SEPA",
    PaymentMethod.CHEQUE: "Chèque",
    PaymentMethod.TRANSFER: "Virement",
    PaymentMethod.CARD: "Carte bancaire",
}


class Department(StrEnum):
    """The services a new contract concerns (a task in their « tâches » list)."""

    COLLECTIONS = "encaissement"
    ARCHIVES = "archivage"

    @property
    def label(self) -> str:
        return DEPARTMENT_LABELS[self]


DEPARTMENT_LABELS = {Department.COLLECTIONS: "Encaissement", Department.ARCHIVES: "Archivage"}
TASK_STATUS_LABELS = {"open": "À faire", "done": "Faite"}
QUOTE_STATUS_LABELS = {
    "draft": "Brouillon",
    "proposed": "Proposé au client",
    "accepted": "Accepté par le client",
    "superseded": "Remplacé",
    "expired": "Expiré",
    "refused": "Refusé par le client",
    "issued": "Émis",
}
SEQUENCE_LABELS = {"FRST": "Premier prélèvement", "RCUR": "Paiement récurrent"}


# --- dates ---------------------------------------------------------------------------------------------


def principal_due_date(effective: date) -> date:
    """Échéance principale: the anniversary of the effective date (a 29 February becomes the 28th)."""
    return add_years(effective, 1)


def term_end(effective: date) -> date:
    """Last day of the first annual period: the day before the principal due date."""
    return principal_due_date(effective) - timedelta(days=1)


def withdrawal_until(concluded_on: date, distance_selling: bool) -> date | None:
    """Last day of the withdrawal period of a distance sale (délai de renonciation, art. L112-2-1):
    fourteen full calendar days from the conclusion of the contract; none for a sale in the agency."""
    return concluded_on + timedelta(days=WITHDRAWAL_DAYS) if distance_selling else None


def renewed_period(effective: date, years: int) -> tuple[date, date]:
    """The annual period `years` after the first one (tacit renewal, reconduction tacite): its start
    and its last day, each counted from the effective date (never by chained additions)."""
    return add_years(effective, years), add_years(effective, years + 1) - timedelta(days=1)


# --- SEPA ----------------------------------------------------------------------------------------------

# Characters a SEPA mandate reference (RUM) may hold, up to 35 (EPC SEPA Core rulebook, « Unique Mandate
# Reference »; the « Latin character set » of the SEPA implementation guidelines).
_MANDATE_REFERENCE = re.compile(r"[A-Za-z0-9+?/:().,' -]{1,35}")
MANDATE_PREFIX = "RUM"


def mandate_reference(year: int, value: int) -> str:
    """`RUM-2026-000001`: unique within the sandbox (a per-sandbox sequence), year of signature first."""
    return f"{MANDATE_PREFIX}-{year:04d}-{value:06d}"


def mandate_reference_is_valid(reference: str) -> bool:
    """At most 35 characters of the SEPA set, not starting with `//` nor containing `//` (EPC)."""
    return (
        _MANDATE_REFERENCE.fullmatch(reference) is not None and "//" not in reference and reference.strip() == reference
    )


def bic_is_valid(bic: str) -> bool:
    """ISO 9362 (stdnum): 4 letters for the bank, 2 for the country, 2 for the location, 3 optional for
    the branch; spaces are ignored."""
    compact = "".join(bic.split()).upper()
    return compact.isascii() and compact.isalnum() and stdnum_bic.is_valid(compact)


def compact_bic(bic: str) -> str:
    return "".join(bic.split()).upper()


def bank_account_problems(iban: str, bic: str) -> dict[str, list[str]]:
    """The IBAN's and BIC's refusals, French, per field (empty when both hold and agree)."""
    problems: dict[str, list[str]] = {}
    if not iban_is_valid(iban):
        problems["iban"] = ["IBAN invalide : vérifiez le pays, la longueur et la clé (norme ISO 13616)."]
    if not bic_is_valid(bic):
        problems["bic"] = ["BIC invalide : 8 ou 11 caractères, code banque, pays, lieu (norme ISO 9362)."]
    elif "iban" not in problems and compact_bic(bic)[4:6] != compact_iban(iban)[:2]:
        problems["bic"] = ["Le pays du BIC ne correspond pas à celui de l'IBAN."]
    return problems


def creditor_identifier(national_id: str) -> str:
    """The SEPA creditor identifier (ICS) of a French creditor: `FR`, two check digits computed as an
    IBAN's over the national part (the business code `ZZZ` is left out), `ZZZ`, the national part."""
    return f"FR{stdnum_iban.calc_check_digits('FR00' + national_id)}ZZZ{national_id}"


# The fictitious insurer's creditor identifier, printed on its mandates.
CREDITOR_IDENTIFIER = creditor_identifier("123456")


# --- the frozen pricing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrozenGuarantee:
    code: str
    name: str
    status: str
    premium_before_tax: Decimal
    taxes: Decimal
    total: Decimal
    deductible: str | None


@dataclass(frozen=True)
class FrozenInstalment:
    number: int
    due_date: date
    amount: Decimal


@dataclass(frozen=True)
class FrozenPricing:
    """The amounts of a quote line's pricing as frozen at the quote (canonical JSON of the engine's
    `Pricing`: amounts and dates as text), read back exactly."""

    guarantees: tuple[FrozenGuarantee, ...]
    premium_before_tax: Decimal
    taxes: Decimal
    total: Decimal
    instalments: tuple[FrozenInstalment, ...]

    @property
    def guarantee_codes(self) -> frozenset[str]:
        return frozenset(guarantee.code for guarantee in self.guarantees)


def read_frozen_pricing(frozen: Mapping[str, Any]) -> FrozenPricing:
    """The frozen pricing of a quote line (the dict `to_json_value(asdict(pricing))` wrote). Taxes of a
    contract are everything above the premium: the fractionnement, the charges and their taxes."""
    guarantees = tuple(
        FrozenGuarantee(
            code=str(line["code"]),
            name=str(line["name"]),
            status=str(line["status"]),
            premium_before_tax=Decimal(str(line["premium_before_tax"])),
            taxes=Decimal(str(line["total"])) - Decimal(str(line["premium_before_tax"])),
            total=Decimal(str(line["total"])),
            deductible=line.get("deductible"),
        )
        for line in frozen.get("lines") or ()
    )
    premium = Decimal(str(frozen["premium_before_tax"]))
    total = Decimal(str(frozen["total"]))
    instalments = tuple(
        FrozenInstalment(int(item["number"]), date.fromisoformat(str(item["due_date"])), Decimal(str(item["amount"])))
        for item in frozen.get("instalments") or ()
    )
    return FrozenPricing(guarantees, premium, total - premium, total, instalments)


# --- guards --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssueFacts:
    """What decides whether a quote version may be issued (émis)."""

    quote_number: str
    version: int
    status: str  # the version's status
    valid_until: date
    today: date  # the sandbox's date
    agreed_on: date | None
    newer_version: bool  # a later version of the quote exists
    request_number: str | None  # the subscription request the quote answers, if any
    request_status: str | None  # its status (refusee: declined)
    decision: str | None  # accept | accept_conditions | decline | None (not decided)
    casework_refusals: tuple[str, ...]  # the hard controls of the request still failing (check_decision)
    chosen_lines: int
    missing_mandatory: tuple[str, ...]  # names of the product's mandatory guarantees absent from a line


def issue_refusals(facts: IssueFacts) -> tuple[str, ...]:
    """Every reason the quote cannot be issued, in French (empty: it may be issued)."""
    reasons: list[str] = []
    label = f"Le devis {facts.quote_number} (version {facts.version})"
    if facts.status == "superseded" or facts.newer_version:
        reasons.append(f"{label} a été remplacé par une version plus récente : émettez la dernière version.")
    elif facts.status == "refused":
        reasons.append(f"{label} a été refusé par le client.")
    elif facts.status == "expired" or facts.today > facts.valid_until:
        reasons.append(f"{label} a expiré le {short_date(facts.valid_until)} : établissez une nouvelle version.")
    elif facts.status != "accepted" or facts.agreed_on is None:
        reasons.append(f"{label} n'est pas accepté : enregistrez d'abord l'accord du client.")
    if facts.request_number is not None:
        if facts.decision == "decline" or facts.request_status == "refusee":
            reasons.append(f"La demande {facts.request_number} a été refusée : aucun contrat ne peut être émis.")
        elif facts.decision is None:
            reasons.append(f"La demande {facts.request_number} n'est pas encore décidée : décidez-la avant d'émettre.")
        else:
            reasons.extend(facts.casework_refusals)
    if facts.chosen_lines == 0:
        reasons.append(f"{label} ne compte aucune ligne retenue par le client.")
    if facts.missing_mandatory:
        reasons.append("Garanties obligatoires absentes du tarif : " + ", ".join(facts.missing_mandatory) + ".")
    return tuple(dict.fromkeys(reasons))


def missing_mandatory(mandatory: Iterable[tuple[str, str]], priced: frozenset[str]) -> tuple[str, ...]:
    """Names of the mandatory guarantees (code, name) absent from a frozen pricing."""
    return tuple(name for code, name in mandatory if code not in priced)


def agreement_problems(agreed_on: date, today: date, issued_on: date, valid_until: date) -> dict[str, list[str]]:
    """An agreement is dated between the quote's issue and today, and within its validity."""
    if agreed_on > today:
        return {"date": [f"L'accord ne peut pas être daté après la date de la simulation ({short_date(today)})."]}
    if agreed_on < issued_on:
        return {"date": [f"L'accord ne peut pas précéder le devis ({short_date(issued_on)})."]}
    if agreed_on > valid_until:
        return {"date": [f"Le devis n'était plus valable après le {short_date(valid_until)}."]}
    return {}
