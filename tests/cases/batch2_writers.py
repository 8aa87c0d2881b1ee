"""Writers the second batch of cases needs beyond render.py: PowerPoint decks, RTF and HTML
exports, CSV exports of the POE template, a phone photo (PNG) of a signed page, PDFs with a
two-column body, a page-footer acceptance band or a /Rotate'd landscape signature page, and a
Word document whose signature block sits in a floating text box. All deterministic."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from tests.cases.render import (
    Break,
    DocSpec,
    H,
    P,
    Sdt,
    SigImage,
    T,
    normalise_zip,
    pdf_cell,
    signature_png,
    typed_page,
    write_docx,
    write_pdf,
)

# ------------------------------------------------------------------------------ PPTX


@dataclass
class Slide:
    title: str
    bullets: Sequence[str] = ()
    table: Sequence[Sequence[str]] = ()
    sig_images: Sequence[tuple[int, float, float]] = ()  # (seed, left inch, top inch)
    notes: str = ""
    footer: str = ""


def write_pptx(path: Path, slides: Sequence[Slide], *, author: str, title: str) -> Path:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width = Inches(13.333)
    prs.slide_height = Inches(7.5)
    cp = prs.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = title
    cp.revision = 4
    cp.created = datetime(2026, 6, 1, 9, 0, 0)
    cp.modified = datetime(2026, 7, 1, 9, 0, 0)
    cp.last_printed = datetime(2026, 7, 1, 9, 0, 0)
    for s in slides:
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
        slide.shapes.title.text = s.title
        top = 1.6
        if s.bullets:
            box = slide.shapes.add_textbox(Inches(0.7), Inches(top), Inches(11.9), Inches(0.45 * len(s.bullets)))
            tf = box.text_frame
            tf.word_wrap = True
            for i, b in enumerate(s.bullets):
                par = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
                par.text = b
                par.font.size = Pt(16)
            top += 0.45 * len(s.bullets) + 0.3
        if s.table:
            nrows, ncols = len(s.table), max(len(r) for r in s.table)
            shape = slide.shapes.add_table(nrows, ncols, Inches(0.7), Inches(top), Inches(11.9),
                                           Inches(0.4 * nrows))
            for i, row in enumerate(s.table):
                for j, value in enumerate(row):
                    cell = shape.table.cell(i, j)
                    cell.text = value
                    for par in cell.text_frame.paragraphs:
                        par.font.size = Pt(12)
        for seed, left, stop in s.sig_images:
            slide.shapes.add_picture(io.BytesIO(signature_png(seed)), Inches(left), Inches(stop), width=Inches(2.2))
        if s.footer:
            box = slide.shapes.add_textbox(Inches(0.7), Inches(6.9), Inches(11.9), Inches(0.4))
            box.text_frame.text = s.footer
            box.text_frame.paragraphs[0].font.size = Pt(9)
        if s.notes:
            slide.notes_slide.notes_text_frame.text = s.notes
    prs.save(str(path))
    normalise_zip(path)
    return path


# ------------------------------------------------------------------------------ RTF


def _rtf(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\line ")
        elif ord(ch) > 127:
            code = ord(ch)
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
        else:
            out.append(ch)
    return "".join(out)


def write_rtf(path: Path, blocks: Sequence[Any]) -> Path:
    """RTF as Word's 'Save as Rich Text Format' writes it: font table, \\pard paragraphs, and
    tables as \\trowd ... \\cell ... \\row groups."""
    parts = [r"{\rtf1\ansi\ansicpg1252\deff0\nouicompat\deflang2057{\fonttbl{\f0\fswiss\fcharset0 Calibri;}"
             r"{\f1\froman\fcharset0 Times New Roman;}}", "\n",
             r"{\*\generator Riched20 10.0.22621}{\info{\author Partner}{\creatim\yr2026\mo6\dy1\hr9\min0}}",
             r"\viewkind4\uc1", "\n"]
    for b in blocks:
        if isinstance(b, H):
            size = 32 if b.level == 1 else 26
            parts.append(rf"\pard\sa160\sl259\slmult1\b\f0\fs{size} {_rtf(b.text)}\b0\fs22\par" + "\n")
        elif isinstance(b, P):
            bold = b.style == "bold"
            parts.append(r"\pard\sa120\sl259\slmult1\f0\fs22 " + (r"\b " if bold else "") + _rtf(b.text)
                         + (r"\b0" if bold else "") + r"\par" + "\n")
        elif isinstance(b, T):
            ncols = max(len(r) for r in b.rows)
            width = 9360 // ncols
            for row in b.rows:
                parts.append(r"\trowd\trgaph108\trleft-108" + "".join(
                    (r"\clbrdrt\brdrs\clbrdrl\brdrs\clbrdrb\brdrs\clbrdrr\brdrs" if b.grid else "")
                    + rf"\cellx{width * (j + 1)}" for j in range(ncols)) + "\n")
                for value in row:
                    parts.append(r"\pard\intbl\f0\fs20 " + _rtf(str(value)) + r"\cell" + "\n")
                parts.append(r"\row" + "\n")
            parts.append(r"\pard\par" + "\n")
    parts.append("}\n")
    path.write_bytes("".join(parts).encode("ascii"))
    return path


# ------------------------------------------------------------------------------ HTML


def write_html(path: Path, blocks: Sequence[Any], *, title: str, head_extra: str = "",
               banner: str = "", footer: str = "") -> Path:
    """An HTML page as a wiki/intranet 'Export to HTML' or 'Save page as' produces it."""
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(title)}</title>", head_extra,
           "<style>body{font-family:Segoe UI,Arial,sans-serif;font-size:11pt} table{border-collapse:collapse}"
           " td,th{border:1px solid #999;padding:4px 8px;vertical-align:top}</style>", "</head>", "<body>"]
    if banner:
        out.append(f'<div class="page-banner" role="banner">{escape(banner)}</div>')
    out.append('<div id="main-content" class="wiki-content">')
    for b in blocks:
        if isinstance(b, H):
            tag = "h1" if b.level == 1 else f"h{b.level}"
            out.append(f"<{tag}>{escape(b.text)}</{tag}>")
        elif isinstance(b, P):
            text = escape(b.text).replace("\n", "<br>")
            out.append(f"<p><strong>{text}</strong></p>" if b.style == "bold" else f"<p>{text}</p>")
        elif isinstance(b, T):
            out.append('<table class="confluenceTable"><tbody>')
            for i, row in enumerate(b.rows):
                tag = "th" if b.header and i == 0 else "td"
                cells = "".join(f"<{tag}>{escape(str(c)).replace(chr(10), '<br>')}</{tag}>" for c in row)
                out.append(f"<tr>{cells}</tr>")
            out.append("</tbody></table>")
    out.append("</div>")
    if footer:
        out.append(f'<div id="footer"><p class="footer-text">{escape(footer)}</p></div>')
    out += ["</body>", "</html>", ""]
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")
    return path


# ------------------------------------------------------------------------------ CSV


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, bom: bool = True) -> Path:
    """Excel's 'CSV UTF-8 (Comma delimited)': a BOM, CRLF line ends, every row padded."""
    width = max(len(r) for r in rows)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for r in rows:
        w.writerow([("" if v is None else str(v)) for v in r] + [""] * (width - len(r)))
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + buf.getvalue().encode("utf-8"))
    return path


