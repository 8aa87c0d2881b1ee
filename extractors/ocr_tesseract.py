"""Tesseract, run as a program: one call per page returning TSV (words, boxes, confidences).

Run directly rather than through pytesseract, for settings that cut its CPU per page by about
four (measured in ``benchmarks/ocr.py``), with the same words read:

- ``OMP_THREAD_LIMIT=1``: Tesseract's OpenMP threads spin on a busy machine (the extraction
  workers already use every core); one thread costs a quarter of the CPU for the same result.
  An operator's own ``OMP_THREAD_LIMIT`` wins.
- the image is written as an uncompressed PGM (no PNG compression and decompression) with
  its resolution, when known, passed as ``--dpi`` (a PGM carries none);
- ``tessedit_do_invert=0``: no second reading of each doubtful line as white-on-black text,
  which paper documents do not have.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractors.errors import Unreadable
from extractors.ocr import Word

SETTINGS = ("-l", "eng", "-c", "tessedit_do_invert=0")
# A page is read at no more than this resolution: pages are rendered at 300 dpi for their rules
# and marks, but the text reads as well at 250 dpi for a fifth less CPU (measured: at 200 dpi
# Tesseract lost a whole heading line of a generated SOW; at 250 no document read worse).
READ_DPI = 250.0


@lru_cache(maxsize=1)
def available() -> bool:
    return shutil.which("tesseract") is not None


class TesseractEngine:
    name = "tesseract"

    def page(self, image: Any, dpi: float, timeout: float) -> list[Word]:
        if dpi <= READ_DPI:
            return parse_tsv(self._run(image, dpi, "3", timeout))
        # lazy: Pillow costs ~21 ms at import (python -X importtime); only image pages need it
        from PIL import Image

        f = READ_DPI / dpi
        small = image.resize((max(1, round(image.width * f)), max(1, round(image.height * f))), Image.Resampling.BOX)
        words = parse_tsv(self._run(small, READ_DPI, "3", timeout))
        for w in words:  # back to the page's pixels
            w.box = (round(w.box[0] / f, 1), round(w.box[1] / f, 1), round(w.box[2] / f, 1), round(w.box[3] / f, 1))
        return words

    def line(self, image: Any, dpi: float, timeout: float) -> list[Word]:
        return parse_tsv(self._run(image, dpi, "7", timeout))

    def _run(self, image: Any, dpi: float, psm: str, timeout: float) -> str:
        env = dict(os.environ)
        env.setdefault("OMP_THREAD_LIMIT", "1")
        with tempfile.TemporaryDirectory(prefix="poe-ocr-") as tmp:
            src = Path(tmp) / "page.pgm"
            image.convert("L").save(src, format="PPM")
            try:
                done = subprocess.run(["tesseract", str(src), "stdout", *(["--dpi", str(round(dpi))] if dpi else []),
                                       "--psm", psm, *SETTINGS, "tsv"],
                                      capture_output=True, env=env, timeout=timeout, check=False)
            except subprocess.TimeoutExpired as e:
                raise Unreadable(f"OCR of a scanned page took longer than {timeout:.0f} s") from e
        if done.returncode != 0:
            raise RuntimeError(f"tesseract failed ({done.returncode}): {done.stderr.decode(errors='replace')[-300:]}")
        return done.stdout.decode("utf-8", errors="replace")


def parse_tsv(tsv: str) -> list[Word]:
    """Words of Tesseract's TSV (level 5 rows) with a confidence, in reading order."""
    out = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text, conf = cols[11].strip(), float(cols[10])
        if not text or conf < 0:
            continue
        x, y, w, h = (int(c) for c in cols[6:10])
        out.append(Word(text, conf, (float(x), float(y), float(x + w), float(y + h)),
                        (int(cols[2]), int(cols[3]), int(cols[4]))))
    return out
