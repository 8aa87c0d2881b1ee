"""The CPU-bound half of the nightly run: extract and analyse one batch of claims.

Runs in a worker process (a ``ProcessPoolExecutor`` child, a Dask worker, or in-process), so its
inputs are plain data (store URL, claim IDs) and its output a small JSON-able summary; every
durable effect goes through the store:

- documents are parsed once per (content hash, extractor version): the ``extractions`` table is
  the cache, looked up for the whole batch in one query and written one row per new document
  (a second writer of the same bytes loses the primary-key race harmlessly);
- each claim's analysis is recorded in its own transaction by ``ClaimService.record_analysis``,
  so a run killed at any instant leaves each claim either fully analysed or still pending.
"""

from __future__ import annotations

import importlib
import os
import socket
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from extractors.document import ExtractedDocument
from extractors.ocr import engine
from pipeline.analysis import to_assertion
from pipeline.clock import Clock, FixedClock, SystemClock
from pipeline.models import ClaimFile, Status, Tenant
from pipeline.service import ClaimService
from pipeline.store.db import make_engine, session_scope
from pipeline.store.schema import (
    ClaimProductRow,
    ClaimRow,
    DocumentRow,
    ExtractionRow,
    SubmissionRow,
    TenantRow,
)
from scoring.analyze import analyze_claim

if TYPE_CHECKING:
    from extractors.document import ExtractedDocument

DEFAULT_EXTRACTOR = "extractors:extract"
Extract = Callable[..., "ExtractedDocument"]


@dataclass(frozen=True)
class WorkerSettings:
    """What a worker needs to reach the store; plain strings so it pickles to any process."""

    db_url: str
    data_dir: str | None = None
    as_of: str | None = None  # ISO instant the run's actions are stamped with; None = wall clock
    extractor: str = DEFAULT_EXTRACTOR  # "module:function" of the extract function to use

    def clock(self) -> Clock:
        return FixedClock(datetime.fromisoformat(self.as_of)) if self.as_of else SystemClock()


def load_extractor(ref: str) -> tuple[Extract, str]:
    """The extract function named ``module:function`` and its version (the module's
    ``EXTRACTOR_VERSION``, else the package's), which keys the extraction cache."""
    module_name, _, attr = ref.partition(":")
    module = importlib.import_module(module_name)
    fn = getattr(module, attr or "extract")
    version = getattr(module, "EXTRACTOR_VERSION", None)
    if version is None:
        version = getattr(importlib.import_module(module_name.split(".")[0]), "EXTRACTOR_VERSION", "unknown")
    return fn, str(version)


def extractor_version(ref: str) -> str:
    """The version ``load_extractor(ref)`` would key the cache with (what analyses record)."""
    return load_extractor(ref)[1]


def load_tenant_directory(engine: Engine, tenant_ids: Sequence[str] | None = None) -> dict[str, Tenant] | None:
    """The tenant directory as ``to_assertion`` wants it; None when the store holds none.
    ``tenant_ids``: only those tenants (a batch's claims'), so a batch does not validate the
    whole directory with pydantic (thousands of tenants with their subscriptions) for a few
    hundred claims; a tenant not in the store is then simply absent, as with the full directory."""
    with session_scope(engine) as session:
        if session.scalar(select(TenantRow.tenant_id).limit(1)) is None:
            return None
        query = select(TenantRow)
        if tenant_ids is not None:
            query = query.where(func.lower(TenantRow.tenant_id).in_(sorted({t.lower() for t in tenant_ids})))
        rows = list(session.scalars(query))
        out: dict[str, Tenant] = {}
        for t in rows:
            out[t.tenant_id.lower()] = Tenant.model_validate(
                {
                    "tenant_id": t.tenant_id,
                    "display_name": t.display_name,
                    "domains": list(t.domains or []),
                    "subscriptions": [
                        {
                            "subscription_id": s.subscription_id,
                            "product": s.product,
                            "code": s.code,
                            "channel": s.channel,
                            "country": s.country,
                            "activated_at": s.activated_at,
                        }
                        for s in t.subscriptions
                    ],
                }
            )
        return out


