"""Hand-worked quotes on the real catalogue (products/*.yaml): one per auto formula, MRH tenant and owner,
a family health contract, a home loan and a professional multirisk contract.

Every amount below was computed by hand from the product files and docs/products.md, *not* by running the
engine, then asserted to the cent. Rounding: one rounding per fact, to the cent, half away from zero.
Per guarantee: premium HT = base × factors × deductible × modifiers × (1 − discount), rounded; then the
fractionnement surcharge on it, rounded; then each tax on (premium + surcharge), rounded. Per contract:
fees with their own tax, the attentats contribution (6.50 € from 2024-07-01) when a property cover is
chosen. Instalments: the guarantees' total split in equal truncated shares, the first one carrying the
leftover cents and the per-contract amounts.

Tax settings used (products/taxes.yaml): RC auto 33 % + FGAO 1.2 %; other vehicle guarantees 18 %;
legal protection 13.4 %; fire (individuals) 30 %; fire (professionals) 7 %; other home / property /
RC pro / assistance / borrower 9 %; health « responsable » TSA 13.27 %; CatNat surcharge 20 % (property)
or 9 % (auto) from 2025-01-01, taxed itself at 9 %.

If a product file changes, redo the hand computation of the affected example: never copy the engine's
output into these expectations.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from polyadmin.catalogue import load_directory
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.pricing import GuaranteeLine, Pricing, PricingRequest, price

D = Decimal
PRODUCTS = Path(__file__).resolve().parents[2] / "products"
EFFECTIVE = date(2026, 3, 1)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_directory(PRODUCTS).catalogue


def quote(catalogue: Catalogue, code: str, formula: str, frequency: str, risk: dict[str, object], **choices) -> Pricing:
    product = catalogue.product(code)
    assert product is not None
    request = PricingRequest(formula=formula, frequency=frequency, effective_date=EFFECTIVE, risk=risk, **choices)
    return price(product, catalogue.taxes, request)


def lines(pricing: Pricing) -> dict[str, GuaranteeLine]:
    return {item.code: item for item in pricing.lines}


def summary(item: GuaranteeLine) -> tuple[Decimal, Decimal, dict[str, Decimal], Decimal]:
    """(premium HT, fractionnement, {tax code: amount}, line total)."""
    return item.premium_before_tax, item.fractionnement, {t.code: t.amount for t in item.taxes}, item.total


def charges(pricing: Pricing) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    return [(c.code, c.amount, c.tax, c.total) for c in pricing.charges]


def instalments(pricing: Pricing) -> list[tuple[int, date, Decimal]]:
    return [(i.number, i.due_date, i.amount) for i in pricing.instalments]


# --- AUTO -------------------------------------------------------------------------------------------------

EXPERIENCED_RENNES = {
    "garage_postcode": "35000",  # département 35 → zone 2: 0.95
    "driver_birth_date": "1980-06-15",  # 45 years on 2026-03-01 → band 30–49: 1.00
    "licence_date": "2000-09-01",  # 25 years → band 15+: 0.95
    "claim_free_years": 25,  # ≥ 3 claim-free years → novice surcharge 0 % → 1.00
    "crm": "0.50",
    "vehicle_group": 30,  # band 27–30: 0.90
    "first_registration_date": "2016-05-01",  # 9 years → band 5–9: 0.90
    "energy": "essence",  # 1.00
    "usage": "trajet",  # 1.00
    "annual_mileage": 12000,  # band 10,001–15,000: 1.00
    "vehicle_value": 9000,  # band 0–10,000: 0.80
}


def test_auto_tiers_annual_experienced_driver(catalogue):
    pricing = quote(catalogue, "AUTO", "tiers", "annuel", dict(EXPERIENCED_RENNES))
    got = lines(pricing)
    assert list(got) == ["rc", "defense_recours", "protection_conducteur", "assistance"]
    # RC: 240 × zone 0.95 × age 1.00 × licence 0.95 × group 0.90 × usage 1.00 × mileage 1.00 × energy 1.00
    #     × CRM 0.50 × novice 1.00 = 228 → 216.60 → 194.94 → 97.47
    #     TSCA 33 % = 32.1651 → 32.17 ; FGAO 1.2 % = 1.16964 → 1.17 ; total 130.81
    assert summary(got["rc"]) == (D("97.47"), D("0.00"), {"tsca": D("32.17"), "fgao": D("1.17")}, D("130.81"))
    # Défense-recours: 16.00 ; TSCA 13.4 % = 2.144 → 2.14 ; total 18.14
    assert summary(got["defense_recours"]) == (D("16.00"), D("0.00"), {"tsca": D("2.14")}, D("18.14"))
    # Protection du conducteur: 38 × age 1.00 × seuil 10 % 1.00 = 38.00 ; TSCA 18 % = 6.84 ; total 44.84
    assert summary(got["protection_conducteur"]) == (D("38.00"), D("0.00"), {"tsca": D("6.84")}, D("44.84"))
    # Assistance 50 km: 24.00 ; TSCA 18 % = 4.32 ; total 28.32
    assert summary(got["assistance"]) == (D("24.00"), D("0.00"), {"tsca": D("4.32")}, D("28.32"))
    # Fee 15.00 + 18 % = 2.70 → 17.70 ; no property cover in Tiers → no attentats contribution.
    assert charges(pricing) == [("frais_dossier", D("15.00"), D("2.70"), D("17.70"))]
    assert [c.label for c in pricing.charges] == ["Frais de dossier (accessoires de prime)"]
    # Total 130.81 + 18.14 + 44.84 + 28.32 + 17.70 = 239.81 ; premium HT 175.47 ; taxes 46.64 + 2.70 = 49.34
    assert pricing.premium_before_tax == D("175.47")
    assert pricing.fractionnement == D("0.00")
    assert pricing.taxes == D("49.34")
    assert pricing.total == D("239.81")
    assert instalments(pricing) == [(1, date(2026, 3, 1), D("239.81"))]


def test_auto_tiers_plus_monthly_novice_with_reuse_parts_and_discount(catalogue):
    risk = {
        "garage_postcode": "69003",  # 69 → zone 4: 1.20
        "driver_birth_date": "2004-04-10",  # 21 years → band 21–24: 1.25
        "licence_date": "2024-07-01",  # 1 year → band 0–4: 1.08
        "accompanied_driving": True,  # AAC: 50 % the first year
        "claim_free_years": 1,  # halved once → novice surcharge 25 % → 1.25
        "crm": "0.95",
        "vehicle_group": 27,  # 0.90
        "first_registration_date": "2019-02-01",  # 7 years → 0.90
        "energy": "hybride",  # 0.95
        "usage": "trajet",  # 1.00
        "annual_mileage": 8000,  # band 5,001–10,000: 0.95
        "vehicle_value": 14000,  # band 10,001–20,000: 1.00
    }
    pricing = quote(
        catalogue,
        "AUTO",
        "tiers_plus",
        "mensuel",
        risk,
        options=("pieces_reemploi",),
        deductibles={"vol": "f600"},
        other_contracts=1,
    )
    got = lines(pricing)
    assert list(got) == [
        "rc",
        "defense_recours",
        "protection_conducteur",
        "assistance",
        "bris_glace",
        "vol",
        "incendie",
    ]
    # Multi-product discount, 1 other contract: 5 % → × 0.95 on every guarantee. Monthly: + 3 %.
    # RC: 240 × 1.20 × 1.25 × 1.08 × 0.90 × 1.00 × 0.95 × 0.95 × CRM 0.95 × novice 1.25 × discount 0.95
    #     = 288 → 360 → 388.8 → 349.92 → 332.424 → 315.8028 → 300.01266 → 375.015825 → 356.26503375 → 356.27
    #     fractionnement 10.6881 → 10.69 ; base 366.96 ; TSCA 121.0968 → 121.10 ; FGAO 4.40352 → 4.40
    assert summary(got["rc"]) == (D("356.27"), D("10.69"), {"tsca": D("121.10"), "fgao": D("4.40")}, D("492.46"))
    # Défense-recours: 16 × 0.95 = 15.20 ; 0.456 → 0.46 ; base 15.66 ; 13.4 % = 2.09844 → 2.10
    assert summary(got["defense_recours"]) == (D("15.20"), D("0.46"), {"tsca": D("2.10")}, D("17.76"))
    # Protection du conducteur: 38 × age 1.25 × 0.95 = 45.125 → 45.13 ; 1.3539 → 1.35 ; base 46.48 ;
    # 18 % = 8.3664 → 8.37
    assert summary(got["protection_conducteur"]) == (D("45.13"), D("1.35"), {"tsca": D("8.37")}, D("54.85"))
    # Assistance: 24 × 0.95 = 22.80 ; 0.684 → 0.68 ; base 23.48 ; 18 % = 4.2264 → 4.23
    assert summary(got["assistance"]) == (D("22.80"), D("0.68"), {"tsca": D("4.23")}, D("27.71"))
    # Bris de glace: 48 × zone 1.20 × group 0.90 = 51.84 × f50 1.00 × réemploi 0.95 × 0.95 = 46.7856 → 46.79 ;
    # 1.4037 → 1.40 ; base 48.19 ; 18 % = 8.6742 → 8.67
    assert summary(got["bris_glace"]) == (D("46.79"), D("1.40"), {"tsca": D("8.67")}, D("56.86"))
    # Vol: 64 × 1.20 × value 1.00 × age 0.90 = 69.12 × f600 0.88 = 60.8256 × 0.95 = 57.78432 → 57.78 ;
    # 1.7334 → 1.73 ; base 59.51 ; TSCA 18 % 10.7118 → 10.71 ; CatNat auto 9 % 5.3559 → 5.36 ;
    # tax on CatNat 9 % of 5.36 = 0.4824 → 0.48 ; total 76.06
    assert summary(got["vol"]) == (
        D("57.78"),
        D("1.73"),
        {"tsca": D("10.71"), "catnat": D("5.36"), "catnat_tax": D("0.48")},
        D("76.06"),
    )
    # Incendie: 26 × 1.00 × 0.90 = 23.40 × f300 1.00 × 0.95 = 22.23 ; 0.6669 → 0.67 ; base 22.90 ;
    # TSCA 4.122 → 4.12 ; CatNat 2.061 → 2.06 ; tax 0.1854 → 0.19 ; total 29.27
    assert summary(got["incendie"]) == (
        D("22.23"),
        D("0.67"),
        {"tsca": D("4.12"), "catnat": D("2.06"), "catnat_tax": D("0.19")},
        D("29.27"),
    )
    # Per contract: fee 15.00 + 2.70 ; attentats 6.50 (theft and fire are property covers).
    assert charges(pricing) == [
        ("frais_dossier", D("15.00"), D("2.70"), D("17.70")),
        ("attentats", D("6.50"), D("0.00"), D("6.50")),
    ]
    # Guarantees 754.97 + per contract 24.20 = 779.17 ; premium HT 566.20 ; fractionnement 16.98 ;
    # taxes 171.79 + fee tax 2.70 = 174.49
    assert pricing.premium_before_tax == D("566.20")
    assert pricing.fractionnement == D("16.98")
    assert pricing.taxes == D("174.49")
    assert pricing.total == D("779.17")
    # 75,497 cents ÷ 12 = 6,291 rest 5: first 62.91 + 0.05 + 24.20 = 87.16, then 11 × 62.91
    amounts = instalments(pricing)
    assert amounts[0] == (1, date(2026, 3, 1), D("87.16"))
    assert [a for _, _, a in amounts[1:]] == [D("62.91")] * 11
    assert amounts[-1][1] == date(2027, 2, 1)
    assert sum(a for _, _, a in amounts) == pricing.total


def test_auto_all_risks_quarterly_electric_car_in_paris(catalogue):
    risk = {
        "garage_postcode": "75011",  # zone 5: 1.40
        "driver_birth_date": "1970-01-20",  # 56 years → band 50–64: 0.95
        "licence_date": "1990-03-15",  # 35 years → 0.95
        "claim_free_years": 30,  # novice 1.00
        "crm": "0.50",
        "vehicle_group": 36,  # band 35–38: 1.15
        "first_registration_date": "2025-06-01",  # 0 years → band 0–1: 1.10
        "energy": "electrique",  # 0.90
        "usage": "prive",  # 0.92
        "annual_mileage": 6000,  # 0.95
        "vehicle_value": 42000,  # band 35,001–50,000: 1.55
    }
    pricing = quote(
        catalogue,
        "AUTO",
        "tous_risques",
        "trimestriel",
        risk,
        options=("valeur_a_neuf", "pay_as_you_drive"),
        deductibles={"dommages": "f500"},
    )
    got = lines(pricing)
    assert list(got) == [
        "rc",
        "defense_recours",
        "protection_conducteur",
        "assistance",
        "bris_glace",
        "vol",
        "incendie",
        "dommages",
        "valeur_a_neuf",
    ]
    # Quarterly: + 2 %. Pay-as-you-drive × 0.90 on RC and dommages.
    # RC: 240 × 1.40 × 0.95 × 0.95 × 1.15 × 0.92 × 0.95 × 0.90 × 0.50 × 1.00 × 0.90
    #     = 336 → 319.2 → 303.24 → 348.726 → 320.82792 → 304.786524 → 274.3078716 → 137.1539358
    #     → 123.43854222 → 123.44 ; 2.4688 → 2.47 ; base 125.91 ; TSCA 41.5503 → 41.55 ; FGAO 1.51092 → 1.51
    assert summary(got["rc"]) == (D("123.44"), D("2.47"), {"tsca": D("41.55"), "fgao": D("1.51")}, D("168.97"))
    # Défense-recours 16.00 ; 0.32 ; base 16.32 ; 13.4 % = 2.18688 → 2.19
    assert summary(got["defense_recours"]) == (D("16.00"), D("0.32"), {"tsca": D("2.19")}, D("18.51"))
    # Protection du conducteur 38 × 0.95 = 36.10 ; 0.722 → 0.72 ; base 36.82 ; 18 % = 6.6276 → 6.63
    assert summary(got["protection_conducteur"]) == (D("36.10"), D("0.72"), {"tsca": D("6.63")}, D("43.45"))
    # Assistance 24.00 ; 0.48 ; base 24.48 ; 18 % = 4.4064 → 4.41
    assert summary(got["assistance"]) == (D("24.00"), D("0.48"), {"tsca": D("4.41")}, D("28.89"))
    # Bris de glace 48 × 1.40 × 1.15 = 77.28 ; 1.5456 → 1.55 ; base 78.83 ; 18 % = 14.1894 → 14.19
    assert summary(got["bris_glace"]) == (D("77.28"), D("1.55"), {"tsca": D("14.19")}, D("93.02"))
    # Vol 64 × 1.40 × 1.55 × 1.10 = 152.768 → 152.77 ; 3.0554 → 3.06 ; base 155.83 ; TSCA 28.0494 → 28.05 ;
    # CatNat 9 % 14.0247 → 14.02 ; tax 1.2618 → 1.26 ; total 199.16
    assert summary(got["vol"]) == (
        D("152.77"),
        D("3.06"),
        {"tsca": D("28.05"), "catnat": D("14.02"), "catnat_tax": D("1.26")},
        D("199.16"),
    )
    # Incendie 26 × 1.55 × 1.10 = 44.33 ; 0.8866 → 0.89 ; base 45.22 ; TSCA 8.1396 → 8.14 ; CatNat 4.0698
    # → 4.07 ; tax 0.3663 → 0.37 ; total 57.80
    assert summary(got["incendie"]) == (
        D("44.33"),
        D("0.89"),
        {"tsca": D("8.14"), "catnat": D("4.07"), "catnat_tax": D("0.37")},
        D("57.80"),
    )
    # Dommages: 190 × 1.40 × 0.95 × 1.15 × 1.10 × 1.55 × 0.92 × 0.95 × 0.90 × 0.50 × 1.00 × f500 0.90 × 0.90
    #     = 266 → 252.7 → 290.605 → 319.6655 → 495.481525 → 455.842003 → 433.04990285 → 389.744912565
    #     → 194.8724562825 → 175.38521065425 → 157.846689588825 → 157.85 ; 3.157 → 3.16 ; base 161.01 ;
    #     18 % = 28.9818 → 28.98 (no CatNat: the auto surcharge is on theft and fire premiums)
    assert summary(got["dommages"]) == (D("157.85"), D("3.16"), {"tsca": D("28.98")}, D("189.99"))
    # Valeur à neuf 45 × 1.55 = 69.75 ; 1.395 → 1.40 ; base 71.15 ; 18 % = 12.807 → 12.81
    assert summary(got["valeur_a_neuf"]) == (D("69.75"), D("1.40"), {"tsca": D("12.81")}, D("83.96"))
    assert charges(pricing) == [
        ("frais_dossier", D("15.00"), D("2.70"), D("17.70")),
        ("attentats", D("6.50"), D("0.00"), D("6.50")),
    ]
    # Guarantees 883.75 + 24.20 = 907.95 ; 88,375 cents ÷ 4 = 22,093 rest 3 → 220.93 + 0.03 + 24.20 = 245.16
    assert pricing.total == D("907.95")
    assert instalments(pricing) == [
        (1, date(2026, 3, 1), D("245.16")),
        (2, date(2026, 6, 1), D("220.93")),
        (3, date(2026, 9, 1), D("220.93")),
        (4, date(2026, 12, 1), D("220.93")),
    ]


# --- MRH --------------------------------------------------------------------------------------------------


def test_mrh_tenant_comfort_annual(catalogue):
    risk = {
        "postcode": "69003",  # MRH zone 4: 1.25
        "dwelling_type": "appartement",  # 0.90
        "occupancy_status": "locataire",  # 1.00
        "residence": "principale",  # 1.00
        "surface": 62,
        "rooms": 3,  # 1.00
        "floor": "etage",  # 1.00
        "contents_value": 20000,  # 20 × 1,000 €
        "security": "porte_blindee",  # 1.00
    }
    pricing = quote(catalogue, "MRH", "locataire_confort", "annuel", risk)
    got = lines(pricing)
    assert list(got) == [
        "rc_vie_privee",
        "incendie",
        "tempete",
        "degats_eaux",
        "defense_recours",
        "vol",
        "bris_glace",
        "assistance",
    ]
    # RC vie privée 22.00 ; 9 % = 1.98
    assert summary(got["rc_vie_privee"]) == (D("22.00"), D("0.00"), {"tsca": D("1.98")}, D("23.98"))
    # Incendie: risques locatifs 25 × 1.25 × 0.90 × rooms 1.00 = 28.125 ; mobilier 2.20 × 20 × 1.25 = 55.00 ;
    # (bâtiment: owners only) ; 83.125 × f150 1.00 → 83.13 ; TSCA 30 % 24.939 → 24.94 ; CatNat 20 % 16.626
    # → 16.63 ; tax 9 % 1.4967 → 1.50 ; total 126.20
    assert summary(got["incendie"]) == (
        D("83.13"),
        D("0.00"),
        {"tsca": D("24.94"), "catnat": D("16.63"), "catnat_tax": D("1.50")},
        D("126.20"),
    )
    assert [c.label for c in got["incendie"].components] == [
        "Risques locatifs et recours des voisins",
        "Mobilier (pour 1 000 € de capital)",
    ]
    # Tempête 18 × 1.25 × 0.90 × 1.00 = 20.25 ; 9 % 1.8225 → 1.82 ; CatNat 4.05 ; tax 0.3645 → 0.36
    assert summary(got["tempete"]) == (
        D("20.25"),
        D("0.00"),
        {"tsca": D("1.82"), "catnat": D("4.05"), "catnat_tax": D("0.36")},
        D("26.48"),
    )
    # Dégâts des eaux 40 × 1.25 × 0.90 × 1.00 × 1.00 × 1.00 = 45.00 ; 9 % 4.05 ; CatNat 9.00 ; tax 0.81
    assert summary(got["degats_eaux"]) == (
        D("45.00"),
        D("0.00"),
        {"tsca": D("4.05"), "catnat": D("9.00"), "catnat_tax": D("0.81")},
        D("58.86"),
    )
    # Défense-recours 12.00 ; 13.4 % = 1.608 → 1.61
    assert summary(got["defense_recours"]) == (D("12.00"), D("0.00"), {"tsca": D("1.61")}, D("13.61"))
    # Vol 3.00 × 20 × 1.25 × floor 1.00 × security 1.00 × residence 1.00 × dwelling 0.90 = 67.50 ;
    # 9 % 6.075 → 6.08 ; CatNat 13.50 ; tax 1.215 → 1.22 ; total 88.30
    assert summary(got["vol"]) == (
        D("67.50"),
        D("0.00"),
        {"tsca": D("6.08"), "catnat": D("13.50"), "catnat_tax": D("1.22")},
        D("88.30"),
    )
    # Bris de glace 14 × 1.00 = 14.00 ; 9 % 1.26 ; CatNat 2.80 ; tax 0.252 → 0.25
    assert summary(got["bris_glace"]) == (
        D("14.00"),
        D("0.00"),
        {"tsca": D("1.26"), "catnat": D("2.80"), "catnat_tax": D("0.25")},
        D("18.31"),
    )
    # Assistance 10.00 ; 9 % 0.90
    assert summary(got["assistance"]) == (D("10.00"), D("0.00"), {"tsca": D("0.90")}, D("10.90"))
    assert charges(pricing) == [
        ("frais_dossier", D("10.00"), D("0.90"), D("10.90")),
        ("attentats", D("6.50"), D("0.00"), D("6.50")),
    ]
    # Guarantees 366.64 + 17.40 = 384.04 ; premium HT 273.88
    assert pricing.premium_before_tax == D("273.88")
    assert pricing.total == D("384.04")
    assert instalments(pricing) == [(1, date(2026, 3, 1), D("384.04"))]


def test_mrh_owner_house_half_yearly_with_garden_and_eco_renovation(catalogue):
    risk = {
        "postcode": "35000",  # MRH zone 2: 1.00
        "dwelling_type": "maison",  # 1.15
        "occupancy_status": "proprietaire_occupant",  # status 1.10 (dégâts des eaux)
        "residence": "principale",
        "surface": 110,
        "rooms": 5,  # 1.30
        "floor": "rdc",  # 1.20
        "contents_value": 40000,  # 40 × 1,000 €
        "flood_zone": False,
        "security": "alarme",  # 0.85
    }
    pricing = quote(
        catalogue,
        "MRH",
        "proprietaire_occupant",
        "semestriel",
        risk,
        options=("jardin_piscine", "eco_renovation"),
        deductibles={"incendie": "f300"},
        other_contracts=2,
    )
    got = lines(pricing)
    assert list(got) == [
        "rc_vie_privee",
        "incendie",
        "tempete",
        "degats_eaux",
        "defense_recours",
        "vol",
        "bris_glace",
        "assistance",
        "jardin_piscine",
        "eco_renovation",
    ]
    # Two other contracts: 10 % → × 0.90 ; half-yearly: + 1 %.
    # RC 22 × 0.90 = 19.80 ; 0.198 → 0.20 ; base 20.00 ; 9 % 1.80
    assert summary(got["rc_vie_privee"]) == (D("19.80"), D("0.20"), {"tsca": D("1.80")}, D("21.80"))
    # Incendie: bâtiment 1.20 × 110 m² × 1.00 × 1.15 = 151.80 ; mobilier 2.20 × 40 × 1.00 = 88.00 ;
    # 239.80 × f300 0.92 × 0.90 = 198.5544 → 198.55 ; 1.9855 → 1.99 ; base 200.54 ; TSCA 30 % 60.162 → 60.16 ;
    # CatNat 20 % 40.108 → 40.11 ; tax 3.6099 → 3.61 ; total 304.42
    assert summary(got["incendie"]) == (
        D("198.55"),
        D("1.99"),
        {"tsca": D("60.16"), "catnat": D("40.11"), "catnat_tax": D("3.61")},
        D("304.42"),
    )
    # Tempête 18 × 1.00 × 1.15 × 1.30 = 26.91 × 0.90 = 24.219 → 24.22 ; 0.2422 → 0.24 ; base 24.46 ;
    # 9 % 2.2014 → 2.20 ; CatNat 4.892 → 4.89 ; tax 0.4401 → 0.44
    assert summary(got["tempete"]) == (
        D("24.22"),
        D("0.24"),
        {"tsca": D("2.20"), "catnat": D("4.89"), "catnat_tax": D("0.44")},
        D("31.99"),
    )
    # Dégâts des eaux 40 × 1.00 × 1.15 × 1.30 × 1.10 × 1.00 = 65.78 × 0.90 = 59.202 → 59.20 ; 0.592 → 0.59 ;
    # base 59.79 ; 9 % 5.3811 → 5.38 ; CatNat 11.958 → 11.96 ; tax 1.0764 → 1.08
    assert summary(got["degats_eaux"]) == (
        D("59.20"),
        D("0.59"),
        {"tsca": D("5.38"), "catnat": D("11.96"), "catnat_tax": D("1.08")},
        D("78.21"),
    )
    # Défense-recours 12 × 0.90 = 10.80 ; 0.108 → 0.11 ; base 10.91 ; 13.4 % 1.46194 → 1.46
    assert summary(got["defense_recours"]) == (D("10.80"), D("0.11"), {"tsca": D("1.46")}, D("12.37"))
    # Vol 3.00 × 40 × 1.00 × rdc 1.20 × alarme 0.85 × 1.00 × maison 1.15 = 140.76 × 0.90 = 126.684 → 126.68 ;
    # 1.2668 → 1.27 ; base 127.95 ; 9 % 11.5155 → 11.52 ; CatNat 25.59 ; tax 2.3031 → 2.30
    assert summary(got["vol"]) == (
        D("126.68"),
        D("1.27"),
        {"tsca": D("11.52"), "catnat": D("25.59"), "catnat_tax": D("2.30")},
        D("167.36"),
    )
    # Bris de glace 14 × 1.30 × 0.90 = 16.38 ; 0.1638 → 0.16 ; base 16.54 ; 9 % 1.4886 → 1.49 ;
    # CatNat 3.308 → 3.31 ; tax 0.2979 → 0.30
    assert summary(got["bris_glace"]) == (
        D("16.38"),
        D("0.16"),
        {"tsca": D("1.49"), "catnat": D("3.31"), "catnat_tax": D("0.30")},
        D("21.64"),
    )
    # Assistance 10 × 0.90 = 9.00 ; 0.09 ; base 9.09 ; 9 % 0.8181 → 0.82
    assert summary(got["assistance"]) == (D("9.00"), D("0.09"), {"tsca": D("0.82")}, D("9.91"))
    # Jardin et piscine 28 × 1.00 × 0.90 = 25.20 ; 0.252 → 0.25 ; base 25.45 ; 9 % 2.2905 → 2.29 ;
    # CatNat 5.09 ; tax 0.4581 → 0.46
    assert summary(got["jardin_piscine"]) == (
        D("25.20"),
        D("0.25"),
        {"tsca": D("2.29"), "catnat": D("5.09"), "catnat_tax": D("0.46")},
        D("33.29"),
    )
    # Éco-rénovation 24 × 1.00 × 0.90 = 21.60 ; 0.216 → 0.22 ; base 21.82 ; 9 % 1.9638 → 1.96 ;
    # CatNat 4.364 → 4.36 ; tax 0.3924 → 0.39
    assert summary(got["eco_renovation"]) == (
        D("21.60"),
        D("0.22"),
        {"tsca": D("1.96"), "catnat": D("4.36"), "catnat_tax": D("0.39")},
        D("28.53"),
    )
    # Guarantees 709.52 + fee 10.90 + attentats 6.50 = 726.92 ; 70,952 cents ÷ 2 = 35,476 rest 0
    assert pricing.total == D("726.92")
    assert instalments(pricing) == [(1, date(2026, 3, 1), D("372.16")), (2, date(2026, 9, 1), D("354.76"))]


# --- SANTE ------------------------------------------------------------------------------------------------


def test_health_family_level_2_monthly_with_prevention(catalogue):
    risk = {
        "principal_birth_date": "1985-09-10",  # 40 years → band 36–45: 0.90
        "regime": "general",  # 1.00
        "postcode": "33000",  # not listed → other 1.00
        "has_spouse": True,
        "spouse_age": 38,  # 0.90
        "children": 2,  # per child × 2
    }
    pricing = quote(catalogue, "SANTE", "responsable_2", "mensuel", risk, options=("prevention_teleconsultation",))
    got = lines(pricing)
    # Monthly: + 3 % ; TSA « responsable » 13.27 % on every guarantee (all in category health_responsible).
    # Hospitalisation: adult 250 × 0.90 = 225.00, spouse 225.00, children 70 × 2 = 140.00 → 590.00 ;
    # 17.70 ; base 607.70 ; TSA 80.64179 → 80.64
    assert summary(got["hospitalisation_r2"]) == (D("590.00"), D("17.70"), {"tsca": D("80.64")}, D("688.34"))
    # Soins courants: 180 + 180 + 70 × 2 → 500.00 ; 15.00 ; base 515.00 ; TSA 68.3405 → 68.34
    assert summary(got["soins_courants_r2"]) == (D("500.00"), D("15.00"), {"tsca": D("68.34")}, D("583.34"))
    # Optique: 99 + 99 + 35 × 2 → 268.00 ; 8.04 ; base 276.04 ; TSA 36.630508 → 36.63
    assert summary(got["optique_r2"]) == (D("268.00"), D("8.04"), {"tsca": D("36.63")}, D("312.67"))
    # Dentaire: 108 + 108 + 40 × 2 → 296.00 ; 8.88 ; base 304.88 ; TSA 40.457576 → 40.46
    assert summary(got["dentaire_r2"]) == (D("296.00"), D("8.88"), {"tsca": D("40.46")}, D("345.34"))
    # Aides auditives: 36 + 36 + 5 × 2 → 82.00 ; 2.46 ; base 84.46 ; TSA 11.207842 → 11.21
    assert summary(got["aides_auditives_r2"]) == (D("82.00"), D("2.46"), {"tsca": D("11.21")}, D("95.67"))
    # Prévention: 24 + 24 + 8 × 2 → 64.00 ; 1.92 ; base 65.92 ; TSA 8.747584 → 8.75
    assert summary(got["prevention_teleconsultation"]) == (D("64.00"), D("1.92"), {"tsca": D("8.75")}, D("74.67"))
    assert [g.waiting_period_days for g in catalogue.product("SANTE").guarantees if g.code == "optique_r2"] == [0]
    # No fee, no property cover: no per-contract amount.
    assert charges(pricing) == []
    # Total 2,100.03 ; premium HT 1,800.00 ; fractionnement 54.00 ; TSA 246.03
    assert pricing.premium_before_tax == D("1800.00")
    assert pricing.fractionnement == D("54.00")
    assert pricing.taxes == D("246.03")
    assert pricing.total == D("2100.03")
    # 210,003 cents ÷ 12 = 17,500 rest 3 → 175.03 then 11 × 175.00
    amounts = [a for _, _, a in instalments(pricing)]
    assert amounts == [D("175.03")] + [D("175.00")] * 11


# --- EMPRUNTEUR -------------------------------------------------------------------------------------------


def test_home_loan_half_share_monthly_with_partial_disability(catalogue):
    risk = {
        "capital": 250000,  # 250 × 1,000 €
        "quotite": 50,  # 0.50
        "duration_months": 300,  # band 181–300: 1.05
        "borrower_birth_date": "1990-07-01",  # 35 years → décès band 35–39: 0.95, incapacité 30–39: 0.85
        "smoker": False,  # 1.00
        "loan_purpose": "residence_principale",  # 1.00
        "profession_class": "classe_1",  # 1.00
    }
    pricing = quote(catalogue, "EMPRUNTEUR", "deces_ptia_itt_ipt", "mensuel", risk, options=("ipp",))
    got = lines(pricing)
    assert list(got) == ["deces", "ptia", "itt_ipt", "ipp"]
    # Monthly: + 1.5 % ; borrower tax 9 %.
    # Décès 0.80 × 250 × 0.50 × 0.95 × 1.00 × 1.00 × 1.05 = 99.75 ; 1.49625 → 1.50 ; base 101.25 ; 9.1125 → 9.11
    assert summary(got["deces"]) == (D("99.75"), D("1.50"), {"tsca": D("9.11")}, D("110.36"))
    # PTIA 0.10 × 250 × 0.50 × 0.95 × 1.00 × 1.00 = 11.875 → 11.88 ; 0.1782 → 0.18 ; base 12.06 ; 1.0854 → 1.09
    assert summary(got["ptia"]) == (D("11.88"), D("0.18"), {"tsca": D("1.09")}, D("13.15"))
    # ITT/IPT 0.70 × 250 × 0.50 × 0.85 × 1.00 × 1.00 × 1.05 × franchise 90 j 1.00 = 78.09375 → 78.09 ;
    # 1.17135 → 1.17 ; base 79.26 ; 7.1334 → 7.13
    assert summary(got["itt_ipt"]) == (D("78.09"), D("1.17"), {"tsca": D("7.13")}, D("86.39"))
    # IPP 0.15 × 250 × 0.50 × 0.85 × 1.00 = 15.9375 → 15.94 ; 0.2391 → 0.24 ; base 16.18 ; 1.4562 → 1.46
    assert summary(got["ipp"]) == (D("15.94"), D("0.24"), {"tsca": D("1.46")}, D("17.64"))
    assert charges(pricing) == []
    assert pricing.premium_before_tax == D("205.66")
    assert pricing.fractionnement == D("3.09")
    assert pricing.taxes == D("18.79")
    assert pricing.total == D("227.54")
    # 22,754 cents ÷ 12 = 1,896 rest 2 → 18.98 then 11 × 18.96
    amounts = [a for _, _, a in instalments(pricing)]
    assert amounts == [D("18.98")] + [D("18.96")] * 11


# --- PRO --------------------------------------------------------------------------------------------------


def test_bakery_multirisk_annual_with_business_interruption(catalogue):
    risk = {
        "activity": "boulangerie_patisserie",  # RC 1.20, property 1.50
        "turnover": 320000,  # band 250,001–500,000: 1.25
        "staff": 4,  # band 3–5: 1.15
        "premises_surface": 120,
        "postcode": "44000",  # PRO zone 3: 1.10
        "contents_value": 60000,  # 60 × 1,000 €
    }
    pricing = quote(catalogue, "PRO", "multirisque", "annuel", risk, options=("perte_exploitation",), other_contracts=1)
    got = lines(pricing)
    assert list(got) == [
        "rc_pro",
        "defense_recours_pro",
        "incendie_locaux",
        "degats_eaux_pro",
        "vol_pro",
        "bris_machine",
        "perte_exploitation",
    ]
    # One other contract: 5 % → × 0.95.
    # RC 180 × 1.20 × 1.25 × 1.15 = 310.50 × f300 1.00 × 0.95 = 294.975 → 294.98 ; 9 % 26.5482 → 26.55
    assert summary(got["rc_pro"]) == (D("294.98"), D("0.00"), {"tsca": D("26.55")}, D("321.53"))
    # Défense-recours 45 × 0.95 = 42.75 ; 13.4 % 5.7285 → 5.73
    assert summary(got["defense_recours_pro"]) == (D("42.75"), D("0.00"), {"tsca": D("5.73")}, D("48.48"))
    # Incendie: locaux 1.50 × 120 × 1.50 × 1.10 = 297.00 ; contenu 1.80 × 60 × 1.50 × 1.10 = 178.20 ;
    # 475.20 × f500 1.00 × 0.95 = 451.44 ; TSCA incendie professionnels 7 % 31.6008 → 31.60 ;
    # CatNat 20 % 90.288 → 90.29 ; tax 8.1261 → 8.13 ; total 581.46
    assert summary(got["incendie_locaux"]) == (
        D("451.44"),
        D("0.00"),
        {"tsca": D("31.60"), "catnat": D("90.29"), "catnat_tax": D("8.13")},
        D("581.46"),
    )
    # Dégâts des eaux 0.80 × 120 × 1.50 × 1.10 = 158.40 × 0.95 = 150.48 ; 9 % 13.5432 → 13.54 ;
    # CatNat 30.096 → 30.10 ; tax 2.709 → 2.71
    assert summary(got["degats_eaux_pro"]) == (
        D("150.48"),
        D("0.00"),
        {"tsca": D("13.54"), "catnat": D("30.10"), "catnat_tax": D("2.71")},
        D("196.83"),
    )
    # Vol 2.50 × 60 × 1.10 = 165.00 × 0.95 = 156.75 ; 9 % 14.1075 → 14.11 ; CatNat 31.35 ; tax 2.8215 → 2.82
    assert summary(got["vol_pro"]) == (
        D("156.75"),
        D("0.00"),
        {"tsca": D("14.11"), "catnat": D("31.35"), "catnat_tax": D("2.82")},
        D("205.03"),
    )
    # Bris de machine 1.20 × 60 × 1.50 = 108.00 × 0.95 = 102.60 ; 9 % 9.234 → 9.23 ; CatNat 20.52 ;
    # tax 1.8468 → 1.85
    assert summary(got["bris_machine"]) == (
        D("102.60"),
        D("0.00"),
        {"tsca": D("9.23"), "catnat": D("20.52"), "catnat_tax": D("1.85")},
        D("134.20"),
    )
    # Pertes d'exploitation 120 × 1.25 × 1.50 × 1.10 = 247.50 × 3 jours 1.00 × 0.95 = 235.125 → 235.13 ;
    # 9 % 21.1617 → 21.16 ; CatNat 47.026 → 47.03 ; tax 4.2327 → 4.23
    assert summary(got["perte_exploitation"]) == (
        D("235.13"),
        D("0.00"),
        {"tsca": D("21.16"), "catnat": D("47.03"), "catnat_tax": D("4.23")},
        D("307.55"),
    )
    assert charges(pricing) == [
        ("frais_dossier", D("20.00"), D("1.80"), D("21.80")),
        ("attentats", D("6.50"), D("0.00"), D("6.50")),
    ]
    # Guarantees 1,795.08 + 28.30 = 1,823.38 ; premium HT 1,434.13
    assert pricing.premium_before_tax == D("1434.13")
    assert pricing.total == D("1823.38")
    assert instalments(pricing) == [(1, date(2026, 3, 1), D("1823.38"))]


def test_rc_pro_alone_brings_no_catnat_and_no_attentats(catalogue):
    risk = {
        "activity": "conseil_liberal",  # 0.80
        "turnover": 60000,  # 0.80
        "staff": 0,  # 0.90
        "premises_surface": 0,
        "postcode": "75008",
        "contents_value": 0,
    }
    pricing = quote(catalogue, "PRO", "rc_pro", "annuel", risk)
    got = lines(pricing)
    # RC 180 × 0.80 × 0.80 × 0.90 = 103.68 ; 9 % 9.3312 → 9.33 ; défense-recours 45.00 ; 13.4 % 6.03
    assert summary(got["rc_pro"]) == (D("103.68"), D("0.00"), {"tsca": D("9.33")}, D("113.01"))
    assert summary(got["defense_recours_pro"]) == (D("45.00"), D("0.00"), {"tsca": D("6.03")}, D("51.03"))
    assert charges(pricing) == [("frais_dossier", D("20.00"), D("1.80"), D("21.80"))]
    assert pricing.total == D("185.84")


def test_smoker_with_a_30_day_deductible_and_a_multi_product_discount(catalogue):
    # Same borrower as above, but a smoker (products/emprunteur.yaml, table smoker: "true" 1.80), annual
    # payment (no fractionnement), ITT deductible 30 days (1.25), one other contract (3 % → × 0.97).
    risk = {
        "capital": 250000,  # 250 × 1,000 €
        "quotite": 50,  # 0.50
        "duration_months": 300,  # 1.05
        "borrower_birth_date": "1990-07-01",  # 35 years: décès 0.95, incapacité 0.85
        "smoker": True,  # 1.80 (décès, PTIA, ITT/IPT; not IPP)
        "loan_purpose": "residence_principale",  # 1.00
        "profession_class": "classe_1",  # 1.00
    }
    pricing = quote(
        catalogue,
        "EMPRUNTEUR",
        "deces_ptia_itt_ipt",
        "annuel",
        risk,
        options=("ipp",),
        deductibles={"itt_ipt": "j30"},
        other_contracts=1,
    )
    got = lines(pricing)
    # Décès 0.80 × 250 × 0.50 × 0.95 × 1.80 × 1.00 × 1.05 = 179.55 × 0.97 = 174.1635 → 174.16 ;
    # 9 % 15.6744 → 15.67 ; total 189.83
    assert summary(got["deces"]) == (D("174.16"), D("0.00"), {"tsca": D("15.67")}, D("189.83"))
    # PTIA 0.10 × 250 × 0.50 × 0.95 × 1.80 × 1.00 = 21.375 × 0.97 = 20.73375 → 20.73 ; 1.8657 → 1.87
    assert summary(got["ptia"]) == (D("20.73"), D("0.00"), {"tsca": D("1.87")}, D("22.60"))
    # ITT/IPT 0.70 × 250 × 0.50 × 0.85 × 1.80 × 1.00 × 1.05 = 140.56875 × j30 1.25 = 175.7109375 × 0.97
    #     = 170.439609375 → 170.44 ; 15.3396 → 15.34
    assert summary(got["itt_ipt"]) == (D("170.44"), D("0.00"), {"tsca": D("15.34")}, D("185.78"))
    assert got["itt_ipt"].deductible == "j30"
    # IPP (no smoker factor) 0.15 × 250 × 0.50 × 0.85 × 1.00 = 15.9375 × 0.97 = 15.459375 → 15.46 ; 1.3914 → 1.39
    assert summary(got["ipp"]) == (D("15.46"), D("0.00"), {"tsca": D("1.39")}, D("16.85"))
    assert [(s.table, s.read, s.coefficient) for s in got["deces"].components[0].factors] == [
        ("capital", "250000 ÷ 1000", D("250")),
        ("quotite", "50 ÷ 100", D("0.5")),
        ("age_deces", "35 an(s)", D("0.95")),
        ("smoker", "oui", D("1.80")),
        ("purpose", "Résidence principale", D("1.00")),
        ("duration", "300", D("1.05")),
    ]
    non_smoker = lines(quote(catalogue, "EMPRUNTEUR", "deces_ptia", "annuel", {**risk, "smoker": False}))["deces"]
    assert [(s.read, s.coefficient) for s in non_smoker.components[0].factors if s.table == "smoker"] == [
        ("non", D("1.00"))
    ]
    # 174.16 + 20.73 + 170.44 + 15.46 = 380.79 HT ; taxes 15.67 + 1.87 + 15.34 + 1.39 = 34.27 ; 415.06
    assert pricing.premium_before_tax == D("380.79")
    assert pricing.taxes == D("34.27")
    assert pricing.total == D("415.06")
    assert instalments(pricing) == [(1, date(2026, 3, 1), D("415.06"))]
