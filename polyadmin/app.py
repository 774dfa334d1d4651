"""The application factory: nothing is built at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import Flask, request, session
from flask.json.provider import DefaultJSONProvider
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.exc import ArgumentError
from werkzeug.middleware.proxy_fix import ProxyFix

from polyadmin.config import ConfigurationError, settings_from_environment
from polyadmin.context import close_db_session
from polyadmin.inputs import init_input_guards
from polyadmin.journal.checkpoints import use_checkpoint_file
from polyadmin.journal.keys import make_keyring, parse_keys, use_keyring
from polyadmin.security_headers import init_security_headers
from polyadmin.store.database import Database

LANGUAGES = ("fr", "en")


class ExactJSONProvider(DefaultJSONProvider):
    """JSON numbers with a fraction are read as Decimal (never a binary float); NaN and Infinity are refused.

    Writing is unchanged: Decimal becomes a string, as every amount in the API.
    """

    ensure_ascii = False  # « é » rather than « \u00e9 »

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        kwargs.setdefault("parse_float", _exact_number)
        kwargs.setdefault("parse_constant", _refuse_constant)
        return super().loads(s, **kwargs)


MAX_EXPONENT = 40  # 1e999999999 would turn into a billion-digit integer further on


def _exact_number(text: str) -> Decimal:
    number = Decimal(text)
    if abs(number.adjusted()) > MAX_EXPONENT:
        raise ValueError(f"nombre hors limites : {text[:20]}")
    return number


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} n'est pas un nombre JSON")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    overrides = dict(config or {})
    instance_path = overrides.pop("INSTANCE_PATH", None) or os.environ.get("POLYADMIN_INSTANCE_PATH")
    app = Flask(__name__, instance_path=str(Path(instance_path).resolve()) if instance_path else None)
    app.json = ExactJSONProvider(app)
    database = overrides.pop("DATABASE", None)
    app.config.update(settings_from_environment(Path(app.instance_path), overrides))
    if app.config["POLYADMIN_ENV"] == "test":
        app.config["TESTING"] = True
    if app.config["PROXY_HOPS"]:  # the sign-in throttle counts the client's address, not the proxy's
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_HOPS"])  # type: ignore[method-assign]

    use_journal_settings(app.config)

    if database is None:
        database = _database(app.config["DATABASE_URL"])
    app.extensions["polyadmin.database"] = database
    app.teardown_appcontext(close_db_session)

    init_security_headers(app)
    init_input_guards(app)  # before the blueprints: their `<int:…>` routes take its bounded converter
    Babel(app, locale_selector=_locale)
    csrf = CSRFProtect(app)

    from polyadmin.api import init_api
    from polyadmin.web import init_web

    init_web(app)
    api_blueprints = init_api(app)
    for blueprint in api_blueprints:
        csrf.exempt(blueprint)  # the API authenticates with bearer tokens, never cookies
    return app


def use_journal_settings(config: Mapping[str, Any]) -> None:
    """The journal's keyring and checkpoint file, for every journal write and check of this process."""
    try:
        older = parse_keys(config["JOURNAL_KEYS"])
        keyring = make_keyring(config["JOURNAL_KEY"], older, accept_legacy=bool(config["JOURNAL_ACCEPT_LEGACY"]))
    except ValueError as exc:
        raise ConfigurationError(f"POLYADMIN_JOURNAL_KEY / POLYADMIN_JOURNAL_KEYS : {exc}.") from None
    use_keyring(keyring)
    checkpoints = config["JOURNAL_CHECKPOINTS"]
    use_checkpoint_file(Path(checkpoints) if checkpoints else None)


def _database(url: str) -> Database:
    """The engine of POLYADMIN_DATABASE_URL; a malformed address or an unknown driver is a configuration
    error (one line), not a traceback. Nothing connects yet."""
    try:
        return Database.from_url(url)
    except ArgumentError:  # the message would repeat the address, password included
        raise ConfigurationError(
            "POLYADMIN_DATABASE_URL invalide : adresse illisible ou pilote inconnu "
            "(ex. sqlite:////chemin/polyadmin.sqlite3 ou postgresql+psycopg://utilisateur@hote/base)."
        ) from None


def _locale() -> str:
    if request.path.startswith("/api/"):
        return "fr"  # the API speaks French and keeps no session (no cookie, no Vary: Cookie)
    requested = request.args.get("lang")
    if requested in LANGUAGES:
        session["lang"] = requested
    chosen = session.get("lang")
    return chosen if chosen in LANGUAGES else "fr"
