"""Deterministic writers for the hand-written claim cases: one small document model (headings,
paragraphs, tables, signature images, page breaks, Word content controls) rendered to PDF
(reportlab, ``invariant=1``) or DOCX (python-docx); POE-template workbooks (openpyxl); e-mails
(stdlib, fixed boundaries and Message-IDs); image-only "scanned" PDFs (Pillow + reportlab).

Every writer produces the same bytes on every run: fixed core properties, fixed zip timestamps.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config

rl_config.invariant = 1  # no timestamps or random document IDs

ZIP_STAMP = (2026, 7, 1, 9, 0, 0)
CORE_STAMP = "2026-07-01T09:00:00Z"
VERA_TTF = Path(rl_config.__file__).resolve().parent / "fonts" / "Vera.ttf"


# ------------------------------------------------------------------------------ model

@dataclass(frozen=True)
class H:
    """A heading (level 1 = document title)."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class P:
    """A paragraph. ``style``: body, small, center, right, bold."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class SigImage:
    """A wet/drawn signature image (a squiggle; ``seed`` varies its shape)."""

    seed: int = 0


@dataclass(frozen=True)
class Sdt:
    """A Word content control: ``prefix`` + control(``value``) + ``suffix`` in one paragraph.
    ``date_iso`` makes it a date-picker control. Rendered as plain text in PDF."""

    prefix: str
    value: str
    suffix: str = ""
    tag: str = "field"
    date_iso: str | None = None


Cell = str | SigImage | list[Any]


@dataclass(frozen=True)
class T:
    """A table: rows of cells (text with '\\n' for line breaks, a SigImage, or a list of both).
    ``grid``: ruled; ``header``: first row bold/shaded."""

    rows: Sequence[Sequence[Cell]]
    grid: bool = True
    header: bool = False
    widths: Sequence[float] | None = None


@dataclass(frozen=True)
class Break:
    pass


Block = H | P | T | SigImage | Break | Sdt


@dataclass
class DocSpec:
    blocks: list[Any]  # Block items
    title: str = ""
    author: str = ""
    header: str = ""  # printed on top of every page (PDF) / section header (DOCX)
    footer: str = ""
    a4: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------------------ images

def signature_png(seed: int = 0) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (300, 90), "white")
    draw = ImageDraw.Draw(img)
    pts = [(12, 60), (40, 22 + seed % 7), (66, 70), (95, 18), (128, 64 - seed % 9), (160, 26),
           (190, 58), (222, 30 + seed % 5), (262, 52), (288, 40)]
    draw.line(pts, fill=(20, 30, 90), width=4)
    draw.line([(30, 78), (250, 74)], fill=(20, 30, 90), width=2)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


# ------------------------------------------------------------------------------ PDF

def write_pdf(path: Path, spec: DocSpec) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["BodyText"], fontName="Helvetica", fontSize=10, leading=13)
    styles = {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "bold": ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold"),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11),
        "cellb": ParagraphStyle("cellb", parent=body, fontSize=9, leading=11, fontName="Helvetica-Bold"),
    }
    heads = {1: ParagraphStyle("h1", parent=ss["Title"], fontSize=16, leading=20),
             2: ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15),
             3: ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10.5, leading=13)}
    pagesize = A4 if spec.a4 else letter
    width = pagesize[0] - 2 * inch

    def para(text: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), styles[style])

    def cell(value: Cell, bold: bool) -> Any:
        return pdf_cell(value, bold, para, (110, 33))

    story: list[Any] = []
    for b in spec.blocks:
        if isinstance(b, H):
            story.append(Paragraph(escape(b.text), heads[b.level]))
        elif isinstance(b, P):
            story.append(para(b.text, b.style))
            story.append(Spacer(1, 3))
        elif isinstance(b, Sdt):
            story.append(para(b.prefix + b.value + b.suffix))
            story.append(Spacer(1, 3))
        elif isinstance(b, SigImage):
            story.append(Image(io.BytesIO(signature_png(b.seed)), width=120, height=36, hAlign="LEFT"))
        elif isinstance(b, Break):
            story.append(PageBreak())
        elif isinstance(b, T):
            ncols = max(len(r) for r in b.rows)
            widths = list(b.widths) if b.widths else [width / ncols] * ncols
            data = [[cell(c, b.header and i == 0) for c in r] for i, r in enumerate(b.rows)]
            t = Table(data, colWidths=widths, hAlign="LEFT")
            cmds: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
            if b.grid:
                cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            if b.header:
                cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")))
            t.setStyle(TableStyle(cmds))
            story.append(t)
            story.append(Spacer(1, 8))

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        if spec.header:
            canvas.drawString(inch, pagesize[1] - 0.55 * inch, spec.header)
        foot = f"{spec.footer}   Page {doc.page}" if spec.footer else f"Page {doc.page}"
        canvas.drawRightString(pagesize[0] - inch, 0.5 * inch, foot)
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=inch, rightMargin=inch,
                            topMargin=0.85 * inch, bottomMargin=0.85 * inch,
                            title=spec.title, author=spec.author, creator="Microsoft Word")
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return path


def pdf_cell(value: Any, bold: bool, para: Any, picture: tuple[int, int]) -> Any:
    """A table cell's flowables for reportlab: its lines as paragraphs, a SigImage as a drawn
    signature of ``picture`` (width, height) points, a list as all of its parts in order."""
    from reportlab.platypus import Image

    if isinstance(value, SigImage):
        return Image(io.BytesIO(signature_png(value.seed)), width=picture[0], height=picture[1])
    if isinstance(value, list):
        flat: list[Any] = []
        for v in value:
            got = pdf_cell(v, bold, para, picture)
            flat.extend(got if isinstance(got, list) else [got])
        return flat
    return [para(line, "cellb" if bold else "cell") for line in str(value).split("\n")]


def typed_page(lines: Sequence[str | SigImage], *, size: tuple[int, int], paper: int, ink: int, font_size: int,
               top: int, left: int, line_step: int, sig: tuple[tuple[int, int, int], int]) -> Any:
    """A greyscale page image of typed lines, with drawn signatures pasted where the lines say.
    ``sig``: ((x, width, height), step below it)."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", size, paper)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(VERA_TTF), font_size)
    (sig_x, sig_w, sig_h), sig_step = sig
    y = top
    for line in lines:
        if isinstance(line, SigImage):
            picture = Image.open(io.BytesIO(signature_png(line.seed))).convert("L").resize((sig_w, sig_h))
            img.paste(picture, (sig_x, y))
            y += sig_step
            continue
        draw.text((left, y), line, fill=ink, font=font)
        y += line_step
    return img


