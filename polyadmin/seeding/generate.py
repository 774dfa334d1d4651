"""Scenario + catalogue + seed → Portfolio: deterministic, pure of any database.

`generate_portfolio(scenario, catalogue, seed)` builds the rows of every portfolio table in the
natural-key form of polyadmin.seeding.portfolio:

1. the planted clients, in the order of the file, numbered first (CL-000001…): what the trainer wrote,
   completed where the file is silent (address, phone, e-mail, IBAN, registration, SIRET…);
2. the subscription requests (DS-000001…), with their supporting documents (filled from the client's
   records, then overridden by the file), the expected outcome and the scripted expert answers;
3. the generated population (polyadmin.seeding.population), drawn unit by unit.

Every client goes through the same materialisation, so the consistency rules hold for all: the CRM
of each motor history follows its claims by the A121-1 annex (polyadmin.domain.scenario
.auto_crm_chain), a contract's risk data come from the client's records, contracts are priced by the
engine for their current annual period (premium, annual total, and the engine's instalments, paid
before the start date, due after it, the last ones unpaid where the scenario says so).

Same scenario, catalogue and seed → the same Portfolio, row for row (the digest of
polyadmin.seeding.portfolio). Faker and factory-boy keep global random state: generations are
serialised by a lock, each one reseeding them first.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import factory.random
import faker.generator

from polyadmin.domain import scenario as model
from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.identifiers import record_number, registration_key
from polyadmin.domain.risk_data import departement
from polyadmin.domain.scenario import ScenarioInvalid, ScenarioProblem
from polyadmin.seeding.documents import Placed, fill_document
from polyadmin.seeding.factories import SIV_START, Draw, money
from polyadmin.seeding.portfolio import Portfolio
from polyadmin.seeding.pricing_cache import PricingCache
from polyadmin.seeding.reference import BANKS, NAF_ACTIVITY, Bank

_LOCK = threading.Lock()

ALSACE_MOSELLE = {"57", "67", "68"}
CLAIM_DESCRIPTIONS: dict[str, str | dict[str, str]] = {
    "accident": {
        "full": "Collision, responsabilité de l'assuré engagée.",
        "partial": "Accrochage, responsabilité partagée.",
        "none": "Véhicule heurté par un tiers identifié, non responsable.",
    },
    "stationnement": "Véhicule endommagé en stationnement par un tiers non identifié.",
    "vol": "Vol du véhicule ou d'accessoires.",
    "incendie": "Incendie.",
    "bris_glace": "Bris de pare-brise.",
    "catastrophe_naturelle": "Dommages lors d'un événement reconnu catastrophe naturelle.",
    "degats_des_eaux": "Dégât des eaux.",
    "responsabilite_civile": "Dommage causé à un tiers.",
    "tempete": "Dommages dus à la tempête.",
}


class GenerationFailed(ScenarioInvalid):
    """Contracts the engine refused, by scenario path (planted clients) or population product — a
    ScenarioInvalid, so the edges report it like any other scenario problem."""

    def __init__(self, code: str, problems: list[tuple[str, str]]) -> None:
        super().__init__([ScenarioProblem(code, path, message) for path, message in problems])


def _json(value: Any) -> Any:
    """JSON-able copy: dates and decimals as text."""
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _claim_description(claim: model.ClaimSpec) -> str:
    if claim.description:
        return claim.description
    text = CLAIM_DESCRIPTIONS.get(claim.kind, "")
    return text[claim.liability] if isinstance(text, dict) else str(text)


@dataclass(frozen=True)
class _Extra:
    """What the population drafter knows beyond a ClientSpec (not stored as such)."""

    company_created: date | None = None
    director: str | None = None  # ref of the director (a person client)
    birth_place: str = ""


class Generator:
    """One generation: state (numbers, rows, the draw) and the materialisation of clients."""

    def __init__(self, scenario: model.Scenario, catalogue: Catalogue, seed: int) -> None:
        self.scenario = scenario
        self.catalogue = catalogue
        self.start = scenario.start_date
        self.draw = Draw(seed, scenario.start_date)
        self.pricer = PricingCache(catalogue)
        self.portfolio = Portfolio()
        self.numbers: dict[str, str] = {}
        self.placed: dict[str, Placed] = {}
        self.problems: list[tuple[str, str]] = []
        self.contract_count = 0
        self.request_count = 0
        for client in scenario.clients:
            for vehicle in client.vehicles:
                if vehicle.registration:
                    self.draw.used_registrations.add(vehicle.registration)
            if client.siren:
                self.draw.used_sirens.add(client.siren)

    # --- orchestration --------------------------------------------------------------------------

    def run(self, population_sample: int | None = None) -> Portfolio:
        for index, client in enumerate(self.scenario.clients):
            self.numbers[client.ref] = record_number("CL", index + 1)
        for index, client in enumerate(self.scenario.clients):
            self.materialise(client, f"clients[{index}]", _Extra())
        for client in self.scenario.clients:
            self.relations(client)
        for index, request in enumerate(self.scenario.requests):
            self.request(request, f"requests[{index}]")
        if self.scenario.population is not None:
            from polyadmin.seeding.population import PopulationDrafter

            drafter = PopulationDrafter(self, self.scenario.population)
            drafter.run(population_sample)
        return self.portfolio

    def next_number(self, ref: str) -> str:
        number = record_number("CL", len(self.numbers) + 1)
        self.numbers[ref] = number
        return number

    def relations(self, client: model.ClientSpec) -> None:
        number = self.numbers[client.ref]
        for relation in client.relations:
            self.portfolio.add(
                "client_relations", {"client": number, "related": self.numbers[relation.client], "kind": relation.kind}
            )

    # --- one client -----------------------------------------------------------------------------

    def materialise(self, spec: model.ClientSpec, path: str, extra: _Extra) -> Placed:
        """Every row of one client; the number must already be assigned (self.numbers[spec.ref])."""
        draw = self.draw
        number = self.numbers[spec.ref]
        address = spec.address or model.Address(**{k: v for k, v in draw.address().items() if k != "line2"})
        dept = departement(address.postcode)
        person = spec.kind == "person"
        phone = spec.phone or draw.phone(dept, mobile=person and draw.rng.random() < 0.85)
        if spec.email:
            email: str | None = spec.email
        elif person:
            email = draw.email(spec.first_name or "client", spec.last_name or "polyadmin")
        else:
            email = draw.company_email(spec.company_name or "entreprise")
        drawn_iban, drawn_bank = draw.iban()  # drawn even when given, so the draws that follow never shift
        iban = spec.iban.replace(" ", "").upper() if spec.iban else drawn_iban
        bank: Bank | None = drawn_bank
        if spec.iban:
            bank = next((b for b in BANKS if iban.startswith("FR") and iban[4:9] == b.code), None)
        row: dict[str, Any] = {
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
        if not person and not row["siren"]:
            row["siren"] = draw.siren()
        self.portfolio.add("clients", row)
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
        self.placed[spec.ref] = placed

        for vehicle in spec.vehicles:
            placed.vehicles[vehicle.ref] = self.vehicle(spec, vehicle, row)
        for dwelling in spec.dwellings:
            placed.dwellings[dwelling.ref] = self.dwelling(dwelling, row)
        for business in spec.businesses:
            placed.businesses[business.ref] = self.business(business, row)
        for loan in spec.loans:
            placed.loans[loan.ref] = self.loan(loan, number)
        all_claims = [c for h in spec.histories for c in h.claims] + list(spec.claims)
        links = model.auto_crm_chain(spec.histories, all_claims, self.start)
        for history in spec.histories:
            self.history(placed, history, links.get(history.ref))

        in_force = [c for c in spec.contracts if c.status != "terminated"]
        created: list[date] = []
        for index, contract in enumerate(spec.contracts):
            other = max(len(in_force) - (1 if contract.status != "terminated" else 0), 0)
            made = self.contract(placed, spec, contract, f"{path}.contracts[{index}]", other, all_claims, links)
            if made is not None:
                created.append(made["created_on"])
        for claim in spec.claims:
            contract_row = placed.contracts.get(claim.contract or "")
            self.portfolio.add(
                "claims",
                {
                    "client": number,
                    "history": None,
                    "contract": contract_row["number"] if contract_row else None,
                    "occurred_on": claim.occurred_on,
                    "kind": claim.kind,
                    "liability": claim.liability,
                    "amount": money(claim.amount),
                    "status": claim.status,
                    "description": _claim_description(claim),
                },
            )

        contacts = [interaction.occurred_on for interaction in spec.interactions]
        created_on = spec.created_on or min(
            [*created, *contacts] or [self.start - timedelta(days=draw.rng.randint(10, 700))]
        )
        row["created_on"] = created_on
        if spec.gdpr_consent:
            row["gdpr_consent_on"] = spec.gdpr_consent_on or draw.day_between(created_on, self.start)
        last = [created_on, row["gdpr_consent_on"] or created_on]
        for interaction in spec.interactions:
            self.portfolio.add(
                "interactions",
                {
                    "client": number,
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
        row["updated_on"] = min(max(last), self.start)
        for document in spec.documents:
            self.document(placed, document, None, None)
        return placed

    def vehicle(self, client: model.ClientSpec, spec: model.VehicleSpec, row: dict[str, Any]) -> dict[str, Any]:
        if spec.registration:
            registration = spec.registration
        else:
            # SIV plates stay with the vehicle: issued at its first registration, or — for a vehicle
            # registered before the SIV (15 April 2009) — when it changed hands afterwards.
            acquired = min(
                (c.start_date for c in client.contracts if c.vehicle == spec.ref), default=spec.first_registration
            )
            issued = spec.first_registration if spec.first_registration >= SIV_START else acquired
            registration = self.draw.registration(issued)
        return self.portfolio.add(
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

    def dwelling(self, spec: model.DwellingSpec, row: dict[str, Any]) -> dict[str, Any]:
        address = spec.address
        return self.portfolio.add(
            "dwellings",
            {
                "key": record_number("LOG", len(self.portfolio.rows["dwellings"]) + 1),
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

    def business(self, spec: model.BusinessSpec, row: dict[str, Any]) -> dict[str, Any]:
        address = spec.address
        siret = spec.siret or self.draw.siret(row.get("siren") or self.draw.siren())
        return self.portfolio.add(
            "businesses",
            {
                "key": record_number("ENT", len(self.portfolio.rows["businesses"]) + 1),
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

    def loan(self, spec: model.LoanSpec, number: str) -> dict[str, Any]:
        return self.portfolio.add(
            "loans",
            {
                "key": record_number("PRT", len(self.portfolio.rows["loans"]) + 1),
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

    def history(self, placed: Placed, spec: model.HistorySpec, link: model.CrmLink | None) -> None:
        crm = None
        if spec.line == "auto":
            crm = spec.crm if spec.crm is not None else (link.crm if link else None)
        row = self.portfolio.add(
            "insurance_histories",
            {
                "key": record_number("HIS", len(self.portfolio.rows["insurance_histories"]) + 1),
                "client": placed.row["number"],
                "line": spec.line,
                "insurer": spec.insurer,
                "policy_number": spec.policy_number or self.draw.policy_number(),
                "start_date": spec.start_date,
                "end_date": spec.end_date,
                "crm": crm,
                "statement_date": spec.statement_date,
                "terminated_by": spec.terminated_by,
                "termination_reason": spec.termination_reason,
            },
        )
        placed.histories[spec.ref] = (row, spec)
        claims = []
        for claim in spec.claims:
            claims.append(
                self.portfolio.add(
                    "claims",
                    {
                        "client": placed.row["number"],
                        "history": row["key"],
                        "contract": None,
                        "occurred_on": claim.occurred_on,
                        "kind": claim.kind,
                        "liability": claim.liability,
                        "amount": money(claim.amount),
                        "status": claim.status,
                        "description": _claim_description(claim),
                    },
                )
            )
        placed.history_claims[spec.ref] = claims

    # --- risk data ------------------------------------------------------------------------------

    def facts(
        self,
        placed: Placed,
        client: model.ClientSpec,
        product: Product,
        on: date,
        *,
        vehicle: str | None,
        dwelling: str | None,
        business: str | None,
        loan: str | None,
        contract_start: date | None,
        all_claims: list[model.ClaimSpec],
        links: dict[str, model.CrmLink] | None = None,
    ) -> dict[str, object]:
        """The risk data the client's records give for `product` on `on` (only fields it declares)."""
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
        if vehicle is not None and vehicle in placed.vehicles:
            v = placed.vehicles[vehicle]
            usage = "tournees" if v["usage"] == "professionnel" else "standard"
            facts.update(
                garage_postcode=v["garage_postcode"],
                vehicle_group=v["vehicle_group"],
                first_registration_date=v["first_registration"],
                energy=v["energy"],
                usage=v["usage"],
                annual_mileage=v["annual_mileage"],
                vehicle_value=int(v["value"]),
            )
        if product.line == "auto":
            histories = client.histories
            start = contract_start or on
            if links is None:
                links = model.auto_crm_chain(histories, all_claims, self.start)
            if contract_start is not None:
                facts["crm"] = model.contract_crm(histories, all_claims, start, on, self.start, usage, links).crm
            else:
                facts["crm"] = list(links.values())[-1].crm if links else Decimal("1.00")
            if client.licence_date is not None:
                facts["claim_free_years"] = model.claim_free_years(
                    client.licence_date, histories, all_claims, start, on, self.start
                )
        if dwelling is not None and dwelling in placed.dwellings:
            d = placed.dwellings[dwelling]
            features = d["security_features"]
            facts.update(
                postcode=d["postcode"],
                dwelling_type=d["dwelling_type"],
                occupancy_status=d["occupancy_status"],
                residence=d["residence"],
                surface=d["surface"],
                rooms=d["rooms"],
                floor="rdc" if d["floor"] == 0 else "etage",
                contents_value=int(d["contents_value"]),
                flood_zone=d["natural_hazard_zone"] == "inondation",
                security="alarme"
                if "alarme" in features
                else ("porte_blindee" if "porte_blindee" in features else "aucune"),
            )
        if business is not None and business in placed.businesses:
            b = placed.businesses[business]
            facts.update(
                turnover=int(b["turnover"]),
                staff=b["staff"],
                premises_surface=b["premises_surface"],
                postcode=b["postcode"],
                contents_value=int(b["contents_value"]),
            )
            if b["naf_code"] in NAF_ACTIVITY:
                facts["activity"] = NAF_ACTIVITY[b["naf_code"]]
        if loan is not None and loan in placed.loans:
            item = placed.loans[loan]
            facts.update(
                capital=int(item["capital"]),
                quotite=item["insured_share_percent"],
                duration_months=item["duration_months"],
                loan_purpose="residence_principale" if item["purpose"] == "travaux" else item["purpose"],
            )
        known = product.risk_field_names
        return {name: value for name, value in facts.items() if name in known}

    # --- contracts ------------------------------------------------------------------------------

    def contract(
        self,
        placed: Placed,
        client: model.ClientSpec,
        spec: model.ContractSpec,
        path: str,
        other_contracts: int,
        all_claims: list[model.ClaimSpec],
        links: dict[str, model.CrmLink] | None = None,
    ) -> dict[str, Any] | None:
        product = self.catalogue.product(spec.product)
        assert product is not None  # checked by the loader
        period_start, next_due = model.current_period(spec.start_date, self.start)
        risk = self.facts(
            placed,
            client,
            product,
            period_start,
            vehicle=spec.vehicle,
            dwelling=spec.dwelling,
            business=spec.business,
            loan=spec.loan,
            contract_start=spec.start_date,
            all_claims=all_claims,
            links=links,
        )
        risk.update(spec.risk)
        try:
            priced = self.pricer.price(
                product.code,
                spec.formula,
                spec.frequency,
                period_start,
                risk,
                options=spec.options,
                deductibles=dict(spec.deductibles),
                other_contracts=other_contracts,
            )
        except InvalidInput as exc:
            for field, messages in exc.field_errors.items():
                for message in messages:
                    problem = (
                        (f"{path}.{product.code}", f"{field} : {message}")
                        if path.startswith("population")
                        else (f"{path}.{field}", message)
                    )
                    if problem not in self.problems:
                        self.problems.append(problem)
            return None
        draw = self.draw
        self.contract_count += 1
        number = record_number("CT", self.contract_count)
        dues = priced.due_dates(period_start)
        method = spec.payment_method or (
            "prelevement"
            if len(dues) > 1
            else draw.weighted(["prelevement", "cheque", "virement", "carte"], [55, 15, 10, 20])
        )
        row = self.portfolio.add(
            "contracts",
            {
                "client": placed.row["number"],
                "number": number,
                "product_code": product.code,
                "product_version": priced.product_version,
                "formula": spec.formula,
                "options": list(priced.options),
                "deductibles": dict(priced.deductibles),
                "frequency": spec.frequency,
                "risk": _json(risk),
                "vehicle": placed.vehicles[spec.vehicle]["registration"] if spec.vehicle else None,
                "dwelling": placed.dwellings[spec.dwelling]["key"] if spec.dwelling else None,
                "business": placed.businesses[spec.business]["key"] if spec.business else None,
                "loan": placed.loans[spec.loan]["key"] if spec.loan else None,
                "start_date": spec.start_date,
                "next_due_date": next_due,
                "status": spec.status,
                "premium_before_tax": priced.premium_before_tax,
                "annual_total": priced.total,
                "iban": placed.iban if method == "prelevement" else None,
                "created_on": max(
                    spec.start_date - timedelta(days=draw.rng.randint(2, 25)),
                    min(client.created_on or date.min, spec.start_date),
                ),
            },
        )
        placed.contracts[spec.ref] = row
        past = [index for index, due in enumerate(dues) if due < self.start]
        unpaid = set(past[max(len(past) - spec.unpaid, 0) :]) if spec.unpaid else set()
        for index, (due, amount) in enumerate(zip(dues, priced.amounts, strict=True)):
            paid_on = None
            if index in unpaid:
                status = "unpaid"
            elif due < self.start:
                status = "paid"
                delay = 0 if method == "prelevement" else draw.rng.randint(0, 9)
                paid_on = min(due + timedelta(days=delay), self.start - timedelta(days=1))
            else:
                status = "cancelled" if spec.status == "terminated" else "due"
            self.portfolio.add(
                "instalments",
                {
                    "contract": number,
                    "period_start": period_start,
                    "number": index + 1,
                    "due_date": due,
                    "amount": amount,
                    "status": status,
                    "paid_on": paid_on,
                    "method": method if status in ("paid", "unpaid") else None,
                },
            )
        return row

    # --- requests and documents -----------------------------------------------------------------

    def request(self, spec: model.RequestSpec, path: str) -> None:
        placed = self.placed[spec.client]
        client = self.scenario.client(spec.client)
        assert client is not None
        product = self.catalogue.product(spec.product)
        assert product is not None
        on = spec.effective_date or spec.received_on
        all_claims = [c for h in client.histories for c in h.claims] + list(client.claims)
        declared = self.facts(
            placed,
            client,
            product,
            on,
            vehicle=spec.vehicle,
            dwelling=spec.dwelling,
            business=spec.business,
            loan=spec.loan,
            contract_start=None,
            all_claims=all_claims,
        )
        declared.update(spec.declared)
        self.request_count += 1
        number = record_number("DS", self.request_count)
        requested = {
            "formula": spec.formula,
            "options": list(spec.options),
            "frequency": spec.frequency,
            "effective_date": spec.effective_date,
            "declared": declared,
            "message": spec.message,
        }
        self.portfolio.add(
            "subscription_requests",
            {
                "client": placed.row["number"],
                "number": number,
                "received_on": spec.received_on,
                "channel": spec.channel,
                "product_code": spec.product,
                "requested": _json(requested),
                "status": "nouvelle",
                "vehicle": placed.vehicles[spec.vehicle]["registration"] if spec.vehicle else None,
                "dwelling": placed.dwellings[spec.dwelling]["key"] if spec.dwelling else None,
                "business": placed.businesses[spec.business]["key"] if spec.business else None,
                "loan": placed.loans[spec.loan]["key"] if spec.loan else None,
                "case_code": spec.ref,
                "expected_outcome": spec.expected.outcome,
                "expected_notes": spec.expected.notes,
            },
        )
        for document in spec.documents:
            self.document(placed, document, number, spec)
        for answer in spec.experts:
            self.portfolio.add(
                "expert_scripts",
                {"request": number, "expert": answer.expert, "answer": answer.answer, "delay_days": answer.delay_days},
            )

    def document(
        self, placed: Placed, spec: model.DocumentSpec, request: str | None, about: model.RequestSpec | None
    ) -> None:
        from polyadmin.documents.specimen_kinds import kind_title

        data: dict[str, Any] = {}
        if placed.director is None and placed.director_ref in self.placed:
            placed.director = self.placed[placed.director_ref].row
        if spec.fill:
            data = fill_document(
                spec.kind,
                placed,
                spec.issued_on,
                self.draw,
                self.start,
                history=spec.history,
                vehicle=spec.vehicle or (about.vehicle if about else None),
                business=spec.business or (about.business if about else None),
                loan=spec.loan or (about.loan if about else None),
            )
        data.update(spec.data)
        self.portfolio.add(
            "supporting_documents",
            {
                "client": placed.row["number"],
                "request": request,
                "kind": spec.kind,
                "title": spec.title or kind_title(spec.kind),
                "issued_on": spec.issued_on,
                "valid_until": spec.valid_until,
                "data": _json(data),
                "anomaly": spec.anomaly,
            },
        )


