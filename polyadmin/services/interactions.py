"""Contacts with a client (interactions): recorded by the sandbox's candidate, read by all who see it.

A contact is dated by the candidate (by default the sandbox's date, never after it) and stamped with
the wall-clock instant it was recorded; seeded contacts (history brought by the scenario) have no
recorder. Recording one is journaled (C1.8: traceability of the exchanges with the client).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.domain.errors import NotFound
from polyadmin.domain.interactions import CHANNELS, DIRECTIONS, occurred_on_problem
from polyadmin.domain.roles import Actor
from polyadmin.journal.writer import append_entry
from polyadmin.services.access import readable_sandbox, workable_sandbox
from polyadmin.services.clock import wall_now
from polyadmin.services.unit import transaction
from polyadmin.store.models import Client, User
from polyadmin.store.portfolio import Interaction
from polyadmin.validation.french import Problems
from polyadmin.validation.interactions import InteractionSchema


def _client_in(session: Session, sandbox_id: int, client_id: int) -> Client:
    client = session.execute(
        select(Client).where(Client.id == client_id, Client.sandbox_id == sandbox_id)
    ).scalar_one_or_none()
    if client is None:
        raise NotFound("Client introuvable.")
    return client


def record_interaction(
    session: Session, actor: Actor, sandbox_id: int, client_id: int, data: dict[str, Any]
) -> Interaction:
    """Record a contact with a client of the candidate's own sandbox, and journal it."""
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        client = _client_in(session, sandbox.id, client_id)
        today = sandbox.business_date
        problems = Problems()  # the fields and the date's rule reported together
        loaded = problems.load(InteractionSchema(), data)
        occurred_on: date = loaded.get("occurred_on") or today
        problem = occurred_on_problem(occurred_on, today, client.birth_date)
        if problem:
            problems.add({"occurred_on": [problem]})
        problems.raise_if_any()
        now = wall_now()
        interaction = Interaction(
            sandbox_id=sandbox.id,
            client_id=client.id,
            occurred_on=occurred_on,
            channel=loaded["channel"],
            direction=loaded["direction"],
            motive=loaded["motive"],
            summary=loaded["summary"],
            recorded_by_id=actor.user_id,
            recorded_at=now,
            seeded=False,
        )
        session.add(interaction)
        session.flush()
        append_entry(
            session,
            actor=actor,
            action="interaction.record",
            recorded_at=now,
            sandbox_id=sandbox.id,
            sandbox_date=today,
            record=("interaction", interaction.id),
            input={**loaded, "occurred_on": occurred_on},
            outcome={"interaction_id": interaction.id, "client_id": client.id, "client_number": client.number},
        )
    return interaction


def list_interactions(session: Session, actor: Actor, sandbox_id: int, client_id: int) -> list[Interaction]:
    """The client's contacts, seeded and recorded, the latest first."""
    sandbox, _ = readable_sandbox(session, actor, sandbox_id)
    client = _client_in(session, sandbox.id, client_id)
    return list(
        session.execute(
            select(Interaction)
            .where(Interaction.sandbox_id == sandbox.id, Interaction.client_id == client.id)
            .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        ).scalars()
    )


def interaction_views(session: Session, interactions: Sequence[Interaction]) -> list[dict[str, Any]]:
    """The contacts as data (what the API returns), with the recorder's username (None: seeded)."""
    recorder_ids = {item.recorded_by_id for item in interactions if item.recorded_by_id is not None}
    usernames: dict[int, str] = {}
    if recorder_ids:
        rows = session.execute(select(User.id, User.username).where(User.id.in_(recorder_ids)))
        usernames = {user_id: username for user_id, username in rows}
    return [
        {
            "id": item.id,
            "client_id": item.client_id,
            "occurred_on": item.occurred_on,
            "channel": item.channel,
            "channel_label": CHANNELS.get(item.channel, item.channel),
            "direction": item.direction,
            "direction_label": DIRECTIONS.get(item.direction, item.direction),
            "motive": item.motive,
            "summary": item.summary,
            "recorded_by": usernames.get(item.recorded_by_id) if item.recorded_by_id is not None else None,
            "recorded_at": item.recorded_at,
            "seeded": item.seeded,
        }
        for item in interactions
    ]
