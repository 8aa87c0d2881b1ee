"""The analysts' report: one self-contained HTML file (charts inlined as PNG) plus report.json.

``build_report(engine, since, out_dir)`` reads the store through pandas, computes the figures of
:mod:`pipeline.reports.metrics` and writes ``report.html`` (no external assets: it can be mailed
or attached to a Prefect run as is) and ``report.json`` (the headline figures, for the nightly
flow's artifact and for tests). Contacts' personal data is never read.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from pipeline.reanalysis import current_versions, decisions_on_older_versions
from pipeline.reports import agreement as ag
from pipeline.reports import charts
from pipeline.reports import metrics as m
from pipeline.reports.frames import load_frames
from scoring.reasons import REASONS, generic_message

if TYPE_CHECKING:
    import pandas as pd

DIMENSIONS = {
    "code": "reason code",
    "criterion": "D-11 criterion not met",
    "program": "program",
    "solution_area": "solution area",
    "product": "product / workload",
    "segment": "partner segment (claims in store)",
}

CSS = """
body{font-family:Segoe UI,Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222}
h1{font-size:22px;margin-bottom:2px} h2{font-size:17px;border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:34px}
h3{font-size:14px;margin:18px 0 6px} .sub{color:#666;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.card{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:22px} .card span{font-size:12px;color:#555}
table.t{border-collapse:collapse;font-size:12px;margin:6px 0 10px}
table.t th,table.t td{border:1px solid #ddd;padding:3px 8px;text-align:right}
table.t th:first-child,table.t td:first-child{text-align:left} table.t thead th{background:#f4f4f4}
.grid{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start} img{max-width:100%}
.note{font-size:12px;color:#555} summary{cursor:pointer;font-size:13px;margin:6px 0}
"""


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _table(df: pd.DataFrame, index: bool = True) -> str:
    if df.empty:
        return '<p class="note">None in this period.</p>'
    return df.to_html(classes="t", border=0, na_rep="–", index=index, float_format=lambda v: f"{v:g}")


def _with_meaning(table: pd.DataFrame) -> pd.DataFrame:
    """Reason codes with their D-rule and message template from the one registry of coded messages."""
    specs = {code: REASONS.get(code) for code in table.index}
    fixed = {m.EXPIRED: ("D-15", "No response within 30 days of the request."),
             m.PRODUCTS_TAKEN: ("D-6", "Every product went to another partner's approved claim.")}
    out = table.copy()
    out["rule"] = [fixed[c][0] if c in fixed else (s.rule if s else "") for c, s in specs.items()]
    out["meaning"] = [fixed[c][1] if c in fixed else (generic_message(c) if s else "") for c, s in specs.items()]
    return out


def agreement_section(agreement: ag.Agreement) -> list[str]:
    """The tool against the reviewers: per criterion, by scoring version, week by week."""
    table = agreement.table
    parts = [
        "<h2>Tool and reviewers: agreement per criterion</h2>",
        "<p class='note'>Label: the reviewer's latest correction of the criterion, else the verdict the "
        "reviewer decided on without correcting it (an uncorrected 'unclear' has no label). Unclear counts as "
        "not met. Intervals: Wilson 95%.</p>",
    ]
    for alert in agreement.alerts:
        parts.append(f"<p class='flash error'><b>Agreement fell</b> ({alert['scope'].replace('_', ' ')}) to "
                     f"{_pct(alert['agreement'])} in the week of {alert['week']} ({alert['labelled']} labels), "
                     f"{_pct(alert['fall'])} below the {_pct(alert['baseline'])} of the weeks before.</p>")
    chart = charts.stacked_bars(table[["agreement"]].dropna(), "Agreement with reviewers", "share", horizontal=True) \
        if table["labelled"].sum() else None
    parts += [_img(chart, "agreement per criterion"), _table(table)]
    parts += ["<h3>By scoring version</h3>",
              "<p class='note'>scope both_saw: only the submissions every version analysed.</p>",
              _table(agreement.versions, index=False)]
    parts += ["<h3>Week by week</h3>", _table(agreement.weeks, index=False)]
    return parts


def _folded(summary: str, body: str, open_: bool = False) -> str:
    return f"<details{' open' if open_ else ''}><summary>{html.escape(summary)}</summary>{body}</details>"


def _img(uri: str | None, alt: str) -> str:
    return f'<img src="{uri}" alt="{html.escape(alt)}">' if uri else ""


def _cards(items: list[tuple[str, str]]) -> str:
    return '<div class="cards">' + "".join(
        f'<div class="card"><b>{html.escape(v)}</b><span>{html.escape(k)}</span></div>' for k, v in items
    ) + "</div>"


def older_version_decisions(fr: Any, since: datetime | None) -> dict[str, Any]:
    """Decisions in the period taken on an analysis older than today's versions (never re-run)."""
    versions = current_versions()
    decisions = fr.decisions if since is None or fr.decisions.empty else fr.decisions[fr.decisions["decided_at"] >= since]
    out = decisions_on_older_versions(decisions, fr.analyses, versions)
    out["current"] = f"scoring {versions.scoring}, extractor {versions.extractor}"
    return out


def render_html(engine: Engine, since: datetime | None, as_of: datetime) -> tuple[str, dict[str, Any]]:
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    fr = load_frames(engine)
    head = m.headline(fr, as_of, since)
    agreement = ag.figures(fr, since, as_of)
    head["agreement"] = agreement.to_json()
    head["decisions_on_older_versions"] = older_version_decisions(fr, since)
    t = head["transitions"]
    period = f"since {since:%Y-%m-%d}" if since else "all time"
    parts = [
        f"<h1>POE review outcomes</h1><div class='sub'>Claims store report, {period}; "
        f"as of {as_of:%Y-%m-%d %H:%M} UTC. Figures count lifecycle transitions in the period.</div>",
        _cards([
            ("claims in store", str(head["claims_in_store"])),
            ("approved", str(t["Approved"])),
            ("partner action required", str(t["Partner action required"])),
            ("rejected", str(t["Rejected"])),
            ("consent denied", str(t["Customer consent denied"])),
            ("approval rate (of final decisions)", _pct(head["approval_rate"])),
            ("D-14 SLA adherence", _pct(head["sla"]["adherence"])),
            ("D-15 expiries", str(head["action_required"]["expired"])),
            ("recommendations overruled", _pct(head["overrules"]["overrule_rate"])),
        ]),
    ]
    outcomes = m.outcomes_over_time(fr, since)
    parts += [
        "<h2>Outcomes over time</h2>",
        _img(charts.stacked_bars(outcomes, "Transitions per week (week starting)"), "outcomes per week"),
        _folded(f"Figures per week ({len(outcomes)} weeks)", _table(outcomes), open_=len(outcomes) <= 8),
        "<h3>Claims by current status</h3>",
        _table(fr.claims["status"].value_counts().rename("claims").to_frame()),
    ]
    parts.append("<h2>Rejection and Partner action required causes</h2>")
    parts.append(
        "<p class='note'>Each transition into Rejected or Partner action required counts once per cause: the "
        "coded reasons and unmet criteria of the analysis it followed; D-15 expiries and D-6 closures have "
        "their own cause.</p>"
    )
    grid = []
    for dim, label in DIMENSIONS.items():
        table = m.causes_by(fr, dim, since)
        if dim == "code":
            table = _with_meaning(table)
        chart = charts.stacked_bars(table[m.ADVERSE].head(12), f"By {label}", "events", horizontal=True) if dim in ("code", "criterion", "product") else None
        grid.append(f"<div><h3>By {html.escape(label)}</h3>{_img(chart, label)}{_table(table)}</div>")
    parts.append('<div class="grid">' + "".join(grid) + "</div>")
    co = m.criteria_cofailure(fr, since)
    parts += [
        "<h2>Criteria failing together</h2>",
        "<p class='note'>Latest analysis of each claim: cell = claims failing both criteria (diagonal: failing that one).</p>",
        _img(charts.heatmap(co, "Claims failing both criteria"), "co-failure heatmap"),
    ]
    tis = m.time_in_state(fr, as_of, since)
    parts += [
        "<h2>Time spent in each state (days)</h2>",
        _img(charts.stacked_bars(tis[["median_days"]].dropna().rename(columns={"median_days": "median days"}),
                                 "Median days per finished stint", "days", horizontal=True), "time in state"),
        _table(tis),
    ]
    sla = m.sla_stints(fr, as_of, since)
    s = head["sla"]
    late = sla[sla["outcome"].isin(["missed", "open, overdue"])]
    parts += [
        "<h2>Review SLA (D-14: five business days, ten in a conflict)</h2>",
        f"<p>Adherence <b>{_pct(s['adherence'])}</b>: {s['met']} met, {s['missed']} missed, "
        f"{s['open, overdue']} still open past due, {s['open, on time']} open within the SLA.</p>",
        _img(charts.pie({k: s[k] for k in ("met", "missed", "open, overdue", "open, on time")}, "Under review stints"), "SLA"),
        "<h3>Late reviews</h3>",
        _table(late.assign(start=late["start"].dt.strftime("%Y-%m-%d"), due=late["due"].dt.strftime("%Y-%m-%d"),
                           end=late["end"].dt.strftime("%Y-%m-%d")), index=False),
    ]
    a = head["action_required"]
    parts += [
        "<h2>Partner action required and 30-day expiries (D-15)</h2>",
        f"<p>{a['requests']} requests for information: {a['responded']} answered (median "
        f"{a['median_days_to_respond'] if a['median_days_to_respond'] is not None else '–'} days), "
        f"<b>{a['expired']} expired</b> after 30 days ({_pct(a['expiry_rate'])} of finished requests), "
        f"{a['closed_other']} closed otherwise, {a['open']} open.</p>",
    ]
    denials = m.consent_denials(fr, since)
    parts += [
        "<h2>Customer consent denials (D-17, D-21)</h2>",
        _table(denials["reason"].value_counts().rename("denials").to_frame() if not denials.empty else denials),
        _table(denials.assign(at=denials["at"].dt.strftime("%Y-%m-%d")) if not denials.empty else denials, index=False),
    ]
    parts += ["<h2>Conflicts (D-18)</h2>", _table(m.conflict_outcomes(fr, since), index=False)]
    table, over = m.overrules(fr, since)
    old = head["decisions_on_older_versions"]
    parts += [
        "<h2>Reviewers overruling the recommendation</h2>",
        f"<p>{over['overruled']} of {over['with_recommendation']} decisions with a recommendation overruled it "
        f"({_pct(over['overrule_rate'])}): <b>{over['more_lenient']} more lenient</b>, "
        f"<b>{over['stricter']} stricter</b>. Rows: recommendation; columns: the reviewer's decision.</p>",
        _table(table),
        f"<p><b>{old['older_version']}</b> of {old['with_analysis']} decisions were taken on an analysis made with "
        f"an older scoring or extractor version than today's ({html.escape(old['current'])}). Decided claims are "
        "never re-analysed; open claims are, by the nightly run.</p>",
        _table(pd.Series(old["by_version"], name="decisions", dtype="int64").rename_axis("analysed with").to_frame()),
    ]
    parts += agreement_section(agreement)
    parts += [
        "<h2>Notifications (D-15, D-19)</h2>",
        "<p class='note'>Customer consent emails on approval, partner requests and their reminders.</p>",
        _table(m.notification_status(fr)),
    ]
    doc = (
        "<!doctype html><html><head><meta charset='utf-8'><title>POE review outcomes</title>"
        f"<style>{CSS}</style></head><body>" + "\n".join(parts) + "</body></html>"
    )
    return doc, head


def build_report(
    engine: Engine, since: datetime | None, out_dir: Path, as_of: datetime | None = None
) -> Path:
    """Write ``report.html`` and ``report.json`` into ``out_dir``; return the HTML's path."""
    as_of = as_of or datetime.now(UTC)
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    doc, head = render_html(engine, since, as_of)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.json").write_text(
        json.dumps({"since": since.isoformat() if since else None, "as_of": as_of.isoformat(), **head}, indent=2, default=str)
    )
    path = out_dir / "report.html"
    path.write_text(doc, encoding="utf-8")
    return path
