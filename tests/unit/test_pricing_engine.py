"""The pricing engine on the small catalogue of catalogue_samples.py; every amount is worked by hand.

Rounding policy (docs/products.md): one rounding per fact, to the cent, half away from zero.
Rates: TSCA RC auto 33 %, other vehicle guarantees 18 % (CGI art. 1001); FGAO 1.2 % of the RC premium;
CatNat auto 9 % of fire/theft/damage premiums from 2025-01-01 (A125-2), 9 % tax on it; attentats 6.50 €.
"""

from datetime import date
from decimal import Decimal

import pytest

from polyadmin.catalogue import load_directory
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.pricing import Pricing, PricingRequest, price
from tests.helpers.catalogue_samples import write_catalogue

D = Decimal
RISK = {
    "postcode": "75011",
    "birth_date": "2000-05-01",  # 25 years old on 2026-03-01
    "licence_date": "2018-06-01",  # 7 years: not a novice
    "claim_free_years": 7,
    "crm": "0.85",
    "usage": "prive",
}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> Catalogue:
    return load_directory(write_catalogue(tmp_path_factory.mktemp("catalogue"))).catalogue


def quote(catalogue: Catalogue, **changes) -> Pricing:
    product = catalogue.product("TEST_AUTO")
    assert product is not None
    values = {
        "formula": "tous_risques",
        "frequency": "annuel",
        "effective_date": date(2026, 3, 1),
        "risk": dict(RISK),
        "options": ("reemploi",),
        "deductibles": {"dommages": "f600"},
    }
    risk_changes = changes.pop("risk", {})
    values.update(changes)
    values["risk"] = {**values["risk"], **risk_changes}  # type: ignore[dict-item]
    return price(product, catalogue.taxes, PricingRequest(**values))  # type: ignore[arg-type]


def line(pricing: Pricing, code: str):
    return next(item for item in pricing.lines if item.code == code)


def taxes_of(pricing: Pricing, code: str) -> dict[str, Decimal]:
    return {tax.code: tax.amount for tax in line(pricing, code).taxes}


def test_annual_all_risks_quote_matches_the_hand_computation(catalogue):
    pricing = quote(catalogue)
    # RC: 200 × zone 75 1.30 × age 25 1.00 × usage 1 × CRM 0.85 × novice 1 = 221.00
    rc = line(pricing, "rc")
    assert rc.premium_before_tax == D("221.00")
    # TSCA 33 % = 72.93 ; FGAO 1.2 % = 2.652 → 2.65 ; total 296.58
    assert taxes_of(pricing, "rc") == {"tsca": D("72.93"), "fgao": D("2.65")}
    assert rc.total == D("296.58")
    # Dommages: 150 × 1.30 = 195 ; × franchise 600 € 0.90 = 175.50 ; × réemploi 0.95 = 166.725 → 166.73
    dommages = line(pricing, "dommages")
    assert dommages.premium_before_tax == D("166.73")
    # TSCA 18 % = 30.0114 → 30.01 ; CatNat 9 % = 15.0057 → 15.01 ; tax 9 % of 15.01 = 1.3509 → 1.35
    assert taxes_of(pricing, "dommages") == {"tsca": D("30.01"), "catnat": D("15.01"), "catnat_tax": D("1.35")}
    assert dommages.total == D("213.10")
    # Attentats contribution: a property cover is chosen → 6.50 € once.
    assert [(c.code, c.total) for c in pricing.charges] == [("attentats", D("6.50"))]
    assert pricing.premium_before_tax == D("387.73")
    assert pricing.total == D("516.18")
    assert pricing.taxes == D("516.18") - D("387.73") - D("6.50")
    assert [(i.number, i.due_date, i.amount) for i in pricing.instalments] == [(1, date(2026, 3, 1), D("516.18"))]


