"""The conflict page, truly side by side (issue 15, D-18): per criterion the competing claims'
verdicts, quotes and dates next to each other; what decides the ranking, factor by factor, in
the order :func:`scoring.compare.compare` applies them; why the margin is what it is; and two
document viewers (one per pane) that open any of the claims' documents beside each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import Request

from delivery.web import documents as docs
from delivery.web.ops import ConflictPage
from delivery.web.views import CRITERIA_LABELS, EvidenceRef, evidence_refs
from pipeline.claim_views import ClaimView
from pipeline.roles import Actor
from scoring.checks.datefind import day_first, find_dates
from scoring.compare import _PRODUCT_RANK, MIN_MARGIN, SCORE_BAND, activity_rank

QUOTES_PER_CELL = 3
ACTIVITY_WORDS = {0: "delivery", 1: "other activity", 2: "revenue association"}


@dataclass
class Factor:
    """One ranking factor: its label, each claim's value as shown, and the sort values."""

    label: str
    shown: dict[str, str]
    keys: dict[str, Any]
    decides: bool = False


@dataclass
class Cell:
    verdict: str | None
    quotes: list[tuple[EvidenceRef, int | None]] = field(default_factory=list)  # (evidence, doc number)
    dates: list[str] = field(default_factory=list)


def _criteria(view: ClaimView) -> dict[str, Any]:
    return dict((view.analysis or {}).get("criteria") or {})


def _dates_in(texts: list[str]) -> list[date]:
    found: list[date] = []
    for text in texts:
        found += [d.value for d in find_dates(text, day_first(text)) if not d.partial]
    return sorted(set(found))


def engagement(view: ClaimView) -> date | None:
    """As scoring.compare.engagement_date: the earliest date of the signature evidence, else of
    the dates evidence, else the claim's creation date."""
    criteria = _criteria(view)
    for name in ("customer_signature", "dates"):
        found = criteria.get(name) or {}
        if found.get("verdict") in (None, "not_met"):
            continue
        dates = _dates_in([str(ev.get("text") or "") for ev in found.get("evidence") or [] if isinstance(ev, dict)])
        if dates:
            return dates[0]
    return view.created_at.date() if view.created_at else None


def _product_verdict(view: ClaimView, product: str) -> str:
    products = (_criteria(view).get("product_links") or {}).get("products") or {}
    for key, found in products.items():
        line = next((p for p in view.product_lines if p.key == key), None)
        if key.casefold() == product.casefold() or (line and product.casefold() in {
                (line.code or "").casefold(), line.name.casefold()}):
            return str((found or {}).get("verdict") or "absent")
    return "absent"


def _facts(view: ClaimView, product: str, stored: dict[str, Any]) -> dict[str, Any]:
    """The claim's ranking inputs: the comparison's own record when it has one, else the same
    quantities read from the claim's current analysis."""
    analysis = view.analysis or {}
    engaged = stored.get("engaged_on") or (e.isoformat() if (e := engagement(view)) else None)
    return {
        "met": int(stored.get("criteria_met", sum(1 for c in _criteria(view).values() if c.get("verdict") == "met"))),
        "product": str(stored.get("product") or _product_verdict(view, product)),
        "score": float(stored.get("score", analysis.get("score") or view.score or 0)),
        "eligible": bool(stored.get("eligible", not analysis.get("eligibility"))),
        "engaged_on": engaged,
        "activity": str(stored.get("activity") or view.activity),
    }


