"""``extract()``: path in, :class:`ExtractedDocument` out, never an exception for bad input.

Order of work: path checks (directory, symlink out of its folder), size, format by magic bytes,
then the format's extractor. With ``Limits.timeout_seconds`` set the parse runs in a reusable
worker process (:mod:`extractors.worker`) that is killed when the time is up or when a native
parser crashes, so no file can hang or kill the caller.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import replace
from pathlib import Path

from extractors.base import extractor_for
from extractors.document import ExtractedDocument
from extractors.errors import ExtractionError, PasswordProtected, Unreadable, Unsupported
from extractors.limits import DEFAULT_LIMITS, Limits, check_path, check_size, memory_message
from extractors.sniff import sniff
from extractors.version import EXTRACTOR_VERSION
from extractors.worker import run_in_worker

log = logging.getLogger(__name__)

ACCEPTED = ("PDF, Word (.docx), Excel (.xlsx, .xlsm), PowerPoint (.pptx), email (.eml, .msg), "
            "CSV, RTF, HTML, plain text, or a PNG/JPEG/TIFF image")

_LEGACY = {
    "doc": "a legacy Word .doc file; save it as .docx or PDF and upload that",
    "xls": "a legacy Excel .xls file; save it as .xlsx and upload that",
    "ppt": "a legacy PowerPoint .ppt file; save it as .pptx or PDF and upload that",
    "xlsb": "an Excel binary .xlsb workbook; save it as .xlsx and upload that",
    "xps": "an XPS document; print it to PDF and upload the PDF",
    "odf": "an OpenDocument file; save it as .docx, .xlsx or PDF and upload that",
}


def extract(path: Path | str, *, display_path: str | None = None,
            limits: Limits | None = None) -> ExtractedDocument:
    """Extract one file. Bad input gives a status and error, never an exception."""
    limits = limits or DEFAULT_LIMITS
    path = Path(path)
    shown = display_path if display_path is not None else str(path)
    try:
        check_path(path)
    except ExtractionError as e:
        return failed(shown, e)
    if limits.timeout_seconds is None:
        doc, bug = extract_local(path, shown, limits)
    else:
        doc, bug = run_in_worker(path, shown, limits)
    if bug:
        log.error("extractor bug on %s:\n%s", shown, bug)
    return doc


def failed(shown: str, error: ExtractionError, fmt: str = "unknown") -> ExtractedDocument:
    return ExtractedDocument(path=shown, status=error.status, error=error.message, format=fmt,
                             extractor_version=EXTRACTOR_VERSION)


def extract_local(path: Path, shown: str, limits: Limits, depth: int = 0) -> tuple[ExtractedDocument, str | None]:
    """Extract in this process. Returns the document and, for an extractor bug, its traceback."""
    doc = ExtractedDocument(path=shown, extractor_version=EXTRACTOR_VERSION)
    try:
        st = check_path(path)
        check_size(st.st_size, limits)
        doc.format = fmt = sniff(path)
        extractor_cls = extractor_for(fmt)
        if extractor_cls is None:
            raise _unsupported(fmt)
        extractor_cls(limits, depth).run(path, doc)
    except ExtractionError as e:
        return _as_failure(doc, e), None
    except MemoryError:
        doc.status, doc.error = "unreadable", memory_message()
        _clear(doc)
        return doc, None
    except RecursionError as e:
        doc.status, doc.error = "unreadable", f"too complex to read ({type(e).__name__})"
        _clear(doc)
        return doc, None
    except Exception as e:  # a bug in an extractor, not in the file: say so, keep the traceback
        doc.status = "unreadable"
        doc.error = f"could not be read: internal extractor error ({type(e).__name__}); reported for a fix"
        _clear(doc)
        return doc, traceback.format_exc()
    _scrub(doc)
    if doc.status == "ok" and not doc.text().strip() and not doc.attachments and not doc.tables:
        doc.warnings.append("no text found in the file")
    return doc, None


def _scrub(doc: ExtractedDocument) -> None:
    """No NUL characters anywhere: padded Office/Outlook strings carry them, and neither
    PostgreSQL text nor a reviewer's screen wants them."""
    if "\x00" in doc.text():
        doc.blocks = [replace(b, text=b.text.replace("\x00", "")) for b in doc.blocks]
    doc.metadata = {k: v.replace("\x00", "").strip() for k, v in doc.metadata.items()}
    for table in doc.tables:
        for row in table.rows:
            row[:] = [c.replace("\x00", "") for c in row]
    for d in doc.dates:
        if "\x00" in d.text:
            doc.dates = [replace(x, text=x.text.replace("\x00", "")) for x in doc.dates]
            break
    for attachment in doc.attachments:
        _scrub(attachment)


def _unsupported(fmt: str) -> ExtractionError:
    if fmt in _LEGACY:
        return Unsupported(f"unsupported format: {_LEGACY[fmt]}")
    if fmt == "encrypted-office":
        return PasswordProtected("Office file")
    if fmt == "empty":
        return Unsupported("empty file")
    if fmt == "damaged-zip":
        return Unreadable("damaged file: the Office (ZIP) package is truncated or corrupt; upload it again")
    return Unsupported(f"unsupported file type ({fmt}); accepted: {ACCEPTED}")


def _as_failure(doc: ExtractedDocument, e: ExtractionError) -> ExtractedDocument:
    doc.status, doc.error = e.status, e.message
    _clear(doc)
    return doc


def _clear(doc: ExtractedDocument) -> None:
    """A failed document carries no half-read content (nothing half-written)."""
    doc.blocks, doc.tables, doc.signature_fields, doc.images, doc.dates = [], [], [], [], []
    doc.attachments = []
