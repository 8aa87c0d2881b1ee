"""XLSX renderer (openpyxl) with the look of a partner's Excel POE template: blocks run down
column A, form fields are label | value rows, signatures one label | value row per field.
Looks vary with ``layout_seed`` (fonts, shaded input cells, whether ISO dates are real date
cells); bytes are fixed (workbook dates and zip timestamps pinned)."""

from __future__ import annotations

import io
import math
import random
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.pagebreak import Break
from openpyxl.writer.excel import ExcelWriter

from samples.docmodel import (
    Block,
    Bullets,
    Document,
    Fields,
    Heading,
    PageBreak,
    Paragraph,
    Signatory,
    SignatureBlock,
    Table,
)
from samples.render.common import ISO_DATE, caption, normalize_zip

FIXED_TIME = datetime(2026, 1, 1, 9, 0, 0)
WIDE = 60  # characters: longer paragraphs are merged across A:F and wrapped
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass(frozen=True)
class XlsxStyle:
    font: str
    size: float
    typed_dates: bool  # ISO dates as real date cells (else the text as given)
    date_format: str
    input_fill: str | None  # value cells shaded like a template's input cells
    bullet: str
    label_width: float


def xlsx_style(seed: int) -> XlsxStyle:
    rng = random.Random(seed)
    return XlsxStyle(
        font=rng.choice(("Calibri", "Arial", "Segoe UI")),
        size=rng.choice((10.0, 11.0)),
        typed_dates=rng.random() < 0.6,
        date_format=rng.choice(("yyyy-mm-dd", "dd/mm/yyyy", "d mmmm yyyy")),
        input_fill=rng.choice((None, "FFF2CC", "DDEBF7")),
        bullet=rng.choice(("\u2022", "-")),
        label_width=rng.choice((28.0, 32.0, 36.0)),
    )


def render_xlsx(doc: Document) -> bytes:
    st = xlsx_style(doc.layout_seed)
    wb = Workbook()
    ws = wb.active
    ws.title = doc.sheet
    _Sheet(ws, st).write(doc.blocks)
    # Running text goes to the printed page's header/footer, where Excel keeps it.
    ws.oddHeader.center.text = doc.header or None
    ws.oddFooter.center.text = doc.footer or None
    for name, blocks in doc.extra_sheets:
        _Sheet(wb.create_sheet(name), st).write(blocks)
    props = wb.properties
    props.creator = ""
    props.title = next((b.text for b in doc.blocks if isinstance(b, Heading)), None)
    props.created = props.modified = FIXED_TIME
    buf = io.BytesIO()
    # ExcelWriter rather than wb.save(): save() stamps "modified" with the current time.
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return normalize_zip(buf.getvalue())


class _Sheet:
    def __init__(self, ws: Any, st: XlsxStyle) -> None:
        self.ws, self.st = ws, st
        self.row = 1
        ws.column_dimensions["A"].width = st.label_width
        ws.column_dimensions["B"].width = 40
        for col in "CDEF":
            ws.column_dimensions[col].width = 16

    def write(self, blocks: tuple[Block, ...]) -> None:
        for i, block in enumerate(blocks):
            if i and not isinstance(block, PageBreak):
                self.row += 1  # a blank row between blocks, as templates space their sections
            self.block(block)

    def put(self, col: int, value: Any, *, bold: bool = False, size: float | None = None,
            wrap: bool = False, boxed: bool = False, shaded: bool = False) -> Any:
        cell = self.ws.cell(row=self.row, column=col, value=value)
        cell.font = Font(name=self.st.font, size=size or self.st.size, bold=bold)
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if boxed:
            cell.border = BOX
        if shaded and self.st.input_fill:
            cell.fill = PatternFill("solid", fgColor=self.st.input_fill)
        return cell

    def value(self, col: int, text: str | None, *, boxed: bool = False) -> None:
        """A form value: empty cell when blank, a date cell for an ISO date when the look says so."""
        cell = self.put(col, None, boxed=boxed, shaded=True)
        if not text:
            return
        if self.st.typed_dates and ISO_DATE.match(text.strip()):
            try:
                cell.value = date.fromisoformat(text.strip())
                cell.number_format = self.st.date_format
                return
            except ValueError:
                pass  # "2026-02-30" stays text, as a person would have typed it
        cell.value = text

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.put(1, block.text, bold=True, size={1: 14.0, 2: 12.0}.get(block.level))
            self.row += 1
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Bullets):
            for n, item in enumerate(block.items, 1):
                self.put(1, f"{n}. {item}" if block.numbered else f"{self.st.bullet} {item}")
                self.row += 1
        elif isinstance(block, Table):
            for r, cells in enumerate(block.rows):
                for c, text in enumerate(cells, 1):
                    self.put(c, text, bold=block.header and r == 0, boxed=block.ruled)
                self.row += 1
        elif isinstance(block, Fields):
            for label, value in block.pairs:
                self.put(1, label, bold=True)
                self.value(2, value, boxed=True)
                self.row += 1
        elif isinstance(block, SignatureBlock):
            self.signatures(block)
        elif isinstance(block, PageBreak):
            self.ws.row_breaks.append(Break(id=self.row - 1))
        else:
            raise TypeError(f"not a block: {block!r}")

    def paragraph(self, p: Paragraph) -> None:
        small = p.style in ("small", "stamp")
        wide = len(p.text) > WIDE
        self.put(1, p.text, bold=p.style == "bold", size=8.0 if small else None, wrap=wide)
        if wide:
            self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=6)
            self.ws.row_dimensions[self.row].height = 15 * math.ceil(len(p.text) / 110)
        self.row += 1

    def signatures(self, block: SignatureBlock) -> None:
        if block.intro:
            self.paragraph(Paragraph(block.intro))
        for k, s in enumerate(block.signatories):
            if k:
                self.row += 1
            if cap := caption(s):
                self.put(1, cap, bold=True)
                self.row += 1
            for label, value in _sig_rows(s):
                self.put(1, label)
                self.value(2, value, boxed=True)
                self.row += 1


def _sig_rows(s: Signatory) -> list[tuple[str, str | None]]:
    """'Customer signature' | '/s/ Teo Lupu', 'Customer name' | ..., 'Date' | ... A sheet
    holds no drawn signature: a signature picture falls back to the signer's name."""
    prefix = _prefix(s.party_label)
    signature = s.name if s.image else s.signature

    def label(word: str) -> str:
        return f"{prefix} {word}" if prefix else word.capitalize()

    return [(label("signature"), signature), (label("name"), s.name), (label("title"), s.title),
            ("Date", s.date)]


def _prefix(party_label: str) -> str:
    """'CUSTOMER' -> 'Customer'; a long caption ('For and on behalf of Contoso Ltd') gives
    none, its caption row names the party."""
    words = party_label.strip().rstrip(":").split()
    if not words or len(words) > 2:
        return ""
    text = " ".join(words)
    return text.capitalize() if text.isupper() else text
