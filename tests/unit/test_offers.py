"""The offers rules (C2A.3) on the real catalogue of products/: adequacy flags, the multi-line discount
count, validity and expiry dates, version rules, eco options; and the extra premium of a decision in the
pricing engine, worked by hand to the cent on the small test catalogue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from polyadmin.catalogue import load_directory
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.errors import Conflict, InvalidInput
from polyadmin.domain.offers import (
    FlagKind,
    LineNeeds,
    Needs,
    OfferLine,
    QuoteStatus,
    adequacy_flags,
    current_status,
    eco_options,
    ensure_revisable,
    monthly_cost,
    needs_from_answers,
    other_contracts_for,
    price_offer,
    valid_until,
)
from polyadmin.domain.pricing import ExtraPremium, PricingRequest, price
from tests.helpers.catalogue_samples import write_catalogue
from tests.unit.test_products_price_everything_they_accept import CATALOGUE

D = Decimal
AUTO = CATALOGUE.product("AUTO")
MRH = CATALOGUE.product("MRH")
assert AUTO is not None and MRH is not None


def kinds(flags):
    return [(flag.kind, flag.line, flag.guarantee) for flag in flags]


def test_a_wanted_guarantee_missing_from_the_offer_is_flagged():
    needs = Needs((LineNeeds("auto", wanted=("vol", "dommages")),))
    flags = adequacy_flags(needs, [OfferLine(AUTO, "tiers_plus")], products=CATALOGUE.products)
    assert kinds(flags) == [(FlagKind.NEED_UNCOVERED, "auto", "dommages")]
    assert "Dommages" in flags[0].message or "dommages" in flags[0].message.lower()
    assert adequacy_flags(needs, [OfferLine(AUTO, "tous_risques")]) == ()


def test_a_line_with_needs_and_no_product_is_flagged():
    needs = Needs((LineNeeds("habitation", wanted=("vol",)), LineNeeds("auto")))
    flags = adequacy_flags(needs, [OfferLine(AUTO, "tiers")])
    assert kinds(flags) == [(FlagKind.NEED_UNCOVERED, "habitation", None)]


def test_cover_the_client_holds_is_flagged_from_the_answers_and_the_active_contracts():
    needs = Needs((LineNeeds("auto", already_covered=("assistance",)),))
    flags = adequacy_flags(needs, [OfferLine(AUTO, "tiers")], held_lines=["auto", "sante"])
    assert kinds(flags) == [(FlagKind.ALREADY_COVERED, "auto", "assistance"), (FlagKind.ALREADY_COVERED, "auto", None)]


def test_an_alternative_line_does_not_cover_a_need():
    needs = Needs((LineNeeds("auto", wanted=("dommages",)),))
    offer = [OfferLine(AUTO, "tiers_plus"), OfferLine(AUTO, "tous_risques", alternative_of=1)]
    assert kinds(adequacy_flags(needs, offer)) == [(FlagKind.NEED_UNCOVERED, "auto", "dommages")]


def test_budget_and_eco_interest():
    needs = Needs((), budget_monthly=D("40.00"), eco_interest=True)
    offer = [OfferLine(AUTO, "tiers")]
    assert monthly_cost(D("480.00")) == D("40")
    assert adequacy_flags(needs, offer, monthly_total=monthly_cost(D("480.00"))) == tuple(
        flag for flag in adequacy_flags(needs, offer) if flag.kind is FlagKind.ECO_NOT_OFFERED
    )
    flags = adequacy_flags(needs, offer, monthly_total=monthly_cost(D("480.12")))
    assert [flag.kind for flag in flags] == [FlagKind.OVER_BUDGET, FlagKind.ECO_NOT_OFFERED]
    assert "40,01 €" in flags[0].message and "40,00 €" in flags[0].message
    green = [OfferLine(AUTO, "tiers", ("pay_as_you_drive",))]
    assert adequacy_flags(Needs((), eco_interest=True), green) == ()


def test_eco_options_are_the_catalogues_flagged_ones_sorted():
    assert eco_options(AUTO, ["valeur_a_neuf", "pieces_reemploi", "pay_as_you_drive"]) == (
        "pay_as_you_drive",
        "pieces_reemploi",
    )
    assert eco_options(AUTO, ["assistance_0km"]) == ()


def test_other_contracts_count_distinct_chosen_products_and_active_contracts():
    offer = [
        OfferLine(AUTO, "tiers_plus"),
        OfferLine(MRH, "locataire_confort"),
        OfferLine(AUTO, "tous_risques", alternative_of=1),
        OfferLine(AUTO, "tiers"),  # a second car: the same product does not count itself
    ]
    assert [other_contracts_for(offer, position, 0) for position in (1, 2, 3, 4)] == [1, 1, 1, 1]
    assert other_contracts_for(offer, 2, 2) == 3
    assert other_contracts_for([OfferLine(AUTO, "tiers")], 1, 0) == 0


def test_validity_and_expiry_on_the_sandbox_clock():
    assert valid_until(date(2026, 3, 2)) == date(2026, 4, 1)
    assert valid_until(date(2026, 12, 15), 20) == date(2027, 1, 4)
    assert current_status("proposed", date(2026, 4, 1), date(2026, 4, 1)) is QuoteStatus.PROPOSED
    assert current_status("proposed", date(2026, 4, 1), date(2026, 4, 2)) is QuoteStatus.EXPIRED
    assert current_status("accepted", date(2026, 4, 1), date(2026, 5, 2)) is QuoteStatus.ACCEPTED


def test_only_an_open_version_takes_a_new_version():
    for status in (QuoteStatus.PROPOSED, QuoteStatus.EXPIRED, QuoteStatus.DRAFT):
        ensure_revisable(status, "DV-000001")
    for status in (QuoteStatus.ACCEPTED, QuoteStatus.ISSUED, QuoteStatus.SUPERSEDED, QuoteStatus.REFUSED):
        with pytest.raises(Conflict, match="DV-000001"):
            ensure_revisable(status, "DV-000001")


def test_needs_from_answers_keeps_the_lines_only():
    needs = needs_from_answers(
        {"auto": {"wanted": ["vol"], "already_covered": []}, "general": {"disability": "non"}}, D("50.00"), True
    )
    assert needs == Needs((LineNeeds("auto", ("vol",), ()),), D("50.00"), True)


# --- the extra premium in the engine (small test catalogue, rates of test_pricing_engine) -------------

RISK = {
    "postcode": "75011",
    "birth_date": "2000-05-01",
    "licence_date": "2018-06-01",
    "claim_free_years": 7,
    "crm": "0.85",
    "usage": "prive",
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Catalogue:
    return load_directory(write_catalogue(tmp_path_factory.mktemp("catalogue"))).catalogue


def sample_price(sample, extras=()):
    product = sample.product("TEST_AUTO")
    request = PricingRequest(
        formula="tous_risques",
        frequency="annuel",
        effective_date=date(2026, 3, 1),
        risk=dict(RISK),
        options=("reemploi",),
        deductibles={"dommages": "f600"},
        extra_premiums=tuple(extras),
    )
    return price(product, sample.taxes, request)


def line(pricing, code):
    return next(item for item in pricing.lines if item.code == code)


def test_an_extra_premium_raises_every_premium_before_tax_and_the_taxes_follow(sample):
    pricing = sample_price(sample, [ExtraPremium(D("50"))])
    rc = line(pricing, "rc")
    # RC 221.00 × 1.50 = 331.50 ; TSCA 33 % = 109.395 → 109.40 ; FGAO 1.2 % = 3.978 → 3.98 ; total 444.88
    assert rc.premium_before_tax == D("331.50")
    assert {tax.code: tax.amount for tax in rc.taxes} == {"tsca": D("109.40"), "fgao": D("3.98")}
    assert rc.total == D("444.88")
    # Dommages 166.725 × 1.50 = 250.0875 → 250.09 (one rounding, after every coefficient)
    assert line(pricing, "dommages").premium_before_tax == D("250.09")
    assert [step.label for step in rc.adjustments] == ["Surprime"]


def test_an_extra_premium_on_one_guarantee_leaves_the_others(sample):
    pricing = sample_price(sample, [ExtraPremium(D("50"), "dommages", "Surprime dommages")])
    assert line(pricing, "rc").premium_before_tax == D("221.00")
    assert line(pricing, "dommages").premium_before_tax == D("250.09")
    assert pricing.charges == sample_price(sample).charges  # fees and attentats untouched


def test_an_extra_premium_on_an_unknown_guarantee_or_not_positive_is_refused(sample):
    with pytest.raises(InvalidInput) as refused:
        sample_price(sample, [ExtraPremium(D("50"), "parachute"), ExtraPremium(D("0"))])
    assert len(refused.value.field_errors["extra_premiums"]) == 2


def test_price_offer_gives_each_line_its_discount_and_names_the_bad_line():
    day = date(2026, 3, 2)
    auto_risk = {
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
    request = PricingRequest("tiers_plus", "annuel", day, dict(auto_risk))
    alone = price_offer(CATALOGUE.taxes, [OfferLine(AUTO, "tiers_plus")], [request], 0)
    assert [(item.pricing.total, item.discount) for item in alone] == [(D("447.75"), D("0"))]
    (with_contract,) = price_offer(CATALOGUE.taxes, [OfferLine(AUTO, "tiers_plus")], [request], 1)
    plain = price(AUTO, CATALOGUE.taxes, request)
    assert with_contract.pricing.total == plain.total - with_contract.discount
    # 5 % off each guarantee (423.55 € of the 447.75 €; fees and attentats are not discounted), each
    # guarantee rounded then taxed again: 21.15 €, not 5 % of the whole (22.39 €)
    assert with_contract.discount == D("21.15")
    with pytest.raises(InvalidInput) as refused:
        price_offer(
            CATALOGUE.taxes, [OfferLine(AUTO, "tiers_plus")] * 2, [request, replace(request, formula="luxe")], 0
        )
    assert list(refused.value.field_errors) == ["lines.1.formula"]
