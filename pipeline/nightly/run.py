"""The nightly run as plain functions over the claims store (spec section 5); no Prefect here.

Steps, each safe to repeat and to kill at any instant, one module each in this package:

1. ``start_run`` (here): a ``runs`` row (finished_at empty until the end, so a killed run stays visible).
2. ``ingest_step`` (:mod:`.intake`): ``ClaimService.ingest`` (one transaction per claim folder;
   unchanged folders are no-ops).
3. ``plan_batches`` (:mod:`.plan`): pending submissions (Submitted, current, not analysed), then
   open claims whose analysis is older than the running scoring/extractor versions
   (``stale_step``, at most ``reanalyse_limit`` a night, :mod:`pipeline.reanalysis`), cut into
   batches: tens of batches a night, never one unit of work per document.
4. ``analyse_batch`` (:mod:`.analyse`), in worker processes: documents through the
   extraction cache, ``analyze_claim``, ``record_analysis`` (Submitted -> Under review with a
   recommendation and its D-14 due date, one transaction per claim). No claim is approved or
   rejected here: that is a reviewer's decision unless ``AutoDecisionPolicy`` is switched on
   (:mod:`.decide`).
5. ``compare_step`` (:mod:`.conflicts`): every conflict group whose inputs changed, recorded (D-18).
6. ``tick_step`` (:mod:`.clocks`): the lifecycle clocks as of the run's time (D-15 30 days,
   D-17 7 days, D-14 SLA).
7. ``notify_step`` (:mod:`.notify`) and ``report_step`` (:mod:`.report`): emails, and the
   analysts' report when asked for.
8. ``finish_run`` (here): the summary (:mod:`.summary`) stored in ``runs.summary`` and returned.

``run_nightly`` chains them with a ``ProcessPoolExecutor``; ``flows/nightly.py`` chains the same
functions as Prefect tasks.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pipeline.clock import as_utc
from pipeline.nightly.analyse import DEFAULT_EXTRACTOR, WorkerSettings, analyse_batch
from pipeline.nightly.clocks import tick_step
from pipeline.nightly.conflicts import compare_step
from pipeline.nightly.decide import auto_decide_step
from pipeline.nightly.intake import ingest_step
from pipeline.nightly.notify import notify_step
from pipeline.nightly.plan import pending_step, plan_batches, stale_step
from pipeline.nightly.report import report_step
from pipeline.nightly.summary import build_summary
from pipeline.reanalysis import DEFAULT_REANALYSE_LIMIT
from pipeline.store.db import make_engine, migrate, resolve_url, session_scope, store_data_dir
from pipeline.store.schema import RunRow

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
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def in_memory(url: str) -> bool:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return u.get_backend_name() == "sqlite" and u.database in (None, "", ":memory:")


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


# --- progress -----------------------------------------------------------------------------------


class ClaimProgress:
    """A rich progress bar of claims analysed, for long runs in a terminal; use as a context
    manager and call it with (done, total) like a :data:`Progress` callback."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> ClaimProgress:
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("analysing claims"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                transient=False,
            )
            self._bar.start()
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            return
        if self._task is None:
            self._task = self._bar.add_task("claims", total=total)
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


@contextmanager
def progress_bar(total: int, enabled: bool = True) -> Iterator[Callable[[int], None]]:
    """``advance(n)`` for a known total (the flow's batch loop)."""
    done = 0
    with ClaimProgress(enabled and total > 0) as bar:
        bar(0, total)

        def advance(n: int) -> None:
            nonlocal done
            done += n
            bar(done, total)

        yield advance


# --- the plain runner (no Prefect) -------------------------------------------------------------


@contextmanager
def worker_pool(cfg: NightlyConfig) -> Iterator[Executor | None]:
    """Worker processes for the batches; None (work in this process) for an in-memory store,
    which other processes cannot see, or when one worker is asked for."""
    assert cfg.db_url is not None
    if in_memory(cfg.db_url) or cfg.workers() <= 1:
        yield None
        return
    import multiprocessing

    # spawn, not fork: the parent may hold threads (Prefect's event loop, SQLAlchemy pools).
    pool = ProcessPoolExecutor(max_workers=cfg.workers(), mp_context=multiprocessing.get_context("spawn"))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_batches(
    cfg: NightlyConfig,
    batches: Sequence[Sequence[tuple[str, int]]],
    pool: Executor | None,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    settings = cfg.worker_settings()
    total = sum(len(b) for b in batches)
    done = 0
    results: list[dict[str, Any]] = []
    if pool is None:
        outcomes: Iterable[dict[str, Any]] = (analyse_batch(settings, b) for b in batches)
    else:
        futures: list[Future[dict[str, Any]]] = [pool.submit(analyse_batch, settings, b) for b in batches]
        outcomes = (f.result() for f in as_completed(futures))
    for outcome in outcomes:
        results.append(outcome)
        done += len(outcome.get("claims", []))
        if progress is not None:
            progress(done, total)
    return results


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
    summary["stages"].update({k: round(timer.seconds[k], 2) for k in ("notify", "report")})
    if analyst is not None:
        summary["report"] = {"path": analyst["report"], "exports": analyst["exports"]}
    return finish_run(cfg, run, summary)
