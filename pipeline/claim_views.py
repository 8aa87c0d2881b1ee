"""Read models handed out by :class:`pipeline.service.ClaimService`: plain dataclasses with
``to_json()``, so the CLI, the web UI and the reports never hold ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any


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
