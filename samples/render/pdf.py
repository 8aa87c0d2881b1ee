"""PDF renderer: a reportlab canvas and a small flow layout of our own (not platypus), so every
look (fields in columns, signature blocks side by side, ruled grids) is drawn the way partner
templates draw it, and text comes back from the project's extractor in reading order.

``render_pdf(doc)`` -> bytes. Looks come from :func:`pdf_style` (``layout_seed``). Footers with
"Page N of M" are laid out twice: the first pass counts the pages."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from samples.docmodel import (
    Block,
    Bullets,
    Document,
    Fields,
    Heading,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Table,
)
from samples.render.common import BLANK, signature_png, winansi, with_colon
from samples.render.pdf_style import STAMP_SIZE, PdfStyle, pdf_style


@dataclass(frozen=True)
class Img:
    """A drawn signature standing on a line or in a cell (PNG of ``who``'s squiggle)."""

    who: str
    width: float = 110.0
    height: float = 34.0


Piece = tuple[str, str] | Img  # (text, font name) or a picture
Unit = list[Piece]  # pieces kept together on one line ("By:" + its value)
Cell = str | Img

HEADING_EXTRA = {1: 7.0, 2: 3.0, 3: 1.0}
CELL_PAD = 4.0
COLUMN_GAP = 14.0


def render_pdf(doc: Document, *, scan: bool = False) -> bytes:
    style = pdf_style(doc.layout_seed, scan=scan)
    data, pages = _layout(doc, style, None)
    if style.page_numbers == "page_of" or "{pages}" in doc.header + doc.footer:
        data, _ = _layout(doc, style, pages)  # now the total is known
    return data


def _layout(doc: Document, style: PdfStyle, total: int | None) -> tuple[bytes, int]:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=style.pagesize, invariant=1, pageCompression=1)
    title = next((b.text for b in doc.blocks if isinstance(b, Heading)), "")
    c.setTitle(winansi(title))
    writer = Writer(c, style, doc, total)
    writer.run()
    c.save()
    return buf.getvalue(), writer.page


