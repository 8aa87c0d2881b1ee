"""Relational schema of the claims store (spec section 5).

SQLite by default, PostgreSQL in production; Alembic migrations in ``pipeline/store/migrations``
are the source of truth for the database, and must be kept in step with these classes.
``history`` is append-only: rows are inserted, never updated or deleted.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class _UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in and out, on every backend.

    PostgreSQL keeps ``timestamptz``; SQLite has no time zones and hands back naive values, so
    values are stored as naive UTC there and made aware again on the way out. Naive input is
    taken as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UTCDateTime = _UTCDateTime()


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class TenantRow(Base):
    __tablename__ = "tenants"
    tenant_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(300))
    domains: Mapped[list[Any]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    subscriptions: Mapped[list[TenantSubscriptionRow]] = relationship(
        back_populates="tenant", cascade="all, delete-orphan"
    )


class TenantSubscriptionRow(Base):
    __tablename__ = "tenant_subscriptions"
    subscription_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.tenant_id"), index=True)
    product: Mapped[str] = mapped_column(String(300), default="")
    code: Mapped[str | None] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(100), default="")
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    tenant: Mapped[TenantRow] = relationship(back_populates="subscriptions")


class TenantHistoryRow(Base):
    """Append-only log of changes to the tenant directory (issue 13): who loaded which file, and
    each tenant entry before and after, so a rewritten directory can be traced and undone."""

    __tablename__ = "tenant_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(36), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(300))  # 'system:intake' or the operator's name
    action: Mapped[str] = mapped_column(String(20))  # created | updated
    source: Mapped[str] = mapped_column(Text, default="")  # the tenants.json that was loaded
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ClaimRow(Base):
    """Current state of one claim. ``version`` is the optimistic lock: every write bumps it."""

    __tablename__ = "claims"
    claim_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(500), default="")
    program: Mapped[str] = mapped_column(String(50))
    solution_area: Mapped[str] = mapped_column(String(50))
    activity: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(40), index=True)
    partner_name: Mapped[str] = mapped_column(String(300))
    # Normalised partner organisation key (D-1 visibility, D-6 'another partner'): the MPN ID.
    partner_org: Mapped[str] = mapped_column(String(50), index=True)
    partner_contact_name: Mapped[str] = mapped_column(String(300), default="")
    partner_contact_email: Mapped[str] = mapped_column(String(300), default="")
    mpn_id: Mapped[str] = mapped_column(String(50))
    mpn_country: Mapped[str] = mapped_column(String(100))
    customer_domain: Mapped[str] = mapped_column(String(300))
    tenant_id: Mapped[str] = mapped_column(String(36), index=True)
    customer_contact_name: Mapped[str] = mapped_column(String(300), default="")
    customer_contact_email: Mapped[str] = mapped_column(String(300), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Lifecycle clocks (D-14, D-15, D-17), stored so queues and reports can sort and filter.
    status_since: Mapped[datetime] = mapped_column(UTCDateTime)
    review_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    action_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opt_out_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    in_conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    current_submission: Mapped[int] = mapped_column(Integer, default=1)
    content_hash: Mapped[str] = mapped_column(String(64))
    recommendation: Mapped[str | None] = mapped_column(String(20))
    score: Mapped[float | None] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}

    products: Mapped[list[ClaimProductRow]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="ClaimProductRow.position"
    )


class ClaimProductRow(Base):
    __tablename__ = "claim_products"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.claim_id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    code: Mapped[str | None] = mapped_column(String(100))
    subscription_id: Mapped[str | None] = mapped_column(String(100))
    # D-6: a product lost to another partner's approved claim stays listed, marked removed.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    removed_reason: Mapped[str | None] = mapped_column(Text)
    claim: Mapped[ClaimRow] = relationship(back_populates="products")

    @property
    def key(self) -> str:
        return self.code or self.name


class SubmissionRow(Base):
    """Each distinct content of a claim folder is one submission; re-submissions add rows."""

    __tablename__ = "submissions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.claim_id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source_path: Mapped[str] = mapped_column(Text, default="")
    claim_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    analysed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (
        UniqueConstraint("claim_id", "seq"),
        UniqueConstraint("claim_id", "content_hash"),
    )


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.claim_id"), index=True)
    submission_seq: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)  # relative to the claim folder, as claim.json names it
    stored_path: Mapped[str] = mapped_column(Text, default="")  # where the bytes are kept
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    detected_type: Mapped[str] = mapped_column(String(30), default="unknown")
    kind: Mapped[str] = mapped_column(String(30), default="other")  # sow, msa, po, poe_template, email...
    status: Mapped[str | None] = mapped_column(String(20))  # extraction status, once extracted
    error: Mapped[str | None] = mapped_column(Text)
    pages: Mapped[int | None] = mapped_column(Integer)
    uploaded_by: Mapped[str] = mapped_column(String(300), default="")
    uploaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    comment: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (UniqueConstraint("claim_id", "submission_seq", "path"),)


class ExtractionRow(Base):
    """Extraction cache: a document's bytes are parsed once per extractor version."""

    __tablename__ = "extractions"
    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    extractor_version: Mapped[str] = mapped_column(String(30), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)  # ExtractedDocument.to_dict()
    extracted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)