# ------------------------------------------------------------------------------ PNG photo


def write_photo_png(path: Path, lines: Sequence[str | SigImage], *, angle: float = -2.2) -> Path:
    """A phone photo of a printed, signed page: the sheet (150 dpi) lying a little skewed on a
    darker desk, with uneven light."""
    from PIL import Image, ImageFilter

    page = typed_page(lines, size=(1240, 1754), paper=246, ink=25, font_size=27, top=140, left=120,
                      line_step=44, sig=((150, 360, 108), 118))
    desk = Image.new("L", (1500, 2000), 92)
    shade = Image.linear_gradient("L").resize((1500, 2000)).point(lambda v: v // 6)
    desk = Image.eval(Image.blend(desk, shade, 0.35), lambda v: v)
    rotated = page.rotate(angle, expand=True, fillcolor=0, resample=Image.Resampling.BICUBIC)
    mask = Image.new("L", page.size, 255).rotate(angle, expand=True, fillcolor=0)
    desk.paste(rotated, (120, 110), mask)
    photo = desk.filter(ImageFilter.GaussianBlur(0.6)).convert("RGB")
    buf = io.BytesIO()
    photo.save(buf, format="PNG", optimize=False)
    path.write_bytes(buf.getvalue())
    return path


# ------------------------------------------------------------------------------ PDF layouts


def _pdf_styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    ss = getSampleStyleSheet()
    body = ParagraphStyle("b2body", parent=ss["BodyText"], fontName="Helvetica", fontSize=9.5, leading=12)
    return {
        "body": body,
        "small": ParagraphStyle("b2small", parent=body, fontSize=8, leading=10),
        "center": ParagraphStyle("b2center", parent=body, alignment=TA_CENTER),
        "right": ParagraphStyle("b2right", parent=body, alignment=TA_RIGHT),
        "bold": ParagraphStyle("b2bold", parent=body, fontName="Helvetica-Bold"),
        "cell": ParagraphStyle("b2cell", parent=body, fontSize=8.5, leading=10.5),
        "cellb": ParagraphStyle("b2cellb", parent=body, fontSize=8.5, leading=10.5, fontName="Helvetica-Bold"),
        "h1": ParagraphStyle("b2h1", parent=ss["Title"], fontSize=15, leading=19),
        "h2": ParagraphStyle("b2h2", parent=ss["Heading2"], fontSize=11, leading=14),
        "h3": ParagraphStyle("b2h3", parent=ss["Heading3"], fontSize=10, leading=12),
    }


def story(blocks: Sequence[Any], width: float) -> list[Any]:
    """render.write_pdf's flowables for H/P/T/SigImage/Break/Sdt, for custom page layouts."""
    from reportlab.lib import colors
    from reportlab.platypus import Image, PageBreak, Paragraph, Spacer, Table, TableStyle

    st = _pdf_styles()

    def para(text: str, style: str = "body") -> Any:
        return Paragraph(escape(text).replace("\n", "<br/>"), st[style])

    def cell(value: Any, bold: bool) -> Any:
        return pdf_cell(value, bold, para, (100, 30))

    out: list[Any] = []
    for b in blocks:
        if isinstance(b, H):
            out.append(Paragraph(escape(b.text), st[f"h{min(b.level, 3)}"]))
        elif isinstance(b, P):
            out += [para(b.text, b.style), Spacer(1, 3)]
        elif isinstance(b, Sdt):
            out += [para(b.prefix + b.value + b.suffix), Spacer(1, 3)]
        elif isinstance(b, SigImage):
            out.append(Image(io.BytesIO(signature_png(b.seed)), width=110, height=33, hAlign="LEFT"))
        elif isinstance(b, Break):
            out.append(PageBreak())
        elif isinstance(b, T):
            ncols = max(len(r) for r in b.rows)
            widths = list(b.widths) if b.widths else [width / ncols] * ncols
            t = Table([[cell(c, b.header and i == 0) for c in r] for i, r in enumerate(b.rows)],
                      colWidths=widths, hAlign="LEFT")
            cmds: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
            if b.grid:
                cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            if b.header:
                cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")))
            t.setStyle(TableStyle(cmds))
            out += [t, Spacer(1, 6)]
    return out


def write_pdf_two_column(path: Path, head: Sequence[Any], body: Sequence[Any], *, title: str, author: str,
                         footer: str = "") -> Path:
    """A journal-style page: a full-width head frame on page 1, then the body flowing in two
    columns (left column top to bottom, then the right one) on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import inch
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate

    w, h = A4
    margin, gap = 0.75 * inch, 0.3 * inch
    colw = (w - 2 * margin - gap) / 2
    head_h = 1.6 * inch

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.drawRightString(w - margin, 0.45 * inch, f"{footer}   Page {doc.page}".strip())
        canvas.restoreState()

    first = [Frame(margin, h - margin - head_h, w - 2 * margin, head_h, id="head"),
             Frame(margin, margin, colw, h - 2 * margin - head_h, id="c1"),
             Frame(margin + colw + gap, margin, colw, h - 2 * margin - head_h, id="c2")]
    later = [Frame(margin, margin, colw, h - 2 * margin, id="l1"),
             Frame(margin + colw + gap, margin, colw, h - 2 * margin, id="l2")]
    doc = BaseDocTemplate(str(path), pagesize=A4, title=title, author=author, creator="Microsoft Word")
    doc.addPageTemplates([PageTemplate("first", first, onPage=on_page),
                          PageTemplate("later", later, onPage=on_page)])
    flow = [*story(head, w - 2 * margin), NextPageTemplate("later"), FrameBreak(), *story(body, colw)]
    doc.build(flow)
    return path


def write_pdf_footer_band(path: Path, blocks: Sequence[Any], band: Sequence[str], *, title: str, author: str,
                          header: str = "", band_image: int | None = None) -> Path:
    """A quoting tool's order form: the body in the page frame, and the acceptance/signature
    band drawn by the page template at the bottom of the page, below a rule (the page footer)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.units import inch
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import SimpleDocTemplate

    w, h = letter
    band_h = 0.22 * inch * (len(band) + 1) + 0.2 * inch

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        if header:
            canvas.drawString(inch, h - 0.55 * inch, header)
        canvas.drawRightString(w - inch, 0.35 * inch, f"Page {doc.page}")
        top = 0.55 * inch + band_h
        canvas.setLineWidth(0.8)
        canvas.line(inch, top, w - inch, top)
        canvas.setFont("Helvetica", 8.5)
        y = top - 0.22 * inch
        for line in band:
            canvas.drawString(inch, y, line)
            y -= 0.22 * inch
        if band_image is not None:
            canvas.drawImage(ImageReader(io.BytesIO(signature_png(band_image))), w - 3.2 * inch,
                             top - 0.75 * inch, width=1.5 * inch, height=0.45 * inch)
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=letter, leftMargin=inch, rightMargin=inch, topMargin=0.85 * inch,
                            bottomMargin=0.6 * inch + band_h + 0.15 * inch, title=title, author=author,
                            creator="QuoteWerks")
    doc.build(story(blocks, w - 2 * inch), onFirstPage=on_page, onLaterPages=on_page)
    return path


