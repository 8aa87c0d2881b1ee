"""Conflict groups of the nightly run (D-18): claims of different partners on one tenant + product.

Every claim with an analysis of its current submission that still stakes a product out (Under
review, Partner action required, Approved) is keyed with ``scoring.compare.conflict_keys``;
keys held by two partner organisations or more form a group. A group is compared again only
when its inputs changed (members, their submissions or analyses): the fingerprint of those
inputs is kept in the stored comparison (``inputs``), so a re-run over unchanged claims does no
analysis work and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select

from pipeline.analysis import to_assertion
from pipeline.errors import ConcurrentUpdate
from pipeline.models import ClaimFile, Status, Tenant
from pipeline.nightly.analyse import (
    ExtractionCache,
    WorkerSettings,
    analyse_submission,
    load_extractor,
    load_tenant_directory,
)
from pipeline.nightly.plan import plan_batches
from pipeline.service import ClaimService
from pipeline.store.db import make_engine, session_scope
from pipeline.store.schema import AnalysisRow, ClaimRow, ConflictRow, SubmissionRow
from scoring.compare import NoSharedKey, compare, conflict_keys, product_key

if TYPE_CHECKING:
    from pipeline.nightly.run import NightlyConfig

CONTESTING = (Status.UNDER_REVIEW.value, Status.PARTNER_ACTION_REQUIRED.value, Status.APPROVED.value)


@dataclass(frozen=True)
class Member:
    claim_id: str
    seq: int
    partner_org: str
    analysis_stamp: str  # when and what the current analysis said


@dataclass(frozen=True)
class Group:
    tenant_id: str
    product: str
    members: tuple[Member, ...]

    @property
    def claim_ids(self) -> list[str]:
        return [m.claim_id for m in self.members]

    def fingerprint(self) -> str:
        raw = json.dumps(
            [self.tenant_id, self.product, [(m.claim_id, m.seq, m.analysis_stamp) for m in self.members]]
        )
        return hashlib.sha256(raw.encode()).hexdigest()


def conflict_groups(engine: Engine, tenants: dict[str, Tenant] | None) -> list[Group]:
    """All current conflict groups, in (tenant, product) order."""
    by_key: dict[tuple[str, str], list[Member]] = defaultdict(list)
    with session_scope(engine) as session:
        rows = session.execute(
            select(
                ClaimRow.claim_id,
                ClaimRow.partner_org,
                ClaimRow.current_submission,
                SubmissionRow.claim_json,
                AnalysisRow.analysed_at,
                AnalysisRow.recommendation,
                AnalysisRow.score,
                AnalysisRow.scoring_version,
            )
            .join(
                SubmissionRow,
                (SubmissionRow.claim_id == ClaimRow.claim_id)
                & (SubmissionRow.seq == ClaimRow.current_submission),
            )
            .join(
                AnalysisRow,
                (AnalysisRow.claim_id == ClaimRow.claim_id)
                & (AnalysisRow.submission_seq == ClaimRow.current_submission),
            )
            .where(ClaimRow.status.in_(CONTESTING))
            .order_by(ClaimRow.claim_id, AnalysisRow.analysed_at)
        )
        latest: dict[str, tuple[Any, ...]] = {}
        for row in rows:
            latest[row[0]] = tuple(row)  # ordered by analysed_at: the last one wins
    for claim_id, partner_org, seq, claim_json, analysed_at, rec, score, version in latest.values():
        assertion = to_assertion(ClaimFile.model_validate(claim_json), tenants)
        stamp = f"{analysed_at.isoformat()}|{rec}|{score}|{version}"
        for key in conflict_keys(assertion):
            by_key[key].append(Member(claim_id, seq, partner_org, stamp))
    groups = []
    for (tenant_id, product), members in sorted(by_key.items()):
        if len({m.partner_org for m in members}) >= 2:
            groups.append(Group(tenant_id, product, tuple(sorted(members, key=lambda m: m.claim_id))))
    return groups


def _contested_first(assertion: Any, product: str) -> Any:
    """The claim with the group's product listed first, so ``compare`` (which contests the first
    shared key in the first claim's order) ranks the claims on this group's product."""
    ordered = sorted(assertion.products, key=lambda p: product_key(p) != product)
    return replace(assertion, products=tuple(ordered))


def _stored_fingerprints(engine: Engine) -> dict[tuple[str, str], str | None]:
    with session_scope(engine) as session:
        return {
            (row.tenant_id, row.product_key): (row.result or {}).get("inputs")
            for row in session.scalars(select(ConflictRow))
        }


def plan_comparisons(settings: WorkerSettings) -> tuple[int, list[dict[str, Any]]]:
    """(number of conflict groups, the groups whose inputs changed since their last comparison),
    the latter as plain dicts for :func:`compare_groups` in any worker."""
    engine = make_engine(settings.db_url)
    try:
        groups = conflict_groups(engine, load_tenant_directory(engine))
        stored = _stored_fingerprints(engine)
    finally:
        engine.dispose()
    changed = [
        {
            "tenant_id": g.tenant_id,
            "product": g.product,
            "members": [[m.claim_id, m.seq, m.partner_org, m.analysis_stamp] for m in g.members],
            "fingerprint": g.fingerprint(),
        }
        for g in groups
        if stored.get((g.tenant_id, g.product)) != g.fingerprint()
    ]
    return len(groups), changed


def compare_groups(settings: WorkerSettings, groups: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Compare and record each group (documents from the extraction cache); a small summary."""
    engine = make_engine(settings.db_url)
    recorded: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    skipped = 0
    try:
        service = ClaimService(engine, settings.clock())
        tenants = load_tenant_directory(engine)
        extract, version = load_extractor(settings.extractor)
        cache = ExtractionCache(engine, extract, version)
        analysed: dict[tuple[str, int], tuple[Any, Any]] = {}
        for group in groups:
            key = f"{group['tenant_id']}/{group['product']}"
            try:
                items = []
                for claim_id, seq, _, _ in group["members"]:
                    if (claim_id, seq) not in analysed:  # a claim may sit in several groups
                        analysed[(claim_id, seq)] = analyse_submission(engine, cache, tenants, claim_id, seq)[1:]
                    assertion, analysis = analysed[(claim_id, seq)]
                    items.append((_contested_first(assertion, group["product"]), analysis))
                result = compare(items).to_json()
            except NoSharedKey:  # different subscriptions of one product: not a conflict (D-5)
                skipped += 1
                continue
            except Exception as exc:
                errors.append({"key": key, "error": f"{type(exc).__name__}: {exc}"})
                continue
            result["inputs"] = group["fingerprint"]
            for attempt in (1, 2):
                try:
                    service.record_conflict(result)
                    break
                except ConcurrentUpdate as exc:  # a claim of two groups, written by two workers
                    if attempt == 2:
                        errors.append({"key": key, "error": str(exc)})
            else:
                continue
            recorded.append(
                {
                    "tenant_id": group["tenant_id"],
                    "product": group["product"],
                    "claims": [m[0] for m in group["members"]],
                    "recommended": result.get("recommended"),
                    "margin": result.get("margin"),
                }
            )
    finally:
        engine.dispose()
    return {
        "recorded": recorded,
        "skipped": skipped,
        "errors": errors,
        "extracted": cache.parsed,
        "pages_extracted": cache.pages_parsed,
    }


