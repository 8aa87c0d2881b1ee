"""Read models handed out by :class:`pipeline.service.ClaimService`: plain dataclasses with
``to_json()``, so the CLI, the web UI and the reports never hold ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from pipeline.redact import Redactor, redactor_for
from pipeline.store.schema import (
    AnalysisRow,
    ClaimProductRow,
    ClaimRow,
    ConflictRow,
    DecisionRow,
    DocumentRow,
    HistoryRow,
    SubmissionRow,
    TenantRow,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pipeline.roles import Actor


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: jsonable(getattr(value, f.name)) for f in fields(value)}
    return value


class _Json:
    def to_json(self) -> dict[str, Any]:
        out = jsonable(self)
        assert isinstance(out, dict)
        return out


@dataclass
class ProductLine(_Json):
    name: str
    code: str | None
    subscription_id: str | None
    key: str
    removed_at: datetime | None = None
    removed_reason: str | None = None


@dataclass
class DocumentView(_Json):
    path: str
    stored_path: str
    content_hash: str
    size: int
    detected_type: str
    kind: str
    status: str | None
    error: str | None
    pages: int | None
    uploaded_by: str
    uploaded_at: datetime | None
    comment: str
    submission_seq: int


@dataclass
class SubmissionView(_Json):
    seq: int
    content_hash: str
    received_at: datetime
    analysed_at: datetime | None
    source_path: str


@dataclass
class HistoryEntry(_Json):
    at: datetime
    actor: str
    action: str
    from_status: str | None
    to_status: str | None
    reason: str
    details: dict[str, Any]


@dataclass
class DecisionView(_Json):
    decided_at: datetime
    reviewer: str
    decision: str
    note: str
    recommendation: str | None
    overruled: bool
    requests: list[Any]


@dataclass
class ClaimSummary(_Json):
    """One row of a queue. ``partner`` is the partner organisation's name; ``status`` is spelled
    as the spec wants (D-13)."""

    claim_id: str
    name: str
    partner: str
    partner_org: str
    program: str
    solution_area: str
    activity: str
    status: str
    customer_domain: str
    tenant_id: str
    customer_name: str
    products: list[str]  # active product keys (code, else name)
    recommendation: str | None
    score: float | None
    in_conflict: bool
    submitted_at: datetime | None
    status_since: datetime
    review_due_at: datetime | None
    action_due_at: datetime | None
    opt_out_until: datetime | None
    current_submission: int
    version: int


@dataclass
class ClaimView(ClaimSummary):
    """Everything about one claim that the actor may see. Analysts get ``None`` for contacts'
    personal data (``personal_data_withheld``)."""

    mpn_id: str = ""
    mpn_country: str = ""
    partner_contact_name: str | None = None
    partner_contact_email: str | None = None
    customer_contact_name: str | None = None
    customer_contact_email: str | None = None
    personal_data_withheld: bool = False
    comment: str = ""
    created_at: datetime | None = None
    product_lines: list[ProductLine] = field(default_factory=list)
    documents: list[DocumentView] = field(default_factory=list)  # of the current submission
    submissions: list[SubmissionView] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    decisions: list[DecisionView] = field(default_factory=list)
    analysis: dict[str, Any] | None = None  # latest spec section-3 JSON of the current submission
    analysis_seq: int | None = None
    conflicts: list[dict[str, Any]] = field(default_factory=list)  # spec section-4 JSON + status
    available_decisions: list[str] = field(default_factory=list)  # for the acting user, now
    corrections: list[Any] = field(default_factory=list)  # reviewers' corrections (staff only)


# --- builders (read inside the caller's session) ---------------------------------------

_NO_REDACTION = Redactor.identity()
PERSONAL_FIELDS = frozenset(
    {"partner_contact_name", "partner_contact_email", "customer_contact_name", "customer_contact_email"}
)


def _redact(details: dict[str, Any] | None, personal: bool) -> dict[str, Any]:
    """History details without contacts' personal data for actors who may not see it (analysts)."""
    out = dict(details or {})
    if not personal:
        for key in PERSONAL_FIELDS & out.keys():
            out[key] = "(withheld)"
    return out


