"""Page rendering for the web viewer (issue 13, High #2): in a limited worker, page size and dpi
capped, cached on disk, a clear failure instead of a stalled server. Each test was seen failing
on the code before the fix."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from PIL import Image

from delivery.web import documents as docs
from tests.security import hostile


def _size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        return image.size


def test_huge_pdf_page_is_rendered_scaled_down_in_a_worker(tmp_path: Path) -> None:
    """A 606-byte PDF with a 10,000 x 10,000 pt page took 17.8 s and 1.65 GB in the server."""
    pdf = hostile.huge_page_pdf(tmp_path / "poster.pdf", 10_000, scanned=False)
    assert pdf.stat().st_size < 1024
    width, height = _size(docs.render_pdf_page(str(pdf), 1))
    assert width * height <= docs.RENDER_MAX_PIXELS


def test_render_runs_outside_the_web_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium is never called in the web process: breaking it here changes nothing."""
    import pypdfium2

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pdfium opened in the web process")

    pdf = hostile.huge_page_pdf(tmp_path / "page.pdf", 600, scanned=False)
    monkeypatch.setattr(pypdfium2, "PdfDocument", refuse)
    assert docs.pdf_info(str(pdf), 1) == (1, 600.0, 600.0)
    assert docs.render_pdf_page(str(pdf), 1).startswith(b"\x89PNG")


def test_image_over_the_pixel_budget_is_refused_not_decoded_in_the_server(tmp_path: Path) -> None:
    """A 194 KB PNG rendered at 1.1 GB: an image over the pixel budget is now refused unread."""
    png = hostile.big_png(tmp_path / "scan.png", 10_000, 10_000)
    with pytest.raises(docs.PdfError, match="pixel budget"):
        docs.render_image_page(str(png), 1)


def test_rendered_pages_are_cached_on_disk_by_content_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = hostile.huge_page_pdf(tmp_path / "page.pdf", 600, scanned=False)
    sha = "ab" * 32
    first = docs.render_page(str(pdf), 1, "pdf", sha, tmp_path / "cache")
    assert list((tmp_path / "cache").rglob(f"{sha}-p1-*.png"))

    def no_worker(*args: object) -> None:
        raise AssertionError("rendered again")

    monkeypatch.setattr("extractors.worker.run_job", no_worker)
    assert docs.render_page(str(pdf), 1, "pdf", sha, tmp_path / "cache") == first


def test_a_failed_render_is_a_clear_error_and_a_placeholder_picture(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    with pytest.raises(docs.PdfError) as info:
        docs.render_pdf_page(str(broken), 1)
    placeholder = docs.placeholder_png(str(info.value))
    assert _size(placeholder) == (640, 200)


def test_page_views_are_not_serialised_behind_one_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two views at once both reach a worker: a slow render does not hold the other back."""
    import extractors.worker as worker

    started: list[str] = []
    both = threading.Barrier(2, timeout=10)

    def slow_job(kind: str, args: tuple, timeout: float) -> bytes:
        started.append(kind)
        both.wait()  # raises BrokenBarrierError if the second view never starts
        return b"\x89PNG"

    monkeypatch.setattr(worker, "run_job", slow_job)
    pdf = hostile.huge_page_pdf(tmp_path / "page.pdf", 600, scanned=False)
    errors: list[BaseException] = []

    def view() -> None:
        try:
            docs.render_pdf_page(str(pdf), 1)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=view) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(15)
    assert not errors and started == ["render", "render"]


def test_render_cache_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many hostile uploads viewed once each must not fill the disk with cached pages."""
    import os

    cache = tmp_path / "cache"
    for i in range(3):
        old = cache / "00" / f"{i:064d}-p1-s1.5-r1.png"
        old.parent.mkdir(parents=True, exist_ok=True)
        old.write_bytes(b"\x89PNG")
        os.utime(old, (1000 + i, 1000 + i))
    monkeypatch.setattr(docs, "RENDER_CACHE_FILES", 2)
    monkeypatch.setattr(docs, "_writes", 99)
    pdf = hostile.huge_page_pdf(tmp_path / "page.pdf", 600, scanned=False)
    docs.render_page(str(pdf), 1, "pdf", "cd" * 32, cache)
    left = sorted(p.name for p in cache.glob("*/*.png"))
    assert len(left) == 2 and left[0].startswith("0" * 63 + "2") and left[1].startswith("cd")
