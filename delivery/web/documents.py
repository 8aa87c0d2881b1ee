"""Showing a POE document at the place a piece of evidence points to.

- PDF: the page rendered to PNG with pypdfium2 in a limited worker (``extractors.render``),
  cached on disk; the evidence region (the extractor's bbox, else
  the evidence text found on the page) is drawn over it by the page as a highlight box.
- Everything else (DOCX, XLSX, CSV, e-mail...): the extracted text view, the evidence's
  paragraph / table cell / sheet cell marked. The extraction is read from the store's
  extraction cache (by content hash), else extracted now through the extractors' safety limits.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors import worker  # the module, not run_job: read per call (tests swap it)
from extractors.document import Location
from extractors.errors import JobFailed
from extractors.render import RENDERER_VERSION
from pipeline.claim_views import ClaimView, DocumentView
from pipeline.service import ClaimService

RENDER_SCALE = 1.5  # 108 dpi: readable, and a page PNG stays around 100-300 KB
MAX_RENDER_PAGES = 2000
MAX_GRID_CELLS = 5000


def find_document(view: ClaimView, path: str) -> DocumentView | None:
    for doc in view.documents:
        if doc.path == path:
            return doc
    # Evidence in an e-mail's attachment names 'mail.eml/attachment.pdf' or similar.
    for doc in view.documents:
        if path.startswith(doc.path):
            return doc
    return None


IMAGE_TYPES = frozenset({"png", "jpeg", "gif", "tiff", "bmp", "webp"})
MAX_IMAGE_SIDE = 2200  # pixels of a scan shown in the browser; larger scans are scaled down


def is_image(doc: DocumentView) -> bool:
    return doc.detected_type in IMAGE_TYPES


def image_info(path: str, page: int) -> tuple[int, float, float]:
    """(frames, width, height in points at the scan's dpi) of 1-based ``page``: the unit the
    extractors' OCR bboxes use. Read in a worker, like every look into an uploaded file."""
    return _job("info", (path, page, "image"))


def is_pdf(doc: DocumentView) -> bool:
    if doc.detected_type == "pdf":
        return True
    try:
        with open(doc.stored_path, "rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


# --- PDF pages --------------------------------------------------------------------------------


class PdfError(Exception):
    """The PDF cannot be opened or the page does not exist (shown to the reviewer as it stands)."""


# Rendering and page look-ups run in the extractors' limited workers (time, memory budget,
# pixel budget), never in the web process, and never behind one global lock: each view takes
# one of the process's worker slots. A partner's 606-byte PDF with a 10,000 x 10,000 pt page
# took 17.8 s and 1.65 GB in the server, while every other view waited, before this.
RENDER_TIMEOUT = 20.0
RENDER_MAX_PIXELS = 8_000_000  # one rendered page: 2,450 x 3,270 px, an A4 page at ~290 dpi


def _job(kind: str, args: tuple[Any, ...]) -> Any:
    if not Path(args[0]).is_file():
        raise PdfError("the stored file is missing")
    try:
        return worker.run_job(kind, args, RENDER_TIMEOUT)
    except JobFailed as exc:
        raise PdfError(exc.message) from None


def pdf_info(path: str, page: int) -> tuple[int, float, float]:
    """(page count, width, height in points) of 1-based ``page``."""
    return tuple(_job("info", (path, page, "pdf")))  # type: ignore[return-value]


def render_page(path: str, page: int, kind: str, sha256: str, cache_dir: Path | None) -> bytes:
    """PNG bytes of 1-based ``page`` of a PDF (``kind="pdf"``) or an image's frame, from the
    disk cache (keyed by the blob's sha256, page, scale and renderer version) when there; else
    rendered in a worker and cached. Raises PdfError saying why it cannot be shown."""
    scale = RENDER_SCALE if kind == "pdf" else MAX_IMAGE_SIDE
    cached = None
    if cache_dir is not None and re.fullmatch(r"[0-9a-f]{64}", sha256):
        cached = cache_dir / sha256[:2] / f"{sha256}-p{page}-s{scale:g}-r{RENDERER_VERSION}.png"
        if cached.is_file():
            return cached.read_bytes()
    png = bytes(_job("render", (path, page, kind, RENDER_SCALE, RENDER_MAX_PIXELS, MAX_IMAGE_SIDE)))
    if cached is not None and cache_dir is not None:
        _write_atomic(cached, png)
        _prune(cache_dir)
    return png


RENDER_CACHE_FILES = 5000  # ~1 GB of pages at most; the least recently written go first
_writes = 0


def _prune(cache_dir: Path) -> None:
    """Every 100th write, drop the oldest pages beyond RENDER_CACHE_FILES (a rerender is cheap)."""
    global _writes
    _writes += 1
    if _writes % 100:
        return
    try:
        files = sorted(cache_dir.glob("*/*.png"), key=lambda p: p.stat().st_mtime)
        for old in files[: max(0, len(files) - RENDER_CACHE_FILES)]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # another view pruned the same file first


def _write_atomic(target: Path, data: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".render-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except OSError:
        pass  # a full or read-only disk only costs the next view a render


def render_pdf_page(path: str, page: int) -> bytes:
    """PNG bytes of 1-based ``page`` of a PDF (uncached; see :func:`render_page`)."""
    return render_page(path, page, "pdf", "", None)


def render_image_page(path: str, page: int) -> bytes:
    """A scan's frame as PNG, scaled down to MAX_IMAGE_SIDE (uncached; see :func:`render_page`)."""
    return render_page(path, page, "image", "", None)


def placeholder_png(message: str) -> bytes:
    """A small picture saying why the page cannot be shown (the page view stays usable)."""
    from PIL import Image, ImageDraw  # lazy: PIL only for the rare placeholder picture

    image = Image.new("RGB", (640, 200), (246, 246, 246))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 639, 199), outline=(180, 180, 180))
    lines = ["This page cannot be shown.", *textwrap.wrap(message, 90)[:8]]
    draw.multiline_text((16, 16), "\n".join(lines), fill=(60, 60, 60), spacing=6)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def find_text_boxes(path: str, page: int, text: str) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, top, x1, bottom; points from the top-left, as the extractors give bboxes) of
    ``text`` on the page, when the evidence has no bbox of its own. Whitespace in the evidence
    may differ from the page's, so the longest line of it is searched (in a worker)."""
    try:
        return list(_job("boxes", (path, page, text)))
    except PdfError:
        return []


