"""The nightly run (spec section 5) as plain functions over the claims store; no Prefect here.

One module per step, named after it: ``intake`` (ingest), ``plan`` (pending and stale claims cut
into batches), ``analyse`` (the worker: extraction cache, checks, write-back), ``decide`` (the
explicit auto-decision policy), ``conflicts`` (D-18 comparisons), ``clocks`` (D-14/D-15/D-17),
``notify``, ``report``; ``run`` is the run itself (config, start, summary, finish) and chains
them without Prefect, in ``pool`` with ``progress``; ``demo`` is the small built-in demo inbox. The package's public names are re-exported here: ``from pipeline.nightly import NightlyConfig,
run_nightly``. ``flows/nightly.py`` chains the same steps as Prefect tasks.
"""

from pipeline.nightly.clocks import tick_step
from pipeline.nightly.conflicts import compare_step, plan_compare_step
from pipeline.nightly.decide import auto_decide_step
from pipeline.nightly.drift import drift_step
from pipeline.nightly.intake import ingest_step
from pipeline.nightly.notify import notify_step
from pipeline.nightly.plan import BATCHES_PER_WORKER, MAX_BATCH, pending_step, plan_batches, stale_step
from pipeline.nightly.pool import in_memory, run_batches, worker_pool
from pipeline.nightly.progress import ClaimProgress, progress_bar
from pipeline.nightly.report import report_step
from pipeline.nightly.run import (
    DEFAULT_REANALYSE_LIMIT,
    DRIFT_THRESHOLD,
    RECOMMENDATIONS,
    AutoDecisionPolicy,
    NightlyConfig,
    Progress,
    StageTimer,
    build_summary,
    finish_run,
    headline,
    run_nightly,
    safe_url,
    start_run,
    summary_markdown,
    summary_rows,
)

__all__ = [
    "BATCHES_PER_WORKER",
    "DEFAULT_REANALYSE_LIMIT",
    "DRIFT_THRESHOLD",
    "MAX_BATCH",
    "RECOMMENDATIONS",
    "AutoDecisionPolicy",
    "ClaimProgress",
    "NightlyConfig",
    "Progress",
    "StageTimer",
    "auto_decide_step",
    "build_summary",
    "compare_step",
    "drift_step",
    "finish_run",
    "headline",
    "in_memory",
    "ingest_step",
    "notify_step",
    "pending_step",
    "plan_batches",
    "plan_compare_step",
    "progress_bar",
    "report_step",
    "run_batches",
    "run_nightly",
    "safe_url",
    "stale_step",
    "start_run",
    "summary_markdown",
    "summary_rows",
    "tick_step",
    "worker_pool",
]
