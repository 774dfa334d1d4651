"""Read queries, always scoped to a sandbox (or to what an actor may see)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from polyadmin.domain.roles import Actor, Role
from polyadmin.store.models import Client, ExamSession, Sandbox, User, exam_session_evaluators

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
    """The sandboxes an actor may open — the same rule as domain.roles.can_read_sandbox."""
    query = (
        select(Sandbox).join(ExamSession).options(selectinload(Sandbox.candidate), selectinload(Sandbox.exam_session))
    )
    if actor.role is Role.CANDIDATE:
        query = query.where(Sandbox.candidate_id == actor.user_id)
    elif actor.role is Role.TRAINER:
        query = query.where(ExamSession.owner_id == actor.user_id)
    elif actor.role is Role.EVALUATOR:
        query = query.where(
            ExamSession.id.in_(
                select(exam_session_evaluators.c.exam_session_id).where(
                    exam_session_evaluators.c.user_id == actor.user_id
                )
            )
        )
    elif actor.role is not Role.ADMIN:
        query = query.where(Sandbox.id.is_(None))
    return query.order_by(Sandbox.id)


def visible_exam_sessions(actor: Actor) -> Select[ExamSession]:
    query = select(ExamSession).options(
        selectinload(ExamSession.sandboxes).selectinload(Sandbox.candidate),
        selectinload(ExamSession.evaluators),
        selectinload(ExamSession.catalogue_snapshot),
    )
    if actor.role is Role.TRAINER:
        query = query.where(ExamSession.owner_id == actor.user_id)
    elif actor.role is Role.EVALUATOR:
        query = query.where(ExamSession.evaluators.any(User.id == actor.user_id))
    elif actor.role is Role.CANDIDATE:
        query = query.where(ExamSession.sandboxes.any(Sandbox.candidate_id == actor.user_id))
    return query.order_by(ExamSession.id.desc())


def search_clients(sandbox_id: int, text: str) -> Select[Client]:
    query = select(Client).where(Client.sandbox_id == sandbox_id)
    text = text.strip()
    if text:
        needle = f"%{fold(text)}%"
        query = query.where(
            or_(
                Client.search_name.like(needle),
                Client.number.ilike(f"%{text}%"),
                Client.postcode.like(f"{text}%"),
                Client.email.ilike(f"%{text}%"),
                Client.siren == text.replace(" ", ""),
            )
        )
    return query.order_by(Client.search_name, Client.id)


def fold(text: str) -> str:
    """Lower-case, accent-free form used for name search (« Élodie » matches « elodie »)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
