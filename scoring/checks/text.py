"""Shared text helpers for the checks: a document seen as ordered segments with locations.

Every extractor gives blocks (lines or paragraphs) and tables; the checks want one thing:
ordered units of text, each knowing its document, its location and the section heading it
stands under. A table row becomes one segment whose cells keep their own locations, so a
check can match across a row ('Exchange Online | Migrate 800 mailboxes') and still quote
the exact cell text as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from extractors.document import ExtractedDocument, Location, TextBlock
from scoring.checks.datefind import FoundDate, day_first, find_dates
from scoring.types import Evidence

CELL_SEP = " | "


@dataclass(frozen=True)
class Cell:
    text: str
    location: Location
    quote: str = ""  # a PDF cell wrapped over two extracted rows: its first line, as extracted

    def evidence(self, doc_path: str, note: str = "") -> Evidence:
        """Evidence quoting the cell as the extractor gave it (the first line of a joined cell)."""
        return Evidence(doc_path, (self.quote or self.text).strip(), self.location, note)


@dataclass
class Segment:
    """One line, paragraph or table row of a document, in reading order."""

    doc_path: str
    text: str
    location: Location
    kind: str
    index: int
    cells: tuple[Cell, ...]
    section: str = ""  # the heading this segment stands under, as written
    is_heading: bool = False

    def evidence(self, note: str = "", text: str | None = None) -> Evidence:
        """Evidence quoting this segment exactly: for a table row, one cell (the one holding
        ``text``, else the fullest), so the quote always stands at the location given."""
        if len(self.cells) > 1:
            cells = [c for c in self.cells if c.text.strip()] or list(self.cells)
            chosen = next((c for c in cells if text and text in c.text), None) or max(
                cells, key=lambda c: sum(ch.isalnum() for ch in c.text))
            return chosen.evidence(self.doc_path, note)
        quote = text if text is not None and text in self.text else self.text
        return Evidence(self.doc_path, quote.strip(), self.location, note)


@dataclass
class DocView:
    """A document and its segments, built once per run_checks call."""

    doc: ExtractedDocument
    segments: list[Segment] = field(default_factory=list)
    not_after: date | None = None  # the claim's submission day (+ grace), set by the check context

    @property
    def path(self) -> str:
        return self.doc.path

    @cached_property
    def text(self) -> str:
        return "\n".join(s.text for s in self.segments)

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def running_lines(self) -> frozenset[str]:
        """Lines printed on most pages of a multi-page document (running headers and footers:
        a filing stamp, a print date, a page header) and never part of its content."""
        pages: dict[str, set[int]] = {}
        for s in self.segments:
            if s.location.page is not None and s.kind != "row":
                pages.setdefault(s.text.strip(), set()).add(s.location.page)
        n = len({p for ps in pages.values() for p in ps})
        if n < 3:
            return frozenset()
        return frozenset(t for t, ps in pages.items() if len(ps) >= max(3, n // 2 + 1))

    @cached_property
    def dayfirst(self) -> bool:
        """Numeric date order of this document (see :func:`scoring.checks.datefind.day_first`)."""
        return day_first(self.text)

    def find_dates(self, text: str) -> list[FoundDate]:
        """Full dates in ``text`` read in this document's day/month order."""
        return [f for f in find_dates(text, self.dayfirst, self.not_after) if not f.partial]


# ---------------------------------------------------------------- normalisation

