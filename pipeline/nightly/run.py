"""The nightly run as plain functions over the claims store (spec section 5); no Prefect here.

Steps, each safe to repeat and to kill at any instant:

1. ``start_run``: a ``runs`` row (finished_at empty until the end, so a killed run stays visible).
2. ``ingest_step``: ``ClaimService.ingest`` (one transaction per claim folder; unchanged
   folders are no-ops).
3. ``plan_batches``: pending submissions (Submitted, current, not analysed), then open claims
   whose analysis is older than the running scoring/extractor versions (``stale_step``, at most
   ``reanalyse_limit`` a night, :mod:`pipeline.reanalysis`), cut into batches: tens of batches a
   night, never one unit of work per document.
4. ``analyse_batch`` (:mod:`pipeline.nightly.analyse`), in worker processes: documents through the
   extraction cache, ``analyze_claim``, ``record_analysis`` (Submitted -> Under review with a
   recommendation and its D-14 due date, one transaction per claim). No claim is approved or
   rejected here: that is a reviewer's decision unless ``AutoDecisionPolicy`` is switched on.
5. ``compare_step``: every conflict group whose inputs changed, recorded (D-18).
6. ``tick_step``: the lifecycle clocks as of the run's time (D-15 30 days, D-17 7 days, D-14 SLA).
7. ``finish_run``: the summary stored in ``runs.summary`` and returned.

``run_nightly`` chains them with a ``ProcessPoolExecutor``; ``flows/nightly.py`` chains the same
functions as Prefect tasks. This module holds the run itself (its config, start, summary, finish,
the chain); each step is a module of this package named after it: ``intake``, ``plan``,
``analyse``, ``decide``, ``conflicts``, ``clocks``, ``notify``, ``report``; ``pool`` and
``progress`` are where and how visibly the batches run.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import make_url

from pipeline.clock import as_utc
from pipeline.nightly.analyse import DEFAULT_EXTRACTOR, WorkerSettings
from pipeline.nightly.clocks import tick_step
from pipeline.nightly.conflicts import compare_step
from pipeline.nightly.decide import auto_decide_step
from pipeline.nightly.drift import drift_lines, drift_row, drift_step
from pipeline.nightly.intake import ingest_step
from pipeline.nightly.notify import notify_step
from pipeline.nightly.plan import pending_step, plan_batches, stale_step
from pipeline.nightly.pool import run_batches, worker_pool
from pipeline.nightly.report import report_step
from pipeline.reanalysis import DEFAULT_REANALYSE_LIMIT
from pipeline.reports.agreement import DRIFT_THRESHOLD
from pipeline.store.db import make_engine, migrate, resolve_url, session_scope, store_data_dir
from pipeline.store.schema import RunRow

RECOMMENDATIONS = ("approve", "request_info", "reject")

Progress = Callable[[int, int], None]  # (claims done, claims pending)


@dataclass
class AutoDecisionPolicy:
    """Off by default: the nightly run only recommends. When ``reject_ineligible`` is switched on
    explicitly, claims whose analysis found them ineligible whatever their POE (D-3, D-7, D-8) are
    rejected by the ``auto-policy`` actor with the eligibility reasons as the note; every other
    claim still waits for a reviewer."""

    reject_ineligible: bool = False

    @property
    def enabled(self) -> bool:
        return self.reject_ineligible


@dataclass
class NightlyConfig:
    inbox: str | None
    db_url: str | None = None
    as_of: str | None = None  # ISO instant; None: the wall clock at the start of the run
    concurrency: int = 0  # worker processes; 0 = os.cpu_count()
    batch_size: int | None = None  # claims per batch; None = sized for ~4 batches per worker
    extractor: str = DEFAULT_EXTRACTOR
    policy: AutoDecisionPolicy = field(default_factory=AutoDecisionPolicy)
    # Analysts' outputs, only when asked: report.html/.json (and exports/<table>.<fmt>) here.
    report_dir: str | None = None
    export_format: str | None = None  # parquet | csv, with report_dir
    reanalyse_limit: int = DEFAULT_REANALYSE_LIMIT  # stale open claims re-analysed a night at most
    drift_threshold: float = DRIFT_THRESHOLD  # weekly agreement falling more than this is flagged

    def workers(self) -> int:
        return self.concurrency if self.concurrency > 0 else (os.cpu_count() or 1)

    def resolved(self) -> NightlyConfig:
        """The same config with the store URL and the run's instant fixed (workers must agree)."""
        as_of = as_utc(datetime.fromisoformat(self.as_of)) if self.as_of else datetime.now(UTC)
        return NightlyConfig(
            inbox=str(Path(self.inbox).resolve()) if self.inbox else None,
            db_url=resolve_url(self.db_url),
            as_of=as_of.isoformat(),
            concurrency=self.workers(),
            batch_size=self.batch_size,
            extractor=self.extractor,
            policy=self.policy,
            report_dir=str(Path(self.report_dir).resolve()) if self.report_dir else None,
            export_format=self.export_format,
            reanalyse_limit=self.reanalyse_limit,
            drift_threshold=self.drift_threshold,
        )

    def worker_settings(self) -> WorkerSettings:
        assert self.db_url is not None and self.as_of is not None, "call resolved() first"
        engine = make_engine(self.db_url)
        try:
            data_dir = str(store_data_dir(engine).resolve())
        finally:
            engine.dispose()
        return WorkerSettings(db_url=self.db_url, data_dir=data_dir, as_of=self.as_of, extractor=self.extractor)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["db_url"] = safe_url(self.db_url)
        return out


