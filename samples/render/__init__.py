"""Renderers: a format-neutral :class:`~samples.docmodel.Document` (or ``Email``) into
real files: PDF (reportlab), scanned PDF and PNG (rasterised, noisy, slightly turned), DOCX
(python-docx), XLSX (openpyxl) and EML (stdlib ``email``). All deterministic: the same document
gives the same bytes, so rebuilding a corpus changes nothing.

    from samples.render import render, render_bytes
    path = render(doc, folder)          # folder / doc.filename
"""

from __future__ import annotations

from pathlib import Path

from samples.docmodel import Document, Email
from samples.render.docx import render_docx
from samples.render.eml import render_eml
from samples.render.pdf import render_pdf
from samples.render.scan import render_png, render_scan_pdf
from samples.render.xlsx import render_xlsx


def render_bytes(doc: Document | Email) -> bytes:
    """The file's bytes for ``doc.fmt`` (libraries load on first use: importing is cheap)."""
    if isinstance(doc, Email):
        return render_eml(doc)
    if doc.fmt == "pdf":
        return render_pdf(doc)
    if doc.fmt in ("scan_pdf", "png"):
        return render_scan_pdf(doc) if doc.fmt == "scan_pdf" else render_png(doc)
    if doc.fmt == "docx":
        return render_docx(doc)
    if doc.fmt == "xlsx":
        return render_xlsx(doc)
    raise ValueError(f"{doc.filename}: no renderer for format {doc.fmt!r}")


def render(doc: Document | Email, folder: Path) -> Path:
    """Write ``folder / doc.filename`` (folders created as needed) and return its path."""
    path = Path(folder) / doc.filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_bytes(doc))
    return path


__all__ = ["render", "render_bytes"]
