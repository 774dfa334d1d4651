"""What every request must be before any view reads it: ids the database can hold, text it can store.

Two guards for the whole application, web pages and API alike, so no route has to remember them:

- `DatabaseId` replaces Flask's `<int:…>` converter: an id beyond the database's integer (PostgreSQL's
  `integer` ends at 2 147 483 647, SQLite's at 2⁶³ − 1) matches no route, hence a 404 — the same answer
  as for any id that does not exist — instead of an overflow in the driver (a 500).
- `refuse_unstorable_text` runs before every view: a NUL character (PostgreSQL refuses it in text) or a
  lone UTF-16 surrogate (`"\\ud800"` in JSON: no UTF-8 form, both databases fail to store it) anywhere in
  the query string, the path, a form or a JSON body is refused with a French message per field (422),
  before authentication and before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from flask import Flask, Response, current_app, jsonify, request
from werkzeug.routing import IntegerConverter, Map

from polyadmin.domain.errors import InvalidInput

# The largest id of an `integer` column on PostgreSQL (and well inside SQLite's range).
MAX_DATABASE_ID = 2**31 - 1

NUL_MESSAGE = "Caractère nul (\\0) interdit dans un texte."
SURROGATE_MESSAGE = "Caractère Unicode invalide : demi-paire de substitution (\\ud800 à \\udfff) isolée."
UNREADABLE_MESSAGE = "Texte illisible : caractère interdit."
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def digits_at_most(limit: int) -> str:
    """A regular expression of the decimal numbers from 0 to `limit` (no sign, no leading zeros beyond
    the shorter lengths), e.g. 0–2147483647: a longer or larger number simply does not match."""
    text = str(limit)
    parts = [rf"[0-9]{{1,{len(text) - 1}}}"] if len(text) > 1 else []
    for index, char in enumerate(text):
        lowest, rest = (1 if index == 0 and len(text) > 1 else 0), len(text) - index - 1
        if int(char) > lowest:
            parts.append(f"{text[:index]}[{lowest}-{int(char) - 1}]" + (rf"[0-9]{{{rest}}}" if rest else ""))
    parts.append(text)
    return "(?:" + "|".join(parts) + ")"


class DatabaseId(IntegerConverter):
    """`<int:…>` of every route: at most MAX_DATABASE_ID, else no route matches — a 404 whatever the method
    (a value refused after matching would make werkzeug answer 405 to the other methods of the path)."""

    regex = digits_at_most(MAX_DATABASE_ID)

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None, max: int | None = None) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=MAX_DATABASE_ID if max is None else max)


class UnstorableText(InvalidInput):
    """A NUL character or a lone surrogate in a request's text: refused before any view runs."""

    def __init__(self, field_errors: dict[str, list[str]]) -> None:
        fields_by_problem: dict[str, list[str]] = {}
        for field, problems in field_errors.items():
            for problem in problems:
                fields_by_problem.setdefault(problem, []).append(f"« {field} »")
        summary = " ".join(f"{problem[:-1]} : {', '.join(names)}." for problem, names in fields_by_problem.items())
        super().__init__(field_errors, summary or UNREADABLE_MESSAGE)


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored, or None."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    return NUL_MESSAGE if found.group() == "\x00" else SURROGATE_MESSAGE


def _field_name(name: str) -> str:
    return _UNSTORABLE.sub("?", name) or "?"


def _json_strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(path, text) of every key and string of a JSON document, depth first."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            for key, child in item.items():
                key_text = str(key)
                child_path = f"{where}.{_field_name(key_text)}" if where else _field_name(key_text)
                yield child_path, key_text
                stack.append((child, child_path))
        elif isinstance(item, list):
            stack.extend((child, f"{where}.{index}" if where else str(index)) for index, child in enumerate(item))


def _request_texts() -> Iterator[tuple[str, str]]:
    for name, values in request.args.lists():
        yield _field_name(name), name
        for value in values:
            yield _field_name(name), value
    for name, value in (request.view_args or {}).items():
        if isinstance(value, str):
            yield name, value
    if request.mimetype in FORM_TYPES:
        request.get_data(cache=True)  # kept: a view may still read the raw body (the API answers 415 from it)
        for name, values in request.form.lists():
            yield _field_name(name), name
            for value in values:
                yield _field_name(name), value
    if request.is_json:
        raw = request.get_data(cache=True)
        try:
            document = current_app.json.loads(raw) if raw.strip() else None
        except (ValueError, UnicodeDecodeError, RecursionError):
            return  # malformed: the view's own reading answers 400 with its message
        yield from _json_strings(document, "")


def refuse_unstorable_text() -> None:
    """before_request: every problem of the request at once, under the name of its field."""
    if request.routing_exception is not None:
        return  # no route: the 404/405 answers, nothing is read
    problems: dict[str, list[str]] = {}
    for field, text in _request_texts():
        problem = text_problem(text)
        if problem is not None and problem not in problems.get(field or "_schema", []):
            problems.setdefault(field or "_schema", []).append(problem)
    if problems:
        raise UnstorableText(problems)


def _unstorable_elsewhere(exc: UnstorableText) -> Response:
    """For routes whose blueprint has no error handler of its own (the OpenAPI document, static files)."""
    response = jsonify(
        {"code": 422, "status": "Unprocessable Entity", "message": exc.message, "errors": exc.field_errors}
    )
    response.status_code = 422
    return response


def init_input_guards(app: Flask) -> None:
    """Before any blueprint registers its routes: the converter is chosen when a route is added."""
    app.url_map.converters["int"] = DatabaseId
    app.before_request(refuse_unstorable_text)
    app.register_error_handler(UnstorableText, _unstorable_elsewhere)
