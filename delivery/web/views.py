"""What the pages and the JSON API show, built from the library's read models.

Kept free of FastAPI so the rules (queue filters and order, evidence references, what a partner
may see) are plain functions, tested once and shared by the HTML pages and ``/api``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine

from pipeline.claim_views import ClaimSummary, ClaimView, jsonable
from pipeline.models import REVENUE_ASSOCIATION, Status
from pipeline.service import ClaimService
from pipeline.service.details import AnalysisFacts as RowFacts
from scoring.catalogue import find_product

CRITERIA_LABELS: dict[str, str] = {
    "customer_signature": "Customer signature or acknowledgment (D-11.1)",
    "product_links": "Products linked to the work (D-11.2)",
    "growth_activities": "Growth activities stated (D-11.3)",
    "partner_name": "Partner name visible (D-11.4)",
    "customer_name": "Customer name visible (D-11.4)",
    "dates": "Dates shown clearly (D-11.5)",
}
CRITERIA_SHORT: dict[str, str] = {
    "customer_signature": "signature",
    "product_links": "products",
    "growth_activities": "growth",
    "partner_name": "partner name",
    "customer_name": "customer name",
    "dates": "dates",
}
RECOMMENDATIONS = ("approve", "request_info", "reject")
SORTS = ("due", "score", "claim", "submitted", "partner", "recommendation")
PAGE_SIZE = 50


# --- queue ------------------------------------------------------------------------------------


@dataclass
class QueueFilters:
    program: str = ""
    solution_area: str = ""
    product: str = ""
    recommendation: str = ""
    overdue: bool = False
    conflict: bool = False
    sort: str = "due"
    desc: bool = False
    page: int = 1

    def normalised(self) -> QueueFilters:
        self.sort = self.sort if self.sort in SORTS else "due"
        self.recommendation = self.recommendation if self.recommendation in RECOMMENDATIONS else ""
        self.page = max(1, self.page)
        return self


@dataclass
class QueueRow:
    claim: ClaimSummary
    failed: list[str]  # criteria not met (not_met or unclear), in CRITERIA_LABELS order
    overdue: bool
    facts: RowFacts = field(default_factory=lambda: RowFacts())

    @property
    def reason(self) -> str:
        """The sentence that decided the recommendation (ineligible, unreadable file, ...)."""
        return self.facts.head

    @property
    def needs_poe(self) -> bool:
        """False for a revenue association (D-7): it needs no POE, so its criteria fail nothing."""
        return needs_poe(self.claim)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.claim.to_json(),
            "failed_criteria": self.failed,
            "overdue": self.overdue,
            "reason": self.facts.head,
            "reason_code": self.facts.head_code,
            "unreadable_documents": self.facts.unreadable,
            "due_at": jsonable(due_for(self.claim)),
            "due_kind": due_kind(self.claim.status),
        }


@dataclass
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int
    filters: QueueFilters
    programs: list[str] = field(default_factory=list)
    solution_areas: list[str] = field(default_factory=list)
    overdue_total: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "page": self.page,
            "pages": self.pages,
            "page_size": PAGE_SIZE,
            "overdue_total": self.overdue_total,
            "filters": jsonable(self.filters),
            "items": [r.to_json() for r in self.rows],
        }


def needs_poe(claim: ClaimSummary) -> bool:
    """A revenue association needs no POE (D-7); every other claim does."""
    return claim.activity.strip().lower() != REVENUE_ASSOCIATION.lower()


def is_overdue(claim: ClaimSummary, now: datetime) -> bool:
    return claim.status == Status.UNDER_REVIEW.value and claim.review_due_at is not None and claim.review_due_at <= now


# The date that matters in each state: the reviewer's answer (D-14), the partner's 30 days to
# respond (D-15), the customer's 7-day opt-out window (D-17).
_DUE_BY_STATUS: dict[str, tuple[str, str]] = {
    Status.UNDER_REVIEW.value: ("review_due_at", "review due (D-14)"),
    Status.SUBMITTED.value: ("review_due_at", "review due (D-14)"),
    Status.PARTNER_ACTION_REQUIRED.value: ("action_due_at", "partner's deadline (D-15)"),
    Status.APPROVED.value: ("opt_out_until", "opt-out ends (D-17)"),
}


def due_for(claim: ClaimSummary) -> datetime | None:
    """The due date that matters for the claim's status (none for a closed claim)."""
    attr = _DUE_BY_STATUS.get(claim.status, ("", ""))[0]
    return getattr(claim, attr) if attr else None


