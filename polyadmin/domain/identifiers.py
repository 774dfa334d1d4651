"""Identifiers: French company numbers and the human-readable numbers of records."""

from __future__ import annotations


def luhn_is_valid(digits: str) -> bool:
    """Luhn checksum, used by INSEE for SIREN (9 digits) and SIRET (14 digits)."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def siren_is_valid(siren: str) -> bool:
    """A SIREN has 9 digits and passes the Luhn check (INSEE, répertoire Sirene)."""
    return len(siren) == 9 and luhn_is_valid(siren)


def record_number(prefix: str, value: int, width: int = 6) -> str:
    """`CL-000042`: per-sandbox numbers that a candidate can read out on the phone."""
    return f"{prefix}-{value:0{width}d}"
