"""RapidOCR (PP-OCR models on onnxruntime), the pip-installed engine: its wheel holds the models,
so it reads scans where the Tesseract program is not installed, with nothing downloaded.

It finds text lines, not words; asked for word boxes it splits each line at its spaces. The
words are given here in Tesseract's shape: a confidence of 0-100, and one line key for the
words that stand side by side at one height, across columns (RapidOCR boxes each column's piece
of a line apart), so ``extractors.scan`` can still write a wide gap as a tab.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from functools import lru_cache
from typing import Any

import numpy as np

from extractors.ocr import Word

# The page is shrunk to this many pixels on its longer side before text is found and read:
# 300-dpi text is far taller than the models need (measured: 1500 reads the scan cases as
# 2000 does, for about two thirds of the CPU).
MAX_SIDE = 1500
MIN_SCORE = 0.5


@lru_cache(maxsize=1)
def available() -> bool:
    return importlib.util.find_spec("rapidocr") is not None and importlib.util.find_spec("onnxruntime") is not None


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _reader() -> Any:
    # lazy: optional dependency (available() checks it) and heavy; loaded on first OCR page
    from rapidocr import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return RapidOCR(params={
        "Global.log_level": "error",
        "Global.use_cls": False,  # pages are upright (a turned scan is turned back by its PDF page)
        "Global.max_side_len": MAX_SIDE,
        "Global.text_score": MIN_SCORE,
        # one thread: the extraction workers already use every core
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })


class RapidOcrEngine:
    name = "rapidocr"

    def page(self, image: Any, dpi: float, timeout: float) -> list[Word]:
        out = self._run(image, det=True)
        if out.txts is None:
            return []
        lines: list[list[tuple[str, float, tuple[float, float, float, float]]]] = []
        for words in out.word_results:
            pieces = [(str(text), float(score), _bounds(box)) for text, score, box in words if box is not None]
            if pieces:
                lines.append(pieces)
        return _as_words(lines)

    def line(self, image: Any, dpi: float, timeout: float) -> list[Word]:
        out = self._run(image, det=False)
        if not out.txts:
            return []
        text, score = str(out.txts[0]), float(out.scores[0])
        return _split_line(text, score * 100.0, (0.0, 0.0, float(image.width), float(image.height)))

    def _run(self, image: Any, det: bool) -> Any:
        pixels = np.asarray(image.convert("RGB"))
        with _LOCK:  # one onnxruntime session per process, not re-entrant across threads
            return _reader()(pixels, use_det=det, use_cls=False, use_rec=True, return_word_box=det)


def _bounds(box: Any) -> tuple[float, float, float, float]:
    xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
    return (min(xs), min(ys), max(xs), max(ys))


def _as_words(lines: list[list[tuple[str, float, tuple[float, float, float, float]]]]) -> list[Word]:
    """RapidOCR's line pieces joined into page lines: pieces whose middles lie within half a
    line height of each other are one line (two columns at one height), numbered top down."""
    pieces = sorted(lines, key=lambda p: (min(b[1] for _, _, b in p) + max(b[3] for _, _, b in p)) / 2)
    rows: list[tuple[float, float, list[tuple[str, float, tuple[float, float, float, float]]]]] = []
    for piece in pieces:
        top, bottom = min(b[1] for _, _, b in piece), max(b[3] for _, _, b in piece)
        middle, height = (top + bottom) / 2, bottom - top
        if rows and abs(middle - rows[-1][0]) <= 0.5 * min(height, rows[-1][1]):
            rows[-1][2].extend(piece)
        else:
            rows.append((middle, height, list(piece)))
    out = []
    for n, (_, _, words) in enumerate(rows):
        for text, score, box in sorted(words, key=lambda w: w[2][0]):
            for part in _split_line(text, score * 100.0, box):
                out.append(Word(part.text, part.conf, part.box, (1, 1, n + 1)))
    return out


def _split_line(text: str, conf: float, box: tuple[float, float, float, float]) -> list[Word]:
    """A run of text in one box as words, each given its share of the box by its characters."""
    parts = text.split()
    if not parts:
        return []
    total = sum(len(p) for p in parts) + len(parts) - 1
    x0, y0, x1, y1 = box
    step = (x1 - x0) / max(1, total)
    out, at = [], 0
    for p in parts:
        out.append(Word(p, conf, (round(x0 + at * step, 1), y0, round(x0 + (at + len(p)) * step, 1), y1), (1, 1, 1)))
        at += len(p) + 1
    return out
