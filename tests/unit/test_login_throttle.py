"""The brute-force policy: delays that double past a threshold, a lock, and counts that are forgotten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from polyadmin.domain.login_throttle import (
    NO_FAILURE,
    ThrottlePolicy,
    after_failure,
    delay_for,
    retry_after_seconds,
    wait_before_attempt,
)

POLICY = ThrottlePolicy(delay_after=5, lock_after=10, first_delay=timedelta(seconds=2), lock_for=timedelta(minutes=30))
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def fail(times: int, start: datetime = T0, step: timedelta = timedelta(minutes=1)):  # type: ignore[no-untyped-def]
    count, now = NO_FAILURE, start
    for _ in range(times):
        count = after_failure(count, POLICY, now)
        now += step
    return count


def test_no_wait_up_to_the_delay_threshold():
    assert wait_before_attempt(fail(4), POLICY, T0 + timedelta(minutes=4)) == timedelta(0)
    assert delay_for(4, POLICY) == timedelta(0)


def test_the_delay_doubles_with_each_failure_past_the_threshold():
    assert [delay_for(n, POLICY) for n in (5, 6, 7, 8)] == [timedelta(seconds=s) for s in (2, 4, 8, 16)]
    assert delay_for(40, POLICY) == POLICY.lock_for  # capped


def test_an_attempt_right_after_the_fifth_failure_waits_two_seconds():
    count = fail(5, step=timedelta(0))
    assert wait_before_attempt(count, POLICY, T0) == timedelta(seconds=2)
    assert wait_before_attempt(count, POLICY, T0 + timedelta(seconds=2)) == timedelta(0)


def test_the_tenth_failure_locks_for_the_lock_time():
    count = fail(10)
    assert count.failures == 10
    assert count.locked_until == T0 + timedelta(minutes=9) + POLICY.lock_for
    assert wait_before_attempt(count, POLICY, T0 + timedelta(minutes=10)) == timedelta(minutes=29)
    assert retry_after_seconds(timedelta(minutes=29)) == 29 * 60


def test_the_lock_ends_and_the_count_is_forgotten():
    count = fail(10)
    after_lock = count.locked_until + timedelta(seconds=1)  # type: ignore[operator]
    assert wait_before_attempt(count, POLICY, after_lock) == timedelta(0)
    assert after_failure(count, POLICY, after_lock).failures == 1


def test_old_failures_are_forgotten():
    count = fail(4)
    assert after_failure(count, POLICY, T0 + timedelta(hours=2)).failures == 1


def test_retry_after_is_at_least_one_whole_second():
    assert retry_after_seconds(timedelta(milliseconds=10)) == 1
    assert retry_after_seconds(timedelta(seconds=1, milliseconds=1)) == 2
