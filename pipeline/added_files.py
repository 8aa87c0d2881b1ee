"""A partner adds POE to a claim without re-submitting it (D-15, issue 15).

While a claim is Draft or Partner action required, the partner may add documents one upload at
a time and re-submit only when the claim is ready. Each upload becomes a new submission of the
claim (its current claim.json with the new documents listed, the same blobs and content hashes as
an inbox intake), but the status does not move: the claim is not processed until the partner
re-submits (``ClaimService.submit``), which queues that newest submission for analysis.

Each new document carries what the upload check read (extraction status, pages), so the partner
and the reviewer see it without parsing the file again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.claim_folder import ClaimFolder
from pipeline.errors import IllegalTransition, InvalidInput
from pipeline.intake import _add_submission
from pipeline.models import Status
from pipeline.store.schema import ClaimRow, DocumentRow

ADD_STATES = frozenset({Status.DRAFT.value, Status.PARTNER_ACTION_REQUIRED.value})


@dataclass(frozen=True)
class ReadResult:
    """What the upload check read from one new document (stored on its DocumentRow)."""

    path: str
    status: str
    pages: int | None
    error: str | None = None


def require_addable(row: ClaimRow) -> None:
    if row.status not in ADD_STATES:
        raise IllegalTransition(
            f"claim {row.claim_id} is {row.status}; documents can be added only while it is Draft "
            "or Partner action required (D-15)"
        )


def add_files(
    session: Session, row: ClaimRow, cf: ClaimFolder, now: datetime, blobs: Path, read: list[ReadResult]
) -> int:
    """Store ``cf`` (the current submission plus the new documents named in ``read``) as the
    claim's next submission; the status, recommendation and due date stay as they are."""
    require_addable(row)
    if cf.claim.claim_id != row.claim_id or cf.claim.customer.tenant_id != row.tenant_id:
        raise InvalidInput(f"claim {row.claim_id}: added documents cannot change the claim or its customer (D-9)")
    before = {
        d.content_hash: d
        for d in session.scalars(
            select(DocumentRow).where(
                DocumentRow.claim_id == row.claim_id, DocumentRow.submission_seq == row.current_submission
            )
        )
    }
    for r in read:
        same = before.get(cf.document_hashes.get(r.path, ""))
        if same is not None:
            raise InvalidInput(f"{r.path}: the same file is already on the claim as {same.path}")
    seq = row.current_submission + 1
    _add_submission(session, row, cf, seq, now, blobs)
    session.flush()
    by_path = {r.path: r for r in read}
    for doc in session.scalars(
        select(DocumentRow).where(DocumentRow.claim_id == row.claim_id, DocumentRow.submission_seq == seq)
    ):
        result = by_path.get(doc.path)
        if result is not None:
            doc.status, doc.pages, doc.error = result.status, result.pages, result.error
        elif (old := before.get(doc.content_hash)) is not None:  # read before: keep what was read
            doc.status, doc.pages, doc.error, doc.kind = old.status, old.pages, old.error, old.kind
    return seq
