"""The OpenAPI document tells the truth: schemathesis fuzzes every operation of the live schema.

Each operation of `/api/v1/openapi.json` (so every route a later issue adds, without a line here) is
called in-process on the WSGI app with a bounded number of generated cases per role: random ones, and
the same with the path's ids replaced by the real ids of the test world (so the handlers' bodies run,
not only their 404). Every answer must be no server error, a status the operation documents, and a body
that matches the documented schema. Deterministic (derandomized) and bounded (`EXAMPLES` per operation).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance
from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.services.catalogue import load_catalogue
from polyadmin.services.clients import create_client
from polyadmin.services.clock import wall_now
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.users import token_digest
from polyadmin.store.models import ApiToken, User
from tests.helpers.accounts import World
from tests.helpers.client_documents import client_document_rows
from tests.helpers.databases import TEST_CATALOGUE
from tests.helpers.factories import PersonClientData

EXAMPLES = 25  # per operation, role and kind of case (random ids / real ids)
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
REVOKE = "DELETE /api/v1/auth/token"
ASCII_INTEGER = re.compile(r"^\s*[+-]?[0-9]{1,40}\s*$")  # what int() reads as an id

# Known failures fixed by the `hardening` helper (issue 9, section 3), excluded here until its branch is
# merged; the lead deletes each line with the fix. Keyed by the item.
# Inputs the suite once had to skip while the hardening of issue 9 (§3) was pending: none any more —
# NUL bytes, ids beyond the database's integers and lone surrogates are fuzzed like everything else.
KNOWN_HARDENING_CASES: dict[str, Callable[[Any], bool]] = {}


def _values_of(case: Any) -> Iterator[Any]:
    """Every scalar a case sends: path, query, headers, body (nested)."""
    stack: list[Any] = [case.path_parameters, case.query, case.headers, case.body]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
        elif value is not None:
            yield value


def _text_of(case: Any) -> str:
    return "".join(value for value in _values_of(case) if isinstance(value, str))


def _integers_of(case: Any) -> Iterator[int]:
    for value in _values_of(case):
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            yield value
        elif isinstance(value, str) and ASCII_INTEGER.match(value):
            yield int(value)


def _known_hardening_case(case: Any) -> str | None:
    return next((name for name, matches in KNOWN_HARDENING_CASES.items() if matches(case)), None)


def _fresh_token(session: Session, username: str) -> str:
    """Stored as the service stores it (only its digest); one per revocation, so the others stay valid."""
    user_id = session.execute(select(User.id).where(User.username == username)).scalar_one()
    token = secrets.token_urlsafe(24)
    now = wall_now()
    session.add(
        ApiToken(user_id=user_id, token_hash=token_digest(token), created_at=now, expires_at=now + timedelta(hours=1))
    )
    session.commit()
    return token


def _real_ids(session: Session, world: World) -> dict[str, list[Any]]:
    """The ids of the test world each path parameter may take: the handlers then really run."""
    snapshot = load_catalogue(session, world.trainer, TEST_CATALOGUE)
    pinned = (
        create_exam_session(
            session,
            world.trainer,
            {"name": "Session épinglée", "candidates": ["candidat1"], "catalogue": snapshot.content_hash},
        )
        .sandboxes[0]
        .id
    )
    client = create_client(
        session, world.candidate, world.sandbox_id, PersonClientData(last_name="Dupont", first_name="Élodie")
    )
    documents = client_document_rows(world.sandbox_id, client.id)
    session.add_all(documents)
    session.commit()
    return {
        "document_id": [document.id for document in documents],  # an edited and a transmitted client document
        "sandbox_id": [world.sandbox_id, pinned, world.classmate_sandbox_id],
        "sandbox": [pinned, world.sandbox_id],
        "exam_session_id": [world.exam_session_id, world.other_exam_session_id],
        "client_id": [client.id],
        "code": ["HAB_ESSAI"],
    }


def _has_real_ids(operation: Any, ids: dict[str, list[Any]]) -> bool:
    return any(parameter.name in ids for parameter in [*operation.path_parameters, *operation.query])


def _with_real_ids(operation: Any, ids: dict[str, list[Any]]) -> st.SearchStrategy[Any]:
    """The operation's cases with each id parameter (path, or `?sandbox=`) set to an id of the test world."""
    path = [parameter.name for parameter in operation.path_parameters if parameter.name in ids]
    query = [parameter.name for parameter in operation.query if parameter.name in ids]

    def replace(case: Any, path_ids: dict[str, Any], query_ids: dict[str, Any]) -> Any:
        case.path_parameters = {**(case.path_parameters or {}), **path_ids}
        case.query = {**(case.query or {}), **query_ids}
        return case

    def chosen(names: list[str]) -> st.SearchStrategy[dict[str, Any]]:
        return st.fixed_dictionaries({name: st.sampled_from(ids[name]) for name in names})

    return st.builds(replace, operation.as_strategy(), chosen(path), chosen(query))


def _fuzz(operation: Any, strategy: st.SearchStrategy[Any], headers: Callable[[], dict[str, str]]) -> None:
    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        assume(_known_hardening_case(case) is None)
        case.call_and_validate(headers=headers(), checks=CHECKS)

    run()


@pytest.mark.parametrize("username", ["candidat1", "formatrice", "admin"])
def test_every_operation_conforms_to_the_openapi_document(app, session, world, username):  # type: ignore[no-untyped-def]
    ids = _real_ids(session, world)
    token = _fresh_token(session, username)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures: list[str] = []
    operations = sorted((result.ok() for result in schema.get_all_operations()), key=lambda op: op.label == REVOKE)
    assert len(operations) >= 20
    for operation in operations:

        def headers(op: Any = operation) -> dict[str, str]:
            chosen = _fresh_token(session, username) if op.label == REVOKE else token
            return {"Authorization": f"Bearer {chosen}"}

        strategies = [operation.as_strategy()]
        if _has_real_ids(operation, ids):
            strategies.append(_with_real_ids(operation, ids))
        for strategy in strategies:
            try:
                _fuzz(operation, strategy, headers)
            except Exception as exc:  # every operation's failure is collected, then reported
                failures.append(f"{operation.label}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)
