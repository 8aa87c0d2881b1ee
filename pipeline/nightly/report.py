"""Step "report" of the nightly run: the analysts' report and exports, when asked for."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.reports import produce_artifacts
from pipeline.store.db import make_engine

if TYPE_CHECKING:
    from pipeline.nightly.run import NightlyConfig


def report_step(cfg: NightlyConfig) -> dict[str, Any] | None:
    """The analysts' report (and exports) as of the run, when ``report_dir`` asks for them."""
    if not cfg.report_dir:
        return None

    engine = make_engine(cfg.db_url)
    try:
        assert cfg.as_of is not None
        return produce_artifacts(
            engine, Path(cfg.report_dir), as_of=datetime.fromisoformat(cfg.as_of), export_format=cfg.export_format
        )
    finally:
        engine.dispose()
