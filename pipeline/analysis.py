"""Claim folders in, spec section 3 / 4 JSON out: the glue between the claim model and scoring.

``to_assertion`` turns a ``claim.json`` (plus the tenant directory, when there is one) into
scoring's :class:`ClaimAssertion`; ``analyze_folder`` reads a folder, extracts each document
(a bad file becomes a listed status, never a failure) and returns the section-3 object;
``compare_folders`` does the same for conflicting claims (section 4). No database, no server.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import extractors
from extractors import limits as extractor_limits
from extractors.document import ExtractedDocument
from pipeline.claim_folder import (
    ClaimFolder,
    ClaimFolderError,
    find_tenants_file,
    load_tenants,
    read_claim_folder,
)
from pipeline.models import ClaimFile, Tenant
from scoring.analyze import analyze_claim
from scoring.compare import compare, require_shared_key
from scoring.types import ClaimAssertion, ClaimedProduct, KnownSubscription

if TYPE_CHECKING:
    from extractors.document import ExtractedDocument
    from scoring.analyze import Analysis
    from scoring.compare import Comparison

Extract = Callable[..., "ExtractedDocument"]

# Files up to this size are read in this process when one claim folder is analysed (``poe-review
# analyze``): starting the time-limited extraction worker (a second interpreter importing the
# parsers) cost more than the parse of a 20-page text contract (0.6-0.8 s of CPU against 0.05-0.4 s).
# Larger files, where a slow parse or OCR could run towards ``Limits.timeout_seconds``, still go
# to the worker, which enforces the limit and survives a native parser crash.
IN_PROCESS_MAX_BYTES = 2 * 1024 * 1024

__all__ = ["analyze_claim_folder", "analyze_folder", "compare_claim_folders", "compare_folders",
           "extract_documents", "resolve_tenants", "to_assertion"]


def to_assertion(
    claim: ClaimFile,
    tenants: dict[str, Tenant] | None,
    *,
    already_claimed: Sequence[tuple[str, str]] = (),
) -> ClaimAssertion:
    """What the claim asserts, with the customer's name and subscriptions from the directory.

    ``tenants=None`` means no directory was given (subscription checks say they could not
    run); a directory without the claim's tenant gives ``tenant_known=False``.
    ``already_claimed``: (product key or subscription ID, claim ID) pairs the caller knows
    to be associated already (D-6, D-8).
    """
    tenant = tenants.get(claim.customer.tenant_id.lower()) if tenants is not None else None
    subscriptions: tuple[KnownSubscription, ...] | None = None
    if tenant is not None:
        subscriptions = tuple(
            KnownSubscription(
                subscription_id=s.subscription_id,
                product=s.product,
                code=s.code,
                channel=s.channel.value,
                country=s.country,
                activated_at=s.activated_at,
            )
            for s in tenant.subscriptions
        )
    domains = [claim.customer.domain]
    if tenant is not None:
        domains += [d.lower() for d in tenant.domains if d.lower() != claim.customer.domain]
    return ClaimAssertion(
        claim_id=claim.claim_id,
        program=claim.program.value,
        solution_area=claim.solution_area.value,
        activity=claim.activity,
        partner_name=claim.partner.name,
        customer_domain=claim.customer.domain,
        tenant_id=claim.customer.tenant_id,
        products=tuple(ClaimedProduct(p.name, p.code, p.subscription_id) for p in claim.products),
        customer_name=tenant.display_name if tenant is not None else None,
        customer_domains=tuple(domains),
        customer_contact_name=claim.customer.contact_name,
        customer_contact_email=claim.customer.contact_email,
        partner_contact_name=claim.partner.contact_name,
        partner_contact_email=claim.partner.contact_email,
        created_at=claim.created_at,
        submitted_at=claim.submitted_at,
        tenant_subscriptions=subscriptions,
        tenant_known=None if tenants is None else tenant is not None,
        already_claimed=tuple(already_claimed),
    )


def resolve_tenants(folder: Path, tenants: dict[str, Tenant] | Path | None) -> dict[str, Tenant] | None:
    """The tenant directory to use: the one given (mapping or file), else ``tenants.json`` in
    the claim folder or its parent inbox, else None. A broken file raises ClaimFolderError."""
    if isinstance(tenants, dict):
        return tenants
    if tenants is not None:
        return load_tenants(Path(tenants))
    found = find_tenants_file(folder)
    return load_tenants(found) if found is not None else None


def extract_documents(folder: ClaimFolder, extract: Extract | None = None) -> list[ExtractedDocument]:
    """Each document of the claim, in claim order; an extractor that raises anyway is caught
    and the file listed as unreadable, so one bad file never stops the claim."""
    if extract is None:
        extract = extractor_for_folder(folder)
    docs: list[ExtractedDocument] = []
    for ref, path in folder.documents:
        try:
            doc = extract(path, display_path=ref.path)
        except Exception as exc:  # noqa: BLE001  (the extractor contract says never; keep the claim alive if it does)
            doc = ExtractedDocument(path=ref.path, status="unreadable",
                                    error=f"unreadable: the file could not be processed ({type(exc).__name__})")
        if doc.path != ref.path:
            doc.rename(ref.path)
        docs.append(doc)
    return docs


def extractor_for_folder(folder: ClaimFolder) -> Extract:
    """``extractors.extract`` with the default limits, in this process when every file of the
    folder is small enough that the time limit cannot be what stops it (IN_PROCESS_MAX_BYTES)."""
    # both read at call time, as before the imports moved up, so a test may replace them
    limits = extractor_limits.DEFAULT_LIMITS
    if limits.timeout_seconds is None:
        return extractors.extract
    sizes = []
    for _, path in folder.documents:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(IN_PROCESS_MAX_BYTES + 1)  # let extract() report it, from the worker path
    if all(size <= IN_PROCESS_MAX_BYTES for size in sizes):
        return partial(extractors.extract, limits=replace(limits, timeout_seconds=None))
    return extractors.extract


def analyze_claim_folder(
    folder: Path,
    tenants: dict[str, Tenant] | Path | None = None,
    extract: Extract | None = None,
    *,
    already_claimed: Sequence[tuple[str, str]] = (),
) -> tuple[ClaimFolder, ClaimAssertion, Analysis]:
    """Read, extract and analyse one claim folder; raises ClaimFolderError if it cannot be read."""
    claim_folder = read_claim_folder(Path(folder))
    directory = resolve_tenants(claim_folder.folder, tenants)
    assertion = to_assertion(claim_folder.claim, directory, already_claimed=already_claimed)
    docs = extract_documents(claim_folder, extract)
    return claim_folder, assertion, analyze_claim(assertion, docs)


def analyze_folder(
    folder: Path,
    tenants: dict[str, Tenant] | Path | None = None,
    extract: Extract | None = None,
    *,
    already_claimed: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """The spec section-3 JSON of one claim folder (plus ``content_hash`` of what was read)."""
    claim_folder, _, analysis = analyze_claim_folder(folder, tenants, extract, already_claimed=already_claimed)
    out = analysis.to_json()
    out["content_hash"] = claim_folder.content_hash
    return out


def compare_claim_folders(
    folders: Sequence[Path],
    tenants: dict[str, Tenant] | Path | None = None,
    extract: Extract | None = None,
) -> Comparison:
    """Compare conflicting claim folders (D-18); raises scoring.compare.NoSharedKey when they
    share no tenant and product, ClaimFolderError when one cannot be read."""
    read = []
    for folder in folders:
        try:
            claim_folder = read_claim_folder(Path(folder))
        except ClaimFolderError as exc:
            raise ClaimFolderError(f"{folder}: {exc}") from None
        directory = resolve_tenants(claim_folder.folder, tenants)
        read.append((claim_folder, to_assertion(claim_folder.claim, directory)))
    require_shared_key([a for _, a in read])  # refuse before the costly extraction
    items = [(a, analyze_claim(a, extract_documents(cf, extract))) for cf, a in read]
    return compare(items)


def compare_folders(
    folders: Sequence[Path],
    tenants: dict[str, Tenant] | Path | None = None,
    extract: Extract | None = None,
) -> dict[str, Any]:
    """The spec section-4 JSON for conflicting claim folders."""
    return compare_claim_folders(folders, tenants, extract).to_json()
