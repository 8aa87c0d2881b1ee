"""Reusable worker processes that run untrusted-file work (extraction, page rendering) under a
time limit and a memory budget.

A worker is a plain ``python -m extractors.worker`` child talking length-prefixed pickles over
its stdin/stdout (no multiprocessing re-import of the caller's ``__main__``). It stays up between
jobs, so the cost per job is one round trip; it is killed when a job runs past its time limit,
replaced when a native parser crashes it or a job ran out of memory, and recycled after
``MAX_JOBS`` jobs so memory stays flat over a long batch.

Memory: each worker caps its own address space (``RLIMIT_AS``) at :func:`memory_budget_mb`, and
one process never runs more than :func:`max_workers` workers at once, so the budgets add up to
about half the machine's memory (see the README, "Document extraction", Safety).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import resource
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractors import render
from extractors.document import ExtractedDocument
from extractors.errors import JobFailed
from extractors.limits import Limits, memory_budget_mb, memory_message
from extractors.version import EXTRACTOR_VERSION

MAX_JOBS = 200
MAX_IDLE = 4
_HEADER = struct.Struct("!I")
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)
RECYCLE_SHARE = 0.5  # a worker whose peak passed half its budget is replaced after the job


class WorkerDied(Exception):
    pass


def max_workers() -> int:
    """Workers one process may run at once (``POE_EXTRACT_WORKERS``, else the CPU count)."""
    try:
        return max(1, int(os.environ.get("POE_EXTRACT_WORKERS", "0")) or (os.cpu_count() or 2))
    except ValueError:
        return os.cpu_count() or 2


_slots = threading.BoundedSemaphore(max_workers())
_stats = threading.local()  # per calling thread: the worker's peak memory over its last job


def last_peak_mb() -> float:
    """Peak resident memory (MB) of the worker over this thread's last job (for benchmarks)."""
    return float(getattr(_stats, "peak_mb", 0.0))


