"""Step "notify" of the nightly run: the emails that decisions and clocks call for."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pipeline.errors import PoeReviewError
from pipeline.notify import notify_pending
from pipeline.store.db import make_engine

if TYPE_CHECKING:
    from pipeline.nightly.run import NightlyConfig


def notify_step(cfg: NightlyConfig) -> dict[str, Any]:
    """Queue and deliver the emails that decisions and clocks since the last run call for (D-15
    requests and reminders, D-17/D-19 consent). Messages are keyed by the history row that caused
    them, so a re-run sends nothing twice; a failed send stays queued for the next run and never
    undoes a state change, so it is reported here, not raised."""
    engine = make_engine(cfg.db_url)
    try:
        assert cfg.as_of is not None
        return notify_pending(engine, datetime.fromisoformat(cfg.as_of)).to_json()
    except (PoeReviewError, OSError) as exc:
        return {"error": f"notifications not delivered this run: {exc}"}
    finally:
        engine.dispose()
