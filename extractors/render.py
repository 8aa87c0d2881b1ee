"""Pages of untrusted files as PNG for the web viewer, run inside an extraction worker
(:func:`extractors.worker.run_job`: time limit, memory budget) and never in the web process.

A PDF page is rendered at ``scale`` (1.5 = 108 dpi) unless that would be more than
``max_pixels``; then it is scaled down to fit (a 10,000 x 10,000 pt page is shown, small,
instead of taking 1.65 GB). An image's frame is refused before decoding when it is over the
extractors' pixel budget, and shrunk to ``max_side`` pixels. Highlight boxes are placed in
percent, so a smaller picture keeps them right.
"""

from __future__ import annotations

import io
import math
import re
from typing import Any

from extractors.errors import JobFailed
from extractors.limits import DEFAULT_LIMITS

RENDERER_VERSION = "1"  # part of the render cache key: bump when the pictures change
MAX_RENDER_PAGES = 2000
MAX_RENDER_SIDE = 10_000  # pixels on the long side of a rendered page


def page_info(path: str, page: int, kind: str) -> tuple[int, float, float]:
    """(page or frame count, width, height in points) of 1-based ``page``; an image's points
    are at its own dpi, the unit the extractors' OCR boxes use."""
    if kind == "image":
        image = _open_image(path)
        with image:
            frames = int(getattr(image, "n_frames", 1))
            if not 1 <= page <= frames:
                raise JobFailed(f"page {page} does not exist (the image has {frames})")
            image.seek(page - 1)
            dpi = float((image.info.get("dpi") or (96, 96))[0] or 96)
            return frames, image.width * 72.0 / dpi, image.height * 72.0 / dpi
    pdf = _open_pdf(path)
    try:
        count = len(pdf)
        if not 1 <= page <= min(count, MAX_RENDER_PAGES):
            raise JobFailed(f"page {page} does not exist (the document has {count})")
        width, height = pdf[page - 1].get_size()
        return count, float(width), float(height)
    finally:
        pdf.close()


def fit_scale(width_pt: float, height_pt: float, scale: float, max_pixels: int) -> float:
    """``scale`` (pixels per point), lowered so the rendered page holds at most ``max_pixels``."""
    area = max(1.0, width_pt * height_pt)
    longest = max(1.0, width_pt, height_pt)
    # pdfium rounds each side up; a sliver page (10^9 x 1 pt) is capped by its long side.
    return min(scale, math.sqrt(max_pixels / area) * 0.995, MAX_RENDER_SIDE / longest)


def render_png(path: str, page: int, kind: str, scale: float, max_pixels: int, max_side: int) -> bytes:
    """PNG bytes of 1-based ``page`` (see the module docstring for the limits)."""
    if kind == "image":
        return _image_png(path, page, max_side)
    pdf = _open_pdf(path)
    try:
        if not 1 <= page <= min(len(pdf), MAX_RENDER_PAGES):
            raise JobFailed(f"page {page} does not exist")
        pg = pdf[page - 1]
        width, height = pg.get_size()
        bitmap = pg.render(scale=fit_scale(float(width), float(height), scale, max_pixels))
        return _png(bitmap.to_pil())
    except JobFailed:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfium reports damage through many types
        raise JobFailed(f"cannot render page {page}: {exc}") from None
    finally:
        pdf.close()


def text_boxes(path: str, page: int, text: str) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, top, x1, bottom; points from the top-left) of the longest line of ``text`` on
    a PDF page, for evidence that carries no box of its own."""
    needle = max((ln.strip() for ln in text.splitlines()), key=len, default="")
    needle = re.sub(r"\s+", " ", needle)[:200]
    if len(needle) < 3:
        return []
    pdf = _open_pdf(path)
    try:
        if not 1 <= page <= len(pdf):
            return []
        pg = pdf[page - 1]
        height = pg.get_size()[1]
        textpage = pg.get_textpage()
        found = textpage.search(needle, match_case=False).get_next()
        if not found:
            return []
        index, count = found
        boxes = []
        for i in range(textpage.count_rects(index, count)):
            left, bottom, right, top = textpage.get_rect(i)
            boxes.append((left, height - top, right, height - bottom))
        return boxes
    except Exception:  # noqa: BLE001 - no boxes is an acceptable answer for a damaged page
        return []
    finally:
        pdf.close()


def _open_pdf(path: str) -> Any:
    # lazy: pypdfium2 costs ~40 ms at import (python -X importtime); only PDF pages need it
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path)
    except Exception as exc:  # noqa: BLE001 - pdfium raises its own error types for corrupt/encrypted files
        raise JobFailed(f"cannot open the PDF: {exc}") from None


def _open_image(path: str) -> Any:
    # lazy: Pillow costs ~21 ms at import (python -X importtime); only image pages need it
    from PIL import Image

    try:
        image = Image.open(path)
    except Exception as exc:  # noqa: BLE001 - decoding errors of every image format
        raise JobFailed(f"cannot open the image: {exc}") from None
    pixels = image.width * image.height
    if pixels > DEFAULT_LIMITS.max_pixels:
        image.close()
        raise JobFailed(f"too large to show: {image.width} x {image.height} pixels is over the pixel budget "
                        f"of {DEFAULT_LIMITS.max_pixels / 1e6:.0f} MP")
    return image


def _image_png(path: str, page: int, max_side: int) -> bytes:
    image = _open_image(path)
    try:
        with image:
            image.seek(page - 1)
            image.draft("RGB", (max_side, max_side))  # JPEG: decode at a reduced size directly
            image.thumbnail((max_side, max_side))  # before converting: RGB of the full frame is 3x
            return _png(image.convert("RGB"))
    except (JobFailed, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001
        raise JobFailed(f"cannot render the image: {exc}") from None


def _png(image: Any) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)
    return buf.getvalue()
