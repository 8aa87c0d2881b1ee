"""OCR through Tesseract (pytesseract) when the ``tesseract`` program is installed.

Scanned PDF pages and photos of signed pages are read in ``extractors.scan``; without
Tesseract the callers report ``needs_ocr``."""

from __future__ import annotations

import shutil
from functools import lru_cache

NEEDS_OCR = "needs OCR: no text layer (a scan or photo) and OCR (Tesseract) is not installed here"
OCR_DPI = 300


@lru_cache(maxsize=1)
def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None
