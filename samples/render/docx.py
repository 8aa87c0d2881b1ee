"""DOCX renderer (python-docx): Word's own styles (Title / Heading N, List Bullet / List Number,
Table Grid), so the file looks like a partner's template and the extractor sees real heading
styles, tables and header/footer parts. Looks vary with ``layout_seed``; bytes are fixed
(core-property dates and zip timestamps pinned)."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

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
from samples.render.common import (
    BLANK,
    caption,
    normalize_zip,
    sig_lines,
    signature_label,
    signature_png,
    with_colon,
)

FIXED_TIME = datetime(2026, 1, 1, 9, 0, 0)  # core properties: no clock in the bytes
FONTS = ("Calibri", "Arial", "Times New Roman", "Cambria", "Georgia")
PAGE_SIZES = ((Inches(8.27), Inches(11.69)), (Inches(8.5), Inches(11)))  # A4, Letter
SIGNATURE_WIDTH = Inches(1.5)


@dataclass(frozen=True)
class DocxStyle:
    font: str
    size: float
    margin: float  # inches
    page: int  # index into PAGE_SIZES
    title_style: bool  # level-1 headings in "Title" (else "Heading 1")
    fields_table: bool  # Fields as a two-column table (else "Label: value" paragraphs)
    fields_ruled: bool
    label_bold: bool
    by_label: str


def docx_style(seed: int) -> DocxStyle:
    rng = random.Random(seed)
    return DocxStyle(
        font=rng.choice(FONTS),
        size=rng.choice((10.0, 10.5, 11.0, 12.0)),
        margin=rng.choice((0.75, 1.0, 1.25)),
        page=rng.randrange(2),
        title_style=rng.random() < 0.5,
        fields_table=rng.random() < 0.5,
        fields_ruled=rng.random() < 0.5,
        label_bold=rng.random() < 0.5,
        by_label=signature_label(seed),
    )


def render_docx(doc: Document) -> bytes:
    st = docx_style(doc.layout_seed)
    d = docx.Document()
    _setup(d, doc, st)
    for block in doc.blocks:
        _block(d, block, st)
    buf = io.BytesIO()
    d.save(buf)
    return normalize_zip(buf.getvalue())


def _setup(d: Any, doc: Document, st: DocxStyle) -> None:
    normal = d.styles["Normal"]
    normal.font.name = st.font
    normal.font.size = Pt(st.size)
    section = d.sections[0]
    section.page_width, section.page_height = PAGE_SIZES[st.page]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(st.margin))
    props = d.core_properties
    props.author = props.last_modified_by = props.comments = ""
    props.title = next((b.text for b in doc.blocks if isinstance(b, Heading)), "")
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    if doc.header:
        _running(section.header.paragraphs[0], doc.header)
    if doc.footer:
        _running(section.footer.paragraphs[0], doc.footer)


def _running(p: DocxParagraph, text: str) -> None:
    """Header/footer text; {page} and {pages} become Word's PAGE / NUMPAGES fields."""
    rest = text
    while rest:
        cut = min((i for i in (rest.find("{page}"), rest.find("{pages}")) if i >= 0), default=-1)
        if cut < 0:
            p.add_run(rest)
            break
        p.add_run(rest[:cut])
        code = "NUMPAGES" if rest.startswith("{pages}", cut) else "PAGE"
        _field(p, code)
        rest = rest[cut + len("{pages}" if code == "NUMPAGES" else "{page}"):]


