"""A small but complete catalogue written for the loader and engine tests (amounts worked by hand)."""

from __future__ import annotations

from pathlib import Path

TAXES = """
categories:
  rc_auto: {label: RC automobile, rate: 33, source: CGI art. 1001 5° quater}
  vehicle_other: {label: Autres garanties du véhicule, rate: 18, source: CGI art. 1001 5° bis}
  catnat: {label: Taxe sur la surprime CatNat, rate: 9, source: CGI art. 1001 6°}
catnat:
  tax_category: catnat
  property: [{from: 2025-01-01, rate: 20}, {from: 2000-01-01, rate: 12}]
  auto: [{from: 2025-01-01, rate: 9}, {from: 2000-01-01, rate: 6}]
  source: A125-2
attentats: {periods: [{from: 2024-07-01, amount: 6.50}, {from: 2017-01-01, amount: 5.90}], source: L422-1}
fgao: {periods: [{from: 2000-01-01, rate: 1.2}], source: L421-4-1}
"""

PRODUCT = """
code: TEST_AUTO
name: Auto d'essai
line: auto
version: "1"
effective_date: 2026-01-01
summary: Produit d'essai.
target: {client_kinds: [person], description: Particuliers.}
referential: [C2A.3]
risk_fields:
  - {name: postcode, label: Code postal, kind: postcode}
  - {name: birth_date, label: Date de naissance, kind: date, min_years: 18, max_years: 85}
  - {name: licence_date, label: Date du permis, kind: date, min_years: 0}
  - {name: accompanied, label: Conduite accompagnée, kind: boolean, required: false, default: false}
  - {name: claim_free_years, label: Années sans sinistre, kind: integer, minimum: 0, maximum: 50}
  - {name: crm, label: CRM, kind: decimal, minimum: 0.50, maximum: 3.50}
  - name: usage
    label: Usage
    kind: choice
    choices: [{code: prive, label: Privé}, {code: tournees, label: Tournées}]
tables:
  zone:
    label: Zone
    kind: lookup
    input: {field: postcode, transform: departement}
    entries: {"75": 1.30, "2B": 0.90, "69": 1.10}
    source: Tarif d'essai
  age:
    label: Âge du conducteur
    kind: bands
    input: {field: birth_date, transform: years_elapsed}
    bands: [{min: 18, max: 24, value: 1.60}, {min: 25, value: 1.00}]
    source: Tarif d'essai
  usage:
    label: Usage
    kind: lookup
    input: usage
    entries: {prive: 1, tournees: 1.25}
    source: Tarif d'essai
  crm: {label: Coefficient de réduction-majoration, kind: input, input: crm, source: A121-1}
  novice:
    label: Surprime conducteur novice
    kind: novice_surcharge
    years_licensed: {field: licence_date, transform: years_elapsed}
    accompanied_driving: accompanied
    claim_free_years: claim_free_years
    source: A121-1-1
guarantees:
  - code: rc
    name: Responsabilité civile
    description: Dommages causés aux tiers.
    status: mandatory
    legal_basis: L211-1
    tax: {category: rc_auto, fgao: true}
    premium: [{label: Prime RC, base: 200, factors: [zone, age, usage, crm, novice]}]
    limits: [{label: Corporels, text: Illimités}, {label: Matériels, amount: 100000000}]
    exclusions: [Conduite sans permis]
  - code: dommages
    name: Dommages tous accidents
    description: Dommages au véhicule.
    status: formula
    tax: {category: vehicle_other, catnat: auto, property_cover: true}
    premium: [{label: Prime dommages, base: 150.00, factors: [zone]}]
    deductibles:
      - {code: f300, label: Franchise 300 €, amount: 300, factor: 1.00, default: true}
      - {code: f600, label: Franchise 600 €, amount: 600, factor: 0.90}
  - code: bris_glace
    name: Bris de glace
    description: Pare-brise et vitres.
    status: optional
    tax: {category: vehicle_other}
    premium: [{label: Prime bris de glace, base: 40, factors: []}]
formulas:
  - {code: tiers, name: Tiers, description: Le minimum légal., guarantees: [], options: [bris_glace]}
  - code: tous_risques
    name: Tous risques
    description: Tout.
    guarantees: [dommages]
    options: [bris_glace, reemploi]
modifiers:
  - code: reemploi
    name: Pièces de réemploi
    description: Réparation écologique.
    factor: 0.95
    applies_to: [dommages]
    eco: true
payment_frequencies:
  - {code: annuel, label: Annuel, instalments: 1, surcharge_percent: 0}
  - {code: mensuel, label: Mensuel, instalments: 12, surcharge_percent: 3}
multi_product_discount: [{min: 1, max: 1, percent: 5}, {min: 2, percent: 10}]
required_documents: [{code: permis, label: Permis de conduire}]
general_exclusions: [Faute intentionnelle (L113-1)]
eco_features: [{label: Réemploi, description: Pièces de réemploi.}]
ipid:
  insurer: Assureur d'essai
  product_type: Assurance automobile
  covered: [RC]
  not_covered: [Faute intentionnelle]
  restrictions: [Franchises]
  territory: France
  obligations: [Déclarer le risque]
  payment: Annuel ou mensuel
  term: Un an renouvelable
  cancellation: L113-12
"""


def write_catalogue(folder: Path, product: str = PRODUCT, taxes: str = TAXES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "taxes.yaml").write_text(taxes, encoding="utf-8")
    (folder / "test_auto.yaml").write_text(product, encoding="utf-8")
    return folder