def write_scanned_pdf(path: Path, lines: Sequence[str | SigImage], *, title: str = "Scan") -> Path:
    """One A4 page that is only a picture (200 dpi greyscale) of typed text and a drawn
    signature: no text layer, as a scanner or a phone 'scan to PDF' app produces."""
    img = typed_page(lines, size=(1654, 2339), paper=255, ink=0, font_size=34, top=180, left=160,
                     line_step=56, sig=((200, 450, 135), 150))
    img = img.rotate(0.4, fillcolor=255)  # a slightly skewed sheet
    return _image_only_pdf(path, img, title=title, creator="HP Scan")


def _image_only_pdf(path: Path, img: Any, *, title: str, creator: str) -> Path:
    """An A4 PDF whose one page is only ``img`` (no text layer), as a scanner writes it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(title)
    c.setCreator(creator)
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return path


def write_scanned_table_pdf(path: Path, lines: Sequence[str], rows: Sequence[Sequence[str | SigImage]], *,
                            widths: Sequence[int], title: str = "Scan") -> Path:
    """An image-only A4 page (200 dpi): typed lines, then a ruled table (a signature table as
    printed, signed by hand in some cells and scanned slightly crooked)."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1654, 2339), 252)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(VERA_TTF), 30)
    y = 180
    for line in lines:
        draw.text((160, y), line, fill=10, font=font)
        y += 52
    y += 30
    left, heights = 160, [150 if any(isinstance(c, SigImage) for c in row) else 64 for row in rows]
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [y]
    for h in heights:
        ys.append(ys[-1] + h)
    for yy in ys:
        draw.line([(xs[0], yy), (xs[-1], yy)], fill=40, width=2)
    for xx in xs:
        draw.line([(xx, ys[0]), (xx, ys[-1])], fill=40, width=2)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if isinstance(cell, SigImage):
                picture = Image.open(io.BytesIO(signature_png(cell.seed))).convert("L").resize((300, 110))
                img.paste(picture, (xs[c] + 20, ys[r] + 20))
            elif cell:
                draw.text((xs[c] + 14, ys[r] + 16), cell, fill=10, font=font)
    img = img.rotate(0.35, fillcolor=252)  # the sheet lay a little crooked on the glass
    return _image_only_pdf(path, img, title=title, creator="Canon iR-ADV C5535 scan")


# ------------------------------------------------------------------------------ DOCX

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _sdt_run_xml(b: Sdt) -> str:
    pr = f'<w:alias w:val="{escape(b.tag)}"/><w:tag w:val="{escape(b.tag)}"/>'
    if b.date_iso:
        pr += (f'<w:date w:fullDate="{b.date_iso}T00:00:00Z"><w:dateFormat w:val="d MMMM yyyy"/>'
               f'<w:lid w:val="en-GB"/></w:date>')
    else:
        pr += "<w:text/>"
    return (f'<w:sdt {W_NS}><w:sdtPr>{pr}</w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve">'
            f'{escape(b.value)}</w:t></w:r></w:sdtContent></w:sdt>')