def _field(p: DocxParagraph, code: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"  # the cached result; Word recomputes it when the file is opened
    run.append(t)
    fld.append(run)
    p._p.append(fld)


def _block(d: Any, block: Block, st: DocxStyle) -> None:
    if isinstance(block, Heading):
        level = block.level if not st.title_style else block.level - 1
        d.add_heading(block.text, level=max(0, min(level, 9)))
    elif isinstance(block, Paragraph):
        _paragraph(d, block)
    elif isinstance(block, Bullets):
        for item in block.items:
            d.add_paragraph(item, style="List Number" if block.numbered else "List Bullet")
    elif isinstance(block, Table):
        _table(d, [list(r) for r in block.rows], header=block.header, ruled=block.ruled)
    elif isinstance(block, Fields):
        _fields(d, block, st)
    elif isinstance(block, SignatureBlock):
        _signatures(d, block, st)
    elif isinstance(block, PageBreak):
        d.add_page_break()
    else:
        raise TypeError(f"not a block: {block!r}")


def _paragraph(d: Any, block: Paragraph) -> None:
    p = d.add_paragraph()
    run = p.add_run(block.text)
    if block.style == "bold":
        run.bold = True
    elif block.style == "italic":
        run.italic = True
    elif block.style in ("small", "stamp"):
        run.font.size = Pt(8 if block.style == "small" else 7)


def _table(d: Any, rows: list[list[str]], *, header: bool, ruled: bool) -> None:
    if not rows:
        return
    ncols = max(len(r) for r in rows)
    table = d.add_table(rows=len(rows), cols=ncols)
    if ruled:
        table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            run = table.cell(r, c).paragraphs[0].add_run(text)
            run.bold = header and r == 0
    d.add_paragraph()  # Word runs two adjacent tables together; a paragraph keeps them apart


def _fields(d: Any, block: Fields, st: DocxStyle) -> None:
    if st.fields_table and block.pairs:
        table = d.add_table(rows=len(block.pairs), cols=2)
        if st.fields_ruled:
            table.style = "Table Grid"
        for r, (label, value) in enumerate(block.pairs):
            table.cell(r, 0).paragraphs[0].add_run(with_colon(label)).bold = st.label_bold
            table.cell(r, 1).paragraphs[0].add_run(value or BLANK)
        d.add_paragraph()
        return
    for label, value in block.pairs:
        p = d.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        p.add_run(with_colon(label) + " ").bold = st.label_bold
        p.add_run(value or BLANK)


# -- signature blocks -----------------------------------------------------------------------------
def _signatures(d: Any, block: SignatureBlock, st: DocxStyle) -> None:
    if block.intro:
        d.add_paragraph(block.intro)
    parties = block.signatories
    if not parties:
        return
    if block.layout == "table":
        _signature_table(d, parties, st)
    elif block.layout == "columns":
        table = d.add_table(rows=1, cols=len(parties))
        for k, s in enumerate(parties):
            cell = table.cell(0, k)
            _party(cell.paragraphs[0], cell.add_paragraph, s, st)
        d.add_paragraph()
    elif block.layout == "inline":
        for s in parties:
            _inline(d.add_paragraph(), s, st)
    else:
        for s in parties:
            _party(d.add_paragraph(), d.add_paragraph, s, st)
            d.add_paragraph()


def _value(p: DocxParagraph, s: Signatory, value: str | None, image: bool) -> None:
    if image:
        p.add_run().add_picture(io.BytesIO(signature_png(s.name or s.party_label or "signature")),
                                width=SIGNATURE_WIDTH)
    else:
        p.add_run(value or BLANK)


def _party(first: DocxParagraph, new: Any, s: Signatory, st: DocxStyle) -> None:
    """Caption, organisation, then By/Name/Title/Date paragraphs (in the body or in a cell)."""
    p = first
    heads = [s.party_label] if s.party_label else []
    if s.org and s.org not in s.party_label:
        heads.append(s.org)
    for i, head in enumerate(heads):
        p = first if i == 0 else new()
        p.add_run(head).bold = True
    for i, line in enumerate(sig_lines(s, st.by_label)):
        p = first if i == 0 and not heads else new()
        p.paragraph_format.space_after = Pt(2)
        p.add_run(f"{line.label}: ")
        _value(p, s, line.value, line.image)


def _inline(p: DocxParagraph, s: Signatory, st: DocxStyle) -> None:
    if cap := caption(s):
        p.add_run(cap).bold = True
        p.add_run("    ")
    for i, line in enumerate(sig_lines(s, st.by_label)):
        p.add_run(("    " if i else "") + f"{line.label}: ")
        _value(p, s, line.value, line.image)


def _signature_table(d: Any, parties: tuple[Signatory, ...], st: DocxStyle) -> None:
    """A ruled table: a label column, one column per party; a blank field is an empty cell."""
    lines = [sig_lines(s, st.by_label) for s in parties]
    table = d.add_table(rows=1 + len(lines[0]), cols=1 + len(parties))
    table.style = "Table Grid"
    for k, s in enumerate(parties, 1):
        table.cell(0, k).paragraphs[0].add_run(caption(s)).bold = True
    for r, line in enumerate(lines[0], 1):
        table.cell(r, 0).paragraphs[0].add_run(line.label)
        for k, (s, party) in enumerate(zip(parties, lines, strict=True), 1):
            mine = party[r - 1]
            if mine.image or mine.value:
                _value(table.cell(r, k).paragraphs[0], s, mine.value, mine.image)
    table.alignment = WD_ALIGN_PARAGRAPH.LEFT
    d.add_paragraph()