class ExtractionCache:
    """Extraction results by (content hash, extractor version), backed by ``extractions``."""

    def __init__(self, engine: Engine, extract: Extract, version: str) -> None:
        self.engine = engine
        self.extract = extract
        self.version = version
        self._known: dict[str, dict[str, Any]] = {}
        self.parsed = 0
        self.reused = 0
        self.pages_parsed = 0
        self.ocr_pages = 0  # pages of the documents parsed here that were read by OCR (scans, photos)

    def preload(self, hashes: Sequence[str]) -> None:
        wanted = sorted(set(hashes) - self._known.keys())
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            with session_scope(self.engine) as session:
                for row in session.scalars(
                    select(ExtractionRow).where(
                        ExtractionRow.extractor_version == self.version, ExtractionRow.content_hash.in_(chunk)
                    )
                ):
                    self._known[row.content_hash] = row.document

    def get(self, content_hash: str, blob: Path, display_path: str) -> ExtractedDocument:
        cached = self._known.get(content_hash)
        if cached is None:
            self.preload([content_hash])
            cached = self._known.get(content_hash)
        if cached is not None:
            self.reused += 1
            doc = ExtractedDocument.from_dict(cached)
        else:
            doc = self._parse(content_hash, blob, display_path)
        doc.rename(display_path)  # the cache is by bytes; the name (and its attachments') is the claim's
        return doc

    def _parse(self, content_hash: str, blob: Path, display_path: str) -> ExtractedDocument:
        started = time.perf_counter()
        try:
            doc = self.extract(blob, display_path=display_path)
        except Exception as exc:  # the contract says never; a broken file must not stop the claim
            doc = ExtractedDocument(
                path=display_path,
                status="unreadable",
                error=f"unreadable: the file could not be processed ({type(exc).__name__})",
            )
        seconds = time.perf_counter() - started
        self.parsed += 1
        self.pages_parsed += int(doc.pages or 0)
        self.ocr_pages += sum(int(d.metadata.get("ocr_pages") or 0) for d in doc.all_documents())
        data = doc.to_dict()
        self._known[content_hash] = data
        try:
            with session_scope(self.engine) as session:
                session.add(
                    ExtractionRow(
                        content_hash=content_hash,
                        extractor_version=self.version,
                        status=doc.status,
                        error=doc.error,
                        pages=int(doc.pages or 0),
                        document=data,
                        extracted_at=datetime.now(UTC),
                        seconds=seconds,
                    )
                )
        except IntegrityError:
            pass  # another worker cached the same bytes first: same result, keep theirs
        return doc


def already_claimed_by_partner(engine: Engine, claim_id: str) -> list[tuple[str, str]]:
    """(product key or subscription ID, claim ID) of the same partner's approved claims on the
    same tenant: D-6 says a partner cannot claim a product it already holds."""
    with session_scope(engine) as session:
        me = session.get(ClaimRow, claim_id)
        if me is None:
            return []
        rows = session.execute(
            select(ClaimProductRow.code, ClaimProductRow.name, ClaimProductRow.subscription_id, ClaimRow.claim_id)
            .join(ClaimRow, ClaimRow.claim_id == ClaimProductRow.claim_id)
            .where(
                ClaimRow.tenant_id == me.tenant_id,
                ClaimRow.partner_org == me.partner_org,
                ClaimRow.status == Status.APPROVED.value,
                ClaimRow.claim_id != me.claim_id,
                ClaimProductRow.removed_at.is_(None),
            )
        )
        out: list[tuple[str, str]] = []
        for code, name, sub, other in rows:
            out.append((sub or code or name, other))
        return out


@dataclass
class StoredSubmission:
    claim: ClaimFile
    content_hash: str
    documents: list[tuple[str, str, Path]]  # (path as claim.json names it, content hash, blob)


def stored_submission(engine: Engine, claim_id: str, seq: int) -> StoredSubmission:
    with session_scope(engine) as session:
        sub = session.scalar(
            select(SubmissionRow).where(SubmissionRow.claim_id == claim_id, SubmissionRow.seq == seq)
        )
        if sub is None:
            raise LookupError(f"claim {claim_id} has no submission {seq}")
        docs = {
            d.path: (d.content_hash, Path(d.stored_path))
            for d in session.scalars(
                select(DocumentRow).where(DocumentRow.claim_id == claim_id, DocumentRow.submission_seq == seq)
            )
        }
        claim = ClaimFile.model_validate(sub.claim_json)
        content_hash = sub.content_hash
    ordered = [(ref.path, *docs[ref.path]) for ref in claim.documents if ref.path in docs]
    return StoredSubmission(claim, content_hash, ordered)