class AnalysisRow(Base):
    """One analysis of one submission: the spec section 3 JSON, plus its headline figures."""

    __tablename__ = "analyses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.claim_id"), index=True)
    submission_seq: Mapped[int] = mapped_column(Integer)
    analysed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    score: Mapped[float] = mapped_column(Float)
    recommendation: Mapped[str] = mapped_column(String(20))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    scoring_version: Mapped[str] = mapped_column(String(30), default="")
    # The extractor version the documents were read with ('' before it was recorded: unknown).
    extractor_version: Mapped[str] = mapped_column(String(30), default="", server_default="")
    __table_args__ = (UniqueConstraint("claim_id", "submission_seq", "scoring_version"),)


class FindingRow(Base):
    """One criterion verdict of one analysis, flattened for queues and reports."""

    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id"), index=True)
    claim_id: Mapped[str] = mapped_column(String(20), index=True)
    criterion: Mapped[str] = mapped_column(String(40))
    verdict: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    __table_args__ = (UniqueConstraint("analysis_id", "criterion"),)


class ReasonRow(Base):
    """Coded reasons of one analysis (R-SIG-001 ...), for the request form and the reports."""

    __tablename__ = "reasons"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id"), index=True)
    claim_id: Mapped[str] = mapped_column(String(20), index=True)
    code: Mapped[str] = mapped_column(String(30), index=True)
    rule: Mapped[str] = mapped_column(String(20))
    criterion: Mapped[str | None] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)


class ConflictRow(Base):
    """A conflict group (D-18): claims of different partners on one tenant + product."""

    __tablename__ = "conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(36))
    product_key: Mapped[str] = mapped_column(String(300))
    claim_ids: Mapped[list[Any]] = mapped_column(JSON)
    recommended: Mapped[str | None] = mapped_column(String(20))
    margin: Mapped[float | None] = mapped_column(Float)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)  # spec section 4 JSON
    compared_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (UniqueConstraint("tenant_id", "product_key"),)


class DecisionRow(Base):
    """A reviewer's decision; ``overruled`` when it differs from the recommendation."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.claim_id"), index=True)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewer: Mapped[str] = mapped_column(String(300))
    decision: Mapped[str] = mapped_column(String(20))  # approve | reject | request_info
    note: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str | None] = mapped_column(String(20))
    overruled: Mapped[bool] = mapped_column(Boolean, default=False)
    requests: Mapped[list[Any]] = mapped_column(JSON, default=list)  # what the partner must supply


class CorrectionRow(Base):
    """A reviewer's verdict on one criterion of one analysis, where it differs from the tool's
    (or, with ``policy_exception``, an overrule that no criterion explains). Append-only like
    history: a later correction supersedes an earlier one, nothing is rewritten."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.claim_id"), index=True)
    analysis_id: Mapped[int | None] = mapped_column(ForeignKey("analyses.id"), index=True)
    submission_seq: Mapped[int] = mapped_column(Integer)
    scoring_version: Mapped[str] = mapped_column(String(30), default="")
    criterion: Mapped[str] = mapped_column(String(40))  # a D-11 criterion, or 'policy_exception'
    tool_verdict: Mapped[str | None] = mapped_column(String(20))
    verdict: Mapped[str | None] = mapped_column(String(20))  # met | not_met (None: policy exception)
    note: Mapped[str] = mapped_column(Text, default="")
    document: Mapped[str | None] = mapped_column(String(500))
    where: Mapped[str | None] = mapped_column(String(200))  # 'page 3', 'POE!B7', ...
    reviewer: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))


class HistoryRow(Base):
    """Append-only log of every action on a claim (D-9): who, when, what, why."""

    __tablename__ = "history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(String(20), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(300))  # user name, 'system:clock', 'system:intake'
    action: Mapped[str] = mapped_column(String(50))  # submitted, transition, analysed, edited, ...
    from_status: Mapped[str | None] = mapped_column(String(40))
    to_status: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class NotificationRow(Base):
    """Outgoing messages, unique per (claim, kind, key) so a re-run never sends twice."""

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # consent, action_required, action_reminder
    dedupe_key: Mapped[str] = mapped_column(String(200))
    recipients: Mapped[list[Any]] = mapped_column(JSON)
    subject: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    eml_path: Mapped[str | None] = mapped_column(Text)
    # Stable per row, so a re-send after an unconfirmed attempt is recognisable as the same mail.
    message_id: Mapped[str | None] = mapped_column(String(300))
    # Set before the transport is called, cleared when it reports a failure: set with no
    # ``sent_at`` means a run stopped between the send and its record (outcome unknown).
    attempted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (UniqueConstraint("claim_id", "kind", "dedupe_key"),)


class UserRow(Base):
    """Local accounts (web sign-in and library role checks, D-1)."""

    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(300), default="")
    role: Mapped[str] = mapped_column(String(30))  # incentive_admin, incentive_user, reviewer, analyst, admin
    partner_org: Mapped[str | None] = mapped_column(String(50))  # partner users: their MPN ID
    password_hash: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WebSessionRow(Base):
    """A signed-in web session (server side, so signing out revokes it at once).

    ``id`` is the SHA-256 of the random token kept in the cookie: a copy of the table does not
    hold usable sessions."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginThrottleRow(Base):
    """Failed sign-ins per account (``scope='account'``) and per client address (``'address'``),
    stored so the limit holds across web workers and restarts."""

    __tablename__ = "login_throttle"
    scope: Mapped[str] = mapped_column(String(10), primary_key=True)
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RunRow(Base):
    """A nightly run's summary, kept in the store as well as in Prefect's artifacts."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    as_of: Mapped[datetime] = mapped_column(UTCDateTime)
    inbox: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


Index("ix_history_claim_at", HistoryRow.claim_id, HistoryRow.at)
