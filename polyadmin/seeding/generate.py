"""Scenario + catalogue + seed → Portfolio: deterministic, pure of any database.

`generate_portfolio(scenario, catalogue, seed)` builds the rows of every portfolio table in the
natural-key form of polyadmin.seeding.portfolio:

1. the planted clients, in the order of the file, numbered first (CL-000001…): what the trainer wrote,
   completed where the file is silent (address, phone, e-mail, IBAN, registration, SIRET…);
2. the subscription requests (DS-000001…), with their supporting documents (filled from the client's
   records, then overridden by the file), the expected outcome and the scripted expert answers;
3. the generated population (polyadmin.seeding.population), drawn unit by unit.

Every client goes through the same builders (polyadmin.seeding.builders, one module per table,
sharing one GenerationContext), so the consistency rules hold for all: the CRM of each motor
history follows its claims by the A121-1 annex (polyadmin.domain.scenario.auto_crm_chain), a
contract's risk data come from the client's records, contracts are priced by the engine for their
current annual period (premium, annual total, and the engine's instalments, paid before the start
date, due after it, the last ones unpaid where the scenario says so).

Same scenario, catalogue and seed → the same Portfolio, row for row (the digest of
polyadmin.seeding.portfolio). Faker and factory-boy keep global random state: generations are
serialised by a lock, each one reseeding them first.
"""

from __future__ import annotations

import threading

import factory.random
import faker.generator

from polyadmin.domain import scenario as model
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.scenario import ScenarioInvalid, ScenarioProblem
from polyadmin.seeding.builders.clients import ClientExtra, add_client, add_relations
from polyadmin.seeding.builders.requests import add_request
from polyadmin.seeding.context import GenerationContext
from polyadmin.seeding.population import draft_population
from polyadmin.seeding.portfolio import Portfolio

_LOCK = threading.Lock()


class GenerationFailed(ScenarioInvalid):
    """Contracts the engine refused, by scenario path (planted clients) or population product — a
    ScenarioInvalid, so the edges report it like any other scenario problem."""

    def __init__(self, code: str, problems: list[tuple[str, str]]) -> None:
        super().__init__([ScenarioProblem(code, path, message) for path, message in problems])


def _run(ctx: GenerationContext, population_sample: int | None = None) -> None:
    """The planted clients (numbered first, then built, then related), the requests, the population."""
    scenario = ctx.scenario
    for client in scenario.clients:
        ctx.number_client(client.ref)
    for index, client in enumerate(scenario.clients):
        add_client(ctx, client, f"clients[{index}]", ClientExtra())
    for client in scenario.clients:
        add_relations(ctx, client)
    for request in scenario.requests:
        add_request(ctx, request)
    if scenario.population is not None:
        draft_population(ctx, scenario.population, population_sample)


def _generate(scenario: model.Scenario, catalogue: Catalogue, seed: int, sample: int | None) -> GenerationContext:
    """Under the lock: factory-boy's and Faker's shared generators are seeded from `seed` for the
    generation, and given back their previous state afterwards (a caller's own factories are not
    disturbed by a seeding)."""
    with _LOCK:
        saved = (factory.random.randgen.getstate(), faker.generator.random.getstate())
        factory.random.reseed_random(seed)
        try:
            context = GenerationContext.start_generation(scenario, catalogue, seed)
            _run(context, sample)
        finally:
            factory.random.randgen.setstate(saved[0])
            faker.generator.random.setstate(saved[1])
    return context


def generate_portfolio(scenario: model.Scenario, catalogue: Catalogue, seed: int) -> Portfolio:
    """The portfolio of `scenario` for `seed` (rows per table, natural keys); GenerationFailed if the
    engine refuses a contract (a scenario that passed generation_problems never does)."""
    context = _generate(scenario, catalogue, seed, None)
    if context.problems:
        raise GenerationFailed(scenario.code, context.problems)
    return context.portfolio


def generation_problems(scenario: model.Scenario, catalogue: Catalogue, sample: int = 40) -> list[tuple[str, str]]:
    """The planted contracts the engine refuses, by path, and the products of the population it cannot
    price (on a sample of `sample` generated units) — what polyadmin.services.seeding reports after
    load_scenario, before any seeding."""
    try:
        context = _generate(scenario, catalogue, scenario.seed, sample)
    except InvalidInput as exc:  # pragma: no cover — a drafter bug, reported rather than hidden
        return [("population", f"{field}: {m}") for field, ms in exc.field_errors.items() for m in ms]
    return context.problems