_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lower case, '&' as 'and', punctuation dropped, spaces collapsed."""
    text = text.replace("&", " and ").replace("’", "'")
    text = _PUNCT.sub(" ", text.lower())
    return _SPACES.sub(" ", text).strip()


_SENT_SPLIT = re.compile(r"(?<=[.;!?])\s+(?=[A-Z0-9(\[\"'•\-])|\s*[;•]\s+|\n+")


def sentences(text: str) -> list[str]:
    """Sentence-like pieces of a paragraph (split on ., ;, bullets and line breaks)."""
    return [s.strip() for s in _SENT_SPLIT.split(text) if s and s.strip()]


# A value that is not a value: underscores, dots, bracketed template fields, labels repeated.
_PLACEHOLDER = re.compile(
    r"^\s*(?:[\[<{(]{1,2}[^\]>})]{0,40}[\]>})]{1,2}|_{2,}.*|\.{3,}.*|-{3,}.*|x{3,}|"
    r"tbd|tba|n/?a|none|null|pending|to be (?:confirmed|determined|signed|agreed)|"
    r"sign(?:ature)?(?: here)?|signed|name|date|title|print(?:ed)? name|insert .*|enter .*|"
    r"dd[/.-]mm[/.-]yy(?:yy)?|mm[/.-]dd[/.-]yy(?:yy)?|yyyy[/.-]mm[/.-]dd|\?+)\s*$",
    re.IGNORECASE,
)


def is_blank_value(value: str | None) -> bool:
    """True for an empty form field: '', '____', '[Signature]', '<Client>', 'TBD', 'Name'."""
    if value is None:
        return True
    v = value.strip().strip(":").strip()
    if not v:
        return True
    if not re.search(r"[A-Za-z0-9]", v):
        return True
    return bool(_PLACEHOLDER.match(v))


_TEMPLATE_FIELD = re.compile(r"[\[<{]{1,2}\s*[A-Za-z][^\]>}]{0,40}[\]>}]{1,2}")


def template_fields(text: str) -> list[str]:
    """Bracketed template fields left in a text: '[Customer Name]', '<Client>', '{{partner}}'."""
    return [m.group(0) for m in _TEMPLATE_FIELD.finditer(text)]


# ---------------------------------------------------------------- building the view

_HEADING_NUM = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[A-Z]\.|[IVX]+\.|section \d+[.:]?|schedule [A-Z0-9]+[.:]?)\s+\S", re.I)


_SECTION_WORDS = re.compile(
    r"^(?:\d+(?:\.\d+)*[.)]?\s*|[A-Z][.)]\s*)?(?:project\s+|service\s+|engagement\s+)?(?:scope(?: of (?:work|services))?|"
    r"in[- ]scope|out[- ]of[- ]scope(?: items| services)?|not in scope|exclusions?|excluded|assumptions?|"
    r"background|overview|introduction|objectives?|approach|methodology|deliverables?|milestones?|timeline|"
    r"schedule|project plan|plan|phases?|activities|work(?:stream)?s?|work packages?|work breakdown|tasks|services|"
    r"licen[cs]ing|licen[cs]es|"
    r"pricing|fees|commercials?|payment(?: terms)?|signatures?|acceptance|sign[- ]?off|approvals?|"
    r"customer acknowledge?ment|acknowledge?ment|terms(?: and conditions)?|general terms|parties|"
    r"success (?:measures|criteria|metrics)|adoption(?: plan)?|growth(?: plan)?|kpis?|governance|"
    r"current (?:state|environment)|existing environment|prerequisites|dependencies|risks?|contacts?|"
    r"products?(?: and workloads)?|workloads?|summary|executive summary|reporting|roles(?: and responsibilities)?|"
    r"responsibilities|staffing|(?:project )?team|resources|change (?:control|management|requests?)|"
    r"acceptance criteria|support|warranty|hypercare|training|testing|deployment|implementation|migration|"
    r"design|discovery|requirements|solution(?: overview)?|appendix(?: [A-Z0-9]+)?|annex(?: [A-Z0-9]+)?|"
    r"project (?:overview|scope|approach|details|information)|customer information|partner information|"
    r"engagement (?:details|summary)|contact details|next steps|general|miscellaneous)\s*:?\s*$", re.I)


# Words section titles are made of; a short Title Case line holding one is a heading.
_HEADING_WORD = re.compile(
    r"\b(?:realisation|realization|outcomes?|benefits?|value|objectives?|goals?|plan|planning|approach|scope|services|"
    r"requirements|overview|summary|responsibilities|timeline|phasing|governance|adoption|growth|success|measures|"
    r"metrics|kpis?|commercials?|fees|pricing|assumptions|exclusions|risks|dependencies|deliverables|activities|"
    r"milestones|schedule|signatures?|signatories|acceptance|terms|background|context|introduction|purpose|next steps|"
    r"approvals?|contacts|support|warranty|training|testing|discovery|migration|deployment|implementation|transition|"
    r"handover|hypercare|licensing|staffing|resources|roles|reporting|communications?|payment|invoicing|expenses|"
    r"confidentiality|liability|insurance|termination|notices|definitions|execution|authori[sz]ation|agreement|"
    r"situation|challenges?|solution|workstreams?|work packages?|tasks|engagement|programme|program|project|aims?|"
    r"change control)\b", re.I)
_MINOR_WORDS = {"and", "of", "the", "for", "to", "in", "on", "&", "/", "-", "–", "a", "an", "with", "by", "be", "at"}
_VERBISH = re.compile(r"\b(?:will|shall|is|are|was|were|has|have|can|may|must|should|would)\b", re.I)
_NUMBERED_PART = re.compile(
    r"^(?:section|part|schedule|appendix|annex|exhibit|article|attachment)\s+[\w.]{1,6}\s*[:.\-–]\s*[A-Za-z]", re.I)


def _looks_like_heading(text: str, kind: str) -> bool:
    if kind == "heading":
        return True
    t = text.strip()
    if not t or len(t) > 80 or t.endswith((".", ",", ";")):
        return False
    if _SECTION_WORDS.match(t):
        return True
    words = t.split()
    if len(words) > 9:
        return False
    if len(words) <= 6 and _HEADING_WORD.search(t) and all(w[:1].isupper() or w.lower() in _MINOR_WORDS for w in words) \
            and not re.search(r"\d|:", t):
        return True  # 'Value Realisation', 'Approach and Scope', 'Desired Outcomes'
    if len(words) <= 5 and words[0][:1].isupper() and _HEADING_WORD.match(t) and not re.search(r"\d|:", t) \
            and not _VERBISH.search(t):
        return True  # sentence case: 'Adoption and change management', 'Services to be provided'
    if _NUMBERED_PART.match(t) and not re.search(r"\b(will|shall|is|are)\b", t, re.I):
        return True  # 'Section 6: Customer Acknowledgment', 'Schedule A - Scope'
    if ":" in t.rstrip(":"):
        return False  # 'Customer: Contoso' is a field, not a heading
    letters = [c for c in t if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) >= 3:
        return True
    if _HEADING_NUM.match(t) and len(words) <= 8 and not re.search(r"\b(will|shall|is|are)\b", t, re.I):
        return True
    return bool(t.endswith(":") and len(words) <= 6)


def _row_key(loc: Location) -> tuple | None:
    if loc.cell and loc.sheet is not None:
        m = re.match(r"([A-Z]+)(\d+)", loc.cell)
        if m:
            return ("xl", loc.sheet, int(m.group(2)))
    if loc.table is not None and loc.row is not None:
        return ("tb", loc.page, loc.part, loc.table, loc.row)
    return None


def _col_order(loc: Location) -> int:
    if loc.cell:
        m = re.match(r"([A-Z]+)", loc.cell)
        if m:
            n = 0
            for ch in m.group(1):
                n = n * 26 + (ord(ch) - 64)
            return n
    return loc.col or 0


RawSegment = tuple[str, Location, str, tuple[Cell, ...]]


def _fill_empty_cells(cells: list[Cell], width: int = 0) -> list[Cell]:
    by_col = {c.location.col: c for c in cells if c.location.col is not None}
    if len(by_col) != len(cells) or not by_col:
        return cells
    template = cells[0].location
    return [by_col.get(col) or Cell("", replace(template, col=col, bbox=None))
            for col in range(max(max(by_col) + 1, width))]


# A numbered item is '1.', '2)', '(3)', '4.2' or a bare small number before a capital ('3 Scope');
# a wrapped sentence may go on with a number ('... to Windows' / '365 Enterprise').
_LIST_START = re.compile(r"^\s*(?:[•\-–*▪◦·]|\(?\d+(?:\.\d+)*[.)]\s|\d+\.\d+\s|\d{1,2}\s+(?=[A-Z])|"
                         r"\(?[a-zA-Z][.)]\s|[ivxIVX]+[.)]\s)")
_FIELD_LINE = re.compile(r"^\s*[A-Z][\w/()'&.\- ]{0,30}:(?:\s|$)")
_SENTENCE_END = re.compile(r"[.;:!?]\s*$")


def _continues(prev: TextBlock, line: TextBlock, right_edge: float) -> bool:
    """True when ``line`` is the wrapped continuation of ``prev`` (one PDF paragraph printed on
    several lines): same page and kind, ``prev`` running to (near) the right edge of the text,
    next line down with a normal line gap, same left edge (or the hanging indent of a list
    item), ``prev`` not ending a sentence, ``line`` not opening a list item or a 'Label:' field."""
    a, b = prev.location, line.location
    if a.page is None or a.page != b.page or a.bbox is None or b.bbox is None or prev.kind != line.kind:
        return False
    if a.bbox[2] < right_edge - 0.25 * max(right_edge - a.bbox[0], 1.0):
        return False  # a short line ends its paragraph (or is a label, a name, a heading)
    if prev.kind not in ("text", "ocr") or a.table is not None or b.table is not None:
        return False
    height = a.bbox[3] - a.bbox[1]
    gap = b.bbox[1] - a.bbox[3]
    if height <= 0 or gap < -1 or gap > 0.75 * height:
        return False
    indent = b.bbox[0] - a.bbox[0]
    hanging = bool(_LIST_START.match(prev.text)) and 0 <= indent <= 40
    # A paragraph's first line indented, the next back at the margin: 'made between Reed's,
    # Inc. ... and B C' / 'Marketing Concepts Inc.' (a party's name broken over two lines).
    first_line_indent = -60 <= indent < -4 and "\n" not in prev.text and not _LIST_START.match(prev.text)
    if abs(indent) > 4 and not hanging and not first_line_indent:
        return False
    if "\t" in prev.text or "\t" in line.text or re.search(r"\s{3,}", prev.text.strip() + line.text.strip()):
        return False  # columns laid out side by side
    if _LIST_START.match(line.text) or _FIELD_LINE.match(line.text):
        return False
    if len(_INLINE_LABEL.findall(prev.text)) >= 2:
        return False  # 'Name: X Title: Y Date: Z': a row of fields, not a sentence going on
    return not _SENTENCE_END.search(prev.text) or line.text.lstrip()[:1].islower()


_INLINE_LABEL = re.compile(r"(?:^|\s)(?:[A-Z][a-z]+(?: [a-z]+)?):\s")


def join_wrapped_lines(blocks: Iterable[TextBlock]) -> list[TextBlock]:
    """PDF lines joined back into their paragraphs, so a sentence wrapped over two printed lines
    ('...agents from 25 to 70 by the end of' / 'Q3 2026') is read, and quoted, whole. The joined
    text keeps the document's words with the line break as a space; the bbox spans the lines."""
    blocks = list(blocks)
    right: dict[int, float] = {}
    for block in blocks:
        loc = block.location
        if loc.page is not None and loc.bbox is not None and loc.table is None:
            right[loc.page] = max(right.get(loc.page, 0.0), loc.bbox[2])
    out: list[TextBlock] = []
    for block in blocks:
        if out and "\n" not in block.text and "\n" not in out[-1].text and \
                _continues(out[-1], block, right.get(block.location.page or 0, 0.0)):
            prev = out[-1]
            pa, pb = prev.location.bbox, block.location.bbox
            assert pa is not None and pb is not None
            bbox = (min(pa[0], pb[0]), pa[1], max(pa[2], pb[2]), pb[3])
            out[-1] = replace(prev, text=f"{prev.text.rstrip()} {block.text.strip()}",
                              location=replace(prev.location, bbox=bbox))
            continue
        out.append(block)
    return out


