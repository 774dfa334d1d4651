"""The pages' Jinja filters come from one registration, and two filters never share a name."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import Flask

from polyadmin.web.catalogue.labels import percent
from polyadmin.web.filters import FILTER_SOURCES, merged_filters, register_filters


def _one(value: object) -> str:
    return "un"


def _other(value: object) -> str:
    return "autre"


def test_every_filter_of_every_source_is_the_one_the_pages_use(app: Flask) -> None:
    names = [name for source in FILTER_SOURCES for name in source]
    assert len(names) == len(set(names))
    for source in FILTER_SOURCES:
        for name, function in source.items():
            assert app.jinja_env.filters[name] is function, name


def test_two_filters_with_the_same_name_are_refused() -> None:
    with pytest.raises(ValueError, match="« percent » défini deux fois"):
        merged_filters([{"percent": _one}, {"number": _one, "percent": _other}])


def test_a_filter_never_replaces_one_the_app_already_has() -> None:
    app = Flask(__name__)
    with pytest.raises(ValueError, match="upper"):
        register_filters(app, [{"upper": _one}])
    assert app.jinja_env.filters["upper"] is not _one


def test_registering_the_pages_filters_twice_is_refused(app: Flask) -> None:
    with pytest.raises(ValueError, match="percent"):
        register_filters(app)


def test_percent_prints_a_stored_rate_exactly(app: Flask) -> None:
    """One `percent` for the catalogue and the client pages: never rounded, a no-break space before « % »."""
    with app.test_request_context():
        assert percent(Decimal("3.45")) == "3,45\u00a0%"
        assert percent(Decimal("1.0875")) == "1,0875\u00a0%"
        assert percent(33) == "33\u00a0%"
        assert percent(None) == ""
