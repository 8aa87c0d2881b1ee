"""Step "clocks" of the nightly run: the lifecycle clocks as of the run's time (D-15 30 days,
D-17 7 days, D-14 SLA)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pipeline.service import ClaimService
from pipeline.store.db import make_engine

if TYPE_CHECKING:
    from pipeline.nightly.run import NightlyConfig


def tick_step(cfg: NightlyConfig) -> list[dict[str, Any]]:
    engine = make_engine(cfg.db_url)
    try:
        assert cfg.as_of is not None
        return ClaimService(engine).tick(datetime.fromisoformat(cfg.as_of))
    finally:
        engine.dispose()
