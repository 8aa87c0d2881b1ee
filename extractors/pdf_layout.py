"""Page geometry for PDFs: rotation into the displayed frame, lines from text runs, and the
reading order of multi-column pages. Pure functions over plain tuples, so they test alone."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom; top-left origin, as displayed


@dataclass
class TextBox:
    """Text with its box in displayed coordinates: a run on one line (pdfium's text rectangle),
    a line grouped from runs, or an OCR word or column. Not scoring.checks.text.Segment (a span of a
    document's text view)."""

    text: str
    bbox: BBox


def to_display(rect: tuple[float, float, float, float], crop: tuple[float, float, float, float],
               rotation: int) -> BBox:
    """A PDF user-space rectangle (left, bottom, right, top) as (x0, top, x1, bottom) on the page
    as it is displayed (cropbox origin, /Rotate applied clockwise), like pdfplumber gives."""
    left, bottom, right, top = rect
    cl, cb, cr, ct = crop
    cw, ch = cr - cl, ct - cb
    pts = []
    for x, y in ((left, bottom), (right, top)):
        x, y = x - cl, y - cb
        if rotation == 90:
            pts.append((y, x))
        elif rotation == 180:
            pts.append((cw - x, y))
        elif rotation == 270:
            pts.append((ch - y, cw - x))
        else:
            pts.append((x, ch - y))
    (x0, y0), (x1, y1) = pts
    return (round(min(x0, x1), 2), round(min(y0, y1), 2), round(max(x0, x1), 2), round(max(y0, y1), 2))


def rotate_box(box: BBox, crop: tuple[float, float, float, float], rotation: int) -> BBox:
    """A box given top-left on the unrotated page, moved onto the page as displayed."""
    x0, top, x1, bottom = box
    cw, ch = crop[2] - crop[0], crop[3] - crop[1]
    if rotation == 90:
        out = (ch - bottom, x0, ch - top, x1)
    elif rotation == 180:
        out = (cw - x1, ch - bottom, cw - x0, ch - top)
    elif rotation == 270:
        out = (top, cw - x1, bottom, cw - x0)
    else:
        return box
    return (round(out[0], 2), round(out[1], 2), round(out[2], 2), round(out[3], 2))


def mostly_vertical(segments: list[TextBox]) -> bool:
    """True when the runs are taller than wide: text that reads along the other axis."""
    runs = [s for s in segments if len(s.text.strip()) > 2]
    width = sum(s.bbox[2] - s.bbox[0] for s in runs)
    height = sum(s.bbox[3] - s.bbox[1] for s in runs)
    return height > width


def group_lines(segments: list[TextBox]) -> list[TextBox]:
    """Segments standing on the same line (vertical overlap) joined left to right; a wide gap
    becomes a tab so 'Customer:<gap>Contoso' keeps its label-value shape."""
    if not segments:
        return []
    ordered = sorted(segments, key=lambda s: (s.bbox[1], s.bbox[0]))
    lines: list[list[TextBox]] = []
    for seg in ordered:
        placed = False
        for line in lines[-3:]:
            top = min(s.bbox[1] for s in line)
            bottom = max(s.bbox[3] for s in line)
            overlap = min(bottom, seg.bbox[3]) - max(top, seg.bbox[1])
            height = min(bottom - top, seg.bbox[3] - seg.bbox[1]) or 1.0
            if overlap >= 0.5 * height:
                line.append(seg)
                placed = True
                break
        if not placed:
            lines.append([seg])
    out = []
    for line in lines:
        line.sort(key=lambda s: s.bbox[0])
        height = median(s.bbox[3] - s.bbox[1] for s in line) or 1.0
        text = line[0].text
        for prev, seg in zip(line, line[1:], strict=False):
            gap = seg.bbox[0] - prev.bbox[2]
            if gap > 1.5 * height:
                text = text.rstrip() + "\t"
            elif gap > 0.2 * height and not text.endswith(" "):
                text += " "  # runs split inside a word (kerning) join without a space
            text += seg.text
        bbox = (min(s.bbox[0] for s in line), min(s.bbox[1] for s in line),
                max(s.bbox[2] for s in line), max(s.bbox[3] for s in line))
        text = "\t".join(" ".join(piece.split()) for piece in text.split("\t"))
        if text.strip():
            out.append(TextBox(text.strip(), bbox))
    return out


def find_gutter(segments: list[TextBox], width: float) -> float | None:
    """The x of an empty vertical strip between two text columns, or None for one column.

    Columns of prose are told from tables by their lines: a column's lines fill most of its
    width, a table's cells are short."""
    if len(segments) < 10 or width <= 0:
        return None
    best: tuple[int, float] | None = None
    x = 0.3 * width
    # 3 pt steps on any real page; at most ~500 steps on a hostile one (a 10^9 pt MediaBox
    # made this loop run for minutes).
    step = max(3.0, 0.4 * width / 500)
    while x <= 0.7 * width:
        crossing = sum(1 for s in segments if s.bbox[0] < x - 2 and s.bbox[2] > x + 2)
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += step
    if best is None:
        return None
    crossing, gutter = best
    left = [s for s in segments if s.bbox[2] <= gutter + 2]
    right = [s for s in segments if s.bbox[0] >= gutter - 2]
    if len(left) < 5 or len(right) < 5 or crossing > 0.2 * (len(left) + len(right)):
        return None
    left_edge = min(s.bbox[0] for s in left)
    right_edge = max(s.bbox[2] for s in right)
    if (median(s.bbox[2] - s.bbox[0] for s in left) < 0.55 * (gutter - left_edge)
            or median(s.bbox[2] - s.bbox[0] for s in right) < 0.55 * (right_edge - gutter)):
        return None
    return gutter


def reading_order(segments: list[TextBox], width: float) -> list[TextBox]:
    """Lines in reading order: one column top to bottom, or for two columns, band by band (a
    full-width title or footer splits bands) the left column then the right one."""
    gutter = find_gutter(segments, width)
    if gutter is None:
        return group_lines(segments)
    spanning = sorted((s for s in segments if s.bbox[0] < gutter - 2 and s.bbox[2] > gutter + 2),
                      key=lambda s: s.bbox[1])
    rest = [s for s in segments if not (s.bbox[0] < gutter - 2 and s.bbox[2] > gutter + 2)]
    out: list[TextBox] = []
    cuts = [s.bbox[1] for s in spanning] + [float("inf")]
    lo = float("-inf")
    span_iter = iter(spanning)
    for cut in cuts:
        band = [s for s in rest if lo <= s.bbox[1] < cut]
        out.extend(group_lines([s for s in band if s.bbox[2] <= gutter + 2]))
        out.extend(group_lines([s for s in band if s.bbox[2] > gutter + 2]))
        nxt = next(span_iter, None)
        if nxt is not None:
            out.extend(group_lines([nxt]))
        lo = cut
    return out


def near_label(box: BBox, lines: list[TextBox], reach: float = 72.0) -> str:
    """The text line closest to an image on its left or above (a 'Signature:' label), within
    ``reach`` points; else the closest line below it (a caption such as 'Customer signature')."""
    x0, top, x1, bottom = box
    best: tuple[float, str] | None = None
    for line in lines:
        lx0, ltop, lx1, lbottom = line.bbox
        h_overlap = min(x1, lx1) - max(x0, lx0) > 0
        v_overlap = min(bottom, lbottom) - max(top, ltop) > 0
        if v_overlap and lx1 <= x0 + 2:
            dist = x0 - lx1
        elif h_overlap and lbottom <= top + 2:
            dist = top - lbottom
        elif h_overlap and ltop >= bottom - 2:
            dist = (ltop - bottom) * 1.5  # below counts, but less than beside or above
        else:
            continue
        if dist <= reach and (best is None or dist < best[0]):
            best = (dist, line.text)
    return best[1] if best else ""
