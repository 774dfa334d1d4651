import pytest

from polyadmin.domain.identifiers import (
    compact_iban,
    format_iban,
    french_iban,
    iban_is_valid,
    luhn_is_valid,
    naf_code_is_valid,
    normalise_registration,
    record_number,
    registration_is_valid,
    registration_key,
    rib_key,
    siren_is_valid,
    siret_is_valid,
    siret_with_key,
)


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


@pytest.mark.parametrize(
    "siren", ["732829321", "12345678", "1234567890", "73282932A", "", "552 032 534", "552.032.534"]
)
def test_wrong_key_length_or_letters_are_refused(siren):
    assert not siren_is_valid(siren)


def test_luhn_on_a_siret_of_fourteen_digits():
    assert luhn_is_valid("73282932000074")
    assert not luhn_is_valid("73282932000075")


def test_record_numbers_are_zero_padded_per_prefix():
    assert record_number("CL", 42) == "CL-000042"
    assert record_number("CL", 1234567) == "CL-1234567"


# --- SIRET -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "siret",
    [
        "73282932000074",  # INSEE's own example: 7th establishment of SIREN 732 829 320
        "35600000000048",  # La Poste, head office: the only La Poste SIRET that passes the Luhn check
        "35600000000010",  # another La Poste establishment: digits sum to 15, a multiple of 5
    ],
)
def test_known_sirets_are_valid(siret):
    assert siret_is_valid(siret)


@pytest.mark.parametrize(
    "siret",
    [
        "73282932000075",  # wrong key
        "7328293200007",  # 13 digits
        "732829320000744",  # 15 digits
        "7328293200007A",
        "732 829 320 00074",  # stdnum strips spaces: a stored SIRET has none
        "73282932100074",  # the SIREN part is not valid on its own
        "35600000000011",  # La Poste: 16 is not a multiple of 5
        "35600000000042",  # La Poste: a multiple of 5, but NIC 0004 is the head office (Luhn key 8)
        "35600000000047",  # the other mod-5 key of the head office's NIC, which stdnum would take
        "",
    ],
)
def test_wrong_sirets_are_refused(siret):
    assert not siret_is_valid(siret)


def test_siret_with_key_computes_the_luhn_key():
    assert siret_with_key("732829320", "0007") == "73282932000074"
    assert siret_with_key("552032534", "0001") == "55203253400018"
    assert siret_with_key("356000000", "0004") == "35600000000048"
    assert siret_with_key("356000000", "0001") == "35600000000010"
    for nic in ("0001", "0123", "9999"):
        assert siret_is_valid(siret_with_key("443061841", nic))
        assert siret_is_valid(siret_with_key("356000000", nic))


@pytest.mark.parametrize(("siren", "nic"), [("732829321", "0007"), ("732829320", "007"), ("732829320", "00A7")])
def test_siret_with_key_refuses_a_wrong_siren_or_nic(siren, nic):
    with pytest.raises(ValueError):
        siret_with_key(siren, nic)


# --- IBAN / RIB ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "iban",
    [
        "FR76 3000 6000 0112 3456 7890 189",  # the French example of the ISO 13616 registry
        "FR7630006000011234567890189",
        "fr76 3000 6000 0112 3456 7890 189",
        "DE89 3704 0044 0532 0130 00",  # the German example of the registry
        "GB29 NWBK 6016 1331 9268 19",  # the British one (letters in the BBAN)
    ],
)
def test_published_ibans_are_valid(iban):
    assert iban_is_valid(iban)


@pytest.mark.parametrize(
    "iban",
    [
        "FR76 3000 6000 0112 3456 7890 188",  # key changed
        "FR67 3000 6000 0112 3456 7890 189",  # check digits swapped
        "FR76 3000 6000 0112 3456 7890 1890",  # 28 characters for FR
        "FR76 3000 6000 0112 3456 7890 18",
        "DE89 3704 0044 0532 0130 0",
        "7630006000011234567890189FR",
        "FRAB30006000011234567890189",
        "FR76-3000-6000-0112-3456-7890-189",  # stdnum strips hyphens and dots: refused here
        "FR76.3000.6000.0112.3456.7890.189",
        "XX76 3000 6000 0112 3456 7890 189",  # no such country in the SWIFT registry
        "FR67 3000 6000 0112 3456 7890 1AB",  # mod 97 passes, but a French BBAN ends with a 2-digit key
        "",
    ],
)
def test_wrong_ibans_are_refused(iban):
    assert not iban_is_valid(iban)


