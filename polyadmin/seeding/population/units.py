"""The population loop: units (a person, a household, a company) drafted as ClientSpecs, then built
like the planted clients (polyadmin.seeding.builders.clients)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from polyadmin.domain import scenario as model
from polyadmin.domain.catalogue import Product
from polyadmin.domain.clients import GDPR_PURPOSES
from polyadmin.seeding.builders.clients import ClientExtra, add_client, add_relations
from polyadmin.seeding.context import GenerationContext
from polyadmin.seeding.factories import BusinessFactory, CompanyFactory
from polyadmin.seeding.population.drafting import Drafting, Parts, new_parts
from polyadmin.seeding.population.lines import draft_borrower, draft_health, draft_home, draft_professional
from polyadmin.seeding.population.motor import draft_auto
from polyadmin.seeding.reference import ACTIVITIES

Drafted = list[tuple[model.ClientSpec, ClientExtra]]


def draft_population(ctx: GenerationContext, spec: model.PopulationSpec, sample: int | None = None) -> None:
    """`spec.count` client records (at most `sample`), unit by unit, each built as soon as drafted."""
    d = Drafting(ctx, spec)
    target = spec.count if sample is None else min(spec.count, sample)
    made = unit = 0
    while made < target and d.segments:
        segment = d.draw.weighted(d.segments, d.segment_weights)
        if segment == "household" and target - made < 2:
            segment = "person"  # one record left: a single person (with the person mix, if any)
        unit += 1
        drafted = _draft_unit(d, segment, unit)
        for client, extra in drafted:
            ctx.number_client(client.ref)
            add_client(ctx, client, f"population.products.{segment}", extra)
            if client.kind == "person":
                d.persons.append(client.ref)
        for client, _extra in drafted:
            add_relations(ctx, client)
        made += len(drafted)


def _draft_unit(d: Drafting, segment: str, unit: int) -> Drafted:
    draw = d.draw
    prospect = draw.chance(d.spec.prospects_percent)
    if segment == "company":
        return [_draft_company(d, f"p{unit}", prospect)]
    age = d.age()
    principal = draw.person(age)
    address = principal.pop("address_fields")
    if segment == "person":
        situation = "veuf" if age > 70 and draw.chance(35) else draw.weighted(["celibataire", "divorce"], [75, 25])
        spec = _draft_person(d, f"p{unit}", principal, address, situation, "person", prospect, children=0)
        return [(spec, ClientExtra(birth_place=draw.commune().city))]
    return _draft_household(d, unit, age, principal, address, prospect)


def _draft_household(
    d: Drafting, unit: int, age: int, principal: dict[str, Any], address: dict[str, Any], prospect: bool
) -> Drafted:
    """A couple (the spouse has their own record, same address), with children when 25 to 55."""
    draw = d.draw
    situation = draw.weighted(["marie", "pacse", "concubinage"], [55, 25, 20])
    spouse_age = max(18, min(99, age + draw.rng.randint(-6, 6)))
    spouse_gender = "F" if principal["civility"] == "M" else "M"
    if draw.chance(8):
        spouse_gender = "M" if spouse_gender == "F" else "F"
    surname = principal["last_name"] if situation == "marie" and draw.chance(75) else None
    spouse = draw.person(spouse_age, spouse_gender, surname, address)
    spouse.pop("address_fields")
    children = draw.weighted([0, 1, 2, 3], [35, 25, 30, 10]) if 25 <= age <= 55 else 0
    spouse_spec = _draft_person(d, f"p{unit}b", spouse, address, situation, model.SPOUSE, prospect, children=0)
    principal_spec = _draft_person(
        d,
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
        (principal_spec, ClientExtra(birth_place=draw.commune().city)),
        (spouse_spec, ClientExtra(birth_place=draw.commune().city)),
    ]


# --- persons ----------------------------------------------------------------------------------------


def _draft_person(
    d: Drafting,
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
    draw = d.draw
    birth: date = identity["birth_date"]
    age = model.years_between(birth, d.start)
    consent = draw.chance(55)
    purposes = tuple(p for p in GDPR_PURPOSES if consent and draw.chance(40))
    wanted = [] if prospect else d.wanted(segment)
    licence = _draft_licence(d, birth, age, "AUTO" in wanted)
    parts = new_parts()
    for code in wanted:
        product = d.product(code)
        if product is not None:
            _draft_line(d, ref, product, birth, licence, address, segment, children, spouse, parts)
    first_contact = min((c.start_date for c in parts["contracts"]), default=d.start - timedelta(days=700))
    interactions = _draft_interactions(d, max(first_contact, model.add_years(d.start, -3)))
    if prospect:
        interactions = (
            model.InteractionSpec(
                occurred_on=d.start - timedelta(days=draw.rng.randint(5, 400)),
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


def _draft_line(
    d: Drafting,
    ref: str,
    product: Product,
    birth: date,
    licence: date | None,
    address: dict[str, Any],
    segment: str,
    children: int,
    spouse: model.ClientSpec | None,
    parts: Parts,
) -> None:
    """The records and contract of one product a person holds, by its line (no AUTO contract without
    a licence or after 84: the product's age limit)."""
    line = product.line
    age = model.years_between(birth, d.start)
    if line == "auto" and licence is not None and age <= 84:
        draft_auto(d, ref, product, birth, licence, parts)
    elif line == "habitation":
        draft_home(d, ref, product, birth, address, parts)
    elif line == "sante":
        draft_health(d, ref, product, birth, children, spouse, parts)
    elif line == "emprunteur":
        draft_borrower(d, ref, product, birth, segment, parts)
    elif line == "professionnelle":
        draft_professional(d, ref, product, model.add_years(birth, 18), d.draw.activity(), parts)


def _draft_licence(d: Drafting, birth: date, age: int, wants_auto: bool) -> date | None:
    """A driving licence for 88 % of adults (all who want an AUTO contract), at 18 to 30, never on or
    after the start date nor before 18."""
    draw = d.draw
    if not (age >= 18 and (draw.chance(88) or wants_auto)):
        return None
    licence_age = min(18 + int(draw.rng.triangular(0, 12, 0)), age)
    licence = model.add_years(birth, licence_age) + timedelta(days=draw.rng.randint(0, 300))
    if licence >= d.start:
        licence = d.start - timedelta(days=draw.rng.randint(30, 200))
    if licence < model.add_years(birth, 18):
        return None
    return licence


def _draft_interactions(d: Drafting, first: date) -> tuple[model.InteractionSpec, ...]:
    count = min(d.draw.poisson(Decimal(d.spec.interactions_per_client)), 6)
    last = d.start - timedelta(days=1)
    items = [d.draw.interaction(min(first, last), last) for _ in range(count)]
    return tuple(sorted((model.InteractionSpec(**item) for item in items), key=lambda i: i.occurred_on))


# --- companies --------------------------------------------------------------------------------------


def _draft_company(d: Drafting, ref: str, prospect: bool) -> tuple[model.ClientSpec, ClientExtra]:
    """A company of one of the PRO activities, with at least one business; its director is, half of
    the time, a person drafted earlier."""
    draw = d.draw
    identity = CompanyFactory.build(draw=draw)
    address = identity["address_fields"]
    trade = next(a for a in ACTIVITIES if a.code == identity["activity_code"])
    years, days = draw.rng.randint(1, 30), draw.rng.randint(0, 360)  # drawn in this order
    created = model.add_years(d.start, -years) - timedelta(days=days)  # relativedelta(years=, days=)
    parts = new_parts()
    wanted = [] if prospect else d.wanted("company")
    for code in wanted:
        product = d.product(code)
        if product is not None and product.line == "professionnelle":
            draft_professional(d, ref, product, created, trade, parts)
    if not parts["businesses"]:
        figures = BusinessFactory.build(draw=draw, trade=trade)
        naf, label = identity["naf"]
        parts["businesses"].append(model.BusinessSpec(ref=f"{ref}-b1", naf_code=naf, activity=label[:160], **figures))
    else:
        identity["activity"] = parts["businesses"][0].activity
    director = draw.pick(d.persons) if d.persons and draw.chance(50) else None
    first_contact = min((c.start_date for c in parts["contracts"]), default=d.start - timedelta(days=500))
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
        interactions=_draft_interactions(d, max(first_contact, model.add_years(d.start, -3))),
    )
    return spec, ClientExtra(company_created=created, director=director)