def ranking_factors(conflict: ConflictPage) -> list[Factor]:
    stored = {str(c.get("claim_id")): c for c in conflict.result.get("claims") or [] if isinstance(c, dict)}
    facts = {c.claim_id: _facts(c, conflict.product, stored.get(c.claim_id, {})) for c in conflict.claims}
    ids = list(facts)
    factors = [
        Factor("POE criteria met (D-11)", {i: f"{facts[i]['met']} of 5" for i in ids}, {i: -facts[i]["met"] for i in ids}),
        Factor(f"{conflict.product} in the POE", {i: facts[i]["product"] for i in ids},
               {i: _PRODUCT_RANK.get(facts[i]["product"], 3) for i in ids}),
        Factor(f"POE score, in bands of {SCORE_BAND}", {i: f"{facts[i]['score']:g}" for i in ids},
               {i: -(facts[i]["score"] // SCORE_BAND) for i in ids}),
        Factor("Eligible (D-8)", {i: "yes" if facts[i]["eligible"] else "no" for i in ids},
               {i: 0 if facts[i]["eligible"] else 1 for i in ids}),
        Factor("Earliest customer engagement", {i: facts[i]["engaged_on"] or "none found" for i in ids},
               {i: facts[i]["engaged_on"] or "9999" for i in ids}),
        Factor("Activity type", {i: facts[i]["activity"] for i in ids},
               {i: activity_rank(facts[i]["activity"]) for i in ids}),
    ]
    ranking = [c for c in conflict.claim_ids if c in facts] or ids
    if len(ranking) >= 2:
        first, second = ranking[0], ranking[1]
        for factor in factors:
            if factor.keys[first] != factor.keys[second]:
                factor.decides = True
                break
    return factors


def margin_explained(conflict: ConflictPage, factors: list[Factor]) -> str:
    """Why the margin is what it is: the recommended claim's lead in POE score over the best
    other eligible claim, over 100; below MIN_MARGIN the partners are asked for more (D-18)."""
    if not conflict.recommended:
        return "No claim is eligible, so there is no recommended claim and no margin."
    scores = {i: float(v) for i, v in factors[2].shown.items()}
    eligible = {i for i, v in factors[3].shown.items() if v == "yes"}
    others = [scores[i] for i in eligible if i != conflict.recommended]
    if not others or conflict.recommended not in scores:
        return "The recommended claim is the only eligible one: its margin is 1.00."
    best = max(others)
    now = round(max(0.0, (scores[conflict.recommended] - best) / 100), 2)
    text = (f"Margin = (score of {conflict.recommended} − best other eligible score) / 100 = "
            f"({scores[conflict.recommended]:g} − {best:g}) / 100 = {now:.2f}. ")
    if conflict.margin is not None and abs(conflict.margin - now) > 0.005:
        text += (f"The comparison recorded {conflict.margin:.2f}: the scores changed since it ran "
                 "(it runs again with the nightly analysis). ")
    shown = conflict.margin if conflict.margin is not None else now
    if shown < MIN_MARGIN:
        return text + f"Below {MIN_MARGIN:.2f}, the lead is too small to decide on: ask every partner for more (D-18)."
    return text + f"At least {MIN_MARGIN:.2f} is needed to recommend one claim; this lead is enough."


def criterion_rows(conflict: ConflictPage) -> list[tuple[str, dict[str, Cell]]]:
    side = conflict.result.get("side_by_side") or {}
    rows = []
    per_claim = {c.claim_id: (c, evidence_refs(c.analysis)) for c in conflict.claims}
    for criterion in list(CRITERIA_LABELS) + [c for c in side if c not in CRITERIA_LABELS]:
        cells: dict[str, Cell] = {}
        for claim_id, (view, refs) in per_claim.items():
            found = _criteria(view).get(criterion) or {}
            numbers = {d.path: i for i, d in enumerate(view.documents)}
            quotes = [r for r in refs if r.criterion == criterion][:QUOTES_PER_CELL]
            cells[claim_id] = Cell(
                found.get("verdict") or (side.get(criterion) or {}).get(claim_id),
                [(r, _doc_number(view, r, numbers)) for r in quotes],
                [d.isoformat() for d in _dates_in([str(r.evidence.get("text") or "") for r in quotes])],
            )
        if any(c.verdict for c in cells.values()):
            rows.append((criterion, cells))
    return rows


def _doc_number(view: ClaimView, ref: EvidenceRef, numbers: dict[str, int]) -> int | None:
    doc = docs.find_document(view, ref.document)
    return numbers.get(doc.path) if doc else None


# --- the two viewers --------------------------------------------------------------------------


def parse_pane(spec: str | None) -> tuple[str, int, int | None, int | None] | None:
    """``claim:doc[:page[:evidence]]`` -> its parts; anything else -> None."""
    parts = (spec or "").split(":")
    try:
        page = int(parts[2]) if len(parts) > 2 and parts[2] else None
        ev = int(parts[3]) if len(parts) > 3 and parts[3] else None
        return parts[0], int(parts[1]), page, ev
    except (IndexError, ValueError):
        return None


def pane(request: Request, actor: Actor, conflict: ConflictPage, spec: str | None) -> dict[str, Any] | None:
    """One viewer: a page image with the evidence highlighted, or the extracted text."""
    parsed = parse_pane(spec)
    views = {c.claim_id: c for c in conflict.claims}
    if parsed is None or parsed[0] not in views or not 0 <= parsed[1] < len(views[parsed[0]].documents):
        return None
    claim_id, doc_no, page, ev = parsed
    view = views[claim_id]
    doc = view.documents[doc_no]
    refs = evidence_refs(view.analysis)
    ref = refs[ev] if ev is not None and 0 <= ev < len(refs) else None
    if ref is not None and (found := docs.find_document(view, ref.document)) is not None and found.path != doc.path:
        ref = None
    loc = ref.location() if ref else {}
    out: dict[str, Any] = {"view": view, "doc": doc, "doc_no": doc_no, "ref": ref, "ev": ev, "error": None, "kind": "none"}
    if (docs.is_pdf(doc) or docs.is_image(doc)) and actor.sees_personal_data:
        wanted = max(1, page or int(loc.get("page") or 1))
        try:
            count, width, height = (docs.pdf_info if docs.is_pdf(doc) else docs.image_info)(doc.stored_path, wanted)
        except docs.PdfError as exc:
            return {**out, "error": str(exc)}
        bbox = loc.get("bbox") if ref is not None and int(loc.get("page") or 1) == wanted else None
        boxes = [tuple(float(v) for v in bbox)] if isinstance(bbox, list | tuple) and len(bbox) == 4 else []
        highlights = [docs.highlight_style(b, width, height) for b in boxes]  # type: ignore[arg-type]
        return {**out, "kind": "pdf", "page": wanted, "pages": count, "highlights": highlights}
    extraction = docs.load_extraction(request.app.state.service, doc)
    redactor = request.app.state.service.redactor(actor, claim_id)
    if extraction is not None and redactor is not None:
        extraction = redactor.value(extraction)
    if extraction is None:
        return {**out, "error": "No extracted text is available for this document yet."}
    text = docs.text_view(extraction, loc, str(ref.evidence.get("text") or "") if ref else "", ref.document if ref else "")
    return {**out, "kind": "text", "text": text}


def default_panes(conflict: ConflictPage) -> tuple[str | None, str | None]:
    """The first document of the two best-ranked claims, each in its own viewer."""
    order = [c for c in conflict.claim_ids if any(v.claim_id == c and v.documents for v in conflict.claims)]
    specs = [f"{c}:0" for c in order[:2]]
    return (specs[0] if specs else None), (specs[1] if len(specs) > 1 else None)
