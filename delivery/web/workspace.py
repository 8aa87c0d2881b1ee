"""The reviewer's one-screen workspace around the claim page: the document viewer's list of
documents, the queue's filters carried from the queue to the claim page and back, and "next
claim in the queue" (the queue's own filters and order, from the claim just worked on).

The queue's query string travels as one parameter, ``q`` (``/claims/1000002?q=product%3DEXO``),
cleaned to the queue's own keys on every use: it never becomes anything but a queue query.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from delivery.web import documents as docs
from delivery.web import ops
from delivery.web.deps import STAFF, require_actor, require_role
from delivery.web.views import QueueFilters, queue_order, select_claims
from pipeline.claim_views import ClaimSummary, ClaimView
from pipeline.models import Status

router = APIRouter(include_in_schema=False)

QUEUE_KEYS = ("status", "program", "solution_area", "product", "recommendation", "overdue", "conflict", "sort", "desc")
_TRUE = {"1", "true", "on", "yes"}


def clean_queue_query(raw: str) -> str:
    """The queue query string ``raw`` reduced to the queue's own, non-empty parameters."""
    pairs = parse_qsl(raw or "", keep_blank_values=False)
    kept = {k: v.strip()[:200] for k, v in pairs if k in QUEUE_KEYS and v.strip()}
    return urlencode([(k, kept[k]) for k in QUEUE_KEYS if k in kept])


def claim_url(claim_id: str, q: str) -> str:
    """The claim page, carrying the queue query ``q`` (already cleaned) when there is one."""
    return f"/claims/{quote(claim_id)}" + (f"?q={quote(q, safe='')}" if q else "")


def queue_selection(q: str) -> tuple[QueueFilters, str]:
    """The queue's filters and status of the query ``q`` (as the queue page reads them)."""
    values = dict(parse_qsl(q))
    filters = QueueFilters(
        program=values.get("program", ""),
        solution_area=values.get("solution_area", ""),
        product=values.get("product", ""),
        recommendation=values.get("recommendation", ""),
        overdue=values.get("overdue", "").lower() in _TRUE,
        conflict=values.get("conflict", "").lower() in _TRUE,
        sort=values.get("sort", "due"),
        desc=values.get("desc", "").lower() in _TRUE,
    ).normalised()
    status = values.get("status", Status.UNDER_REVIEW.value)
    known = {s.value for s in Status}
    return filters, status if status in known or status == "all" else Status.UNDER_REVIEW.value


def next_in_queue(claims: list[ClaimSummary], current: ClaimSummary, q: str, now: object) -> str | None:
    """The claim after ``current`` in the queue ``q``'s order, whether or not ``current`` is still
    in that queue (a claim just decided has left Under review: the next one is the one that
    followed it)."""
    filters, status = queue_selection(q)
    chosen = select_claims(claims, filters, now)  # type: ignore[arg-type]
    order = queue_order(filters, now)  # type: ignore[arg-type]
    # Its place as it stood in that queue: a decision changes the due date that counts (D-17).
    here = order(current if status == "all" else replace(current, status=status))
    for claim in chosen:
        if claim.claim_id == current.claim_id:
            continue
        after = order(claim) < here if filters.desc else order(claim) > here
        if after:
            return claim.claim_id
    return None


@router.get("/queue/next")
def next_claim(request: Request, after: str, q: str = "") -> Response:
    """Open the claim that follows ``after`` in the queue the reviewer came from (keys: n)."""
    actor = require_actor(request)
    require_role(actor, STAFF, "open the review queue")
    service = request.app.state.service
    q = clean_queue_query(q)
    current = ops.get_claim(service, actor, after)
    _, status = queue_selection(q)
    claims = service.list_claims(actor, status=None if status == "all" else status)
    following = next_in_queue(claims, current, q, request.app.state.clock.now())
    if following is None:
        request.session["flash"] = [*request.session.get("flash", []), ["ok", "No further claim in this queue."]]
        return RedirectResponse("/queue" + (f"?{q}" if q else ""), status_code=303)
    return RedirectResponse(claim_url(following, q), status_code=303)


# --- the document viewer ----------------------------------------------------------------------


@dataclass
class ViewerDoc:
    """A document as the claim page's viewer shows it: its rendered pages one under another
    (``pages``: PDFs and scans, for those who may see the files), else its extracted text."""

    no: int
    path: str
    kind: str  # pages | text
    pages: int


def viewer_documents(view: ClaimView) -> list[ViewerDoc]:
    out = []
    for no, doc in enumerate(view.documents):
        paged = not view.personal_data_withheld and (docs.is_image(doc) or docs.is_pdf(doc))
        pages = max(1, min(int(doc.pages or 1), docs.MAX_RENDER_PAGES)) if paged else 0
        out.append(ViewerDoc(no, doc.path, "pages" if paged else "text", pages))
    return out