def due_kind(status: str) -> str:
    """What :func:`due_for` is, in words, for a claim in ``status``."""
    return _DUE_BY_STATUS.get(status, ("", ""))[1]


def _sort_key(sort: str, now: datetime) -> Any:
    far = datetime.max.replace(tzinfo=now.tzinfo)
    keys: dict[str, Any] = {
        "due": lambda c: (due_for(c) or far, c.claim_id),
        "score": lambda c: (c.score if c.score is not None else math.inf, c.claim_id),
        "claim": lambda c: (c.claim_id.zfill(20),),
        "submitted": lambda c: (c.submitted_at or far, c.claim_id),
        "partner": lambda c: (c.partner.casefold(), c.claim_id),
        "recommendation": lambda c: (
            RECOMMENDATIONS.index(c.recommendation) if c.recommendation in RECOMMENDATIONS else 9,
            c.review_due_at or far,
        ),
    }
    return keys[sort]


def build_queue(store: ClaimService | Engine, claims: list[ClaimSummary], filters: QueueFilters, now: datetime) -> QueuePage:
    """Filter, sort and page the Under review claims; failed criteria only for the shown page."""
    f = filters.normalised()
    programs = sorted({c.program for c in claims})
    areas = sorted({c.solution_area for c in claims})
    chosen = select_claims(claims, f, now)
    total = len(chosen)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(f.page, pages)
    f.page = page
    shown = chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    facts = row_facts(store, [c.claim_id for c in shown])
    return QueuePage(
        rows=[QueueRow(c, facts.get(c.claim_id, RowFacts()).failed, is_overdue(c, now),
                       facts.get(c.claim_id, RowFacts())) for c in shown],
        total=total,
        page=page,
        pages=pages,
        filters=f,
        programs=programs,
        solution_areas=areas,
        overdue_total=sum(1 for c in claims if is_overdue(c, now)),
    )


def select_claims(claims: list[ClaimSummary], f: QueueFilters, now: datetime) -> list[ClaimSummary]:
    """The claims the queue's filters keep, in its order (every page: the claim page's "next
    claim" walks the same list)."""
    product = f.product.strip().casefold()
    chosen = [
        c
        for c in claims
        if (not f.program or c.program == f.program)
        and (not f.solution_area or c.solution_area == f.solution_area)
        and (not product or any(product_matches(product, p) for p in c.products))
        and (not f.recommendation or c.recommendation == f.recommendation)
        and (not f.overdue or is_overdue(c, now))
        and (not f.conflict or c.in_conflict)
    ]
    chosen.sort(key=queue_order(f, now), reverse=f.desc)
    return chosen


def queue_order(f: QueueFilters, now: datetime) -> Any:
    """The queue's sort key, the claim ID last so that no two claims tie."""
    key = _sort_key(f.sort, now)
    return lambda c: (key(c), c.claim_id)


def product_matches(term: str, key: str) -> bool:
    """The queue's product filter: ``term`` (case-folded) within the claim's product key (code,
    else name) or within any name or alias the catalogue gives that product, so "Exchange Online"
    and "Dynamics" find claims stored by code (EXO, D365_SALES_ENT)."""
    return any(term in name.casefold() for name in _product_names(key))


@lru_cache(maxsize=4096)
def _product_names(key: str) -> tuple[str, ...]:
    product = find_product(key)
    return (key, *product.all_names()) if product is not None else (key,)


# Head reasons (the recommendation's own sentence, first of an analysis's reasons) and the codes
# of a file that could not be read (D-24), shown in the queue row beside the failed criteria.
HEAD_CODES = ("R-DEC-001", "R-DEC-002", "R-DEC-003", "R-DEC-004", "R-DEC-006", "R-DEC-007")
UNREADABLE_CODES = ("R-DOC-003", "R-DOC-004", "R-DOC-005")


def row_facts(store: ClaimService | Engine, claim_ids: list[str]) -> dict[str, RowFacts]:
    """:class:`RowFacts` of the latest analysis of each claim's current submission, criteria in
    the page's order; read through the service (a bare engine gets a service of its own)."""
    service = store if isinstance(store, ClaimService) else ClaimService(store)
    out = service.analysis_facts(claim_ids, HEAD_CODES, UNREADABLE_CODES)
    order = list(CRITERIA_LABELS)
    for facts in out.values():
        facts.failed.sort(key=lambda c: order.index(c) if c in order else len(order))
    return out


