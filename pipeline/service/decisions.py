"""Review decisions: a reviewer's decision (D-13, D-15, D-16, D-6, D-17), criterion corrections,
and the customer's consent denial (D-17/D-21).
"""

from __future__ import annotations

from typing import Any

from pipeline import corrections
from pipeline import lifecycle as lc
from pipeline.claim_views import ClaimView
from pipeline.errors import ConcurrentUpdate, InvalidInput
from pipeline.roles import Actor, Role, require_role
from pipeline.service.conflicts import ConflictsMixin
from pipeline.service.reads import ReadsMixin
from pipeline.store.schema import DecisionRow


class DecisionsMixin(ConflictsMixin, ReadsMixin):
    def correct(
        self, actor: Actor, claim_id: str, items: list[corrections.CorrectionIn], expected_version: int | None = None
    ) -> ClaimView:
        """A reviewer marks criteria of the claim's latest analysis wrong, giving the right verdict;
        stored append-only with the analysis (scoring version) it corrects, and in history."""
        require_role(actor, {Role.REVIEWER}, "correct the tool's verdicts")
        if not items:
            raise InvalidInput("corrections: name at least one criterion and its right verdict")
        with self._write(claim_id) as session:
            row = self._load(session, actor, claim_id)
            if expected_version is not None and row.version != expected_version:
                raise ConcurrentUpdate(f"claim {row.claim_id} was changed by someone else; reload it and try again")
            added = corrections.add_corrections(session, row, actor.name, items, self.clock.now())
            self._history(session, row, actor.name, "criterion_corrected",
                          reason="; ".join(f"{c.criterion}: {c.tool_verdict or '-'} -> {c.verdict}" for c in added),
                          details={"corrections": [{"criterion": c.criterion, "verdict": c.verdict, "note": c.note,
                                                    "document": c.document, "where": c.where} for c in added]})
        return self.get_claim(actor, claim_id)

    def decide(
        self,
        actor: Actor,
        claim_id: str,
        decision: str,
        note: str,
        requests: list[str] | None = None,
        expected_version: int | None = None,
        *,
        wrong_criteria: list[str] | None = None,
        policy_exception: bool = False,
    ) -> ClaimView:
        """A reviewer's decision on a claim Under review (D-13, D-15, D-16, D-6, D-17). An overrule
        may say which criteria the tool got wrong (each stored as a correction) or that it is a
        policy exception (no criterion wrong)."""
        key = decision.strip().lower().replace("-", "_")
        rule = lc.DECISIONS.get(key)
        if rule is None:
            raise InvalidInput(f"decision must be approve, reject or request_info, not {decision!r}")
        requests = [r.strip() for r in (requests or []) if r.strip()]
        with self._write(claim_id) as session:
            now = self.clock.now()
            row = self._load(session, actor, claim_id)
            if expected_version is not None and row.version != expected_version:
                raise ConcurrentUpdate(
                    f"claim {row.claim_id} was changed by someone else (now version {row.version}, you saw "
                    f"{expected_version}); reload it and decide again"
                )
            ctx = lc.TransitionContext(now=now, note=note or "", requests=tuple(requests))
            if key == "request_info" and not requests and note.strip():
                requests = [note.strip()]
            decision_row = DecisionRow(
                claim_id=row.claim_id,
                decided_at=now,
                reviewer=actor.name,
                decision=key,
                note=note or "",
                recommendation=row.recommendation,
                overruled=row.recommendation is not None and row.recommendation != key,
                requests=requests,
            )
            session.add(decision_row)
            details: dict[str, Any] = {"decision": key, "recommendation": row.recommendation}
            if requests:
                details["requests"] = requests
            if decision_row.overruled and (wrong_criteria or policy_exception):
                session.flush()
                items = corrections.for_overrule(session, row, wrong_criteria or [])
                corrections.add_corrections(session, row, actor.name, items, now, decision_id=decision_row.id,
                                            policy_exception=policy_exception, note=note or "")
                details["wrong_criteria"] = [i.criterion for i in items]
                details["policy_exception"] = policy_exception
            self._move(session, row, rule, actor, ctx, purpose="review", reason=note or "", details=details)
            if key == "approve":
                row.opt_out_until = (
                    None if self._facts(session, row).is_revenue_association else lc.opt_out_until(now)
                )
                self._take_products_from_others(session, row, actor, now)
                self._resolve_conflicts(session, row, now)
            elif key == "request_info":
                row.action_due_at = lc.action_due_at(now)
            session.flush()
        return self.get_claim(actor, claim_id)

    def consent_deny(self, actor: Actor, claim_id: str, reason: str, comment: str = "") -> ClaimView:
        """D-17/D-21: the customer denies or cancels an approved association."""
        known = lc.normalise_consent_reason(reason)
        if known is None:
            raise InvalidInput(
                f"reason must be one of: {'; '.join(lc.CONSENT_DENIAL_REASONS)} (D-21), not {reason!r}"
            )
        with self._write(claim_id) as session:
            now = self.clock.now()
            row = self._load(session, actor, claim_id)
            self._move(
                session,
                row,
                lc.DENY_CONSENT,
                actor,
                lc.TransitionContext(now=now, consent_reason=known),
                purpose="customer",
                reason=known,
                details={"comment": comment, "d21_reason": known},
            )
        return self.get_claim(actor, claim_id)