def merge_comparisons(total: int, changed: int, parts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    recorded = [r for p in parts for r in p["recorded"]]
    return {
        "groups": total,
        "recorded": sorted(recorded, key=lambda r: (r["tenant_id"], r["product"])),
        "unchanged": total - changed,
        "skipped": sum(p["skipped"] for p in parts),
        "errors": [e for p in parts for e in p["errors"]],
        "extracted": sum(p["extracted"] for p in parts),
        "pages_extracted": sum(p["pages_extracted"] for p in parts),
    }


def compare_all(settings: WorkerSettings) -> dict[str, Any]:
    """Compare every conflict group whose inputs changed, in this process; returns a summary."""
    total, changed = plan_comparisons(settings)
    return merge_comparisons(total, len(changed), [compare_groups(settings, changed)] if changed else [])


# --- the compare step (run.py chains it) ------------------------------------------------------


def plan_compare_step(cfg: NightlyConfig) -> tuple[int, list[list[dict[str, Any]]]]:
    """(conflict groups in all, batches of the groups whose inputs changed)."""
    total, changed = plan_comparisons(cfg.worker_settings())
    return total, plan_batches(changed, cfg.workers())


def compare_step(cfg: NightlyConfig, pool: Executor | None = None) -> dict[str, Any]:
    """Compare every changed conflict group (D-18), in ``pool`` when given."""
    total, batches = plan_compare_step(cfg)
    settings = cfg.worker_settings()
    if pool is None:
        parts = [compare_groups(settings, b) for b in batches]
    else:
        parts = [f.result() for f in [pool.submit(compare_groups, settings, b) for b in batches]]
    return merge_comparisons(total, sum(len(b) for b in batches), parts)
