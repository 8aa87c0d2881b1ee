"""Injected clock and the D-14 business-day calendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.clock import FixedClock, SystemClock, add_business_days, at_least_elapsed


def dt(s: str) -> datetime:
    return datetime.fromisoformat(s).replace(tzinfo=UTC)


def test_fixed_clock_moves_only_when_told() -> None:
    clock = FixedClock(datetime(2026, 11, 2, 9, 0))  # naive -> UTC
    assert clock.now() == dt("2026-11-02T09:00")
    assert clock.now().tzinfo is not None
    clock.advance(days=1, hours=2)
    assert clock.now() == dt("2026-11-03T11:00")
    clock.set(dt("2027-01-01T00:00"))
    assert clock.now().year == 2027


def test_system_clock_is_aware_utc() -> None:
    assert SystemClock().now().utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2026-11-02T10:00", 5, "2026-11-09T10:00"),  # Monday -> next Monday
        ("2026-11-04T10:00", 5, "2026-11-11T10:00"),  # Wednesday: 5th business day is after the weekend
        ("2026-11-06T10:00", 5, "2026-11-13T10:00"),  # Friday -> next Friday
        ("2026-11-06T10:00", 1, "2026-11-09T10:00"),  # Friday + 1 -> Monday
        ("2026-11-07T10:00", 5, "2026-11-13T10:00"),  # Saturday: Monday is day 1, due Friday
        ("2026-11-08T23:59", 1, "2026-11-09T23:59"),  # Sunday + 1 -> Monday
        ("2026-11-02T10:00", 0, "2026-11-02T10:00"),
        ("2026-11-02T10:00", 10, "2026-11-16T10:00"),
    ],
)
def test_add_business_days_skips_weekends(start: str, n: int, due: str) -> None:
    assert add_business_days(dt(start), n) == dt(due)


def test_fifth_business_day_over_a_weekend_is_not_the_fifth_calendar_day() -> None:
    thursday = dt("2026-11-05T12:00")
    due = add_business_days(thursday, 5)
    assert due == dt("2026-11-12T12:00")
    assert due - thursday == timedelta(days=7)


def test_negative_business_days_refused() -> None:
    with pytest.raises(ValueError):
        add_business_days(dt("2026-11-02T10:00"), -1)


def test_elapsed_boundaries_are_inclusive() -> None:
    start = dt("2026-10-01T08:00")
    thirty = timedelta(days=30)
    assert not at_least_elapsed(start, start + timedelta(days=29, hours=23), thirty)
    assert not at_least_elapsed(start, start + thirty - timedelta(seconds=1), thirty)
    assert at_least_elapsed(start, start + thirty, thirty)
    assert not at_least_elapsed(start, start + timedelta(hours=47), timedelta(hours=48))
    assert at_least_elapsed(start, start + timedelta(hours=48), timedelta(hours=48))


@given(
    start=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)),
    n=st.integers(min_value=0, max_value=40),
)
def test_business_days_property(start: datetime, n: int) -> None:
    due = add_business_days(start, n)
    assert due.time() == start.time()
    days = (due.date() - start.date()).days
    weekdays_counted = sum(1 for i in range(1, days + 1) if (start + timedelta(days=i)).weekday() < 5)
    assert weekdays_counted == n
    assert n == 0 or due.weekday() < 5  # the due day itself is a business day
