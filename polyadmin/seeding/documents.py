"""The data printed on a supporting document, filled from the client's records (then overridden).

`fill_document` returns the `data` of a supporting document (keys of
polyadmin.documents.specimen_kinds) as the client's records say it: a relevé d'information from a
history, a certificat d'immatriculation from a vehicle, a Kbis from a company… The scenario's own
`data` then overrides key by key — that is how a trainer plants an inconsistency (a CRM that differs
from the declaration, another name on the certificate) or blanks a key (null prints « — »).
Values are JSON: dates and amounts as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from polyadmin.domain.identifiers import format_iban
from polyadmin.domain.scenario import HistorySpec, annual_due_dates, history_bound
from polyadmin.seeding.factories import Draw
from polyadmin.seeding.reference import (
    CRIT_AIR,
    DRIVING_SCHOOL,
    ENERGY_CODES,
    ENERGY_SUPPLIERS,
    HOUSE_CREDITOR,
    HOUSE_CREDITOR_ADDRESS,
    HOUSE_CREDITOR_ICS,
    INSPECTION_BODY,
    Bank,
)


@dataclass
class Placed:
    """What one client left in the portfolio (rows by the scenario's refs), for requests and documents."""

    row: dict[str, Any]
    vehicles: dict[str, dict[str, Any]] = field(default_factory=dict)
    dwellings: dict[str, dict[str, Any]] = field(default_factory=dict)
    businesses: dict[str, dict[str, Any]] = field(default_factory=dict)
    loans: dict[str, dict[str, Any]] = field(default_factory=dict)
    histories: dict[str, tuple[dict[str, Any], HistorySpec]] = field(default_factory=dict)
    history_claims: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    contracts: dict[str, dict[str, Any]] = field(default_factory=dict)
    iban: str = ""
    bank: Bank | None = None
    licence_date: date | None = None
    licence_number: str | None = None
    company_created: date | None = None
    director: dict[str, Any] | None = None  # the director's client row, for a company
    director_ref: str | None = None
    birth_place: str = ""

    @property
    def name(self) -> str:
        row = self.row
        if row["kind"] == "company":
            return str(row["company_name"])
        return f"{row['last_name'].upper()} {row['first_name']}"

    @property
    def address(self) -> str:
        row = self.row
        parts = [row["address_line1"], row.get("address_line2"), f"{row['postcode']} {row['city']}"]
        return ", ".join(p for p in parts if p)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _releve(
    placed: Placed, history_ref: str | None, vehicle_ref: str | None, issued_on: date, start: date
) -> dict[str, Any]:
    refs = [ref for ref, (row, _spec) in placed.histories.items() if row["line"] == "auto"]
    ref = history_ref or (refs[-1] if refs else None)
    if ref is None:
        return {"subscriber": placed.name, "subscriber_address": placed.address}
    row, spec = placed.histories[ref]
    dues = annual_due_dates(spec.start_date, history_bound(spec, start))
    vehicle = placed.vehicles.get(vehicle_ref or "") or next(iter(placed.vehicles.values()), None)
    person = placed.row
    data: dict[str, Any] = {
        "insurer": row["insurer"],
        "policy_number": row["policy_number"],
        "subscription_date": _iso(row["start_date"]),
        "subscriber": placed.name,
        "subscriber_birth_date": _iso(person.get("birth_date")),
        "subscriber_address": placed.address,
        "drivers": [
            {
                "name": placed.name,
                "birth_date": _iso(person.get("birth_date")),
                "licence_number": placed.licence_number,
                "licence_date": _iso(placed.licence_date),
                "role": "principal",
            }
        ],
        "registration": vehicle["registration"] if vehicle else None,
        "vehicle": f"{vehicle['make']} {vehicle['model']}" if vehicle else None,
        "period_start": _iso(row["start_date"]),
        "period_end": _iso(row["end_date"] or row["statement_date"]),
        "last_due_date": _iso(dues[-1]) if dues else None,
        "crm": str(row["crm"]) if row["crm"] is not None else None,
        "claims": [
            {"date": _iso(c["occurred_on"]), "nature": c["kind"], "liability": c["liability"], "driver": placed.name}
            for c in placed.history_claims.get(ref, [])
            if c["occurred_on"] >= issued_on - relativedelta(years=5)
        ],
        "information_date": _iso(issued_on),
    }
    if row["end_date"] and row["terminated_by"]:
        data["termination_date"] = _iso(row["end_date"])
        data["terminated_by"] = row["terminated_by"]
        data["termination_reason"] = row["termination_reason"]
    return data


def _certificate(placed: Placed, vehicle_ref: str | None, issued_on: date, draw: Draw) -> dict[str, Any]:
    vehicle = placed.vehicles.get(vehicle_ref or "") or next(iter(placed.vehicles.values()), None)
    if vehicle is None:
        return {"holder_name": placed.name, "holder_address": placed.address}
    first = vehicle["first_registration"]
    return {
        "registration": vehicle["registration"],
        "first_registration": _iso(first),
        "holder_name": placed.name,
        "holder_address": placed.address,
        "owner_mention": "oui",
        "make": vehicle["make"].upper(),
        "model": vehicle["model"].upper(),
        "certificate_date": _iso(issued_on),
        "national_category": "VP",
        "body": "CI",
        "energy": ENERGY_CODES.get(vehicle["energy"], vehicle["energy"]),
        "fiscal_power": 4 + vehicle["vehicle_group"] // 8,
        "seats": 5,
        "environment_class": CRIT_AIR.get(vehicle["energy"], ""),
        "vin": f"VF{draw.rng.randrange(10**15):015d}",
    }


def _domicile(placed: Placed, issued_on: date, draw: Draw) -> dict[str, Any]:
    row = placed.row
    issuer, document_type = draw.pick(ENERGY_SUPPLIERS)
    return {
        "issuer": issuer,
        "document_type": document_type,
        "customer_number": f"{draw.rng.randrange(10**10):010d}",
        "holder": placed.name,
        "address_line1": row["address_line1"],
        "postcode": row["postcode"],
        "city": row["city"],
        "period_start": _iso(issued_on - relativedelta(months=2)),
        "period_end": _iso(issued_on - timedelta(days=1)),
        "amount": str(Decimal(draw.rng.randint(4000, 21000)) / 100),
    }


def _kbis(placed: Placed, business_ref: str | None) -> dict[str, Any]:
    row = placed.row
    business = placed.businesses.get(business_ref or "") or next(iter(placed.businesses.values()), None)
    siren = row.get("siren") or (business["siret"][:9] if business else None)
    city = business["city"] if business else row["city"]
    data: dict[str, Any] = {
        "registry": city,
        "company_name": row.get("company_name") or placed.name,
        "siren": siren,
        "rcs": f"RCS {city} {siren[:3]} {siren[3:6]} {siren[6:]}" if siren else None,
        "registration_date": _iso(placed.company_created),
        "legal_form": row.get("legal_form"),
        "address": placed.address,
        "activity": row.get("activity") or (business["activity"] if business else None),
        "naf_code": business["naf_code"] if business else None,
        "start_of_activity": _iso(placed.company_created),
    }
    if placed.director is not None:
        director = placed.director
        data["director"] = f"{director['last_name'].upper()} {director['first_name']}"
        data["director_birth_date"] = _iso(director["birth_date"])
        data["director_role"] = "Président" if row.get("legal_form") in ("SAS", "SASU", "SA") else "Gérant"
    return data


def _amortisation(placed: Placed, loan_ref: str | None) -> dict[str, Any]:
    loan = placed.loans.get(loan_ref or "") or next(iter(placed.loans.values()), None)
    if loan is None:
        return {"borrower": placed.name}
    return {
        "lender": loan["lender"],
        "borrower": placed.name,
        "loan_number": f"{loan['start_date']:%Y%m}-{loan['key'].removeprefix('PRT-')}",
        "purpose": loan["purpose"],
        "capital": str(loan["capital"]),
        "rate_percent": str(loan["rate_percent"]),
        "duration_months": loan["duration_months"],
        "first_due_date": _iso(loan["start_date"] + relativedelta(months=1)),
        "insured_share_percent": str(loan["insured_share_percent"]),
    }


def _licence(placed: Placed) -> dict[str, Any]:
    row = placed.row
    return {
        "surname": (row.get("last_name") or "").upper(),
        "given_names": row.get("first_name"),
        "birth_date": _iso(row.get("birth_date")),
        "birth_place": placed.birth_place,
        "licence_number": placed.licence_number,
        "categories": [{"category": "B", "obtained_on": _iso(placed.licence_date)}] if placed.licence_date else [],
    }


def _identity(placed: Placed, draw: Draw) -> dict[str, Any]:
    row = placed.row
    return {
        "document_type": "Carte nationale d'identité",
        "document_number": f"{draw.pick('ABCDEFGHJK')}{draw.pick('ABCDEFGHJK')}{draw.rng.randrange(10**7):07d}",
        "surname": (row.get("last_name") or "").upper(),
        "given_names": row.get("first_name"),
        "sex": "F" if row.get("civility") == "MME" else "M",
        "nationality": "Française",
        "birth_date": _iso(row.get("birth_date")),
        "birth_place": placed.birth_place,
    }


def _mandate(placed: Placed, issued_on: date) -> dict[str, Any]:
    """The RIB with the SEPA mandate the client signs to the insurer (the creditor)."""
    return {
        "bank": placed.bank.name if placed.bank else None,
        "holder": placed.name,
        "holder_address": placed.address,
        "iban": format_iban(placed.iban) if placed.iban else None,
        "bic": placed.bank.bic if placed.bank else None,
        "creditor": HOUSE_CREDITOR,
        "creditor_address": HOUSE_CREDITOR_ADDRESS,
        "creditor_identifier": HOUSE_CREDITOR_ICS,
        "mandate_reference": f"RUM-{placed.row['number']}-{issued_on:%Y%m%d}",
        "payment_type": "Récurrent",
        "signed_at": placed.row["city"],
        "signature_date": _iso(issued_on),
        "signature": placed.name,
    }


def _aac(placed: Placed, issued_on: date) -> dict[str, Any]:
    """The end of the initial AAC training, on the day of issue: at least 20 hours of driving."""
    row = placed.row
    return {
        "school": f"{DRIVING_SCHOOL} — {row['city']}",
        "school_address": f"{row['postcode']} {row['city']}",
        "school_approval": f"E {row['postcode'][:2]} 0{row['postcode']} 0",
        "student": placed.name,
        "student_birth_date": _iso(row.get("birth_date")),
        "training_start": _iso(issued_on - relativedelta(months=3)),
        "training_end": _iso(issued_on),
        "driving_hours": 20,
        "insurer_agreement": "oui",
    }


def _fiche_standardisee(placed: Placed, loan_ref: str | None) -> dict[str, Any]:
    loan = placed.loans.get(loan_ref or "") or next(iter(placed.loans.values()), None)
    if loan is None:
        return {"borrower": placed.name}
    return {
        "lender": loan["lender"],
        "borrower": placed.name,
        "loan_purpose": loan["purpose"],
        "capital": str(loan["capital"]),
        "duration_months": loan["duration_months"],
        "required_guarantees": "Décès, perte totale et irréversible d'autonomie (PTIA), incapacité temporaire "
        "totale de travail (ITT), invalidité permanente totale (IPT)",
        "insured_share_percent": str(loan["insured_share_percent"]),
        "equivalence_criteria": "Franchise ITT de 90 jours au plus ; couverture des affections dorsales et "
        "psychiques sans condition d'hospitalisation ; prise en charge de l'ITT en cas de mi-temps thérapeutique.",
    }


def _liasse(placed: Placed, business_ref: str | None, issued_on: date) -> dict[str, Any]:
    """The last closed calendar year's figures: turnover and staff from the business record, results
    derived from the turnover (a 6 % operating margin, 4 % net), so the documents agree with the record."""
    row = placed.row
    business = placed.businesses.get(business_ref or "") or next(iter(placed.businesses.values()), None)
    closed = date(issued_on.year - 1, 12, 31)
    data: dict[str, Any] = {
        "company_name": row.get("company_name") or placed.name,
        "siren": row.get("siren") or (business["siret"][:9] if business else None),
        "tax_regime": "Réel normal (formulaires 2050 à 2059)",
        "fiscal_year_start": _iso(date(closed.year, 1, 1)),
        "fiscal_year_end": _iso(closed),
    }
    if business is not None:
        turnover = Decimal(business["turnover"])
        data.update(
            naf_code=business["naf_code"],
            turnover=str(turnover),
            operating_result=str((turnover * Decimal("0.06")).quantize(Decimal("1"))),
            net_result=str((turnover * Decimal("0.04")).quantize(Decimal("1"))),
            staff=business["staff"],
        )
    return data


def _q18(placed: Placed, business_ref: str | None, issued_on: date) -> dict[str, Any]:
    row = placed.row
    business = placed.businesses.get(business_ref or "") or next(iter(placed.businesses.values()), None)
    address = (
        f"{business['address_line1']}, {business['postcode']} {business['city']}"
        if business and business.get("address_line1")
        else placed.address
    )
    verified = issued_on - timedelta(days=7)
    return {
        "organism": INSPECTION_BODY,
        "organism_certificate": "Certificat Q18 n° 18-000-0042",
        "verifier": "Vérificateur certifié Q18",
        "site": row.get("company_name") or placed.name,
        "site_address": address,
        "verification_date": _iso(verified),
        "observations": [
            {"item": "Tableau général basse tension", "observation": "Conforme", "priority": "—"},
            {
                "item": "Cuisine : alimentation de la hotte d'extraction",
                "observation": "Échauffement d'un bornier : resserrage à réaliser",
                "priority": "1 (immédiat)",
            },
            {"item": "Éclairage de sécurité", "observation": "Deux blocs autonomes hors service", "priority": "2"},
        ],
        "conclusion": (
            "Installation à mettre en conformité sur les points de priorité 1 et 2 avant la prochaine visite."
        ),
        "next_verification": _iso(verified + relativedelta(years=1)),
    }


def fill_document(
    kind: str,
    placed: Placed,
    issued_on: date,
    draw: Draw,
    start: date,
    *,
    history: str | None = None,
    vehicle: str | None = None,
    business: str | None = None,
    loan: str | None = None,
) -> dict[str, Any]:
    """The data a document of `kind` carries for this client (empty for a kind without a specimen)."""
    if kind == "releve_information":
        return _releve(placed, history, vehicle, issued_on, start)
    if kind in ("certificat_immatriculation", "carte_grise"):
        return _certificate(placed, vehicle, issued_on, draw)
    if kind == "justificatif_domicile":
        return _domicile(placed, issued_on, draw)
    if kind == "kbis":
        return _kbis(placed, business)
    if kind in ("tableau_amortissement", "offre_pret"):
        return _amortisation(placed, loan)
    if kind in ("permis_conduire", "permis"):
        return _licence(placed)
    if kind in ("piece_identite", "piece_identite_dirigeant"):
        return _identity(placed, draw)
    if kind in ("mandat_sepa", "rib_remboursements"):
        return _mandate(placed, issued_on)
    if kind == "attestation_aac":
        return _aac(placed, issued_on)
    if kind == "fiche_standardisee":
        return _fiche_standardisee(placed, loan)
    if kind == "liasse_fiscale":
        return _liasse(placed, business, issued_on)
    if kind == "verifications_securite":
        return _q18(placed, business, issued_on)
    return {}