def test_french_iban_builds_the_rib_key_and_the_check_digits():
    assert rib_key("30006", "00001", "12345678901") == "89"
    assert french_iban("30006", "00001", "12345678901") == "FR7630006000011234567890189"
    assert format_iban(french_iban("30006", "00001", "12345678901")) == "FR76 3000 6000 0112 3456 7890 189"
    assert compact_iban(" FR76 3000 6000 0112 3456 7890 189 ") == "FR7630006000011234567890189"
    assert compact_iban("FR76\u00a03000\u202f6000 0112") == "FR76300060000112"  # no-break spaces of a PDF
    assert iban_is_valid("FR76\u00a03000\u00a06000\u00a00112\u00a03456\u00a07890\u00a0189")


def test_french_iban_with_letters_in_the_account_number():
    iban = french_iban("20041", "01005", "0500013m026")
    assert iban.startswith("FR") and len(iban) == 27
    assert iban_is_valid(iban)
    assert iban[4:25] == "20041010050500013M026"
    # the letter counts as 4 in the RIB key (D, M, U → 4)
    assert iban[25:] == rib_key("20041", "01005", "05000134026")


@pytest.mark.parametrize(("bank", "branch", "account"), [("3000", "00001", "12345678901"), ("30006", "0001A", "1")])
def test_french_iban_refuses_wrong_parts(bank, branch, account):
    with pytest.raises(ValueError):
        french_iban(bank, branch, account)


# --- Vehicle registration (SIV) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("AA-001-AA", "AA-001-AA"),  # the very first SIV number (15 April 2009)
        ("ZZ-999-ZZ", "ZZ-999-ZZ"),
        ("ab-123-cd", "AB-123-CD"),
        ("AB123CD", "AB-123-CD"),
        (" AB 123 CD ", "AB-123-CD"),
        ("GH-456-XY", "GH-456-XY"),
        ("AB-123-WW", "AB-123-WW"),  # WW is only the temporary series in the left block
    ],
)
def test_siv_registrations_are_valid_and_normalised(text, normalised):
    assert registration_is_valid(text)
    assert normalise_registration(text) == normalised


@pytest.mark.parametrize(
    "text",
    [
        "AI-123-BC",  # I is never used
        "AO-123-BC",  # O
        "AU-123-BC",  # U
        "AB-123-IC",
        "SS-123-AB",  # SS is forbidden
        "AB-123-SS",
        "WW-123-AB",  # temporary series
        "AB-000-CD",  # 000 is never issued
        "AB-12-CD",
        "AB-1234-CD",
        "A-123-BC",
        "AB-123-C",
        "123-AB-45",  # the old FNI format (before 2009)
        "1234 AB 75",
        "AB_123_CD",
        "",
    ],
)
def test_wrong_registrations_are_refused(text):
    assert not registration_is_valid(text)
    assert normalise_registration(text) is None


def test_temporary_ww_registrations_when_allowed():
    assert registration_is_valid("WW-123-AB", allow_temporary=True)
    assert normalise_registration("ww123ab", allow_temporary=True) == "WW-123-AB"
    assert not registration_is_valid("SS-123-AB", allow_temporary=True)


def test_registration_key_for_search():
    assert registration_key("AB-123-CD") == "AB123CD"
    assert registration_key("ab 123-cd") == "AB123CD"
    assert registration_key("ab-12") == "AB12"
    assert registration_key("") == ""


# --- NAF -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["10.71C", "47.11F", "65.12Z", "01.11Z", "62.01Z"])
def test_naf_codes_are_valid(code):
    assert naf_code_is_valid(code)


@pytest.mark.parametrize("code", ["1071C", "10.71", "10.71c", "10,71C", "1.071C", "10.711C", "AB.CDE", " 10.71C", ""])
def test_wrong_naf_codes_are_refused(code):
    assert not naf_code_is_valid(code)
