"""A client and everything it owns, planted or drafted alike: the client row, its risks, histories,
contracts, claims, interactions and documents — built in that order, the order of the draws."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from polyadmin.domain import scenario as model
from polyadmin.domain.risk_data import departement
from polyadmin.seeding.builders.claims import add_claim
from polyadmin.seeding.builders.contracts import add_contract
from polyadmin.seeding.builders.histories import add_history
from polyadmin.seeding.builders.risks import add_business, add_dwelling, add_loan, add_vehicle
from polyadmin.seeding.builders.supporting_documents import add_document
from polyadmin.seeding.context import GenerationContext
from polyadmin.seeding.documents import Placed
from polyadmin.seeding.factories import Draw
from polyadmin.seeding.reference import BANKS, Bank


@dataclass(frozen=True)
class ClientExtra:
    """What the population drafter knows of a client beyond its ClientSpec (not stored as such)."""

    company_created: date | None = None
    director: str | None = None  # ref of the director (a person client)
    birth_place: str = ""


def add_client(ctx: GenerationContext, spec: model.ClientSpec, path: str, extra: ClientExtra) -> Placed:
    """Every row of one client; its number must already be given (ctx.number_client). `path` names
    the client in the scenario, for the problems of its contracts."""
    placed = _place_client(ctx, spec, extra)
    all_claims = [c for h in spec.histories for c in h.claims] + list(spec.claims)
    links = _add_records(ctx, placed, spec, all_claims)
    created = _add_contracts(ctx, placed, spec, path, all_claims, links)
    for claim in spec.claims:
        contract_row = placed.contracts.get(claim.contract or "")
        add_claim(
            ctx, placed.row["number"], claim, history=None, contract=contract_row["number"] if contract_row else None
        )
    _date_and_contacts(ctx, placed, spec, created)
    for document in spec.documents:
        add_document(ctx, placed, document, None, None)
    return placed


def add_relations(ctx: GenerationContext, client: model.ClientSpec) -> None:
    """The client's relations (spouse, director…): every related client must already be numbered."""
    number = ctx.client_numbers[client.ref]
    for relation in client.relations:
        ctx.portfolio.add(
            "client_relations",
            {"client": number, "related": ctx.client_numbers[relation.client], "kind": relation.kind},
        )


# --- the client row -------------------------------------------------------------------------------


def _place_client(ctx: GenerationContext, spec: model.ClientSpec, extra: ClientExtra) -> Placed:
    """The client row (what the file is silent about drawn: address, phone, e-mail, bank, SIREN) and
    its Placed record; creation and update dates are set once its contracts and contacts are known."""
    draw = ctx.draw
    address = spec.address or model.Address(**{k: v for k, v in draw.address().items() if k != "line2"})
    person = spec.kind == "person"
    phone, email = _phone_and_email(draw, spec, address.postcode, person)
    drawn_iban, drawn_bank = draw.iban()  # drawn even when given, so the draws that follow never shift
    iban = spec.iban.replace(" ", "").upper() if spec.iban else drawn_iban
    bank: Bank | None = drawn_bank
    if spec.iban:
        bank = next((b for b in BANKS if iban.startswith("FR") and iban[4:9] == b.code), None)
    row = _client_row(ctx.client_numbers[spec.ref], spec, address, phone, email)
    if not person and not row["siren"]:
        row["siren"] = draw.siren()
    ctx.portfolio.add("clients", row)
    placed = Placed(
        row=row,
        iban=iban,
        bank=bank,
        licence_date=spec.licence_date,
        licence_number=draw.licence_number(spec.licence_date) if spec.licence_date else None,
        company_created=extra.company_created,
        birth_place=extra.birth_place or draw.commune().city,
    )
    placed.director_ref = extra.director or next((r.client for r in spec.relations if r.kind == "director"), None)
    ctx.placed[spec.ref] = placed
    return placed


def _phone_and_email(draw: Draw, spec: model.ClientSpec, postcode: str, person: bool) -> tuple[str, str | None]:
    """The file's phone and e-mail, else drawn: a person's phone is a mobile 85 % of the time."""
    phone = spec.phone or draw.phone(departement(postcode), mobile=person and draw.rng.random() < 0.85)
    if spec.email:
        email: str | None = spec.email
    elif person:
        email = draw.email(spec.first_name or "client", spec.last_name or "polyadmin")
    else:
        email = draw.company_email(spec.company_name or "entreprise")
    return phone, email


