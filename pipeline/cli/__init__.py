"""``poe-review`` console script: a thin CLI over the library (sqlite-utils style)."""

from __future__ import annotations

from pipeline.cli import analysis, claims, nightly, reports, web  # noqa: F401  (register commands)
from pipeline.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
