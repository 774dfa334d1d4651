"""Identifiers: French company numbers (SIREN, SIRET, NAF), bank accounts (IBAN, RIB), vehicle
registrations (SIV) and the human-readable numbers of records. Pure functions, no I/O.

The check digits of standard numbers (Luhn, SIREN, SIRET with La Poste's exception, IBAN) are
python-stdnum's, a maintained library; this module keeps what it lacks (the clé RIB, SIV
registrations, NAF codes) and the stricter input we accept: digits only, no separators."""

from __future__ import annotations

import re

from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret


def luhn_is_valid(digits: str) -> bool:
    """Luhn checksum, used by INSEE for SIREN (9 digits) and SIRET (14 digits)."""
    return luhn.is_valid(digits)


def siren_is_valid(siren: str) -> bool:
    """A SIREN has 9 digits and passes the Luhn check (INSEE, répertoire Sirene). Spaces and dots,
    which stdnum strips, are refused: a stored SIREN is 9 digits."""
    return siren.isdigit() and stdnum_siren.is_valid(siren)


def record_number(prefix: str, value: int, width: int = 6) -> str:
    """`CL-000042`: per-sandbox numbers that a candidate can read out on the phone."""
    return f"{prefix}-{value:0{width}d}"


# --- SIRET -----------------------------------------------------------------------------------------

LA_POSTE_HEAD_OFFICE_SIRET = "35600000000048"


def siret_is_valid(siret: str) -> bool:
    """A SIRET has 14 digits: the SIREN (9, itself valid) then the NIC (4 digits and a key), and the
    whole number passes the Luhn check (INSEE, « numéro SIRET »).

    La Poste is the exception, which stdnum applies: when it became a société anonyme (2010) all its
    establishments were grouped under SIREN 356 000 000, too many for the NIC's Luhn key. Its head
    office, 35600000000048, passes the Luhn check; for every other establishment of that SIREN the
    sum of the 14 digits must be a multiple of 5 (fr.wikipedia.org, « Système d'identification du
    répertoire des établissements », section « Exceptions pour le groupe La Poste »).

    One rule is ours, not stdnum's: the NIC stem 0004 is the head office's, so its only key is 8
    (stdnum also takes 35600000000042 and …47, whose digits sum to a multiple of 5)."""
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret[:13] == LA_POSTE_HEAD_OFFICE_SIRET[:13]:
        return siret == LA_POSTE_HEAD_OFFICE_SIRET
    return stdnum_siret.is_valid(siret)


def siret_with_key(siren: str, nic_without_key: str) -> str:
    """The 14-digit SIRET of establishment `nic_without_key` (4 digits) of `siren`, with its key:
    the digit that makes the Luhn check pass (for La Poste, the smallest digit that makes the sum of
    the digits a multiple of 5, except for its head office)."""
    if not siren_is_valid(siren):
        raise ValueError(f"SIREN invalide : {siren!r}")
    if len(nic_without_key) != 4 or not nic_without_key.isdigit():
        raise ValueError(f"Le NIC sans clé doit compter 4 chiffres : {nic_without_key!r}")
    for key in "0123456789":
        siret = siren + nic_without_key + key
        if siret_is_valid(siret):
            return siret
    raise AssertionError("a Luhn or mod-5 key always exists")  # pragma: no cover


# --- IBAN and RIB ----------------------------------------------------------------------------------


def compact_iban(iban: str) -> str:
    """`FR76 3000 6000 …` as typed, printed or pasted (any white space, no-break ones included) →
    `FR7630006000…` (upper case). Unlike stdnum's compact, hyphens and dots are kept, so that
    iban_is_valid refuses them."""
    return "".join(iban.split()).upper()


def iban_is_valid(iban: str) -> bool:
    """ISO 13616 (stdnum): a country of the SWIFT registry, two check digits, the BBAN of that
    country's length and structure; moved the first four characters to the end and letters turned
    into numbers, the whole is 1 modulo 97 (ISO 7064 MOD 97-10). Spaces are ignored; a French IBAN
    has 27 characters."""
    compact = compact_iban(iban)
    return compact.isascii() and compact.isalnum() and stdnum_iban.is_valid(compact)


# Letters of a French account number, as the RIB key counts them (« clé RIB », Banque de France).
_RIB_LETTER_GROUPS = ("AJ", "BKS", "CLT", "DMU", "ENV", "FOW", "GPX", "HQY", "IRZ")
_RIB_LETTERS = {letter: str(value) for value, group in enumerate(_RIB_LETTER_GROUPS, start=1) for letter in group}


