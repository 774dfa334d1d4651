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
        "TOKEN_TTL_HOURS": int(os.environ.get("POLYADMIN_TOKEN_TTL_HOURS", "12")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag(os.environ.get("POLYADMIN_COOKIE_SECURE"), env == "production"),
        "REMEMBER_COOKIE_SECURE": _flag(os.environ.get("POLYADMIN_COOKIE_SECURE"), env == "production"),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": int(os.environ.get("POLYADMIN_SESSION_HOURS", "10")) * 3600,
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
    return settings


def default_catalogue_path() -> Path:
    """The product files: POLYADMIN_CATALOGUE_PATH, else the repository's products/ folder (next to the
    package in a checkout or an editable install), else ./products (an installed package has no repo)."""
    configured = os.environ.get("POLYADMIN_CATALOGUE_PATH")
    if configured:
        return Path(configured).expanduser().resolve()
    beside_package = Path(__file__).resolve().parents[1] / "products"
    if beside_package.is_dir():
        return beside_package
    return Path.cwd() / "products"


def default_scenarios_path() -> Path:
    """The scenario files: POLYADMIN_SCENARIOS_PATH, else the repository's scenarios/ folder (like
    `default_catalogue_path`), else ./scenarios."""
    configured = os.environ.get("POLYADMIN_SCENARIOS_PATH")
    if configured:
        return Path(configured).expanduser().resolve()
    beside_package = Path(__file__).resolve().parents[1] / "scenarios"
    if beside_package.is_dir():
        return beside_package
    return Path.cwd() / "scenarios"


def kept_secret_key(instance_path: Path) -> str:
    """Demo and test: generate a key once and keep it in instance/ (never in the repository)."""
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
