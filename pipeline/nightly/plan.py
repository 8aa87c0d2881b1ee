"""Step "plan" of the nightly run: pending submissions (Submitted, current, not analysed), then open
claims whose analysis is older than the running scoring/extractor versions (at most
``reanalyse_limit`` a night, :mod:`pipeline.reanalysis`), cut into batches: tens of batches a
night, never one unit of work per document."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pipeline.reanalysis import current_versions, stale_open_claims
from pipeline.service import ClaimService
from pipeline.store.db import make_engine

if TYPE_CHECKING:
    from pipeline.nightly.run import NightlyConfig

MAX_BATCH = 200
BATCHES_PER_WORKER = 4

T = TypeVar("T")


def pending_step(cfg: NightlyConfig) -> list[tuple[str, int]]:
    engine = make_engine(cfg.db_url)
    try:
        return ClaimService(engine).pending_analysis()
    finally:
        engine.dispose()


def stale_step(cfg: NightlyConfig, pending: Sequence[tuple[str, int]]) -> tuple[list[tuple[str, int]], dict[str, Any]]:
    """Open claims whose analysis is older than this run's versions (at most
    ``cfg.reanalyse_limit``, oldest first), minus those already pending; and the plan's figures."""
    engine = make_engine(cfg.db_url)
    try:
        plan = stale_open_claims(engine, current_versions(cfg.extractor), cfg.reanalyse_limit)
    finally:
        engine.dispose()
    queued = set(pending)
    return [item for item in plan.items if item not in queued], plan.to_json()


def plan_batches(pending: Sequence[T], workers: int, batch_size: int | None = None) -> list[list[T]]:
    """Cut pending submissions into batches: about BATCHES_PER_WORKER per worker (so a slow
    batch does not leave the others idle), at most MAX_BATCH claims each."""
    if not pending:
        return []
    size = batch_size or max(1, min(MAX_BATCH, math.ceil(len(pending) / (max(1, workers) * BATCHES_PER_WORKER))))
    return [list(pending[i : i + size]) for i in range(0, len(pending), size)]
