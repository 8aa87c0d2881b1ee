"""Clocks: the lifecycle timers (D-14 overdue reviews, D-15 expiry, D-17 opt-out window)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline import lifecycle as lc
from pipeline.clock import as_utc
from pipeline.errors import ConcurrentUpdate, IllegalTransition
from pipeline.models import Status
from pipeline.roles import SYSTEM
from pipeline.service.base import ServiceBase
from pipeline.store.db import session_scope
from pipeline.store.schema import ClaimRow, HistoryRow


class ClocksMixin(ServiceBase):
    def tick(self, now: datetime | None = None) -> list[dict[str, Any]]:
        """Apply the due lifecycle timers as of ``now`` (default: the clock). Idempotent.

        - D-15: Partner action required for 30 days with no re-submission -> Rejected.
        - D-17: the 7-day opt-out window of an approval closes (history note; the customer can
          still deny later).
        - D-14: a claim Under review past its due date is flagged overdue once per review.
        """
        at = as_utc(now) if now is not None else self.clock.now()
        applied: list[dict[str, Any]] = []
        with session_scope(self.engine) as session:
            expiring = list(
                session.scalars(
                    select(ClaimRow.claim_id).where(
                        ClaimRow.status == Status.PARTNER_ACTION_REQUIRED.value, ClaimRow.action_due_at <= at
                    )
                )
            )
            closing = list(
                session.scalars(
                    select(ClaimRow.claim_id).where(
                        ClaimRow.status == Status.APPROVED.value, ClaimRow.opt_out_until <= at
                    )
                )
            )
            overdue = list(
                session.scalars(
                    select(ClaimRow.claim_id).where(
                        ClaimRow.status == Status.UNDER_REVIEW.value, ClaimRow.review_due_at <= at
                    )
                )
            )
        for cid in sorted(expiring):
            applied += self._timer(cid, at, self._expire)
        for cid in sorted(closing):
            applied += self._timer(cid, at, self._close_opt_out)
        for cid in sorted(overdue):
            applied += self._timer(cid, at, self._flag_overdue)
        return applied

    def _timer(self, claim_id: str, at: datetime, apply: Any) -> list[dict[str, Any]]:
        try:
            with self._write(claim_id) as session:
                row = self._load(session, SYSTEM, claim_id)
                result = apply(session, row, at)
            return [result] if result else []
        except (ConcurrentUpdate, IllegalTransition):
            return []  # someone acted on the claim meanwhile; the next tick looks again

    def _expire(self, session: Session, row: ClaimRow, at: datetime) -> dict[str, Any] | None:
        if (
            row.status != Status.PARTNER_ACTION_REQUIRED.value
            or row.action_due_at is None
            or row.action_due_at > at
        ):
            return None
        self._move(
            session,
            row,
            lc.EXPIRE_ACTION_REQUIRED,
            SYSTEM,
            lc.TransitionContext(now=at),
            purpose="clock",
            reason=f"no response within {lc.ACTION_REQUIRED_DAYS} days of the request (D-15)",
            details={"action_due_at": row.action_due_at},
        )
        return {"claim_id": row.claim_id, "action": "rejected", "rule": "D-15", "to_status": row.status}

    def _already(self, session: Session, row: ClaimRow, action: str, since: datetime) -> bool:
        return (
            session.scalar(
                select(HistoryRow.id)
                .where(
                    HistoryRow.claim_id == row.claim_id, HistoryRow.action == action, HistoryRow.at >= since
                )
                .limit(1)
            )
            is not None
        )

    def _close_opt_out(self, session: Session, row: ClaimRow, at: datetime) -> dict[str, Any] | None:
        if row.opt_out_until is None or self._already(session, row, "opt_out_closed", row.status_since):
            return None
        self._history(
            session,
            row,
            "system:clock",
            "opt_out_closed",
            reason=f"the customer's {lc.OPT_OUT_DAYS}-day opt-out window closed; the customer may still deny (D-17)",
            details={"opt_out_until": row.opt_out_until},
            at=at,
        )
        return {"claim_id": row.claim_id, "action": "opt_out_closed", "rule": "D-17"}

    def _flag_overdue(self, session: Session, row: ClaimRow, at: datetime) -> dict[str, Any] | None:
        if row.review_due_at is None or self._already(session, row, "review_overdue", row.status_since):
            return None
        self._history(
            session,
            row,
            "system:clock",
            "review_overdue",
            reason=f"review was due {row.review_due_at.isoformat()} (D-14)",
            details={"review_due_at": row.review_due_at, "in_conflict": row.in_conflict},
            at=at,
        )
        return {"claim_id": row.claim_id, "action": "review_overdue", "rule": "D-14"}
