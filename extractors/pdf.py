"""PDF: pypdfium2 for text on every page (fast), pdfplumber only on pages whose ruling lines
suggest a table, pyHanko for AcroForm signature fields, OCR (extractors.ocr) for pages without text."""

from __future__ import annotations

import logging
import math
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, ClassVar

from extractors.base import Extractor
from extractors.document import ExtractedDocument, ImageInfo, Location, Table, TextBlock, TypedDate
from extractors.errors import LimitExceeded, NeedsOCR, PasswordProtected, Unreadable
from extractors.esign import find_stamps
from extractors.limits import MAX_SIDE, Limits, check_pages, check_pdf_streams
from extractors.ocr import NEEDS_OCR, OCR_DPI, ocr_available
from extractors.page_blocks import emit_page, emit_scan
from extractors.pdf_layout import (
    BBox,
    TextBox,
    mostly_vertical,
    near_label,
    reading_order,
    rotate_box,
    to_display,
)
from extractors.pdf_tables import edges_from_boxes, fill, find_grids, near_crossings
from extractors.scan import read_scan

log = logging.getLogger(__name__)

# Rules that nearly cross this often but form no clean grid: pdfplumber's snapping may still
# find a table there, and only there is its (slow) layout analysis worth paying for.
PLUMBER_CROSSINGS = 6
MIN_OCR_DPI = 150  # below this Tesseract misreads ordinary print
MIN_SCAN_COVER = 0.3  # share of the page an image must cover for a text-less page to be a scan


class PdfExtractor(Extractor):
    formats = ("pdf",)
    label = "PDF"
    library_packages = ("pdfplumber", "pdfminer", "pyhanko")
    damaged_errors: ClassVar[tuple[type[BaseException], ...]] = (ValueError, KeyError, IndexError, OSError)

    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        # lazy: pypdfium2 costs ~40 ms at import (python -X importtime); only PDF pages need it
        import pypdfium2 as pdfium

        check_pdf_streams(path, self.limits)  # pdfium inflates streams whole, with no limit of its own
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as e:
            if "password" in str(e).lower():
                raise PasswordProtected("PDF") from e
            raise Unreadable("damaged PDF: the file is not a readable PDF (truncated or corrupt)") from e
        try:
            doc.pages = len(pdf)
            check_pages(doc.pages, self.limits)
            if doc.pages == 0:
                raise Unreadable("damaged PDF: it has no pages")
            doc.metadata.update(_metadata(pdf))
            textless: list[int] = []
            self.scans = 0
            self.over_budget: list[str] = []  # scanned pages too large to render for OCR
            table_pages: list[int] = []
            broken: list[int] = []
            for index in range(doc.pages):
                try:
                    page = pdf[index]
                except pdfium.PdfiumError:
                    broken.append(index + 1)
                    continue
                try:
                    has_text, wants_tables = self._page(pdf, page, index + 1, doc)
                finally:
                    page.close()
                if not has_text:
                    textless.append(index + 1)
                if wants_tables:
                    table_pages.append(index + 1)
            if broken:
                if len(broken) == doc.pages:
                    raise Unreadable("damaged PDF: none of its pages can be loaded")
                doc.warnings.append(f"damaged page(s) {_ranges(broken)} could not be read")
            if table_pages:
                _tables_with_pdfplumber(path, table_pages, doc)
            if _has_signatures(pdf):
                # lazy: import cycle (pdf_signatures imports pdf_date from this module)
                from extractors.pdf_signatures import read_signature_fields

                read_signature_fields(path, doc)
        finally:
            pdf.close()
        find_stamps(doc)
        if textless:
            if len(textless) == doc.pages and not doc.blocks:
                if self.over_budget and len(self.over_budget) == len(textless):
                    raise LimitExceeded(f"too large to OCR: {self.over_budget[0]}")
                if not self.scans:
                    raise Unreadable("no text: the PDF's pages are blank or their content cannot be read")
                raise NeedsOCR(NEEDS_OCR)
            doc.warnings.append(f"no text layer on page(s) {_ranges(textless)}: " + NEEDS_OCR.split(": ", 1)[1])

    def _page(self, pdf: Any, page: Any, number: int, doc: ExtractedDocument) -> tuple[bool, bool]:
        """Text lines, ruled tables and images of one page; (page has text, pdfplumber should
        look for tables its rules suggest but no clean grid gave)."""
        # lazy: pypdfium2 costs ~40 ms at import (python -X importtime); only PDF pages need it
        import pypdfium2.raw as raw

        rotation = page.get_rotation() % 360
        crop = page.get_cropbox()
        runs = _text_runs(page)
        boxes: list[tuple[float, float, float, float]] = []
        images: list[tuple[float, float, float, float]] = []
        for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE), max_depth=3):
            (images if obj.type == raw.FPDF_PAGEOBJ_IMAGE else boxes).append(obj.get_bounds())
        # Lines are built where the text runs horizontally: on the unrotated page for most
        # files, on the displayed page when the text was drawn turned; boxes end up displayed.
        segments = [TextBox(text, to_display(rect, crop, 0)) for text, rect in runs]
        frame = rotation if rotation and mostly_vertical(segments) else 0
        if frame:
            segments = [TextBox(text, to_display(rect, crop, frame)) for text, rect in runs]
        width = (crop[3] - crop[1]) if frame in (90, 270) else (crop[2] - crop[0])
        hs, vs = edges_from_boxes([to_display(b, crop, frame) for b in boxes])
        grids = find_grids(hs, vs)
        lines = reading_order(fill(grids, segments), width)
        turn = rotation if frame == 0 else 0
        for line in lines:
            line.bbox = rotate_box(line.bbox, crop, turn)
        page_area = max(1.0, page.get_width() * page.get_height())
        shown_images = [to_display(b, crop, rotation) for b in images]
        for box in shown_images:
            w, h = box[2] - box[0], box[3] - box[1]
            if w * h >= page_area * 0.9 and not lines:
                continue  # the scan itself, not a picture on a page
            if w >= 8 and h >= 8:
                doc.images.append(ImageInfo(Location(page=number, bbox=box), round(w, 2), round(h, 2),
                                            near_label(box, lines)))
        if not lines and not grids:
            scanned = any((b[2] - b[0]) * (b[3] - b[1]) >= page_area * MIN_SCAN_COVER for b in shown_images)
            self.scans += scanned
            if scanned and self.limits.ocr and ocr_available():
                scale = ocr_scale(page.get_width(), page.get_height(), self.limits)
                if scale is None:
                    self.over_budget.append(f"page {number} is {page.get_width():.0f} x {page.get_height():.0f} pt, "
                                            f"over the pixel budget of {self.limits.max_pixels / 1e6:.0f} MP (and {MAX_SIDE} px a side) "
                                            f"even at {MIN_OCR_DPI} dpi")
                    doc.warnings.append(f"not OCR'd: {self.over_budget[-1]}")
                    return False, False
                scan = read_scan(page.render(scale=scale).to_pil(), scale, self.limits.timeout_seconds or 120.0)
                emit_scan(doc, number, scan)
                return bool(scan.lines or scan.grids), False
            return False, False
        emit_page(doc, number, lines, grids, crop, turn)
        upright = frame == rotation
        return True, upright and not grids and near_crossings(hs, vs) >= PLUMBER_CROSSINGS


