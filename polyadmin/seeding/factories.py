"""factory-boy factories with Faker fr_FR for the generated portfolio, and the identifiers they draw.

Every random choice of one generation comes from one `Draw`: a `random.Random` seeded with the
generation's seed, and a Faker fr_FR instance seeded with it too. Faker is used to fill *pools*
(first names, last names, street names, professions) once per generation; each row then picks from
the pools, which is both fast (no Faker call per row) and stable. The factories are factory-boy
`DictFactory` classes whose every declaration reads the `draw` parameter, so the same seed always
builds the same dicts, in the same order.

Realism rules kept here:
- addresses come from polyadmin.seeding.reference.COMMUNES (postcode and city belong together, and
  every département is in the product zone tables);
- phone numbers use the roots the numbering plan keeps for fiction, e-mails a reserved domain;
- IBANs are valid French IBANs (RIB key and ISO 7064 check digits), SIREN and SIRET pass the Luhn
  check, registrations follow the SIV format and are roughly sequential in time (a vehicle first
  registered in 2012 gets a plate of the 2012 series; one registered before the SIV, in 2009, a
  plate of the year it changed hands).
"""

from __future__ import annotations

import bisect
import itertools
import random
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import factory
from faker import Faker

from polyadmin.domain.identifiers import SIV_LETTERS, french_iban, luhn_is_valid, siret_with_key
from polyadmin.domain.money import round_money, to_decimal
from polyadmin.domain.risk_data import departement
from polyadmin.domain.scenario import add_years
from polyadmin.seeding import reference
from polyadmin.seeding.reference import ACTIVITIES, BANKS, COMMUNES, VEHICLE_MODELS, Activity, Bank, Commune

T = TypeVar("T")

SIV_START = date(2009, 4, 15)
# Left letter block reached on a date (approximate, from the series reported in the press: FA early
# 2019, GA in 2021): blocks are issued in order AA, AB … AZ, BA …; ≈ 10 blocks a year.
SIV_BLOCKS_PER_YEAR = Decimal("9.9")
SIV_LEFT_BLOCKS = [a + b for a in SIV_LETTERS for b in SIV_LETTERS if a + b not in ("SS", "WW")]