def safe_url(url: str | None) -> str | None:
    if not url:
        return url

    return make_url(url).render_as_string(hide_password=True)


# --- steps -------------------------------------------------------------------------------------


def start_run(cfg: NightlyConfig) -> dict[str, Any]:
    """Migrate the store and open a ``runs`` row; names the earlier runs that never finished."""
    engine = make_engine(cfg.db_url)
    try:
        migrate(engine)
        with session_scope(engine) as session:
            unfinished = list(session.scalars(select(RunRow.id).where(RunRow.finished_at.is_(None))))
            row = RunRow(
                started_at=datetime.now(UTC),
                as_of=datetime.fromisoformat(cfg.as_of or datetime.now(UTC).isoformat()),
                inbox=cfg.inbox or "",
                summary={"config": cfg.to_json()},
            )
            session.add(row)
            session.flush()
            return {"run_id": row.id, "started_at": row.started_at.isoformat(), "unfinished_before": unfinished}
    finally:
        engine.dispose()



def finish_run(cfg: NightlyConfig, run: dict[str, Any], summary: dict[str, Any]) -> dict[str, Any]:
    engine = make_engine(cfg.db_url)
    try:
        with session_scope(engine) as session:
            row = session.get(RunRow, run["run_id"])
            assert row is not None
            row.finished_at = datetime.now(UTC)
            summary["finished_at"] = row.finished_at.isoformat()
            row.summary = {**summary, "config": cfg.to_json()}
    finally:
        engine.dispose()
    return summary


# --- the summary -------------------------------------------------------------------------------


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
            "ocr_pages": sum(b.get("ocr_pages", 0) for b in batches),
            "ocr_engines": sorted({str(b["ocr_engine"]) for b in batches if b.get("ocr_engine")}),
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
        ("scanned pages read by OCR", _ocr_row(d)),
        ("unreadable documents", len(d["unreadable"])),
        ("conflict groups", k["groups"]),
        ("conflicts recorded", len(k["recorded"])),
        ("clock transitions", len(summary["clock"])),
    ]
    if "notifications" in summary:  # set after the summary is built; absent in older runs' rows
        rows.append(("emails sent", summary["notifications"].get("sent", 0)))
    if (drift := drift_row(summary.get("agreement_drift"))) is not None:
        rows.append(drift)
    return [{"figure": name, "value": str(value)} for name, value in rows]


def _ocr_row(documents: dict[str, Any]) -> str:
    pages, engines = documents.get("ocr_pages", 0), documents.get("ocr_engines") or []
    return f"{pages} ({', '.join(engines)})" if pages and engines else str(pages)


def summary_markdown(summary: dict[str, Any]) -> str:
    """The run summary as Markdown (the Prefect artifact, also the CLI's text)."""
    lines = [f"# poe-review nightly run {summary['run_id']}", "", f"**{summary['headline']}**", ""]
    lines += [f"As of {summary['as_of']}; inbox `{summary['inbox']}`; {summary['seconds']} s ({summary['mode']}).", ""]
    lines += ["| figure | value |", "|---|---|"]
    lines += [f"| {row['figure']} | {row['value']} |" for row in summary_rows(summary)]
    if summary.get("report"):
        lines += ["", f"Analysts' report: `{summary['report']['path']}`"]
        lines += [f"- export `{path}`" for path in summary["report"]["exports"]]
    lines += drift_lines(summary.get("agreement_drift"))
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


# --- the plain runner (no Prefect) -------------------------------------------------------------


class StageTimer:
    """Wall seconds per named step of a run: ``with timer("ingest"): ...``."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


def run_nightly(cfg: NightlyConfig, progress: Progress | None = None) -> dict[str, Any]:
    """The whole nightly run without Prefect; returns the summary (also kept in ``runs``)."""
    cfg = cfg.resolved()
    timer = StageTimer()
    with timer("start"):
        run = start_run(cfg)
    with timer("ingest"):
        ingest = ingest_step(cfg)
    with timer("plan"):
        pending = pending_step(cfg)
        stale, stale_plan = stale_step(cfg, pending)
        pending = pending + stale
        batches = plan_batches(pending, cfg.workers(), cfg.batch_size)
    if progress is not None:
        progress(0, len(pending))
    with worker_pool(cfg) as pool:
        with timer("analyse"):
            results = run_batches(cfg, batches, pool, progress)
            decided = auto_decide_step(cfg, results)
        with timer("conflicts"):
            conflicts = compare_step(cfg, pool)
    with timer("clocks"):
        clock = tick_step(cfg)
    summary = build_summary(
        cfg, run, ingest, len(pending), results, conflicts, clock, decided, mode="local", stale=stale_plan,
        stages=timer.seconds,
    )
    with timer("notify"):
        summary["notifications"] = notify_step(cfg)
    with timer("report"):
        analyst = report_step(cfg)
        summary["agreement_drift"] = drift_step(cfg.db_url, cfg.as_of, cfg.drift_threshold)
    summary["stages"].update({k: round(timer.seconds[k], 2) for k in ("notify", "report")})
    if analyst is not None:
        summary["report"] = {"path": analyst["report"], "exports": analyst["exports"]}
    return finish_run(cfg, run, summary)
