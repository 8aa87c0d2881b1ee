"""Injected time (D-14, D-15, D-17 timers) and the business-day calendar.

Every timer in the lifecycle reads ``clock.now()``; tests pass a :class:`FixedClock` and the
``tick --now`` command a clock fixed at the given instant, so no rule ever reads the wall clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


def as_utc(dt: datetime) -> datetime:
    """Naive datetimes are taken as UTC (SQLite hands them back naive)."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until told to move; for tests and ``tick --now``."""

    def __init__(self, dt: datetime) -> None:
        self._now = as_utc(dt)

    def now(self) -> datetime:
        return self._now

    def set(self, dt: datetime) -> None:
        self._now = as_utc(dt)

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        self._now += delta if delta is not None else timedelta(**kwargs)
        return self._now


def add_business_days(dt: datetime, n: int) -> datetime:
    """The instant ``n`` business days after ``dt``, same time of day (D-14).

    Decision (the seed leaves the calendar open): a business day is Monday to Friday in UTC;
    public holidays are **not** skipped, because claims come from every country and no single
    holiday calendar would be right for all of them, while weekends are common to all. Days are
    counted one by one from the day after ``dt``; Saturdays and Sundays are not counted. So a
    claim entering review on a Friday 10:00 is due the next Friday 10:00, and one entering on a
    Saturday is due the following Friday at the same time (Monday is its first business day).
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    out = as_utc(dt)
    counted = 0
    while counted < n:
        out += timedelta(days=1)
        if out.weekday() < 5:
            counted += 1
    return out


def at_least_elapsed(start: datetime, end: datetime, delta: timedelta) -> bool:
    """True when ``end`` is ``delta`` or more after ``start`` (boundaries inclusive).

    Used for D-15 (30 days without response -> Rejected: due at exactly 30 d, not at 29 d 23 h)
    and available for D-8's 48 hours after activation.
    """
    return as_utc(end) - as_utc(start) >= delta
