"""Needs, advice and quotes through the offers service: priced lines, discount, conditions carried from
the request's decision, numbers, versions, validity, guards, and the journal entries (C2A.3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.domain.offers import FlagKind, QuoteStatus
from polyadmin.services import offers, seeding
from polyadmin.services.catalogue import price_product
from polyadmin.services.clients import create_client
from polyadmin.services.sandboxes import move_clock
from polyadmin.store.casework import RequestDecision
from polyadmin.store.models import JournalEntry
from polyadmin.store.offers import NeedsRecord, Quote, QuoteLine, QuoteVersion
from tests.helpers.factories import ContractFactory, DwellingFactory, PersonClientData, SubscriptionRequestFactory
from tests.integration.test_seeding import sample  # noqa: F401  (the seeded portfolio fixture)

D = Decimal
AUTO_RISK = {
    "garage_postcode": "44000",
    "driver_birth_date": "1985-06-15",
    "licence_date": "2005-09-01",
    "claim_free_years": 10,
    "crm": "0.60",
    "vehicle_group": 30,
    "first_registration_date": "2022-03-01",
    "energy": "essence",
    "usage": "prive",
    "annual_mileage": 12000,
    "vehicle_value": 15000,
}


def auto_line(**changes):
    line = {"product": "AUTO", "formula": "tiers_plus", "frequency": "annuel", "options": [], "risk": dict(AUTO_RISK)}
    line.update(changes)
    return line


@pytest.fixture
def person(session, world):
    data = PersonClientData(last_name="Durand", first_name="Léa", city="Nantes", postcode="44000")
    return create_client(session, world.candidate, world.sandbox_id, data)


def entries(session, sandbox_id, action):
    query = select(JournalEntry).where(JournalEntry.sandbox_id == sandbox_id, JournalEntry.action == action)
    return list(session.execute(query.order_by(JournalEntry.seq)).scalars())


def engine_total(session, world, line, other_contracts=0):
    """The same line priced by the simulator's service (another path to the engine)."""
    data = {key: line[key] for key in ("formula", "frequency", "options", "risk")}
    data["other_contracts"] = other_contracts
    return price_product(session, world.candidate, line["product"], data, world.sandbox_id).total


def test_a_quote_of_one_line_is_priced_numbered_valid_thirty_days_and_journaled(session, world, person):
    quote = offers.create_quote(
        session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": [auto_line()]}
    )
    detail = offers.get_quote(session, world.candidate, world.sandbox_id, quote.id)
    assert quote.number == "DV-000001"
    version = detail.current.row
    (line,) = detail.current.lines
    assert (version.version, version.status, version.issued_on) == (1, "proposed", date(2026, 3, 2))
    assert version.valid_until == date(2026, 4, 1)  # 30 days on the sandbox clock
    assert line.total == version.total == D("447.75") == engine_total(session, world, auto_line())
    assert (line.premium_before_tax, line.taxes, line.discount) == (D("335.49"), D("90.76"), D("0.00"))
    assert line.pricing["lines"][0]["name"]  # the engine's breakdown, frozen with the line
    (entry,) = entries(session, world.sandbox_id, "quote.create")
    assert entry.codes == ["C2A.3"]
    assert entry.outcome["number"] == "DV-000001"
    assert entry.outcome["products"] == ["AUTO"]
    assert entry.outcome["eco_options"] == []
    assert (entry.outcome["version"], entry.outcome["total"], entry.outcome["valid_until"]) == (
        1,
        "447.75",
        "2026-04-01",
    )
    second = offers.create_quote(
        session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": [auto_line()]}
    )
    assert second.number == "DV-000002"


