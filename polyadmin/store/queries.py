"""Read queries, always scoped to a sandbox (or to what an actor may see)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from polyadmin.domain.identifiers import registration_key
from polyadmin.domain.roles import Actor, Permission, Reach, reach
from polyadmin.store.models import Client, ExamSession, Sandbox, User, exam_session_evaluators
from polyadmin.store.portfolio import Vehicle

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def paginate(session: Session, query: Select[T], page: int, per_page: int) -> Page[T]:
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    items = session.execute(query.limit(per_page).offset((page - 1) * per_page)).scalars().all()
    return Page(items=items, total=total, page=page, per_page=per_page)


def visible_sandboxes(actor: Actor) -> Select[Sandbox]:
    """The sandboxes an actor may open: the reach of Permission.READ_SANDBOX, as SQL."""
    query = (
        select(Sandbox).join(ExamSession).options(selectinload(Sandbox.candidate), selectinload(Sandbox.exam_session))
    )
    where = reach(actor, Permission.READ_SANDBOX)
    if where is Reach.OWN_SANDBOX:
        query = query.where(Sandbox.candidate_id == actor.user_id)
    elif where is Reach.OWN_SESSION:
        query = query.where(ExamSession.owner_id == actor.user_id)
    elif where is Reach.ASSIGNED_SESSION:
        query = query.where(
            ExamSession.id.in_(
                select(exam_session_evaluators.c.exam_session_id).where(
                    exam_session_evaluators.c.user_id == actor.user_id
                )
            )
        )
    elif where is not Reach.ANY:
        query = query.where(Sandbox.id.is_(None))
    return query.order_by(Sandbox.id)


def visible_exam_sessions(actor: Actor) -> Select[ExamSession]:
    """The sessions an actor may open: the reach of Permission.READ_EXAM_SESSION, as SQL."""
    query = select(ExamSession).options(
        selectinload(ExamSession.sandboxes).selectinload(Sandbox.candidate),
        selectinload(ExamSession.evaluators),
        selectinload(ExamSession.catalogue_snapshot),
    )
    where = reach(actor, Permission.READ_EXAM_SESSION)
    if where is Reach.OWN_SESSION:
        query = query.where(ExamSession.owner_id == actor.user_id)
    elif where is Reach.ASSIGNED_SESSION:
        query = query.where(ExamSession.evaluators.any(User.id == actor.user_id))
    elif where is Reach.OWN_SANDBOX:
        query = query.where(ExamSession.sandboxes.any(Sandbox.candidate_id == actor.user_id))
    elif where is not Reach.ANY:
        query = query.where(ExamSession.id.is_(None))
    return query.order_by(ExamSession.id.desc())


REGISTRATION_KEY = re.compile(r"^[A-Z]{2}[0-9]{3}[A-Z]{2}$")
PARTIAL_REGISTRATION = re.compile(r"^(?=.*[0-9])[A-Z0-9]{2,6}$")
CLIENT_NUMBER = re.compile(r"^CL[0-9]{6}$")


def search_clients(sandbox_id: int, text: str) -> Select[Client]:
    """Clients of a sandbox whose name (accents ignored), number, postcode, e-mail, SIREN or vehicle
    registration (typed with or without dashes, any case) matches `text`, by name.

    A whole registration (AA-123-AA) or a whole client number (CL-000123) is looked up through its
    index alone; anything else is compared with every searchable field of the sandbox's clients.
    """
    query = select(Client).where(Client.sandbox_id == sandbox_id)
    text = text.strip()
    key = registration_key(text)
    if REGISTRATION_KEY.match(key):
        owners = select(Vehicle.client_id).where(Vehicle.sandbox_id == sandbox_id, Vehicle.registration_key == key)
        query = query.where(Client.id.in_(owners))
    elif CLIENT_NUMBER.match(key):
        query = query.where(Client.number == f"CL-{key[2:]}")
    elif text:
        # autoescape: « % », « _ » and a backslash typed in the box are searched as such, not as LIKE wildcards
        conditions = [
            Client.search_name.contains(fold(text), autoescape=True),
            Client.number.icontains(text, autoescape=True),
            Client.postcode.startswith(text, autoescape=True),
            Client.email.icontains(text, autoescape=True),
            Client.siren == text.replace(" ", ""),
        ]
        if PARTIAL_REGISTRATION.match(key) and not key.isdigit():
            owners = select(Vehicle.client_id).where(
                Vehicle.sandbox_id == sandbox_id, Vehicle.registration_key.startswith(key, autoescape=True)
            )
            conditions.append(Client.id.in_(owners))
        query = query.where(or_(*conditions))
    return query.order_by(Client.search_name, Client.id)


def fold(text: str) -> str:
    """Lower-case, accent-free form used for name search (« Élodie » matches « elodie »)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
