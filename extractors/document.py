"""The one typed output every extractor returns.

Evidence shown to reviewers points at a :class:`Location`, so every text block keeps where it came
from: PDF page and bounding box, DOCX paragraph / table cell / header / footer, XLSX sheet and
cell, email part. Everything serialises to plain JSON (``to_dict`` / ``from_dict``) so the store
can cache an extraction by content hash and never parse a document twice.

The classes are plain (frozen) dataclasses, cheap to build in the extractors' inner loops; one
pydantic v2 ``TypeAdapter`` per class derives their JSON form from the type hints and validates it
on the way back. The JSON form is the one the hand-written converters wrote (a Location without
its None fields, ``bbox`` numbers as given, ``signed_at`` in Python's ISO form, ``cells`` None
when a table has none), pinned by tests/extractors/test_document_json.py. The extraction cache
(``extractions``) is keyed by content hash and ``EXTRACTOR_VERSION``: a change of this form must
bump ``EXTRACTOR_VERSION``, so no cache entry is read in a form it was not written in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, Literal, Self, cast

from pydantic import (
    BeforeValidator,
    PlainSerializer,
    PlainValidator,
    SerializerFunctionWrapHandler,
    TypeAdapter,
    WrapSerializer,
)

Status = Literal["ok", "unreadable", "needs_ocr", "unsupported"]
PART_BODY = "body"
BBox = tuple[float, float, float, float]


class Serialisable:
    """``to_dict`` / ``from_dict`` for the dataclasses below, derived from their type hints."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _adapter(type(self)).dump_python(self, mode="json")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cast(Self, _adapter(cls).validate_python(data))


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(cls: type) -> TypeAdapter[Any]:
    """Built on first use (after every class here is defined), then kept."""
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter


def _without_none(value: Any, handler: SerializerFunctionWrapHandler) -> Any:
    return {k: v for k, v in handler(value).items() if v is not None}


def _as_tuple(value: Any) -> Any:
    return tuple(value) if value is not None else None  # numbers kept as written (an int stays one)


def _as_list(value: Any) -> Any:
    return list(value) if value is not None else None


def _from_iso(value: Any) -> Any:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else value or None


def _iso_or_none(value: datetime | None) -> str | None:
    return value.isoformat() if value else None  # Python's form ('+00:00'), not pydantic's ('Z')


def _none_when_empty(value: Any, handler: SerializerFunctionWrapHandler) -> Any:
    return handler(value) if value else None


def _none_when_empty_in(value: Any) -> Any:
    return value or None


def _day(value: Any) -> Any:
    return value[:10] if isinstance(value, str) else value  # a date written with its time of day


@dataclass(frozen=True)
class Location(Serialisable):
    """Where a piece of text stands. Unused fields stay None.

    - PDF / image / pptx: ``page`` (1-based) and ``bbox`` (x0, top, x1, bottom in PDF points,
      origin top-left, as pdfplumber gives them).
    - DOCX: ``part`` (body, header, footer, textbox), ``paragraph`` (0-based index of the block
      in its part, in document order), and for table cells ``table``, ``row``, ``col``.
    - XLSX / CSV: ``sheet`` and ``cell`` (A1 notation).
    - EML / MSG / text-like formats: ``part`` (headers, body, attachment:<name>) and ``line``.
    """

    page: int | None = None
    bbox: Annotated[BBox | None, PlainValidator(_as_tuple), PlainSerializer(_as_list)] = None
    part: str | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    sheet: str | None = None
    cell: str | None = None
    line: int | None = None

    def label(self) -> str:
        """Human wording for a reviewer: 'page 7', 'Sheet1!B7', 'header, paragraph 2'."""
        bits: list[str] = []
        if self.sheet is not None:
            bits.append(f"{self.sheet}!{self.cell}" if self.cell else f"sheet {self.sheet}")
        if self.page is not None:
            bits.append(f"page {self.page}")
        if self.part and self.part != PART_BODY:
            bits.append(self.part)
        if self.table is not None:
            bits.append(f"table {self.table + 1}, row {(self.row or 0) + 1}, column {(self.col or 0) + 1}")
        elif self.paragraph is not None:
            bits.append(f"paragraph {self.paragraph + 1}")
        if self.line is not None:
            bits.append(f"line {self.line}")
        return ", ".join(bits) or "document"

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in super().to_dict().items() if v is not None}


