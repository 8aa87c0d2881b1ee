"""Where the analyse and compare steps run: worker processes for the batches, or this process
for an in-memory store or one worker."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url

from pipeline.nightly.analyse import analyse_batch

if TYPE_CHECKING:
    from pipeline.nightly.run import NightlyConfig, Progress


def in_memory(url: str) -> bool:
    u = make_url(url)
    return u.get_backend_name() == "sqlite" and u.database in (None, "", ":memory:")



@contextmanager
def worker_pool(cfg: NightlyConfig) -> Iterator[Executor | None]:
    """Worker processes for the batches; None (work in this process) for an in-memory store,
    which other processes cannot see, or when one worker is asked for."""
    assert cfg.db_url is not None
    if in_memory(cfg.db_url) or cfg.workers() <= 1:
        yield None
        return

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

