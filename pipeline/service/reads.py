"""Reads: claim lists and views for an actor (D-1 visibility), redaction, and a submission's
stored claim.json and documents for the analysis.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline import corrections
from pipeline import lifecycle as lc
from pipeline.claim_views import ClaimSummary, ClaimView, claim_redactor, list_summaries, view_of
from pipeline.errors import InvalidInput
from pipeline.intake import claim_as_it_stands
from pipeline.models import ClaimFile, DocumentRef, Status
from pipeline.redact import Redactor
from pipeline.roles import SYSTEM, Actor, require_role
from pipeline.service.base import READERS, ServiceBase, _status_key
from pipeline.store.db import session_scope
from pipeline.store.schema import ClaimRow, DocumentRow, SubmissionRow


class ReadsMixin(ServiceBase):
    def list_claims(self, actor: Actor, status: str | None = None) -> list[ClaimSummary]:
        require_role(actor, READERS, "list claims")
        where: list[Any] = []
        if status:
            where.append(ClaimRow.status == _status_key(status).value)
        if actor.is_partner:
            where.append(ClaimRow.partner_org == actor.partner_org)
        with session_scope(self.engine) as session:
            return list_summaries(session, where)

    def get_claim(self, actor: Actor, claim_id: str) -> ClaimView:
        require_role(actor, READERS, "read claims")
        with session_scope(self.engine) as session:
            row = self._load(session, actor, claim_id)
            return self._view(session, row, actor)

    def redactor(self, actor: Actor, claim_id: str) -> Redactor | None:
        """What hides personal data of this claim from ``actor`` (analysts); None: nothing to hide."""
        require_role(actor, READERS, "read claims")
        with session_scope(self.engine) as session:
            return claim_redactor(session, self._load(session, actor, claim_id), actor)

    def _view(self, session: Session, row: ClaimRow, actor: Actor) -> ClaimView:
        available = lc.available_decisions(actor, self._facts(session, row), self.clock.now())
        view = view_of(session, row, actor, available)
        if not actor.is_partner:  # reviewers' labels: never shown to partners
            view.corrections = corrections.corrections_of(session, row.claim_id)
        return view

    def pending_analysis(self) -> list[tuple[str, int]]:
        """(claim_id, submission_seq) of current Submitted submissions with no analysis yet."""
        with session_scope(self.engine) as session:
            rows = session.execute(
                select(SubmissionRow.claim_id, SubmissionRow.seq)
                .join(ClaimRow, ClaimRow.claim_id == SubmissionRow.claim_id)
                .where(
                    SubmissionRow.seq == ClaimRow.current_submission,
                    SubmissionRow.analysed_at.is_(None),
                    ClaimRow.status == Status.SUBMITTED.value,
                )
                .order_by(SubmissionRow.claim_id)
            )
            return [(cid, seq) for cid, seq in rows]

    def _submission_row(
        self, session: Session, claim_id: str, submission_seq: int | None
    ) -> tuple[ClaimRow, SubmissionRow]:
        """A claim and one of its submissions (the current one when ``submission_seq`` is None)."""
        row = self._load(session, SYSTEM, claim_id)
        seq = submission_seq or row.current_submission
        sub = session.scalar(
            select(SubmissionRow).where(SubmissionRow.claim_id == row.claim_id, SubmissionRow.seq == seq)
        )
        if sub is None:
            raise InvalidInput(f"claim {claim_id} has no submission {seq}")
        return row, sub

    def submission(
        self, claim_id: str, submission_seq: int | None = None
    ) -> tuple[ClaimFile, list[tuple[DocumentRef, Path]]]:
        """The stored claim.json of a submission and its documents' stored bytes (blobs)."""
        with session_scope(self.engine) as session:
            row, sub = self._submission_row(session, claim_id, submission_seq)
            seq = sub.seq
            claim = ClaimFile.model_validate(sub.claim_json)
            stored = {
                d.path: Path(d.stored_path)
                for d in session.scalars(
                    select(DocumentRow).where(
                        DocumentRow.claim_id == row.claim_id, DocumentRow.submission_seq == seq
                    )
                )
            }
            return claim, [(ref, stored[ref.path]) for ref in claim.documents if ref.path in stored]

    def materialize_submission(self, claim_id: str, submission_seq: int | None, dest: Path) -> Path:
        """Write a submission back out as a claim folder (claim.json + its documents) under
        ``dest``, so ``analyze_folder`` sees exactly the bytes that were taken in."""
        with session_scope(self.engine) as session:
            row, sub = self._submission_row(session, claim_id, submission_seq)
            seq = sub.seq
            raw = dict(sub.claim_json)
        _, docs = self.submission(claim_id, seq)
        folder = Path(dest)
        folder.mkdir(parents=True, exist_ok=True)
        for ref, blob in docs:
            target = folder.joinpath(*ref.path.replace("\\", "/").split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(blob, target)
        (folder / "claim.json").write_text(json.dumps(raw, indent=2, ensure_ascii=False), encoding="utf-8")
        return folder

    def current_claim_json(self, actor: Actor, claim_id: str) -> dict[str, Any]:
        """claim.json as the claim stands now: the current submission with the store's D-9
        edits (MPN, contacts, products) and status. For building a re-submission (uploads)."""
        require_role(actor, READERS, "read claims")
        with session_scope(self.engine) as session:
            row = self._load(session, actor, claim_id)
            sub = session.scalar(
                select(SubmissionRow).where(
                    SubmissionRow.claim_id == row.claim_id, SubmissionRow.seq == row.current_submission
                )
            )
            return claim_as_it_stands(row, dict(sub.claim_json) if sub is not None else {})
