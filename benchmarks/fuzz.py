"""Fuzz campaign over format sniffing and every extractor, through the limited worker.

Seeds are real files (``/work/shared/corpus``, the built samples in ``tests/cases``, a few CUAD
contracts, and the extractor test samples); each input is a seed mutated by byte flips, cuts,
insertions, splices of two seeds, corrupted ZIP members (damaged, truncated, lying sizes,
bombs), huge declared dimensions (image sizes, PDF MediaBox, page count), or a format that lies (one format's magic on another's body). Every input goes through
``extractors.sniff`` in this process (as intake does) and ``extractors.extract`` in a worker;
PDFs and images also through the web viewer's page render job.

Reported: crashes (an exception escaping ``sniff``/``extract``, a result that is not an
envelope, an extractor bug, a native crash of the worker), hangs (time-outs), and the peak
resident memory of a worker per document against its budget. The target is zero of each.

    PYTHONPATH=. python -m benchmarks.fuzz --count 10000 --jobs 2 > /work/notes/fuzz.log
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractors import Limits, extract, sniff
from extractors.limits import memory_budget_mb

STATUSES = {"ok", "unreadable", "needs_ocr", "unsupported"}
SEED_SUFFIXES = {".pdf", ".docx", ".xlsx", ".xlsm", ".pptx", ".eml", ".msg", ".csv", ".txt", ".html", ".rtf",
                 ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".md"}
MAX_SEED_BYTES = 3 * 1024 * 1024
SNIFF_SECONDS = 2.0  # sniffing runs in intake, outside any worker: it must stay quick
MAGICS = [b"%PDF-1.7\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"{\\rtf1 ",
          b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"From: a@b.example\nTo: c@d.example\n\n", b"<html><body>", b"II*\x00"]


def default_seeds(root: Path, cuad: int = 4) -> list[Path]:
    """Real and built files: the shared corpus, tests/cases, and the ``cuad`` smallest CUAD PDFs."""
    found: list[Path] = []
    for folder in (Path("/work/shared/corpus"), root / "tests" / "cases"):
        if folder.is_dir():
            found += [p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix.lower() in SEED_SUFFIXES]
    cuad_dir = Path("/work/realdata/cuad_part1/full_contract_pdf")
    if cuad_dir.is_dir() and cuad:
        found += sorted(cuad_dir.rglob("*.pdf"), key=lambda p: p.stat().st_size)[:cuad]
    return [p for p in found if 0 < p.stat().st_size <= MAX_SEED_BYTES]


# --- mutations ---------------------------------------------------------------------------------


def flip(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _i in range(rng.randint(1, 24)):
        buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def cut(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    return data[: rng.randint(1, max(1, len(data) - 1))]


def insert(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 512)))
    return data[:at] + junk + data[at:]


def splice(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    other = rng.choice(others)
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


def lie(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    """Another format's magic bytes on this body (a format-lying file)."""
    magic = rng.choice(MAGICS)
    return magic + data[len(magic):] if rng.random() < 0.5 else magic + data