def highlight_style(box: tuple[float, float, float, float], width: float, height: float) -> str:
    """CSS placing a highlight over the rendered page, in percent so it scales with the image."""
    x0, top, x1, bottom = box
    pad = 2.0
    left = max(0.0, (x0 - pad) / width * 100)
    tp = max(0.0, (top - pad) / height * 100)
    w = min(100.0 - left, (x1 - x0 + 2 * pad) / width * 100)
    h = min(100.0 - tp, (bottom - top + 2 * pad) / height * 100)
    return f"left:{left:.3f}%;top:{tp:.3f}%;width:{w:.3f}%;height:{h:.3f}%"


# --- extracted text view ----------------------------------------------------------------------


def load_extraction(service: ClaimService, doc: DocumentView) -> dict[str, Any] | None:
    """The extracted document (``ExtractedDocument.to_dict()``): cached in the store by content
    hash, else extracted now within the extractors' limits; None when no extractor is there."""
    cached = service.cached_extraction(doc.content_hash)
    if cached is not None:
        return cached
    try:
        # lazy, and looked up per call: tests swap extractors.extract
        from extractors import extract  # type: ignore[attr-defined]
    except ImportError:
        return None
    if not Path(doc.stored_path).is_file():
        return None
    try:
        return dict(extract(Path(doc.stored_path), display_path=doc.path).to_dict())
    except Exception as exc:  # extract() should never raise; if it does, say so instead of a 500
        return {"path": doc.path, "status": "unreadable", "error": f"{type(exc).__name__}: {exc}", "blocks": []}


_LOC_KEYS = ("part", "paragraph", "table", "row", "col", "sheet", "cell", "line", "page")


def location_matches(block_loc: dict[str, Any], wanted: dict[str, Any]) -> bool:
    """True when the block stands where the evidence points (every key the evidence gives,
    except page/bbox which only PDFs use, must agree; 'body' is the default part)."""
    keys = [k for k in _LOC_KEYS if k in wanted and k != "page"]
    if not keys:
        return False
    if "part" not in keys and "paragraph" in keys:
        keys.append("part")  # paragraph numbers restart per part: no part given means the body
    # Attachments keep their own pages and boxes: when both sides have them, they must agree too.
    if wanted.get("page") is not None and block_loc.get("page") is not None and wanted["page"] != block_loc["page"]:
        return False
    a_box, b_box = block_loc.get("bbox"), wanted.get("bbox")
    if a_box and b_box and any(abs(float(x) - float(y)) > 0.5 for x, y in zip(a_box, b_box, strict=False)):
        return False
    for key in keys:
        a, b = block_loc.get(key), wanted.get(key)
        if key == "part":
            a, b = a or "body", b or "body"
        if key == "cell" and isinstance(a, str) and isinstance(b, str):
            a, b = a.upper().replace("$", ""), b.upper().replace("$", "")
        if a != b:
            return False
    return True


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass
class TextBlockView:
    text: str
    label: str
    kind: str
    highlighted: bool