def _tight_box(cell: Cell) -> tuple[float, float] | None:
    """(top, bottom) of a cell whose box is one line of text, not a padded grid cell."""
    box = cell.location.bbox
    if box is None or "\n" in cell.text or not cell.text.strip():
        return None
    return (box[1], box[3]) if box[3] - box[1] < 12 else None


def _join_wrapped_rows(rows: dict[tuple, list[Cell]]) -> set[tuple]:
    """PDF table rows that are the wrapped second line of the row above ('Microsoft Defender for' /
    'Endpoint P2'): one-line boxes a line gap apart, every filled cell under a filled cell, some
    cell of the row above with nothing below it. Their text joins the cells above (in place);
    returns the keys merged away."""
    gone: set[tuple] = set()
    keys = [k for k in rows if k[0] == "tb"]
    by_table: dict[tuple, list[tuple]] = {}
    for k in keys:
        by_table.setdefault(k[1:4], []).append(k)
    for table_keys in by_table.values():
        table_keys.sort(key=lambda k: k[4])
        prev: tuple | None = None
        for k in table_keys:
            above = rows[prev] if prev is not None else None
            cells = rows[k]
            if above is not None and len(above) == len(cells) and _continues_row(above, cells):
                for i, c in enumerate(cells):
                    if c.text.strip():
                        a = above[i]
                        ab, cb = a.location.bbox, c.location.bbox
                        bbox = (min(ab[0], cb[0]), ab[1], max(ab[2], cb[2]), cb[3]) if ab and cb else ab
                        above[i] = Cell(f"{a.text.rstrip()} {c.text.strip()}", replace(a.location, bbox=bbox),
                                        a.quote or a.text)
                gone.add(k)
                continue  # the next row may continue the same logical row
            prev = k
    return gone