def test_three_lines_discount_each_other_and_the_alternative_is_compared_not_added(session, world, person):
    dwelling = DwellingFactory(client=person)
    lines = [
        auto_line(options=["pieces_reemploi"]),
        {"product": "MRH", "formula": "locataire_confort", "frequency": "annuel", "dwelling_id": dwelling.id},
        auto_line(formula="tous_risques", alternative_of=1),
    ]
    quote = offers.create_quote(session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": lines})
    detail = offers.get_quote(session, world.candidate, world.sandbox_id, quote.id)
    auto, home, alternative = detail.current.lines
    assert [line.chosen for line in detail.current.lines] == [True, True, False]
    assert alternative.alternative_of == 1
    # each chosen product counts the other one: 1 other contract → 5 % on every guarantee
    assert auto.total == engine_total(session, world, lines[0], other_contracts=1)
    assert auto.discount == engine_total(session, world, lines[0]) - auto.total
    assert auto.discount > 0 and home.discount > 0 and alternative.discount > 0
    assert home.risk["contents_value"] == 18000  # from the client's dwelling record
    version = detail.current.row
    assert version.total == auto.total + home.total
    assert version.discount_total == auto.discount + home.discount
    (entry,) = entries(session, world.sandbox_id, "quote.create")
    assert entry.outcome["products"] == ["AUTO", "MRH"]
    assert entry.outcome["eco_options"] == ["pieces_reemploi"]
    assert entry.outcome["alternatives"] == 1
    assert entry.outcome["total"] == str(version.total)


def test_the_clients_active_contracts_count_for_the_discount(session, world, person):
    ContractFactory(client=person)
    quote = offers.create_quote(
        session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": [auto_line()]}
    )
    (line,) = offers.get_quote(session, world.candidate, world.sandbox_id, quote.id).current.lines
    assert line.total == engine_total(session, world, auto_line(), other_contracts=1)
    assert line.discount == D("447.75") - line.total


def test_the_decisions_conditions_are_carried_into_the_line_of_the_requests_product(session, world, person):
    request = SubscriptionRequestFactory(
        client=person,
        status="acceptee_conditions",
        requested={"formula": "tiers_plus", "frequency": "annuel", "declared": dict(AUTO_RISK)},
    )
    session.add(
        RequestDecision(
            sandbox_id=world.sandbox_id,
            request_id=request.id,
            outcome="accept_conditions",
            conditions=[
                {"kind": "surprime", "label": "Surprime pour sinistralité", "percent": "50.00"},
                {"kind": "exclusion", "label": "Prêt du volant exclu"},
            ],
            reason="Sinistralité.",
            overridden=[],
            decided_on=date(2026, 3, 2),
        )
    )
    session.flush()
    line = auto_line(risk={})  # the risk data come from the request's declared data
    quote = offers.create_quote(
        session, world.candidate, world.sandbox_id, {"client_id": person.id, "request_id": request.id, "lines": [line]}
    )
    (priced,) = offers.get_quote(session, world.candidate, world.sandbox_id, quote.id).current.lines
    assert [c["kind"] for c in priced.conditions] == ["surprime", "exclusion"]
    # every guarantee's premium before tax is raised by 50 %, then taxed: dearer than without the condition
    assert priced.premium_before_tax > D("335.49") * D("1.49")
    steps = [step["label"] for item in priced.pricing["lines"] for step in item["adjustments"]]
    assert "Surprime pour sinistralité" in steps
    view = offers.quote_view(session, world.candidate, world.sandbox_id, quote.id)
    assert view.lines[0].exclusions == ("Prêt du volant exclu",)
    assert [c.kind_label for c in view.lines[0].conditions] == ["Surprime", "Exclusion"]
    assert view.total == priced.total and view.number == "DV-000001"


def test_guards_name_every_bad_line_and_write_nothing(session, world, person):
    other = create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Autre"))
    foreign = DwellingFactory(client=other)
    lines = [
        auto_line(product="INCONNU"),
        auto_line(formula="luxe"),
        auto_line(options=["parachute"]),
        {"product": "MRH", "formula": "locataire_confort", "frequency": "annuel", "dwelling_id": foreign.id},
    ]
    with pytest.raises(InvalidInput) as refused:
        offers.create_quote(session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": lines})
    assert "lines.0.product" in refused.value.field_errors
    lines = lines[1:]
    with pytest.raises(InvalidInput) as refused:
        offers.create_quote(session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": lines})
    errors = refused.value.field_errors
    assert {"lines.0.formula", "lines.1.options", "lines.2.dwelling_id"} <= set(errors)
    assert "introuvable" in errors["lines.2.dwelling_id"][0]
    with pytest.raises(InvalidInput) as refused:
        offers.create_quote(session, world.candidate, world.sandbox_id, {"client_id": 999999, "lines": [auto_line()]})
    assert "client_id" in refused.value.field_errors
    assert session.execute(select(func.count()).select_from(Quote)).scalar_one() == 0
    assert entries(session, world.sandbox_id, "quote.create") == []


def test_no_quote_on_a_declined_request(session, world, person):
    declined = SubscriptionRequestFactory(client=person, status="refusee")
    with pytest.raises(InvalidInput) as refused:
        offers.create_quote(
            session,
            world.candidate,
            world.sandbox_id,
            {"client_id": person.id, "request_id": declined.id, "lines": [auto_line()]},
        )
    assert "refusée" in refused.value.field_errors["request_id"][0]


def test_a_new_version_keeps_the_old_one_and_an_expired_quote_can_be_revised(session, world, person):
    quote = offers.create_quote(
        session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": [auto_line()]}
    )
    offers.new_version(
        session,
        world.candidate,
        world.sandbox_id,
        quote.id,
        {"reason": "Le client préfère payer chaque mois.", "lines": [auto_line(frequency="mensuel")]},
    )
    detail = offers.get_quote(session, world.candidate, world.sandbox_id, quote.id)
    first, second = detail.versions
    assert (first.row.version, first.status) == (1, QuoteStatus.SUPERSEDED)
    assert (second.row.version, second.status, second.row.reason) == (
        2,
        QuoteStatus.PROPOSED,
        "Le client préfère payer chaque mois.",
    )
    assert first.lines[0].total == D("447.75")  # the old version is kept as it was
    assert second.lines[0].frequency == "mensuel"
    (entry,) = entries(session, world.sandbox_id, "quote.version")
    assert entry.codes == ["C2A.3"]
    assert entry.outcome["version"] == 2 and entry.outcome["products"] == ["AUTO"]
    assert entry.outcome["previous"] == {"version": 1, "status": {"from": "proposed", "to": "superseded"}}
    move_clock(session, world.trainer, world.sandbox_id, {"date": "2026-04-02"})
    expired = offers.get_quote(session, world.candidate, world.sandbox_id, quote.id)
    assert expired.current.status is QuoteStatus.EXPIRED  # read after its last valid day (1 April)
    assert expired.current.row.status == "proposed"  # nothing written on reading
    offers.new_version(
        session, world.candidate, world.sandbox_id, quote.id, {"reason": "Relance.", "lines": [auto_line()]}
    )
    latest = offers.get_quote(session, world.candidate, world.sandbox_id, quote.id).current
    assert (latest.row.version, latest.row.valid_until) == (3, date(2026, 5, 2))
    latest.row.status = "accepted"
    session.flush()
    with pytest.raises(Conflict):
        offers.new_version(
            session, world.candidate, world.sandbox_id, quote.id, {"reason": "Trop tard.", "lines": [auto_line()]}
        )


def test_needs_and_advice_flag_an_uncovered_need_and_cover_already_held(session, world, person):
    data = {
        "lines": {
            "auto": {
                "protect": "Sa Clio et elle-même.",
                "wanted": ["vol", "dommages"],
                "already_covered": ["assistance"],
                "specific": "Trajets quotidiens.",
            }
        },
        "budget_monthly": "30.00",
        "accessible_formats": True,
        "eco_interest": True,
        "disability": "Malvoyante : documents en gros caractères.",
        "recommendations": [
            {
                "line": "auto",
                "need": "Vol et dommages",
                "product": "AUTO",
                "formula": "tiers_plus",
                "options": ["pieces_reemploi"],
                "reason": "Véhicule récent, budget serré : Tiers+ avec pièces de réemploi.",
            }
        ],
    }
    row = offers.record_needs(session, world.candidate, world.sandbox_id, person.id, data)
    detail = offers.latest_needs(session, world.candidate, world.sandbox_id, person.id)
    assert detail is not None and detail.record.id == row.id
    kinds = {(flag.kind, flag.guarantee) for flag in detail.flags}
    assert (FlagKind.NEED_UNCOVERED, "dommages") in kinds
    assert (FlagKind.ALREADY_COVERED, "assistance") in kinds
    (entry,) = entries(session, world.sandbox_id, "needs.record")
    assert entry.codes == ["C2A.3"]
    assert entry.outcome["needs"] == 1 and entry.outcome["wanted"] == 2
    assert sorted(entry.outcome["flags"]) == ["already_covered", "need_uncovered"]
    advice = offers.advice_view(session, world.candidate, world.sandbox_id, person.id)
    assert advice.party.accessible_formats and advice.eco_interest
    assert any("Réparation avec des pièces de réemploi" in need.recommended_product for need in advice.needs)
    assert len(advice.warnings) == 2
    # a quote read against the same needs: over the 30 € monthly budget, the damage need uncovered
    quote = offers.create_quote(
        session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": [auto_line()]}
    )
    flags = {flag.kind for flag in offers.get_quote(session, world.candidate, world.sandbox_id, quote.id).flags}
    assert {FlagKind.NEED_UNCOVERED, FlagKind.OVER_BUDGET, FlagKind.ECO_NOT_OFFERED} <= flags
    assert session.get(Quote, quote.id).needs_id == row.id


def test_needs_refuse_unknown_guarantees_and_products(session, world, person):
    data = {
        "lines": {"auto": {"wanted": ["teleportation"]}},
        "recommendations": [{"line": "habitation", "product": "AUTO", "formula": "tiers", "reason": "?"}],
    }
    with pytest.raises(InvalidInput) as refused:
        offers.record_needs(session, world.candidate, world.sandbox_id, person.id, data)
    assert {"lines.auto.wanted", "recommendations.0.product"} <= set(refused.value.field_errors)
    assert session.execute(select(func.count()).select_from(NeedsRecord)).scalar_one() == 0


def test_only_the_candidate_acts_and_another_sandbox_is_not_found(session, world, person):
    with pytest.raises(Forbidden):
        offers.create_quote(
            session, world.evaluator, world.sandbox_id, {"client_id": person.id, "lines": [auto_line()]}
        )
    quote = offers.create_quote(
        session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": [auto_line()]}
    )
    assert offers.get_quote(session, world.evaluator, world.sandbox_id, quote.id).quote.id == quote.id
    with pytest.raises(NotFound):
        offers.get_quote(session, world.candidate, world.classmate_sandbox_id, quote.id)
    with pytest.raises(NotFound):
        offers.record_needs(session, world.candidate, world.sandbox_id, 999999, {"lines": {"auto": {}}})


def test_resetting_the_sandbox_deletes_needs_and_quotes(session, world, sample):  # noqa: F811
    seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path, seed=5)
    person = create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Remis"))
    offers.record_needs(session, world.candidate, world.sandbox_id, person.id, {"lines": {"auto": {}}})
    offers.create_quote(session, world.candidate, world.sandbox_id, {"client_id": person.id, "lines": [auto_line()]})
    seeding.reset_sandbox(session, world.trainer, world.sandbox_id)  # the candidate's client goes, its offers first
    for model in (NeedsRecord, Quote, QuoteVersion, QuoteLine):
        assert session.execute(select(func.count()).select_from(model)).scalar_one() == 0
