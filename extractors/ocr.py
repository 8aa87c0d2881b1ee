"""OCR through Tesseract (pytesseract) when the ``tesseract`` program is installed.

Scanned PDF pages and photos of signed pages come here. Without Tesseract the callers report
``needs_ocr``. Lines come back with their boxes (in the image's pixels; callers scale them)."""

from __future__ import annotations

import shutil
from functools import lru_cache
from typing import Any

NEEDS_OCR = "needs OCR: no text layer (a scan or photo) and OCR (Tesseract) is not installed here"
OCR_DPI = 300


@lru_cache(maxsize=1)
def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_lines(image: Any, timeout: float = 60.0) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, (x0, top, x1, bottom)) per recognised line of a PIL image, in reading order."""
    import pytesseract

    data = pytesseract.image_to_data(image.convert("L"), output_type=pytesseract.Output.DICT, timeout=timeout)
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word and word.strip() and float(data["conf"][i]) >= 0:
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines.setdefault(key, []).append(i)
    out = []
    for key in sorted(lines):
        idx = lines[key]
        text = " ".join(data["text"][i].strip() for i in idx)
        x0 = min(data["left"][i] for i in idx)
        top = min(data["top"][i] for i in idx)
        x1 = max(data["left"][i] + data["width"][i] for i in idx)
        bottom = max(data["top"][i] + data["height"][i] for i in idx)
        out.append((text, (float(x0), float(top), float(x1), float(bottom))))
    return out
