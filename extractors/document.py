"""The one typed output every extractor returns.

Evidence shown to reviewers points at a :class:`Location`, so every text block keeps where it came
from: PDF page and bounding box, DOCX paragraph / table cell / header / footer, XLSX sheet and
cell, email part. Everything serialises to plain JSON (``to_dict`` / ``from_dict``) so the store
can cache an extraction by content hash and never parse a document twice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any, Literal

Status = Literal["ok", "unreadable", "needs_ocr", "unsupported"]
PART_BODY = "body"


@dataclass(frozen=True)
class Location:
    """Where a piece of text stands. Unused fields stay None.

    - PDF / image / pptx: ``page`` (1-based) and ``bbox`` (x0, top, x1, bottom in PDF points,
      origin top-left, as pdfplumber gives them).
    - DOCX: ``part`` (body, header, footer, textbox), ``paragraph`` (0-based index of the block
      in its part, in document order), and for table cells ``table``, ``row``, ``col``.
    - XLSX / CSV: ``sheet`` and ``cell`` (A1 notation).
    - EML / MSG / text-like formats: ``part`` (headers, body, attachment:<name>) and ``line``.
    """

    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
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
        # Field by field, not dataclasses.asdict: asdict deep-copies every value, and a document
        # has a location per block (2 ms a document of the nightly run's CPU went here).
        out: dict[str, Any] = {}
        for name in _LOCATION_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        data = dict(data)
        if data.get("bbox") is not None:
            data["bbox"] = tuple(data["bbox"])
        return cls(**data)


_LOCATION_FIELDS = tuple(f.name for f in fields(Location))


@dataclass(frozen=True)
class TextBlock:
    """A line or paragraph of text in reading order. ``kind``: text, heading, cell, header,
    footer, textbox, email_header, ocr (text that came from OCR, so less certain)."""

    text: str
    location: Location
    kind: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "location": self.location.to_dict(), "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TextBlock:
        return cls(text=data["text"], location=Location.from_dict(data["location"]), kind=data.get("kind", "text"))


@dataclass(frozen=True)
class Table:
    """A table as rows of cell texts; ``cells`` holds each cell's own location in the same shape."""

    rows: list[list[str]]
    location: Location
    cells: list[list[Location]] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "location": self.location.to_dict(),
            "cells": [[c.to_dict() for c in r] for r in self.cells] if self.cells else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Table:
        cells = data.get("cells")
        return cls(
            rows=data["rows"],
            location=Location.from_dict(data["location"]),
            cells=[[Location.from_dict(c) for c in r] for r in cells] if cells else None,
        )


@dataclass(frozen=True)
class SignatureField:
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
    location: Location
    signer: str | None = None
    signed_at: datetime | None = None
    valid: bool | None = None
    source: str = "acroform"
    modification: str | None = None
    coverage: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["location"] = self.location.to_dict()
        d["signed_at"] = self.signed_at.isoformat() if self.signed_at else None
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SignatureField:
        data = dict(data)
        data["location"] = Location.from_dict(data["location"])
        if data.get("signed_at"):
            data["signed_at"] = datetime.fromisoformat(data["signed_at"])
        return cls(**data)


@dataclass(frozen=True)
class ImageInfo:
    """An image placed in the document (a wet signature is often one)."""

    location: Location
    width: float = 0.0
    height: float = 0.0
    near_text: str = ""  # label text next to it (e.g. 'Customer signature:'), when found

    def to_dict(self) -> dict[str, Any]:
        return {"location": self.location.to_dict(), "width": self.width, "height": self.height,
                "near_text": self.near_text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImageInfo:
        data = dict(data)
        data["location"] = Location.from_dict(data["location"])
        return cls(**data)


@dataclass(frozen=True)
class TypedDate:
    """A date the format itself types as a date (XLSX date cell, email Date header, PDF
    signing time), so checks need not parse text for it."""

    value: date
    text: str
    location: Location

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value.isoformat(), "text": self.text, "location": self.location.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TypedDate:
        return cls(value=date.fromisoformat(data["value"][:10]), text=data["text"],
                   location=Location.from_dict(data["location"]))


@dataclass
class ExtractedDocument:
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

    def all_documents(self) -> list[ExtractedDocument]:
        """This document and its attachments, recursively (an email's attached SOW counts)."""
        out = [self]
        for a in self.attachments:
            out.extend(a.all_documents())
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "error": self.error,
            "format": self.format,
            "pages": self.pages,
            "blocks": [b.to_dict() for b in self.blocks],
            "tables": [t.to_dict() for t in self.tables],
            "signature_fields": [s.to_dict() for s in self.signature_fields],
            "images": [i.to_dict() for i in self.images],
            "dates": [d.to_dict() for d in self.dates],
            "metadata": self.metadata,
            "attachments": [a.to_dict() for a in self.attachments],
            "warnings": self.warnings,
            "extractor_version": self.extractor_version,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtractedDocument:
        return cls(
            path=data["path"],
            status=data["status"],
            error=data.get("error"),
            format=data.get("format", "unknown"),
            pages=data.get("pages", 0),
            blocks=[TextBlock.from_dict(b) for b in data.get("blocks", [])],
            tables=[Table.from_dict(t) for t in data.get("tables", [])],
            signature_fields=[SignatureField.from_dict(s) for s in data.get("signature_fields", [])],
            images=[ImageInfo.from_dict(i) for i in data.get("images", [])],
            dates=[TypedDate.from_dict(d) for d in data.get("dates", [])],
            metadata=data.get("metadata", {}),
            attachments=[cls.from_dict(a) for a in data.get("attachments", [])],
            warnings=data.get("warnings", []),
            extractor_version=data.get("extractor_version", ""),
        )
