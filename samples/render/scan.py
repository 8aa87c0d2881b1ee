"""Scanned PDFs and photos of signed pages: the PDF is drawn (with scan-friendly 11 pt+ type),
rasterised with pdfium, turned slightly and speckled, then written back with no text layer, so
the extractor must OCR it as it would a partner's scan.

Deterministic: the noise comes from ``numpy.random.default_rng(layout_seed)`` and JPEG/PNG
encoding of the same pixels gives the same bytes."""

from __future__ import annotations

import io
import random
from typing import Any

import numpy as np

from samples.docmodel import Document
from samples.render.pdf import render_pdf

SCAN_DPI = 200
PHOTO_DPI = 150


def _pages(doc: Document, dpi: int) -> list[Any]:
    """Every page of the drawn PDF as a greyscale PIL image at ``dpi``."""
    # lazy: pypdfium2 costs ~40 ms at import (python -X importtime); only PDF pages need it
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(render_pdf(doc, scan=True))
    try:
        return [pdf[i].render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L") for i in range(len(pdf))]
    finally:
        pdf.close()


def _degrade(image: Any, seed: int, *, photo: bool = False) -> Any:
    """A small turn (under a degree), grey speckles, and for a photo an uneven light."""
    # lazy: Pillow costs ~21 ms at import (python -X importtime); only image pages need it
    from PIL import Image

    rng = random.Random(seed)
    angle = rng.uniform(0.25, 1.0) * rng.choice((-1, 1))
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255 if not photo else 235)
    pixels = np.asarray(turned, dtype=np.float64)
    noise = np.random.default_rng(seed)
    pixels = pixels + noise.normal(0.0, 4.0, pixels.shape)
    dots = noise.random(pixels.shape) < 0.0015  # dust on the scanner glass
    pixels[dots] = noise.uniform(60, 160, int(dots.sum()))
    if photo:
        h, w = pixels.shape
        ys, xs = np.mgrid[0:h, 0:w]
        light = 1.0 - 0.18 * ((xs / w - 0.35) ** 2 + (ys / h - 0.3) ** 2)  # a lamp above-left
        pixels = pixels * light
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def render_scan_pdf(doc: Document) -> bytes:
    """One JPEG per page filling the page (as office scanners write them), no text."""
    # lazy: reportlab costs ~50 ms at import (python -X importtime); only PDF writing needs it
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pages = _pages(doc, SCAN_DPI)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for n, page in enumerate(pages):
        width, height = page.width * 72.0 / SCAN_DPI, page.height * 72.0 / SCAN_DPI
        c.setPageSize((width, height))
        jpeg = io.BytesIO()
        _degrade(page, doc.layout_seed * 1000 + n).save(jpeg, format="JPEG", quality=65)
        jpeg.seek(0)
        c.drawImage(ImageReader(jpeg), 0, 0, width, height)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_png(doc: Document) -> bytes:
    """The first page as a phone photo of the signed page (PNG with its resolution set)."""
    page = _pages(doc, PHOTO_DPI)[0]
    out = io.BytesIO()
    _degrade(page, doc.layout_seed, photo=True).save(out, format="PNG", dpi=(PHOTO_DPI, PHOTO_DPI))
    return out.getvalue()
