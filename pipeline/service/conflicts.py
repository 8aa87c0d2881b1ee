"""Conflicts between partners: spec section-4 comparisons stored (D-18) and, on approval, the
products taken from other partners' open claims (D-6).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from pipeline import lifecycle as lc
from pipeline.errors import InvalidInput
from pipeline.models import Status
from pipeline.roles import SYSTEM, Actor, Role, require_role
from pipeline.service.base import ServiceBase, _system_label, same_product
from pipeline.store.schema import ClaimRow, ConflictRow


class ConflictsMixin(ServiceBase):
    def record_conflict(self, result: dict[str, Any], actor: Actor = SYSTEM) -> int:
        """Store a spec section-4 comparison; marks each claim in conflict (D-18) and extends the
        D-14 due date of those Under review. Returns the conflict's id. Idempotent."""
        require_role(actor, {Role.SYSTEM}, "record a conflict")
        key = result.get("key") or {}
        tenant_id = str(key.get("tenant_id") or "").lower()
        product = str(key.get("product") or "")
        claim_ids = [str(c) for c in (result.get("ranking") or result.get("claim_ids") or [])]
        if not tenant_id or not product or len(claim_ids) < 2:
            raise InvalidInput(
                "conflict result needs key.tenant_id, key.product and a ranking of two claims or more"
            )
        now = self.clock.now()
        with self._write() as session:
            conflict = session.scalar(
                select(ConflictRow).where(
                    ConflictRow.tenant_id == tenant_id, ConflictRow.product_key == product
                )
            )
            outcome = (claim_ids, result.get("recommended"), result.get("margin"))
            # History is written when the outcome changes, not for cosmetic changes of the JSON.
            changed = (
                conflict is None
                or (list(conflict.claim_ids), conflict.recommended, conflict.margin) != outcome
            )
            if conflict is None:
                conflict = ConflictRow(tenant_id=tenant_id, product_key=product)
                session.add(conflict)
            if changed or conflict.result != result:
                conflict.claim_ids, conflict.recommended, conflict.margin = outcome
                conflict.result = result
                conflict.compared_at = now
            session.flush()
            for cid in claim_ids:
                row = session.get(ClaimRow, cid)
                if row is None or (row.in_conflict and not changed):
                    continue
                others = [c for c in claim_ids if c != cid]
                if not row.in_conflict:
                    row.in_conflict = True
                    if row.status == Status.UNDER_REVIEW.value:
                        row.review_due_at = lc.review_due_at(row.status_since, True)
                self._history(
                    session,
                    row,
                    _system_label(actor, "compare"),
                    "conflict",
                    reason=f"same customer and {product} as claim(s) {', '.join(others)} (D-18)",
                    details={
                        "conflict_id": conflict.id,
                        "recommended": conflict.recommended,
                        "margin": conflict.margin,
                        "review_due_at": row.review_due_at,
                    },
                    at=now,
                )
            return conflict.id

    def _take_products_from_others(
        self, session: Session, winner: ClaimRow, actor: Actor, now: datetime
    ) -> None:
        """D-6: one partner per customer per product (or subscription). Every other open claim of
        another partner on this tenant loses the products now approved here."""
        won = [p for p in winner.products if p.removed_at is None]
        others = session.scalars(
            select(ClaimRow)
            .where(
                ClaimRow.tenant_id == winner.tenant_id,
                ClaimRow.partner_org != winner.partner_org,
                ClaimRow.status.in_([s.value for s in lc.OPEN_STATES]),
            )
            .order_by(ClaimRow.claim_id)
        )
        for other in others:
            lost = [
                p for p in other.products if p.removed_at is None and any(same_product(p, w) for w in won)
            ]
            if not lost:
                continue
            reason = f"associated with {winner.partner_name} by approved claim {winner.claim_id} (D-6)"
            for product in lost:
                product.removed_at = now
                product.removed_reason = reason
            flag_modified(other, "status")  # the claim changed: bump its version (optimistic lock)
            self._history(
                session,
                other,
                _system_label(actor, "review"),
                "product_removed",
                reason=reason,
                details={"products": [p.key for p in lost], "approved_claim": winner.claim_id},
                at=now,
            )
            if all(p.removed_at is not None for p in other.products):
                self._move(
                    session,
                    other,
                    lc.LOSE_ALL_PRODUCTS,
                    SYSTEM,
                    lc.TransitionContext(now=now),
                    purpose="review",
                    reason=f"every product went to approved claim {winner.claim_id} (D-6)",
                )

    def _resolve_conflicts(self, session: Session, winner: ClaimRow, now: datetime) -> None:
        for conflict in session.scalars(select(ConflictRow).where(ConflictRow.tenant_id == winner.tenant_id)):
            if conflict.resolved_at is None and winner.claim_id in [str(c) for c in conflict.claim_ids]:
                conflict.resolved_at = now