@dataclass
class SheetGrid:
    name: str
    columns: list[str]
    rows: list[tuple[int, list[tuple[str, bool]]]]  # (row number, [(text, highlighted)])


@dataclass
class TextView:
    status: str
    error: str | None
    blocks: list[TextBlockView] = field(default_factory=list)
    sheets: list[SheetGrid] = field(default_factory=list)
    matched: bool = False


_CELL_RE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def _col_letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _label(loc: dict[str, Any]) -> str:
    try:
        return Location.from_dict({k: v for k, v in loc.items() if k in Location.__dataclass_fields__}).label()
    except Exception:
        return ", ".join(f"{k} {v}" for k, v in loc.items())


def _blocks_of(part: dict[str, Any]) -> list[dict[str, Any]]:
    out = [b for b in part.get("blocks") or [] if isinstance(b, dict)]
    for attachment in part.get("attachments") or []:
        if isinstance(attachment, dict):
            out.extend(_blocks_of(attachment))
    return out


def find_part(extraction: dict[str, Any], document: str) -> dict[str, Any]:
    """The attachment an evidence's document names ('mail.eml#attachment:SOW.pdf'), else the
    whole extraction."""
    if "#" not in document:
        return extraction
    stack = list(extraction.get("attachments") or [])
    while stack:
        part = stack.pop(0)
        if not isinstance(part, dict):
            continue
        path = str(part.get("path") or "")
        if path == document or path.endswith(document.split("#", 1)[1]):
            return part
        stack.extend(part.get("attachments") or [])
    return extraction


def text_view(
    extraction: dict[str, Any], wanted: dict[str, Any], evidence_text: str = "", document: str = ""
) -> TextView:
    """Blocks of the extracted text with the evidence's block highlighted; spreadsheets as a grid
    per sheet with the evidence cell highlighted. When no block stands at the evidence's location
    (an older extraction), the block containing the evidence text is highlighted instead."""
    blocks = _blocks_of(find_part(extraction, document) if document else extraction)
    view = TextView(status=str(extraction.get("status") or "ok"), error=extraction.get("error"))
    hits = [location_matches(b.get("location") or {}, wanted) for b in blocks]
    if not any(hits) and evidence_text.strip():
        needle = _norm(evidence_text)[:120]
        hits = [bool(needle) and (needle in _norm(b.get("text", "")) or _norm(b.get("text", "")) == needle) for b in blocks]
        if any(hits):  # only the first occurrence
            first = hits.index(True)
            hits = [i == first for i in range(len(hits))]
    view.matched = any(hits)
    cells = [(b, h) for b, h in zip(blocks, hits, strict=True) if (b.get("location") or {}).get("cell")]
    if cells and len(cells) >= len(blocks) / 2:
        view.sheets = _grids(cells)
        return view
    view.blocks = [
        TextBlockView(str(b.get("text", "")), _label(b.get("location") or {}), str(b.get("kind", "text")), h)
        for b, h in zip(blocks, hits, strict=True)
    ]
    return view


def _grids(cells: list[tuple[dict[str, Any], bool]]) -> list[SheetGrid]:
    sheets: dict[str, dict[tuple[int, int], tuple[str, bool]]] = {}
    for block, hit in cells[:MAX_GRID_CELLS]:
        loc = block.get("location") or {}
        m = _CELL_RE.match(str(loc.get("cell", "")).upper())
        if not m:
            continue
        sheet = sheets.setdefault(str(loc.get("sheet") or "Sheet"), {})
        key = (int(m.group(2)), _col_index(m.group(1)))
        text, was = sheet.get(key, ("", False))
        sheet[key] = ((text + " " + str(block.get("text", ""))).strip(), was or hit)
    grids = []
    for name, content in sheets.items():
        max_col = max(c for _, c in content)
        rows = sorted({r for r, _ in content})
        grids.append(
            SheetGrid(
                name,
                [_col_letters(c) for c in range(1, max_col + 1)],
                [(r, [content.get((r, c), ("", False)) for c in range(1, max_col + 1)]) for r in rows],
            )
        )
    return grids