class _Worker:
    def __init__(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        env["POE_EXTRACT_WORKER_MEMORY_MB"] = str(memory_budget_mb())
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "extractors.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, close_fds=True)
        self.jobs = 0
        self.worn = False  # ran out of memory or came near its budget: replace it

    def call(self, job: tuple, timeout: float) -> Any:
        assert self.proc.stdin and self.proc.stdout
        data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.proc.stdin.write(_HEADER.pack(len(data)) + data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as e:
            raise WorkerDied from e
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        size = _HEADER.unpack(_read_exactly(fd, _HEADER.size, deadline))[0]
        self.jobs += 1
        result, peak_mb, worn = pickle.loads(_read_exactly(fd, size, deadline))  # noqa: S301 - our own child
        _stats.peak_mb, self.worn = peak_mb, worn
        return result

    def kill(self) -> float | None:
        """Stop the process; its peak resident memory in MB when it could be measured."""
        if self.proc.poll() is None:
            with contextlib.suppress(OSError):
                self.proc.kill()
        peak = None
        try:
            _, status, usage = os.wait4(self.proc.pid, 0)
            self.proc.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss / 1024
        except ChildProcessError:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=5)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream:
                with contextlib.suppress(OSError):
                    stream.close()
        return peak


def _read_exactly(fd: int, n: int, deadline: float) -> bytes:
    parts: list[bytes] = []
    while n > 0:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            raise TimeoutError
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise WorkerDied
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


_idle: list[_Worker] = []
_lock = threading.Lock()


def _take() -> _Worker:
    with _lock:
        while _idle:
            w = _idle.pop()
            if w.proc.poll() is None:
                return w
            w.kill()
    return _Worker()


def _give_back(w: _Worker) -> None:
    with _lock:
        if w.jobs < MAX_JOBS and len(_idle) < MAX_IDLE and not w.worn:
            _idle.append(w)
            return
    w.kill()


@atexit.register
def shutdown() -> None:
    """Stop the idle workers (also run at interpreter exit)."""
    with _lock:
        workers = list(_idle)
        _idle.clear()
    for w in workers:
        w.kill()


def run_job(kind: str, args: tuple, timeout: float) -> Any:
    """Run job ``kind`` (see ``_JOBS``) in a worker within ``timeout`` seconds; its result, or
    :class:`JobFailed` saying why not. Waits at most ``timeout`` for a free worker slot."""
    if not _slots.acquire(timeout=timeout):
        raise JobFailed(f"busy: no worker was free within {timeout:g} s; try again")
    try:
        w = _take()
        try:
            result = w.call((kind, args), timeout)
        except TimeoutError:
            w.kill()
            raise JobFailed(f"took too long: stopped after {timeout:g} s (time limit)") from None
        except (WorkerDied, EOFError, pickle.UnpicklingError, struct.error):
            peak = w.kill()
            _stats.peak_mb = peak or 0.0
            if peak is not None and peak >= memory_budget_mb() * RECYCLE_SHARE:
                raise JobFailed(memory_message()) from None
            raise JobFailed("damaged file: the parser crashed on it") from None
        except BaseException:
            w.kill()
            raise
        _give_back(w)
    finally:
        _slots.release()
    if isinstance(result, JobFailed):
        raise result
    return result


def run_in_worker(path: Path, shown: str, limits: Limits) -> tuple[ExtractedDocument, str | None]:
    timeout = float(limits.timeout_seconds or 0)
    try:
        doc, bug = run_job("extract", (str(path), shown, limits), timeout)
    except JobFailed as e:
        message = e.message.replace("stopped after", "reading stopped after")
        return _failure(shown, message), None
    return doc, bug


def _failure(shown: str, message: str) -> ExtractedDocument:
    return ExtractedDocument(path=shown, status="unreadable", error=message, extractor_version=EXTRACTOR_VERSION)


def _cap_memory() -> None:
    """Bound the worker's address space so a decompression bomb that slips past the checks ends
    as a MemoryError on that job (reported as over the memory budget), not as the machine's
    OOM kill."""
    limit = memory_budget_mb() * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass  # not allowed here: the time limit still applies


def _reset_peak() -> None:
    """Start a new peak-RSS window (Linux: writing 5 to clear_refs resets VmHWM)."""
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _jobs() -> dict[str, Callable[..., Any]]:
    # lazy: import cycle (extractors.api and the package import this module for run_in_worker)
    import extractors  # noqa: F401 - registers every format before the first job
    from extractors.api import extract_local

    def extract(path: str, shown: str, limits: Limits) -> tuple[ExtractedDocument, str | None]:
        return extract_local(Path(path), shown, limits)

    return {"extract": extract, "render": render.render_png, "info": render.page_info,
            "boxes": render.text_boxes}


def _run(jobs: dict[str, Callable[..., Any]], kind: str, args: tuple) -> tuple[Any, bool]:
    """One job's result (a JobFailed for a refused render) and whether it ran out of memory."""
    try:
        result = jobs[kind](*args)
    except MemoryError:
        return JobFailed(memory_message()), True
    except JobFailed as e:
        return e, False
    if isinstance(result, tuple) and isinstance(result[0], ExtractedDocument):
        return result, result[0].error == memory_message()
    return result, False


def _serve() -> None:
    """Worker loop: read a job, run it in-process, reply; stdout is kept for the protocol only."""
    _cap_memory()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    inp = sys.stdin.buffer
    jobs = _jobs()
    budget = memory_budget_mb()
    while True:
        header = inp.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        kind, args = pickle.loads(inp.read(_HEADER.unpack(header)[0]))  # noqa: S301
        _reset_peak()
        result, out_of_memory = _run(jobs, kind, args)
        peak = _peak_mb()
        data = pickle.dumps((result, peak, out_of_memory or peak > budget * RECYCLE_SHARE),
                            protocol=pickle.HIGHEST_PROTOCOL)
        out.write(_HEADER.pack(len(data)) + data)
        out.flush()


if __name__ == "__main__":
    _serve()
