import pytest

from polyadmin.domain.identifiers import luhn_is_valid, record_number, siren_is_valid


@pytest.mark.parametrize(
    "siren",
    [
        "552032534",  # Danone SA (annuaire-entreprises.data.gouv.fr)
        "542051180",  # TotalEnergies SE
        "443061841",  # Google France
    ],
)
def test_real_sirens_pass_the_luhn_check(siren):
    assert siren_is_valid(siren)


@pytest.mark.parametrize("siren", ["732829321", "12345678", "1234567890", "73282932A", ""])
def test_wrong_key_length_or_letters_are_refused(siren):
    assert not siren_is_valid(siren)


def test_luhn_on_a_siret_of_fourteen_digits():
    assert luhn_is_valid("73282932000074")
    assert not luhn_is_valid("73282932000075")


def test_record_numbers_are_zero_padded_per_prefix():
    assert record_number("CL", 42) == "CL-000042"
    assert record_number("CL", 1234567) == "CL-1234567"