def write_pdf_rotated_last_page(path: Path, blocks: Sequence[Any], rotated_lines: Sequence[str | SigImage], *,
                                title: str, author: str, footer: str = "") -> Path:
    """Portrait pages of body text, then one last page whose content was laid out landscape
    and which carries /Rotate 90 in a portrait media box (as printers-to-PDF and scanners do):
    upright in a viewer, sideways in the content stream."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.units import inch
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Spacer

    w, h = letter

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.drawRightString(w - inch, 0.5 * inch, f"{footer}   Page {doc.page}".strip())
        canvas.restoreState()

    def on_rotated(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        # /Rotate 90 turns the page clockwise when shown: draw in a landscape frame (h wide, w high)
        # whose origin is the media box's bottom-right corner, x running up the page.
        canvas.translate(w, 0)
        canvas.rotate(90)
        y = w - 0.9 * inch
        canvas.setFont("Helvetica", 10)
        for line in rotated_lines:
            if isinstance(line, SigImage):
                canvas.drawImage(ImageReader(io.BytesIO(signature_png(line.seed))), 1.1 * inch, y - 0.35 * inch,
                                 width=1.6 * inch, height=0.48 * inch)
                y -= 0.55 * inch
                continue
            if "\t" in line:
                left, right = line.split("\t", 1)
                canvas.drawString(inch, y, left)
                canvas.drawString(h / 2 + 0.2 * inch, y, right)
            else:
                canvas.drawString(inch, y, line)
            y -= 0.26 * inch
        canvas.setFont("Helvetica", 7.5)
        canvas.drawRightString(h - inch, 0.5 * inch, f"{footer}   Page {doc.page}".strip())
        canvas.restoreState()

    frame = Frame(inch, 0.85 * inch, w - 2 * inch, h - 1.7 * inch, id="body")
    doc = BaseDocTemplate(str(path), pagesize=letter, title=title, author=author, creator="Microsoft Print to PDF")
    rotated = PageTemplate("rotated", [Frame(inch, inch, w - 2 * inch, h - 2 * inch, id="r")], onPage=on_rotated)
    rotated.rotation = 90  # BaseDocTemplate sets the page's /Rotate from its template
    doc.addPageTemplates([PageTemplate("portrait", [frame], onPage=on_page), rotated])
    doc.build([*story(blocks, w - 2 * inch), NextPageTemplate("rotated"), PageBreak(), Spacer(1, 1)])
    return path


def pdf_bytes(spec: DocSpec) -> bytes:
    """write_pdf into memory (for e-mail attachments)."""
    fd, name = tempfile.mkstemp(suffix=".pdf")
    os.close(fd)
    try:
        write_pdf(Path(name), spec)
        return Path(name).read_bytes()
    finally:
        os.unlink(name)


# ------------------------------------------------------------------------------ DOCX text box


def _txbx_paragraphs(lines: Sequence[str]) -> str:
    return "".join(f'<w:p><w:pPr><w:spacing w:after="40"/></w:pPr><w:r><w:rPr><w:sz w:val="20"/></w:rPr>'
                   f'<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines)


def textbox_run_xml(lines: Sequence[str], *, shape_id: int, name: str, cx_in: float = 3.0,
                    cy_in: float = 1.6, x_in: float = 0.0) -> str:
    """A floating text box as Word 2016+ saves it: mc:AlternateContent with the DrawingML
    (wps) shape and the legacy VML fallback, both carrying the same text."""
    emu = 914400
    cx, cy, x = int(cx_in * emu), int(cy_in * emu), int(x_in * emu)
    body = _txbx_paragraphs(lines)
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    return (
        f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="{251659264 + shape_id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset>'
        f'</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>45720</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>'
        f'<wp:docPr id="{shape_id}" name="{escape(name)}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"><a:spLocks noChangeArrowheads="1"/></wps:cNvSpPr>'
        f'<wps:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        f'<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx>'
        f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
        f'anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>'
        f'</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
        f'<v:shapetype id="_x0000_t{shape_id}" coordsize="21600,21600" path="m,l,21600r21600,l21600,xe"/>'
        f'<v:shape id="Text Box {shape_id}" o:spid="_x0000_s{1025 + shape_id}" type="#_x0000_t202" '
        f'xmlns:o="urn:schemas-microsoft-com:office:office" '
        f'style="position:absolute;margin-left:{x_in * 72:.0f}pt;margin-top:3.6pt;width:{cx_in * 72:.0f}pt;'
        f'height:{cy_in * 72:.0f}pt;z-index:251659264;visibility:visible;mso-wrap-style:square">'
        f'<v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
        f'</mc:AlternateContent></w:r>')


def write_docx_with_textboxes(path: Path, spec: DocSpec, boxes: Sequence[Sequence[str]]) -> Path:
    """write_docx, then one paragraph at the end anchoring the given text boxes side by side."""
    import docx
    from docx.oxml import parse_xml

    write_docx(path, spec)
    d = docx.Document(str(path))
    par = d.add_paragraph()
    for i, lines in enumerate(boxes):
        par._p.append(parse_xml(textbox_run_xml(lines, shape_id=10 + i, name=f"Text Box {10 + i}",
                                                x_in=3.2 * i)))
    for _ in range(6):
        d.add_paragraph()
    d.save(str(path))
    normalise_zip(path)
    return path

