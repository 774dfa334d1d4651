"""Configuration from the environment (12-factor): one place lists every variable."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

ENVIRONMENTS = ("production", "demo", "test")


class ConfigurationError(RuntimeError):
    """A setting is missing or wrong; the message says which and how to fix it."""


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on", "oui")


def _hours(variable: str, default: int) -> int:
    """A whole number of hours from the environment, or a one-line ConfigurationError naming the variable."""
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) <= 24 * 366:
        raise ConfigurationError(f"{variable}={raw!r} : nombre d'heures entier attendu (de 1 à 8784).")
    return int(raw)


def settings_from_environment(instance_path: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Flask config keys derived from `POLYADMIN_*` variables, then `overrides` on top."""
    overrides = dict(overrides or {})
    env = overrides.get("POLYADMIN_ENV") or os.environ.get("POLYADMIN_ENV", "production")
    if env not in ENVIRONMENTS:
        raise ConfigurationError(f"POLYADMIN_ENV={env!r} : valeurs possibles {', '.join(ENVIRONMENTS)}.")
    default_db = f"sqlite:///{instance_path / 'polyadmin.sqlite3'}"
    settings: dict[str, Any] = {
        "POLYADMIN_ENV": env,
        "DATABASE_URL": os.environ.get("POLYADMIN_DATABASE_URL") or default_db,
        "CATALOGUE_PATH": default_catalogue_path(),
        "SCENARIOS_PATH": default_scenarios_path(),
        "SECRET_KEY": os.environ.get("POLYADMIN_SECRET_KEY") or None,
        "TOKEN_TTL_HOURS": _hours("POLYADMIN_TOKEN_TTL_HOURS", 12),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag(os.environ.get("POLYADMIN_COOKIE_SECURE"), env == "production"),
        "REMEMBER_COOKIE_SECURE": _flag(os.environ.get("POLYADMIN_COOKIE_SECURE"), env == "production"),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": _hours("POLYADMIN_SESSION_HOURS", 10) * 3600,
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Paris",
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        # Sign-in throttling (services/logins.py): failures in a row per account, then per address.
        "LOGIN_DELAY_AFTER": int(os.environ.get("POLYADMIN_LOGIN_DELAY_AFTER", "5")),
        "LOGIN_LOCK_AFTER": int(os.environ.get("POLYADMIN_LOGIN_LOCK_AFTER", "10")),
        "LOGIN_ADDRESS_DELAY_AFTER": int(os.environ.get("POLYADMIN_LOGIN_ADDRESS_DELAY_AFTER", "20")),
        "LOGIN_ADDRESS_LOCK_AFTER": int(os.environ.get("POLYADMIN_LOGIN_ADDRESS_LOCK_AFTER", "100")),
        "LOGIN_FIRST_DELAY_SECONDS": int(os.environ.get("POLYADMIN_LOGIN_FIRST_DELAY_SECONDS", "2")),
        "LOGIN_LOCK_MINUTES": int(os.environ.get("POLYADMIN_LOGIN_LOCK_MINUTES", "30")),
        # Days after a transmission (or the last reminder) when an unsigned document is due for a reminder.
        "DOCUMENT_REMINDER_DAYS": int(os.environ.get("POLYADMIN_DOCUMENT_REMINDER_DAYS", "15")),
        # Reverse proxies in front of the app whose X-Forwarded-For is trusted (the client address counted).
        "PROXY_HOPS": int(os.environ.get("POLYADMIN_PROXY_HOPS", "0")),
    }
    settings.update(overrides)
    if not settings["SECRET_KEY"]:
        if settings["POLYADMIN_ENV"] == "production":
            raise ConfigurationError(
                "POLYADMIN_SECRET_KEY est obligatoire en production "
                "(ex. : export POLYADMIN_SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))'))."
            )
        settings["SECRET_KEY"] = kept_secret_key(instance_path)
    settings.update(journal_settings(settings, instance_path))
    return settings


