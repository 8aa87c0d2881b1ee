"""Analysis write-back: a spec section-3 result stored against its submission; it sets the
claim's recommendation and starts the review (D-14).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from pipeline import lifecycle as lc
from pipeline.errors import InvalidInput
from pipeline.findings_store import (
    find_analysis,
    headline,
    latest_analysis,
    scoring_version_of,
    write_analysis,
)
from pipeline.models import Status
from pipeline.reanalysis import reanalysis_change
from pipeline.roles import SYSTEM, Actor, Role, require_role
from pipeline.service.base import ServiceBase, _system_label
from pipeline.store.schema import SubmissionRow


class AnalysisMixin(ServiceBase):
    def record_analysis(
        self, claim_id: str, submission_seq: int, result: dict[str, Any], actor: Actor = SYSTEM
    ) -> dict[str, Any] | None:
        """Store a spec section-3 result; the current submission's result sets the claim's
        recommendation and score and moves Submitted -> Under review with its D-14 due date.
        Recording the same result again changes nothing. A result made with other versions than
        the submission's last analysis is a re-analysis: its history says 're-analysed: scoring
        X -> Y' and how the recommendation changed, and that change is returned."""
        require_role(actor, {Role.SYSTEM}, "record an analysis")
        now = self.clock.now()
        version = scoring_version_of(result)
        with self._write(claim_id) as session:
            row = self._load(session, actor, claim_id)
            sub = session.scalar(
                select(SubmissionRow).where(
                    SubmissionRow.claim_id == row.claim_id, SubmissionRow.seq == submission_seq
                )
            )
            if sub is None:
                raise InvalidInput(f"claim {claim_id} has no submission {submission_seq}")
            existing = find_analysis(session, row.claim_id, submission_seq, version)
            current = submission_seq == row.current_submission
            queued = current and row.status == Status.SUBMITTED.value
            if (
                existing is not None
                and existing.result == result
                and sub.analysed_at is not None
                and not queued
            ):
                return None  # the same result again: nothing to do
            recommendation, score = headline(result)
            change = reanalysis_change(latest_analysis(session, row.claim_id, submission_seq), result)
            write_analysis(session, row.claim_id, submission_seq, result, now)
            sub.analysed_at = now
            self._history(
                session,
                row,
                _system_label(actor, "analysis"),
                "analysed",
                reason=change["reason"] if change else f"recommendation {recommendation}, score {score:g}",
                details={"submission": submission_seq, "current": current, "scoring_version": version,
                         **({"reanalysed": change["reanalysed"]} if change else {})},
                at=now,
            )
            if not current:
                return change
            row.recommendation = recommendation
            row.score = score
            if row.status == Status.SUBMITTED.value:
                self._move(
                    session,
                    row,
                    lc.START_REVIEW,
                    actor,
                    lc.TransitionContext(now=now),
                    purpose="analysis",
                    reason="analysed; queued for POE review (D-14)",
                )
                row.review_due_at = lc.review_due_at(now, row.in_conflict)
            else:
                flag_modified(row, "recommendation")
            return change
