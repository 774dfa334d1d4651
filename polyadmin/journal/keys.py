"""The journal's sealing keys: kept outside the database, so that SQL access alone cannot re-seal.

The current key seals new entries; older keys (after a rotation) stay in the keyring to verify the
entries they sealed. A key is known by an id derived from it (`k` + 12 hex digits of a SHA-256 of
the key), stored with each entry: the id tells which key to use and reveals nothing usable.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MIN_KEY_LENGTH = 32
_SEPARATORS = re.compile(r"[\s,;]+")


class JournalKeyMissing(RuntimeError):
    """No key to seal or verify with: the journal cannot be written or checked (never « intact »)."""


def key_id_of(secret: bytes) -> str:
    return "k" + hashlib.sha256(b"polyadmin-journal-key-id:" + secret).hexdigest()[:12]


@dataclass(frozen=True)
class Keyring:
    """The current key (seals) and every key still accepted for verification, by id."""

    current_id: str
    secrets: Mapping[str, bytes] = field(repr=False)
    # Entries sealed with plain SHA-256 before the keyed seal (migration 0004): anyone can recompute
    # those, so they are refused unless POLYADMIN_JOURNAL_ACCEPT_LEGACY says this database has some.
    accept_legacy: bool = False

    @property
    def current(self) -> bytes:
        return self.secrets[self.current_id]

    def secret(self, key_id: str, seq: int | None = None) -> bytes:
        try:
            return self.secrets[key_id]
        except KeyError:
            where = f" (entrée n° {seq})" if seq is not None else ""
            raise JournalKeyMissing(
                f"Clé du journal inconnue « {key_id} »{where} : ajoutez l'ancienne clé à POLYADMIN_JOURNAL_KEYS."
            ) from None


def parse_keys(text: str | None) -> list[str]:
    return [part for part in _SEPARATORS.split(text or "") if part]


def make_keyring(current: str, older: Iterable[str] = (), *, accept_legacy: bool = False) -> Keyring:
    """Keys are text (e.g. 64 hex digits from `secrets.token_hex(32)`), at least 32 characters."""
    secrets: dict[str, bytes] = {}
    for text in [current, *older]:
        if len(text) < MIN_KEY_LENGTH:
            raise ValueError(f"une clé du journal doit compter au moins {MIN_KEY_LENGTH} caractères")
        secret = text.encode("utf-8")
        secrets.setdefault(key_id_of(secret), secret)
    return Keyring(current_id=key_id_of(current.encode("utf-8")), secrets=secrets, accept_legacy=accept_legacy)


_installed: Keyring | None = None


def use_keyring(keyring: Keyring | None) -> None:
    """Set by the app factory (and the tests): the keyring every journal write and check uses."""
    global _installed
    _installed = keyring


def active_keyring() -> Keyring:
    if _installed is None:
        raise JournalKeyMissing("Clé du journal absente : définissez POLYADMIN_JOURNAL_KEY (voir docs/journal.md).")
    return _installed
