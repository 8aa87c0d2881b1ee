"""The analysts' entry to the reports (written by ``pipeline.reports`` into the data directory's
``reports/`` folder, or ``POE_REPORTS_DIR``): lists what exists and serves it, nothing more."""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fastapi.responses import FileResponse

from pipeline.errors import ClaimNotFound

SHOWN = (".html", ".csv", ".json", ".png", ".svg", ".parquet", ".md", ".xlsx", ".pdf")


@dataclass
class ReportFile:
    name: str  # relative to the reports folder
    size: int
    modified: datetime


def reports_dir(data_dir: Path) -> Path:
    return Path(os.environ.get("POE_REPORTS_DIR") or (Path(data_dir) / "reports"))


def available(data_dir: Path) -> list[ReportFile]:
    root = reports_dir(data_dir)
    if not root.is_dir():
        return []
    out = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in SHOWN and not any(p.startswith(".") for p in path.parts):
            stat = path.stat()
            out.append(
                ReportFile(path.relative_to(root).as_posix(), stat.st_size, datetime.fromtimestamp(stat.st_mtime, UTC))
            )
    return out


def serve(data_dir: Path, name: str) -> FileResponse:
    root = reports_dir(data_dir).resolve()
    target = (root / name).resolve()
    if root not in target.parents or not target.is_file() or target.suffix.lower() not in SHOWN:
        raise ClaimNotFound(f"report {name}")
    media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return FileResponse(target, media_type=media)