def zip_member(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """Damage one member of a ZIP package, or make one lie about its size, or add a bomb."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        infos = src.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return flip(rng, data, others)
    if not infos:
        return data
    victim = rng.choice(infos).filename
    how = rng.choice(["flip", "cut", "xml", "bomb", "lie", "drop"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in infos:
            try:
                body = src.read(info)
            except Exception:  # noqa: BLE001 - a damaged seed member is copied as empty
                body = b""
            if info.filename == victim:
                if how == "drop":
                    continue
                body = _damage_member(rng, how, body)
            dst.writestr(info.filename, body)
    result = out.getvalue()
    if how == "lie":  # the central directory's declared size of the first member set to 1
        at = result.rfind(b"PK\x01\x02")
        first = result.find(b"PK\x01\x02")
        if first != -1 and at != -1:
            result = result[: first + 24] + (1).to_bytes(4, "little") + result[first + 28:]
    return result


def _damage_member(rng: random.Random, how: str, body: bytes) -> bytes:
    if how == "flip" and body:
        return flip(rng, body, [])
    if how == "cut" and body:
        return body[: rng.randrange(len(body))]
    if how == "xml":
        return rng.choice([b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>",
                           b"<unclosed", b"\xff\xfe<\x00x\x00", b"<a>" * 5000])
    if how == "bomb":
        return body[:64] + bytes(rng.choice([2, 8, 40]) * 1024 * 1024)
    return body


def grow(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """Claim huge dimensions: a PNG's or JPEG's width/height, a PDF page's MediaBox or page count
    (what the pixel budget, the page limit and the render cap are for)."""
    import re
    import struct
    import zlib

    big = rng.choice([14_400, 20_000, 65_535, 100_000, 10**9])
    if data.startswith(b"\x89PNG") and data[12:16] == b"IHDR":
        side = min(big, 2**31 - 1)
        ihdr = struct.pack(">II", side, rng.choice([side, 1, 4000])) + data[24:29]
        return data[:16] + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)) + data[33:]
    if data.startswith(b"\xff\xd8"):
        at = data.find(b"\xff\xc0")
        if at != -1:
            side = min(big, 65_535)
            return data[: at + 5] + struct.pack(">HH", side, side) + data[at + 9:]
    if b"%PDF-" in data[:1024]:
        box = f"/MediaBox [0 0 {big} {big}]".encode()
        grown = re.sub(rb"/MediaBox\s*\[[^\]]*\]", box, data, count=rng.choice([1, 0]))
        if rng.random() < 0.3:
            grown = re.sub(rb"/Count\s+\d+", f"/Count {big}".encode(), grown, count=1)
        return grown
    return flip(rng, data, others)


MUTATORS: dict[str, Callable[[random.Random, bytes, list[bytes]], bytes]] = {
    "flip": flip, "cut": cut, "insert": insert, "splice": splice, "lie": lie, "zip": zip_member,
    "grow": grow}


# --- the campaign ------------------------------------------------------------------------------


@dataclass
class Report:
    inputs: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    native_crashes: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    peak_mb: float = 0.0
    budget_mb: int = 0
    over_budget: list[str] = field(default_factory=list)
    sniff_max_s: float = 0.0
    seconds: float = 0.0

    def figures(self) -> dict[str, object]:
        return {"inputs": self.inputs, "crashes": len(self.crashes), "hangs": len(self.hangs),
                "native_crashes": len(self.native_crashes), "statuses": dict(self.statuses),
                "peak_worker_mb": round(self.peak_mb, 1), "worker_budget_mb": self.budget_mb,
                "over_budget": len(self.over_budget), "sniff_max_s": round(self.sniff_max_s, 3),
                "seconds": round(self.seconds, 1), "examples": (self.crashes + self.hangs + self.native_crashes)[:10]}


def _one(path: Path, label: str, limits: Limits, report: Report, lock: threading.Lock) -> None:
    from extractors import worker

    started = time.monotonic()
    problem = hang = native = None
    try:
        fmt = sniff(path)
        if not isinstance(fmt, str):
            problem = f"{label}: sniff returned {type(fmt).__name__}"
    except Exception as exc:  # noqa: BLE001 - the very thing being looked for
        problem, fmt = f"{label}: sniff raised {type(exc).__name__}: {exc}", "?"
    sniffed = time.monotonic() - started
    try:
        doc = extract(path, display_path=label, limits=limits)
        peak = worker.last_peak_mb()
        json.dumps(doc.to_dict())
        error = doc.error or ""
        if doc.status not in STATUSES:
            problem = f"{label}: status {doc.status!r}"
        elif "internal extractor error" in error:
            problem = f"{label} ({fmt}): {error}"
        elif error.startswith("took too long"):
            hang = f"{label} ({fmt}): {error}"
        elif "crashed" in error:
            native = f"{label} ({fmt}): {error}"
    except Exception as exc:  # noqa: BLE001
        problem, peak = f"{label}: extract raised {type(exc).__name__}: {exc}", 0.0
        doc = None
    if fmt in RENDERED and problem is None:
        problem = _render(path, label, fmt)
    with lock:
        report.inputs += 1
        report.sniff_max_s = max(report.sniff_max_s, sniffed)
        if sniffed > SNIFF_SECONDS:
            report.hangs.append(f"{label}: sniff took {sniffed:.1f} s")
        report.peak_mb = max(report.peak_mb, peak)
        if peak > report.budget_mb:
            report.over_budget.append(f"{label}: {peak:.0f} MB")
        if doc is not None:
            report.statuses[doc.status] += 1
        for kind, text in ((report.crashes, problem), (report.hangs, hang), (report.native_crashes, native)):
            if text:
                kind.append(text)


RENDERED = {"pdf": "pdf", "png": "image", "jpeg": "image", "tiff": "image"}


def _render(path: Path, label: str, fmt: str) -> str | None:
    """Page 1 through the web viewer's render job: a PNG or a JobFailed, nothing else."""
    from extractors.errors import JobFailed
    from extractors.worker import run_job

    try:
        png = run_job("render", (str(path), 1, RENDERED[fmt], 1.5, 8_000_000, 2200), 20.0)
    except JobFailed as exc:
        if exc.message.startswith("took too long"):
            return f"{label}: render hung: {exc.message}"
        return f"{label}: render crashed the worker" if "crashed" in exc.message else None
    except Exception as exc:  # noqa: BLE001
        return f"{label}: render raised {type(exc).__name__}: {exc}"
    return None if isinstance(png, bytes) and png.startswith(b"\x89PNG") else f"{label}: render gave no PNG"


def inputs(seeds: list[Path], count: int, seed: int) -> Iterable[tuple[str, bytes]]:
    """``count`` mutated inputs, the same for the same seeds and ``seed``."""
    rng = random.Random(seed)
    datas = [p.read_bytes() for p in seeds]
    names = list(MUTATORS)
    for i in range(count):
        k = rng.randrange(len(datas))
        data = datas[k]
        how = rng.choice(names)
        if how == "zip" and not data.startswith(b"PK"):
            how = "flip"
        mutated = MUTATORS[how](rng, data, datas) or b"\x00"
        yield f"{i:05d}-{how}-{seeds[k].name}", mutated


def campaign(seeds: list[Path], count: int, seed: int = 1, jobs: int = 1, timeout: float = 30.0,
             ocr_share: float = 0.02, progress: bool = False) -> Report:
    report = Report(budget_mb=memory_budget_mb())
    lock = threading.Lock()
    plain, with_ocr = Limits(timeout_seconds=timeout, ocr=False), Limits(timeout_seconds=timeout)
    feed = iter(enumerate(inputs(seeds, count, seed)))
    feed_lock = threading.Lock()
    started = time.monotonic()

    def run(folder: Path) -> None:
        while True:
            with feed_lock:
                item = next(feed, None)
            if item is None:
                return
            index, (label, data) = item
            path = folder / label.split("-", 2)[-1]  # the seed's name: sniffing must ignore it
            path.write_bytes(data)
            limits = with_ocr if (index * 7919) % 1000 < ocr_share * 1000 else plain
            _one(path, label, limits, report, lock)
            path.unlink(missing_ok=True)
            if progress and report.inputs % 250 == 0:
                print(json.dumps({"progress": report.inputs, **report.figures(), "examples": None}), flush=True)

    with tempfile.TemporaryDirectory(prefix="poe-fuzz-") as tmp:
        threads = []
        for j in range(max(1, jobs)):
            folder = Path(tmp) / str(j)
            folder.mkdir()
            threads.append(threading.Thread(target=run, args=(folder,)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    report.seconds = time.monotonic() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--cuad", type=int, default=4, help="smallest CUAD PDFs among the seeds")
    parser.add_argument("--ocr-share", type=float, default=0.02, help="share of inputs read with OCR on")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    seeds = default_seeds(root, args.cuad)
    print(json.dumps({"seeds": len(seeds), "count": args.count, "seed": args.seed, "jobs": args.jobs,
                      "timeout_s": args.timeout, "ocr_share": args.ocr_share, "worker_budget_mb": memory_budget_mb(),
                      "note": "shared 2-core machine; times are indicative"}), flush=True)
    report = campaign(seeds, args.count, args.seed, args.jobs, args.timeout, args.ocr_share, progress=True)
    figures = report.figures()
    figures["all_crashes"] = report.crashes
    figures["all_hangs"] = report.hangs
    figures["all_native_crashes"] = report.native_crashes
    figures["all_over_budget"] = report.over_budget
    print(json.dumps({"final": figures}, indent=1), flush=True)
    return 1 if report.crashes or report.hangs or report.native_crashes or report.over_budget else 0


if __name__ == "__main__":
    sys.exit(main())