# The repository's root: the data folders sit beside the package in a checkout or an editable install.
# The only place that climbs from a module's own path; everything else asks `data_folder`.
REPOSITORY = Path(__file__).resolve().parents[1]

# Each data folder: (environment variable, folder of the repository, French description).
DATA_FOLDERS: dict[str, tuple[str, str, str]] = {
    "catalogue": ("POLYADMIN_CATALOGUE_PATH", "products", "des fichiers produits"),
    "scenarios": ("POLYADMIN_SCENARIOS_PATH", "scenarios", "des scénarios"),
    "documents": ("POLYADMIN_DOCUMENTS_PATH", "documents", "des documents (polices)"),
    "migrations": ("POLYADMIN_MIGRATIONS_DIR", "migrations", "des migrations Alembic"),
}


def data_folder_location(kind: str) -> Path:
    """Where a data folder is expected: its environment variable if set, else the repository's folder
    (without checking that it exists)."""
    variable, folder, _ = DATA_FOLDERS[kind]
    configured = os.environ.get(variable, "").strip()
    return Path(configured).expanduser().resolve() if configured else REPOSITORY / folder


def data_folder(kind: str, path: Path | str | None = None) -> Path:
    """The existing data folder of `kind` (catalogue, scenarios, documents, migrations) — `path` if given
    (a configured or typed folder), else its usual location — or a one-line ConfigurationError naming the
    variable to set: an installed package has no repository beside it."""
    variable, _, description = DATA_FOLDERS[kind]
    path = Path(path) if path is not None else data_folder_location(kind)
    if not path.is_dir():
        raise ConfigurationError(f"Dossier {description} introuvable : {path} (définissez {variable}).")
    return path


# The fixed journal key of POLYADMIN_ENV=test (tests and benchmarks): never a production key.
TEST_JOURNAL_KEY = "cle-du-journal-pour-les-tests-uniquement-0123456789"


def journal_settings(settings: dict[str, Any], instance_path: Path) -> dict[str, Any]:
    """The journal's sealing key (never in the database), older keys still accepted for verification,
    and the file of checkpoints kept beside the database (none in tests). See docs/journal.md."""
    env = settings["POLYADMIN_ENV"]
    key = settings.get("JOURNAL_KEY") or os.environ.get("POLYADMIN_JOURNAL_KEY") or None
    if not key:
        if env == "production":
            raise ConfigurationError(
                "POLYADMIN_JOURNAL_KEY est obligatoire en production "
                "(ex. : export POLYADMIN_JOURNAL_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')) ; "
                "gardez-la hors de la base de données."
            )
        key = TEST_JOURNAL_KEY if env == "test" else kept_secret_key(instance_path, "journal_key")
    checkpoints = os.environ.get("POLYADMIN_JOURNAL_CHECKPOINTS") or None
    if checkpoints is None and env != "test":
        checkpoints = str(instance_path / "journal-checkpoints.jsonl")
    return {
        "JOURNAL_KEY": key,
        "JOURNAL_KEYS": settings.get("JOURNAL_KEYS") or os.environ.get("POLYADMIN_JOURNAL_KEYS", ""),
        "JOURNAL_CHECKPOINTS": settings.get("JOURNAL_CHECKPOINTS", checkpoints),
        "JOURNAL_ACCEPT_LEGACY": settings.get(
            "JOURNAL_ACCEPT_LEGACY", _flag(os.environ.get("POLYADMIN_JOURNAL_ACCEPT_LEGACY"), False)
        ),
    }


def default_catalogue_path() -> Path:
    """The product files: POLYADMIN_CATALOGUE_PATH, else the repository's products/ folder."""
    return data_folder_location("catalogue")


def default_scenarios_path() -> Path:
    """The scenario files: POLYADMIN_SCENARIOS_PATH, else the repository's scenarios/ folder."""
    return data_folder_location("scenarios")


def kept_secret_key(instance_path: Path, name: str = "secret_key") -> str:
    """Demo and test: generate a key once and keep it in instance/ (never in the repository)."""
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / name
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
