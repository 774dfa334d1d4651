"""The insured risks of a client: vehicles, dwellings, businesses and loans (one row each)."""

from __future__ import annotations

from typing import Any

from polyadmin.domain import scenario as model
from polyadmin.domain.identifiers import registration_key
from polyadmin.seeding.context import GenerationContext
from polyadmin.seeding.factories import SIV_START, money


def add_vehicle(
    ctx: GenerationContext, client: model.ClientSpec, spec: model.VehicleSpec, row: dict[str, Any]
) -> dict[str, Any]:
    if spec.registration:
        registration = spec.registration
    else:
        # SIV plates stay with the vehicle: issued at its first registration, or — for a vehicle
        # registered before the SIV (15 April 2009) — when it changed hands afterwards.
        acquired = min(
            (c.start_date for c in client.contracts if c.vehicle == spec.ref), default=spec.first_registration
        )
        issued = spec.first_registration if spec.first_registration >= SIV_START else acquired
        registration = ctx.draw.registration(issued)
    return ctx.portfolio.add(
        "vehicles",
        {
            "client": row["number"],
            "registration": registration,
            "registration_key": registration_key(registration),
            "make": spec.make,
            "model": spec.model,
            "vehicle_group": spec.vehicle_group,
            "first_registration": spec.first_registration,
            "energy": spec.energy,
            "co2_class": spec.co2_class,
            "value": money(spec.value),
            "usage": spec.usage,
            "garage_postcode": spec.garage_postcode or row["postcode"],
            "annual_mileage": spec.annual_mileage,
        },
    )


def add_dwelling(ctx: GenerationContext, spec: model.DwellingSpec, row: dict[str, Any]) -> dict[str, Any]:
    address = spec.address
    return ctx.portfolio.add(
        "dwellings",
        {
            "key": ctx.next_key("dwellings"),
            "client": row["number"],
            "address_line1": address.line1 if address else row["address_line1"],
            "postcode": address.postcode if address else row["postcode"],
            "city": address.city if address else row["city"],
            "dwelling_type": spec.dwelling_type,
            "occupancy_status": spec.occupancy_status,
            "residence": spec.residence,
            "surface": spec.surface,
            "rooms": spec.rooms,
            "floor": spec.floor,
            "construction_year": spec.construction_year,
            "security_features": list(spec.security_features),
            "natural_hazard_zone": spec.natural_hazard_zone,
            "contents_value": money(spec.contents_value),
        },
    )


def add_business(ctx: GenerationContext, spec: model.BusinessSpec, row: dict[str, Any]) -> dict[str, Any]:
    address = spec.address
    siret = spec.siret or ctx.draw.siret(row.get("siren") or ctx.draw.siren())
    return ctx.portfolio.add(
        "businesses",
        {
            "key": ctx.next_key("businesses"),
            "client": row["number"],
            "siret": siret,
            "naf_code": spec.naf_code,
            "activity": spec.activity,
            "turnover": money(spec.turnover),
            "staff": spec.staff,
            "address_line1": address.line1 if address else row["address_line1"],
            "postcode": address.postcode if address else row["postcode"],
            "city": address.city if address else row["city"],
            "premises_surface": spec.premises_surface,
            "contents_value": money(spec.contents_value),
        },
    )


def add_loan(ctx: GenerationContext, spec: model.LoanSpec, number: str) -> dict[str, Any]:
    return ctx.portfolio.add(
        "loans",
        {
            "key": ctx.next_key("loans"),
            "client": number,
            "lender": spec.lender,
            "capital": money(spec.capital),
            "duration_months": spec.duration_months,
            "rate_percent": spec.rate_percent,
            "purpose": spec.purpose,
            "start_date": spec.start_date,
            "insured_share_percent": spec.insured_share_percent,
        },
    )
