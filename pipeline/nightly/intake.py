"""Step "ingest" of the nightly run: the inbox taken into the claims store (one transaction per
claim folder; unchanged folders are no-ops)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.service import ClaimService
from pipeline.store.db import make_engine

if TYPE_CHECKING:
    from pipeline.nightly.run import NightlyConfig


def ingest_step(cfg: NightlyConfig) -> dict[str, Any]:
    """Take the inbox in; the report's counts plus each refused folder with its message."""
    if not cfg.inbox:
        return {"counts": {}, "refused": [], "tenants_loaded": 0, "tenants_error": None}
    settings = cfg.worker_settings()
    engine = make_engine(cfg.db_url)
    try:
        report = ClaimService(engine, settings.clock(), data_dir=Path(settings.data_dir or "data")).ingest(
            Path(cfg.inbox)
        )
    finally:
        engine.dispose()
    return {
        "counts": report.counts(),
        "refused": [{"folder": i.folder, "claim_id": i.claim_id, "message": i.message} for i in report.refused],
        "tenants_loaded": report.tenants_loaded,
        "tenants_error": report.tenants_error,
    }
