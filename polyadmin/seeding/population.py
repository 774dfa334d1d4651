"""The generated population: clients drafted unit by unit (a person, a household, a company) as
ClientSpec objects, then materialised by the Generator exactly like the planted ones.

Drafting rules (documented for trainers in docs/scenarios.md):
- a unit's segment is drawn from `segments`; a household is two client records (the spouse has their
  own record, related as `spouse`), same address; a company's director is, half of the time, a
  person drawn earlier;
- ages from `ages`; licence at 18 to 25 (never before 18); a driver older than 85 gets no AUTO
  contract (the product's limit); a borrower is 20 to 60 when the loan starts and the loan runs at
  the start date;
- motor history: the years between the licence and the AUTO contract are covered by up to two
  previous insurers; claims are drawn for the last five periods (Poisson, `claims_per_year`,
  `at_fault_percent` raising the CRM); the CRM the relevé prints is *computed* from those claims
  (A121-1 annex), starting at 1,00 at the first insurance: the drafter chooses how long the driver
  has been insured claim-free before (never more than the licence allows) so that the CRM comes
  close to a value drawn from `crm` — the distribution is a target, the rules decide the value;
- contracts: products from `products` (percent of the segment's units holding each), formulas and
  frequencies from their mixes, options with `options_percent`, the last due instalment unpaid for
  `unpaid_percent` of contracts; prospects (`prospects_percent`) hold none.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from polyadmin.domain import scenario as model
from polyadmin.domain.bonus_malus import ClaimYear
from polyadmin.domain.catalogue import Product
from polyadmin.domain.clients import GDPR_PURPOSES
from polyadmin.seeding.factories import (
    BusinessFactory,
    CompanyFactory,
    DwellingFactory,
    LoanFactory,
    money,
)
from polyadmin.seeding.reference import ACTIVITIES, COMMUNES, INSURERS

if TYPE_CHECKING:
    from polyadmin.seeding.generate import Generator

HUNDREDTH = Decimal("0.01")
FREE = ClaimYear()
MAX_CHAIN = 90
COMMUNE_BY_POSTCODE = {(c.postcode, c.city): c for c in COMMUNES}

CLAIM_AMOUNTS = {
    ("accident", "full"): (800, 9000),
    ("accident", "partial"): (500, 5000),
    ("accident", "none"): (300, 4000),
    ("bris_glace", "none"): (250, 900),
    ("vol", "none"): (1500, 15000),
    ("stationnement", "none"): (300, 2000),
    ("incendie", "none"): (2000, 18000),
    ("catastrophe_naturelle", "none"): (1000, 8000),
    ("degats_des_eaux", "none"): (400, 6000),
}
NOT_COUNTED = (("accident", 35), ("bris_glace", 33), ("vol", 9), ("stationnement", 15), ("incendie", 3),
               ("catastrophe_naturelle", 5))  # fmt: skip


@cache
def _claim_free_chain() -> tuple[tuple[Decimal, int], ...]:
    """(CRM, years at 0,50) after k claim-free years from 1,00, for k = 0 … MAX_CHAIN."""
    chain = [(Decimal("1.00"), 0)]
    for _ in range(MAX_CHAIN):
        crm, floor = chain[-1]
        result = model.cached_crm_after(crm, (FREE,), "standard", floor)
        chain.append((result.crm, model.years_at_floor_after(crm, floor, (FREE,), result)))
    return tuple(chain)


@lru_cache(maxsize=50000)
def _final_crm(k: int, years: tuple[ClaimYear, ...]) -> Decimal:
    crm, floor = _claim_free_chain()[k]
    return model.cached_crm_after(crm, years, "standard", floor).crm


class PopulationDrafter:
    def __init__(self, generator: Generator, spec: model.PopulationSpec) -> None:
        self.g = generator
        self.spec = spec
        self.draw = generator.draw
        self.start = generator.start
        self.catalogue = generator.catalogue
        self.persons: list[str] = []
        self.lam = Decimal(spec.claims_per_year)
        self.segments = [s for s, p in spec.segments.items() if p > 0]
        self.segment_weights = [spec.segments[s] for s in self.segments]

    # --- the loop -------------------------------------------------------------------------------------

    def run(self, sample: int | None = None) -> None:
        target = self.spec.count if sample is None else min(self.spec.count, sample)
        made = unit = 0
        while made < target and self.segments:
            segment = self.draw.weighted(self.segments, self.segment_weights)
            if segment == "household" and target - made < 2:
                segment = "person"  # one record left: a single person (with the person mix, if any)
            unit += 1
            drafted = self.unit(segment, unit)
            for spec, extra in drafted:
                self.g.next_number(spec.ref)
                self.g.materialise(spec, f"population.products.{segment}", extra)
                if spec.kind == "person":
                    self.persons.append(spec.ref)
            for spec, _extra in drafted:
                self.g.relations(spec)
            made += len(drafted)

    def unit(self, segment: str, unit: int) -> list[tuple[model.ClientSpec, Any]]:
        from polyadmin.seeding.generate import _Extra

        draw = self.draw
        prospect = draw.chance(self.spec.prospects_percent)
        if segment == "company":
            return [self.company(f"p{unit}", prospect, _Extra)]
        age = self.age()
        principal = draw.person(age)
        address = principal.pop("address_fields")
        if segment == "person":
            situation = "veuf" if age > 70 and draw.chance(35) else draw.weighted(["celibataire", "divorce"], [75, 25])
            spec = self.person(f"p{unit}", principal, address, situation, "person", prospect, children=0)
            return [(spec, _Extra(birth_place=draw.commune().city))]
        situation = draw.weighted(["marie", "pacse", "concubinage"], [55, 25, 20])
        spouse_age = max(18, min(99, age + draw.rng.randint(-6, 6)))
        spouse_gender = "F" if principal["civility"] == "M" else "M"
        if draw.chance(8):
            spouse_gender = "M" if spouse_gender == "F" else "F"
        surname = principal["last_name"] if situation == "marie" and draw.chance(75) else None
        spouse = draw.person(spouse_age, spouse_gender, surname, address)
        spouse.pop("address_fields")
        children = draw.weighted([0, 1, 2, 3], [35, 25, 30, 10]) if 25 <= age <= 55 else 0
        spouse_spec = self.person(f"p{unit}b", spouse, address, situation, model.SPOUSE, prospect, children=0)
        principal_spec = self.person(
            f"p{unit}",
            principal,
            address,
            situation,
            "household",
            prospect,
            children=children,
            spouse=spouse_spec,
        )
        return [
            (principal_spec, _Extra(birth_place=draw.commune().city)),
            (spouse_spec, _Extra(birth_place=draw.commune().city)),
        ]

    # --- distributions --------------------------------------------------------------------------------

    def _share(self, shares: tuple[model.Share, ...]) -> model.Share:
        return self.draw.weighted(shares, [s.percent for s in shares])

    def age(self) -> int:
        share = self._share(self.spec.ages)
        return self.draw.rng.randint(int(share.minimum), int(share.maximum))

    def target_crm(self) -> Decimal:
        share = self._share(self.spec.crm)
        low, high = int(share.minimum * 100), int(share.maximum * 100)
        return Decimal(self.draw.rng.randint(low, high)) / 100

    def product(self, code: str) -> Product | None:
        return self.catalogue.product(code)

    def formula(self, product: Product, allowed: list[str] | None = None) -> str:
        mix = self.spec.formulas.get(product.code) or {f.code: Decimal(1) for f in product.formulas}
        codes = [c for c in mix if product.formula(c) is not None and (allowed is None or c in allowed) and mix[c] > 0]
        if not codes:
            codes = [f.code for f in product.formulas if allowed is None or f.code in allowed] or [
                product.formulas[0].code
            ]
            return self.draw.pick(codes)
        return self.draw.weighted(codes, [mix[c] for c in codes])

    def frequency(self, product: Product) -> str:
        codes = [c for c, p in self.spec.frequencies.items() if product.frequency(c) is not None and p > 0]
        if not codes:
            return self.draw.pick([f.code for f in product.frequencies])
        return self.draw.weighted(codes, [self.spec.frequencies[c] for c in codes])

    def options(self, product: Product, formula: str, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
        chosen = product.formula(formula)
        assert chosen is not None
        return tuple(o for o in chosen.options if o not in exclude and self.draw.chance(self.spec.options_percent))

    def contract_start(self, earliest: date, years: int = 12) -> date:
        """A start between `earliest` and the day before the start date, not older than `years`."""
        first = max(earliest, model.add_years(self.start, -years))
        return self.draw.day_between(first, self.start - timedelta(days=1))

    # --- persons --------------------------------------------------------------------------------------

    def person(
        self,
        ref: str,
        identity: dict[str, Any],
        address: dict[str, Any],
        situation: str,
        segment: str,
        prospect: bool,
        *,
        children: int,
        spouse: model.ClientSpec | None = None,
    ) -> model.ClientSpec:
        draw = self.draw
        birth: date = identity["birth_date"]
        age = model.years_between(birth, self.start)
        consent = draw.chance(55)
        purposes = tuple(p for p in GDPR_PURPOSES if consent and draw.chance(40))
        wanted = (
            []
            if prospect
            else [code for code, percent in self.spec.products.get(segment, {}).items() if draw.chance(percent)]
        )
        licence = None
        if age >= 18 and (draw.chance(88) or "AUTO" in wanted):
            licence_age = min(18 + int(draw.rng.triangular(0, 12, 0)), age)
            licence = model.add_years(birth, licence_age) + timedelta(days=draw.rng.randint(0, 300))
            if licence >= self.start:
                licence = self.start - timedelta(days=draw.rng.randint(30, 200))
            if licence < model.add_years(birth, 18):
                licence = None
        parts: dict[str, list[Any]] = {k: [] for k in ("vehicles", "dwellings", "businesses", "loans", "histories",
                                                          "contracts", "claims")}  # fmt: skip
        for code in wanted:
            product = self.product(code)
            if product is None:
                continue
            line = product.line
            if line == "auto" and licence is not None and age <= 84:
                self.auto(ref, product, birth, licence, parts)
            elif line == "habitation":
                self.home(ref, product, birth, address, parts)
            elif line == "sante":
                self.health(ref, product, birth, children, spouse, parts)
            elif line == "emprunteur":
                self.borrower(ref, product, birth, segment, parts)
            elif line == "professionnelle":
                self.professional(ref, product, model.add_years(birth, 18), draw.activity(), address, parts)
        first_contact = min((c.start_date for c in parts["contracts"]), default=self.start - timedelta(days=700))
        interactions = self.interactions(max(first_contact, model.add_years(self.start, -3)))
        if prospect:
            interactions = (
                model.InteractionSpec(
                    occurred_on=self.start - timedelta(days=draw.rng.randint(5, 400)),
                    channel=draw.pick(["telephone", "email", "agence"]),
                    direction="entrant",
                    motive="Demande de devis",
                    summary="Prospect : besoins recueillis, devis à établir.",
                ),
                *interactions,
            )
        return model.ClientSpec(
            ref=ref,
            kind="person",
            status="prospect" if prospect else "client",
            civility=identity["civility"],
            first_name=identity["first_name"],
            last_name=identity["last_name"],
            birth_date=birth,
            profession=identity["profession"],
            family_situation=situation,
            address=model.Address(address["line1"], address["postcode"], address["city"], address["line2"]),
            phone=identity["phone"],
            email=identity["email"],
            preferred_channel=identity["preferred_channel"],
            accessible_formats=("gros_caracteres",) if draw.chance(2) else (),
            gdpr_consent=consent,
            gdpr_purposes=purposes,
            licence_date=licence,
            accompanied_driving=licence is not None and draw.chance(20),
            relations=(model.RelationSpec("spouse", spouse.ref),) if spouse is not None else (),
            vehicles=tuple(parts["vehicles"]),
            dwellings=tuple(parts["dwellings"]),
            businesses=tuple(parts["businesses"]),
            loans=tuple(parts["loans"]),
            histories=tuple(parts["histories"]),
            contracts=tuple(parts["contracts"]),
            claims=tuple(parts["claims"]),
            interactions=interactions,
        )

    def interactions(self, first: date) -> tuple[model.InteractionSpec, ...]:
        count = min(self.draw.poisson(Decimal(self.spec.interactions_per_client)), 6)
        last = self.start - timedelta(days=1)
        items = [self.draw.interaction(min(first, last), last) for _ in range(count)]
        return tuple(sorted((model.InteractionSpec(**item) for item in items), key=lambda i: i.occurred_on))

    # --- claims ---------------------------------------------------------------------------------------

    def claim(
        self, first: date, last: date, *, counted: bool | None = None, contract: str | None = None
    ) -> model.ClaimSpec:
        draw = self.draw
        if counted is None:
            counted = draw.chance(self.spec.at_fault_percent)
        if counted:
            kind, liability = "accident", ("full" if draw.chance(80) else "partial")
        else:
            kind = draw.weighted([k for k, _ in NOT_COUNTED], [w for _, w in NOT_COUNTED])
            liability = "none"
        low, high = CLAIM_AMOUNTS[(kind, liability)]
        occurred = draw.day_between(first, last)
        recent = (self.start - occurred).days < 60
        return model.ClaimSpec(
            occurred_on=occurred,
            kind=kind,
            liability=liability,
            amount=money(draw.rng.randint(low, high)),
            status="open" if recent and draw.chance(60) else "closed",
            contract=contract,
        )

    def auto(self, ref: str, product: Product, birth: date, licence: date, parts: dict[str, list[Any]]) -> None:
        draw = self.draw
        start = self.contract_start(max(licence, model.add_years(birth, 18)))
        vref = f"{ref}-v{len(parts['vehicles']) + 1}"
        vehicle = draw.vehicle(start)
        parts["vehicles"].append(model.VehicleSpec(ref=vref, **vehicle))
        years_before = model.years_between(licence, start)
        histories: list[model.HistorySpec] = []
        if years_before >= 1:
            histories = self.motor_history(ref, start, years_before)
        parts["histories"].extend(histories)
        cref = f"{ref}-auto"
        claims: list[model.ClaimSpec] = []
        year = 0
        while (begin := model.add_years(start, year)) < self.start:
            end = min(model.add_years(start, year + 1), self.start) - timedelta(days=1)
            for _ in range(draw.poisson(self.lam)):
                claims.append(self.claim(begin, end, contract=cref))
            year += 1
        parts["claims"].extend(sorted(claims, key=lambda c: c.occurred_on))
        formula = self.formula(product)
        exclude = ("pay_as_you_drive",) if vehicle["annual_mileage"] > 8000 else ()
        parts["contracts"].append(
            model.ContractSpec(
                ref=cref,
                product=product.code,
                formula=formula,
                frequency=self.frequency(product),
                start_date=start,
                options=self.options(product, formula, exclude),
                vehicle=vref,
                unpaid=1 if draw.chance(self.spec.unpaid_percent) else 0,
            )
        )

    def motor_history(self, ref: str, start: date, years_before: int) -> list[model.HistorySpec]:
        """The previous insurers of a driver whose contract with us starts on `start`."""
        draw = self.draw
        length = min(years_before, draw.rng.randint(1, 8))
        h2_start = model.add_years(start, -length)
        dues = model.annual_due_dates(h2_start, start)
        window = dues[-min(length, model.RELEVE_YEARS) :]
        statement = start - timedelta(days=draw.rng.randint(5, 40))
        oldest = model.add_years(statement, -model.RELEVE_YEARS)
        claims: list[model.ClaimSpec] = []
        for due in window:
            period_start, period_end = model.cached_reference_period(due)
            first, last = max(period_start, h2_start, oldest), min(period_end, statement)
            if first > last:
                continue
            for _ in range(draw.poisson(self.lam)):
                claims.append(self.claim(first, last))
        target = self.target_crm()
        k_max = min(years_before - length, MAX_CHAIN)

        def years_of(items: list[model.ClaimSpec]) -> tuple[ClaimYear, ...]:
            return model.claim_years(model.counted_claims(items), dues)

        def best(items: list[model.ClaimSpec]) -> tuple[int, Decimal]:
            years = years_of(items)
            candidates = sorted({*range(0, min(k_max, 16) + 1), k_max})
            chosen = min(candidates, key=lambda k: (abs(_final_crm(k, years) - target), -k))
            return chosen, _final_crm(chosen, years)

        k, final = best(claims)
        if target > Decimal("1.00"):
            last_start, last_end = model.cached_reference_period(dues[-1])
            first, last = max(last_start, h2_start, oldest), min(last_end, statement)
            added = 0
            while final < target - Decimal("0.05") and added < 3 and first <= last:
                claims.append(self.claim(first, last, counted=True))
                k, final = best(claims)
                added += 1
        claims.sort(key=lambda c: c.occurred_on)
        counted = sum(1 for c in claims if c.kind == "accident" and c.liability != "none")
        if draw.chance(self.spec.terminated_percent):
            terminated_by, reason = "insurer", ("claims" if counted >= 2 else "non_payment")
        else:
            terminated_by, reason = "insured", draw.weighted(["echeance", "hamon"], [70, 30])
        histories = []
        if k >= 1:
            h1_start = model.add_years(h2_start, -k)
            histories.append(
                model.HistorySpec(
                    ref=f"{ref}-h1",
                    line="auto",
                    insurer=draw.pick(INSURERS),
                    start_date=h1_start,
                    end_date=h2_start,
                    statement_date=h2_start - timedelta(days=draw.rng.randint(5, 40)),
                    terminated_by="insured",
                    termination_reason=draw.weighted(["echeance", "demenagement"], [80, 20]),
                )
            )
        insurer = draw.pick(INSURERS)
        if histories and insurer == histories[0].insurer:
            insurer = INSURERS[(INSURERS.index(insurer) + 1) % len(INSURERS)]
        histories.append(
            model.HistorySpec(
                ref=f"{ref}-h2",
                line="auto",
                insurer=insurer,
                start_date=h2_start,
                end_date=start,
                statement_date=max(statement, claims[-1].occurred_on if claims else statement),
                terminated_by=terminated_by,
                termination_reason=reason,
                claims=tuple(claims),
            )
        )
        return histories

    # --- home, health, loan, business -----------------------------------------------------------------

    def home(
        self, ref: str, product: Product, birth: date, address: dict[str, Any], parts: dict[str, list[Any]]
    ) -> None:
        draw = self.draw
        age = model.years_between(birth, self.start)
        allowed = [f.code for f in product.formulas]
        if age < 28:
            allowed = [c for c in allowed if c.startswith("locataire")] or allowed
        formula = self.formula(product, allowed)
        if formula.startswith("locataire"):
            occupancy = "locataire"
        elif formula == "proprietaire_non_occupant":
            occupancy = "proprietaire_non_occupant"
        else:
            occupancy = "proprietaire_occupant"
        where = draw.address() if occupancy == "proprietaire_non_occupant" else address
        commune = COMMUNE_BY_POSTCODE.get((where["postcode"], where["city"]))
        dwelling = DwellingFactory.build(
            draw=draw, city=where["city"], hazard=commune.hazard if commune else "aucune", occupancy_status=occupancy
        )
        dref = f"{ref}-d{len(parts['dwellings']) + 1}"
        parts["dwellings"].append(
            model.DwellingSpec(
                ref=dref,
                occupancy_status=occupancy,
                residence="principale",
                address=model.Address(where["line1"], where["postcode"], where["city"])
                if occupancy == "proprietaire_non_occupant"
                else None,
                **{**dwelling, "security_features": tuple(dwelling["security_features"])},
            )
        )
        start = self.contract_start(model.add_years(birth, 18), years=15)
        if draw.chance(40) and model.add_years(start, -1) > model.add_years(birth, 18):
            length = draw.rng.randint(1, max(1, min(6, model.years_between(model.add_years(birth, 18), start))))
            begin = model.add_years(start, -length)
            claims: tuple[model.ClaimSpec, ...] = ()
            if draw.chance(12):
                first = begin
                claims = (
                    model.ClaimSpec(
                        occurred_on=draw.day_between(first, start - timedelta(days=1)),
                        kind="degats_des_eaux",
                        liability="none",
                        amount=money(draw.rng.randint(400, 6000)),
                    ),
                )
            parts["histories"].append(
                model.HistorySpec(
                    ref=f"{ref}-mrh",
                    line="habitation",
                    insurer=draw.pick(INSURERS),
                    start_date=begin,
                    end_date=start,
                    terminated_by="insured",
                    termination_reason=draw.weighted(["echeance", "hamon", "demenagement"], [40, 30, 30]),
                    claims=claims,
                )
            )
        parts["contracts"].append(
            model.ContractSpec(
                ref=f"{ref}-mrh-{len(parts['dwellings'])}",
                product=product.code,
                formula=formula,
                frequency=self.frequency(product),
                start_date=start,
                options=self.options(product, formula),
                dwelling=dref,
                unpaid=1 if draw.chance(self.spec.unpaid_percent) else 0,
            )
        )

    def health(
        self,
        ref: str,
        product: Product,
        birth: date,
        children: int,
        spouse: model.ClientSpec | None,
        parts: dict[str, list[Any]],
    ) -> None:
        draw = self.draw
        start = self.contract_start(model.add_years(birth, 18), years=10)
        period_start, _ = model.current_period(start, self.start)
        risk: dict[str, Any] = {}
        if spouse is not None and spouse.birth_date is not None and draw.chance(70):
            spouse_age = model.years_between(spouse.birth_date, period_start)
            if 18 <= spouse_age <= 99:
                risk.update(has_spouse=True, spouse_age=spouse_age)
        if children:
            risk["children"] = children
        if draw.chance(6):
            risk["regime"] = "tns"
        formula = self.formula(product)
        parts["contracts"].append(
            model.ContractSpec(
                ref=f"{ref}-sante",
                product=product.code,
                formula=formula,
                frequency=self.frequency(product),
                start_date=start,
                options=self.options(product, formula),
                risk={k: v for k, v in risk.items() if product.risk_field(k) is not None},
                unpaid=1 if draw.chance(self.spec.unpaid_percent) else 0,
            )
        )

    def borrower(self, ref: str, product: Product, birth: date, segment: str, parts: dict[str, list[Any]]) -> None:
        draw = self.draw
        earliest = max(model.add_years(birth, 20), model.add_years(self.start, -12))
        latest = min(model.add_years(birth, 60), self.start - timedelta(days=31))
        if earliest > latest:
            return
        start = draw.day_between(earliest, latest).replace(day=1)
        if start < earliest:
            start = earliest
        age_at_start = model.years_between(birth, start)
        max_months = min(300, (75 - age_at_start) * 12)
        elapsed = (self.start.year - start.year) * 12 + self.start.month - start.month
        if max_months < 96 or max_months <= elapsed + 12:
            return
        loan = LoanFactory.build(draw=draw, start_date=start, max_months=max_months)
        if loan["duration_months"] <= elapsed + 12:
            loan["duration_months"] = min(max_months, (elapsed // 12 + 3) * 12)
        period_start, _ = model.current_period(start, self.start)
        if model.years_between(birth, period_start) > 70:
            return
        lref = f"{ref}-l{len(parts['loans']) + 1}"
        share = 100 if segment == "person" else draw.weighted([50, 100], [60, 40])
        parts["loans"].append(model.LoanSpec(ref=lref, start_date=start, insured_share_percent=share, **loan))
        formula = self.formula(product)
        risk = {
            "smoker": draw.chance(18),
            "profession_class": draw.weighted(["classe_1", "classe_2", "classe_3", "classe_4"], [60, 25, 10, 5]),
        }
        parts["contracts"].append(
            model.ContractSpec(
                ref=f"{ref}-emp-{len(parts['loans'])}",
                product=product.code,
                formula=formula,
                frequency=self.frequency(product),
                start_date=start,
                options=self.options(product, formula),
                loan=lref,
                risk={k: v for k, v in risk.items() if product.risk_field(k) is not None},
                unpaid=1 if draw.chance(self.spec.unpaid_percent) else 0,
            )
        )

    def professional(
        self,
        ref: str,
        product: Product,
        founded: date,
        trade: Any,
        address: dict[str, Any],
        parts: dict[str, list[Any]],
    ) -> None:
        draw = self.draw
        figures = BusinessFactory.build(draw=draw, trade=trade)
        naf, label = draw.pick(trade.naf)
        bref = f"{ref}-b{len(parts['businesses']) + 1}"
        parts["businesses"].append(model.BusinessSpec(ref=bref, naf_code=naf, activity=label[:160], **figures))
        allowed = None if figures["premises_surface"] > 0 else [f.code for f in product.formulas if not f.guarantees]
        formula = self.formula(product, allowed or None)
        start = self.contract_start(founded, years=12)
        parts["contracts"].append(
            model.ContractSpec(
                ref=f"{ref}-pro-{len(parts['businesses'])}",
                product=product.code,
                formula=formula,
                frequency=self.frequency(product),
                start_date=start,
                options=self.options(product, formula),
                business=bref,
                unpaid=1 if draw.chance(self.spec.unpaid_percent) else 0,
            )
        )

    # --- companies ------------------------------------------------------------------------------------

    def company(self, ref: str, prospect: bool, extra_type: Any) -> tuple[model.ClientSpec, Any]:
        draw = self.draw
        identity = CompanyFactory.build(draw=draw)
        address = identity["address_fields"]
        trade = next(a for a in ACTIVITIES if a.code == identity["activity_code"])
        years, days = draw.rng.randint(1, 30), draw.rng.randint(0, 360)  # drawn in this order
        created = model.add_years(self.start, -years) - timedelta(days=days)  # relativedelta(years=, days=)
        parts: dict[str, list[Any]] = {k: [] for k in ("vehicles", "dwellings", "businesses", "loans", "histories",
                                                          "contracts", "claims")}  # fmt: skip
        wanted = (
            []
            if prospect
            else [code for code, percent in self.spec.products.get("company", {}).items() if draw.chance(percent)]
        )
        for code in wanted:
            product = self.product(code)
            if product is not None and product.line == "professionnelle":
                self.professional(ref, product, created, trade, address, parts)
        if not parts["businesses"]:
            figures = BusinessFactory.build(draw=draw, trade=trade)
            naf, label = identity["naf"]
            parts["businesses"].append(
                model.BusinessSpec(ref=f"{ref}-b1", naf_code=naf, activity=label[:160], **figures)
            )
        else:
            first = parts["businesses"][0]
            naf = first.naf_code
            identity["activity"] = first.activity
        director = self.draw.pick(self.persons) if self.persons and draw.chance(50) else None
        first_contact = min((c.start_date for c in parts["contracts"]), default=self.start - timedelta(days=500))
        spec = model.ClientSpec(
            ref=ref,
            kind="company",
            status="prospect" if prospect else "client",
            company_name=identity["company_name"],
            siren=identity["siren"],
            legal_form=identity["legal_form"],
            activity=identity["activity"],
            address=model.Address(address["line1"], address["postcode"], address["city"], address["line2"]),
            phone=identity["phone"],
            email=identity["email"],
            preferred_channel="email",
            gdpr_consent=draw.chance(40),
            relations=(model.RelationSpec("director", director),) if director else (),
            businesses=tuple(parts["businesses"]),
            contracts=tuple(parts["contracts"]),
            interactions=self.interactions(max(first_contact, model.add_years(self.start, -3))),
        )
        return spec, extra_type(company_created=created, director=director)
