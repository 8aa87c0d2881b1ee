"""The document pages: one document of a claim at the place a piece of evidence points to (the
claim page's viewer loads these too), its rendered pages and the file itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from delivery.web import documents as docs
from delivery.web import ops
from delivery.web.deps import current_actor, require_actor, require_raw_files
from delivery.web.views import evidence_refs
from pipeline.errors import ClaimNotFound

router = APIRouter(include_in_schema=False)


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    context.setdefault("actor", current_actor(request))
    context.setdefault("flashes", request.session.pop("flash", []))
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)



@router.get("/claims/{claim_id}/documents/{doc_no}")
def document_page(request: Request, claim_id: str, doc_no: int, ev: int | None = None, page: int | None = None) -> Response:
    actor = require_actor(request)
    view = ops.get_claim(request.app.state.service, actor, claim_id)
    if not 0 <= doc_no < len(view.documents):
        raise ClaimNotFound(f"{claim_id} document {doc_no}")
    doc = view.documents[doc_no]
    ref = None
    if ev is not None and not actor.is_partner:
        refs = evidence_refs(view.analysis)
        if 0 <= ev < len(refs):
            found = docs.find_document(view, refs[ev].document)
            ref = refs[ev] if found is not None and found.path == doc.path else None
    loc = ref.location() if ref else {}
    evidence_text = str(ref.evidence.get("text") or "") if ref else ""
    context: dict[str, Any] = {"view": view, "doc": doc, "doc_no": doc_no, "ref": ref, "error": None}
    if (docs.is_pdf(doc) or docs.is_image(doc)) and actor.sees_personal_data:
        wanted_page = page or int(loc.get("page") or 1)
        info = docs.pdf_info if docs.is_pdf(doc) else docs.image_info
        try:
            count, width, height = info(doc.stored_path, wanted_page)
        except docs.PdfError as exc:
            context["error"] = str(exc)
            return _render(request, "document.html", context)
        boxes: list[Any] = []
        if ref is not None and int(loc.get("page") or 1) == wanted_page:
            bbox = loc.get("bbox")
            if isinstance(bbox, list | tuple) and len(bbox) == 4:
                boxes = [tuple(float(v) for v in bbox)]
            elif docs.is_pdf(doc):
                boxes = docs.find_text_boxes(doc.stored_path, wanted_page, evidence_text)
        context.update(
            kind="pdf",
            page=wanted_page,
            pages=count,
            highlights=[docs.highlight_style(b, width, height) for b in boxes],
        )
        return _render(request, "document.html", context)
    extraction = docs.load_extraction(request.app.state.service, doc)
    redactor = request.app.state.service.redactor(actor, claim_id)
    if extraction is not None and redactor is not None:
        extraction = redactor.value(extraction)  # evidence_text came redacted the same way
    if extraction is None:
        context["error"] = "No extracted text is available for this document yet."
        return _render(request, "document.html", context)
    part = ref.document if ref else ""
    context.update(kind="text", text=docs.text_view(extraction, loc, evidence_text, part))
    return _render(request, "document.html", context)


@router.get("/claims/{claim_id}/documents/{doc_no}/pages/{page}.png")
def document_page_png(request: Request, claim_id: str, doc_no: int, page: int) -> Response:
    actor = require_actor(request)
    require_raw_files(actor)
    view = ops.get_claim(request.app.state.service, actor, claim_id)
    if not 0 <= doc_no < len(view.documents):
        raise ClaimNotFound(f"{claim_id} document {doc_no}")
    doc = view.documents[doc_no]
    if not (docs.is_pdf(doc) or docs.is_image(doc)):
        raise ClaimNotFound(f"{claim_id} document {doc_no}")
    kind = "pdf" if docs.is_pdf(doc) else "image"
    cache = Path(request.app.state.data_dir) / "render-cache" if request.app.state.data_dir else None
    try:
        png = docs.render_page(doc.stored_path, page, kind, doc.content_hash, cache)
    except docs.PdfError as exc:
        # A page that cannot be shown (over a limit, damaged, timed out) is a picture saying so.
        return Response(docs.placeholder_png(str(exc)), media_type="image/png", status_code=400,
                        headers={"Cache-Control": "no-store", "X-Render-Error": _header_safe(str(exc))})
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


def _header_safe(text: str) -> str:
    return "".join(c if 32 <= ord(c) < 127 else "?" for c in text)[:300]


@router.get("/claims/{claim_id}/documents/{doc_no}/file")
def document_file(request: Request, claim_id: str, doc_no: int) -> Response:
    actor = require_actor(request)
    require_raw_files(actor)
    view = ops.get_claim(request.app.state.service, actor, claim_id)
    if not 0 <= doc_no < len(view.documents):
        raise ClaimNotFound(f"{claim_id} document {doc_no}")
    doc = view.documents[doc_no]
    name = doc.path.replace("\\", "/").rsplit("/", 1)[-1]
    # Always a download, never rendered inline: a POE file is untrusted content.
    return FileResponse(doc.stored_path, media_type="application/octet-stream", filename=name)


