"""Details the web pages show beside a claim's view: the queue's facts of each claim's latest
analysis, a document's cached extraction, a claim's uploads and outbox e-mails, a conflict group.

They were read by the web app with its own sessions (issue 17: "one door into the store"); they
are plain read models here, built in one session each and handed out detached.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from pipeline.errors import InvalidInput
from pipeline.roles import Actor, require_role
from pipeline.service.base import READERS, STAFF, ServiceBase
from pipeline.store.db import session_scope
from pipeline.store.schema import (
    AnalysisRow,
    ClaimRow,
    ConflictRow,
    DocumentRow,
    ExtractionRow,
    FindingRow,
    NotificationRow,
    ReasonRow,
)


@dataclass
class AnalysisFacts:
    """What a queue row says of a claim's latest analysis: the criteria not met (store order),
    the first of the ``head_codes`` reasons (code, message), and how many files had one of the
    ``unreadable_codes``."""

    failed: list[str] = field(default_factory=list)
    head: str = ""
    head_code: str = ""
    unreadable: int = 0


@dataclass(frozen=True)
class UploadEntry:
    at: datetime | None
    by: str | None
    path: str
    comment: str | None
    submission_seq: int


@dataclass(frozen=True)
class OutboxEntry:
    created_at: datetime
    sent_at: datetime | None
    subject: str
    recipients: list[Any]
    last_error: str | None


@dataclass(frozen=True)
class ConflictRecord:
    id: int
    tenant_id: str
    product_key: str
    claim_ids: list[str]
    recommended: str | None
    margin: float | None
    resolved_at: datetime | None
    result: dict[str, Any]


class DetailsMixin(ServiceBase):
    def analysis_facts(
        self, claim_ids: list[str], head_codes: Collection[str], unreadable_codes: Collection[str]
    ) -> dict[str, AnalysisFacts]:
        """:class:`AnalysisFacts` of the latest analysis of each claim's current submission (one
        query for the analyses, one for their findings, one for their head and file reasons: a
        page of the queue costs three queries). ``claim_ids`` come from :meth:`list_claims`,
        which already applied the actor's visibility (D-1)."""
        if not claim_ids:
            return {}
        head_codes, unreadable_codes = tuple(head_codes), tuple(unreadable_codes)
        with session_scope(self.engine) as session:
            latest: dict[str, tuple[int, Any, int]] = {}
            rows = session.execute(
                select(AnalysisRow.claim_id, AnalysisRow.id, AnalysisRow.submission_seq, AnalysisRow.analysed_at)
                .join(ClaimRow, ClaimRow.claim_id == AnalysisRow.claim_id)
                .where(AnalysisRow.claim_id.in_(claim_ids), AnalysisRow.submission_seq == ClaimRow.current_submission)
            )
            for cid, aid, _seq, at in rows:
                if cid not in latest or (at, aid) > (latest[cid][1], latest[cid][2]):
                    latest[cid] = (aid, at, aid)
            by_analysis = {v[0]: cid for cid, v in latest.items()}
            out: dict[str, AnalysisFacts] = {cid: AnalysisFacts() for cid in latest}
            if by_analysis:
                for aid, criterion, verdict in session.execute(
                    select(FindingRow.analysis_id, FindingRow.criterion, FindingRow.verdict).where(
                        FindingRow.analysis_id.in_(list(by_analysis))
                    )
                ):
                    if verdict != "met":
                        out[by_analysis[aid]].failed.append(criterion)
                for aid, code, message in session.execute(
                    select(ReasonRow.analysis_id, ReasonRow.code, ReasonRow.message)
                    .where(
                        ReasonRow.analysis_id.in_(list(by_analysis)),
                        ReasonRow.code.in_(head_codes + unreadable_codes),
                    )
                    .order_by(ReasonRow.id)
                ):
                    facts = out[by_analysis[aid]]
                    if code in unreadable_codes:
                        facts.unreadable += 1
                    elif not facts.head:
                        facts.head, facts.head_code = message, code
        return out

    def cached_extraction(self, content_hash: str) -> dict[str, Any] | None:
        """The newest stored extraction (``ExtractedDocument.to_dict()``) of a document's bytes,
        or None. Keyed by content hash: the caller got the hash from a claim view it may see."""
        with session_scope(self.engine) as session:
            row = session.scalars(
                select(ExtractionRow)
                .where(ExtractionRow.content_hash == content_hash)
                .order_by(ExtractionRow.extracted_at.desc())
                .limit(1)
            ).first()
            return dict(row.document) if row is not None else None

    def uploads(self, actor: Actor, claim_id: str) -> list[UploadEntry]:
        """Every document taken in for the claim, in the order stored (all submissions)."""
        require_role(actor, READERS, "read claims")
        with session_scope(self.engine) as session:
            row = self._load(session, actor, claim_id)
            rows = session.execute(
                select(DocumentRow.uploaded_at, DocumentRow.uploaded_by, DocumentRow.path, DocumentRow.comment,
                       DocumentRow.submission_seq).where(DocumentRow.claim_id == row.claim_id).order_by(DocumentRow.id)
            )
            return [UploadEntry(at, by, path, comment, seq) for at, by, path, comment, seq in rows]

    def outbox(self, actor: Actor, claim_id: str) -> list[OutboxEntry]:
        """The claim's e-mails (sent or not yet), in the order queued."""
        require_role(actor, READERS, "read claims")
        with session_scope(self.engine) as session:
            row = self._load(session, actor, claim_id)
            return [
                OutboxEntry(n.created_at, n.sent_at, n.subject, list(n.recipients or []), n.last_error)
                for n in session.scalars(
                    select(NotificationRow).where(NotificationRow.claim_id == row.claim_id).order_by(NotificationRow.id)
                )
            ]

    def conflict(self, actor: Actor, conflict_id: int) -> ConflictRecord:
        """A conflict group (D-18) as stored; Microsoft staff only (partners never see one)."""
        require_role(actor, STAFF, "see conflicts between partners")
        with session_scope(self.engine) as session:
            row = session.get(ConflictRow, conflict_id)
            if row is None:
                raise InvalidInput(f"conflict {conflict_id} not found")
            return ConflictRecord(
                row.id,
                row.tenant_id,
                row.product_key,
                [str(c) for c in row.claim_ids],
                row.recommended,
                row.margin,
                row.resolved_at,
                dict(row.result or {}),
            )
