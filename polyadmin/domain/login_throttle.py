"""Brute-force throttling of sign-in attempts — pure policy, no storage.

Failures are counted per account (the username typed, known or not, so that the answer never tells
whether an account exists) and per client address. Past `delay_after` failures in a row each new
attempt must wait a delay that doubles with every further failure; at `lock_after` failures the
account (or address) is locked for `lock_for`, unless an administrator unlocks it first. Failures
older than `lock_for` are forgotten: the counter starts again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    delay_after: int
    lock_after: int
    first_delay: timedelta
    lock_for: timedelta


@dataclass(frozen=True)
class FailureCount:
    """What is stored for one account or one address."""

    failures: int
    last_failure_at: datetime | None
    locked_until: datetime | None


NO_FAILURE = FailureCount(0, None, None)


def current(count: FailureCount, policy: ThrottlePolicy, now: datetime) -> FailureCount:
    """The count as it stands now: forgotten once `lock_for` has passed since the last failure and
    any lock has ended."""
    if count.locked_until is not None and now < count.locked_until:
        return count
    if count.last_failure_at is None or now - count.last_failure_at >= policy.lock_for:
        return NO_FAILURE
    return FailureCount(count.failures, count.last_failure_at, None)


def delay_for(failures: int, policy: ThrottlePolicy) -> timedelta:
    """The wait imposed after `failures` failures in a row: none up to `delay_after`, then doubling."""
    if failures < policy.delay_after or policy.first_delay <= timedelta(0):
        return timedelta(0)
    exponent = min(failures - policy.delay_after, 30)
    return min(policy.first_delay * (2**exponent), policy.lock_for)


def wait_before_attempt(count: FailureCount, policy: ThrottlePolicy, now: datetime) -> timedelta:
    """How long the next attempt must wait (zero: it may be checked now)."""
    count = current(count, policy, now)
    if count.locked_until is not None:
        return count.locked_until - now
    if count.last_failure_at is None:
        return timedelta(0)
    ready_at = count.last_failure_at + delay_for(count.failures, policy)
    return max(ready_at - now, timedelta(0))


def after_failure(count: FailureCount, policy: ThrottlePolicy, now: datetime) -> FailureCount:
    """The count once one more failure is recorded (locked when it reaches `lock_after`)."""
    failures = current(count, policy, now).failures + 1
    locked_until = now + policy.lock_for if failures >= policy.lock_after else None
    return FailureCount(failures, now, locked_until)


def retry_after_seconds(wait: timedelta) -> int:
    """The `Retry-After` value: whole seconds, at least one."""
    return max(1, math.ceil(wait.total_seconds()))
