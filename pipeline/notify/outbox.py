"""The notification outbox (D-15, D-17, D-19..D-21), derived from the append-only history.

``enqueue``: every ``transition`` history row into Approved (except revenue association, D-7/D-19)
gives a ``consent`` message, every one into Partner action required an ``action_required``
message, and a claim still waiting for the partner ``REMINDER_DAYS`` before its D-15 deadline an
``action_reminder``. One ``notifications`` row per (claim, kind, history id): re-runs add nothing.
A transition the claim has already left when the outbox first sees it (approved, then denied by a
reviewer before the nightly notify ran) gets no message: it would ask the customer to deny what is
already denied, or the partner for what they already sent.

``deliver``: each unsent row is rendered and handed to the transport; success sets ``sent_at`` and
appends a ``notified`` history row in one transaction; failure counts the attempt, keeps the error
and leaves the row pending for the next run. Claim state is never touched, so a failed send never
loses a state change.

Delivery is idempotent as far as mail allows: the attempt (``attempted_at``, and the row's stable
``message_id``) is committed *before* the transport is called, and cleared when the transport
reports a failure. A row found attempted but neither sent nor failed means a run stopped between
the send and its record: it is sent again with the same Message-ID (receiving systems drop a
Message-ID they have already delivered), counted as ``unconfirmed`` in the report, and its history
row says so. An attempt younger than ``IN_FLIGHT`` is left alone: another run is sending it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline.clock import Clock, FixedClock, SystemClock
from pipeline.lifecycle import ACTION_REQUIRED_DAYS
from pipeline.models import REVENUE_ASSOCIATION, Status
from pipeline.notify.templates import (
    ActionFacts,
    ConsentFacts,
    ProductLine,
    RenderedMessage,
    render_action_required,
    render_consent,
)
from pipeline.notify.tokens import consent_secret, make_consent_token
from pipeline.notify.transports import Transport, transport_from_env
from pipeline.store.db import session_scope, store_data_dir
from pipeline.store.schema import ClaimRow, HistoryRow, NotificationRow, TenantRow, TenantSubscriptionRow
from scoring.catalogue import find_product

REMINDER_DAYS = 7  # the reminder goes out when a week is left of the 30 days (D-15)
IN_FLIGHT = timedelta(minutes=15)  # longer than any SMTP transaction (timeout 30 s, few recipients)
BASE_URL_ENV = "POE_BASE_URL"
MAIL_FROM_ENV = "POE_MAIL_FROM"
DEFAULT_BASE_URL = "http://localhost:8000"
DEFAULT_FROM = "Microsoft Partner Incentives <no-reply@poe-review.invalid>"
NOTIFY_ACTOR = "system:notify"
KINDS = {Status.APPROVED.value: "consent", Status.PARTNER_ACTION_REQUIRED.value: "action_required"}
RULES = {"consent": "D-19", "action_required": "D-15", "action_reminder": "D-15"}
WHAT = {
    "consent": "customer consent email sent to the customer contact, Office portal administrator copied",
    "action_required": "partner action required email sent to the partner contact",
    "action_reminder": "reminder of the 30-day deadline sent to the partner contact",
}


@dataclass
class NotifyReport:
    queued: int = 0
    sent: int = 0
    failed: int = 0
    undeliverable: int = 0
    unconfirmed: int = 0  # re-sent after an attempt whose outcome was never recorded
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "queued": self.queued,
            "sent": self.sent,
            "failed": self.failed,
            "undeliverable": self.undeliverable,
            "unconfirmed": self.unconfirmed,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
        }


def base_url() -> str:
    return (os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")


class Notifier:
    def __init__(
        self,
        engine: Engine,
        transport: Transport,
        secret: bytes | str,
        clock: Clock | None = None,
        *,
        base_url: str | None = None,
        sender: str | None = None,
        reminder_days: int = REMINDER_DAYS,
    ) -> None:
        self.engine = engine
        self.transport = transport
        self.secret = secret
        self.clock: Clock = clock or SystemClock()
        self.base_url = (base_url or globals()["base_url"]()).rstrip("/")
        self.sender = sender or os.environ.get(MAIL_FROM_ENV) or DEFAULT_FROM
        self.reminder_days = reminder_days

    # --- enqueue ---------------------------------------------------------------------------

    def enqueue(self, now: datetime | None = None) -> int:
        """Add the messages the history calls for and the outbox lacks; returns how many."""
        now = now or self.clock.now()
        added = 0
        with session_scope(self.engine) as session:
            known = {
                (c, k, d)
                for c, k, d in session.execute(
                    select(NotificationRow.claim_id, NotificationRow.kind, NotificationRow.dedupe_key)
                )
            }
            last_move = dict(
                session.execute(
                    select(HistoryRow.claim_id, func.max(HistoryRow.id))
                    .where(HistoryRow.action == "transition")
                    .group_by(HistoryRow.claim_id)
                ).all()
            )
            moves = session.scalars(
                select(HistoryRow)
                .where(HistoryRow.action == "transition", HistoryRow.to_status.in_(list(KINDS)))
                .order_by(HistoryRow.id)
            )
            wanted: list[tuple[HistoryRow, str]] = []
            for h in moves:
                kind = KINDS[h.to_status or ""]
                if (h.claim_id, kind, str(h.id)) in known or last_move.get(h.claim_id) != h.id:
                    continue
                wanted.append((h, kind))
            for h in self._reminders_due(session, now, last_move):
                if (h.claim_id, "action_reminder", str(h.id)) not in known:
                    wanted.append((h, "action_reminder"))
            for h, kind in wanted:
                claim = session.get(ClaimRow, h.claim_id)
                if claim is None:
                    continue
                if kind == "consent" and claim.activity.strip().lower() == REVENUE_ASSOCIATION.lower():
                    continue  # D-7, D-19: no consent email for revenue association
                message = self._render(session, claim, h, kind, now)
                row = NotificationRow(
                    claim_id=h.claim_id,
                    kind=kind,
                    dedupe_key=str(h.id),
                    recipients=list(message.recipients),
                    subject=message.subject,
                    created_at=now,
                    attempts=0,
                    last_error=None if message.to else "no recipient: the claim gives no e-mail address",
                )
                try:
                    with session.begin_nested():
                        session.add(row)
                except IntegrityError:
                    continue  # a concurrent run queued it first
                added += 1
        return added

    def _reminders_due(self, session: Session, now: datetime, last_move: dict[str, int]) -> list[HistoryRow]:
        window = timedelta(days=self.reminder_days)
        due = session.scalars(
            select(ClaimRow).where(
                ClaimRow.status == Status.PARTNER_ACTION_REQUIRED.value,
                ClaimRow.action_due_at.is_not(None),
                ClaimRow.action_due_at > now,
                ClaimRow.action_due_at <= now + window,
            )
        )
        out = []
        for claim in due:
            h = session.get(HistoryRow, last_move.get(claim.claim_id, -1))
            if h is not None and h.to_status == Status.PARTNER_ACTION_REQUIRED.value:
                out.append(h)
        return out

    # --- render ----------------------------------------------------------------------------

    def _render(self, session: Session, claim: ClaimRow, h: HistoryRow, kind: str, now: datetime) -> RenderedMessage:
        if kind == "consent":
            return render_consent(self._consent_facts(session, claim))
        details = h.details or {}
        requests = tuple(str(r) for r in details.get("requests") or [])
        due = h.at + timedelta(days=ACTION_REQUIRED_DAYS)
        if claim.status == Status.PARTNER_ACTION_REQUIRED.value and claim.action_due_at and claim.status_since == h.at:
            due = claim.action_due_at
        facts = ActionFacts(
            claim_id=claim.claim_id,
            claim_name=claim.name,
            partner_org_name=claim.partner_name,
            partner_contact_name=claim.partner_contact_name,
            partner_contact_email=claim.partner_contact_email,
            customer_domain=claim.customer_domain,
            requests=requests,
            note=h.reason or "",
            requested_at=h.at,
            due_at=due,
            claim_url=f"{self.base_url}/claims/{claim.claim_id}",
        )
        return render_action_required(facts, reminder=kind == "action_reminder", now=now)

    def _consent_facts(self, session: Session, claim: ClaimRow) -> ConsentFacts:
        tenant = session.get(TenantRow, claim.tenant_id)
        subs = list(
            session.scalars(select(TenantSubscriptionRow).where(TenantSubscriptionRow.tenant_id == claim.tenant_id))
        )
        by_id = {s.subscription_id.lower(): s for s in subs}
        lines = []
        for p in claim.products:
            if p.removed_at is not None:
                continue
            sub = by_id.get((p.subscription_id or "").strip().lower())
            if sub is None and not p.subscription_id:
                # D-8: no subscription named because the tenant has exactly one of this product.
                same = [s for s in subs if p.key.casefold() in {(s.code or "").casefold(), s.product.casefold()}]
                sub = same[0] if len(same) == 1 else None
            code = p.code or _catalogue_code(p.name)
            lines.append(
                ProductLine(
                    name=p.name,
                    code=code,
                    subscription_id=p.subscription_id or (sub.subscription_id if sub else None),
                    country=(sub.country if sub and sub.country else claim.mpn_country),
                )
            )
        return ConsentFacts(
            claim_id=claim.claim_id,
            solution_area=claim.solution_area,
            customer_name=(tenant.display_name if tenant else "") or claim.customer_contact_name or claim.customer_domain,
            tenant_id=claim.tenant_id,
            domain=claim.customer_domain,
            products=tuple(lines),
            partner_org_name=claim.partner_name,
            partner_contact_name=claim.partner_contact_name,
            partner_contact_email=claim.partner_contact_email,
            customer_contact_email=claim.customer_contact_email,
            deny_url=f"{self.base_url}/consent/{make_consent_token(claim.claim_id, self.secret)}",
        )

    def email(self, row: NotificationRow, message: RenderedMessage, now: datetime) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = ", ".join(message.to)
        if message.cc:
            msg["Cc"] = ", ".join(message.cc)
        msg["Subject"] = message.subject
        msg["Date"] = format_datetime(now)
        msg["Message-ID"] = row.message_id or message_id(row)
        msg["X-Poe-Claim"] = row.claim_id
        msg["X-Poe-Kind"] = row.kind
        msg["X-Poe-File"] = f"{row.claim_id}-{row.kind}-{row.dedupe_key}"
        msg.set_content(message.text)
        if message.html:
            msg.add_alternative(message.html, subtype="html")
        return msg

    # --- deliver ---------------------------------------------------------------------------

    def deliver(self, now: datetime | None = None) -> NotifyReport:
        now = now or self.clock.now()
        report = NotifyReport()
        with session_scope(self.engine) as session:
            pending = [
                (r.id, r.attempts, r.attempted_at)
                for r in session.scalars(
                    select(NotificationRow).where(NotificationRow.sent_at.is_(None)).order_by(NotificationRow.id)
                )
                if r.recipients and any(r.recipients)
            ]
            report.undeliverable = session.scalar(
                select(func.count()).select_from(NotificationRow).where(
                    NotificationRow.sent_at.is_(None), NotificationRow.last_error.like("no recipient%")
                )
            ) or 0
        for nid, attempts, attempted_at in pending:
            if attempted_at is not None and attempted_at > now - IN_FLIGHT:
                # Another run handed it to the transport moments ago (or died doing so): leave it.
                report.warnings.append(
                    f"notification {nid}: attempted at {attempted_at.isoformat()} and not recorded yet; "
                    "left for a run after that attempt is surely over"
                )
                continue
            self._deliver_one(nid, attempts, attempted_at, now, report)
        return report

    def _deliver_one(
        self, nid: int, attempts: int, unconfirmed: datetime | None, now: datetime, report: NotifyReport
    ) -> None:
        with session_scope(self.engine) as session:
            # Take this attempt and record it before sending: a concurrent run that read the same
            # row loses the update, and a crash after the send leaves ``attempted_at`` behind.
            took = session.execute(
                update(NotificationRow)
                .where(NotificationRow.id == nid, NotificationRow.attempts == attempts, NotificationRow.sent_at.is_(None))
                .values(attempts=attempts + 1, attempted_at=now)
            )
            if cast("CursorResult[Any]", took).rowcount != 1:
                return
            row = session.get(NotificationRow, nid)
            claim = session.get(ClaimRow, row.claim_id) if row else None
            h = session.get(HistoryRow, int(row.dedupe_key)) if row else None
            if row is None or claim is None or h is None:
                return
            row.message_id = row.message_id or message_id(row)
            message = self._render(session, claim, h, row.kind, now)
            email = self.email(row, message, now)
            row_claim, row_kind, row_key, mid = row.claim_id, row.kind, row.dedupe_key, row.message_id
        if unconfirmed is not None:
            report.unconfirmed += 1
            report.warnings.append(
                f"claim {row_claim} {row_kind}: the attempt of {unconfirmed.isoformat()} was never confirmed "
                f"(the run stopped after handing it over?); sent again as {mid} so mail systems drop a duplicate"
            )
        try:
            stored = self.transport.send(email)
        except Exception as exc:  # any transport failure: keep the message for the next run
            error = f"{type(exc).__name__}: {exc}"[:1000]
            with session_scope(self.engine) as session:
                session.execute(
                    update(NotificationRow).where(NotificationRow.id == nid).values(last_error=error, attempted_at=None)
                )
            report.failed += 1
            report.errors.append(f"claim {row_claim} {row_kind}: {error}")
            return
        with session_scope(self.engine) as session:
            session.execute(
                update(NotificationRow)
                .where(NotificationRow.id == nid)
                .values(sent_at=now, last_error=None, eml_path=stored, recipients=list(message.recipients))
            )
            session.add(
                HistoryRow(
                    claim_id=row_claim,
                    at=now,
                    actor=NOTIFY_ACTOR,
                    action="notified",
                    reason=f"{WHAT[row_kind]} ({RULES[row_kind]})",
                    details={
                        "notification_id": nid,
                        "kind": row_kind,
                        "transition_history_id": int(row_key),
                        "transport": getattr(self.transport, "name", type(self.transport).__name__),
                        "attempt": attempts + 1,
                        "message_id": mid,
                        **({"unconfirmed_attempt_at": unconfirmed.isoformat()} if unconfirmed else {}),
                    },
                )
            )
        report.sent += 1

    def run(self, now: datetime | None = None) -> NotifyReport:
        """Enqueue then deliver: what ``poe-review notify`` and the nightly flow call."""
        now = now or self.clock.now()
        queued = self.enqueue(now)
        report = self.deliver(now)
        report.queued = queued
        return report


def message_id(row: NotificationRow) -> str:
    """The row's Message-ID: one per (claim, kind, transition), the outbox's unique key, so every
    attempt at one notification carries the same ID (and rows queued before the column existed
    keep the ID they were first sent with)."""
    return f"<poe-review.{row.claim_id}.{row.kind}.{row.dedupe_key}@poe-review.invalid>"


def _catalogue_code(name: str) -> str | None:
    product = find_product(name)
    return product.code if product else None


def default_outbox(data_dir: Path) -> Path:
    return Path(data_dir) / "outbox"


def notify_pending(
    engine: Engine, now: datetime | None = None, *, outbox: Path | None = None, base_url: str | None = None
) -> NotifyReport:
    """Queue and deliver every pending notification with the configured transport and secret:
    ``POE_SMTP_URL`` else ``.eml`` files in ``outbox`` (default ``<data dir>/outbox``); the consent
    secret shared with the web app (:func:`pipeline.notify.tokens.consent_secret`)."""
    data_dir = store_data_dir(engine)
    transport = transport_from_env(outbox or default_outbox(data_dir))
    clock = FixedClock(now) if now is not None else SystemClock()
    return Notifier(engine, transport, consent_secret(data_dir), clock, base_url=base_url).run()
