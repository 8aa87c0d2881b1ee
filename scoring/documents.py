"""The documents list of an analysis (spec section 3 ``documents``) and their kind.

Each submitted file is listed with its extraction status, its kind, its page count and, for
anything not ``ok``, the extractor's error; an unreadable file is a finding on that file (a
partner-facing R-DOC reason), never a reason to stop the analysis.

The kind (``sow``, ``msa``, ``po``, ``poe_template``, ``email``, ``other``) is read from the
content: what the document calls itself in its title area weighs most, phrases further down
less, and the file name only breaks a tie. An SOW that says it is "governed by the Master
Services Agreement" stays an SOW because its own title says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from extractors.document import ExtractedDocument
from scoring.reasons import reason
from scoring.types import Reason

KINDS = ("sow", "msa", "po", "poe_template", "email", "other")
HEADING_BLOCKS = 2  # the first lines: where a document names itself
HEADING_WEIGHT = 10
TITLE_BLOCKS = 8  # blocks counted as the document's title area
TITLE_WEIGHT = 3
BODY_BLOCKS = 400  # enough to classify; long documents are not read to the end

_KIND_PATTERNS: dict[str, re.Pattern[str]] = {
    "poe_template": re.compile(
        r"proof[\s-]+of[\s-]+execution|\bPOE\s+(?:template|form|workbook)\b|\bCPOR\b.{0,40}\b(?:POE|proof)\b|"
        r"customer\s+acknowledg(?:e)?ment\s+of\s+partner", re.I),
    "po": re.compile(r"\bpurchase\s+order\b|\bP\.?O\.?\s*(?:number|no\.?|#)(?=\W)", re.I),
    "msa": re.compile(r"(?i:\bmaster\s+(?:services?\s+|consulting\s+|professional\s+services\s+)?agreement\b)|\bMSA\b"),
    "sow": re.compile(r"\bstatement\s+of\s+work\b|\bscope\s+of\s+work\b|\bwork\s+order\b|\bSOW\b", re.I),
}
_EMAIL_HEAD = re.compile(r"^\s*(from|to|sent|subject|date|cc)\s*:", re.I)
_FILENAME_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("poe_template", re.compile(r"poe|proof.?of.?execution", re.I)),
    ("po", re.compile(r"(^|[^a-z])po([^a-z]|$)|purchase.?order", re.I)),
    ("msa", re.compile(r"(^|[^a-z])msa([^a-z]|$)|master", re.I)),
    ("sow", re.compile(r"(^|[^a-z])sow([^a-z]|$)|statement.?of.?work", re.I)),
    ("email", re.compile(r"\.(eml|msg)$", re.I)),
)


@dataclass(frozen=True)
class DocumentInfo:
    path: str
    status: str
    kind: str
    pages: int
    format: str = "unknown"
    error: str | None = None
    attachments: tuple[DocumentInfo, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "status": self.status, "kind": self.kind,
                               "pages": self.pages, "format": self.format}
        if self.status != "ok":
            out["error"] = self.error or f"{self.status}: the file could not be read"
        if self.attachments:
            out["attachments"] = [a.to_json() for a in self.attachments]
        return out


def classify_kind(doc: ExtractedDocument) -> str:
    """``sow`` / ``msa`` / ``po`` / ``poe_template`` / ``email`` / ``other`` from the content."""
    if doc.format in ("eml", "msg"):
        return "email"
    blocks = [b.text for b in doc.blocks[:BODY_BLOCKS] if b.text.strip()]
    if not blocks:
        return _from_filename(doc.path)
    head = blocks[:TITLE_BLOCKS]
    if sum(1 for t in head if _EMAIL_HEAD.match(t)) >= 2:
        return "email"  # an email printed to PDF or saved as text
    scores = dict.fromkeys(_KIND_PATTERNS, 0)
    zones = (("\n".join(blocks[:HEADING_BLOCKS]), HEADING_WEIGHT),
             ("\n".join(blocks[HEADING_BLOCKS:TITLE_BLOCKS]), TITLE_WEIGHT),
             ("\n".join(blocks[TITLE_BLOCKS:]), 1))
    for kind, pattern in _KIND_PATTERNS.items():
        for text, weight in zones:
            scores[kind] += weight * len(pattern.findall(text))
    best = max(scores.values())
    if best == 0:
        return _from_filename(doc.path)
    leaders = [k for k, v in scores.items() if v == best]
    if len(leaders) > 1:
        hinted = _from_filename(doc.path)
        return hinted if hinted in leaders else leaders[0]
    return leaders[0]


def _from_filename(path: str) -> str:
    name = PurePosixPath(path.replace("\\", "/")).name
    for kind, pattern in _FILENAME_HINTS:
        if pattern.search(name):
            return kind
    return "other"


def describe(doc: ExtractedDocument) -> DocumentInfo:
    return DocumentInfo(
        path=doc.path,
        status=doc.status,
        kind=classify_kind(doc) if doc.ok else _from_filename(doc.path),
        pages=doc.pages,
        format=doc.format,
        error=None if doc.ok else (doc.error or doc.status),
        attachments=tuple(describe(a) for a in doc.attachments),
    )


_STATUS_CODES = {"unreadable": "R-DOC-003", "needs_ocr": "R-DOC-004", "unsupported": "R-DOC-005"}


def document_reasons(infos: Sequence[DocumentInfo]) -> list[Reason]:
    """One partner-facing reason per file (or attachment) that could not be read (D-24)."""
    out: list[Reason] = []
    for info in infos:
        if not info.ok:
            out.append(reason(_STATUS_CODES.get(info.status, "R-DOC-003"), document=info.path,
                              error=info.error or info.status))
        out.extend(document_reasons(info.attachments))
    return out
