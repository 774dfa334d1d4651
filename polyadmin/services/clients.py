"""Client records: create, update, read and search within a sandbox."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain import clients as domain
from polyadmin.domain.errors import Conflict, InvalidInput, NotFound
from polyadmin.domain.identifiers import record_number
from polyadmin.domain.roles import Actor
from polyadmin.journal.writer import append_entry
from polyadmin.services.access import readable_sandbox, workable_sandbox
from polyadmin.services.clock import wall_now
from polyadmin.services.unit import transaction
from polyadmin.store.models import Client
from polyadmin.store.queries import Page, fold, paginate, search_clients
from polyadmin.store.sequences import next_value
from polyadmin.validation.clients import ClientSchema
from polyadmin.validation.french import Problems

EDITABLE_FIELDS = tuple(name for name in ClientSchema().fields if name != "kind")
CLIENTS_PER_PAGE = 25


def client_fields(client: Client) -> dict[str, Any]:
    """The record as data: what the API returns and what the journal compares."""
    return {"kind": client.kind, **{name: getattr(client, name) for name in EDITABLE_FIELDS}}


def client_view(client: Client) -> dict[str, Any]:
    return {
        "id": client.id,
        "number": client.number,
        "sandbox_id": client.sandbox_id,
        **client_fields(client),
        "display_name": domain.display_name(client_fields(client)),
        "gdpr_consent_on": client.gdpr_consent_on,
        "created_on": client.created_on,
        "updated_on": client.updated_on,
        "version": client.version,
    }


def _search_name(fields: dict[str, Any]) -> str:
    if fields.get("kind") == domain.COMPANY:
        return fold(fields.get("company_name") or "")
    return fold(f"{fields.get('last_name') or ''} {fields.get('first_name') or ''}".strip())


def _checked(data: Any, today: date, before: dict[str, Any] | None = None) -> dict[str, Any]:
    """The fields' refusals and the record's coherence problems, reported together (one InvalidInput).

    The coherence checks run on the valid part of the input, so a form shows every problem at once
    instead of revealing the cross-field ones only after the typing mistakes are fixed.
    """
    problems = Problems()
    loaded = problems.load(ClientSchema(), data, partial=before is not None)
    record = {**(before or {}), **loaded}
    if record.get("kind") in domain.CLIENT_KINDS:
        problems.add(domain.client_problems(record, today))
    problems.raise_if_any()
    return loaded


def create_client(session: Session, actor: Actor, sandbox_id: int, data: dict[str, Any]) -> Client:
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        today = sandbox.business_date
        loaded = _checked(data, today)
        number = record_number("CL", next_value(session, sandbox.id, "client"))
        client = Client(
            sandbox_id=sandbox.id,
            number=number,
            **loaded,
            search_name=_search_name(loaded),
            gdpr_consent_on=today if loaded["gdpr_consent"] else None,
            created_on=today,
            updated_on=today,
        )
        session.add(client)
        session.flush()
        append_entry(
            session,
            actor=actor,
            action="client.create",
            recorded_at=wall_now(),
            sandbox_id=sandbox.id,
            sandbox_date=today,
            record=("client", client.id),
            input=loaded,
            outcome={"client_id": client.id, "number": number, "version": client.version},
        )
    return client


def update_client(
    session: Session,
    actor: Actor,
    sandbox_id: int,
    client_id: int,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> Client:
    """Apply the given fields; a change that alters nothing writes nothing."""
    if isinstance(data, dict) and "kind" in data:
        raise InvalidInput({"kind": ["Le type de client ne peut pas être modifié ; créez une nouvelle fiche."]})
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        client = _client_in(session, sandbox.id, client_id)
        if expected_version is not None and expected_version != client.version:
            raise Conflict("La fiche a été modifiée entre-temps : rechargez-la avant de la modifier.")
        today = sandbox.business_date
        before = client_fields(client)
        loaded = _checked(data, today, before)
        after = {**before, **loaded}
        changes = domain.changed_fields(before, after)
        if not changes:
            return client
        for name, change in changes.items():
            setattr(client, name, change["to"])
        if "gdpr_consent" in changes:
            client.gdpr_consent_on = today if after["gdpr_consent"] else None
        client.search_name = _search_name(after)
        client.updated_on = today
        session.flush()
        append_entry(
            session,
            actor=actor,
            action="client.update",
            recorded_at=wall_now(),
            sandbox_id=sandbox.id,
            sandbox_date=today,
            record=("client", client.id),
            input=loaded,
            outcome={"client_id": client.id, "number": client.number, "changes": changes, "version": client.version},
        )
    return client


def _client_in(session: Session, sandbox_id: int, client_id: int) -> Client:
    client = session.execute(
        select(Client).where(Client.id == client_id, Client.sandbox_id == sandbox_id)
    ).scalar_one_or_none()
    if client is None:
        raise NotFound("Client introuvable.")
    return client


def get_client(session: Session, actor: Actor, sandbox_id: int, client_id: int) -> Client:
    sandbox, _ = readable_sandbox(session, actor, sandbox_id)
    return _client_in(session, sandbox.id, client_id)


def find_clients(
    session: Session, actor: Actor, sandbox_id: int, text: str = "", page: int = 1, per_page: int = CLIENTS_PER_PAGE
) -> Page[Client]:
    sandbox, _ = readable_sandbox(session, actor, sandbox_id)
    return paginate(session, search_clients(sandbox.id, text), page, per_page)
