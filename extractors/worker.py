"""Reusable worker processes that run :func:`extractors.api.extract_local` under a time limit.

A worker is a plain ``python -m extractors.worker`` child talking length-prefixed pickles over
its stdin/stdout (no multiprocessing re-import of the caller's ``__main__``). It stays up between
documents, so the cost per document is one round trip; it is killed when a document runs past
``Limits.timeout_seconds`` and replaced when a native parser crashes it, and it is recycled after
``MAX_JOBS`` documents so memory stays flat over a long batch.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

from extractors.document import ExtractedDocument
from extractors.limits import Limits
from extractors.version import EXTRACTOR_VERSION

MAX_JOBS = 200
MAX_IDLE = 4
_HEADER = struct.Struct("!I")
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)


class WorkerDied(Exception):
    pass


class _Worker:
    def __init__(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "extractors.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, close_fds=True)
        self.jobs = 0

    def call(self, job: tuple, timeout: float) -> tuple[ExtractedDocument, str | None]:
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
        return pickle.loads(_read_exactly(fd, size, deadline))  # noqa: S301 - our own child's reply

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream:
                with contextlib.suppress(OSError):
                    stream.close()


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
        if w.jobs < MAX_JOBS and len(_idle) < MAX_IDLE:
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


def run_in_worker(path: Path, shown: str, limits: Limits) -> tuple[ExtractedDocument, str | None]:
    timeout = float(limits.timeout_seconds or 0)
    w = _take()
    try:
        result = w.call((str(path), shown, limits), timeout)
    except TimeoutError:
        w.kill()
        return _failure(shown, f"took too long: reading stopped after {timeout:g} s (time limit)"), None
    except (WorkerDied, EOFError, pickle.UnpicklingError, struct.error):
        w.kill()
        return _failure(shown, "damaged file: the parser crashed on it"), None
    except BaseException:
        w.kill()
        raise
    _give_back(w)
    return result


def _failure(shown: str, message: str) -> ExtractedDocument:
    return ExtractedDocument(path=shown, status="unreadable", error=message, extractor_version=EXTRACTOR_VERSION)


def _cap_memory() -> None:
    """Bound the worker's address space so a decompression bomb that slips past the checks ends
    as a MemoryError on that document (reported ``unreadable``), not as the machine's OOM kill."""
    import resource

    limit = int(os.environ.get("POE_EXTRACT_WORKER_MEMORY_MB", "4096")) * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass  # not allowed here: the time limit still applies


def _serve() -> None:
    """Worker loop: read a job, extract in-process, reply; stdout is kept for the protocol only."""
    _cap_memory()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    inp = sys.stdin.buffer
    import extractors  # noqa: F401 - registers every format before the first job
    from extractors.api import extract_local

    while True:
        header = inp.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        path, shown, limits = pickle.loads(inp.read(_HEADER.unpack(header)[0]))  # noqa: S301
        result = extract_local(Path(path), shown, limits)
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(_HEADER.pack(len(data)) + data)
        out.flush()


if __name__ == "__main__":
    _serve()
