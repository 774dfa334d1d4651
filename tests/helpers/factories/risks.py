"""What a client owns or had: vehicles, dwellings, businesses, loans, insurance history, claims (seeded rows)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from polyadmin.store.portfolio import Business, Claim, Dwelling, InsuranceHistory, Loan, Vehicle
from tests.helpers.factories.clients import SandboxRowFactory


class VehicleFactory(SandboxRowFactory):
    class Meta:
        model = Vehicle

    registration = factory.Sequence(lambda n: f"AB-{100 + n % 900:03d}-CD")
    registration_key = factory.LazyAttribute(lambda o: o.registration.replace("-", ""))
    make = "Peugeot"
    model = "208"
    vehicle_group = 27
    first_registration = date(2021, 6, 1)
    energy = "essence"
    co2_class = "C"
    value = Decimal("15900.00")
    usage = "prive_trajet"
    garage_postcode = "69003"
    annual_mileage = 12000


class DwellingFactory(SandboxRowFactory):
    class Meta:
        model = Dwelling

    address_line1 = "12 rue des Lilas"
    postcode = "69003"
    city = "LYON"
    dwelling_type = "appartement"
    occupancy_status = "locataire"
    residence = "principale"
    surface = 64
    rooms = 3
    floor = 2
    construction_year = 1975
    security_features = factory.LazyFunction(lambda: ["porte_blindee"])
    natural_hazard_zone = "aucune"
    contents_value = Decimal("18000.00")


class BusinessFactory(SandboxRowFactory):
    class Meta:
        model = Business

    siret = "55203253400054"
    naf_code = "10.71C"
    activity = "Boulangerie et boulangerie-pâtisserie"
    turnover = Decimal("420000.00")
    staff = 6
    address_line1 = "3 rue Oberkampf"
    postcode = "75011"
    city = "PARIS"
    premises_surface = 120
    contents_value = Decimal("85000.00")


class LoanFactory(SandboxRowFactory):
    class Meta:
        model = Loan

    lender = "Banque du Rhône"
    capital = Decimal("180000.00")
    duration_months = 240
    rate_percent = Decimal("3.45")
    purpose = "residence_principale"
    start_date = date(2025, 9, 1)
    insured_share_percent = 100


class InsuranceHistoryFactory(SandboxRowFactory):
    """A previous auto policy, ended at the insured's request, with its relevé d'information."""

    class Meta:
        model = InsuranceHistory

    line = "auto"
    insurer = "Mutuelle d'Armor"
    policy_number = factory.Sequence(lambda n: f"MA-{n:06d}")
    start_date = date(2019, 1, 1)
    end_date = date(2025, 12, 31)
    crm = Decimal("0.68")
    statement_date = date(2026, 1, 10)
    terminated_by = "insured"
    termination_reason = "echeance"


class ClaimFactory(SandboxRowFactory):
    """A claim of a previous policy (`history=`) or of a contract (`contract=`)."""

    class Meta:
        model = Claim
        exclude = ("client", "history", "contract")

    history = None
    contract = None
    history_id = factory.LazyAttribute(lambda o: o.history.id if o.history else None)
    contract_id = factory.LazyAttribute(lambda o: o.contract.id if o.contract else None)
    occurred_on = date(2023, 4, 12)
    kind = "accident"
    liability = "partial"
    amount = Decimal("2300.00")
    status = "closed"
    description = "Accrochage à un carrefour, torts partagés."
