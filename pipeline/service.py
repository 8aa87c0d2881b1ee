"""ClaimService: the one way into the claims store for the CLI, the web UI and the nightly run.

Every method checks the actor's role (D-1), applies lifecycle rules (:mod:`pipeline.lifecycle`),
writes the append-only history and raises only :class:`pipeline.errors.PoeReviewError`
subclasses. Writes run in one transaction each; ``claims.version`` is an optimistic lock, so of two
reviewers deciding the same claim exactly one wins and the other gets :class:`ConcurrentUpdate`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from pipeline import added_files, corrections
from pipeline import lifecycle as lc
from pipeline.claim_folder import file_sha256, find_tenants_file, load_tenants, read_claim_folder
from pipeline.claim_views import (
    ClaimSummary,
    ClaimView,
    claim_redactor,
    jsonable,
    list_summaries,
    view_of,
)
from pipeline.clock import Clock, SystemClock, as_utc
from pipeline.errors import (
    AccessDenied,
    ClaimFolderError,
    ClaimNotFound,
    ConcurrentUpdate,
    IllegalTransition,
    InvalidInput,
    PoeReviewError,
)
from pipeline.findings_store import (
    find_analysis,
    headline,
    latest_analysis,
    scoring_version_of,
    write_analysis,
)
from pipeline.intake import (
    IngestItem,
    IngestReport,
    claim_as_it_stands,
    claim_folders,
    replace_active_products,
    submission_from_store,
    take_in,
)
from pipeline.models import ClaimedProductIn, ClaimFile, DocumentRef, Status
from pipeline.reanalysis import reanalysis_change
from pipeline.redact import Redactor
from pipeline.roles import PARTNER_ROLES, SYSTEM, Actor, Role, require_role, require_visible
from pipeline.store.db import BLOBS, session_scope, store_data_dir
from pipeline.store.schema import (
    ClaimProductRow,
    ClaimRow,
    ConflictRow,
    DecisionRow,
    DocumentRow,
    HistoryRow,
    SubmissionRow,
    UserRow,
)
from pipeline.tenant_directory import upsert_tenants

Decision = Literal["approve", "reject", "request_info"]
READERS = frozenset(Role)
EDITORS = PARTNER_ROLES | {Role.SYSTEM}


def _system_label(actor: Actor, purpose: str) -> str:
    return f"system:{purpose}" if actor.role == Role.SYSTEM and actor.name == SYSTEM.name else actor.name


def _status_key(status: str) -> Status:
    """Accept the spec spelling, any case, with '-' or '_' for spaces ('under-review')."""
    wanted = " ".join(status.replace("-", " ").replace("_", " ").lower().split())
    for s in Status:
        if s.value.lower() == wanted:
            return s
    raise InvalidInput(f"unknown status {status!r}; one of: {', '.join(s.value for s in Status)}")


def same_product(a: ClaimProductRow, b: ClaimProductRow) -> bool:
    """D-5/D-6 identity of an association line. Business Applications lines that both name a
    subscription are the same only when the subscription is the same; otherwise the product key
    (code, else name) decides, case-insensitively."""
    if a.subscription_id and b.subscription_id:
        return a.subscription_id.strip().lower() == b.subscription_id.strip().lower()
    return a.key.strip().casefold() == b.key.strip().casefold()


class ClaimService:
    def __init__(self, engine: Engine, clock: Clock | None = None, *, data_dir: Path | None = None) -> None:
        self.engine = engine
        self.clock: Clock = clock or SystemClock()
        self.data_dir = Path(data_dir) if data_dir is not None else store_data_dir(engine)

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir / BLOBS

    # --- plumbing --------------------------------------------------------------------------

    @contextmanager
    def _write(self, claim_id: str | None = None) -> Iterator[Session]:
        try:
            with session_scope(self.engine) as session:
                yield session
        except StaleDataError:
            what = f"claim {claim_id}" if claim_id else "a claim"
            raise ConcurrentUpdate(
                f"{what} was changed by someone else at the same time; reload it and try again"
            ) from None

    def _load(self, session: Session, actor: Actor, claim_id: str) -> ClaimRow:
        row = session.get(ClaimRow, str(claim_id))
        if row is None:
            raise ClaimNotFound(str(claim_id))
        require_visible(actor, row.partner_org, row.claim_id)
        return row

    def _history(
        self,
        session: Session,
        row: ClaimRow | str,
        actor: str,
        action: str,
        *,
        from_status: str | None = None,
        to_status: str | None = None,
        reason: str = "",
        details: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> None:
        session.add(
            HistoryRow(
                claim_id=row if isinstance(row, str) else row.claim_id,
                at=at or self.clock.now(),
                actor=actor,
                action=action,
                from_status=from_status,
                to_status=to_status,
                reason=reason,
                details=jsonable(details or {}),
            )
        )

    def _facts(self, session: Session, row: ClaimRow) -> lc.ClaimFacts:
        active = [p for p in row.products if p.removed_at is None]
        documents = session.scalar(
            select(DocumentRow.id)
            .where(DocumentRow.claim_id == row.claim_id, DocumentRow.submission_seq == row.current_submission)
            .limit(1)
        )
        held = sorted(
            {
                p.key
                for p in active
                for other in self._approved_elsewhere(session, row)
                if same_product(p, other)
            }
        )
        return lc.ClaimFacts(
            claim_id=row.claim_id,
            status=Status(row.status),
            partner_org=row.partner_org,
            is_revenue_association=row.activity.strip().lower() == "revenue association",
            active_products=len(active),
            documents=1 if documents is not None else 0,
            action_due_at=row.action_due_at,
            held_by_other_partner=tuple(held),
        )

    def _approved_elsewhere(self, session: Session, row: ClaimRow) -> list[ClaimProductRow]:
        return list(
            session.scalars(
                select(ClaimProductRow)
                .join(ClaimRow)
                .where(
                    ClaimRow.tenant_id == row.tenant_id,
                    ClaimRow.status == Status.APPROVED.value,
                    ClaimRow.partner_org != row.partner_org,
                    ClaimProductRow.removed_at.is_(None),
                )
            )
        )

    def _move(
        self,
        session: Session,
        row: ClaimRow,
        rule: lc.TransitionRule,
        actor: Actor,
        ctx: lc.TransitionContext,
        *,
        purpose: str,
        reason: str = "",
        details: dict[str, Any] | None = None,
    ) -> Status:
        target = rule.check(actor, self._facts(session, row), ctx)
        before = row.status
        row.status = target.value
        row.status_since = ctx.now
        self._history(
            session,
            row,
            _system_label(actor, purpose),
            "transition",
            from_status=before,
            to_status=target.value,
            reason=reason,
            details={"rule": rule.RULE, "transition": rule.NAME, **(details or {})},
            at=ctx.now,
        )
        return target

    # --- users -----------------------------------------------------------------------------

    def actor(self, username: str) -> Actor | None:
        """The Actor of a local account (``users`` table), or None when there is none."""
        with session_scope(self.engine) as session:
            user = session.get(UserRow, username)
            if user is None:
                return None
            return Actor(user.username, Role(user.role), user.partner_org)

    # --- intake ----------------------------------------------------------------------------

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

    # --- reads -----------------------------------------------------------------------------

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

    # --- corrections -------------------------------------------------------------------------

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

    # --- analysis --------------------------------------------------------------------------

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
        import json

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

    # --- decisions and partner/customer actions -------------------------------------------

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

    # --- timers ----------------------------------------------------------------------------

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
