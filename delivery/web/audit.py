"""A claim's audit timeline: every decision, note, request, partner upload, customer comment,
e-mail sent and correction, each with who and when (D-9: the history is append-only), shown on
the claim page and exported as CSV or JSON for reviewers and analysts (never partners: it names
reviewers and other partners' claims).

Built from the claim's read model (history, already redacted for analysts), plus the uploads of
every submission and the outbox (e-mails), read here in one query each.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from delivery.web import ops
from delivery.web.deps import STAFF, require_actor, require_role
from pipeline.claim_views import ClaimView, HistoryEntry, jsonable
from pipeline.errors import ClaimNotFound
from pipeline.roles import Actor
from pipeline.service import ClaimService
from pipeline.service.details import OutboxEntry, UploadEntry

router = APIRouter(include_in_schema=False)

FIELDS = ("at", "who", "kind", "what", "detail")
LABELS = {"approve": "Approve", "reject": "Reject", "request_info": "Request information"}
_KIND_OF_ACTION = {
    "created": "submission", "submitted": "submission", "resubmitted": "submission", "edited": "edit",
    "analysed": "analysis", "conflict": "conflict", "product_removed": "conflict",
    "criterion_corrected": "correction", "review_overdue": "clock", "opt_out_closed": "clock",
}


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    who: str
    kind: str  # decision | note | request | upload | customer_comment | email | correction | status | ...
    what: str
    detail: str = ""


def _decision(h: HistoryEntry) -> list[TimelineEvent]:
    d = h.details
    decision = str(d.get("decision"))
    what = f"Decision: {LABELS.get(decision, decision)}"
    if d.get("recommendation") and d["recommendation"] != decision:
        what += f" (overruled the recommendation {LABELS.get(d['recommendation'], d['recommendation'])})"
    detail = f"{h.from_status or '—'} → {h.to_status}"
    if d.get("wrong_criteria"):
        detail += f"; criteria the tool got wrong: {', '.join(str(c).replace('_', ' ') for c in d['wrong_criteria'])}"
    elif d.get("policy_exception"):
        detail += "; a policy exception (no criterion wrong)"
    out = [TimelineEvent(h.at, h.actor, "decision", what, detail)]
    if h.reason.strip():
        out.append(TimelineEvent(h.at, h.actor, "note", "Note", h.reason))
    out += [TimelineEvent(h.at, h.actor, "request", "Request to the partner", str(r)) for r in d.get("requests") or []]
    return out


def _from_history(h: HistoryEntry) -> list[TimelineEvent]:
    d = h.details or {}
    if h.action == "transition" and "decision" in d:
        return _decision(h)
    if h.action == "notified":
        return []  # the outbox rows say more (subject, recipients, failures)
    if h.action == "criterion_corrected":
        notes = "; ".join(str(c.get("note") or "") for c in d.get("corrections") or [] if c.get("note"))
        return [TimelineEvent(h.at, h.actor, "correction", f"Correction: {h.reason}", notes)]
    if h.action == "transition":
        out = [TimelineEvent(h.at, h.actor, "status", f"{h.from_status or '—'} → {h.to_status}", h.reason)]
        if str(d.get("comment") or "").strip():
            out.append(TimelineEvent(h.at, "customer", "customer_comment", "Customer's comment", str(d["comment"])))
        return out
    kind = _KIND_OF_ACTION.get(h.action, h.action)
    return [TimelineEvent(h.at, h.actor, kind, h.action.replace("_", " ").capitalize(), h.reason)]


def _uploads(entries: list[UploadEntry]) -> list[TimelineEvent]:
    return [
        TimelineEvent(e.at, e.by or "partner", "upload", f"Uploaded {e.path} (submission {e.submission_seq})",
                      e.comment or "")
        for e in entries
        if e.at is not None
    ]


def _emails(entries: list[OutboxEntry], personal: bool) -> list[TimelineEvent]:
    out = []
    for row in entries:
        to = ", ".join(str(r) for r in row.recipients or []) if personal else "(recipients withheld)"
        if row.sent_at is not None:
            out.append(TimelineEvent(row.sent_at, "system:notify", "email", f"E-mail sent: {row.subject}", f"to {to}"))
        else:
            state = f"not sent yet ({row.last_error})" if row.last_error else "queued, not sent yet"
            out.append(TimelineEvent(row.created_at, "system:notify", "email", f"E-mail {state}: {row.subject}", f"to {to}"))
    return out


def build_timeline(
    service: ClaimService, actor: Actor, view: ClaimView, redactor: Any = None
) -> list[TimelineEvent]:
    """The claim's events, oldest first (ties keep their source order)."""
    events = [e for h in view.history for e in _from_history(h)]
    events += _uploads(service.uploads(actor, view.claim_id))
    events += _emails(service.outbox(actor, view.claim_id), not view.personal_data_withheld)
    if redactor is not None:  # analysts: uploaders' and contacts' names hidden like everywhere
        events = [TimelineEvent(e.at, redactor.value(e.who), e.kind, redactor.value(e.what), redactor.value(e.detail))
                  for e in events]
    return sorted(events, key=lambda e: e.at)


def newest_first(events: list[TimelineEvent]) -> list[TimelineEvent]:
    """For the page: newest first, events of one moment in their order (a decision, then its note)."""
    ordered = sorted(enumerate(events), key=lambda pair: (pair[1].at, -pair[0]), reverse=True)
    return [event for _, event in ordered]


def timeline(request: Request, view: ClaimView) -> list[TimelineEvent]:
    """:func:`build_timeline` as the signed-in actor may see it."""
    service, actor = request.app.state.service, require_actor(request)
    redactor = service.redactor(actor, view.claim_id) if view.personal_data_withheld else None
    return build_timeline(service, actor, view, redactor)


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet will not run: partners and customers write some of this text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(events: list[TimelineEvent]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(FIELDS)
    for e in events:
        writer.writerow([e.at.isoformat(), *(_cell(str(getattr(e, f))) for f in FIELDS[1:])])
    return buf.getvalue()


@router.get("/claims/{claim_id}/timeline.{fmt}")
def timeline_export(request: Request, claim_id: str, fmt: str) -> Response:
    """The claim's audit timeline as a download: ``timeline.csv`` or ``timeline.json``."""
    actor = require_actor(request)
    require_role(actor, STAFF, "export a claim's audit timeline")
    if fmt not in ("csv", "json"):
        raise ClaimNotFound(f"{claim_id} timeline.{fmt}")
    view = ops.get_claim(request.app.state.service, actor, claim_id)
    events = timeline(request, view)
    name = f"claim-{view.claim_id}-timeline.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    if fmt == "csv":
        return Response(to_csv(events), media_type="text/csv; charset=utf-8", headers=headers)
    body = {"claim_id": view.claim_id, "events": [jsonable(asdict(e)) for e in events]}
    return Response(json.dumps(body, indent=1), media_type="application/json", headers=headers)
