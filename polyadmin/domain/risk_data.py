"""Read a pricing request's risk data against the product's fields: typed values or field errors.

Nothing is guessed: an unknown field, a value of the wrong type or outside its range is refused with
a French message under `risk.<field>`; only a field the product declares optional takes its default.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from polyadmin.domain.catalogue import Product, RiskField
from polyadmin.domain.dates import years_between
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.french import number_text, short_date
from polyadmin.domain.scenario import licence_minimum_age

POSTCODE = re.compile(r"^\d{5}$")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # as documented: Python alone would also read « 20260301 »
TRUE_WORDS = {"true", "oui", "1", "on", "yes"}
FALSE_WORDS = {"false", "non", "0", "off", "no"}


def years_elapsed(start: date, on: date) -> int:
    """Full years from `start` to `on` (an age, a licence seniority); negative if `start` is later
    (counted as `relativedelta(on, start).years` counts them, polyadmin.domain.dates)."""
    return years_between(start, on)


def departement(postcode: str) -> str:
    """The département of a French postcode: 75, 2A/2B for Corsica, 971–976 overseas."""
    if postcode.startswith("20"):
        return "2A" if int(postcode) < 20200 else "2B"
    if postcode.startswith(("97", "98")):
        return postcode[:3]
    return postcode[:2]


def _number(value: object, kind: str) -> Decimal:
    if isinstance(value, (bool, float)):
        raise ValueError('Nombre exact attendu (écrivez-le entre guillemets, ex. "0.95").')
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", ".").replace("\u202f", "").replace(" ", ""))
        except InvalidOperation:
            raise ValueError("Nombre attendu.") from None
    else:
        raise ValueError("Nombre attendu.")
    if not number.is_finite():
        raise ValueError("Nombre attendu.")
    if kind == "integer" and number != number.to_integral_value():
        raise ValueError("Nombre entier attendu.")
    return number


def _bound(value: Decimal, unit: str) -> str:
    """« 150 000 € », « 0,50 » : a bound in a message, written the French way."""
    return number_text(value) + (f" {unit}" if unit else "")


def read_value(spec: RiskField, value: object, effective_date: date) -> object:
    """One typed value, or ValueError with the French reason."""
    kind = spec.kind
    if kind in ("integer", "decimal"):
        number = _number(value, kind)
        if spec.minimum is not None and number < spec.minimum:
            raise ValueError(f"Valeur inférieure au minimum ({_bound(spec.minimum, spec.unit)}).")
        if spec.maximum is not None and number > spec.maximum:
            raise ValueError(f"Valeur supérieure au maximum ({_bound(spec.maximum, spec.unit)}).")
        return int(number) if kind == "integer" else number
    if kind == "choice":
        codes = spec.choice_codes()
        if not isinstance(value, str) or value not in codes:
            raise ValueError(f"Valeur inconnue ; valeurs possibles : {', '.join(codes)}.")
        return value
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in TRUE_WORDS | FALSE_WORDS:
            return value.strip().lower() in TRUE_WORDS
        raise ValueError("Valeur oui/non attendue.")
    if kind == "postcode":
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if not POSTCODE.match(text):
            raise ValueError("Code postal à 5 chiffres attendu.")
        return text
    if kind == "date":
        if isinstance(value, date):
            day = value
        elif isinstance(value, str):
            try:
                if not ISO_DATE.fullmatch(value.strip()):
                    raise ValueError(value)
                day = date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError("Date invalide (format attendu : AAAA-MM-JJ).") from None
        else:
            raise ValueError("Date invalide (format attendu : AAAA-MM-JJ).")
        years = years_elapsed(day, effective_date)
        if day > effective_date:
            raise ValueError(f"Date postérieure à la date d'effet ({short_date(effective_date)}).")
        if spec.min_years is not None and years < spec.min_years:
            raise ValueError(f"{years} an(s) à la date d'effet : {spec.min_years} ans au minimum.")
        if spec.max_years is not None and years > spec.max_years:
            raise ValueError(f"{years} ans à la date d'effet : {spec.max_years} ans au maximum.")
        return day
    if not isinstance(value, str):
        raise ValueError("Texte attendu.")
    return value.strip()


def read_risk_data(product: Product, raw: Mapping[str, object], effective_date: date) -> dict[str, object]:
    """Typed risk data, every problem reported at once under `risk.<field>`."""
    errors: dict[str, list[str]] = {}
    values: dict[str, object] = {}
    if not isinstance(raw, Mapping):
        raise InvalidInput({"risk": ["Objet attendu : les données de risque du produit."]})
    known = product.risk_field_names
    for name in raw:
        if name not in known:
            errors[f"risk.{name}"] = [
                f"Champ inconnu pour le produit {product.code} ; champs : {', '.join(sorted(known))}."
            ]
    for spec in product.risk_fields:
        value = raw.get(spec.name)
        if value is None or value == "":
            if spec.required:
                errors[f"risk.{spec.name}"] = ["Champ obligatoire."]
                continue
            if spec.default is None:
                values[spec.name] = None
                continue
            value = spec.default  # typed like a given value (a default is text in a snapshot document)
        try:
            values[spec.name] = read_value(spec, value, effective_date)
        except ValueError as exc:
            errors[f"risk.{spec.name}"] = [str(exc)]
    for name, message in _licence_problems(product, values):
        errors.setdefault(name, []).append(message)
    if errors:
        raise InvalidInput(errors, "Données de risque invalides.")
    return values


def _licence_problems(product: Product, values: Mapping[str, object]) -> Iterator[tuple[str, str]]:
    """The licence a novice surcharge reads was obtained at the legal minimum age at the earliest (17 from
    2024, 18 before): a licence dated before the driver's birth must not be priced. The driver's birth date
    is the product's one date field named `…birth_date`."""
    births = [spec.name for spec in product.risk_fields if spec.kind == "date" and spec.name.endswith("birth_date")]
    born = values.get(births[0]) if len(births) == 1 else None
    if not isinstance(born, date):
        return
    for table in product.tables:
        if table.novice is None:
            continue
        name = table.novice.years_licensed.field
        licence = values.get(name)
        if isinstance(licence, date) and years_elapsed(born, licence) < licence_minimum_age(licence):
            yield (
                f"risk.{name}",
                f"Permis obtenu le {licence:%d/%m/%Y}, avant les {licence_minimum_age(licence)} ans du conducteur "
                f"(né le {born:%d/%m/%Y}).",
            )
