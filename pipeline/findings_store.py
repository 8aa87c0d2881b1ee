"""Writing one analysis (spec section 3 JSON) into the store's analyses, findings, reasons and
document rows, so queues and reports can filter on verdicts without parsing the JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.errors import InvalidInput
from pipeline.store.schema import AnalysisRow, DocumentRow, FindingRow, ReasonRow

RECOMMENDATIONS = ("approve", "reject", "request_info")


def scoring_version_of(result: dict[str, Any]) -> str:
    return str(result.get("scoring_version", ""))[:30]


def extractor_version_of(result: dict[str, Any]) -> str:
    """'' when the caller did not say (counts as older than any version: re-analysed when open)."""
    return str(result.get("extractor_version") or "")[:30]


def latest_analysis(session: Session, claim_id: str, seq: int) -> AnalysisRow | None:
    return session.scalar(
        select(AnalysisRow)
        .where(AnalysisRow.claim_id == claim_id, AnalysisRow.submission_seq == seq)
        .order_by(AnalysisRow.analysed_at.desc(), AnalysisRow.id.desc())
        .limit(1)
    )


def find_analysis(session: Session, claim_id: str, seq: int, version: str) -> AnalysisRow | None:
    return session.scalar(
        select(AnalysisRow).where(
            AnalysisRow.claim_id == claim_id,
            AnalysisRow.submission_seq == seq,
            AnalysisRow.scoring_version == version,
        )
    )


def headline(result: dict[str, Any]) -> tuple[str, float]:
    """The result's recommendation and score; InvalidInput when the recommendation is unknown."""
    recommendation = str(result.get("recommendation") or "")
    if recommendation not in RECOMMENDATIONS:
        raise InvalidInput(f"recommendation: {recommendation!r} is not approve, reject or request_info")
    return recommendation, float(result.get("score") or 0.0)


def write_analysis(
    session: Session, claim_id: str, seq: int, result: dict[str, Any], now: datetime
) -> AnalysisRow:
    """Insert or replace the analysis of (claim, submission, scoring version) with its findings,
    reasons (eligibility findings included) and the documents' extraction outcome."""
    recommendation, score = headline(result)
    version = scoring_version_of(result)
    analysis = find_analysis(session, claim_id, seq, version)
    if analysis is None:
        analysis = AnalysisRow(claim_id=claim_id, submission_seq=seq, scoring_version=version)
        session.add(analysis)
    else:
        for child in (FindingRow, ReasonRow):
            for old in session.scalars(select(child).where(child.analysis_id == analysis.id)):
                session.delete(old)
    analysis.analysed_at = now
    analysis.score = score
    analysis.recommendation = recommendation
    analysis.result = result
    analysis.extractor_version = extractor_version_of(result)
    session.flush()
    for criterion, found in (result.get("criteria") or {}).items():
        session.add(
            FindingRow(
                analysis_id=analysis.id,
                claim_id=claim_id,
                criterion=criterion,
                verdict=str(found.get("verdict", "unclear")),
                confidence=float(found.get("confidence") or 0.0),
                evidence=list(found.get("evidence") or []),
            )
        )
    for reason in list(result.get("reasons") or []) + list(result.get("eligibility") or []):
        session.add(
            ReasonRow(
                analysis_id=analysis.id,
                claim_id=claim_id,
                code=str(reason.get("code", ""))[:30],
                rule=str(reason.get("rule", ""))[:20],
                criterion=reason.get("criterion"),
                message=str(reason.get("message", "")),
            )
        )
    by_path = {d.get("path"): d for d in result.get("documents") or [] if isinstance(d, dict)}
    for doc in session.scalars(
        select(DocumentRow).where(DocumentRow.claim_id == claim_id, DocumentRow.submission_seq == seq)
    ):
        found_doc = by_path.get(doc.path)
        if found_doc:
            doc.status = found_doc.get("status")
            doc.error = found_doc.get("error")
            doc.pages = found_doc.get("pages")
            doc.kind = str(found_doc.get("kind") or doc.kind)[:30]
    return analysis