# A Location inside another class serialises without its None fields too.
Loc = Annotated[Location, WrapSerializer(_without_none)]


@dataclass(frozen=True)
class TextBlock(Serialisable):
    """A line or paragraph of text in reading order. ``kind``: text, heading, cell, header,
    footer, textbox, email_header, ocr (text that came from OCR, so less certain)."""

    text: str
    location: Loc
    kind: str = "text"


@dataclass(frozen=True)
class Table(Serialisable):
    """A table as rows of cell texts; ``cells`` holds each cell's own location in the same shape."""

    rows: list[list[str]]
    location: Loc
    cells: Annotated[list[list[Loc]] | None, WrapSerializer(_none_when_empty), BeforeValidator(_none_when_empty_in)] = None


@dataclass(frozen=True)
class SignatureField(Serialisable):
    """A PDF AcroForm signature field (or an e-signature stamp found in the content).

    ``signed`` is True when the field holds a signature value; ``valid`` is the cryptographic
    check (None when it could not be checked). ``source``: acroform, docusign, adobe_sign, ...
    ``modification`` is pyHanko's difference analysis of what the file gained after signing
    (``none``, ``lta_updates``, ``form_filling``, ``annotations`` or ``other``: page content or
    structure changed); ``coverage`` what the signed bytes cover (``entire_file``,
    ``entire_revision``: later bytes were added, ``contiguous_block_from_start``, ``unclear``).
    Both None when the signature could not be validated.
    """

    name: str
    signed: bool
    location: Loc
    signer: str | None = None
    signed_at: Annotated[datetime | None, PlainValidator(_from_iso), PlainSerializer(_iso_or_none)] = None
    valid: bool | None = None
    source: str = "acroform"
    modification: str | None = None
    coverage: str | None = None


@dataclass(frozen=True)
class ImageInfo(Serialisable):
    """An image placed in the document (a wet signature is often one)."""

    location: Loc
    width: float = 0.0
    height: float = 0.0
    near_text: str = ""  # label text next to it (e.g. 'Customer signature:'), when found


@dataclass(frozen=True)
class TypedDate(Serialisable):
    """A date the format itself types as a date (XLSX date cell, email Date header, PDF
    signing time), so checks need not parse text for it."""

    value: Annotated[date, BeforeValidator(_day)]
    text: str
    location: Loc


@dataclass
class ExtractedDocument(Serialisable):
    """The result envelope of one file: status + error, and what could be read.

    ``status`` is ``ok`` when text was read (``warnings`` may still list partial problems),
    otherwise ``unreadable`` / ``needs_ocr`` / ``unsupported`` with ``error`` a sentence a
    partner can act on (``unreadable: password-protected``).
    """

    path: str
    status: Status = "ok"
    error: str | None = None
    format: str = "unknown"  # pdf, docx, xlsx, xlsm, csv, eml, msg, image, pptx, rtf, html, txt
    pages: int = 0  # PDF pages, sheets, slides; 1 for flowing formats
    blocks: list[TextBlock] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    signature_fields: list[SignatureField] = field(default_factory=list)
    images: list[ImageInfo] = field(default_factory=list)
    dates: list[TypedDate] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # title, author; email from/to/cc/subject/date
    attachments: list[ExtractedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extractor_version: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def rename(self, path: str) -> None:
        """Give the document its claim path, and its attachments theirs under it
        ('mail.eml#attachment:SOW.pdf'): a cached extraction keeps the name it was parsed under."""
        old = self.path
        self.path = path
        for a in self.attachments:
            if a.path.startswith(old + "#"):
                a.rename(path + a.path[len(old):])

    def add_table(self, grid: list[list[tuple[str, Location]]], location: Location) -> None:
        """A table from its cells' (text, location), row by row: each cell with text is also a
        ``cell`` text block, in reading order, ahead of the table itself."""
        for row in grid:
            for text, loc in row:
                if text:
                    self.blocks.append(TextBlock(text, loc, "cell"))
        rows = [[text for text, _ in row] for row in grid]
        cells = [[loc for _, loc in row] for row in grid]
        self.tables.append(Table(rows, location, cells))

    def all_documents(self) -> list[ExtractedDocument]:
        """This document and its attachments, recursively (an email's attached SOW counts)."""
        out = [self]
        for a in self.attachments:
            out.extend(a.all_documents())
        return out
