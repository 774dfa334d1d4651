"""The risk data a client's records give a product: what a contract is priced with and what a
subscription request declares (the file's own `risk` / `declared` then override it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from polyadmin.domain import scenario as model
from polyadmin.domain.catalogue import Product
from polyadmin.domain.risk_data import departement
from polyadmin.seeding.documents import Placed
from polyadmin.seeding.reference import NAF_ACTIVITY

ALSACE_MOSELLE = {"57", "67", "68"}


@dataclass(frozen=True)
class RiskRefs:
    """The records a contract or request is about (scenario refs), each optional."""

    vehicle: str | None = None
    dwelling: str | None = None
    business: str | None = None
    loan: str | None = None


def risk_facts(
    placed: Placed,
    client: model.ClientSpec,
    product: Product,
    on: date,
    refs: RiskRefs,
    *,
    start: date,
    contract_start: date | None,
    all_claims: list[model.ClaimSpec],
    links: dict[str, model.CrmLink] | None = None,
) -> dict[str, object]:
    """The risk data the client's records give for `product` on `on` (only fields it declares);
    `start` is the sandbox start date, `contract_start` None for a request."""
    row = placed.row
    facts: dict[str, object] = {"postcode": row["postcode"]}
    if client.birth_date is not None:
        for name in ("driver_birth_date", "principal_birth_date", "borrower_birth_date"):
            facts[name] = client.birth_date
    facts["regime"] = "alsace_moselle" if departement(row["postcode"]) in ALSACE_MOSELLE else "general"
    if client.licence_date is not None:
        facts["licence_date"] = client.licence_date
        facts["accompanied_driving"] = client.accompanied_driving
    usage = "standard"
    if refs.vehicle is not None and refs.vehicle in placed.vehicles:
        usage = "tournees" if placed.vehicles[refs.vehicle]["usage"] == "professionnel" else "standard"
        facts.update(_vehicle_facts(placed.vehicles[refs.vehicle]))
    if product.line == "auto":
        facts.update(_motor_facts(client, on, usage, start, contract_start, all_claims, links))
    if refs.dwelling is not None and refs.dwelling in placed.dwellings:
        facts.update(_dwelling_facts(placed.dwellings[refs.dwelling]))
    if refs.business is not None and refs.business in placed.businesses:
        facts.update(_business_facts(placed.businesses[refs.business]))
    if refs.loan is not None and refs.loan in placed.loans:
        facts.update(_loan_facts(placed.loans[refs.loan]))
    known = product.risk_field_names
    return {name: value for name, value in facts.items() if name in known}


def _vehicle_facts(v: dict[str, Any]) -> dict[str, object]:
    return {
        "garage_postcode": v["garage_postcode"],
        "vehicle_group": v["vehicle_group"],
        "first_registration_date": v["first_registration"],
        "energy": v["energy"],
        "usage": v["usage"],
        "annual_mileage": v["annual_mileage"],
        "vehicle_value": int(v["value"]),
    }


def _motor_facts(
    client: model.ClientSpec,
    on: date,
    usage: str,
    start: date,
    contract_start: date | None,
    all_claims: list[model.ClaimSpec],
    links: dict[str, model.CrmLink] | None,
) -> dict[str, object]:
    """The CRM (of the contract's period, or the last relevé's for a request) and the claim-free years."""
    facts: dict[str, object] = {}
    histories = client.histories
    period_from = contract_start or on
    if links is None:
        links = model.auto_crm_chain(histories, all_claims, start)
    if contract_start is not None:
        facts["crm"] = model.contract_crm(histories, all_claims, period_from, on, start, usage, links).crm
    else:
        facts["crm"] = list(links.values())[-1].crm if links else Decimal("1.00")
    if client.licence_date is not None:
        facts["claim_free_years"] = model.claim_free_years(
            client.licence_date, histories, all_claims, period_from, on, start
        )
    return facts


def _dwelling_facts(d: dict[str, Any]) -> dict[str, object]:
    features = d["security_features"]
    return {
        "postcode": d["postcode"],
        "dwelling_type": d["dwelling_type"],
        "occupancy_status": d["occupancy_status"],
        "residence": d["residence"],
        "surface": d["surface"],
        "rooms": d["rooms"],
        "floor": "rdc" if d["floor"] == 0 else "etage",
        "contents_value": int(d["contents_value"]),
        "flood_zone": d["natural_hazard_zone"] == "inondation",
        "security": "alarme"
        if "alarme" in features
        else ("porte_blindee" if "porte_blindee" in features else "aucune"),
    }


def _business_facts(b: dict[str, Any]) -> dict[str, object]:
    facts: dict[str, object] = {
        "turnover": int(b["turnover"]),
        "staff": b["staff"],
        "premises_surface": b["premises_surface"],
        "postcode": b["postcode"],
        "contents_value": int(b["contents_value"]),
    }
    if b["naf_code"] in NAF_ACTIVITY:
        facts["activity"] = NAF_ACTIVITY[b["naf_code"]]
    return facts


def _loan_facts(item: dict[str, Any]) -> dict[str, object]:
    return {
        "capital": int(item["capital"]),
        "quotite": item["insured_share_percent"],
        "duration_months": item["duration_months"],
        "loan_purpose": "residence_principale" if item["purpose"] == "travaux" else item["purpose"],
    }


def record_facts(kind: str, row: dict[str, Any]) -> dict[str, object]:
    """The risk data one record of the client gives (`vehicle`, `dwelling`, `business`, `loan`: its
    columns as a dict), with the seeding's mapping: a quote line priced on a risk picked from the client."""
    builders = {
        "vehicle": _vehicle_facts,
        "dwelling": _dwelling_facts,
        "business": _business_facts,
        "loan": _loan_facts,
    }
    return builders[kind](row)
