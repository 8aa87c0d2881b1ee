"""The nightly run's summary: built from the steps' results, stored in ``runs.summary``, printed as
rows or Markdown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.nightly.run import NightlyConfig

RECOMMENDATIONS = ("approve", "request_info", "reject")


def build_summary(
    cfg: NightlyConfig,
    run: dict[str, Any],
    ingest: dict[str, Any],
    pending: int,
    batches: Sequence[dict[str, Any]],
    conflicts: dict[str, Any],
    clock: Sequence[dict[str, Any]],
    decided: Sequence[dict[str, Any]] = (),
    mode: str = "local",
    stale: dict[str, Any] | None = None,
    stages: dict[str, float] | None = None,
) -> dict[str, Any]:
    """One JSON-able summary of the run: what came in, what was analysed and recommended,
    conflicts, unreadable documents and clock transitions; ``changed`` is False when the run
    found nothing to do."""
    claims = [c for b in batches for c in b.get("claims", [])]
    analysed = [c for c in claims if "error" not in c]
    recs = Counter(str(c.get("recommendation")) for c in analysed)
    counts = ingest.get("counts", {})
    unreadable = [{"claim_id": c["claim_id"], **d} for c in analysed for d in c.get("unreadable", [])]
    clock_by_action = Counter(str(t.get("action")) for t in clock)
    changed = bool(
        counts.get("accepted") or counts.get("resubmitted") or analysed or conflicts.get("recorded") or clock or decided
    )
    started = datetime.fromisoformat(run["started_at"])
    return {
        "run_id": run["run_id"],
        "mode": mode,
        "started_at": run["started_at"],
        "seconds": round((datetime.now(UTC) - started).total_seconds(), 2),
        "as_of": cfg.as_of,
        "inbox": cfg.inbox,
        "unfinished_before": run.get("unfinished_before", []),
        "claims_in": {k: counts.get(k, 0) for k in ("accepted", "resubmitted", "unchanged", "refused")},
        "refused": ingest.get("refused", []),
        "tenants_loaded": ingest.get("tenants_loaded", 0),
        "tenants_error": ingest.get("tenants_error"),
        "pending": pending,
        "batches": len(batches),
        # Wall seconds per step, and the worker-seconds the batches took (extraction + checks + store).
        "stages": {k: round(v, 2) for k, v in (stages or {}).items()},
        "batch_seconds": round(sum(float(b.get("seconds", 0.0)) for b in batches), 2),
        "workers": sorted({str(b["worker"]) for b in batches if b.get("worker")}),
        "analysed": len(analysed),
        "reanalysed": {
            **(stale or {"selected": 0, "stale": 0, "left_for_later": 0}),
            "claims": [{"claim_id": c["claim_id"], **c["reanalysed"]} for c in analysed if c.get("reanalysed")],
        },
        "failed": [c for c in claims if "error" in c],
        "recommendations": {k: recs.get(k, 0) for k in RECOMMENDATIONS},
        "documents": {
            "extracted": sum(b.get("extracted", 0) for b in batches) + conflicts.get("extracted", 0),
            "reused_from_cache": sum(b.get("cached", 0) for b in batches),
            "pages_extracted": sum(b.get("pages_extracted", 0) for b in batches) + conflicts.get("pages_extracted", 0),
            "unreadable": unreadable,
        },
        "conflicts": {
            "groups": conflicts.get("groups", 0),
            "recorded": conflicts.get("recorded", []),
            "unchanged": conflicts.get("unchanged", 0),
            "skipped": conflicts.get("skipped", 0),
            "errors": conflicts.get("errors", []),
        },
        "clock": list(clock),
        "clock_by_action": dict(sorted(clock_by_action.items())),
        "auto_decisions": list(decided),
        "changed": changed,
        "headline": headline(changed, counts, len(analysed), clock),
    }


def headline(changed: bool, counts: dict[str, int], analysed: int, clock: Sequence[Any]) -> str:
    if not changed:
        return (
            f"Nothing changed: {counts.get('unchanged', 0)} claim(s) unchanged since the last run, "
            "nothing to analyse, no conflict or clock changes."
        )
    return (
        f"{counts.get('accepted', 0)} new and {counts.get('resubmitted', 0)} re-submitted claim(s) taken in, "
        f"{analysed} analysed, {len(clock)} clock transition(s)."
    )


def summary_rows(summary: dict[str, Any]) -> list[dict[str, str]]:
    """The summary as (figure, value) rows: the Prefect table artifact and the CLI table."""
    c = summary["claims_in"]
    r = summary["recommendations"]
    d = summary["documents"]
    k = summary["conflicts"]
    rows = [
        ("claims in: new", c["accepted"]),
        ("claims in: re-submitted", c["resubmitted"]),
        ("claims in: unchanged", c["unchanged"]),
        ("claims in: refused", c["refused"]),
        ("analysed", summary["analysed"]),
        ("of which re-analysed (older versions)", len(summary.get("reanalysed", {}).get("claims", []))),
        ("stale analyses left for later nights", summary.get("reanalysed", {}).get("left_for_later", 0)),
        ("recommended approve", r["approve"]),
        ("recommended request_info", r["request_info"]),
        ("recommended reject", r["reject"]),
        ("analysis failures", len(summary["failed"])),
        ("documents extracted", d["extracted"]),
        ("documents reused from cache", d["reused_from_cache"]),
        ("unreadable documents", len(d["unreadable"])),
        ("conflict groups", k["groups"]),
        ("conflicts recorded", len(k["recorded"])),
        ("clock transitions", len(summary["clock"])),
    ]
    if "notifications" in summary:  # set after the summary is built; absent in older runs' rows
        rows.append(("emails sent", summary["notifications"].get("sent", 0)))
    return [{"figure": name, "value": str(value)} for name, value in rows]


def summary_markdown(summary: dict[str, Any]) -> str:
    """The run summary as Markdown (the Prefect artifact, also the CLI's text)."""
    lines = [f"# poe-review nightly run {summary['run_id']}", "", f"**{summary['headline']}**", ""]
    lines += [f"As of {summary['as_of']}; inbox `{summary['inbox']}`; {summary['seconds']} s ({summary['mode']}).", ""]
    lines += ["| figure | value |", "|---|---|"]
    lines += [f"| {row['figure']} | {row['value']} |" for row in summary_rows(summary)]
    if summary.get("report"):
        lines += ["", f"Analysts' report: `{summary['report']['path']}`"]
        lines += [f"- export `{path}`" for path in summary["report"]["exports"]]
    if summary["refused"]:
        lines += ["", "## Refused claim folders", ""]
        lines += [f"- `{r['folder']}`: {r['message']}" for r in summary["refused"]]
    if summary["documents"]["unreadable"]:
        lines += ["", "## Unreadable documents", ""]
        lines += [
            f"- claim {u['claim_id']} `{u['path']}`: {u.get('error') or u.get('status')}"
            for u in summary["documents"]["unreadable"]
        ]
    if summary["conflicts"]["recorded"]:
        lines += ["", "## Conflicts compared (D-18)", ""]
        lines += [
            f"- {g['product']} on tenant {g['tenant_id']}: claims {', '.join(g['claims'])}; "
            f"recommended {g['recommended'] or 'none'} (margin {g['margin']})"
            for g in summary["conflicts"]["recorded"]
        ]
    if summary["clock"]:
        lines += ["", "## Clock transitions", ""]
        lines += [f"- claim {t['claim_id']}: {t['action']} ({t.get('rule', '')})" for t in summary["clock"]]
    if summary["failed"]:
        lines += ["", "## Claims that could not be analysed", ""]
        lines += [f"- claim {f['claim_id']}: {f['error']}" for f in summary["failed"]]
    if summary["unfinished_before"]:
        lines += ["", f"Earlier run(s) {summary['unfinished_before']} did not finish; this run completed their work."]
    return "\n".join(lines) + "\n"
