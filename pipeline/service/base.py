"""The plumbing every part of :class:`ClaimService` shares: the engine and clock, one write
transaction per call (``claims.version`` as an optimistic lock), loading a claim the actor may
see, the append-only history and lifecycle moves (D-1, :mod:`pipeline.lifecycle`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pipeline import lifecycle as lc
from pipeline.claim_views import jsonable
from pipeline.clock import Clock, SystemClock
from pipeline.errors import ClaimNotFound, ConcurrentUpdate, InvalidInput
from pipeline.models import Status
from pipeline.roles import PARTNER_ROLES, SYSTEM, Actor, Role, require_visible
from pipeline.store.db import BLOBS, session_scope, store_data_dir
from pipeline.store.schema import ClaimProductRow, ClaimRow, DocumentRow, HistoryRow, UserRow

Decision = Literal["approve", "reject", "request_info"]
READERS = frozenset(Role)
EDITORS = PARTNER_ROLES | {Role.SYSTEM}
STAFF = frozenset({Role.REVIEWER, Role.ANALYST, Role.ADMIN})  # Microsoft users who read every claim


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



class ServiceBase:
    def __init__(self, engine: Engine, clock: Clock | None = None, *, data_dir: Path | None = None) -> None:
        self.engine = engine
        self.clock: Clock = clock or SystemClock()
        self.data_dir = Path(data_dir) if data_dir is not None else store_data_dir(engine)

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir / BLOBS

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

    def actor(self, username: str) -> Actor | None:
        """The Actor of a local account (``users`` table), or None when there is none."""
        with session_scope(self.engine) as session:
            user = session.get(UserRow, username)
            if user is None:
                return None
            return Actor(user.username, Role(user.role), user.partner_org)
