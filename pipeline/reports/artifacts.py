"""One call for the nightly flow: the report (and, when asked, the exports) as run artifacts.

``produce_artifacts`` returns a JSON-able summary (paths and headline figures) that the flow can
publish with Prefect's artifact functions; this module never imports Prefect. Exports made here are
the analysts' kind (contacts pseudonymised): a nightly artifact is read by more people than a
reviewer's own export.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from pipeline.reports.export import export_tables
from pipeline.reports.report import build_report
from pipeline.roles import Actor, Role

NIGHTLY_ANALYST = Actor("system:nightly-export", Role.ANALYST)


def produce_artifacts(
    engine: Engine,
    out_dir: Path,
    *,
    since: datetime | None = None,
    as_of: datetime | None = None,
    export_format: str | None = None,
) -> dict[str, Any]:
    """Write ``report.html``/``report.json`` (and ``exports/<table>.<fmt>`` when ``export_format``)
    into ``out_dir``; return ``{"report": path, "headline": {...}, "exports": [paths]}``."""
    out_dir = Path(out_dir)
    report = build_report(engine, since, out_dir, as_of=as_of)
    headline = json.loads(report.with_name("report.json").read_text())
    exports: list[str] = []
    if export_format:
        exports = [str(p) for p in export_tables(engine, export_format, out_dir / "exports", NIGHTLY_ANALYST)]
    return {"report": str(report), "headline": headline, "exports": exports}


def headline_markdown(summary: dict[str, Any]) -> str:
    """A few lines of markdown for a run artifact."""
    h = summary["headline"]
    t = h["transitions"]
    sla = h["sla"]["adherence"]
    rate = h["approval_rate"]
    lines = [
        f"**Report**: `{summary['report']}`",
        "",
        f"- transitions: {t['Approved']} approved, {t['Partner action required']} partner action required, "
        f"{t['Rejected']} rejected, {t['Customer consent denied']} consent denied",
        f"- approval rate {'-' if rate is None else f'{rate:.0%}'}, D-14 SLA adherence "
        f"{'-' if sla is None else f'{sla:.0%}'}, D-15 expiries {h['action_required']['expired']}",
        f"- recommendations overruled: {h['overrules']['overruled']} of {h['overrules']['with_recommendation']}",
    ]
    if summary["exports"]:
        lines.append(f"- exports: {', '.join(Path(p).name for p in summary['exports'])}")
    return "\n".join(lines)
