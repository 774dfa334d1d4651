"""polyadmin.domain.french: the one module that writes numbers, amounts and dates for pages, PDFs and messages."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from polyadmin.domain import french

D = Decimal
NNBSP = "\u202f"  # Babel's French thousands separator
NBSP = "\u00a0"  # before « € » and « % »


def test_amounts_in_euros_keep_the_cents_and_babel_spaces():
    assert french.euros(D("1500")) == f"1{NNBSP}500,00{NBSP}€"
    assert french.euros(D("0.5")) == f"0,50{NBSP}€"
    assert french.euros(D("1234.5"), "en") == "€1,234.50"


def test_numbers_round_to_three_decimals_unless_exact():
    assert french.number(7800) == f"7{NNBSP}800"
    assert french.number(D("3.14159")) == "3,142"
    assert french.exact_number(D("1.08752")) == "1,08752"
    assert french.exact_number(D("12000.5")) == f"12{NNBSP}000,5"


@pytest.mark.parametrize(
    ("value", "text"),
    [("0.50", "0,50"), ("100000", f"100{NNBSP}000"), ("7800", f"7{NNBSP}800"), ("1E+3", f"1{NNBSP}000")],
)
def test_numbers_as_written_keep_their_zeros(value, text):
    assert french.number_as_written(D(value)) == text


def test_coefficients_and_percents_for_documents():
    assert french.coefficient(D("0.85")) == "0,85"
    assert french.coefficient(D("1")) == "1,00"
    assert french.coefficient(D("0.9025")) == "0,9025"
    assert french.percent(D("33")) == f"33{NBSP}%"
    assert french.percent(D("12.5")) == f"12,5{NBSP}%"
    assert french.exact_percent(D("0.0625")) == f"0,0625{NBSP}%"


@pytest.mark.parametrize(
    ("factor", "text"),
    [
        ("1.12", f"+12{NBSP}% sur la prime"),
        ("0.88", f"\u221212{NBSP}% sur la prime"),
        ("1", "tarif de référence"),
        ("1.0", "tarif de référence"),
    ],
)
def test_tariff_effect(factor, text):
    assert french.tariff_effect(D(factor)) == text


def test_dates_in_the_three_styles_and_in_english():
    day = date(2026, 3, 2)
    assert french.date_text(day, "full") == "lundi 2 mars 2026"
    assert french.date_text(day) == "2 mars 2026"
    assert french.date_text(day, "short") == "02/03/2026"
    assert french.date_text(day, "long", "en") == "March 2, 2026"


@pytest.mark.parametrize(
    ("day", "style", "text"),
    [
        (date(2026, 4, 1), "long", "1er avril 2026"),
        (date(2026, 4, 1), "full", "mercredi 1er avril 2026"),
        (date(2026, 4, 1), "short", "01/04/2026"),
        (date(2026, 4, 11), "long", "11 avril 2026"),
        (date(2026, 4, 21), "full", "mardi 21 avril 2026"),
    ],
)
def test_the_first_of_the_month_takes_its_ordinal_in_french(day, style, text):
    assert french.date_text(day, style) == text
    assert french.date_text(date(2026, 4, 1), "long", "en") == "April 1, 2026"


def test_an_instant_is_shown_on_its_day_and_hour_in_paris():
    late = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)  # already 2 March in Paris
    assert french.date_text(late, "short") == "02/03/2026"
    assert french.datetime_text(late) == "2 mars 2026 à 00:30:00"
    naive = datetime(2026, 7, 1, 8, 0)  # stored instants are naive UTC
    assert french.datetime_text(naive) == "1 juil. 2026 à 10:00:00"
    assert french.datetime_text(naive, "HH:mm", zone=ZoneInfo("UTC")) == "08:00"


def test_message_texts_use_plain_spaces_and_every_computed_digit():
    assert french.short_date(date(2026, 3, 2)) == "02/03/2026"
    assert french.decimal_text(D("12.50")) == "12,5"
    assert french.decimal_text(D("50")) == "50"
    assert french.decimal_text(D("1E+2")) == "100"
    assert french.percent_text(D("12.5")) == "12,5 %"
    assert french.percent_text(D("100")) == "100 %"
    assert french.coefficient_text(D("0.950")) == "0,95"
    assert french.coefficient_text(D("1")) == "1,00"
    assert french.coefficient_text(D("0.90250")) == "0,9025"
    assert french.coefficient_text(D("3.5")) == "3,50"
