"""Real (wall-clock) time, read in one place.

Business dates never come from here: they come from the sandbox clock. Wall time only stamps
journal entries and security artefacts (token expiry), and gives a new session its default start.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def wall_now() -> datetime:
    return datetime.now(UTC)


def wall_today() -> date:
    return wall_now().date()
