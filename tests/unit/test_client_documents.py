"""The client documents (documents de conseil, devis, CP, attestation, échéancier, mandat SEPA, lettre de
bienvenue) from hand-built views: the texts and amounts printed, French typography, byte-identical PDFs,
and the accessible HTML twin saying the same."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTChar, LTTextContainer
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from polyadmin.catalogue import load_directory
from polyadmin.documents import ipid, layout, paragraphs, render_ipid
from polyadmin.documents.contract_documents import (
    attestation_document,
    conditions_particulieres_document,
    echeancier_document,
    grouped_iban,
    mandate_document,
    welcome_letter_document,
)
from polyadmin.documents.layout import PrintedDocument, render_html, render_pdf
from polyadmin.documents.offer_documents import advice_document, quote_document
from polyadmin.documents.wording import DocumentWordingInvalid, Wording, load_client_wording
from polyadmin.domain.catalogue import Product
from polyadmin.domain.french import NO_BREAK_SPACE, day_text, money_text
from tests.helpers import document_views as views

PRODUCTS = Path(__file__).resolve().parents[2] / "products"


@cache
def wording() -> Wording:
    return load_client_wording()


@cache
def auto_product() -> Product:
    return next(p for p in load_directory(PRODUCTS).catalogue.products if p.code == "AUTO")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\u00a0\u202f]", " ", text)).strip()


def pdf_text(document: PrintedDocument) -> str:
    return flat(extract_text(BytesIO(render_pdf(document, wording().layout))))


def html_text(document: PrintedDocument) -> str:
    return flat(re.sub(r"<[^>]+>", " ", render_html(document)).replace("&#x27;", "'").replace("&amp;", "&"))


def amount(value: str) -> str:
    return flat(money_text(Decimal(value)))


def fonts_of(pdf: bytes, needle: str) -> set[tuple[str, float]]:
    """The fonts (name, size) of the characters of the text lines containing `needle`."""
    found = set()
    for page in extract_pages(BytesIO(pdf)):
        for box in page:
            if isinstance(box, LTTextContainer):
                for line in box:
                    if needle in flat(line.get_text()):
                        found |= {(c.fontname, round(c.size, 1)) for c in line if isinstance(c, LTChar)}
    return found


def test_conditions_particulieres_print_the_l112_4_content():
    contract = views.auto_contract()
    text = pdf_text(conditions_particulieres_document(contract, wording()))
    for expected in (
        "Conditions particulières",
        "Contrat n° CT-000123",
        "Madame Jeanne MARTIN",
        "Véhicule : Peugeot 208 AB-123-CD",
        "Responsabilité civile",
        "Illimitée (corporel)",
        "Vol et incendie",
        "300 €",
        "Jeune conducteur : +50 % la première année",
        "1er mars 2026",  # effective date: the first of the month is « 1er »
        "28 février 2027",
        "tacite reconduction",
        "L113-15-1, loi Chatel",
        "L113-15-2, loi Hamon",
        "jusqu'au 6 mars 2026 inclus (art. L112-2-1)",
        "L112-4",
    ):
        assert expected in text, expected
    # Amounts exactly as priced, to the cent, the French way.
    for value in ("312.40", "103.09", "415.49", "1021.35", "1205.19", "1381.85", "295.59", "1677.44"):
        assert amount(value) in text, value
    assert "1 677,44 €" in text and "1 mars" not in text


def test_exclusions_are_printed_once_in_bold_larger_type_inside_the_frame():
    document = conditions_particulieres_document(views.auto_contract(), wording())
    pdf = render_pdf(document, wording().layout)
    text = flat(extract_text(BytesIO(pdf)))
    exclusion = "Les dommages intentionnellement causés par l'assuré (art. L113-1)"
    assert text.count(exclusion) == 1  # listed twice in the data
    body_size = wording().layout.body_size
    fonts = fonts_of(pdf, "La conduite sous l'empire")
    assert fonts and all("Bold" in name and size > body_size for name, size in fonts)
    assert all("Bold" not in name for name, _ in fonts_of(pdf, "tacite reconduction"))
    html = render_html(document)
    assert re.search(r'<section class="exclusions"[^>]*><h3>EXCLUSIONS[^<]*</h3>.*La conduite sous', html)


def test_without_a_distance_sale_there_is_no_withdrawal_period():
    contract = views.auto_contract(distance_selling=False, withdrawal_until=None, tacit_renewal=False)
    text = pdf_text(conditions_particulieres_document(contract, wording()))
    assert "renonciation" not in text and "sans tacite reconduction" in text


def test_the_attestation_carries_the_mentions_of_the_memo_vehicule_assure():
    text = pdf_text(attestation_document(views.auto_contract(), wording()))
    for expected in (
        "Attestation d'assurance",
        "CT-000123",
        "AB-123-CD",
        "Peugeot 208",
        "Mémo véhicule assuré",
        "Fichier des véhicules assurés (FVA)",
        "Date de délivrance",
        "20 février 2026",
        "1er avril 2024",
    ):
        assert expected in text, expected
    home = pdf_text(attestation_document(views.auto_contract(vehicle_registration=None, vehicle_label=None), wording()))
    assert "Mémo véhicule assuré" not in home and "Attestation d'assurance" in home


def test_the_echeancier_lists_the_instalments_and_their_total_equals_the_premium():
    document = echeancier_document(views.auto_contract(), wording())
    text = pdf_text(document)
    assert "1er mars 2026" in text and "1er février 2027" in text
    assert amount("140.30") in text and text.count(amount("139.74")) == 11
    assert text.count(amount("1677.44")) == 2  # the annual premium in the introduction, and the total row
    assert re.search(r"<tfoot><tr><th scope=\"row\">Total</th>.*1\u202f677,44\u00a0€", render_html(document))
    assert "RUM-CT000123-01" in text and "L113-3" in text


def test_the_sepa_mandate_has_the_mentions_of_the_core_mandate():
    text = pdf_text(mandate_document(views.auto_contract(), wording()))
    for expected in (
        "Mandat de prélèvement SEPA",
        "RUM-CT000123-01",
        "FR12ZZZ123456",
        "Polyadmin Assurances",
        "Jeanne MARTIN",
        "FR76 3000 6000 0112 3456 7890 189",
        "AGRIFRPP",
        "Paiement récurrent",
        "8 semaines",
        "vous autorisez (A) Polyadmin Assurances",
        "(à compléter)",
    ):
        assert expected in text, expected
    signed = views.auto_contract(mandate=replace(views.auto_contract().mandate, signed_on=date(2026, 3, 1)))
    assert "Signé le 1er mars 2026" in pdf_text(mandate_document(signed, wording()))
    with pytest.raises(ValueError, match="mandat"):
        mandate_document(views.auto_contract(mandate=None), wording())


def test_iban_is_grouped_by_four():
    assert grouped_iban("fr76 30006000011234567890189") == "FR76 3000 6000 0112 3456 7890 189"


def test_the_welcome_letter_lists_what_is_enclosed():
    text = pdf_text(welcome_letter_document(views.auto_contract(), wording()))
    assert "Madame," in text and "1er mars 2026" in text and amount("1677.44") in text
    assert "mandat de prélèvement SEPA, à nous retourner signé" in text and "6 mars 2026" in text


def test_the_advice_states_needs_recommendation_and_reasons():
    text = pdf_text(advice_document(views.advice(), wording()))
    for expected in (
        "Document de conseil",
        "L521-4",
        "Usage du véhicule ?",
        "Trajets domicile-travail",
        "Notre recommandation",
        "Auto particulier — formule Tiers+, option Véhicule propre",
        "Les raisons de notre recommandation",
        "sans le coût d'un tous risques",
        "Le besoin habitation n'est pas couvert",
        "respectueux de l'environnement",
        "Camille DURAND",
    ):
        assert expected in text, expected


def test_the_quote_compares_alternatives_then_prints_the_ipid_and_the_advice():
    document = quote_document(views.quote(), wording(), [auto_product(), auto_product()], views.advice())
    text = pdf_text(document)
    for expected in (
        "Devis n° DV-000045 — version 2",
        "valable jusqu'au 1er mars 2026",
        "Proposition",
        "Alternative 1",
        "Tous risques",
        "Options écoresponsables choisies",
        "Véhicule propre",
        "Remise multiproduit",
        "Bris de glace : 50 €",
        "Exclusions — à lire attentivement",
    ):
        assert expected in text, expected
    for value in ("1677.44", "2150.10", "27.64", "140.30", "179.18"):
        assert amount(value) in text, value
    assert text.count("Document d'information sur le produit d'assurance") == 1  # the product once
    assert text.index("Devis n° DV-000045") < text.index("Document d'information") < text.index("Document de conseil")


@pytest.mark.parametrize(
    "build",
    [
        lambda w: conditions_particulieres_document(views.auto_contract(), w),
        lambda w: attestation_document(views.auto_contract(), w),
        lambda w: echeancier_document(views.auto_contract(), w),
        lambda w: mandate_document(views.auto_contract(), w),
        lambda w: welcome_letter_document(views.auto_contract(), w),
        lambda w: advice_document(views.advice(), w),
        lambda w: quote_document(views.quote(), w, [auto_product()], views.advice()),
    ],
)
def test_same_input_same_bytes_and_the_html_twin_says_the_same(build):
    document = build(wording())
    first = render_pdf(document, wording().layout)
    assert first.startswith(b"%PDF-") and render_pdf(build(wording()), wording().layout) == first
    html = render_html(document)
    assert html == render_html(build(wording()))
    assert '<html lang="fr">' in html and "<h1>" in html
    if "<table>" in html:
        assert "<caption>" in html and 'scope="' in html
    said = html_text(document)
    for amount_text in re.findall(r"\d{1,3}(?: \d{3})*,\d{2} €", pdf_text(document)):
        assert amount_text in said
    assert flat(document.title) in said and flat(document.reference) in said


@pytest.mark.parametrize(
    "render",
    [
        lambda: render_pdf(conditions_particulieres_document(views.auto_contract(), wording()), wording().layout),
        lambda: render_pdf(
            quote_document(views.quote(), wording(), [auto_product()], views.advice()), wording().layout
        ),
        lambda: render_ipid(auto_product()),
    ],
)
def test_kept_paragraph_parses_give_reportlabs_own_bytes(render, monkeypatch):
    """Paragraph texts are parsed once and kept (`documents.paragraphs`): a document printed with the kept
    parses, cold or warm, has the bytes of one whose every paragraph ReportLab parses itself."""
    render()
    used = paragraphs._parsed.cache_info().hits
    warm = render()
    assert paragraphs._parsed.cache_info().hits > used
    paragraphs._parsed.cache_clear()
    cold = render()

    def reportlab_itself(markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
        return Paragraph(markup, style, bulletText=bullet)

    monkeypatch.setattr(layout, "paragraph", reportlab_itself)
    monkeypatch.setattr(ipid, "paragraph", reportlab_itself)
    assert render() == cold == warm


def test_french_typography_no_break_spaces_and_guillemets():
    document = conditions_particulieres_document(views.auto_contract(), wording())
    html = render_html(document)
    assert f"«{NO_BREAK_SPACE}Je soussigné" in html
    assert f"courriel{NO_BREAK_SPACE}:" in html and "courriel :" not in html
    assert "1\u202f677,44\u00a0€" in html  # narrow no-break space between thousands, no-break space before €
    assert day_text(date(2026, 3, 1)) == "1er mars 2026" and day_text(date(2026, 3, 2)) == "2 mars 2026"


def test_trainers_edit_the_wording_and_mistakes_are_named(tmp_path: Path):
    data = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "documents" / "client_documents.yaml").read_text("utf-8")
    )
    data["attestation"]["signature"] = "La direction technique"
    data["layout"]["prominent_size"] = 13
    edited = tmp_path / "client_documents.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    custom = load_client_wording(edited)
    assert "La direction technique" in pdf_text(attestation_document(views.auto_contract(), custom))
    assert custom.layout.prominent_size == 13
    del data["mandat_sepa"]["rights"]
    data["layout"]["ink"] = "bleu"
    data["welcome_letter"]["documents"] = "pas une liste"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DocumentWordingInvalid) as refused:
        load_client_wording(edited)
    message = str(refused.value)
    assert "mandat_sepa.rights : clé absente" in message
    assert "layout.ink : couleur #rrvvbb attendue" in message
    assert "welcome_letter.documents : liste de textes attendue" in message
