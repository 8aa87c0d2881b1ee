"""``generate_corpus``: a labelled inbox of realistic CPOR claims for the accuracy benchmark.

Layout written at ``root``::

    root/tenants.json              tenant directory (some claims' tenants deliberately absent)
    root/labels.json               the truth, one entry per claim (shape in LABELS_DOC below)
    root/<claim_id>/claim.json     one folder per claim, with its POE files

Everything is derived from ``(n, seed)`` through string-seeded ``random.Random`` instances and
deterministic renderers, with no clock, no uuid4 and no set iteration, so the same call writes
the same bytes.
"""

from __future__ import annotations

import json
import random
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

from samples.compose import compose_claim
from samples.render import render
from samples.scenario import CRITERIA, ClaimScenario, Corpus, Tenant, build_corpus, product_truth

LABELS_DOC = """labels.json: {"generator", "version", "seed", "n", "claims": {id: {"folder", "criteria",
"products", "eligible", "eligibility_rules", "recommendation", "cases"}}, "conflicts": [...]}"""

PROGRAM_AREA = {"OSU-Microsoft 365": "Microsoft 365", "OSU-Business Applications": "Business Applications",
                "OSA Sell": "Business Applications"}


def _iso(value: Any) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def claim_json(sc: ClaimScenario) -> dict[str, Any]:
    """The claim as Partner Center exports it (spec section 1)."""
    uploaded_by = sc.partner_contact.full
    docs = []
    for i, d in enumerate(sc.docs):
        when = sc.submitted_at.replace(second=0) - _minutes(5 + 7 * (len(sc.docs) - i))
        entry: dict[str, Any] = {"path": d.filename, "uploaded_by": uploaded_by, "uploaded_at": _iso(when)}
        if d.comment:
            entry["comment"] = d.comment
        docs.append(entry)
    products = []
    for p in sc.products:
        item: dict[str, Any] = {"name": p.name, "code": p.code}
        if p.subscription_id is not None:
            item["subscription_id"] = p.subscription_id
        products.append(item)
    out: dict[str, Any] = {
        "claim_id": sc.claim_id, "name": sc.claim_name, "program": sc.program, "solution_area": sc.solution_area,
        "activity": sc.activity, "status": "Submitted", "created_at": _iso(sc.created_at),
        "submitted_at": _iso(sc.submitted_at),
        "mpn_location": {"mpn_id": sc.mpn_id, "country": sc.partner.country},
        "partner": {"name": sc.partner.name, "contact_name": sc.partner_contact.full,
                    "contact_email": sc.partner_contact.email},
        "customer": {"domain": sc.customer.domain, "tenant_id": sc.tenant_id,
                     "contact_name": sc.customer_contact.full, "contact_email": sc.customer_contact.email},
        "products": products, "documents": docs}
    if sc.comment:
        out["comment"] = sc.comment
    return out


def _minutes(k: int) -> Any:
    return timedelta(minutes=k)


def tenants_json(tenants: list[Tenant]) -> list[dict[str, Any]]:
    out = []
    for t in tenants:
        if not t.listed:
            continue
        subs = [{**s, "activated_at": _iso(s["activated_at"])} for s in t.subscriptions]
        out.append({"tenant_id": t.tenant_id, "display_name": t.display_name, "domains": t.domains,
                    "subscriptions": subs})
    return out


def labels_json(corpus: Corpus) -> dict[str, Any]:
    claims: dict[str, Any] = {}
    for sc in corpus.claims:
        claims[sc.claim_id] = {
            "folder": sc.claim_id,
            "criteria": {c: sc.truth[c] for c in CRITERIA},
            "products": {p.code: product_truth(sc, p.code) for p in sc.products},
            "eligible": sc.eligible,
            "eligibility_rules": list(sc.rules),
            "recommendation": sc.recommendation,
            "cases": _dedupe(sc.cases),
        }
    return {"generator": "samples", "version": 1, "seed": corpus.seed, "n": corpus.n, "claims": claims,
            "conflicts": corpus.conflicts}


def _dedupe(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for x in items:
        seen.setdefault(x, None)
    return list(seen)


def _comments(sc: ClaimScenario) -> None:
    """What partners type into the upload comments: mostly neutral, sometimes optimistic."""
    rng = random.Random(f"poe-comments:{sc.seed}")
    for d in sc.docs:
        if rng.random() < 0.35:
            d.comment = rng.choice(("SOW", "Signed SOW", "POE", "Statement of work", "Customer confirmation",
                                    "Proof of execution", "Purchase order", "See attached", "Final version",
                                    "Signature page"))
    if rng.random() < 0.3:
        sc.comment = rng.choice(("Phase 1 of the programme", "Customer engaged since last year",
                                 "Please see the attached POE", "Re-submission with updated documents",
                                 "Engagement ongoing"))


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_corpus(corpus: Corpus, root: Path) -> Path:
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for child in sorted(root.iterdir()):  # what an earlier generation left: claim folders, the two JSON files
        if child.is_dir() and child.name.isdigit():
            shutil.rmtree(child)
        elif child.name in ("tenants.json", "labels.json"):
            child.unlink()
    for sc in corpus.claims:
        folder = root / sc.claim_id
        folder.mkdir(parents=True, exist_ok=True)
        for item in compose_claim(sc):
            if isinstance(item, tuple):
                name, data = item
                (folder / name).write_bytes(data)
            else:
                render(item, folder)
        _comments(sc)
        (folder / "claim.json").write_text(_dump(claim_json(sc)), encoding="utf-8")
    (root / "tenants.json").write_text(_dump(tenants_json(corpus.tenants)), encoding="utf-8")
    (root / "labels.json").write_text(_dump(labels_json(corpus)), encoding="utf-8")
    return root


def generate_corpus(root: Path, n: int, seed: int = 7) -> Path:
    """Write a labelled inbox of ``n`` claims at ``root`` and return ``root``."""
    return write_corpus(build_corpus(n, seed), Path(root))
