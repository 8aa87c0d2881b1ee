"""The partner's side: edits (D-9), added documents and (re-)submission (D-15)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from pipeline import added_files
from pipeline import lifecycle as lc
from pipeline.claim_folder import read_claim_folder
from pipeline.claim_views import ClaimView
from pipeline.errors import ConcurrentUpdate, IllegalTransition, InvalidInput
from pipeline.intake import replace_active_products, submission_from_store
from pipeline.models import ClaimedProductIn, Status
from pipeline.roles import PARTNER_ROLES, Actor, require_role
from pipeline.service.base import EDITORS, _system_label
from pipeline.service.reads import ReadsMixin
from pipeline.store.schema import ClaimRow, HistoryRow, SubmissionRow


class EditsMixin(ReadsMixin):
    def add_documents(
        self, actor: Actor, claim_id: str, folder: Path, read: list[added_files.ReadResult], details: dict[str, Any]
    ) -> int:
        """A partner adds POE without re-submitting (D-15, see :mod:`pipeline.added_files`):
        ``folder`` (the current submission plus the new files) becomes the next submission; the
        status does not move. Returns the new submission's number."""
        require_role(actor, PARTNER_ROLES, "add documents")
        cf = read_claim_folder(folder)
        with self._write(claim_id) as session:
            now = self.clock.now()
            row = self._load(session, actor, claim_id)
            seq = added_files.add_files(session, row, cf, now, self.blobs_dir, read)
            flag_modified(row, "status")  # the claim changed: bump its version (optimistic lock)
            names = ", ".join(r.path for r in read)
            self._history(
                session, row, actor.name, "documents_added",
                reason=f"{len(read)} document(s) added, not yet re-submitted: {names}",
                details={**details, "submission": seq, "content_hash": cf.content_hash}, at=now,
            )
        return seq

    def submit(self, actor: Actor, claim_id: str) -> ClaimView:
        """A partner submits a Draft, or re-submits in Partner action required (D-15).

        When the claim was edited (D-9) since its current submission, the edited claim becomes a
        new submission (claim.json with the edits, same documents) so the next analysis and
        ``materialize_submission`` see what the partner now claims; otherwise the current
        submission is simply queued for analysis again.
        """
        with self._write(claim_id) as session:
            now = self.clock.now()
            row = self._load(session, actor, claim_id)
            rule = lc.RESUBMIT if row.status == Status.PARTNER_ACTION_REQUIRED.value else lc.SUBMIT
            self._move(
                session,
                row,
                rule,
                actor,
                lc.TransitionContext(now=now),
                purpose="intake",
                reason="re-submitted after the requested changes (D-15)"
                if rule is lc.RESUBMIT
                else "submitted",
            )
            row.action_due_at = None
            self._submission_after_edits(session, row, actor, now)
        return self.get_claim(actor, claim_id)

    def _submission_after_edits(self, session: Session, row: ClaimRow, actor: Actor, now: datetime) -> None:
        sub = session.scalar(
            select(SubmissionRow).where(
                SubmissionRow.claim_id == row.claim_id, SubmissionRow.seq == row.current_submission
            )
        )
        if sub is None:
            return
        edited = session.scalar(
            select(HistoryRow.id)
            .where(
                HistoryRow.claim_id == row.claim_id,
                HistoryRow.action == "edited",
                HistoryRow.at >= sub.received_at,
            )
            .limit(1)
        )
        if edited is None:
            sub.analysed_at = None
            return
        seq, content_hash = submission_from_store(session, row, sub, f"edited by {actor.name}", now)
        self._history(
            session,
            row,
            _system_label(actor, "intake"),
            "resubmitted",
            reason=f"submission {seq}: the edited claim with the documents of submission {sub.seq}",
            details={"submission": seq, "content_hash": content_hash},
            at=now,
        )

    def edit(
        self,
        actor: Actor,
        claim_id: str,
        *,
        mpn_id: str | None = None,
        mpn_country: str | None = None,
        products: list[dict[str, Any]] | None = None,
        partner_contact_name: str | None = None,
        partner_contact_email: str | None = None,
        customer_contact_name: str | None = None,
        customer_contact_email: str | None = None,
        expected_version: int | None = None,
    ) -> ClaimView:
        """D-9: MPN location, products/workloads (with subscriptions) and contacts, only while the
        claim is Draft or Partner action required, only by the claim's own partner (or SYSTEM)."""
        require_role(actor, EDITORS, "edit claims")
        new_products: list[ClaimedProductIn] | None = None
        if products is not None:
            if not products:
                raise InvalidInput("products: a claim needs at least one product or workload (D-4)")
            try:
                new_products = [ClaimedProductIn.model_validate(p) for p in products]
            except Exception as exc:
                raise InvalidInput(f"products: {exc}".splitlines()[0]) from None
        with self._write(claim_id) as session:
            now = self.clock.now()
            row = self._load(session, actor, claim_id)
            if expected_version is not None and row.version != expected_version:
                raise ConcurrentUpdate(
                    f"claim {row.claim_id} was changed by someone else; reload it and edit again"
                )
            if Status(row.status) not in lc.EDITABLE_STATES:
                raise IllegalTransition(
                    f"cannot edit claim {row.claim_id}: it is {row.status}; only Draft or Partner action required claims are editable (D-9)"
                )
            changes: dict[str, list[Any]] = {}
            for attr, value in (
                ("mpn_id", mpn_id),
                ("mpn_country", mpn_country),
                ("partner_contact_name", partner_contact_name),
                ("partner_contact_email", partner_contact_email),
                ("customer_contact_name", customer_contact_name),
                ("customer_contact_email", customer_contact_email),
            ):
                if value is not None and value.strip() != getattr(row, attr):
                    if attr in ("mpn_id", "mpn_country") and not value.strip():
                        raise InvalidInput(f"{attr}: must not be empty")
                    changes[attr] = [getattr(row, attr), value.strip()]
                    setattr(row, attr, value.strip())
            if new_products is not None:
                before = [[p.name, p.code, p.subscription_id] for p in row.products if p.removed_at is None]
                after = [[p.name, p.code, p.subscription_id] for p in new_products]
                if before != after:
                    changes["products"] = [before, after]
                    replace_active_products(row, new_products)
            if not changes:
                raise InvalidInput(f"nothing to change on claim {row.claim_id}")
            flag_modified(row, "status")
            self._history(
                session,
                row,
                actor.name,
                "edited",
                reason="edited by the partner (D-9)",
                details=changes,
                at=now,
            )
        return self.get_claim(actor, claim_id)