def ascii_fold(text: str) -> str:
    """`Éloïse` → `Eloise`: what an e-mail address or a search key keeps of a name."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class Draw:
    """The seeded source of one generation: every choice, every date, every pool."""

    POOL_FIRST = 260
    POOL_LAST = 700
    POOL_STREETS = 900
    POOL_JOBS = 220

    def __init__(self, seed: int, start: date) -> None:
        self.rng = random.Random(seed)  # noqa: S311 — reproducible test data, not secrets
        self.start = start
        faker = Faker("fr_FR")
        faker.seed_instance(seed)
        self.faker = faker
        self.first_names = {
            "M": [faker.first_name_male() for _ in range(self.POOL_FIRST)],
            "F": [faker.first_name_female() for _ in range(self.POOL_FIRST)],
        }
        self.last_names = [faker.last_name() for _ in range(self.POOL_LAST)]
        self.streets = [faker.street_name() for _ in range(self.POOL_STREETS)]
        self.jobs = [faker.job() for _ in range(self.POOL_JOBS)]
        self._commune_weights = list(itertools.accumulate(c.weight for c in COMMUNES))
        self._model_weights = list(itertools.accumulate(m.weight for m in VEHICLE_MODELS))
        self._bank_weights = list(itertools.accumulate(b.weight for b in BANKS))
        self._activity_weights = list(itertools.accumulate(a.weight for a in ACTIVITIES))
        self.used_registrations: set[str] = set()
        self.used_emails: set[str] = set()
        self.used_sirens: set[str] = set()

    # --- primitives -------------------------------------------------------------------------------

    def chance(self, percent: Decimal | int) -> bool:
        # The draw is a binary float; the comparison with the Decimal percent is exact (no conversion).
        return self.rng.random() * 100 < percent

    def pick(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]

    def weighted(self, items: Sequence[T], weights: Sequence[Decimal | int]) -> T:
        total = sum(weights, Decimal(0))
        point = Decimal(self.rng.random()) * total  # Decimal(float) is exact: weights never go through floats
        for item, weight in zip(items, weights, strict=True):
            point -= weight
            if point < 0:
                return item
        return items[-1]

    def _cumulative(self, items: Sequence[T], cumulative: list[int]) -> T:
        return items[bisect.bisect_right(cumulative, self.rng.randrange(cumulative[-1]))]

    def poisson(self, mean: Decimal) -> int:
        """Knuth's method: small means only (claims per year), in exact Decimal arithmetic."""
        limit, count, product = (-mean).exp(), 0, Decimal(self.rng.random())
        while product > limit:
            count += 1
            product *= Decimal(self.rng.random())
        return count

    def day_between(self, first: date, last: date) -> date:
        """A day in [first, last] (first if the range is empty)."""
        span = (last - first).days
        return first + timedelta(days=self.rng.randint(0, span)) if span > 0 else first

    def birth_date(self, age: int) -> date:
        """A birth date giving exactly `age` full years on the start date."""
        latest = add_years(self.start, -age)
        earliest = add_years(self.start, -age - 1) + timedelta(days=1)
        return self.day_between(earliest, latest)

    # --- pools --------------------------------------------------------------------------------------

    def commune(self) -> Commune:
        return self._cumulative(COMMUNES, self._commune_weights)

    def street_line(self) -> str:
        number = self.rng.randint(1, 140)
        suffix = " bis" if self.rng.random() < 0.04 else ""
        return f"{number}{suffix} {self.pick(self.streets)}"

    def address(self, commune: Commune | None = None) -> dict[str, Any]:
        """`line1`, `line2`, `postcode`, `city` of a real commune (drawn unless given)."""
        commune = commune or self.commune()
        line2 = f"Résidence {self.last_name()}, bât. {self.pick('ABCD')}" if self.rng.random() < 0.06 else None
        return {"line1": self.street_line(), "line2": line2, "postcode": commune.postcode, "city": commune.city}

    def interaction(self, first: date, last: date) -> dict[str, Any]:
        """A past contact between `first` and `last`: date, channel, direction, motive, summary."""
        motive, summary = self.pick(reference.INTERACTION_MOTIVES)
        return {
            "occurred_on": self.day_between(first, last),
            "channel": self.weighted(["telephone", "email", "agence", "courrier"], [45, 35, 12, 8]),
            "direction": "entrant" if self.rng.random() < 0.8 else "sortant",
            "motive": motive,
            "summary": summary,
        }

    def person(
        self, age: int, gender: str | None = None, surname: str | None = None, address: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Identity and contact details of a person aged `age`, the draws in a fixed order: gender
        (unless given), first name, last name (unless `surname`), birth date, profession, address
        (unless given), phone, email, preferred channel."""
        if gender is None:
            gender = "M" if self.rng.random() < 0.5 else "F"
        first_name = self.first_name(gender)
        last_name = surname or self.last_name()
        birth_date = self.birth_date(age)
        profession = self.profession(age)
        address_fields = address or self.address()
        dept = departement(address_fields["postcode"])
        phone = self.phone(dept, mobile=self.rng.random() < 0.85)
        email = self.email(first_name, last_name) if self.rng.random() < 0.9 else None
        preferred_channel = (
            self.weighted(["email", "telephone", "sms", "courrier"], [55, 25, 10, 10])
            if email
            else self.weighted(["telephone", "sms", "courrier"], [60, 15, 25])
        )
        return {
            "kind": "person",
            "civility": "M" if gender == "M" else "MME",
            "first_name": first_name,
            "last_name": last_name,
            "birth_date": birth_date,
            "profession": profession,
            "address_fields": address_fields,
            "phone": phone,
            "email": email,
            "preferred_channel": preferred_channel,
        }

    def first_name(self, gender: str) -> str:
        return self.pick(self.first_names[gender])

    def last_name(self) -> str:
        return self.pick(self.last_names)

    def profession(self, age: int) -> str:
        if age >= 64:
            return "Retraité(e)"
        if age <= 22 and self.rng.random() < 0.6:
            return "Étudiant(e)"
        return self.pick(self.jobs)[:120]

    def vehicle_model(self) -> reference.VehicleModel:
        return self._cumulative(VEHICLE_MODELS, self._model_weights)

    def vehicle(self, acquired_on: date) -> dict[str, Any]:
        """A car bought on `acquired_on` (new or used), valued on the start date, the draws in a
        fixed order: model, new or used, first registration, energy, CO2 class, usage, annual mileage."""
        spec = self.vehicle_model()
        new = self.rng.random() < 0.35
        if new:
            first_registration = acquired_on - timedelta(days=self.rng.randint(0, 45))
        else:
            years, days = self.rng.randint(1, 12), self.rng.randint(0, 300)
            first_registration = add_years(acquired_on, -years) - timedelta(days=days)  # relativedelta(years=, days=)
        energy = self.weighted(spec.energies, [4, 2, 1][: len(spec.energies)])
        return {
            "make": spec.make,
            "model": spec.model,
            "vehicle_group": spec.group,
            "first_registration": first_registration,
            "energy": energy,
            "co2_class": self.pick(reference.CO2_CLASSES_BY_ENERGY[energy]),
            "value": money(max(500, _depreciated(spec.new_price, first_registration, self.start))),
            "usage": self.weighted(["trajet", "prive", "professionnel"], [55, 40, 5]),
            "annual_mileage": int(self.rng.triangular(2000, 32000, 11000)) // 500 * 500,
        }

    def bank(self) -> Bank:
        return self._cumulative(BANKS, self._bank_weights)

    def activity(self) -> Activity:
        return self._cumulative(ACTIVITIES, self._activity_weights)

    # --- identifiers ------------------------------------------------------------------------------

    def phone(self, dept: str, mobile: bool = True) -> str:
        root = (
            reference.FICTION_MOBILE if mobile else reference.FICTION_LANDLINES[reference.LANDLINE_ZONE.get(dept, "01")]
        )
        tail = self.rng.randrange(10000)
        return f"{root} {tail // 100:02d} {tail % 100:02d}"

    def email(self, first: str, last: str) -> str:
        local = f"{ascii_fold(first)}.{ascii_fold(last)}".lower().replace(" ", "-").replace("'", "")
        provider = self.weighted([p for p, _ in reference.EMAIL_PROVIDERS], [w for _, w in reference.EMAIL_PROVIDERS])
        address = f"{local}@{provider}{reference.EMAIL_DOMAIN_SUFFIX}"
        number = 1
        while address in self.used_emails:
            number += 1
            address = f"{local}{number}@{provider}{reference.EMAIL_DOMAIN_SUFFIX}"
        self.used_emails.add(address)
        return address

    def company_email(self, name: str) -> str:
        slug = "".join(c if c.isalnum() else "-" for c in ascii_fold(name).lower()).strip("-")
        slug = "-".join(part for part in slug.split("-") if part)[:40] or "entreprise"
        address = f"contact@{slug}{reference.EMAIL_DOMAIN_SUFFIX}"
        number = 1
        while address in self.used_emails:
            number += 1
            address = f"contact@{slug}-{number}{reference.EMAIL_DOMAIN_SUFFIX}"
        self.used_emails.add(address)
        return address

    def iban(self) -> tuple[str, Bank]:
        bank = self.bank()
        branch = f"{self.rng.randrange(100000):05d}"
        account = f"{self.rng.randrange(10**11):011d}"
        return french_iban(bank.code, branch, account), bank

    def siren(self) -> str:
        while True:
            body = f"{self.rng.randint(30000000, 99999999):08d}"
            for key in "0123456789":
                candidate = body + key
                if luhn_is_valid(candidate):
                    break
            if candidate not in self.used_sirens and candidate[:3] != "356":
                self.used_sirens.add(candidate)
                return candidate

    def siret(self, siren: str) -> str:
        return siret_with_key(siren, f"{self.rng.randint(1, 99):04d}")

    def registration(self, issued_on: date) -> str:
        """A SIV registration of the series issued around `issued_on`, never used before here."""
        issued_on = max(issued_on, SIV_START)
        years = Decimal((issued_on - SIV_START).days) / Decimal("365.25")
        position = int(years * SIV_BLOCKS_PER_YEAR)
        while True:
            index = min(max(position + self.rng.randint(-1, 1), 0), len(SIV_LEFT_BLOCKS) - 1)
            right = self.pick(SIV_LETTERS) + self.pick(SIV_LETTERS)
            if right == "SS":
                continue
            plate = f"{SIV_LEFT_BLOCKS[index]}-{self.rng.randint(1, 999):03d}-{right}"
            if plate not in self.used_registrations:
                self.used_registrations.add(plate)
                return plate

    def policy_number(self) -> str:
        letters = self.pick(SIV_LETTERS) + self.pick(SIV_LETTERS)
        return f"{letters}{self.rng.randrange(10**8):08d}"

    def licence_number(self, licence_date: date) -> str:
        """A 12-character licence number of the national format (year, month, series, digits)."""
        return f"{licence_date:%y%m}{self.pick(SIV_LETTERS)}{self.pick(SIV_LETTERS)}{self.rng.randrange(10**6):06d}"


def money(value: Decimal | int) -> Decimal:
    """An amount of the generated data, rounded like every amount (`round_money`: to the cent, half up)."""
    return round_money(to_decimal(value))


# --- factories ---------------------------------------------------------------------------------------


class CompanyFactory(factory.DictFactory):
    """A company (personne morale) of one of the PRO activities: name, SIREN, legal form, contact."""

    class Params:
        draw: Draw | None = None
        trade = factory.LazyAttribute(lambda o: o.draw.activity())
        owner = factory.LazyAttribute(lambda o: o.draw.last_name())

    kind = "company"
    activity_code = factory.LazyAttribute(lambda o: o.trade.code)
    company_name = factory.LazyAttribute(lambda o: f"{o.draw.pick(o.trade.names)} {o.owner}")
    legal_form = factory.LazyAttribute(
        lambda o: o.draw.weighted(
            [f for f, _ in reference.LEGAL_FORMS_DRAW], [w for _, w in reference.LEGAL_FORMS_DRAW]
        )
    )
    siren = factory.LazyAttribute(lambda o: o.draw.siren())
    naf = factory.LazyAttribute(lambda o: o.draw.pick(o.trade.naf))
    activity = factory.LazyAttribute(lambda o: o.naf[1][:160])
    address_fields = factory.LazyAttribute(lambda o: o.draw.address())
    phone = factory.LazyAttribute(lambda o: o.draw.phone(departement(o.address_fields["postcode"]), mobile=False))
    email = factory.LazyAttribute(lambda o: o.draw.company_email(o.company_name))
    preferred_channel = "email"


def _depreciated(new_price: int, first_registration: date, on: date) -> int:
    age = max((on - first_registration).days // 365, 0)
    factors = [0.9, 0.8, 0.7, 0.62, 0.55, 0.48]
    factor = factors[age] if age < len(factors) else 0.48 * 0.88 ** (age - len(factors) + 1)
    return int(new_price * factor) // 100 * 100


class DwellingFactory(factory.DictFactory):
    """A home: type by city size, surface and rooms together, floor, year, security, hazard."""

    class Params:
        draw: Draw | None = None
        city = ""
        hazard = "aucune"
        occupancy_status = "locataire"
        flat = factory.LazyAttribute(lambda o: o.draw.rng.random() < (0.8 if o.city in reference.BIG_CITIES else 0.35))

    dwelling_type = factory.LazyAttribute(lambda o: "appartement" if o.flat else "maison")
    surface = factory.LazyAttribute(
        lambda o: int(o.draw.rng.triangular(18, 130, 55)) if o.flat else int(o.draw.rng.triangular(55, 220, 105))
    )
    rooms = factory.LazyAttribute(lambda o: max(1, min(12, round(o.surface / 24 + o.draw.rng.uniform(-0.4, 0.6)))))
    floor = factory.LazyAttribute(
        lambda o: (0 if o.draw.rng.random() < 0.15 else o.draw.rng.randint(1, 8)) if o.flat else 0
    )
    construction_year = factory.LazyAttribute(
        lambda o: min(int(o.draw.rng.triangular(1890, o.draw.start.year - 1, 1975)), o.draw.start.year - 1)
    )
    security_features = factory.LazyAttribute(
        lambda o: sorted(
            feature
            for feature, percent in (("porte_blindee", 30), ("alarme", 12), ("volets", 45), ("serrure_3_points", 25))
            if o.draw.chance(percent)
        )
    )
    natural_hazard_zone = factory.LazyAttribute(lambda o: o.hazard if o.draw.rng.random() < 0.7 else "aucune")
    contents_value = factory.LazyAttribute(
        lambda o: money(min(200000, o.surface * o.draw.rng.randint(180, 420) // 1000 * 1000 + 3000))
    )


class BusinessFactory(factory.DictFactory):
    """The premises and figures of a business of `trade` (an Activity)."""

    class Params:
        draw: Draw | None = None
        trade: Activity | None = None

    turnover = factory.LazyAttribute(lambda o: money(o.draw.rng.randint(*o.trade.turnover) // 1000 * 1000))
    staff = factory.LazyAttribute(lambda o: o.draw.rng.randint(*o.trade.staff))
    premises_surface = factory.LazyAttribute(lambda o: o.draw.rng.randint(*o.trade.surface))
    contents_value = factory.LazyAttribute(lambda o: money(o.draw.rng.randint(*o.trade.contents) // 1000 * 1000))


class LoanFactory(factory.DictFactory):
    """A home loan taken on `start_date`: capital, duration, a rate of its year, lender."""

    class Params:
        draw: Draw | None = None
        start_date: date | None = None
        max_months = 300

    lender = factory.LazyAttribute(lambda o: o.draw.bank().name)
    capital = factory.LazyAttribute(lambda o: money(int(o.draw.rng.triangular(40000, 450000, 180000)) // 1000 * 1000))
    duration_months = factory.LazyAttribute(lambda o: o.draw.rng.randint(8, max(8, o.max_months // 12)) * 12)
    rate_percent = factory.LazyAttribute(lambda o: _rate_of(o.start_date.year, o.draw))
    purpose = factory.LazyAttribute(lambda o: o.draw.weighted(["residence_principale", "locatif"], [85, 15]))


def _rate_of(year: int, draw: Draw) -> Decimal:
    """A plausible fixed rate of a French home loan of that year (Observatoire Crédit Logement, rounded)."""
    base = {2015: 2.3, 2016: 1.6, 2017: 1.5, 2018: 1.45, 2019: 1.2, 2020: 1.25, 2021: 1.1, 2022: 1.6,
            2023: 3.6, 2024: 3.7, 2025: 3.2, 2026: 3.2}.get(year, 2.8)  # fmt: skip
    return (Decimal(str(base)) + Decimal(draw.rng.randint(-20, 35)) / 100).quantize(Decimal("0.01"))
