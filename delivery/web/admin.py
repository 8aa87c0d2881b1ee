"""Admins' view of the reviewers' corrections (issue 16): every reviewer's per-criterion
corrections, newest first, filterable by reviewer, criterion and period; a page and the same list
under ``/api``. The library (:func:`pipeline.corrections.list_all`) refuses every role but admin;
the web adds its own gate so a refused user gets the usual 403 before any query runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from delivery.web.deps import current_actor, require_actor, require_role
from pipeline import corrections
from pipeline.errors import InvalidInput
from pipeline.roles import Role
from scoring.types import CRITERIA

ADMINS = frozenset({Role.ADMIN})
router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])


def _day(value: str | None, name: str, end: bool = False) -> datetime | None:
    """A ``YYYY-MM-DD`` query parameter as a UTC instant (start of day; ``end``: end of day)."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(f"{name}: a date as YYYY-MM-DD, not {value!r}") from None
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start + timedelta(days=1) - timedelta(microseconds=1) if end else start


def _listing(request: Request, reviewer: str | None, criterion: str | None, since: str | None,
             until: str | None) -> corrections.CorrectionList:
    actor = require_actor(request)
    require_role(actor, ADMINS, "see every reviewer's corrections")
    return corrections.list_all(request.app.state.engine, actor, reviewer=reviewer or None,
                                criterion=criterion or None, since=_day(since, "since"),
                                until=_day(until, "until", end=True))


@router.get("/admin/corrections")
def corrections_page(request: Request, reviewer: str | None = None, criterion: str | None = None,
                     since: str | None = None, until: str | None = None) -> Response:
    found = _listing(request, reviewer, criterion, since, until)
    params = {"reviewer": reviewer or "", "criterion": criterion or "", "since": since or "", "until": until or ""}
    context: dict[str, Any] = {
        "actor": current_actor(request), "flashes": request.session.pop("flash", []),
        "found": found, "params": params, "criteria": [*CRITERIA, corrections.POLICY_EXCEPTION],
    }
    return request.app.state.templates.TemplateResponse(request, "admin_corrections.html", context)  # type: ignore[no-any-return]


@api_router.get("/corrections")
def corrections_api(request: Request, reviewer: str | None = None, criterion: str | None = None,
                    since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Every reviewer's corrections (admins): ``reviewer``, ``criterion`` (or policy_exception),
    ``since`` / ``until`` (YYYY-MM-DD, UTC days) filter; newest first."""
    found = _listing(request, reviewer, criterion, since, until)
    return {"total": found.total, "by_reviewer": found.by_reviewer,
            "corrections": [row.to_json() for row in found.rows]}