def analyse_submission(
    engine: Engine,
    cache: ExtractionCache,
    tenants: dict[str, Tenant] | None,
    claim_id: str,
    seq: int,
) -> tuple[dict[str, Any], Any, Any]:
    """Spec section-3 JSON of one stored submission (documents through the cache), with the
    ClaimAssertion and Analysis it came from."""
    stored = stored_submission(engine, claim_id, seq)
    docs = [cache.get(h, blob, path) for path, h, blob in stored.documents]
    assertion = to_assertion(stored.claim, tenants, already_claimed=already_claimed_by_partner(engine, claim_id))
    analysis = analyze_claim(assertion, docs)
    result = analysis.to_json()
    result["content_hash"] = stored.content_hash
    result["extractor_version"] = cache.version  # with scoring_version: tells a stale analysis
    return result, assertion, analysis


def analyse_batch(settings: WorkerSettings, items: Sequence[tuple[str, int]]) -> dict[str, Any]:
    """Extract and analyse ``items`` ((claim_id, submission_seq) pairs) and record each result.

    Returns a small summary: per-claim outcomes (recommendation, score, documents that could
    not be read) and counters. A claim that fails is listed with its error; the others go on.
    """
    started = time.perf_counter()
    engine = make_engine(settings.db_url)
    service = ClaimService(
        engine, settings.clock(), data_dir=Path(settings.data_dir) if settings.data_dir else None
    )
    extract, version = load_extractor(settings.extractor)
    cache = ExtractionCache(engine, extract, version)
    claims: list[dict[str, Any]] = []
    try:
        with session_scope(engine) as session:
            batch_tenants = list(
                session.scalars(select(ClaimRow.tenant_id).where(ClaimRow.claim_id.in_([c for c, _ in items])))
            )
            hashes = list(
                session.scalars(
                    select(DocumentRow.content_hash).where(
                        DocumentRow.claim_id.in_([c for c, _ in items])
                    )
                )
            )
        cache.preload(hashes)
        tenants = load_tenant_directory(engine, batch_tenants)
        for claim_id, seq in items:
            claims.append(_one(engine, service, cache, tenants, claim_id, seq))
    finally:
        engine.dispose()
    return {
        "claims": claims,
        "extracted": cache.parsed,
        "cached": cache.reused,
        "pages_extracted": cache.pages_parsed,
        "ocr_pages": cache.ocr_pages,
        "ocr_engine": _ocr_engine_name() if cache.ocr_pages else None,
        "seconds": round(time.perf_counter() - started, 3),
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }


def _ocr_engine_name() -> str | None:
    """The OCR engine the extraction workers use (they inherit this process's environment)."""
    chosen = engine()
    return chosen.name if chosen is not None else None


def _one(
    engine: Engine,
    service: Any,
    cache: ExtractionCache,
    tenants: dict[str, Tenant] | None,
    claim_id: str,
    seq: int,
) -> dict[str, Any]:
    try:
        result, _, _ = analyse_submission(engine, cache, tenants, claim_id, seq)
        change = service.record_analysis(claim_id, seq, result)
    except Exception as exc:  # one claim's failure is reported, never the batch's
        last = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f" at {Path(last.filename).name}:{last.lineno}" if last else ""
        return {"claim_id": claim_id, "seq": seq, "error": f"{type(exc).__name__}: {exc}{where}"}
    unreadable = [
        {"path": d.get("path"), "status": d.get("status"), "error": d.get("error")}
        for d in result.get("documents") or []
        if isinstance(d, dict) and d.get("status") not in (None, "ok")
    ]
    outcome: dict[str, Any] = {
        "claim_id": claim_id,
        "seq": seq,
        "recommendation": result.get("recommendation"),
        "score": result.get("score"),
        "eligible": not result.get("eligibility"),
        "unreadable": unreadable,
        "pages": sum(int(d.get("pages") or 0) for d in result.get("documents") or [] if isinstance(d, dict)),
    }
    if change is not None:  # a stale analysis re-run: versions and recommendation before/after
        outcome["reanalysed"] = change["reanalysed"]
    return outcome
