"""Letters as data (documents/letters.yaml) laid out as PDF and HTML: wording edits, French typography,
byte-identical output."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from pdfminer.high_level import extract_text

from polyadmin.documents.letters import (
    LetterFacts,
    LetterWordingInvalid,
    decline_letter,
    documents_letter,
    load_wording,
    render_letter_html,
    render_letter_pdf,
)
from polyadmin.domain.french import NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE, typeset

FACTS = LetterFacts(
    client_name="Madame Hélène LEFÈVRE",
    address_lines=("5 rue des Écoles", "35000 Rennes"),
    salutation="Madame,",
    request_number="DS-000042",
    product="Multirisque habitation",
    received_on=date(2026, 2, 27),
    today=date(2026, 3, 4),
)


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\u00a0\u202f]", " ", extract_text(BytesIO(pdf))))


def test_french_typography_puts_no_break_spaces_before_double_punctuation_and_inside_quotes():
    assert typeset("Objet : refus ; pourquoi ? « Oui »") == (
        f"Objet{NO_BREAK_SPACE}: refus{NARROW_NO_BREAK_SPACE}; pourquoi{NARROW_NO_BREAK_SPACE}? "
        f"«{NO_BREAK_SPACE}Oui{NO_BREAK_SPACE}»"
    )
    assert typeset("à 10:30, voir https://exemple.fr") == "à 10:30, voir https://exemple.fr"


def test_a_decline_letter_without_bct_for_a_home_insurance():
    letter = decline_letter(load_wording(), FACTS, "Logement en zone inondable.", None, compulsory_motor=False)
    text = text_of(render_letter_pdf(letter))
    assert "Madame Hélène LEFÈVRE" in text and "4 mars 2026" in text and "Logement en zone inondable." in text
    assert "L212-1" not in text and "nous pouvons vous proposer" not in text
    assert "Nous vous prions d'agréer, Madame, l'expression" in text


def test_the_request_for_documents_is_byte_identical_and_its_html_says_the_same():
    letter = documents_letter(load_wording(), FACTS, ["Bail d'habitation", "RIB et mandat SEPA"], date(2026, 3, 18))
    first, second = render_letter_pdf(letter), render_letter_pdf(letter)
    assert first == second
    text = text_of(first)
    assert "avant le 18 mars 2026 :" in text and "Bail d'habitation" in text and "RIB et mandat SEPA" in text
    html = render_letter_html(letter)
    assert "<li>Bail d&#x27;habitation</li>" in html and "18 mars 2026" in html
    assert render_letter_html(letter) == html


def test_trainers_edit_the_wording_in_the_yaml_file(tmp_path: Path):
    wording = load_wording()
    wording["documents_request"]["list_intro"] = "Envoyez-nous, $client_name, d'ici au $deadline :"
    edited = tmp_path / "letters.yaml"
    edited.write_text(yaml.safe_dump(wording, allow_unicode=True), encoding="utf-8")
    letter = documents_letter(load_wording(edited), FACTS, ["Bail"], date(2026, 3, 18))
    assert letter.items_intro == f"Envoyez-nous, Madame Hélène LEFÈVRE, d'ici au 18 mars 2026{NO_BREAK_SPACE}:"
    broken = tmp_path / "broken.yaml"
    broken.write_text("insurer: {}\n", encoding="utf-8")
    with pytest.raises(LetterWordingInvalid, match="decline"):
        load_wording(broken)
    broken.write_text("insurer:\n  name: Mutuelle: Boréale\n", encoding="utf-8")
    with pytest.raises(LetterWordingInvalid) as raised:
        load_wording(broken)
    assert str(raised.value) == (
        f"{broken}:2:17 — YAML illisible : deux-points inattendu : une valeur qui contient « : » s'écrit entre "
        "guillemets, ou l'indentation est décalée."
    )