def _continues_row(above: list[Cell], cells: list[Cell]) -> bool:
    filled = [i for i, c in enumerate(cells) if c.text.strip()]
    if not filled or len(filled) == len(cells) or any(not above[i].text.strip() for i in filled):
        return False
    boxes_above = [b for c in above if (b := _tight_box(c))]
    boxes = [b for i in filled if (b := _tight_box(cells[i]))]
    if len(boxes) != len(filled) or not boxes_above:
        return False
    height = max(b[1] - b[0] for b in boxes)
    gap = min(b[0] for b in boxes) - max(b[1] for b in boxes_above)
    return -1 <= gap < 0.5 * height


def build_view(doc: ExtractedDocument) -> DocView:
    """Segments in reading order: lines of text blocks (wrapped PDF lines joined into their
    paragraph), and table / sheet rows as one segment."""
    raw: list[RawSegment] = []
    rows: dict[tuple, list[Cell]] = {}
    row_pos: dict[tuple, int] = {}
    for block in join_wrapped_lines(doc.blocks):
        key = _row_key(block.location)
        if key is not None:
            if key not in rows:
                rows[key] = []
                row_pos[key] = len(raw)
                raw.append(("", block.location, "row", ()))
            rows[key].append(Cell(block.text, block.location))
            continue
        for line in block.text.splitlines() or [block.text]:
            if line.strip():
                raw.append((line, block.location, block.kind, (Cell(line, block.location),)))
    widths: dict[tuple[object, ...], int] = {}  # columns of each table: a row's last cells may be empty too
    for key, cells in rows.items():
        if key[0] == "tb":
            cols = [c.location.col for c in cells if c.location.col is not None]
            if cols:
                widths[key[:4]] = max(widths.get(key[:4], 0), max(cols) + 1)
    for key, cells in rows.items():
        cells.sort(key=lambda c: _col_order(c.location))
        if key[0] == "tb":  # Word/PDF grid cells left empty are real cells: keep the columns aligned
            cells[:] = _fill_empty_cells(cells, widths.get(key[:4], 0))
    merged_away = _join_wrapped_rows(rows)
    for key, cells in rows.items():
        pos = row_pos[key]
        if key in merged_away:
            raw[pos] = ("", cells[0].location, "row", ())  # its text now stands in the row above
            continue
        text = CELL_SEP.join(c.text.strip() for c in cells if c.text.strip())
        raw[pos] = (text, cells[0].location, "row", tuple(cells))
    # Tables the extractor gave only as doc.tables (not as cell blocks) become row segments too.
    seen_tables = {(k[1], k[2], k[3]) for k in rows if k[0] == "tb"}
    seen_sheets = {k[1] for k in rows if k[0] == "xl"}
    inserts: dict[int, list[RawSegment]] = {}
    for table in doc.tables:
        tl = table.location
        if (tl.page, tl.part, tl.table) in seen_tables or (tl.sheet is not None and tl.sheet in seen_sheets):
            continue
        table_rows: list[RawSegment] = []
        for r, row in enumerate(table.rows):
            row_cells: list[Cell] = []
            for c, value in enumerate(row):
                loc = (table.cells[r][c] if table.cells and r < len(table.cells) and c < len(table.cells[r])
                       else Location(page=tl.page, part=tl.part, table=tl.table, row=r, col=c, sheet=tl.sheet))
                row_cells.append(Cell(value or "", loc))
            text = CELL_SEP.join(c.text.strip() for c in row_cells if c.text.strip())
            if text:
                table_rows.append((text, row_cells[0].location if row_cells else tl, "row", tuple(row_cells)))
        # Put the rows where the table stands in reading order (its first cell's text line), so
        # they fall under the right section heading; else after everything.
        first = next((c.text.strip() for row in table_rows for c in row[3] if c.text.strip()), "")
        at = next((i for i, item in enumerate(raw) if first and item[2] != "row" and item[1].page == tl.page
                   and item[0].strip() == first.splitlines()[0].strip()), len(raw))
        inserts.setdefault(at, []).extend(table_rows)
    if inserts:
        merged: list[RawSegment] = []
        for i, item in enumerate(raw):
            merged.extend(inserts.get(i, []))
            merged.append(item)
        merged.extend(inserts.get(len(raw), []))
        raw = merged
    view = DocView(doc)
    section = ""
    for i, (text, loc, kind, seg_cells) in enumerate(raw):
        if not text.strip():
            continue
        lone_cell = kind == "row" and sum(1 for c in seg_cells if c.text.strip()) == 1
        heading = (kind != "row" or lone_cell) and _looks_like_heading(text, kind)
        if heading:
            section = text.strip()
        view.segments.append(Segment(doc.path, text, loc, kind, i, seg_cells, section, heading))
    return view


def build_views(docs: Iterable[ExtractedDocument]) -> list[DocView]:
    """Views of every readable document and attachment (an email's attached SOW counts)."""
    out: list[DocView] = []
    for d in docs:
        for sub in d.all_documents():
            if sub.ok and (sub.blocks or sub.tables or sub.signature_fields or sub.dates):
                out.append(build_view(sub))
    return out


_COLUMN_SPLIT = re.compile(r"\t+|\s{3,}| \| ")


def columns(text: str) -> list[str]:
    """A line laid out in columns ('By: ____     By: /s/ A. Smith') split into its columns; an RTF
    table row comes through as 'cell|cell|'."""
    if text.rstrip().endswith("|") and text.count("|") >= 2:
        return [c.strip() for c in text.split("|") if c.strip()]
    return [c for c in _COLUMN_SPLIT.split(text) if c.strip()]