def personal_names(session: Session, row: ClaimRow) -> list[str]:
    """The people the store knows by name on a claim: contacts and whoever uploaded its
    documents; :mod:`pipeline.redact` hides them wherever they appear for analysts."""
    uploaders = session.scalars(select(DocumentRow.uploaded_by).where(DocumentRow.claim_id == row.claim_id).distinct())
    return [
        n
        for n in (row.partner_contact_name, row.customer_contact_name, *uploaders)
        if n
    ]


def claim_redactor(session: Session, row: ClaimRow, actor: Actor) -> Redactor | None:
    """None for actors who may see personal data; else the claim's redactor (analysts)."""
    return None if actor.sees_personal_data else redactor_for(personal_names(session, row))


def tenant_names(session: Session, tenant_ids: set[str]) -> dict[str, str]:
    """Display names of customer tenants from the tenant directory."""
    if not tenant_ids:
        return {}
    rows = session.execute(
        select(TenantRow.tenant_id, TenantRow.display_name).where(TenantRow.tenant_id.in_(tenant_ids))
    )
    return {tid: name for tid, name in rows}


_SUMMARY_COLUMNS = (
    "claim_id", "name", "partner_name", "partner_org", "program", "solution_area", "activity", "status",
    "customer_domain", "tenant_id", "recommendation", "score", "in_conflict", "submitted_at", "status_since",
    "review_due_at", "action_due_at", "opt_out_until", "current_submission", "version",
)


def list_summaries(session: Session, where: list[Any]) -> list[ClaimSummary]:
    """The claims matching ``where`` as summaries, read column by column (no ORM objects: the
    queue lists thousands of claims on every page view, issue 15's 0.5 s target)."""
    rows = list(session.execute(
        select(*(getattr(ClaimRow, c) for c in _SUMMARY_COLUMNS), TenantRow.display_name)
        .outerjoin(TenantRow, TenantRow.tenant_id == ClaimRow.tenant_id)
        .where(*where)
    ))
    keys: dict[str, list[str]] = {}
    products = session.execute(
        select(ClaimProductRow.claim_id, ClaimProductRow.code, ClaimProductRow.name)
        .join(ClaimRow, ClaimRow.claim_id == ClaimProductRow.claim_id)
        .where(ClaimProductRow.removed_at.is_(None), *where)
        .order_by(ClaimProductRow.claim_id, ClaimProductRow.position)
    )
    for claim_id, code, name in products:
        keys.setdefault(claim_id, []).append(code or name)  # ClaimProductRow.key
    names = {r.tenant_id: r.display_name for r in rows if r.display_name}
    far = datetime.max.replace(tzinfo=UTC)
    rows.sort(key=lambda r: (r.review_due_at or far, r.submitted_at or far, r.claim_id))
    return [summary_of(r, names, keys.get(r.claim_id, [])) for r in rows]  # type: ignore[arg-type]


def summary_of(row: ClaimRow, names: dict[str, str], product_keys: list[str] | None = None) -> ClaimSummary:
    return ClaimSummary(
        claim_id=row.claim_id,
        name=row.name,
        partner=row.partner_name,
        partner_org=row.partner_org,
        program=row.program,
        solution_area=row.solution_area,
        activity=row.activity,
        status=row.status,
        customer_domain=row.customer_domain,
        tenant_id=row.tenant_id,
        customer_name=names.get(row.tenant_id, row.customer_domain),
        products=product_keys if product_keys is not None else [p.key for p in row.products if p.removed_at is None],
        recommendation=row.recommendation,
        score=row.score,
        in_conflict=row.in_conflict,
        submitted_at=row.submitted_at,
        status_since=row.status_since,
        review_due_at=row.review_due_at,
        action_due_at=row.action_due_at,
        opt_out_until=row.opt_out_until,
        current_submission=row.current_submission,
        version=row.version,
    )


