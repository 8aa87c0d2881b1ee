"""Progress of the analyse step in a terminal: a rich bar of claims analysed (the plain runner
and the Prefect flow both drive it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class ClaimProgress:
    """A rich progress bar of claims analysed, for long runs in a terminal; use as a context
    manager and call it with (done, total) like a :data:`Progress` callback."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> ClaimProgress:
        if self.enabled:
            # lazy: rich costs 22-62 ms at import (python -X importtime); only this output path needs it
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("analysing claims"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                transient=False,
            )
            self._bar.start()
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            return
        if self._task is None:
            self._task = self._bar.add_task("claims", total=total)
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


@contextmanager
def progress_bar(total: int, enabled: bool = True) -> Iterator[Callable[[int], None]]:
    """``advance(n)`` for a known total (the flow's batch loop)."""
    done = 0
    with ClaimProgress(enabled and total > 0) as bar:
        bar(0, total)

        def advance(n: int) -> None:
            nonlocal done
            done += n
            bar(done, total)

        yield advance
