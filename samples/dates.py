"""Dates as partners in different countries write them, and the windows the labels rely on.

A label says "within 12 months before submission" (D-22); the corpus keeps every labelled date
well clear of that boundary (recent: at most ~10 months old; old: at least ~13 months), and a
numeric date whose day and month could be swapped (04/03/2026) is never drawn, so a US and a
European reading of the same document give the same label.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMERIC = ("us_num", "uk_num", "de", "dmy_dash", "iso")
STYLES = ("long_uk", "long_us", "iso", "us_num", "uk_num", "de", "dmy_abbr", "dmy_dash", "ordinal_uk", "abbr_us",
          "weekday_uk")

RECENT_DAYS = (6, 300)  # signature / effective dates: days before submission
OLD_DAYS = (400, 950)  # "older than 12 months"
AFTER_DAYS = (20, 75)  # a customer date after submission (ambiguous case)


def _ordinal(d: int) -> str:
    suffix = "th" if 11 <= d % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return f"{d}{suffix}"


def fmt(d: date, style: str) -> str:
    m = MONTHS[d.month - 1]
    if style == "long_uk":
        return f"{d.day} {m} {d.year}"
    if style == "long_us":
        return f"{m} {d.day}, {d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "us_num":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "uk_num":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "de":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "dmy_dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "dmy_abbr":
        return f"{d.day}-{m[:3]}-{d.year}"
    if style == "ordinal_uk":
        return f"{_ordinal(d.day)} {m} {d.year}"
    if style == "abbr_us":
        return f"{m[:3]} {d.day}, {d.year}"
    if style == "weekday_uk":
        return f"{WEEKDAYS[d.weekday()]}, {d.day} {m} {d.year}"
    raise ValueError(style)


def month_year(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def quarter(d: date) -> str:
    return f"Q{(d.month - 1) // 3 + 1} {d.year}"


def unambiguous(d: date) -> date:
    """Move a day 1..12 past 12 so dd/mm and mm/dd cannot be confused."""
    return d if d.day > 12 else d.replace(day=d.day + 13)


def draw(rng: random.Random, anchor: datetime, lo: int, hi: int) -> date:
    """A day ``lo``..``hi`` days before ``anchor`` (negative values: after it), never ambiguous."""
    for _ in range(100):
        d = (anchor - timedelta(days=rng.randint(lo, hi))).date()
        if d.day > 12:
            return d
    return unambiguous(d)


def after(d: date, days: int) -> date:
    return unambiguous(d + timedelta(days=days))


def rfc2822(dt: datetime, offset: str = "+0000") -> str:
    return f"{WEEKDAYS[dt.weekday()][:3]}, {dt.day} {MONTHS[dt.month - 1][:3]} {dt.year} {dt:%H:%M:%S} {offset}"


def iso_z(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