class Writer:
    """Draws blocks top to bottom, starting a new page when the next line would cross the
    bottom margin. ``y`` is the top of the next line, in PDF points from the page bottom."""

    def __init__(self, c: canvas.Canvas, style: PdfStyle, doc: Document, total: int | None) -> None:
        self.c, self.st, self.doc, self.total = c, style, doc, total
        self.page_w, self.page_h = style.pagesize
        self.left = style.margin_x
        self.right = self.page_w - style.margin_x
        self.top = self.page_h - style.margin_top
        self.bottom = style.margin_bottom
        lead = 0
        while lead < len(doc.blocks) and _is_stamp(doc.blocks[lead]):
            lead += 1
        # An e-signature service stamps its envelope line at the top-left of every page.
        self.stamps = [b.text for b in doc.blocks[:lead] if isinstance(b, Paragraph)]
        self.body = doc.blocks[lead:]
        self.page = 0
        self.y = self.top

    @property
    def width(self) -> float:
        return self.right - self.left

    # -- pages -----------------------------------------------------------------------------------
    def run(self) -> None:
        self._start_page()
        for block in self.body:
            self.block(block)
        self.c.showPage()

    def _start_page(self) -> None:
        self.page += 1
        self.y = self.top
        self._running()

    def new_page(self) -> None:
        self.c.showPage()
        self._start_page()

    @property
    def fresh(self) -> bool:
        return self.y >= self.top - 0.01

    def need(self, height: float) -> None:
        """Room for ``height`` more points, else the next page (never twice in a row)."""
        if self.y - height < self.bottom and not self.fresh:
            self.new_page()

    def _running(self) -> None:
        st, c = self.st, self.c
        for i, stamp in enumerate(self.stamps):
            c.setFont(st.regular, STAMP_SIZE)
            c.drawString(max(18.0, st.margin_x * 0.5), self.page_h - 16 - i * (STAMP_SIZE + 2), winansi(stamp))
        size = max(7.5, st.size - 1.5)
        if self.doc.header:
            y = self.page_h - max(40.0, st.margin_top * 0.55)
            for line in self.wrap(self._numbered(self.doc.header), st.regular, size, self.width)[:2]:
                c.setFont(st.regular, size)
                c.drawString(self.left, y, line)
                y -= size * 1.2
        footer = self._numbered(self.doc.footer)
        numbers = "" if "{page}" in self.doc.footer + self.doc.header else self._page_label()
        y = max(20.0, st.margin_bottom * 0.45)
        c.setFont(st.regular, size)
        if footer:
            c.drawString(self.left, y, winansi(footer)[:200])
            if numbers:
                c.drawRightString(self.right, y, numbers)
        elif numbers:
            c.drawCentredString(self.page_w / 2, y, numbers)

    def _page_label(self) -> str:
        if self.st.page_numbers == "page_of":
            return f"Page {self.page} of {self.total or '?'}"
        return f"Page {self.page}" if self.st.page_numbers == "page" else ""

    def _numbered(self, text: str) -> str:
        """Running text may carry {page} / {pages} for its own page numbering."""
        return text.replace("{pages}", str(self.total or "?")).replace("{page}", str(self.page))

    # -- primitives ------------------------------------------------------------------------------
    @staticmethod
    def wrap(text: str, font: str, size: float, width: float) -> list[str]:
        return simpleSplit(winansi(text), font, size, width) or [""]

    def text(self, x: float, base: float, text: str, font: str, size: float | None = None) -> None:
        """Draw one run. A blank line (underscores) is raised to sit on the baseline: its
        glyphs hang below it otherwise, and the extractor would read the line apart from its
        label ('Title:' then '____' on the next line) instead of 'Title: ____'."""
        size = size or self.st.size
        self.c.setFont(font, size)
        rise = 0.3 * size if text and set(text) == {"_"} else 0.0
        self.c.drawString(x, base + rise, text)

    def baseline(self, height: float) -> float:
        """Baseline of a line box ``height`` tall starting at ``y``: text sits low in the box
        so a picture on the same line stands on the baseline like ink on a signature line."""
        return self.y - height + 0.28 * self.st.lh

    def flow(self, lines: list[str], font: str, size: float, x: float | None = None,
             centered: bool = False, leading: float | None = None) -> None:
        lh = leading or size * self.st.leading
        for line in lines:
            self.need(lh)
            self.c.setFont(font, size)
            base = self.y - lh + 0.28 * lh
            if centered:
                self.c.drawCentredString((self.left + self.right) / 2, base, line)
            else:
                self.c.drawString(self.left if x is None else x, base, line)
            self.y -= lh

    def unit_width(self, unit: Unit) -> float:
        return sum(p.width if isinstance(p, Img) else stringWidth(winansi(p[0]), p[1], self.st.size)
                   for p in unit)

    def unit_height(self, units: list[Unit]) -> float:
        imgs = [p.height + 4 for u in units for p in u if isinstance(p, Img)]
        return max([self.st.lh, *imgs])

    def draw_unit(self, unit: Unit, x: float, base: float) -> None:
        for piece in _joined(unit):
            if isinstance(piece, Img):
                self.image(piece, x, base)
                x += piece.width
            else:
                text = winansi(piece[0])
                self.text(x, base, text, piece[1])
                x += stringWidth(text, piece[1], self.st.size)

    def image(self, img: Img, x: float, base: float, underline: bool = True) -> None:
        """The signature picture stands on the baseline; ``underline``: the line it is signed on
        (a drawn rule, no text)."""
        reader = ImageReader(io.BytesIO(signature_png(img.who)))
        self.c.drawImage(reader, x, base - 3, img.width, img.height)
        if underline:
            self.c.setLineWidth(0.5)
            self.c.line(x, base - 3, x + img.width, base - 3)

    def units_line(self, units: list[Unit], x0: float | None = None, gap: float = COLUMN_GAP) -> None:
        """Units left to right, wrapping to a new line between units when the next one does not fit."""
        start = self.left if x0 is None else x0
        rows: list[list[Unit]] = [[]]
        x = start
        for unit in units:
            w = self.unit_width(unit)
            if rows[-1] and x + w > self.right:
                rows.append([])
                x = start
            rows[-1].append(unit)
            x += w + gap
        for row in rows:
            h = self.unit_height(row)
            self.need(h)
            base, x = self.baseline(h), start
            for unit in row:
                self.draw_unit(unit, x, base)
                x += self.unit_width(unit) + gap
            self.y -= h

    # -- blocks ----------------------------------------------------------------------------------
    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Bullets):
            self.bullets(block)
        elif isinstance(block, Table):
            self.grid([list(r) for r in block.rows], header=block.header, ruled=block.ruled)
        elif isinstance(block, Fields):
            self.fields(block)
        elif isinstance(block, SignatureBlock):
            # lazy: import cycle (pdf_signatures imports Img from this module)
            from samples.render.pdf_signatures import signature_block

            signature_block(self, block)
        elif isinstance(block, PageBreak):
            if not self.fresh:
                self.new_page()
        else:
            raise TypeError(f"not a block: {block!r}")

    def heading(self, h: Heading) -> None:
        st = self.st
        size = st.size + HEADING_EXTRA.get(h.level, 1.0)
        lines = self.wrap(h.text, st.bold, size, self.width)
        if not self.fresh:
            self.y -= size * 0.6
        self.need(len(lines) * size * 1.25 + 2 * st.lh)  # a heading never ends a page
        self.flow(lines, st.bold, size, centered=h.level == 1 and st.title_centered, leading=size * 1.25)
        self.y -= st.block_gap / 2

    def paragraph(self, p: Paragraph) -> None:
        st = self.st
        font = {"bold": st.bold, "italic": st.italic}.get(p.style, st.regular)
        size = {"small": st.size - 1.5, "stamp": STAMP_SIZE}.get(p.style, st.size)
        self.flow(self.wrap(p.text, font, size, self.width), font, size)
        self.y -= st.block_gap

    def bullets(self, b: Bullets) -> None:
        st = self.st
        if not b.items:
            return
        # the text starts a short space after the widest mark, so '1. item' reads as one line
        marks = [f"{n}." if b.numbered else st.bullet for n in range(1, len(b.items) + 1)]
        indent = 4 + max(stringWidth(m, st.regular, st.size) for m in marks) + 0.5 * st.size
        for n, item in enumerate(b.items, 1):
            lines = self.wrap(item, st.regular, st.size, self.width - indent)
            for j, line in enumerate(lines):
                self.need(st.lh)
                base = self.baseline(st.lh)
                if j == 0:
                    self.text(self.left + 4, base, marks[n - 1], st.regular)
                self.text(self.left + indent, base, line, st.regular)
                self.y -= st.lh
            self.y -= st.block_gap / 3
        self.y -= st.block_gap

    def fields(self, f: Fields) -> None:
        """'Label: value' lines, or labels in a column and values in a second one; a blank value
        is the label and an underline to fill in."""
        st = self.st
        if not f.pairs:
            return
        label_font = st.bold if st.label_bold else st.regular
        labels = [winansi(with_colon(label)) for label, _ in f.pairs]
        column = self.left + min(max(stringWidth(x, label_font, st.size) for x in labels) + 12, self.width * 0.45)
        for label, (_, value) in zip(labels, f.pairs, strict=True):
            vx = column if st.fields == "columns" else self.left + stringWidth(label + " ", label_font, st.size)
            lines = self.wrap(value or BLANK, st.regular, st.size, max(60.0, self.right - vx))
            for j, line in enumerate(lines):
                self.need(st.lh)
                base = self.baseline(st.lh)
                if j == 0:
                    self.text(self.left, base, label, label_font)
                self.text(vx, base, line, st.regular)
                self.y -= st.lh
        self.y -= st.block_gap

    # -- tables ----------------------------------------------------------------------------------
    def grid(self, rows: list[list[Cell]], *, header: bool, ruled: bool) -> None:
        """A table: ruled = grid lines drawn row by row (so a page break can fall between rows)
        with the text wrapped inside each cell; unruled = the same cells in aligned columns."""
        st = self.st
        if not rows:
            return
        ncols = max(len(r) for r in rows)
        rows = [r + [""] * (ncols - len(r)) for r in rows]
        pad, gap = (CELL_PAD, 0.0) if ruled else (0.0, COLUMN_GAP)
        widths = self._col_widths(rows, header, pad, gap, stretch=ruled)
        xs = [self.left]
        for w in widths:
            xs.append(xs[-1] + w + gap)
        for r, row in enumerate(rows):
            font = st.bold if header and r == 0 else st.regular
            cells: list[list[str] | Img] = [
                cell if isinstance(cell, Img) else self.wrap(cell, font, st.size, w - 2 * pad) if cell else []
                for cell, w in zip(row, widths, strict=True)]
            h = max(c.height + 8 if isinstance(c, Img) else len(c) * st.lh for c in cells)
            h = max(h, st.lh) + 2 * pad
            self.need(h)
            top = self.y
            if ruled:
                self.c.setLineWidth(0.5)
                right = xs[0] + sum(widths)
                self.c.line(xs[0], top, right, top)
                self.c.line(xs[0], top - h, right, top - h)
                for x in xs:
                    self.c.line(x, top, x, top - h)
            for x, cell in zip(xs, cells, strict=False):
                if isinstance(cell, Img):
                    self.image(cell, x + pad + 2, top - h + pad + 6, underline=False)
                    continue
                for i, line in enumerate(cell):
                    self.text(x + pad, top - pad - (i + 1) * st.lh + 0.28 * st.lh, line, font)
            self.y = top - h
        self.y -= st.block_gap + (2 if ruled else 0)

    def _col_widths(self, rows: list[list[Cell]], header: bool, pad: float, gap: float,
                    stretch: bool) -> list[float]:
        """Natural widths when they fit; else every column keeps its longest word and the
        rest of the width goes where the text is longest."""
        st = self.st
        ncols = len(rows[0])
        avail = self.width - gap * (ncols - 1)

        def width(cell: Cell, font: str, words: bool) -> float:
            if isinstance(cell, Img):
                return cell.width + 4
            parts = winansi(cell).split() if words else [winansi(cell)]
            return max((stringWidth(p, font, st.size) for p in parts), default=0.0)

        natural = [0.0] * ncols
        minimum = [0.0] * ncols
        for r, row in enumerate(rows):
            font = st.bold if header and r == 0 else st.regular
            for c, cell in enumerate(row):
                natural[c] = max(natural[c], width(cell, font, False) + 2 * pad + 1)
                minimum[c] = max(minimum[c], width(cell, font, True) + 2 * pad + 1)
        if sum(natural) <= avail:
            if not stretch:
                return natural
            spare = avail - sum(natural)
            return [n + spare / ncols for n in natural]
        spare = max(0.0, avail - sum(minimum))
        want = [n - m for n, m in zip(natural, minimum, strict=True)]
        total = sum(want) or 1.0
        out = [m + spare * w / total for m, w in zip(minimum, want, strict=True)]
        if sum(out) > avail:  # even the longest words do not fit: shrink all alike
            out = [w * avail / sum(out) for w in out]
        return out


def _is_stamp(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.style == "stamp"


def _joined(unit: Unit) -> Unit:
    """Neighbouring runs in one font drawn as one string ('By: ' + '/s/ Teo Lupu'): pdfium
    may box separately drawn runs apart and lose the space between them."""
    out: Unit = []
    for piece in unit:
        last = out[-1] if out else None
        if isinstance(piece, tuple) and isinstance(last, tuple) and last[1] == piece[1] \
                and set(piece[0]) != {"_"}:
            out[-1] = (last[0] + piece[0], piece[1])
        else:
            out.append(piece)
    return out
