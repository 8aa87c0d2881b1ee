"""Safety limits for untrusted uploads, checked before a parser sees the bytes.

ZIP packages are checked on their central directory first (entry count, each member's declared
size and ratio, the declared total), then each member is streamed through a counter with a cap,
because a declared size can lie; nothing is inflated whole before both checks pass.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from extractors.errors import BadPath, LimitExceeded, Unreadable, UnsafeFile

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-document limits. ``timeout_seconds=None`` parses in the calling process (fastest, but a
    pathological file could hang it); a number parses in a reusable worker process that is
    killed when the time is up."""

    max_bytes: int = 50 * MB
    max_pages: int = 2000
    max_zip_uncompressed: int = 300 * MB
    max_zip_ratio: float = 200.0
    timeout_seconds: float | None = 120.0
    max_zip_entries: int = 10_000
    max_attachment_depth: int = 3
    ocr: bool = True  # OCR scanned pages / images when Tesseract is installed
    # Pixels one image (or one PDF page rendered for OCR) may decode to: 40 MP is an A3 page at
    # 600 dpi; a 13,000 x 13,000 PNG (169 MP) took 52 s and 3.85 GB before this budget existed.
    max_pixels: int = 40_000_000
    # Decompressed bytes of one PDF stream (a 600-dpi colour A3 page image is 209 MB): pdfium
    # inflates a stream whole, so one stream is what a parse holds at once.
    max_pdf_stream: int = 256 * MB
    # Documents one claim may name (intake refuses a claim naming more, field ``documents``).
    max_documents: int = 200


DEFAULT_LIMITS = Limits()


