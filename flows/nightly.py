"""The nightly Prefect flow: orchestration only; the work is :mod:`pipeline.nightly`.

Tasks are coarse: one for intake, one per *batch* of claims (tens a night, never one per
document: Prefect keeps ~35 KB per task run and drops events past a few thousand), one per
batch of changed conflict groups, one for the clocks. Tasks take IDs and return small summaries; per-claim outcomes live
in the claims store, so Prefect's result cache is off (``NO_CACHE``) and the store's unique keys
make every task safe to re-run.

Where the CPU-bound batches run:

- default: Prefect's thread pool submits each batch to one shared ``ProcessPoolExecutor``
  (``concurrency`` processes) in this machine;
- ``dask_address``: Prefect's ``DaskTaskRunner`` sends each batch task to a Dask scheduler; its
  workers (other processes or machines) run the batch themselves against the same store URL.
  Across machines that store must be PostgreSQL and the Prefect API a real server.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from typing import Any, cast

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline import nightly as nl
from pipeline.nightly.analyse import DEFAULT_EXTRACTOR, WorkerSettings, analyse_batch
from pipeline.nightly.conflicts import compare_groups, merge_comparisons
from pipeline.reports import headline_markdown

FLOW_NAME = "poe-review-nightly"
DEPLOYMENT_NAME = "nightly"
DEFAULT_CRON = "0 2 * * *"

_pool_lock = threading.Lock()
_pools: dict[int, ProcessPoolExecutor] = {}


def _local_pool(workers: int) -> ProcessPoolExecutor:
    """One process pool per flow run, shared by the batch tasks (created on first use)."""
    with _pool_lock:
        pool = _pools.get(workers)
        if pool is None:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
            _pools[workers] = pool
        return pool


def _close_pools() -> None:
    with _pool_lock:
        for pool in _pools.values():
            pool.shutdown(wait=True, cancel_futures=True)
        _pools.clear()


def _in_pool_or_here(step: Callable[[WorkerSettings, Any], dict[str, Any]], settings: dict[str, Any],
                     work: Any, local_workers: int) -> dict[str, Any]:
    """One batch step: in the shared local process pool, or right here when this task already
    runs in a worker process of its own (Dask, or a single local worker)."""
    worker_settings = WorkerSettings(**settings)
    if local_workers > 1:
        return cast(dict[str, Any], _local_pool(local_workers).submit(step, worker_settings, work).result())
    return step(worker_settings, work)


@task(name="ingest-inbox", cache_policy=NO_CACHE)
def ingest_task(cfg: nl.NightlyConfig) -> dict[str, Any]:
    report = nl.ingest_step(cfg)
    logger = get_run_logger()
    logger.info("intake: %s", report.get("counts"))
    for refused in report.get("refused", []):
        logger.warning("refused %s: %s", refused["folder"], refused["message"])
    return report


@task(name="analyse-batch", cache_policy=NO_CACHE, task_run_name="analyse-batch-{index}")
def analyse_batch_task(
    settings: dict[str, Any], items: list[tuple[str, int]], index: int, local_workers: int
) -> dict[str, Any]:
    """Extract and analyse one batch; in the shared local process pool, or right here when this
    task already runs in a worker process of its own (Dask)."""
    result = _in_pool_or_here(analyse_batch, settings, items, local_workers)
    logger = get_run_logger()
    # Only what needs a look goes to Prefect's API one line per claim (failures, unreadable files,
    # re-analyses); the rest is one line per batch: every log line is a write on the Prefect
    # server, and a line per claim made Prefect a per-claim cost (the outcomes are in the store).
    for claim in result["claims"]:
        if "error" in claim:
            logger.error("claim %s (submission %s): analysis failed: %s", claim["claim_id"], claim["seq"], claim["error"])
        elif claim["unreadable"] or claim.get("reanalysed"):
            unreadable = ", ".join(f"{u['path']} ({u['status']})" for u in claim["unreadable"])
            logger.info(
                "claim %s (submission %s): recommend %s, score %s%s%s",
                claim["claim_id"], claim["seq"], claim["recommendation"], claim["score"],
                f"; unreadable: {unreadable}" if unreadable else "",
                "; re-analysed (older versions)" if claim.get("reanalysed") else "",
            )
    recs = Counter(str(c.get("recommendation")) for c in result["claims"] if "error" not in c)
    logger.info(
        "batch %s: %s claims (%s), %s documents extracted, %s from cache, %.1f s",
        index, len(result["claims"]), ", ".join(f"{k} {v}" for k, v in sorted(recs.items())),
        result["extracted"], result["cached"], result["seconds"],
    )
    return result


@task(name="plan-conflicts", cache_policy=NO_CACHE)
def plan_conflicts_task(cfg: nl.NightlyConfig) -> tuple[int, list[list[dict[str, Any]]]]:
    total, batches = nl.plan_compare_step(cfg)
    get_run_logger().info(
        "%s conflict group(s), %s to compare again", total, sum(len(b) for b in batches)
    )
    return total, batches


@task(name="compare-conflicts", cache_policy=NO_CACHE, task_run_name="compare-conflicts-{index}")
def compare_batch_task(
    settings: dict[str, Any], groups: list[dict[str, Any]], index: int, local_workers: int
) -> dict[str, Any]:
    result = _in_pool_or_here(compare_groups, settings, groups, local_workers)
    logger = get_run_logger()
    for group in result["recorded"]:
        logger.info(
            "conflict %s on %s: claims %s, recommended %s (margin %s)",
            group["product"], group["tenant_id"], ", ".join(group["claims"]), group["recommended"], group["margin"],
        )
    for error in result["errors"]:
        logger.error("conflict %s: %s", error["key"], error["error"])
    return result


@task(name="apply-clocks", cache_policy=NO_CACHE)
def tick_task(cfg: nl.NightlyConfig) -> list[dict[str, Any]]:
    applied = nl.tick_step(cfg)
    logger = get_run_logger()
    for t in applied:
        logger.info("clock: claim %s %s (%s)", t["claim_id"], t["action"], t.get("rule", ""))
    return applied


# Threads only wait on the process pool (or Dask), so a few more than the CPUs is right.
@flow(name=FLOW_NAME, task_runner=ThreadPoolTaskRunner(max_workers=8), log_prints=True)  # type: ignore[arg-type]
def nightly_flow(
    inbox: str | None = None,
    db_url: str | None = None,
    as_of: str | None = None,
    concurrency: int = 0,
    batch_size: int | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    reject_ineligible: bool = False,
    dask: bool = False,
    show_progress: bool = False,
    report_dir: str | None = None,
    export_format: str | None = None,
    reanalyse_limit: int = nl.DEFAULT_REANALYSE_LIMIT,
    drift_threshold: float = nl.DRIFT_THRESHOLD,
) -> dict[str, Any]:
    """Inbox -> store -> extract/analyse in batches -> conflicts -> clocks -> summary (spec 5).

    ``as_of``: the run's instant (ISO 8601), default now; ``concurrency``: worker processes
    (0 = CPU count); ``reject_ineligible``: the explicit, off-by-default auto-decision policy;
    ``dask``: set by :func:`run_flow` with a Dask task runner, so batch tasks do their work in
    the Dask worker that runs them instead of this machine's process pool; ``report_dir`` (and
    ``export_format``): write the analysts' report (and exports) there and publish its headline;
    ``reanalyse_limit``: open claims with a stale analysis re-analysed this night at most;
    ``drift_threshold``: a fall of weekly agreement (tool vs reviewers) above this is flagged.
    """
    cfg = nl.NightlyConfig(
        inbox=inbox, db_url=db_url, as_of=as_of, concurrency=concurrency, batch_size=batch_size,
        extractor=extractor, policy=nl.AutoDecisionPolicy(reject_ineligible=reject_ineligible),
        report_dir=report_dir, export_format=export_format, reanalyse_limit=reanalyse_limit,
        drift_threshold=drift_threshold,
    ).resolved()
    logger = get_run_logger()
    timer = nl.StageTimer()
    with timer("start"):
        run = nl.start_run(cfg)
    logger.info("run %s as of %s on %s", run["run_id"], cfg.as_of, nl.safe_url(cfg.db_url))
    with timer("ingest"):
        ingest = ingest_task(cfg)
    with timer("plan"):
        pending = nl.pending_step(cfg)
        stale, stale_plan = nl.stale_step(cfg, pending)
        pending = pending + stale
        batches = nl.plan_batches(pending, cfg.workers(), cfg.batch_size)
    logger.info(
        "%s submission(s) to analyse in %s batch(es), %s of them stale analyses re-run (%s left for later)",
        len(pending), len(batches), len(stale), stale_plan["left_for_later"],
    )
    settings = asdict(cfg.worker_settings())
    local_workers = 0 if dask or nl.in_memory(cfg.db_url or "") else cfg.workers()
    results: list[dict[str, Any]] = []
    try:
        with timer("analyse"), nl.progress_bar(len(pending), enabled=show_progress) as advance:
            futures = [
                analyse_batch_task.submit(settings, batch, index, local_workers)
                for index, batch in enumerate(batches, start=1)
            ]
            for future in as_completed(futures):
                result = future.result()
                results.append(result)
                advance(len(result["claims"]))
        decided = nl.auto_decide_step(cfg, results)
        with timer("conflicts"):
            groups, group_batches = plan_conflicts_task(cfg)
            compared = [
                compare_batch_task.submit(settings, batch, index, local_workers)
                for index, batch in enumerate(group_batches, start=1)
            ]
            conflicts = merge_comparisons(groups, sum(len(b) for b in group_batches), [f.result() for f in compared])
    finally:
        _close_pools()
    with timer("clocks"):
        clock = tick_task(cfg)
    mode = "prefect+dask" if dask else "prefect"
    summary = nl.build_summary(
        cfg, run, ingest, len(pending), results, conflicts, clock, decided, mode=mode, stale=stale_plan,
        stages=timer.seconds,
    )
    with timer("notify"):
        summary["notifications"] = nl.notify_step(cfg)
    with timer("report"):
        analyst = nl.report_step(cfg)
        summary["agreement_drift"] = nl.drift_step(cfg.db_url, cfg.as_of, cfg.drift_threshold)
    summary["stages"].update({k: round(timer.seconds[k], 2) for k in ("notify", "report")})
    if analyst is not None:
        summary["report"] = {"path": analyst["report"], "exports": analyst["exports"]}

        create_markdown_artifact(headline_markdown(analyst), key="nightly-report", description="analysts' report")
    summary = nl.finish_run(cfg, run, summary)
    create_markdown_artifact(nl.summary_markdown(summary), key="nightly-summary", description=summary["headline"])
    create_table_artifact(nl.summary_rows(summary), key="nightly-figures", description="nightly run figures")
    logger.info(summary["headline"])
    return summary


def run_flow(dask_address: str | None = None, **parameters: Any) -> dict[str, Any]:
    """Run the nightly flow once; with ``dask_address`` the batch tasks go to that Dask scheduler."""
    if dask_address:
        # lazy: prefect_dask costs ~1.5 s at import (python -X importtime); only a Dask run needs it
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=dask_address)
        return nightly_flow.with_options(task_runner=runner)(dask=True, **parameters)  # type: ignore[arg-type]
    workers = int(parameters.get("concurrency") or 0) or (os.cpu_count() or 1)
    if workers > 8:  # one waiting thread per worker process
        threads: ThreadPoolTaskRunner[Any] = ThreadPoolTaskRunner(max_workers=workers)
        return nightly_flow.with_options(task_runner=threads)(**parameters)  # type: ignore[arg-type]
    return nightly_flow(**parameters)


def nightly_deployment(cron: str = DEFAULT_CRON, **parameters: Any) -> Any:
    """The ``nightly`` deployment of the flow: ``cron`` in UTC (default 02:00), fixed parameters."""
    # lazy: prefect costs ~1.8 s at import (python -X importtime); only the flow's serve/run needs it
    from prefect.schedules import Cron

    return nightly_flow.to_deployment(
        name=DEPLOYMENT_NAME,
        schedule=Cron(cron, timezone="UTC"),
        parameters={k: v for k, v in parameters.items() if v is not None},
        description="poe-review nightly run: intake, analysis, conflicts, clocks (spec section 5)",
        tags=["poe-review", "nightly"],
    )


def serve_nightly(cron: str = DEFAULT_CRON, **parameters: Any) -> None:
    """Serve the nightly deployment until stopped (what ``flow.serve(cron=...)`` does, with the
    cron pinned to UTC). Needs a Prefect server (``prefect server start``, ``PREFECT_API_URL``):
    the temporary server single runs use cannot hold schedules."""
    # lazy: prefect costs ~1.8 s at import (python -X importtime); only the flow's serve/run needs it
    from prefect import serve

    serve(nightly_deployment(cron, **parameters))
