"""AcroForm signature fields of a PDF, read and (where a certificate is embedded) validated with
pyHanko: signed or empty, signer name, signing time, and where the field's widget sits."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from extractors.document import ExtractedDocument, Location, SignatureField, TypedDate
from extractors.pdf import pdf_date
from extractors.pdf_layout import to_display

log = logging.getLogger(__name__)


def read_signature_fields(path: Path, doc: ExtractedDocument) -> None:
    # lazy: pyHanko costs ~230-450 ms at import (python -X importtime); only signed PDFs need it
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    with path.open("rb") as f:
        try:
            reader = PdfFileReader(f, strict=False)
            pages = _page_index(reader)
            embedded = {s.field_name: s for s in reader.embedded_signatures}
            fields = list(enumerate_sig_fields(reader, filled_status=None))
        except Exception as e:  # noqa: BLE001 - pyHanko is stricter than pdfium on odd files
            doc.warnings.append(f"signature fields not read ({type(e).__name__})")
            return
        for name, value, field_ref in fields:
            try:
                doc.signature_fields.append(_field(name, value, field_ref, pages, embedded.get(name), doc))
            except Exception as e:  # noqa: BLE001
                doc.warnings.append(f"signature field {name!r} not read ({type(e).__name__})")
    for sig in doc.signature_fields:
        if sig.signed_at is not None:
            doc.dates.append(TypedDate(sig.signed_at.date(), sig.signed_at.isoformat(), sig.location))


def _page_index(reader: Any) -> dict[int, tuple[int, Any]]:
    """Object number of each page, and of each annotation on it, to (page number, page dict)."""
    out: dict[int, tuple[int, Any]] = {}
    number = 0

    def walk(node_ref: Any, depth: int = 0) -> None:
        nonlocal number
        node = node_ref.get_object() if hasattr(node_ref, "get_object") else node_ref
        if depth > 50:
            return
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            for kid in node.raw_get("/Kids") if "/Kids" in node else []:
                walk(kid, depth + 1)
            return
        number += 1
        if hasattr(node_ref, "idnum"):
            out[node_ref.idnum] = (number, node)
        annots = node.raw_get("/Annots") if "/Annots" in node else []
        annots = annots.get_object() if hasattr(annots, "get_object") else annots
        for a in annots:
            if hasattr(a, "idnum"):
                out[a.idnum] = (number, node)

    walk(reader.root.raw_get("/Pages"))
    return out


def _field(name: str, value: Any, field_ref: Any, pages: dict[int, tuple[int, Any]], embedded: Any,
           doc: ExtractedDocument) -> SignatureField:
    # Plain str: pyHanko's TextStringObject keeps a reference to the open file, so a document
    # holding one cannot be sent back from the extraction worker (every signed PDF read there
    # came back 'the parser crashed on it').
    name = str(name)
    field = field_ref.get_object()
    widget_ref, widget = field_ref, field
    if "/Rect" not in field and "/Kids" in field:
        widget_ref = field.raw_get("/Kids")[0]
        widget = widget_ref.get_object()
    page_number, page = pages.get(getattr(widget_ref, "idnum", -1), (None, None))
    if page_number is None and "/P" in widget:
        page_number, page = pages.get(getattr(widget.raw_get("/P"), "idnum", -1), (None, None))
    bbox = None
    if page is not None and "/Rect" in widget:
        rect = [float(v) for v in widget["/Rect"]]
        box = page.get("/CropBox") or page.get("/MediaBox") or [0, 0, 612, 792]
        rotation = int(page.get("/Rotate", 0)) % 360
        bbox = to_display((min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]),
                           max(rect[1], rect[3])), tuple(float(v) for v in box), rotation)  # type: ignore[arg-type]
    location = Location(page=page_number, bbox=bbox)
    if value is None:
        return SignatureField(name=name, signed=False, location=location)
    sig = value.get_object() if hasattr(value, "get_object") else value
    signer: str | None = str(sig["/Name"]) if "/Name" in sig else None
    signed_at = None
    valid = modification = coverage = None
    if embedded is not None:
        try:
            cert = embedded.signer_cert
            signer = signer or str(cert.subject.native.get("common_name") or "") or None
        except Exception:  # noqa: BLE001 - no usable certificate: name and time from the dict only
            cert = None
        signed_at = embedded.self_reported_timestamp
        if cert is not None:
            valid, modification, coverage = _validate(embedded, doc)
    if signed_at is None and "/M" in sig:
        signed_at = pdf_date(str(sig["/M"]))
    return SignatureField(name=name, signed=True, location=location, signer=signer, signed_at=signed_at,
                          valid=valid, source="acroform", modification=modification, coverage=coverage)


def _validate(embedded: Any, doc: ExtractedDocument) -> tuple[bool | None, str | None, str | None]:
    """Whether the signature matches the signed bytes (integrity and signature math), and what
    pyHanko's difference analysis says changed after signing and what the signature covers
    (names of its ModificationLevel / SignatureCoverageLevel, lower case). Trust in the signer's
    certificate chain is not judged here (no trust roots offline)."""
    # lazy: pyHanko costs ~230-450 ms at import (python -X importtime); only signed PDFs need it
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    quiet = logging.getLogger("pyhanko")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # an untrusted chain is expected offline, not an error to log
    try:
        status = validate_pdf_signature(embedded, ValidationContext(allow_fetching=False))
    except Exception as e:  # noqa: BLE001
        doc.warnings.append(f"signature not validated ({type(e).__name__})")
        return None, None, None
    finally:
        quiet.setLevel(level)
    modification = getattr(status, "modification_level", None)
    coverage = getattr(status, "coverage", None)
    return (
        bool(status.intact and status.valid),
        modification.name.lower() if modification is not None else None,
        coverage.name.lower() if coverage is not None else None,
    )