def test_monthly_payment_adds_the_fractionnement_and_splits_to_the_cent(catalogue):
    pricing = quote(catalogue, frequency="mensuel")
    # RC: 221.00 × 3 % = 6.63 → taxable 227.63 ; TSCA 75.1179 → 75.12 ; FGAO 2.73156 → 2.73 ; total 305.48
    assert line(pricing, "rc").fractionnement == D("6.63")
    assert line(pricing, "rc").total == D("305.48")
    # Dommages: 166.73 × 3 % = 5.0019 → 5.00 → 171.73 ; TSCA 30.9114 → 30.91 ; CatNat 15.4557 → 15.46 ;
    # tax 1.3914 → 1.39 ; total 219.49
    assert line(pricing, "dommages").total == D("219.49")
    # Recurring 524.97 = 52,497 cents ÷ 12 = 4,374 rest 9: first 43.74 + 0.09 + attentats 6.50 = 50.33
    amounts = [i.amount for i in pricing.instalments]
    assert amounts[0] == D("50.33")
    assert amounts[1:] == [D("43.74")] * 11
    assert sum(amounts) == pricing.total == D("531.47")
    assert pricing.fractionnement == D("11.63")
    assert [i.due_date for i in pricing.instalments][:3] == [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]


def test_instalment_dates_from_the_31st_fall_on_the_last_day_of_short_months(catalogue):
    pricing = quote(catalogue, frequency="mensuel", effective_date=date(2026, 1, 31))
    dates = [i.due_date for i in pricing.instalments]
    assert dates[:4] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_young_novice_driver_on_a_tiers_formula(catalogue):
    # 19 years old (band 18–24: 1.60), licence 1 year, 1 claim-free year → novice surcharge 50 % → 1.50.
    pricing = quote(
        catalogue,
        formula="tiers",
        options=(),
        deductibles={},
        risk={"birth_date": "2006-06-15", "licence_date": "2025-02-01", "claim_free_years": 1, "crm": "0.95"},
    )
    # RC: 200 × 1.30 × 1.60 × 1 × 0.95 × 1.50 = 592.80 ; TSCA 195.624 → 195.62 ; FGAO 7.1136 → 7.11
    assert [g.code for g in pricing.lines] == ["rc"]
    assert line(pricing, "rc").premium_before_tax == D("592.80")
    assert line(pricing, "rc").total == D("795.53")
    assert pricing.charges == ()  # no property cover: no attentats contribution
    novice = line(pricing, "rc").components[0].factors[-1]
    assert novice.table == "novice" and novice.coefficient == D("1.50")


def test_multi_product_discount_and_optional_guarantee(catalogue):
    pricing = quote(catalogue, formula="tiers", options=("bris_glace",), deductibles={}, other_contracts=2)
    # RC 221.00 × (1 − 10 %) = 198.90 ; bris de glace 40 × 0.90 = 36.00, TSCA 18 % = 6.48
    assert line(pricing, "rc").premium_before_tax == D("198.90")
    assert line(pricing, "bris_glace").premium_before_tax == D("36.00")
    assert taxes_of(pricing, "bris_glace") == {"tsca": D("6.48")}


def test_catnat_rate_follows_the_effective_date(catalogue):
    product = catalogue.product("TEST_AUTO")
    assert product is not None
    older = price(
        product,
        catalogue.taxes,
        PricingRequest(
            formula="tous_risques",
            frequency="annuel",
            effective_date=date(2026, 1, 1),
            risk=dict(RISK),
            options=("reemploi",),
            deductibles={"dommages": "f600"},
        ),
    )
    assert taxes_of(older, "dommages")["catnat"] == D("15.01")  # 9 % in force since 2025-01-01


