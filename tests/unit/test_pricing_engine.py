"""The pricing engine on the small catalogue of catalogue_samples.py; every amount is worked by hand.

Rounding policy (docs/products.md): one rounding per fact, to the cent, half away from zero.
Rates: TSCA RC auto 33 %, other vehicle guarantees 18 % (CGI art. 1001); FGAO 1.2 % of the RC premium;
CatNat auto 9 % of fire/theft/damage premiums from 2025-01-01 (A125-2), 9 % tax on it; attentats 6.50 €.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from polyadmin.catalogue import load_directory
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.pricing import FactorStep, Pricing, PricingRequest, price
from tests.helpers.catalogue_samples import PRODUCT, TAXES, write_catalogue

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
        ({"frequency": "hebdo"}, "frequency", "Fréquence inconnue « hebdo » ; valeurs possibles : annuel, mensuel."),
        (
            {"options": ("cafe",)},
            "options",
            "Option de la formule tous_risques inconnue « cafe » ; valeurs possibles : bris_glace, reemploi.",
        ),
        ({"deductibles": {"dommages": "f50"}}, "deductibles.dommages", "valeurs possibles : f300, f600"),
        ({"deductibles": {"rc": "f300"}}, "deductibles", "Garantie à franchise inconnue « rc »"),
        (
            {"formula": "tiers", "options": (), "deductibles": {"dommages": "f300"}},
            "deductibles",
            "Garantie à franchise inconnue « dommages » ; valeurs possibles : aucune.",
        ),
        ({"effective_date": date(2025, 12, 31)}, "effective_date", "en vigueur à partir du 01/01/2026"),
        (
            {"risk": {"postcode": "20000"}},
            "risk.postcode",
            "département 2A absent de la table « Zone » (valeurs prévues : 75, 2B, 69).",
        ),
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


# --- what a wrong rule would change (found by mutation testing, `make mutation`) -------------------


def test_the_pricing_says_what_was_priced(catalogue):
    pricing = quote(catalogue, options=("reemploi", "bris_glace", "reemploi"), frequency="mensuel")
    assert (pricing.product_code, pricing.product_version, pricing.formula) == ("TEST_AUTO", "1", "tous_risques")
    assert pricing.options == ("reemploi", "bris_glace")  # in the order chosen, each once
    assert (pricing.frequency, pricing.effective_date) == ("mensuel", date(2026, 3, 1))
    assert [(g.code, g.status, g.deductible) for g in pricing.lines] == [
        ("rc", "mandatory", None),
        ("dommages", "formula", "f600"),
        ("bris_glace", "optional", None),
    ]


def test_each_factor_cites_its_source(catalogue):
    rc = line(quote(catalogue), "rc")
    assert [(s.table, s.source) for s in rc.components[0].factors] == [
        ("zone", "Tarif d'essai"),
        ("age", "Tarif d'essai"),
        ("usage", "Tarif d'essai"),
        ("crm", "A121-1"),
        (
            "novice",
            "A121-1-1 — Surprime de première année de 100 % (100 % au plus) ; elle disparaît après 3 années sans"
            " sinistre responsable (ici 7) : 0 % (article A121-1-1 du Code des assurances).",
        ),
    ]


def test_the_default_deductible_applies_when_none_is_chosen(catalogue):
    pricing = quote(catalogue, deductibles={})
    dommages = line(pricing, "dommages")
    assert dommages.deductible == "f300"
    # 150 × 1.30 = 195 × f300 1.00 × réemploi 0.95 = 185.25
    assert [(s.table, s.read, s.coefficient) for s in dommages.adjustments] == [
        ("franchise", "Franchise 300 €", D("1.00")),
        ("reemploi", "option choisie", D("0.95")),
    ]
    assert dommages.premium_before_tax == D("185.25")


def test_discount_taxes_and_explanation_line_by_line(catalogue):
    pricing = quote(catalogue, other_contracts=1)
    # One other contract: 5 % (multi_product_discount [1, 1] → 5) → × 0.95 on every guarantee.
    # RC 200 × 1.30 × 1.00 × 1 × 0.85 × 1 = 221.00 × 0.95 = 209.95 ; TSCA 33 % 69.2835 → 69.28 ;
    #    FGAO 1.2 % 2.5194 → 2.52 ; total 281.75
    rc = line(pricing, "rc")
    assert [(t.code, t.label, t.rate, t.base, t.amount) for t in rc.taxes] == [
        ("tsca", "RC automobile", D("33"), D("209.95"), D("69.28")),
        ("fgao", "Contribution au FGAO", D("1.2"), D("209.95"), D("2.52")),
    ]
    assert rc.adjustments[-1] == FactorStep(
        "multi_equipement", "Réduction multi-équipement", "1 autre(s) contrat(s)", D("0.95"), "Produit TEST_AUTO"
    )
    # Dommages 150 × 1.30 = 195 × f600 0.90 × réemploi 0.95 × 0.95 = 158.38875 → 158.39 ; TSCA 18 % 28.5102
    # → 28.51 ; CatNat auto 9 % 14.2551 → 14.26 ; its tax 9 % of 14.26 (the base is the surcharge) 1.2834 → 1.28
    dommages = line(pricing, "dommages")
    assert [(t.code, t.label, t.rate, t.base, t.amount) for t in dommages.taxes] == [
        ("tsca", "Autres garanties du véhicule", D("18"), D("158.39"), D("28.51")),
        ("catnat", "Surprime catastrophes naturelles", D("9"), D("158.39"), D("14.26")),
        ("catnat_tax", "Taxe sur la surprime CatNat", D("9"), D("14.26"), D("1.28")),
    ]
    assert dommages.total == D("202.44")
    # 281.75 + 202.44 + attentats 6.50 = 490.69
    assert pricing.total == D("490.69")
    assert pricing.explanation == (
        "Auto d'essai (version 1), formule Tous risques.",
        "Fréquence de paiement « Annuel » : 1 échéance(s), majoration de fractionnement 0 % de la prime HT.",
        "Réduction multi-équipement de 5 % appliquée à chaque garantie.",
        "Responsabilité civile : Prime RC : 200 € × Zone (département 75) 1,3 × Âge du conducteur (25 an(s)) 1"
        " × Usage (Privé) 1 × Coefficient de réduction-majoration (0,85) 0,85 × Surprime conducteur novice"
        " (surprime 0 %) 1 ; Réduction multi-équipement (1 autre(s) contrat(s)) × 0,95 → prime HT 209,95 € ;"
        " RC automobile 33 % = 69,28 €, Contribution au FGAO 1,2 % = 2,52 € ; total 281,75 €.",
        "Dommages tous accidents : Prime dommages : 150 € × Zone (département 75) 1,3 ; Franchise (Franchise"
        " 600 €) × 0,9 ; Pièces de réemploi (option choisie) × 0,95 ; Réduction multi-équipement (1 autre(s)"
        " contrat(s)) × 0,95 → prime HT 158,39 € ; Autres garanties du véhicule 18 % = 28,51 €, Surprime"
        " catastrophes naturelles 9 % = 14,26 €, Taxe sur la surprime CatNat 9 % = 1,28 € ; total 202,44 €.",
        "Contribution attentats (FGTI) : 6,5 € (une fois par contrat, sur la 1re échéance).",
        "Total annuel TTC : 490,69 € ; 1re échéance 490,69 €.",
    )


def test_explanation_of_a_monthly_quote_ends_with_both_instalments(catalogue):
    text = quote(catalogue, frequency="mensuel").explanation
    assert text[1] == (
        "Fréquence de paiement « Mensuel » : 12 échéance(s), majoration de fractionnement 3 % de la prime HT."
    )
    assert not any("multi-équipement" in line for line in text)
    # See test_monthly_payment_adds_the_fractionnement_and_splits_to_the_cent: 50.33 then 43.74.
    assert text[-1] == "Total annuel TTC : 531,47 € ; 1re échéance 50,33 €, puis 43,74 €."


def test_explain_false_prices_the_same_without_the_text(catalogue):
    product = catalogue.product("TEST_AUTO")
    request = PricingRequest("tous_risques", "mensuel", date(2026, 3, 1), dict(RISK), ("reemploi",), {}, 2)
    explained = price(product, catalogue.taxes, request)  # type: ignore[arg-type]
    silent = price(product, catalogue.taxes, request, explain=False)  # type: ignore[arg-type]
    assert silent.explanation == ()
    assert explained.explanation
    assert replace(silent, explanation=explained.explanation) == explained


def test_three_other_contracts_keep_the_open_ended_10_percent_band(catalogue):
    # multi_product_discount: {min: 2, percent: 10} has no maximum. RC 221.00 × 0.90 = 198.90.
    assert line(quote(catalogue, other_contracts=3), "rc").premium_before_tax == D("198.90")
    assert line(quote(catalogue, other_contracts=0), "rc").premium_before_tax == D("221.00")
    with pytest.raises(InvalidInput) as caught:
        quote(catalogue, other_contracts=-1)
    assert caught.value.field_errors == {"other_contracts": ["Nombre positif ou nul attendu."]}


def test_a_request_on_the_products_first_day_is_priced(catalogue):
    assert quote(catalogue, effective_date=date(2026, 1, 1)).effective_date == date(2026, 1, 1)


def test_an_accompanied_novice_gets_the_accompanied_ceiling(catalogue):
    # A121-1-1: 50 % with AAC the first year → × 1.50 instead of 2.00. Licence 2026-01-15: 0 years.
    # RC 200 × 1.30 × age (19 years, 18–24) 1.60 × 1 × 1.00 × 1.50 = 624.00
    risk = {"birth_date": "2006-06-15", "licence_date": "2026-01-15", "claim_free_years": 0, "crm": "1.00"}
    accompanied = quote(catalogue, formula="tiers", options=(), deductibles={}, risk={**risk, "accompanied": True})
    assert line(accompanied, "rc").premium_before_tax == D("624.00")
    novice = line(accompanied, "rc").components[0].factors[-1]
    assert (novice.read, novice.coefficient) == ("surprime 50 %", D("1.5"))
    assert novice.source == (
        "A121-1-1 — Conduite accompagnée (AAC) : surprime de première année de 50 % (50 % au plus) ;"
        " 1re année d'assurance, pas encore de réduction (article A121-1-1 du Code des assurances)."
    )
    alone = quote(catalogue, formula="tiers", options=(), deductibles={}, risk=risk)
    assert line(alone, "rc").premium_before_tax == D("832.00")  # 200 × 1.30 × 1.60 × 2.00


BANDS_WITH_A_GAP = "    bands: [{min: 18, max: 24, value: 1.60}, {min: 25, value: 1.00}]"


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        (
            "    bands: [{min: 18, max: 24, value: 1.60}, {min: 26, value: 1.00}]",
            "25 an(s) hors des tranches de « Âge du conducteur » (de 18).",
        ),
        (
            "    bands: [{min: 18, max: 24, value: 1.6}, {min: 26, max: 40, value: 1}, {min: 41, max: 80, value: 1}]",
            "25 an(s) hors des tranches de « Âge du conducteur » (de 18 à 80).",
        ),
    ],
)
def test_a_value_outside_every_band_names_the_field(tmp_path, bands, message):
    assert BANDS_WITH_A_GAP in PRODUCT
    folder = write_catalogue(tmp_path, product=PRODUCT.replace(BANDS_WITH_A_GAP, bands))
    other = load_directory(folder).catalogue
    with pytest.raises(InvalidInput) as caught:
        quote(other)  # 25 years old on 2026-03-01
    assert caught.value.field_errors == {"risk.birth_date": [message]}
    assert caught.value.message == "Données de risque hors des tables du produit."


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "property: [{from: 2025-01-01, rate: 20}, {from: 2000-01-01, rate: 12}]",
            "property: [{from: 2026-06-01, rate: 20}]",
            "Aucun taux de surprime CatNat habitation en vigueur au 01/03/2026.",
        ),
        (
            "auto: [{from: 2025-01-01, rate: 9}, {from: 2000-01-01, rate: 6}]",
            "auto: [{from: 2026-03-02, rate: 9}]",
            "Aucun taux de surprime CatNat automobile en vigueur au 01/03/2026.",
        ),
        (
            "fgao: {periods: [{from: 2000-01-01, rate: 1.2}]",
            "fgao: {periods: [{from: 2026-03-02, rate: 1.2}]",
            "Aucun taux de contribution FGAO en vigueur au 01/03/2026.",
        ),
        (
            "attentats: {periods: [{from: 2024-07-01, amount: 6.50}, {from: 2017-01-01, amount: 5.90}]",
            "attentats: {periods: [{from: 2026-03-02, amount: 6.50}]",
            "Aucun montant de contribution attentats en vigueur au 01/03/2026.",
        ),
    ],
)
def test_a_date_with_no_rate_in_force_names_the_effective_date(tmp_path, old, new, message):
    assert old in TAXES
    other = load_directory(write_catalogue(tmp_path, taxes=TAXES.replace(old, new))).catalogue
    with pytest.raises(InvalidInput) as caught:
        quote(other)
    assert caught.value.field_errors == {"effective_date": [message]}
    assert caught.value.message == "Barème fiscal incomplet à la date d'effet."
    # The day the period starts, it is in force.
    day = date.fromisoformat(new.split("from: ")[1][:10])
    assert quote(other, effective_date=day).total > 0


def test_the_fgao_and_attentats_rates_are_read_only_when_a_guarantee_needs_them(tmp_path):
    taxes = TAXES.replace(
        "attentats: {periods: [{from: 2024-07-01, amount: 6.50}, {from: 2017-01-01, amount: 5.90}]",
        "attentats: {periods: [{from: 2030-01-01, amount: 6.50}]",
    )
    other = load_directory(write_catalogue(tmp_path, taxes=taxes)).catalogue
    # Tiers has no property cover: no attentats contribution, so no need of its amount.
    assert quote(other, formula="tiers", options=(), deductibles={}).charges == ()


BRIS_GLACE_PREMIUM = "    premium: [{label: Prime bris de glace, base: 40, factors: []}]"


def test_a_conditional_component_applies_to_a_value_written_as_text(tmp_path):
    # `in: ["7"]` in the product file: the risk's claim_free_years 7 (an integer) matches it by its text.
    assert BRIS_GLACE_PREMIUM in PRODUCT
    premium = (
        "    premium:\n"
        "      - {label: Prime bris de glace, base: 40, factors: []}\n"
        '      - {label: Supplément, base: 10, factors: [], when: {field: claim_free_years, in: ["7", 9]}}\n'
        "      - {label: Autre supplément, base: 5, factors: [], when: {field: usage, equals: tournees}}"
    )
    other = load_directory(write_catalogue(tmp_path, product=PRODUCT.replace(BRIS_GLACE_PREMIUM, premium))).catalogue
    pricing = quote(other, formula="tiers", options=("bris_glace",), deductibles={})
    # 40 + 10 (7 years written "7") ; not the « tournées » supplement (usage prive) → 50.00
    assert [c.label for c in line(pricing, "bris_glace").components] == ["Prime bris de glace", "Supplément"]
    assert line(pricing, "bris_glace").premium_before_tax == D("50.00")
    pricing = quote(other, formula="tiers", options=("bris_glace",), deductibles={}, risk={"claim_free_years": 6})
    assert line(pricing, "bris_glace").premium_before_tax == D("40.00")