def _generate(scenario: model.Scenario, catalogue: Catalogue, seed: int, sample: int | None) -> Generator:
    """Under the lock: factory-boy's and Faker's shared generators are seeded from `seed` for the
    generation, and given back their previous state afterwards (a caller's own factories are not
    disturbed by a seeding)."""
    with _LOCK:
        saved = (factory.random.randgen.getstate(), faker.generator.random.getstate())
        factory.random.reseed_random(seed)
        try:
            generator = Generator(scenario, catalogue, seed)
            generator.run(sample)
        finally:
            factory.random.randgen.setstate(saved[0])
            faker.generator.random.setstate(saved[1])
    return generator


def generate_portfolio(scenario: model.Scenario, catalogue: Catalogue, seed: int) -> Portfolio:
    """The portfolio of `scenario` for `seed` (rows per table, natural keys); GenerationFailed if the
    engine refuses a contract (a scenario that passed generation_problems never does)."""
    generator = _generate(scenario, catalogue, seed, None)
    if generator.problems:
        raise GenerationFailed(scenario.code, generator.problems)
    return generator.portfolio


def generation_problems(scenario: model.Scenario, catalogue: Catalogue, sample: int = 40) -> list[tuple[str, str]]:
    """The planted contracts the engine refuses, by path, and the products of the population it cannot
    price (on a sample of `sample` generated units) — what polyadmin.services.seeding reports after
    load_scenario, before any seeding."""
    try:
        generator = _generate(scenario, catalogue, scenario.seed, sample)
    except InvalidInput as exc:  # pragma: no cover — a drafter bug, reported rather than hidden
        return [("population", f"{field}: {m}") for field, ms in exc.field_errors.items() for m in ms]
    return generator.problems
