"""Reviewers' corrections turned into labelled case folders (``poe-review cases export``).

Each claim corrected since a date becomes a folder in the format of ``tests/cases``: the
corrected submission's ``claim.json`` (contacts pseudonymised), its tenant's directory entry in
``tenants.json`` beside the folders, and one ``labels.json`` for all of them whose verdicts are
the reviewers' (latest correction, else the verdict decided on), with the stored verdicts kept
beside them. Documents are left out unless asked for: they are the partners' and customers'
papers, and a developer adds one to the regression suite only after reading it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from pipeline.corrections import POLICY_EXCEPTION
from pipeline.service import ClaimService
from pipeline.store.db import session_scope
from pipeline.store.schema import AnalysisRow, CorrectionRow, DecisionRow, TenantRow

GENERATOR = "poe-review cases export"


@dataclass(frozen=True)
class ExportedCase:
    claim_id: str
    folder: Path
    corrected: list[str]  # the criteria the reviewers corrected


def pseudonym(value: str, key: bytes, prefix: str = "p") -> str:
    return f"{prefix}_{hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()[:10]}"


def pseudonymise_contacts(raw: dict[str, Any], key: bytes) -> dict[str, Any]:
    """Contact names and the local part of contact e-mails replaced by keyed pseudonyms; the
    e-mail's domain stays (it is the organisation's, and the checks read it)."""
    out = json.loads(json.dumps(raw))
    for side in ("partner", "customer"):
        party = out.get(side)
        if not isinstance(party, dict):
            continue
        if party.get("contact_name"):
            party["contact_name"] = "Contact " + pseudonym(str(party["contact_name"]), key)
        email = str(party.get("contact_email") or "")
        if "@" in email:
            local, domain = email.rsplit("@", 1)
            party["contact_email"] = f"{pseudonym(local, key)}@{domain}"
    for doc in out.get("documents") or []:
        if isinstance(doc, dict) and doc.get("uploaded_by"):
            doc["uploaded_by"] = pseudonym(str(doc["uploaded_by"]), key, "u")
    return out


def export_cases(
    service: ClaimService, since: datetime, dest: Path, key: bytes, *, with_documents: bool = False
) -> list[ExportedCase]:
    """Write every claim corrected at or after ``since`` under ``dest``; returns what was written."""
    engine = service.engine
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    labels: dict[str, Any] = {}
    tenants: dict[str, dict[str, Any]] = {}
    written: list[ExportedCase] = []
    for claim_id, seq, analysis_id in _corrected_analyses(engine, since):
        folder = dest / claim_id
        if folder.exists():
            shutil.rmtree(folder)
        service.materialize_submission(claim_id, seq, folder)
        raw = json.loads((folder / "claim.json").read_text(encoding="utf-8"))
        if not with_documents:
            for item in list(folder.iterdir()):
                if item.name != "claim.json":
                    shutil.rmtree(item) if item.is_dir() else item.unlink()
        (folder / "claim.json").write_text(
            json.dumps(pseudonymise_contacts(raw, key), indent=2, ensure_ascii=False), encoding="utf-8")
        label, corrected = _labels(engine, claim_id, analysis_id)
        labels[claim_id] = {"folder": claim_id, **label, "documents_included": with_documents}
        tenant = _tenant(engine, str((raw.get("customer") or {}).get("tenant_id") or ""))
        if tenant:
            tenants[tenant["tenant_id"]] = tenant
        written.append(ExportedCase(claim_id, folder, corrected))
    (dest / "labels.json").write_text(json.dumps(
        {"generator": GENERATOR, "version": 1, "since": since.isoformat(), "claims": labels, "conflicts": []},
        indent=2, ensure_ascii=False), encoding="utf-8")
    (dest / "tenants.json").write_text(json.dumps(list(tenants.values()), indent=2, ensure_ascii=False),
                                       encoding="utf-8")
    return written


def _corrected_analyses(engine: Engine, since: datetime) -> list[tuple[str, int, int]]:
    """(claim, submission, analysis) of the newest corrected analysis of each corrected claim."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(CorrectionRow.claim_id, CorrectionRow.submission_seq, CorrectionRow.analysis_id)
            .where(CorrectionRow.at >= since, CorrectionRow.analysis_id.is_not(None))
            .order_by(CorrectionRow.id)
        ).all()
    newest: dict[str, tuple[str, int, int]] = {}
    for claim_id, seq, analysis_id in rows:
        if analysis_id is not None:
            newest[claim_id] = (claim_id, int(seq), int(analysis_id))
    return sorted(newest.values())


def _labels(engine: Engine, claim_id: str, analysis_id: int) -> tuple[dict[str, Any], list[str]]:
    with session_scope(engine) as session:
        analysis = session.get(AnalysisRow, analysis_id)
        assert analysis is not None
        result = dict(analysis.result or {})
        corrections = list(session.scalars(
            select(CorrectionRow).where(CorrectionRow.analysis_id == analysis_id).order_by(CorrectionRow.id)))
        decision = session.scalars(
            select(DecisionRow).where(DecisionRow.claim_id == claim_id, DecisionRow.decided_at >= analysis.analysed_at)
            .order_by(DecisionRow.decided_at.desc())).first()
        stored = {c: str(f.get("verdict")) for c, f in (result.get("criteria") or {}).items() if isinstance(f, dict)}
        products = {k: str(p.get("verdict")) for k, p in
                    ((result.get("criteria") or {}).get("product_links", {}).get("products") or {}).items()}
        rules = sorted({str(e.get("rule")) for e in result.get("eligibility") or [] if isinstance(e, dict)})
        truth = dict(stored)
        corrected: list[str] = []
        for c in corrections:
            if c.criterion != POLICY_EXCEPTION and c.verdict:
                truth[c.criterion] = c.verdict
                corrected.append(c.criterion)
        label = {
            "criteria": truth,
            "stored": stored,
            "products": products,
            # Eligibility is not corrected by reviewers: the stored findings, read as tests/cases reads them.
            "eligible": not rules,
            "eligibility_rules": rules,
            "recommendation": decision.decision if decision else result.get("recommendation"),
            "stored_recommendation": result.get("recommendation"),
            "scoring_version": analysis.scoring_version,
            "policy_exception": any(c.criterion == POLICY_EXCEPTION for c in corrections),
            "cases": ["reviewer-correction", *sorted(set(corrected))],
            "note": "; ".join(f"{c.criterion}: {c.note}" for c in corrections if c.note),
        }
    return label, sorted(set(corrected))


def _tenant(engine: Engine, tenant_id: str) -> dict[str, Any] | None:
    if not tenant_id:
        return None
    with session_scope(engine) as session:
        row = session.get(TenantRow, tenant_id)
        if row is None:
            return None
        subscriptions = [
            {"subscription_id": sub.subscription_id, "product": sub.product, "code": sub.code, "channel": sub.channel,
             "country": sub.country, "activated_at": sub.activated_at.isoformat() if sub.activated_at else None}
            for sub in row.subscriptions
        ]
        return {"tenant_id": row.tenant_id, "display_name": row.display_name, "domains": list(row.domains or []),
                "subscriptions": subscriptions}