def test_explanation_names_every_factor_with_its_value(catalogue):
    text = "\n".join(quote(catalogue).explanation)
    assert "Zone (département 75) 1,3" in text
    assert "Coefficient de réduction-majoration (0,85) 0,85" in text
    assert "Franchise (Franchise 600 €) × 0,9" in text
    assert "Total annuel TTC : 516,18 €" in text
    assert "Usage (Privé) 1" in text  # choices are shown by their label, not their code
    assert "Surprime conducteur novice (surprime 0 %) 1" in text


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"formula": "luxe"}, "formula", "Formule inconnue « luxe » ; valeurs possibles : tiers, tous_risques."),
        ({"frequency": "hebdo"}, "frequency", "valeurs possibles : annuel, mensuel"),
        (
            {"options": ("cafe",)},
            "options",
            "Option de la formule tous_risques inconnue « cafe » ; valeurs possibles : bris_glace, reemploi.",
        ),
        ({"deductibles": {"dommages": "f50"}}, "deductibles.dommages", "valeurs possibles : f300, f600"),
        ({"deductibles": {"rc": "f300"}}, "deductibles", "Garantie à franchise inconnue « rc »"),
        ({"effective_date": date(2025, 12, 31)}, "effective_date", "en vigueur à partir du 01/01/2026"),
        ({"risk": {"postcode": "20000"}}, "risk.postcode", "département 2A absent de la table « Zone »"),
        ({"risk": {"postcode": "7501"}}, "risk.postcode", "Code postal à 5 chiffres attendu."),
        ({"risk": {"birth_date": "2010-01-01"}}, "risk.birth_date", "16 an(s) à la date d'effet : 18 ans au minimum."),
        ({"risk": {"crm": 0.85}}, "risk.crm", "Nombre exact attendu"),
        ({"risk": {"crm": "4"}}, "risk.crm", "supérieure au maximum (3,50)"),
        ({"risk": {"usage": "course"}}, "risk.usage", "valeurs possibles : prive, tournees"),
        ({"risk": {"couleur": "rouge"}}, "risk.couleur", "Champ inconnu pour le produit TEST_AUTO"),
        ({"risk": {"claim_free_years": 9, "licence_date": "2024-01-01"}}, "risk.claim_free_years", ""),
    ],
)
def test_bad_choices_and_risk_data_name_the_field(catalogue, changes, field, fragment):
    with pytest.raises(InvalidInput) as caught:
        quote(catalogue, **changes)
    assert field in caught.value.field_errors, caught.value.field_errors
    assert len(caught.value.field_errors[field]) == 1  # once, even when several guarantees read the table
    assert any(fragment in message for message in caught.value.field_errors[field])


def test_missing_required_risk_field(catalogue):
    product = catalogue.product("TEST_AUTO")
    risk = dict(RISK)
    del risk["crm"]
    with pytest.raises(InvalidInput) as caught:
        price(product, catalogue.taxes, PricingRequest("tiers", "annuel", date(2026, 3, 1), risk))  # type: ignore[arg-type]
    assert caught.value.field_errors == {"risk.crm": ["Champ obligatoire."]}


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(
    crm=st.decimals(min_value=D("0.50"), max_value=D("3.50"), places=2),
    postcode=st.sampled_from(["75001", "69003", "20200"]),
    frequency=st.sampled_from(["annuel", "mensuel"]),
    other_contracts=st.integers(min_value=0, max_value=5),
    options=st.sets(st.sampled_from(["bris_glace", "reemploi"])),
    day=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
)
def test_instalments_always_sum_to_the_annual_total(catalogue, crm, postcode, frequency, other_contracts, options, day):
    pricing = quote(
        catalogue,
        risk={"crm": str(crm), "postcode": postcode},
        frequency=frequency,
        other_contracts=other_contracts,
        options=tuple(sorted(options)),
        effective_date=day,
    )
    assert sum(i.amount for i in pricing.instalments) == pricing.total
    assert all(amount.as_tuple().exponent == -2 for amount in (pricing.total, *(i.amount for i in pricing.instalments)))
    assert pricing.total == sum(g.total for g in pricing.lines) + sum(c.total for c in pricing.charges)
    assert (
        max(i.amount for i in pricing.instalments[1:]) <= pricing.instalments[0].amount
        if len(pricing.instalments) > 1
        else True
    )


def test_bad_choices_and_bad_risk_data_are_reported_together(catalogue):
    with pytest.raises(InvalidInput) as caught:
        quote(catalogue, formula="luxe", risk={"postcode": "ABCDE", "crm": "9"})
    assert set(caught.value.field_errors) == {"formula", "risk.postcode", "risk.crm"}
