"""Plain text, CSV (one sheet), RTF (striprtf) and HTML (stdlib html.parser): the text-like
formats. Lines keep their line numbers; CSV cells their A1 location."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from striprtf.striprtf import rtf_to_text

from extractors.base import Extractor
from extractors.document import PART_BODY, ExtractedDocument, Location, Table, TextBlock
from extractors.errors import Unreadable
from extractors.sniff import decode_text


def read_text(path: Path) -> str:
    text = decode_text(path.read_bytes())
    if text is None:
        raise Unreadable("damaged text file: it holds binary data")
    return text


def add_lines(doc: ExtractedDocument, text: str, part: str = PART_BODY, kind: str = "text") -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            doc.blocks.append(TextBlock(line.strip(), Location(part=part, line=number), kind))


class TextExtractor(Extractor):
    formats = ("txt",)
    label = "text file"

    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        add_lines(doc, read_text(path))
        doc.pages = 1


class CsvExtractor(Extractor):
    formats = ("csv",)
    label = "CSV file"
    damaged_errors: ClassVar[tuple[type[BaseException], ...]] = (csv.Error,)

    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        # lazy: openpyxl costs ~180 ms at import (python -X importtime); only XLSX files need it
        from openpyxl.utils import get_column_letter

        text = read_text(path)
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        sheet = Path(doc.path).stem or "Sheet1"
        rows: list[list[str]] = []
        cells: list[list[Location]] = []
        csv.field_size_limit(1 << 24)
        for r, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            locs = [Location(sheet=sheet, cell=f"{get_column_letter(c)}{r}") for c in range(1, len(row) + 1)]
            for value, loc in zip(row, locs, strict=True):
                if value.strip():
                    doc.blocks.append(TextBlock(value.strip(), loc, "cell"))
            rows.append([v.strip() for v in row])
            cells.append(locs)
        doc.tables.append(Table(rows, Location(sheet=sheet), cells))
        doc.pages = 1


class RtfExtractor(Extractor):
    formats = ("rtf",)
    label = "RTF file"
    damaged_errors: ClassVar[tuple[type[BaseException], ...]] = (ValueError, IndexError, KeyError)
    # striprtf trips with a TypeError over a control word missing its number ('\\uc' alone),
    # found by the fuzz campaign: damage in the file, not a bug here.
    library_packages = ("striprtf",)

    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        raw = path.read_bytes().decode("latin-1")  # RTF is 7-bit with escapes; latin-1 never fails
        add_lines(doc, rtf_to_text(raw, errors="replace"))
        doc.pages = 1


_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
               "article", "header", "footer", "blockquote", "pre", "hr", "title", "ul", "ol", "dt", "dd"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}


class _HtmlText(HTMLParser):
    """Text split at block tags, script/style dropped, tables kept as rows of cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, str]] = [("", "text")]
        self.skip = 0
        self.tables: list[list[list[str]]] = []
        self.stack: list[list[list[str]]] = []
        self.cell: list[str] | None = None
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag == "table":
            self.stack.append([])
        elif tag == "tr" and self.stack:
            self.stack[-1].append([])
        elif tag in ("td", "th") and self.stack:
            if not self.stack[-1]:
                self.stack[-1].append([])
            self.cell = []
        if tag in _BLOCK_TAGS or tag in ("td", "th"):
            self._break("heading" if tag in ("h1", "h2", "h3", "h4", "h5", "h6") else "text")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag in ("td", "th") and self.stack and self.cell is not None:
            self.stack[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table" and self.stack:
            self.tables.append(self.stack.pop())
        if tag in _BLOCK_TAGS or tag in ("td", "th"):
            self._break("text")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        text, kind = self.lines[-1]
        self.lines[-1] = (text + data, kind)

    def _break(self, kind: str) -> None:
        if self.lines[-1][0].strip():
            self.lines.append(("", kind))
        else:
            self.lines[-1] = ("", kind)


class HtmlExtractor(Extractor):
    formats = ("html",)
    label = "HTML file"
    damaged_errors: ClassVar[tuple[type[BaseException], ...]] = (ValueError, AssertionError)

    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        add_html(doc, read_text(path))
        doc.pages = 1


def add_html(doc: ExtractedDocument, html: str, part: str = PART_BODY) -> None:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    number = 0
    for text, kind in parser.lines:
        text = " ".join(text.split())
        if text:
            number += 1
            doc.blocks.append(TextBlock(text, Location(part=part, line=number), kind))
    if parser.title.strip():
        doc.metadata.setdefault("title", " ".join(parser.title.split())[:500])
    for rows in parser.tables:
        if rows:
            doc.tables.append(Table(rows, Location(part=part, table=len(doc.tables))))