def _client_row(
    number: str, spec: model.ClientSpec, address: model.Address, phone: str, email: str | None
) -> dict[str, Any]:
    person = spec.kind == "person"
    return {
        "number": number,
        "kind": spec.kind,
        "civility": spec.civility,
        "first_name": spec.first_name,
        "last_name": spec.last_name,
        "birth_date": spec.birth_date,
        "profession": spec.profession,
        "family_situation": spec.family_situation,
        "company_name": spec.company_name,
        "siren": spec.siren if not person else None,
        "legal_form": spec.legal_form,
        "activity": spec.activity,
        "address_line1": address.line1,
        "address_line2": address.line2,
        "postcode": address.postcode,
        "city": address.city,
        "country": "FR",
        "phone": phone,
        "email": email,
        "preferred_channel": spec.preferred_channel,
        "specific_needs": spec.specific_needs,
        "accessible_formats": list(spec.accessible_formats),
        "gdpr_consent": spec.gdpr_consent,
        "gdpr_purposes": list(spec.gdpr_purposes),
        "gdpr_consent_on": None,
        "status": spec.status,
        "created_on": None,
        "updated_on": None,
    }


# --- what the client owns -------------------------------------------------------------------------


def _add_records(
    ctx: GenerationContext, placed: Placed, spec: model.ClientSpec, all_claims: list[model.ClaimSpec]
) -> dict[str, model.CrmLink]:
    """The risks, then the insurance histories with the CRM their claims give (A121-1 annex); the
    CRM chain is returned for the contracts."""
    number = placed.row["number"]
    for vehicle in spec.vehicles:
        placed.vehicles[vehicle.ref] = add_vehicle(ctx, spec, vehicle, placed.row)
    for dwelling in spec.dwellings:
        placed.dwellings[dwelling.ref] = add_dwelling(ctx, dwelling, placed.row)
    for business in spec.businesses:
        placed.businesses[business.ref] = add_business(ctx, business, placed.row)
    for loan in spec.loans:
        placed.loans[loan.ref] = add_loan(ctx, loan, number)
    links = model.auto_crm_chain(spec.histories, all_claims, ctx.start)
    for history in spec.histories:
        add_history(ctx, placed, history, links.get(history.ref))
    return links


def _add_contracts(
    ctx: GenerationContext,
    placed: Placed,
    spec: model.ClientSpec,
    path: str,
    all_claims: list[model.ClaimSpec],
    links: dict[str, model.CrmLink],
) -> list[date]:
    """The client's contracts (each priced knowing how many others are in force, for the
    multi-product discount); the creation dates of those the engine accepted."""
    in_force = [c for c in spec.contracts if c.status != "terminated"]
    created: list[date] = []
    for index, contract in enumerate(spec.contracts):
        other = max(len(in_force) - (1 if contract.status != "terminated" else 0), 0)
        made = add_contract(ctx, placed, spec, contract, f"{path}.contracts[{index}]", other, all_claims, links)
        if made is not None:
            created.append(made["created_on"])
    return created


def _date_and_contacts(ctx: GenerationContext, placed: Placed, spec: model.ClientSpec, created: list[date]) -> None:
    """Creation date (the file's, else the first contract or contact, else drawn), GDPR consent
    date, the interactions, and the update date (the last of those, never after the start date)."""
    draw, row, start = ctx.draw, placed.row, ctx.start
    contacts = [interaction.occurred_on for interaction in spec.interactions]
    created_on = spec.created_on or min([*created, *contacts] or [start - timedelta(days=draw.rng.randint(10, 700))])
    row["created_on"] = created_on
    if spec.gdpr_consent:
        row["gdpr_consent_on"] = spec.gdpr_consent_on or draw.day_between(created_on, start)
    last = [created_on, row["gdpr_consent_on"] or created_on]
    for interaction in spec.interactions:
        ctx.portfolio.add(
            "interactions",
            {
                "client": row["number"],
                "occurred_on": interaction.occurred_on,
                "channel": interaction.channel,
                "direction": interaction.direction,
                "motive": interaction.motive,
                "summary": interaction.summary,
                "recorded_by_id": None,
                "recorded_at": None,
            },
        )
        last.append(interaction.occurred_on)
    row["updated_on"] = min(max(last), start)