def ocr_scale(width_pt: float, height_pt: float, limits: Limits) -> float | None:
    """Pixels per point to render a page for OCR: OCR_DPI, lowered so the page stays within the
    pixel budget (page size in points x dpi) and Tesseract's longest side, or None when that would take it below MIN_OCR_DPI
    (a 10,000 pt poster page is 1.7 gigapixels at 300 dpi)."""
    area = max(1.0, width_pt * height_pt)
    longest = max(1.0, width_pt, height_pt)
    dpi = min(float(OCR_DPI), 72.0 * math.sqrt(limits.max_pixels / area), 72.0 * (MAX_SIDE - 1) / longest)
    return dpi / 72.0 if dpi >= MIN_OCR_DPI else None


def _text_runs(page: Any) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, user-space rect) of each run: a whole line when pdfium boxes it in one rectangle
    (prose, fast), else one run per rectangle (table rows, forms, columns)."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        runs = []
        if len(text) != textpage.count_chars():  # characters outside the BMP: index by rectangle
            return [(textpage.get_text_bounded(*r), r) for r in
                    (textpage.get_rect(i) for i in range(textpage.count_rects()))]
        start = 0
        for line in text.split("\r\n"):
            if line.strip():
                n = textpage.count_rects(start, len(line))
                rects = [textpage.get_rect(i) for i in range(n)]
                if len(rects) == 1:
                    runs.append((line, rects[0]))
                else:
                    runs.extend(_split_by_rects(textpage, line, start, rects))
            start += len(line) + 2
        return [(t.replace("\r", " ").replace("\n", " "), r) for t, r in runs if t.strip()]
    finally:
        textpage.close()


