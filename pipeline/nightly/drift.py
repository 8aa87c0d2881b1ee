"""Agreement drift in the nightly summary (issue 16): the tool against the reviewers' labels,
week by week, and a flag when the latest judged week fell by more than the chosen threshold
(``NightlyConfig.drift_threshold``, ``poe-review run --drift-threshold``; default
:data:`pipeline.reports.agreement.DRIFT_THRESHOLD`, 0.05 = five points of agreement).

Read-only; the figures are those of :mod:`pipeline.reports.agreement` (the report and the
``/analyst/agreement`` page), computed as of the run's instant. A store with no decision and no
correction is not loaded at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select

from pipeline.reports import agreement
from pipeline.reports.frames import load_frames
from pipeline.store.db import make_engine, session_scope
from pipeline.store.schema import CorrectionRow, DecisionRow

WEEKS_SHOWN = 6  # the summary lists the latest weeks; the report and the web page show more


def _has_labels(engine: Engine) -> bool:
    with session_scope(engine) as session:
        return any(session.scalar(select(func.count()).select_from(t)) for t in (DecisionRow, CorrectionRow))


def agreement_drift(engine: Engine, as_of: datetime, threshold: float) -> dict[str, Any]:
    """``{"threshold", "weeks": [{week, labelled, agreement}], "flagged": [drift dicts]}``."""
    if not 0 <= threshold < 1:
        raise ValueError(f"drift threshold: a fraction between 0 and 1 (0.05 = 5 points), not {threshold}")
    out: dict[str, Any] = {"threshold": threshold, "weeks": [], "flagged": []}
    if not _has_labels(engine):
        return out
    fr = load_frames(engine)
    weeks = agreement.weekly(fr, as_of).tail(WEEKS_SHOWN)
    out["weeks"] = [{"week": str(w.date()), "labelled": int(n), "agreement": float(a)}
                    for w, n, a in zip(weeks["week"], weeks["labelled"], weeks["agreement"], strict=True)]
    out["flagged"] = agreement.drift_alerts(fr, as_of, threshold)
    return out


def drift_step(db_url: str | None, as_of: str | None, threshold: float) -> dict[str, Any]:
    """The nightly step: :func:`agreement_drift` on the run's store as of the run's instant."""
    assert as_of is not None, "a resolved NightlyConfig fixes the run's instant"
    engine = make_engine(db_url)
    try:
        return agreement_drift(engine, datetime.fromisoformat(as_of), threshold)
    finally:
        engine.dispose()


def drift_lines(drift: dict[str, Any] | None) -> list[str]:
    """The summary's Markdown section: a warning per flagged scope, then the weekly figures."""
    if not drift or not drift.get("weeks"):
        return []
    points = round(drift["threshold"] * 100, 1)
    lines = ["", "## Agreement of the tool with the reviewers, week by week", ""]
    for a in drift["flagged"]:
        lines.append(
            f"- **DRIFT ({a['scope']})**: agreement {a['agreement']:.0%} in the week of {a['week']} "
            f"({a['labelled']} labels), {a['fall'] * 100:.1f} points below the weeks before "
            f"({a['baseline']:.0%} on {a['baseline_labelled']} labels; flagged above {points:g} points)"
        )
    if not drift["flagged"]:
        lines.append(f"- no drop of more than {points:g} points")
    lines += ["", "| week | labels | agreement |", "|---|---|---|"]
    lines += [f"| {w['week']} | {w['labelled']} | {w['agreement']:.0%} |" for w in drift["weeks"]]
    return lines


def drift_row(drift: dict[str, Any] | None) -> tuple[str, str] | None:
    """The (figure, value) row of the summary table."""
    if not drift or not drift.get("weeks"):
        return None
    flagged = drift["flagged"]
    return ("agreement drift flagged", ", ".join(a["scope"] for a in flagged) if flagged else "none")
