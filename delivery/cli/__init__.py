"""``poe-review`` console script: a thin CLI over the library (sqlite-utils style)."""

from __future__ import annotations

import sys

from delivery.cli import analysis, backup, claims, nightly, reports, web  # noqa: F401  (register commands)
from delivery.cli.app import app
from pipeline.errors import PoeReviewError


def main() -> None:
    try:
        app()
    except PoeReviewError as exc:  # a command that did not catch its own: still one line, no traceback
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(1) from None


__all__ = ["app", "main"]