def _split_by_rects(textpage: Any, line: str, start: int,
                    rects: list[tuple[float, float, float, float]]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """A line pdfium boxes in several rectangles (table cells, columns), cut into one run per
    rectangle by where each character's box sits; characters come in rectangle order."""
    pieces: list[list[str]] = [[] for _ in rects]
    j = 0
    for k, ch in enumerate(line):
        left, bottom, right, top = textpage.get_charbox(start + k)
        if right > left:  # a drawn glyph; generated spaces have no box and stay where they are
            cx, cy = (left + right) / 2, (bottom + top) / 2
            for m in range(j, len(rects)):
                rl, rb, rr, rt = rects[m]
                if rl - 0.5 <= cx <= rr + 0.5 and rb - 0.5 <= cy <= rt + 0.5:
                    j = m
                    break
        pieces[j].append(ch)
    return [("".join(p), r) for p, r in zip(pieces, rects, strict=True) if "".join(p).strip()]


def _tables_with_pdfplumber(path: Path, pages: list[int], doc: ExtractedDocument) -> None:
    """Ruled tables on the given pages; their cells replace the plain lines inside them."""
    # lazy: pdfplumber costs ~105 ms at import (python -X importtime); only PDF files need it
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as plumber:
            for number in pages:
                try:
                    _page_tables(plumber.pages[number - 1], number, doc)
                except Exception as e:  # noqa: BLE001 - pdfminer fails many ways on odd pages
                    doc.warnings.append(f"page {number}: table layout not read ({type(e).__name__})")
    except Exception as e:  # noqa: BLE001
        doc.warnings.append(f"table layout not read ({type(e).__name__}); text kept as lines")


def _page_tables(page: Any, number: int, doc: ExtractedDocument) -> None:
    found = [t for t in page.find_tables() if len(t.rows) >= 2 or len(t.columns) >= 2]
    if not found:
        return
    boxes = [t.bbox for t in found]

    def inside(b: BBox) -> bool:
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    first_table = sum(1 for t in doc.tables if t.location.page == number)
    kept = [b for b in doc.blocks if b.location.page != number or b.location.bbox is None
            or not inside(b.location.bbox)]
    page_blocks: list[TextBlock] = []
    for offset, table in enumerate(found):
        t_index = first_table + offset
        rows: list[list[str]] = []
        cells: list[list[Location]] = []
        extracted = table.extract()
        for r, row in enumerate(table.rows):
            texts, locs = [], []
            for c, cell in enumerate(row.cells):
                bbox = tuple(round(v, 2) for v in cell) if cell is not None else None
                text = (extracted[r][c] or "").strip() if r < len(extracted) and c < len(extracted[r]) else ""
                loc = Location(page=number, bbox=bbox, table=t_index, row=r, col=c)  # type: ignore[arg-type]
                texts.append(text)
                locs.append(loc)
                if text:
                    page_blocks.append(TextBlock(text, loc, "cell"))
            rows.append(texts)
            cells.append(locs)
        doc.tables.append(Table(rows, Location(page=number, bbox=tuple(round(v, 2) for v in table.bbox),  # type: ignore[arg-type]
                                               table=t_index), cells))
    # Cells go where the table starts in the page's reading order.
    table_top = min(b[1] for b in boxes)
    out: list[TextBlock] = []
    inserted = False
    for b in kept:
        if (not inserted and b.location.page == number and b.location.bbox is not None
                and b.location.bbox[1] > table_top) or not inserted and b.location.page is not None and b.location.page > number:
            out.extend(page_blocks)
            inserted = True
        out.append(b)
    if not inserted:
        out.extend(page_blocks)
    doc.blocks[:] = out


def _has_signatures(pdf: Any) -> bool:
    # lazy: pypdfium2 costs ~40 ms at import (python -X importtime); only PDF pages need it
    import pypdfium2.raw as raw

    return bool(raw.FPDF_GetSignatureCount(pdf.raw) > 0 or pdf.get_formtype() != raw.FORMTYPE_NONE)


def _metadata(pdf: Any) -> dict[str, str]:
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001 - metadata is a nicety; a broken Info dict is no reason to fail
        return {}
    out = {k.lower(): str(v)[:500] for k, v in meta.items() if k in ("Title", "Author", "Subject", "Creator", "Producer")}
    for key in ("CreationDate", "ModDate"):
        if key in meta and (when := pdf_date(meta[key])):
            out[key.lower()] = when.isoformat()
    return out


def pdf_date(text: str | None) -> datetime | None:
    """A PDF date string ``D:YYYYMMDDHHmmSS+HH'mm'`` as a datetime (aware when it gives a zone)."""
    if not text:
        return None
    s = text.strip()
    if s.startswith("D:"):
        s = s[2:]
    s = s.replace("'", "")
    try:
        base = datetime.strptime(s[:14].ljust(14, "0") if len(s) >= 8 else "", "%Y%m%d%H%M%S")
    except ValueError:
        return None
    rest = s[14:]
    if rest.startswith("Z"):
        return base.replace(tzinfo=UTC)
    if rest[:1] in "+-" and len(rest) >= 3:
        try:
            hours, minutes = int(rest[1:3]), int(rest[3:5] or 0)
        except ValueError:
            return base
        sign = 1 if rest[0] == "+" else -1
        return base.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))
    return base


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


def typed_date(value: datetime, text: str, location: Location) -> TypedDate:
    return TypedDate(value.date(), text, location)
