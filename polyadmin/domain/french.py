"""Numbers, amounts and dates written the French way: the one module behind pages, PDFs and messages.

Two families, on purpose:
- *Babel* (`euros`, `number`, `exact_number`, `number_as_written`, `coefficient`, `percent`,
  `date_text`, `datetime_text`): what a page or a PDF prints, with CLDR's separators (narrow
  no-break space between thousands, no-break space before « € » and « % »). PDFs are always
  French (the default locale); pages pass the reader's locale and time zone (`web.formatting`).
- *plain text* (`short_date`, `decimal_text`, `coefficient_text`, `percent_text`): French
  messages and explanations (errors, pricing and bonus-malus explanations), with ordinary spaces
  and digits exactly as computed (never rounded for display).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.core import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal

from polyadmin.domain.money import round_money

LOCALE = "fr_FR"
PARIS = ZoneInfo("Europe/Paris")
NARROW_NO_BREAK_SPACE = "\u202f"
NO_BREAK_SPACE = "\u00a0"
EXACT_PATTERN = "#,##0.##########"  # every decimal a rate or coefficient has (Babel's default keeps 3)
HUNDRED = Decimal(100)
ONE = Decimal(1)
HUNDREDTH = Decimal("0.01")

LocaleArg = Locale | str | None


# --- pages and PDFs (Babel) -------------------------------------------------------------------------


def euros(amount: Decimal, locale: LocaleArg = LOCALE) -> str:
    """« 1 500,00 € » (narrow no-break space between thousands, no-break space before €)."""
    return format_currency(amount, "EUR", locale=locale)


def number(value: Decimal | int, locale: LocaleArg = LOCALE) -> str:
    """« 7 800 », « 3,45 » (at most three decimals, CLDR's pattern)."""
    return format_decimal(value, locale=locale)


def exact_number(value: Decimal | int, locale: LocaleArg = LOCALE) -> str:
    """A rate or coefficient exactly as the tariff applies it (never rounded for display): « 1,0875 »."""
    return format_decimal(value, format=EXACT_PATTERN, locale=locale)


def number_as_written(value: Decimal, locale: LocaleArg = LOCALE) -> str:
    """As precise as written, zeros kept: 0.50 → « 0,50 », 100000 → « 100 000 »."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_decimal(value, format="#,##0" + ("." + "0" * places if places else ""), locale=locale)


def coefficient(value: Decimal, locale: LocaleArg = LOCALE) -> str:
    """Two decimals at least, as printed on a relevé d'information: 0.85 → « 0,85 »."""
    return format_decimal(value, format="0.00##", locale=locale)


def percent(value: Decimal, locale: LocaleArg = LOCALE) -> str:
    """A percentage written as percents in the catalogue (33 → « 33 % »)."""
    return f"{number(value, locale)}{NO_BREAK_SPACE}%"


def exact_percent(value: Decimal | int, locale: LocaleArg = LOCALE) -> str:
    """`percent` with every decimal of the rate (« 0,0625 % »)."""
    return f"{exact_number(value, locale)}{NO_BREAK_SPACE}%"


def tariff_effect(factor: Decimal) -> str:
    """A coefficient as its effect on the premium: 1.12 → « +12 % », 0.88 → « −12 % », 1 → « tarif de référence »."""
    change = (factor - ONE) * HUNDRED
    if change == 0:
        return "tarif de référence"
    sign = "+" if change > 0 else "\u2212"
    return f"{sign}{number(abs(change))}{NO_BREAK_SPACE}% sur la prime"


def _local(value: datetime, zone: tzinfo) -> datetime:
    """A naive instant is UTC (as stored); an instant is shown in the reader's time zone."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(zone)


def date_text(value: date, style: str = "long", locale: LocaleArg = LOCALE, zone: tzinfo = PARIS) -> str:
    """« lundi 2 mars 2026 » (full), « 2 mars 2026 » (long), « 02/03/2026 » (short), or a CLDR pattern;
    an instant gives its day in `zone`. In French the first of the month is written with its ordinal,
    « 1er avril 2026 », never « 1 avril 2026 » (CLDR has no ordinal day, so it is added here)."""
    if isinstance(value, datetime):
        value = _local(value, zone)
    text = format_date(value, style, locale=locale)
    if value.day == 1 and style in ("long", "full") and str(locale).startswith("fr"):
        text = _FIRST_DAY.sub("1er ", text, count=1)
    return text


_FIRST_DAY = re.compile(r"(?<!\d)1 (?=\D)")


def datetime_text(
    value: datetime, pattern: str = "d MMM yyyy 'à' HH:mm:ss", locale: LocaleArg = LOCALE, zone: tzinfo = PARIS
) -> str:
    """A wall-clock instant in `zone` (a naive instant is UTC)."""
    return format_datetime(value, pattern, tzinfo=zone, locale=locale)


# --- messages (plain text) -------------------------------------------------------------------------


def short_date(day: date) -> str:
    """« 02/03/2026 »."""
    return day.strftime("%d/%m/%Y")


def decimal_text(value: Decimal) -> str:
    """A decimal as written in French, without useless zeros: 12.50 → « 12,5 »; 50 → « 50 »."""
    return f"{value.normalize():f}".replace(".", ",")


def number_text(value: Decimal | int) -> str:
    """A bound or amount as written, thousands apart: 150000 → « 150 000 »; 0.50 → « 0,50 »; 1234.5 → « 1 234,5 »."""
    return format(Decimal(value), ",f").replace(",", " ").replace(".", ",")


def percent_text(value: Decimal) -> str:
    """A rate as written in French, without useless zeros: 50 → « 50 % »; 12.5 → « 12,5 % »."""
    return decimal_text(value) + " %"


def coefficient_text(value: Decimal) -> str:
    """A coefficient with two decimals at least: 0.9025 → « 0,9025 »; 0.950 → « 0,95 »; 1 → « 1,00 »."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        value = value.quantize(HUNDREDTH)
    return format(value, "f").replace(".", ",")


_COLON = re.compile(r"[ \u00a0\u202f]?:(?=\s|$)")
_HIGH_PUNCTUATION = re.compile(r"[ \u00a0\u202f]?([;!?])(?=\s|$)")
_OPENING_QUOTE = re.compile(r"«[ \u00a0\u202f]?")
_CLOSING_QUOTE = re.compile(r"[ \u00a0\u202f]?»")


def typeset(text: str) -> str:
    """French typography for printed text: a no-break space before « : » and inside « … », a narrow
    no-break space before « ; ! ? » (so a line never starts with the punctuation). Times (10:30) and
    addresses (https://) are left alone: only punctuation followed by a space or the end counts."""
    text = _COLON.sub(NO_BREAK_SPACE + ":", text)
    text = _HIGH_PUNCTUATION.sub(NARROW_NO_BREAK_SPACE + r"\1", text)
    text = _OPENING_QUOTE.sub("«" + NO_BREAK_SPACE, text)
    return _CLOSING_QUOTE.sub(NO_BREAK_SPACE + "»", text)


def day_text(value: date) -> str:
    """A date as printed on a client document: « 2 mars 2026 », and « 1er mars 2026 » for the first
    of the month (the French ordinal, never « 1 mars »)."""
    return date_text(value)


def money_text(amount: Decimal) -> str:
    """An amount as printed on a client document: to the cent, « 1 234,56 € » (narrow no-break space
    between thousands, no-break space before €). The amount is a priced fact, already to the cent; a
    longer one goes through the one rounding policy (`round_money`), never Babel's half-even."""
    return euros(round_money(amount))
