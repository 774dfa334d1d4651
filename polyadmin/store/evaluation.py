"""The evaluation committee's tables: a mark per criterion and a decision per block of a sandbox.

Both keep their history: the latest row of a criterion (of a block) is the current mark (decision).
They are not the candidate's work: a reset of the sandbox keeps them, and each row's creation is
journaled in the sandbox's evaluation stream (`evaluation:<id>`), which the candidate never reads.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from polyadmin.store.base import Base
from polyadmin.store.types import UTCDateTime


class EvaluationMark(Base):
    """Appréciation d'un critère : acquis, en cours d'acquisition, non acquis, with the evaluator's comment."""

    __tablename__ = "evaluation_marks"
    __table_args__ = (
        CheckConstraint("mark IN ('acquis', 'en_cours', 'non_acquis')", name="mark"),
        Index("ix_evaluation_marks_sandbox_criterion", "sandbox_id", "criterion"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"))
    criterion: Mapped[str] = mapped_column(String(20))  # the grid's stable code, C2A.1-3
    mark: Mapped[str] = mapped_column(String(12))
    comment: Mapped[str] = mapped_column(Text)
    evaluator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sandbox_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CommitteeDecision(Base):
    """Décision du jury sur un bloc (1, 2A) : validé, non validé, ajourné, with its reasons."""

    __tablename__ = "committee_decisions"
    __table_args__ = (
        CheckConstraint("block IN ('1', '2A')", name="block"),
        CheckConstraint("decision IN ('valide', 'non_valide', 'ajourne')", name="decision"),
        Index("ix_committee_decisions_sandbox_block", "sandbox_id", "block"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"))
    block: Mapped[str] = mapped_column(String(4))
    decision: Mapped[str] = mapped_column(String(12))
    comment: Mapped[str] = mapped_column(Text)
    evaluator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sandbox_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