# --- evidence ---------------------------------------------------------------------------------


@dataclass
class EvidenceRef:
    """One piece of evidence of the claim's analysis, numbered so a link can point at it."""

    index: int
    criterion: str
    product: str | None
    evidence: dict[str, Any]

    @property
    def document(self) -> str:
        return str(self.evidence.get("document") or "")

    @property
    def where(self) -> str:
        ev = self.evidence
        if ev.get("where"):
            return str(ev["where"])
        if ev.get("sheet"):
            return f"{ev['sheet']}!{ev.get('cell', '')}"
        if ev.get("page"):
            return f"page {ev['page']}"
        if ev.get("paragraph") is not None:
            return f"paragraph {int(ev['paragraph']) + 1}"
        return "document"

    def location(self) -> dict[str, Any]:
        loc = dict(self.evidence.get("location") or {})
        for key in ("page", "sheet", "cell", "paragraph"):
            if key not in loc and self.evidence.get(key) is not None:
                loc[key] = self.evidence[key]
        return loc


def evidence_refs(analysis: dict[str, Any] | None) -> list[EvidenceRef]:
    """Every evidence item in a stable order: criteria in the spec's order, each criterion's own
    evidence, then the per-product evidence of product_links."""
    if not analysis:
        return []
    refs: list[EvidenceRef] = []
    seen: set[tuple[str, str | None, str]] = set()

    def add(name: str, product: str | None, ev: Any) -> None:
        # The same quote at the same place is listed once per criterion (and product): the
        # checks may reach it by two routes (a block and its cell, a sentence and its row).
        if not isinstance(ev, dict):
            return
        key = (name, product, _evidence_identity(ev))
        if key not in seen:
            seen.add(key)
            refs.append(EvidenceRef(len(refs), name, product, ev))

    criteria = analysis.get("criteria") or {}
    for name in list(CRITERIA_LABELS) + sorted(set(criteria) - set(CRITERIA_LABELS)):
        found = criteria.get(name)
        if not isinstance(found, dict):
            continue
        for ev in found.get("evidence") or []:
            add(name, None, ev)
        for key, product in (found.get("products") or {}).items():
            for ev in (product or {}).get("evidence") or []:
                add(name, str(key), ev)
    return refs


def _evidence_identity(ev: dict[str, Any]) -> str:
    """Document, place and quote (whitespace folded): what makes two evidence items the same."""
    where = ev.get("location") or ev.get("where") or ""
    text = " ".join(str(ev.get("text") or "").split())
    return json.dumps([ev.get("document"), where, text], sort_keys=True, default=str)


# --- what partners may see --------------------------------------------------------------------

# History actions that name another partner's claim or organisation (D-6, D-18).
_OTHER_PARTNER_ACTIONS = {"conflict", "product_removed", "criterion_corrected"}
_PARTNER_DECISION_NOTES = {"request_info", "reject"}


def partner_view(view: ClaimView) -> dict[str, Any]:
    """The claim as its own partner may see it: no other partner's claim ID, name or documents,
    even when the claim is in a conflict (D-18) or lost a product to another partner (D-6); no
    reviewers' internal analysis."""
    data = public_json(view)
    for key in ("conflicts", "analysis", "analysis_seq", "recommendation", "score", "in_conflict", "review_due_at",
                "corrections"):
        data.pop(key, None)
    for line in data.get("product_lines") or []:
        if line.get("removed_at"):
            line["removed_reason"] = "associated with another partner on this customer (D-6)"
    history = []
    for h in data.get("history") or []:
        if h["action"] in _OTHER_PARTNER_ACTIONS or h["action"].startswith("review_overdue"):
            continue
        entry = {k: h[k] for k in ("at", "actor", "action", "from_status", "to_status", "reason")}
        if (h.get("details") or {}).get("rule") == "D-6":
            entry["reason"] = "every product is associated with another partner on this customer (D-6)"
        if h["action"] == "analysed":
            entry["reason"] = "analysed"
        if h["actor"].startswith("system:"):
            entry["actor"] = "Microsoft"
        elif "decision" in (h.get("details") or {}):
            entry["actor"] = "Microsoft reviewer"  # reviewers' names stay internal
        history.append(entry)
    data["history"] = history
    data["decisions"] = [
        {
            "decided_at": d["decided_at"],
            "decision": d["decision"],
            "note": d["note"] if d["decision"] in _PARTNER_DECISION_NOTES else "",
            "requests": d["requests"] if d["decision"] == "request_info" else [],
        }
        for d in data.get("decisions") or []
    ]
    return data


