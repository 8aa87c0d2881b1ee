"""Scanned pages and photos, read through OCR into the shape a text layer gives.

Tesseract alone reads a scanned signature table badly: it runs the two parties' columns into
one line, drops labels that touch a ruling line and turns a wet signature into stray letters.
So, before it reads the page:

- the ruling lines are found in the image itself and erased; the rules that cross make the
  same grids a PDF's drawn lines make, and each word goes to the cell holding its centre;
- a wide gap between words on one line (another column) is written as a tab;
- ink that is not text (a handwritten signature, whether Tesseract dropped it or read it as
  tall low-confidence letters) is kept as a mark, a picture where it stands, as a pasted
  signature image is in a Word or PDF file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Any

import numpy as np

from extractors.ocr import OcrEngine, Word, engine
from extractors.pdf_layout import BBox, TextBox
from extractors.pdf_tables import Grid, fill, find_grids

INK = 140  # grey level below which a pixel is ink
RULE_INK = 170  # ruling lines are thin and scan lighter than text
RULE_SKEW = 2  # pixels a rule may wander up or down over a window (a page scanned crooked)
RULE_THICK = 8  # pixels: ink runs this far to both sides of a "rule" make a solid area, not a rule
RULE_FILL = 0.9  # share of a window a ruling line must darken (scans break lines a little)
COLUMN_GAP = 2.0  # word gap, in text heights, that separates two columns (a space is ~0.5)
MARK_HEIGHT = 1.7  # a "word" this many text heights tall, read with low confidence, is handwriting
MARK_CONFIDENCE = 60.0


@dataclass
class ScannedPage:
    """A page read by OCR, in points: lines outside tables (reading order), ruled tables with
    their words in cells, and marks (handwriting or drawn ink that is no text)."""

    lines: list[TextBox] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    marks: list[BBox] = field(default_factory=list)
    labels: list[TextBox] = field(default_factory=list)  # each column of each line, with its own box


def read_scan(image: Any, pixels_per_point: float, timeout: float, reader: OcrEngine | None = None, *,
              known_dpi: bool = True) -> ScannedPage:
    """OCR one page image (a PIL image) whose pixels are ``pixels_per_point`` to a point, with
    ``reader`` (by default the engine :func:`extractors.ocr.engine` picks). ``known_dpi``: false
    for a photo that says nothing of its resolution; the engine then judges it from the text."""
    # lazy: Pillow costs ~21 ms at import (python -X importtime); only image pages need it
    from PIL import Image

    ocr = reader or engine()
    if ocr is None:
        raise RuntimeError("read_scan called with no OCR engine installed (callers check ocr_available)")
    dpi = pixels_per_point * 72.0 if known_dpi else 0.0

    gray = np.asarray(image.convert("L"))
    ink = gray < INK
    h_mask, v_mask = rule_masks(gray < RULE_INK)
    scale = 1.0 / pixels_per_point
    hs = [(y * scale, x0 * scale, x1 * scale) for y, x0, x1 in _rules(h_mask)]
    vs = [(x * scale, y0 * scale, y1 * scale) for x, y0, y1 in _rules(v_mask.T)]
    grids = find_grids(hs, vs)
    rules = _grow(h_mask | v_mask, 2)
    if rules.any():
        gray = gray.copy()
        gray[rules] = 255
        ink = ink & ~rules
    page_image = Image.fromarray(gray)
    words = ocr.page(page_image, dpi, timeout)
    text_words, mark_boxes = split_marks(words)
    height = _text_height(words)
    for blob in stray_ink(ink, [w.box for w in text_words], height):
        # A label Tesseract dropped with the scribble beside it ('By:' + signature): pieces of
        # the blob apart from the rest and of text height are read as words.
        for box in pieces(ink, blob):
            if box[3] - box[1] <= 1.3 * height:
                text_words += words_in(ocr, page_image, dpi, box, height, timeout)
            else:
                mark_boxes.append(box)
    text_words = [_reread(ocr, page_image, dpi, w, mark_boxes, height, timeout) for w in text_words]
    text_words, mark_boxes = _absorb_doubtful(text_words, mark_boxes, height)
    page = ScannedPage()
    segments = [TextBox(w.text, _scaled(w.box, scale)) for w in text_words]
    page.grids = grids
    outside = {id(s) for s in fill(grids, segments)}
    by_line: dict[tuple[int, int, int], list[tuple[Word, TextBox]]] = {}
    for w, s in zip(text_words, segments, strict=True):
        if id(s) in outside:
            by_line.setdefault(w.line, []).append((w, s))
    for key in sorted(by_line):
        line, columns = _line(by_line[key])
        page.lines.append(line)
        page.labels += columns
    page.marks = [_scaled(b, scale) for b in _merge_boxes(mark_boxes)]
    return page


def pieces(ink: np.ndarray, box: BBox) -> list[BBox]:
    """``box`` cut where a few columns hold no ink, each piece cropped to its ink."""
    x0, y0, x1, y1 = (int(v) for v in box)
    cols = [bool(c) for c in np.atleast_1d(np.any(ink[y0:y1, x0:x1], axis=0))]
    out: list[BBox] = []
    start: int | None = None
    blank = 0
    for i, filled in enumerate(cols + [False] * 12):
        if filled:
            if start is None:
                start = i
            blank = 0
        elif start is not None:
            blank += 1
            if blank >= 12:
                rows = np.flatnonzero(ink[y0:y1, x0 + start: x0 + i - blank + 1].any(axis=1))
                if rows.size:
                    out.append((float(x0 + start), float(y0 + rows[0]), float(x0 + i - blank + 1), float(y0 + rows[-1] + 1)))
                start = None
    return out


def _reread(ocr: OcrEngine, image: Any, dpi: float, word: Word, marks: list[BBox], height: float,
            timeout: float) -> Word:
    """A doubtful word just left of a mark on its line (the 'By:' a scribble ran into), read
    again on its own; the new reading is kept when it is confident."""
    if word.conf >= MARK_CONFIDENCE or not any(
            0 <= m[0] - word.box[2] <= 3 * height and min(m[3], word.box[3]) > max(m[1], word.box[1]) for m in marks):
        return word
    again = words_in(ocr, image, dpi, word.box, height, timeout, pad_by=0.3)
    if len(again) == 1:
        return Word(again[0].text, again[0].conf, word.box, word.line)
    return word


def words_in(ocr: OcrEngine, image: Any, dpi: float, box: BBox, height: float, timeout: float,
             pad_by: float = 0.5) -> list[Word]:
    """Confidently read words of ordinary height inside ``box`` (read as one line), placed on
    the page; the rest of the box is ink that is no text."""
    pad = int(height * pad_by)
    x0, y0 = max(0, int(box[0]) - pad), max(0, int(box[1]) - pad)
    crop = image.crop((x0, y0, int(box[2]) + pad, int(box[3]) + pad))
    out = []
    for w in ocr.line(crop, dpi, timeout):
        h = w.box[3] - w.box[1]
        if w.conf >= 80 and h <= 1.4 * height and any(ch.isalnum() for ch in w.text):
            out.append(Word(w.text, w.conf, (x0 + w.box[0], y0 + w.box[1], x0 + w.box[2], y0 + w.box[1] + h),
                            (10_000 + int(box[1]), 0, 0)))
    return out


def rule_masks(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pixels of horizontal and of vertical ruling lines: ink that runs (nearly) unbroken, give
    or take a pixel up or down, for half an inch across, or a third of an inch down (a table
    row is about that tall)."""
    height, width = ink.shape
    h = _thin(_long_runs(_grow_axis(ink, 0, RULE_SKEW), max(40, width // 17), 1), 0) & ink
    v = _thin(_long_runs(_grow_axis(ink, 1, RULE_SKEW), max(30, height // 36), 0), 1) & ink
    return h, v


def _thin(runs: np.ndarray, axis: int) -> np.ndarray:
    """Long runs less those in a solid dark area (the desk around a photographed page, a
    filled box): a rule is thin, with no long run RULE_THICK pixels to either side of it."""
    t = RULE_THICK
    solid = np.zeros_like(runs)
    if axis == 0:
        solid[t:-t, :] = runs[t:-t, :] & runs[:-2 * t, :] & runs[2 * t:, :]
    else:
        solid[:, t:-t] = runs[:, t:-t] & runs[:, :-2 * t] & runs[:, 2 * t:]
    if not solid.any():
        return runs  # (a plain scan: no dark area to take out)
    return runs & ~_grow_axis(solid, axis, t)


def _grow_axis(mask: np.ndarray, axis: int, by: int) -> np.ndarray:
    out = mask.copy()
    for shift in range(1, by + 1):
        if axis == 0:
            out[shift:, :] |= mask[:-shift, :]
            out[:-shift, :] |= mask[shift:, :]
        else:
            out[:, shift:] |= mask[:, :-shift]
            out[:, :-shift] |= mask[:, shift:]
    return out


def _long_runs(ink: np.ndarray, length: int, axis: int = 1) -> np.ndarray:
    """Pixels covered by a window of ``length`` along ``axis`` that is at least RULE_FILL ink.
    OpenCV's box filter sums the windows and its dilation spreads each qualifying one over the
    pixels it covers, in one vectorised pass each (numpy cumulative sums took 4x the CPU)."""
    # lazy: OpenCV costs ~64 ms at import (python -X importtime); only scanned pages need it
    import cv2

    size = ink.shape[axis]
    if size <= length:
        return np.zeros_like(ink)
    along = (length, 1) if axis == 1 else (1, length)  # OpenCV sizes are (width, height)
    sums = cv2.boxFilter(np.ascontiguousarray(ink, dtype=np.uint8), cv2.CV_32F, along, anchor=(0, 0),
                         normalize=False, borderType=cv2.BORDER_CONSTANT)
    starts = sums >= int(RULE_FILL * length)
    # only whole windows: one that runs off the edge is no rule
    if axis == 1:
        starts[:, size - length + 1:] = False
    else:
        starts[size - length + 1:, :] = False
    # a pixel is covered when some window starting in the ``length`` pixels up to it qualifies
    kernel = np.ones((1, length) if axis == 1 else (length, 1), np.uint8)
    end = (length - 1, 0) if axis == 1 else (0, length - 1)
    covered = cv2.dilate(starts.view(np.uint8), kernel, anchor=end, borderType=cv2.BORDER_CONSTANT, borderValue=0)
    return covered.astype(bool)


def _rules(mask: np.ndarray) -> list[tuple[float, float, float]]:
    """(position, start, end) of each ruling line in a mask of rule pixels along axis 1. A
    crooked rule wanders over a few rows and a thick one fills several: the runs that lie
    within a few pixels of each other and meet end to end are one rule, at their mean row."""
    near = 2 * RULE_SKEW + 2
    rules: list[list[float]] = []  # [sum of rows, runs, start, end, last row]
    for row, a, b in _runs(_grow_axis(mask, 0, RULE_SKEW)):
        for rule in reversed(rules[-64:]):
            if row - rule[4] <= near and abs(row - rule[0] / rule[1]) <= near and a <= rule[3] + near \
                    and b >= rule[2] - near:
                rule[0] += row
                rule[1] += 1
                rule[2], rule[3], rule[4] = min(rule[2], a), max(rule[3], b), row
                break
        else:
            rules.append([row, 1, a, b, row])
    return _join([(r[0] / r[1], r[2], r[3]) for r in rules], 2.5 * near, 8 * near)


def _join(rules: list[tuple[float, float, float]], near: float, gap: float) -> list[tuple[float, float, float]]:
    """Pieces of one rule (a scanned line breaks where the toner is thin) joined: at about the
    same position, end to end within ``gap``; the position is the length-weighted mean."""
    pieces = sorted(rules, key=lambda r: r[1])
    changed = True
    while changed:
        changed = False
        out: list[tuple[float, float, float]] = []
        for pos, a, b in pieces:
            for k, (p2, a2, b2) in enumerate(out):
                if abs(pos - p2) <= near and a <= b2 + gap and b >= a2 - gap:
                    w1, w2 = max(1.0, b - a), max(1.0, b2 - a2)
                    out[k] = ((pos * w1 + p2 * w2) / (w1 + w2), min(a, a2), max(b, b2))
                    changed = True
                    break
            else:
                out.append((pos, a, b))
        pieces = out
    return sorted(pieces)


def _runs(mask: np.ndarray) -> list[tuple[float, float, float]]:
    """(row, start, end) of each run of True along axis 1."""
    out = []
    for r in np.flatnonzero(mask.any(axis=1)):
        edges = np.diff(np.concatenate(([0], mask[r].view(np.int8), [0])))
        for a, b in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
            out.append((float(r), float(a), float(b)))
    return out


def _grow(mask: np.ndarray, by: int) -> np.ndarray:
    out = mask.copy()
    for shift in range(1, by + 1):
        out[shift:, :] |= mask[:-shift, :]
        out[:-shift, :] |= mask[shift:, :]
        out[:, shift:] |= mask[:, :-shift]
        out[:, :-shift] |= mask[:, shift:]
    return out


def _text_height(words: list[Word]) -> float:
    heights = [w.box[3] - w.box[1] for w in words if w.conf >= MARK_CONFIDENCE and len(w.text) > 1]
    return float(median(heights)) if heights else 30.0


def split_marks(words: list[Word]) -> tuple[list[Word], list[BBox]]:
    """Words as read, less handwriting: tall "words" read with low confidence."""
    height = _text_height(words)
    text, marks = [], []
    for w in words:
        if w.conf < MARK_CONFIDENCE and w.box[3] - w.box[1] > MARK_HEIGHT * height:
            marks.append(w.box)
        else:
            text.append(w)
    return text, marks


def stray_ink(ink: np.ndarray, text_boxes: list[BBox], text_height: float) -> list[BBox]:
    """Boxes of ink blobs no word covers that are taller than text and wider than they are tall
    (a signature), found on a coarse grid of tiles so scanner speckle does not count."""
    tile = max(4, int(text_height / 4))
    rows, cols = ink.shape[0] // tile, ink.shape[1] // tile
    if rows == 0 or cols == 0:
        return []
    free = ink[: rows * tile, : cols * tile].copy()
    pad = int(text_height / 4)
    for x0, y0, x1, y1 in text_boxes:
        free[max(0, int(y0) - pad): int(y1) + pad, max(0, int(x0) - pad): int(x1) + pad] = False
    counts = free.reshape(rows, tile, cols, tile).sum(axis=(1, 3))
    # strokes, not a solid dark area (the desk around a photographed page)
    full = counts > 0.9 * tile * tile
    # a dark area (the desk around a photographed page) is a block of full tiles; a stroke fills
    # a tile now and then, never three by three of them
    solid = ~_grow(~full, 1)
    near_solid = _grow(solid, 2)  # and its ragged edge is no mark either
    inked = (counts >= max(3, tile // 2)) & ~solid
    seen = np.zeros_like(inked)
    out: list[BBox] = []
    for r0, c0 in zip(*np.nonzero(inked), strict=True):
        if seen[r0, c0]:
            continue
        stack, cells = [(int(r0), int(c0))], []
        seen[r0, c0] = True
        while stack:
            r, c = stack.pop()
            cells.append((r, c))
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    rr, cc = r + dr, c + dc
                    if 0 <= rr < rows and 0 <= cc < cols and inked[rr, cc] and not seen[rr, cc]:
                        seen[rr, cc] = True
                        stack.append((rr, cc))
        top, bottom = min(r for r, _ in cells) * tile, (max(r for r, _ in cells) + 1) * tile
        left, right = min(c for _, c in cells) * tile, (max(c for _, c in cells) + 1) * tile
        if any(near_solid[r, c] for r, c in cells):
            continue
        if bottom - top >= 1.2 * text_height and right - left >= 2.5 * text_height and len(cells) >= 12 \
                and right - left <= 0.6 * ink.shape[1] and bottom - top <= 0.2 * ink.shape[0]:
            out.append((float(left), float(top), float(right), float(bottom)))
    return out


def _merge_boxes(boxes: list[BBox]) -> list[BBox]:
    """Overlapping or touching boxes as one (the letters of one scribble)."""
    out: list[list[float]] = []
    for b in sorted(boxes):
        for o in out:
            if b[0] <= o[2] + 10 and o[0] <= b[2] + 10 and b[1] <= o[3] + 10 and o[1] <= b[3] + 10:
                o[:] = [min(o[0], b[0]), min(o[1], b[1]), max(o[2], b[2]), max(o[3], b[3])]
                break
        else:
            out.append(list(b))
    return [(o[0], o[1], o[2], o[3]) for o in out]


def _scaled(box: BBox, scale: float) -> BBox:
    return (round(box[0] * scale, 2), round(box[1] * scale, 2), round(box[2] * scale, 2), round(box[3] * scale, 2))


def _line(items: list[tuple[Word, TextBox]]) -> tuple[TextBox, list[TextBox]]:
    """One OCR line's words (outside tables), a wide gap written as a tab; and each column of
    it as a segment of its own."""
    items.sort(key=lambda ws: ws[0].box[0])
    height = median(w.box[3] - w.box[1] for w, _ in items) or 1.0
    groups: list[list[TextBox]] = [[items[0][1]]]
    for (prev, _), (w, seg) in zip(items, items[1:], strict=False):
        if w.box[0] - prev.box[2] > COLUMN_GAP * height:
            groups.append([])
        groups[-1].append(seg)
    columns = [TextBox(" ".join(s.text for s in g), _union([s.bbox for s in g])) for g in groups]
    return TextBox("\t".join(c.text for c in columns), _union([c.bbox for c in columns])), columns


def _union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _absorb_doubtful(words: list[Word], marks: list[BBox], height: float) -> tuple[list[Word], list[BBox]]:
    """Doubtful words on or against a mark ('Penasst', '=', a quote mark): Tesseract's reading of
    part of the scribble, so part of the mark, not text."""
    kept, marks = [], list(marks)
    for w in words:
        reach = height / 2
        if w.conf < MARK_CONFIDENCE and any(
                w.box[0] <= m[2] + reach and m[0] <= w.box[2] + reach and w.box[1] <= m[3] and m[1] <= w.box[3]
                for m in marks):
            marks.append(w.box)
        else:
            kept.append(w)
    return kept, marks