def check_path(path: Path) -> os.stat_result:
    """A readable regular file, and no symlink pointing out of its own folder."""
    try:
        st = path.lstat()
    except FileNotFoundError as e:
        raise BadPath("no such file") from e
    except OSError as e:
        raise BadPath(f"cannot be opened ({e.strerror or e})") from e
    if stat.S_ISLNK(st.st_mode):
        folder = path.absolute().parent.resolve()
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as e:
            raise BadPath("a symbolic link to a file that does not exist") from e
        if not target.is_relative_to(folder):
            raise UnsafeFile("a symbolic link pointing outside its folder; upload the file itself")
        st = target.stat()
    if stat.S_ISDIR(st.st_mode):
        raise BadPath("a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise BadPath("not a regular file")
    return st


def check_size(size: int, limits: Limits) -> None:
    if size == 0:
        raise Unreadable("empty file: the file has no content (0 bytes); upload it again")
    if size > limits.max_bytes:
        raise LimitExceeded(
            f"too large: {size / MB:.1f} MB is over the {limits.max_bytes / MB:.0f} MB limit for one document")


def check_pages(pages: int, limits: Limits, what: str = "pages") -> None:
    if pages > limits.max_pages:
        raise LimitExceeded(f"too many {what}: {pages} is over the limit of {limits.max_pages}")


MAX_SIDE = 32_767  # pixels on one side: Tesseract refuses wider or taller images


def check_pixels(width: int, height: int, limits: Limits, what: str = "the image") -> None:
    """Refuse an image before it is decoded when its pixels are over the budget, or one side
    is longer than OCR can take."""
    if max(width, height) > MAX_SIDE:
        raise LimitExceeded(f"too large: {what} is {width} x {height} pixels, over the limit of "
                            f"{MAX_SIDE} pixels on one side")
    if width * height > limits.max_pixels:
        raise LimitExceeded(f"too large: {what} is {width} x {height} pixels ({width * height / 1e6:.0f} MP), "
                            f"over the pixel budget of {limits.max_pixels / 1e6:.0f} MP")


def check_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    """Open a ZIP-based file after checking its directory (:func:`zip_problem`) and streaming
    every member through a capped counter (:func:`stream_members`)."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise Unreadable("damaged file: the ZIP container (Office file) cannot be opened") from e
    try:
        problem = zip_problem(zf.infolist(), limits)
        if problem:
            raise UnsafeFile(problem)
        stream_members(zf, limits)
    except BaseException:
        zf.close()
        raise
    return zf


def zip_problem(infos: list[zipfile.ZipInfo], limits: Limits) -> str | None:
    """Why the central directory alone shows a zip bomb (entry count, one member's or the
    total's declared size, ratio), else None. Reads no member."""
    if len(infos) > limits.max_zip_entries:
        return f"unsafe file: {len(infos)} parts inside, over the limit of {limits.max_zip_entries}"
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > limits.max_zip_uncompressed:
        return (f"unsafe file: unpacks to {total / MB:.0f} MB, over the "
                f"{limits.max_zip_uncompressed / MB:.0f} MB limit (zip bomb?)")
    worst = max((i.file_size / max(1, i.compress_size) for i in infos if i.file_size > MB), default=0.0)
    if total / packed > limits.max_zip_ratio or worst > limits.max_zip_ratio * 5:
        return (f"unsafe file: compression ratio {max(total / packed, worst):.0f}:1 is over "
                f"{limits.max_zip_ratio:.0f}:1 (zip bomb?)")
    return None


_CHUNK = 1 << 16


def stream_members(zf: zipfile.ZipFile, limits: Limits, depth: int = 0) -> None:
    """Inflate every member through a counter, in chunks, never holding one whole: the actual
    bytes (not the declared ones) must stay within the member's declared size, the total limit
    and the ratio. A member that is itself a ZIP (an embedded workbook, a zipped attachment) is
    checked on its own directory too."""
    total = 0
    packed = max(1, sum(i.compress_size for i in zf.infolist()))
    budget = min(limits.max_zip_uncompressed, int(packed * limits.max_zip_ratio) + MB)
    for info in zf.infolist():
        if info.is_dir():
            continue
        head = b""
        try:
            with zf.open(info) as member:
                while chunk := member.read(_CHUNK):
                    if not head:
                        head = chunk[:4]
                    total += len(chunk)
                    if total > budget:
                        raise UnsafeFile(f"unsafe file: unpacks to more than {budget / MB:.0f} MB "
                                         f"(part {info.filename[:80]}; zip bomb?)")
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError,
                NotImplementedError) as e:
            raise Unreadable(f"damaged file: part {info.filename[:80]} cannot be unpacked") from e
        if head == b"PK\x03\x04" and info.file_size <= limits.max_bytes:
            _check_nested(zf, info, limits, depth + 1)


def _check_nested(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, depth: int) -> None:
    if depth > limits.max_attachment_depth:  # a zip quine holds itself forever
        raise UnsafeFile(f"unsafe file: packages nested deeper than {limits.max_attachment_depth} levels")
    try:
        with zipfile.ZipFile(io.BytesIO(zf.read(info))) as inner:
            problem = zip_problem(inner.infolist(), limits)
            if problem is None:
                stream_members(inner, limits, depth)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        return  # a damaged embedded package is the embedding program's problem, not a bomb
    if problem:
        raise UnsafeFile(f"{problem} (inside part {info.filename[:80]})")


def memory_budget_mb() -> int:
    """One worker's address-space budget in MB: ``POE_EXTRACT_WORKER_MEMORY_MB``, else half the
    machine's memory shared by the workers one process runs at once (the CPU count), clamped to
    768..2048 MB. 2 GB is about 5x the peak of the heaviest real document seen (a 300-dpi scan)."""
    env = os.environ.get("POE_EXTRACT_WORKER_MEMORY_MB", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        total = 4096 * MB
    workers = max(1, int(os.environ.get("POE_EXTRACT_WORKERS", "0") or 0) or (os.cpu_count() or 2))
    return int(min(2048, max(768, total / 2 / workers / MB)))


def memory_message() -> str:
    return f"too large to read: it exceeds the memory budget of {memory_budget_mb()} MB for one document"


_STREAM = re.compile(rb"stream\r?\n")
_ZLIB_HEADS = (b"\x78\x01", b"\x78\x5e", b"\x78\x9c", b"\x78\xda")


def check_pdf_streams(path: Path, limits: Limits) -> None:
    """Refuse a PDF one of whose Flate streams inflates to more than ``max_pdf_stream`` bytes,
    counted by inflating it in 1 MB steps and discarding the output (a 1 MB file can carry a
    1 GB stream). Streams that are not zlib data (images in JPEG, encrypted files) are skipped."""
    data = path.read_bytes()
    for match in _STREAM.finditer(data):
        start = match.end()
        if data[start:start + 2] not in _ZLIB_HEADS:
            continue
        size = _inflated_size(data, start, limits.max_pdf_stream)
        if size > limits.max_pdf_stream:
            raise UnsafeFile(f"unsafe file: a PDF stream unpacks to more than {limits.max_pdf_stream / MB:.0f} MB "
                             f"(the limit for one stream)")


def _inflated_size(data: bytes, start: int, cap: int) -> int:
    inflater = zlib.decompressobj()
    size, pos = 0, start
    try:
        while pos < len(data) and not inflater.eof and size <= cap:
            chunk = inflater.unconsumed_tail or data[pos:pos + _CHUNK]
            if not inflater.unconsumed_tail:
                pos += _CHUNK
            size += len(inflater.decompress(chunk, MB))
    except zlib.error:
        pass  # damaged data ends the count; pdfium will report the damage itself
    return size