def view_of(session: Session, row: ClaimRow, actor: Actor, available_decisions: list[str]) -> ClaimView:
    """Everything about one claim that ``actor`` may see (the caller checked visibility)."""
    summary = summary_of(row, tenant_names(session, {row.tenant_id}))
    personal = actor.sees_personal_data
    red = claim_redactor(session, row, actor) or _NO_REDACTION
    cid = row.claim_id
    docs = session.scalars(
        select(DocumentRow)
        .where(DocumentRow.claim_id == cid, DocumentRow.submission_seq == row.current_submission)
        .order_by(DocumentRow.id)
    )
    subs = session.scalars(
        select(SubmissionRow).where(SubmissionRow.claim_id == cid).order_by(SubmissionRow.seq)
    )
    hist = session.scalars(select(HistoryRow).where(HistoryRow.claim_id == cid).order_by(HistoryRow.id))
    decs = session.scalars(select(DecisionRow).where(DecisionRow.claim_id == cid).order_by(DecisionRow.id))
    analysis = session.scalars(
        select(AnalysisRow)
        .where(AnalysisRow.claim_id == cid)
        .order_by(AnalysisRow.submission_seq.desc(), AnalysisRow.analysed_at.desc(), AnalysisRow.id.desc())
        .limit(1)
    ).first()
    conflicts = [
        {
            "id": c.id,
            "tenant_id": c.tenant_id,
            "product": c.product_key,
            "claim_ids": list(c.claim_ids),
            "recommended": c.recommended,
            "margin": c.margin,
            "resolved_at": c.resolved_at,
            "result": red.value(c.result),
        }
        for c in session.scalars(
            select(ConflictRow).where(ConflictRow.tenant_id == row.tenant_id).order_by(ConflictRow.id)
        )
        if cid in [str(x) for x in c.claim_ids]
    ]
    return ClaimView(
        **vars(summary),
        mpn_id=row.mpn_id,
        mpn_country=row.mpn_country,
        partner_contact_name=row.partner_contact_name if personal else None,
        partner_contact_email=row.partner_contact_email if personal else None,
        customer_contact_name=row.customer_contact_name if personal else None,
        customer_contact_email=row.customer_contact_email if personal else None,
        personal_data_withheld=not personal,
        comment=red.text(row.comment),
        created_at=row.created_at,
        product_lines=[
            ProductLine(p.name, p.code, p.subscription_id, p.key, p.removed_at, p.removed_reason)
            for p in row.products
        ],
        documents=[
            DocumentView(
                d.path,
                d.stored_path,
                d.content_hash,
                d.size,
                d.detected_type,
                d.kind,
                d.status,
                d.error,
                d.pages,
                d.uploaded_by if personal else "",
                d.uploaded_at,
                red.text(d.comment),
                d.submission_seq,
            )
            for d in docs
        ],
        submissions=[
            SubmissionView(s.seq, s.content_hash, s.received_at, s.analysed_at, s.source_path) for s in subs
        ],
        history=[
            HistoryEntry(
                h.at,
                h.actor,
                h.action,
                h.from_status,
                h.to_status,
                red.text(h.reason),
                red.value(_redact(h.details, personal)),
            )
            for h in hist
        ],
        decisions=[
            DecisionView(
                d.decided_at,
                d.reviewer,
                d.decision,
                red.text(d.note),
                d.recommendation,
                d.overruled,
                red.value(list(d.requests or [])),
            )
            for d in decs
        ],
        analysis=red.value(dict(analysis.result)) if analysis is not None else None,
        analysis_seq=analysis.submission_seq if analysis is not None else None,
        conflicts=conflicts,
        available_decisions=available_decisions,
    )
