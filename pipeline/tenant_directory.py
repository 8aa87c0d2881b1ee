"""The tenant directory written into the store (spec section 2, issue 13): a tenant entry is
rewritten only when its content changed, and every write is logged in the append-only
``tenant_history`` (who, which file and its SHA-256, the entry before and after). Only an
operator's ingest calls it (``ClaimService.ingest`` as SYSTEM)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pipeline.models import Tenant
from pipeline.store.schema import TenantHistoryRow, TenantRow, TenantSubscriptionRow


def _tenant_snapshot(display_name: str, domains: list[Any], subs: list[tuple[Any, ...]]) -> dict[str, Any]:
    """A tenant entry as history keeps it: enough to see what changed and to put it back."""
    keys = ("subscription_id", "product", "code", "channel", "country", "activated_at")
    return {
        "display_name": display_name,
        "domains": list(domains),
        "subscriptions": [
            {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in zip(keys, sub, strict=True)}
            for sub in subs
        ],
    }


def _tenant_rows(session: Session, tenant_ids: list[str]) -> dict[str, TenantRow]:
    """The stored rows of these tenants with their subscriptions, in a few queries (not one
    ``get`` and one lazy load per tenant: the directory is thousands of tenants)."""
    out: dict[str, TenantRow] = {}
    for start in range(0, len(tenant_ids), 500):
        chunk = tenant_ids[start : start + 500]
        query = select(TenantRow).options(selectinload(TenantRow.subscriptions)).where(TenantRow.tenant_id.in_(chunk))
        out.update({row.tenant_id: row for row in session.scalars(query)})
    return out


def upsert_tenants(
    session: Session,
    tenants: dict[str, Tenant],
    now: datetime,
    *,
    actor: str = "system:intake",
    source: str = "",
    source_sha256: str = "",
) -> int:
    """Write the tenant directory; rows whose content did not change are left alone. Every
    entry written is logged in ``tenant_history`` (who, which file, before and after)."""
    written = 0
    rows = _tenant_rows(session, [t.tenant_id for t in tenants.values()])
    known_subs = set(session.scalars(select(TenantSubscriptionRow.subscription_id)))
    for tenant in tenants.values():
        row = rows.get(tenant.tenant_id)
        subs = [
            (s.subscription_id, s.product, s.code, s.channel.value, s.country, s.activated_at)
            for s in tenant.subscriptions
        ]
        before: dict[str, Any] | None = None
        if row is not None:
            have = [
                (s.subscription_id, s.product, s.code, s.channel, s.country, s.activated_at)
                for s in row.subscriptions
            ]
            if (
                row.display_name == tenant.display_name
                and list(row.domains) == list(tenant.domains)
                and have == subs
            ):
                continue
            before = _tenant_snapshot(row.display_name, list(row.domains), have)
        else:
            row = TenantRow(tenant_id=tenant.tenant_id)
            session.add(row)
        row.display_name = tenant.display_name
        row.domains = list(tenant.domains)
        row.updated_at = now
        row.subscriptions[:] = []
        session.flush()
        for sid, product, code, channel, country, activated in subs:
            # A subscription ID is global: if another tenant listed it before, it moves here.
            stale = session.get(TenantSubscriptionRow, sid) if sid in known_subs else None
            if stale is not None:
                session.delete(stale)
                session.flush()
            known_subs.add(sid)  # listed twice in one file: the later tenant takes it, as before
            row.subscriptions.append(
                TenantSubscriptionRow(
                    subscription_id=sid,
                    product=product,
                    code=code,
                    channel=channel,
                    country=country,
                    activated_at=activated,
                )
            )
        session.add(
            TenantHistoryRow(
                tenant_id=tenant.tenant_id,
                at=now,
                actor=actor,
                action="created" if before is None else "updated",
                source=source,
                source_sha256=source_sha256,
                before=before,
                after=_tenant_snapshot(tenant.display_name, list(tenant.domains), subs),
            )
        )
        written += 1
    return written
