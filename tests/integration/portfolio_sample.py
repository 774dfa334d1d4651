"""A small portfolio built by hand in the natural-key form of polyadmin.seeding.portfolio: every table,
every kind of reference (client, related, vehicle, dwelling, business, loan, history, contract,
request), nulls, JSON, money and exact rates — enough to test the writer without the generator.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from polyadmin.seeding.portfolio import Portfolio

START = date(2026, 3, 2)


def _person(number: int, first: str, last: str, born: date, postcode: str, city: str) -> dict[str, Any]:
    return {
        "number": f"CL-{number:06d}",
        "kind": "person",
        "civility": "MME" if first in ("Élodie", "Inès") else "M",
        "first_name": first,
        "last_name": last,
        "birth_date": born,
        "profession": "Infirmière",
        "family_situation": "marie",
        "company_name": None,
        "siren": None,
        "legal_form": None,
        "activity": None,
        "address_line1": "12 rue des Lilas",
        "address_line2": None,
        "postcode": postcode,
        "city": city,
        "country": "FR",
        "phone": "06 12 34 56 78",
        "email": f"{first.lower()}.{last.lower()}@exemple.fr",
        "preferred_channel": "email",
        "specific_needs": None,
        "accessible_formats": [],
        "gdpr_consent": True,
        "gdpr_purposes": ["enquetes"],
        "gdpr_consent_on": date(2024, 5, 6),
        "status": "client",
        "created_on": date(2019, 1, 15),
        "updated_on": date(2024, 5, 6),
    }


def sample_portfolio(households: int = 2) -> Portfolio:
    """`households` couples (spouses, one car, one flat, auto and home contracts with monthly
    instalments, a history with a claim), one bakery company with a loan, requests and documents."""
    portfolio = Portfolio()
    client_no = contract_no = 0
    for index in range(households):
        client_no += 1
        holder = portfolio.add(
            "clients", _person(client_no, "Élodie", f"Martin{index}", date(1984, 2, 29), "69003", "LYON")
        )
        client_no += 1
        spouse = portfolio.add(
            "clients", _person(client_no, "Hugo", f"Martin{index}", date(1982, 7, 31), "69003", "LYON")
        )
        spouse["status"] = "prospect"
        portfolio.add("client_relations", {"client": holder["number"], "related": spouse["number"], "kind": "spouse"})
        registration = f"AB-{100 + index:03d}-CD"
        portfolio.add(
            "vehicles",
            {
                "client": holder["number"],
                "registration": registration,
                "registration_key": registration.replace("-", ""),
                "make": "Renault",
                "model": "Clio V",
                "vehicle_group": 27,
                "first_registration": date(2021, 6, 30),
                "energy": "essence",
                "co2_class": "C",
                "value": Decimal("14500.00"),
                "usage": "prive_trajet",
                "garage_postcode": "69003",
                "annual_mileage": 12000,
            },
        )
        dwelling_key = f"LOG-{index + 1:06d}"
        portfolio.add(
            "dwellings",
            {
                "key": dwelling_key,
                "client": holder["number"],
                "address_line1": "12 rue des Lilas",
                "postcode": "69003",
                "city": "LYON",
                "dwelling_type": "appartement",
                "occupancy_status": "locataire",
                "residence": "principale",
                "surface": 64,
                "rooms": 3,
                "floor": 2,
                "construction_year": 1972,
                "security_features": ["porte_blindee"],
                "natural_hazard_zone": "aucune",
                "contents_value": Decimal("25000.00"),
            },
        )
        history_key = f"HIS-{index + 1:06d}"
        portfolio.add(
            "insurance_histories",
            {
                "key": history_key,
                "client": holder["number"],
                "line": "auto",
                "insurer": "Mutuelle d'essai",
                "policy_number": f"ME{index:08d}",
                "start_date": date(2019, 1, 15),
                "end_date": date(2025, 12, 31),
                "crm": Decimal("0.85"),
                "statement_date": date(2025, 12, 15),
                "terminated_by": "insured",
                "termination_reason": "echeance",
            },
        )
        for product, formula, risk_ref, total in (
            ("AUTO", "tiers_plus", ("vehicle", registration), Decimal("612.48")),
            ("MRH", "locataire", ("dwelling", dwelling_key), Decimal("187.20")),
        ):
            contract_no += 1
            number = f"CT-{contract_no:06d}"
            contract: dict[str, Any] = {
                "client": holder["number"],
                "number": number,
                "product_code": product,
                "product_version": "2026.1",
                "formula": formula,
                "options": ["assistance_0km"] if product == "AUTO" else [],
                "deductibles": {"dommages": "300"} if product == "AUTO" else {},
                "frequency": "mensuel",
                "risk": {"crm": "0.85", "date_permis": "2003-05-12"} if product == "AUTO" else {"pieces": 3},
                "vehicle": None,
                "dwelling": None,
                "business": None,
                "loan": None,
                "start_date": date(2026, 1, 1),
                "next_due_date": date(2027, 1, 1),
                "status": "active",
                "premium_before_tax": (total / Decimal("1.3")).quantize(Decimal("0.01")),
                "annual_total": total,
                "iban": "FR7630006000011234567890189",
                "created_on": date(2025, 12, 20),
            }
            contract[risk_ref[0]] = risk_ref[1]
            portfolio.add("contracts", contract)
            monthly = (total / 12).quantize(Decimal("0.01"))
            for month in range(1, 13):
                due = date(2026, month, 5)
                portfolio.add(
                    "instalments",
                    {
                        "contract": number,
                        "period_start": date(2026, 1, 1),
                        "number": month,
                        "due_date": due,
                        "amount": monthly if month < 12 else total - monthly * 11,
                        "status": "paid" if due < START else "due",
                        "paid_on": due if due < START else None,
                        "method": "prelevement" if due < START else None,
                    },
                )
        portfolio.add(
            "claims",
            {
                "client": holder["number"],
                "history": history_key,
                "contract": None,
                "occurred_on": date(2023, 11, 4),
                "kind": "accident",
                "liability": "partial",
                "amount": Decimal("2380.50"),
                "status": "closed",
                "description": "Accrochage sur parking, responsabilité partagée.",
            },
        )
        portfolio.add(
            "claims",
            {
                "client": holder["number"],
                "history": None,
                "contract": f"CT-{contract_no:06d}",
                "occurred_on": date(2026, 2, 10),
                "kind": "degats_des_eaux",
                "liability": "none",
                "amount": Decimal("940.00"),
                "status": "open",
                "description": "Fuite chez le voisin du dessus.",
            },
        )
        portfolio.add(
            "interactions",
            {
                "client": holder["number"],
                "occurred_on": date(2026, 2, 11),
                "channel": "telephone",
                "direction": "entrant",
                "motive": "Déclaration de sinistre",
                "summary": "Dégât des eaux déclaré ; photos demandées.",
                "recorded_by_id": None,
                "recorded_at": None,
            },
        )
    client_no += 1
    company = portfolio.add(
        "clients",
        {
            **_person(client_no, "", "", date(2000, 1, 1), "75011", "PARIS"),
            "kind": "company",
            "civility": None,
            "first_name": None,
            "last_name": None,
            "birth_date": None,
            "profession": None,
            "family_situation": None,
            "company_name": "Boulangerie Dupré",
            "siren": "552032534",
            "legal_form": "SARL",
            "activity": "Boulangerie-pâtisserie",
            "email": "contact@boulangerie-dupre.fr",
        },
    )
    portfolio.add("client_relations", {"client": company["number"], "related": "CL-000001", "kind": "director"})
    portfolio.add(
        "businesses",
        {
            "key": "ENT-000001",
            "client": company["number"],
            "siret": "55203253400054",
            "naf_code": "10.71C",
            "activity": "Boulangerie et boulangerie-pâtisserie",
            "turnover": Decimal("420000.00"),
            "staff": 6,
            "address_line1": "3 rue Oberkampf",
            "postcode": "75011",
            "city": "PARIS",
            "premises_surface": 120,
            "contents_value": Decimal("85000.00"),
        },
    )
    portfolio.add(
        "loans",
        {
            "key": "PRT-000001",
            "client": "CL-000001",
            "lender": "Banque d'essai",
            "capital": Decimal("180000.00"),
            "duration_months": 240,
            "rate_percent": Decimal("3.45"),
            "purpose": "residence_principale",
            "start_date": date(2026, 4, 1),
            "insured_share_percent": 100,
        },
    )
    for request_no, (case, product, reference) in enumerate(
        (
            ("pro-kbis-perime", "PRO", ("business", "ENT-000001")),
            ("emprunteur-questionnaire", "EMPRUNTEUR", ("loan", "PRT-000001")),
        ),
        start=1,
    ):
        number = f"DS-{request_no:06d}"
        request: dict[str, Any] = {
            "client": company["number"] if product == "PRO" else "CL-000001",
            "number": number,
            "received_on": date(2026, 2, 27),
            "channel": "email",
            "product_code": product,
            "requested": {"formula": "essentielle", "message": "Bonjour, je souhaite un devis."},
            "status": "nouvelle",
            "vehicle": None,
            "dwelling": None,
            "business": None,
            "loan": None,
            "case_code": case,
            "expected_outcome": "accept_conditions" if product == "PRO" else "refer",
            "expected_notes": "Extrait Kbis de plus de 3 mois." if product == "PRO" else None,
            "expected_missing": ["kbis"] if product == "PRO" else None,
        }
        request[reference[0]] = reference[1]
        portfolio.add("subscription_requests", request)
        portfolio.add(
            "supporting_documents",
            {
                "client": request["client"],
                "request": number,
                "kind": "kbis" if product == "PRO" else "tableau_amortissement",
                "title": "Extrait Kbis" if product == "PRO" else "Tableau d'amortissement",
                "issued_on": date(2025, 9, 1),
                "valid_until": None,
                "data": {"siren": "552032534", "capital": "180000.00"},
                "anomaly": "Extrait de plus de 3 mois." if product == "PRO" else None,
            },
        )
        portfolio.add(
            "expert_scripts",
            {
                "request": number,
                "expert": "medecin_conseil" if product == "EMPRUNTEUR" else "service_technique",
                "answer": "Avis favorable sous réserve.",
                "delay_days": 2,
                "verdict": "favorable_conditions" if product == "PRO" else None,
            },
        )
        portfolio.add(
            "document_scripts",
            {
                "request": number,
                "document_code": "kbis" if product == "PRO" else "tableau_amortissement",
                "outcome": "arrives" if product == "PRO" else "never",
                "delay_days": 3 if product == "PRO" else None,
                "document": (
                    {
                        "kind": "kbis",
                        "title": "Extrait Kbis",
                        "issued_on": "2026-03-01",
                        "valid_until": None,
                        "data": {"siren": "552032534"},
                        "anomaly": None,
                    }
                    if product == "PRO"
                    else None
                ),
            },
        )
    portfolio.add(
        "supporting_documents",
        {
            "client": "CL-000001",
            "request": None,
            "kind": "releve_information",
            "title": "Relevé d'information",
            "issued_on": date(2025, 12, 15),
            "valid_until": None,
            "data": {"crm": "0.85", "sinistres": [{"date": "2023-11-04", "responsabilite": "partial"}]},
            "anomaly": None,
        },
    )
    return portfolio