def write_docx(path: Path, spec: DocSpec) -> Path:
    import docx
    import docx.shared
    from docx.oxml import parse_xml

    d = docx.Document()
    cp = d.core_properties
    cp.author = spec.author
    cp.last_modified_by = spec.author
    cp.title = spec.title
    cp.revision = 3
    cp.created = datetime(2026, 6, 1, 9, 0, 0)
    cp.modified = datetime(2026, 7, 1, 9, 0, 0)
    cp.last_printed = datetime(2026, 7, 1, 9, 0, 0)
    sec = d.sections[0]
    if spec.header:
        sec.header.paragraphs[0].text = spec.header
    if spec.footer:
        sec.footer.paragraphs[0].text = spec.footer

    def fill(cell: Any, value: Cell, bold: bool) -> None:
        items = value if isinstance(value, list) else [value]
        first = True
        for item in items:
            if isinstance(item, SigImage):
                par = cell.paragraphs[0] if first else cell.add_paragraph()
                par.add_run().add_picture(io.BytesIO(signature_png(item.seed)), width=docx.shared.Pt(110))
                first = False
                continue
            for line in str(item).split("\n"):
                par = cell.paragraphs[0] if first else cell.add_paragraph()
                run = par.add_run(line)
                run.bold = bold
                first = False

    for b in spec.blocks:
        if isinstance(b, H):
            d.add_heading(b.text, level=0 if b.level == 1 else b.level - 1)
        elif isinstance(b, P):
            par = d.add_paragraph()
            run = par.add_run(b.text)
            run.bold = b.style == "bold"
            if b.style == "small":
                run.font.size = docx.shared.Pt(8)
        elif isinstance(b, Sdt):
            par = d.add_paragraph()
            par.add_run(b.prefix)
            par._p.append(parse_xml(_sdt_run_xml(b)))
            if b.suffix:
                par._p.append(parse_xml(f'<w:r {W_NS}><w:t xml:space="preserve">{escape(b.suffix)}</w:t></w:r>'))
        elif isinstance(b, SigImage):
            d.add_paragraph().add_run().add_picture(io.BytesIO(signature_png(b.seed)), width=docx.shared.Pt(120))
        elif isinstance(b, Break):
            d.add_page_break()
        elif isinstance(b, T):
            ncols = max(len(r) for r in b.rows)
            table = d.add_table(rows=len(b.rows), cols=ncols)
            if b.grid:
                table.style = "Table Grid"
            for i, row in enumerate(b.rows):
                for j, value in enumerate(row):
                    fill(table.cell(i, j), value, b.header and i == 0)
            d.add_paragraph()
    d.save(str(path))
    normalise_zip(path)
    return path


def normalise_zip(path: Path) -> None:
    """Fixed entry timestamps and core-property dates, so the bytes never change."""
    with zipfile.ZipFile(path) as src:
        items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in items:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + CORE_STAMP.encode() + rb"\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=ZIP_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    path.write_bytes(buf.getvalue())


# ------------------------------------------------------------------------------ XLSX

XRow = Sequence[Any]


@dataclass
class Sheet:
    title: str
    rows: list[XRow]
    widths: dict[str, float] = field(default_factory=dict)
    date_format: str = "dd/mm/yyyy"
    merges: list[str] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)  # 1-based


def write_xlsx(path: Path, sheets: Sequence[Sheet], *, creator: str = "") -> Path:
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    wb = openpyxl.Workbook()
    first = True
    for sh in sheets:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = sh.title
        for r, row in enumerate(sh.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, date | datetime):
                    cell.number_format = sh.date_format
                if r in sh.bold_rows:
                    cell.font = Font(bold=True)
                    cell.fill = PatternFill("solid", fgColor="DDE4EE")
        for col, w in sh.widths.items():
            ws.column_dimensions[col].width = w
        for m in sh.merges:
            ws.merge_cells(m)
    props = wb.properties
    props.creator = creator
    props.lastModifiedBy = creator
    props.created = datetime(2026, 6, 1, 9, 0, 0)
    props.modified = datetime(2026, 7, 1, 9, 0, 0)
    wb.save(str(path))
    normalise_zip(path)
    return path


# ------------------------------------------------------------------------------ EML

@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mime: str = "application/pdf"


def write_eml(path: Path, *, sender: str, to: str, subject: str, date_header: str, body: str,
              cc: str = "", message_id: str, in_reply_to: str = "",
              attachments: Sequence[Attachment] = ()) -> Path:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    msg["Date"] = date_header
    msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg["MIME-Version"] = "1.0"
    msg["X-Mailer"] = "Microsoft Outlook 16.0"
    msg.set_content(body)
    for a in attachments:
        maintype, subtype = a.mime.split("/", 1)
        msg.add_attachment(a.data, maintype=maintype, subtype=subtype, filename=a.filename)
    if attachments:
        msg.set_boundary("----=_NextPart_000_0012_01DCF0A1.5B3C2D10")
    path.write_bytes(msg.as_bytes())
    return path
