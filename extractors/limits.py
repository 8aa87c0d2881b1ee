"""Safety limits for untrusted uploads, checked before a parser sees the bytes."""

from __future__ import annotations

import os
import stat
import zipfile
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


def check_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    """Open a ZIP-based file after checking entry count, declared total size and ratio (zip
    bombs). The declared sizes bound what zipfile will inflate, so checking them is enough."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise Unreadable("damaged file: the ZIP container (Office file) cannot be opened") from e
    infos = zf.infolist()
    if len(infos) > limits.max_zip_entries:
        zf.close()
        raise UnsafeFile(f"unsafe file: {len(infos)} parts inside, over the limit of {limits.max_zip_entries}")
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > limits.max_zip_uncompressed:
        zf.close()
        raise UnsafeFile(f"unsafe file: unpacks to {total / MB:.0f} MB, over the "
                         f"{limits.max_zip_uncompressed / MB:.0f} MB limit (zip bomb?)")
    worst = max((i.file_size / max(1, i.compress_size) for i in infos if i.file_size > MB), default=0.0)
    if total / packed > limits.max_zip_ratio or worst > limits.max_zip_ratio * 5:
        zf.close()
        raise UnsafeFile(f"unsafe file: compression ratio {max(total / packed, worst):.0f}:1 is over "
                         f"{limits.max_zip_ratio:.0f}:1 (zip bomb?)")
    return zf
