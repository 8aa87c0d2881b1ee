"""The check of one uploaded file, shown to the partner at once (issue 15, D-24).

The extractors read the file within their safety limits (size, pages, zip bombs, time, in their
worker process) and say what they found: its format by content, its pages, its text. The partner
sees what was read (pages, an excerpt, what kind of document it looks like and whether it names
the customer and the claimed products) or why it could not be read. A file whose name promises
one format while its bytes are another (a text file named ``broken.pdf``) is refused with both
named: a reviewer opening a ".pdf" must find a PDF.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scoring.catalogue import find_product

EXCERPT_CHARS = 400
REFUSED = frozenset({"unreadable", "unsupported", "mislabelled"})

# What a file's extension promises, as the formats the extractors' sniffer reports by content.
_PROMISES: dict[str, tuple[str, frozenset[str]]] = {
    "pdf": ("a PDF", frozenset({"pdf"})),
    "docx": ("a Word document", frozenset({"docx", "docm"})),
    "docm": ("a Word document", frozenset({"docx", "docm"})),
    "xlsx": ("an Excel workbook", frozenset({"xlsx", "xlsm"})),
    "xlsm": ("an Excel workbook", frozenset({"xlsx", "xlsm"})),
    "pptx": ("a PowerPoint file", frozenset({"pptx"})),
    "msg": ("an Outlook message", frozenset({"msg"})),
    "png": ("a PNG image", frozenset({"png", "image"})),
    "jpg": ("a JPEG image", frozenset({"jpeg", "image"})),
    "jpeg": ("a JPEG image", frozenset({"jpeg", "image"})),
    "tif": ("a TIFF image", frozenset({"tiff", "image"})),
    "tiff": ("a TIFF image", frozenset({"tiff", "image"})),
    "rtf": ("an RTF document", frozenset({"rtf"})),
}
_FORMAT_NAMES = {
    "pdf": "a PDF", "docx": "a Word document", "docm": "a Word document", "xlsx": "an Excel workbook",
    "xlsm": "an Excel workbook", "pptx": "a PowerPoint file", "msg": "an Outlook message", "eml": "an e-mail",
    "png": "a PNG image", "jpeg": "a JPEG image", "tiff": "a TIFF image", "image": "an image",
    "rtf": "an RTF document", "html": "a web page (HTML)", "xml": "XML", "csv": "a CSV table",
    "txt": "plain text", "text": "plain text", "zip": "a ZIP archive", "exe": "a program",
    "binary": "unrecognised binary data", "empty": "empty",
}
_KIND_NAMES = {
    "sow": "a statement of work", "msa": "a master services agreement", "po": "a purchase order",
    "poe_template": "a proof-of-execution form", "email": "an e-mail", "other": "a document of another kind",
}


@dataclass
class FileCheck:
    """One uploaded file as the check read it."""

    name: str
    status: str  # ok, needs_ocr, or refused: unreadable, unsupported, mislabelled
    format: str = "unknown"
    pages: int | None = None
    excerpt: str = ""
    reason: str = ""
    hints: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.status in REFUSED

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "format_label": format_name(self.format) if self.format != "unknown" else ""}


def format_name(fmt: str) -> str:
    return _FORMAT_NAMES.get(fmt, f"a {fmt} file")


_IMAGES = frozenset({"png", "jpeg", "tiff", "gif", "bmp", "webp", "image"})


def _extension(name: str) -> str:
    return name.rpartition(".")[2].casefold() if "." in name else ""


def mislabel(name: str, fmt: str) -> str | None:
    """'not a PDF: the file is plain text' when the extension promises another format. An image
    saved under another image's extension (phones and scanners do) is read as what it is."""
    promise = _PROMISES.get(_extension(name))
    if promise is None or fmt in promise[1] or fmt == "unknown" or (fmt in _IMAGES and promise[1] & _IMAGES):
        return None
    return f"not {promise[0]}: the file is {format_name(fmt)}"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


def _names(text: str, names: tuple[str, ...]) -> bool:
    """Any of ``names`` (three letters or more) as whole words in ``text`` (already case-folded)."""
    return any(
        re.search(rf"(?<!\w){re.escape(n.casefold())}(?!\w)", text) for n in names if len(n.strip()) >= 3
    )


def product_names(name: str, code: str | None) -> tuple[str, ...]:
    """A claimed product's name, code and the catalogue's names and aliases for it."""
    found = find_product(code or name)
    return tuple(dict.fromkeys([name, *([code] if code else []), *(found.all_names() if found else ())]))


def hints_for(doc: Any, customer: str, products: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Cheap pointers to the criteria (D-11): the kind of document, and whether it names the
    customer and the claimed products (by name, code or catalogue alias). The full checks run
    after re-submission."""
    from scoring.documents import classify_kind  # lazy: scoring.documents loads the checks (~300 ms)

    hints = [f"Looks like {_KIND_NAMES.get(classify_kind(doc), 'a document')}."]
    text = doc.text().casefold()
    if customer.strip():
        named = _names(text, (customer,))
        hints.append(f"{'Names' if named else 'Does not name'} the customer ({customer}).")
    found = [label for label, names in products if _names(text, names)]
    if products:
        hints.append(f"Names {', '.join(found)}." if found else "Names none of the claimed products.")
    return hints


def check_file(
    path: Path, name: str, limits: Any, customer: str = "", products: list[tuple[str, tuple[str, ...]]] | None = None
) -> FileCheck:
    """Read ``path`` with the extractors and say what was found, or why nothing could be."""
    try:
        # lazy: extractors.extract loads the format libraries (pdfplumber, python-docx...) on first use
        from extractors import extract
    except ImportError:  # no extractors installed: the nightly analysis reports on the file
        return FileCheck(name, "ok", reason="not checked: the extractors are not installed here")
    doc = extract(path, display_path=name, limits=limits) if limits is not None else extract(path, display_path=name)
    wrong = mislabel(name, doc.format)
    if wrong:
        return FileCheck(name, "mislabelled", doc.format, reason=f"{wrong}; upload the real file or rename it (D-24)")
    if doc.status in REFUSED:
        return FileCheck(name, str(doc.status), doc.format, reason=f"{doc.error or doc.status} (D-24)")
    check = FileCheck(name, str(doc.status), doc.format, pages=doc.pages or None, excerpt=_excerpt(doc.text()))
    promise = _PROMISES.get(_extension(name))
    if promise is not None and doc.format not in promise[1]:  # an image under another image's name
        check.hints.append(f"Named as {promise[0]}, read as {format_name(doc.format)}.")
    if doc.status == "needs_ocr":
        check.reason = "a scan without a text layer: its text is read by OCR after re-submission"
    elif not check.excerpt:
        check.reason = "; ".join(doc.warnings) or "no text found in the file"
    check.hints += hints_for(doc, customer, products or []) if check.excerpt else []
    return check
