"""The OCR engine behind scanned pages and photos, chosen once per process.

``extractors.scan`` reads a page through :func:`engine` and does not care which engine it got:
each returns words with pixel boxes, a confidence (0-100) and the line they stand on.

- ``tesseract``: the ``tesseract`` program, when installed (a system package). Preferred: on the
  scan cases and the generator's scans it reads as well as RapidOCR at a third of its CPU
  (``benchmarks/ocr.py``; figures in the README).
- ``rapidocr``: the pip package ``rapidocr`` on onnxruntime, whose wheel holds its models, so a
  machine set up with the README's commands alone reads scans; no download at run time.

``POE_OCR_ENGINE`` = ``tesseract`` | ``rapidocr`` (or ``rapid``) picks one (``auto``, the default, takes
Tesseract when installed, else RapidOCR). Without either, callers report ``needs_ocr``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

NEEDS_OCR = ("needs OCR: no text layer (a scan or photo) and no OCR engine here (neither the Tesseract "
             "program nor the rapidocr package is installed)")
OCR_DPI = 300
ENGINE_ENV = "POE_OCR_ENGINE"
ALIASES = {"rapid": "rapidocr"}


@dataclass
class Word:
    text: str
    conf: float  # 0-100
    box: tuple[float, float, float, float]  # pixels: x0, y0, x1, y1
    line: tuple[int, int, int]  # (block, paragraph, line): words of one line share it


class OcrEngine(Protocol):
    name: str

    def page(self, image: Any, dpi: float, timeout: float) -> list[Word]:
        """Every word of a page image (PIL, greyscale), in lines. ``dpi``: 0 when not known."""

    def line(self, image: Any, dpi: float, timeout: float) -> list[Word]:
        """The words of a small crop read as one line of text (boxes in the crop's pixels)."""


def engine() -> OcrEngine | None:
    """The engine ``POE_OCR_ENGINE`` names, or the best one installed; None when there is none."""
    choice = os.environ.get(ENGINE_ENV, "auto").strip().lower() or "auto"
    return _engine(ALIASES.get(choice, choice))


def ocr_available() -> bool:
    return engine() is not None


@lru_cache(maxsize=4)
def _engine(choice: str) -> OcrEngine | None:
    # lazy: import cycle (ocr_rapid and ocr_tesseract import Word from this module)
    from extractors import ocr_rapid, ocr_tesseract

    if choice not in ("auto", "tesseract", "rapidocr"):
        raise ValueError(f"{ENGINE_ENV}={choice!r}: expected tesseract, rapidocr or auto; rapid = rapidocr")
    if choice in ("auto", "tesseract") and ocr_tesseract.available():
        return ocr_tesseract.TesseractEngine()
    if choice in ("auto", "rapidocr") and ocr_rapid.available():
        return ocr_rapid.RapidOcrEngine()
    return None
