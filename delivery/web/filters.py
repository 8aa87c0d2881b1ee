"""Jinja filters: dates in UTC, scores, verdict and status badges."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment

from delivery.web.views import CRITERIA_LABELS, CRITERIA_SHORT, due_for, due_kind, needs_poe


def when(value: Any, with_time: bool = True) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return value.strftime("%Y-%m-%d %H:%M UTC" if with_time else "%Y-%m-%d")


def score(value: Any) -> str:
    return "—" if value is None else f"{float(value):.0f}"


def slug(value: Any) -> str:
    return str(value or "none").lower().replace(" ", "-").replace("_", "-")


def rec_label(value: Any) -> str:
    return {"approve": "Approve", "reject": "Reject", "request_info": "Request info"}.get(str(value), "—")


def query(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "", False, 0) or k == "page"})


def pct(value: Any) -> str:
    """0.8333 -> '83%'; none (or NaN: no labels) -> '—'."""
    if value is None or value != value:
        return "—"
    return f"{float(value) * 100:.0f}%"


def install(env: Environment) -> None:
    env.filters.update(when=when, score=score, slug=slug, rec_label=rec_label)
    env.globals.update(
        criterion_label=lambda c: CRITERIA_LABELS.get(c, c.replace("_", " ")),
        criterion_short=lambda c: CRITERIA_SHORT.get(c, c.replace("_", " ")),
        needs_poe=needs_poe,
        due_for=due_for,
        due_kind=due_kind,
        query=query,
        pct=pct,
    )