def public_json(view: ClaimView) -> dict[str, Any]:
    """The claim as JSON without server internals (where the document bytes are kept)."""
    data = view.to_json()
    for doc in data.get("documents") or []:
        doc.pop("stored_path", None)
    return data


def open_requests(view: ClaimView) -> list[str]:
    """What the partner was last asked for (D-15), while the claim awaits their action."""
    if view.status != Status.PARTNER_ACTION_REQUIRED.value:
        return []
    for d in reversed(view.decisions):
        if d.decision == "request_info":
            return [str(r) for r in d.requests] or ([d.note] if d.note else [])
    return []


# --- status diagram (as partners see it, D-13) ------------------------------------------------

MAIN_STEPS = ("Draft", "Submitted", "Under review", "Reviewed")


@dataclass
class Diagram:
    steps: list[tuple[str, str]]  # (label, state): done | current | todo
    outcome: str | None  # Approved | Rejected | Customer consent denied
    action_required: bool


def status_diagram(status: str) -> Diagram:
    """Draft -> Submitted -> Under review -> Reviewed -> Approved/Rejected, with Partner action
    required as a loop back to the partner and Customer consent denied after approval."""
    final = status in (Status.APPROVED.value, Status.REJECTED.value, Status.CONSENT_DENIED.value)
    at = {
        Status.DRAFT.value: 0,
        Status.SUBMITTED.value: 1,
        Status.UNDER_REVIEW.value: 2,
        Status.PARTNER_ACTION_REQUIRED.value: 2,
    }.get(status, 3)
    steps = []
    for i, label in enumerate(MAIN_STEPS):
        state = "done" if i < at or (final and i == at) else "current" if i == at else "todo"
        steps.append((label, state))
    return Diagram(steps, status if final else None, status == Status.PARTNER_ACTION_REQUIRED.value)


# Reasons that sum up the recommendation (approve / reject / "n items to complete") or speak of a
# conflict: they ask the partner for nothing, and conflict ones name other partners' claims (D-18).
_NOT_A_REQUEST = frozenset({"R-DEC-001", "R-DEC-002", "R-DEC-003", "R-DEC-004", "R-DEC-006"})

# What a partner in a conflict is asked when its own POE lacks nothing; it never names the other.
CONFLICT_REQUEST = (
    "Another partner has also claimed this customer for this product/workload: upload further proof of "
    "your engagement (customer-signed SOW or acknowledgment, dated milestones of the work) so Microsoft "
    "can decide (D-18)"
)


def request_prefill(analysis: dict[str, Any] | None) -> list[str]:
    """The request form's starting lines: what the analysis says is missing (reasons of criteria
    not met, eligibility findings), one line each, for the reviewer to edit (D-15, D-12)."""
    if not analysis:
        return []
    lines: list[str] = []
    # The scoring marks its requests (R-DEC-002 counts them): notes such as R-ELIG-013 ask nothing.
    flagged = "requests" in analysis
    for reason in list(analysis.get("eligibility") or []) + list(analysis.get("reasons") or []):
        if not isinstance(reason, dict):
            continue
        code = str(reason.get("code") or "")
        if code in _NOT_A_REQUEST or code.startswith("R-CONF") or (flagged and not reason.get("request")):
            continue
        message = str(reason.get("message") or "").strip()
        if not message:
            continue
        criterion = reason.get("criterion")
        verdict = ((analysis.get("criteria") or {}).get(criterion) or {}).get("verdict") if criterion else None
        if verdict == "met":
            continue  # a note on a criterion that is met asks the partner for nothing
        line = f"{message} ({reason.get('rule')})" if reason.get("rule") else message
        if line not in lines:
            lines.append(line)
    products = ((analysis.get("criteria") or {}).get("product_links") or {}).get("products") or {}
    for key, found in products.items():
        if (found or {}).get("verdict") == "absent":
            line = f"Show the work done on {key} in the POE, or remove {key} from the claim (D-12)"
            if not any(key in existing for existing in lines):
                lines.append(line)
    return lines