def rib_key(bank: str, branch: str, account: str) -> str:
    """The two-digit clé RIB: 97 − ((89 × bank + 15 × branch + 3 × account) mod 97), letters of the
    account counted 1 to 9 (A, J → 1; B, K, S → 2; …; I, R, Z → 9)."""
    account_digits = "".join(_RIB_LETTERS.get(char, char) for char in account.upper())
    remainder = (89 * int(bank) + 15 * int(branch) + 3 * int(account_digits)) % 97
    return f"{97 - remainder:02d}"


def french_iban(bank: str, branch: str, account: str) -> str:
    """The compact FR IBAN of a French account: code banque (5 digits), code guichet (5 digits),
    numéro de compte (11 digits or letters), clé RIB, with the IBAN check digits in front
    (ISO 7064 MOD 97-10: 98 − the BBAN followed by `FR00` modulo 97, computed by stdnum)."""
    account = account.upper()
    if len(bank) != 5 or not bank.isdigit() or len(branch) != 5 or not branch.isdigit():
        raise ValueError("Le code banque et le code guichet comptent 5 chiffres chacun.")
    if len(account) != 11 or not account.isascii() or not account.isalnum():
        raise ValueError("Le numéro de compte compte 11 chiffres ou lettres.")
    bban = bank + branch + account + rib_key(bank, branch, account)
    return f"FR{stdnum_iban.calc_check_digits('FR00' + bban)}{bban}"


def format_iban(iban: str) -> str:
    """Groups of four, as printed on a RIB: `FR76 3000 6000 0112 3456 7890 189`."""
    return stdnum_iban.format(compact_iban(iban))


# --- Vehicle registration (SIV) --------------------------------------------------------------------

# Letters never used by the SIV: I and O (read as 1 and 0) and U (read as V).
SIV_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"
_SIV_PATTERN = re.compile(rf"([{SIV_LETTERS}]{{2}})[- ]?(\d{{3}})[- ]?([{SIV_LETTERS}]{{2}})")
SIV_TEMPORARY_PREFIX = "WW"


def normalise_registration(text: str, *, allow_temporary: bool = False) -> str | None:
    """`ab 123 cd`, `AB123CD`, `AB-123-CD` → `AB-123-CD`; None if it is not a SIV registration.

    The rules (system in force since 15 April 2009, arrêté du 9 février 2009 relatif aux modalités
    d'immatriculation des véhicules; ANTS / France Titres as reported by the press):
    - two letters, three digits, two letters, the blocks separated by hyphens (AA-001-AA to ZZ-999-ZZ);
    - I, O and U are never used (confusion with 1, 0 and V);
    - the pair SS is forbidden (Code pénal, emblems of organisations guilty of crimes against
      humanity) — in either letter block;
    - the number block runs from 001 to 999: 000 is never issued;
    - WW in the left block is the temporary series (provisional registration, « WW »), refused
      unless `allow_temporary`.
    Sources: ANTS « Quel numéro d'immatriculation pour une automobile ? » as quoted by
    cfdt-retraités.fr; lagazettedescommunes.com « Un automobiliste peut-il choisir les mentions de
    sa plaque d'immatriculation ? »; sivpro.fr « Comment est attribué un numéro de plaque SIV ? »
    (WW left block reserved to temporary registrations); inaxys.com « Séries en cours - système SIV ».
    """
    match = _SIV_PATTERN.fullmatch(text.strip().upper())
    if match is None:
        return None
    left, number, right = match.groups()
    if number == "000" or "SS" in (left, right):
        return None
    if left == SIV_TEMPORARY_PREFIX and not allow_temporary:
        return None
    return f"{left}-{number}-{right}"


def registration_is_valid(text: str, *, allow_temporary: bool = False) -> bool:
    """Whether `text` is a definitive SIV registration (see normalise_registration for the rules)."""
    return normalise_registration(text, allow_temporary=allow_temporary) is not None


def registration_key(text: str) -> str:
    """The search key of a registration, or of part of one: letters and digits only, upper case
    (`ab-123-cd` → `AB123CD`), so that `AB 123`, `ab123` and `AB-123-CD` all find the vehicle."""
    return "".join(char for char in text.upper() if char.isascii() and char.isalnum())


# --- NAF code --------------------------------------------------------------------------------------

_NAF_PATTERN = re.compile(r"\d{2}\.\d{2}[A-Z]")


def naf_code_is_valid(code: str) -> bool:
    """A NAF rév. 2 sub-class code (code APE) as INSEE writes it: NN.NNL, e.g. `10.71C`
    (boulangerie et boulangerie-pâtisserie), `47.11F` (hypermarchés)."""
    return _NAF_PATTERN.fullmatch(code) is not None
