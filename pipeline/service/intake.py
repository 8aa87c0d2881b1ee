"""Intake: claim folders of an inbox taken into the store, one transaction per folder, and the
operator's tenant directory (issue 13).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline import lifecycle as lc
from pipeline.claim_folder import file_sha256, find_tenants_file, load_tenants, read_claim_folder
from pipeline.errors import AccessDenied, ClaimFolderError, InvalidInput, PoeReviewError
from pipeline.intake import IngestItem, IngestReport, claim_folders, take_in
from pipeline.models import Status
from pipeline.roles import PARTNER_ROLES, SYSTEM, Actor, Role, require_role
from pipeline.service.base import ServiceBase, _system_label
from pipeline.store.db import session_scope
from pipeline.store.schema import ClaimRow
from pipeline.tenant_directory import upsert_tenants


class IntakeMixin(ServiceBase):
    def ingest(self, inbox: Path, actor: Actor = SYSTEM) -> IngestReport:
        """Take every claim folder of ``inbox`` in; one transaction per folder (see intake)."""
        require_role(actor, PARTNER_ROLES | {Role.SYSTEM, Role.REVIEWER}, "ingest claims")
        inbox = Path(inbox)
        if not inbox.is_dir():
            raise InvalidInput(f"inbox {inbox} is not a directory")
        now = self.clock.now()
        report = IngestReport(inbox=str(inbox))
        tenants_file = find_tenants_file(inbox)
        if (
            tenants_file is not None
            and tenants_file.resolve().parent == inbox.resolve().parent
            and not (inbox / "claim.json").is_file()
        ):
            tenants_file = None  # an inbox's directory is its own, not its parent's
        if tenants_file is not None:
            report.tenants_loaded, report.tenants_error = self._load_tenant_directory(tenants_file, actor, now)
        for folder in claim_folders(inbox):
            report.items.append(self._ingest_one(folder, actor, now))
        return report

    def _load_tenant_directory(self, path: Path, actor: Actor, now: datetime) -> tuple[int, str | None]:
        """(tenants written, error). Only an operator's ingest (SYSTEM: the CLI, the nightly run)
        loads a directory: it decides D-8 eligibility and customer names for every partner, so
        a partner's ingest or re-submission never changes it (issue 13)."""
        if actor.role != Role.SYSTEM:
            return 0, (
                f"{path.name} ignored: only an operator's ingest loads the tenant directory, "
                f"not {actor.role.value} {actor.name}"
            )
        try:
            tenants = load_tenants(path)
            with session_scope(self.engine) as session:
                written = upsert_tenants(
                    session,
                    tenants,
                    now,
                    actor=_system_label(actor, "intake"),
                    source=str(path.resolve()),
                    source_sha256=file_sha256(path),
                )
            return written, None
        except ClaimFolderError as exc:
            return 0, str(exc)

    def _ingest_one(self, folder: Path, actor: Actor, now: datetime) -> IngestItem:
        label = folder.name
        claim_id: str | None = None
        try:
            cf = read_claim_folder(folder)
            claim_id = cf.claim.claim_id
            with self._write(claim_id) as session:
                if actor.is_partner:
                    stored = session.get(ClaimRow, claim_id)
                    org = stored.partner_org if stored is not None else cf.claim.mpn_location.mpn_id
                    if org != actor.partner_org:
                        raise AccessDenied(f"claim {claim_id} belongs to another partner organisation")
                taken = take_in(session, cf, now, self.blobs_dir)
                if taken.outcome == "unchanged":
                    return IngestItem(label, "unchanged", claim_id, taken.note, taken.seq)
                assert taken.row is not None
                self._record_intake(session, taken, actor, cf.content_hash, now)
                message = taken.note
            return IngestItem(label, taken.outcome, claim_id, message, taken.seq)
        except (PoeReviewError, IntegrityError) as exc:
            message = (
                str(exc)
                if isinstance(exc, PoeReviewError)
                else f"claim {claim_id} was taken in concurrently; run again"
            )
            return IngestItem(label, "refused", claim_id, message)
        except Exception as exc:  # one broken folder must never stop the inbox
            return IngestItem(label, "refused", claim_id, f"unexpected error: {type(exc).__name__}: {exc}")

    def _record_intake(
        self, session: Session, taken: Any, actor: Actor, content_hash: str, now: datetime
    ) -> None:
        row: ClaimRow = taken.row
        who = _system_label(actor, "intake")
        details = {"submission": taken.seq, "content_hash": content_hash}
        if taken.outcome == "accepted":
            self._history(
                session,
                row,
                who,
                "created" if taken.to_status == Status.DRAFT else "submitted",
                to_status=row.status,
                reason=taken.note or "taken in from the inbox",
                details=details,
                at=now,
            )
            return
        self._history(
            session,
            row,
            who,
            "resubmitted",
            reason=f"submission {taken.seq} (content changed)",
            details=details,
            at=now,
        )
        ctx = lc.TransitionContext(now=now)
        if taken.from_status == Status.PARTNER_ACTION_REQUIRED:
            self._move(
                session,
                row,
                lc.RESUBMIT,
                SYSTEM if actor.role == Role.REVIEWER else actor,
                ctx,
                purpose="intake",
                reason="the partner responded to the request (D-15)",
            )
        elif taken.from_status == Status.DRAFT and taken.to_status == Status.SUBMITTED:
            self._move(
                session,
                row,
                lc.SUBMIT,
                SYSTEM if actor.role == Role.REVIEWER else actor,
                ctx,
                purpose="intake",
                reason="submitted by the partner",
            )
