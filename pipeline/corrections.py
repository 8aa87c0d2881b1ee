"""Reviewers' per-criterion corrections: each decision is a label on the tool's verdicts.

A reviewer marks a criterion's verdict wrong and gives the right one (met / not met), optionally
pointing at the document and place that shows it; an overrule of the recommendation says which
criteria were wrong, or that none was (a policy exception). Corrections are append-only rows
tied to the analysis (and so the scoring version) they correct; the latest one per criterion is
the reviewer's label. Partners never see them; analysts read them only aggregated
(:mod:`pipeline.reports.agreement`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from pipeline.errors import InvalidInput
from pipeline.roles import Actor, Role, require_role
from pipeline.store.db import session_scope
from pipeline.store.schema import AnalysisRow, ClaimRow, CorrectionRow, FindingRow
from scoring.types import CRITERIA

POLICY_EXCEPTION = "policy_exception"
VERDICTS = ("met", "not_met")


@dataclass(frozen=True)
class CorrectionIn:
    """One criterion marked wrong: ``verdict`` is the right one (met / not_met)."""

    criterion: str
    verdict: str
    note: str = ""
    document: str | None = None
    where: str | None = None

    def checked(self) -> CorrectionIn:
        if self.criterion not in CRITERIA:
            raise InvalidInput(f"criterion: one of {', '.join(CRITERIA)}, not {self.criterion!r}")
        verdict = self.verdict.strip().lower().replace(" ", "_").replace("-", "_")
        if verdict not in VERDICTS:
            raise InvalidInput(f"verdict: met or not_met, not {self.verdict!r}")
        return CorrectionIn(self.criterion, verdict, self.note.strip()[:2000],
                            (self.document or "").strip()[:500] or None, (self.where or "").strip()[:200] or None)


def opposite(tool_verdict: str | None) -> str:
    """The right verdict when a reviewer says only 'this one was wrong' (an overrule's tick)."""
    return "not_met" if tool_verdict == "met" else "met"


def latest_analysis(session: Session, row: ClaimRow) -> AnalysisRow | None:
    """The newest analysis of the claim's current submission (the one the reviewer sees)."""
    return session.scalars(
        select(AnalysisRow)
        .where(AnalysisRow.claim_id == row.claim_id, AnalysisRow.submission_seq == row.current_submission)
        .order_by(AnalysisRow.analysed_at.desc(), AnalysisRow.id.desc())
        .limit(1)
    ).first()


def tool_verdicts(session: Session, analysis: AnalysisRow | None) -> dict[str, str]:
    if analysis is None:
        return {}
    rows = session.execute(
        select(FindingRow.criterion, FindingRow.verdict).where(FindingRow.analysis_id == analysis.id)
    )
    return {criterion: verdict for criterion, verdict in rows}


def add_corrections(
    session: Session,
    row: ClaimRow,
    reviewer: str,
    items: Sequence[CorrectionIn],
    now: datetime,
    *,
    decision_id: int | None = None,
    policy_exception: bool = False,
    note: str = "",
) -> list[CorrectionRow]:
    """Store ``items`` (and a policy-exception row) against the claim's latest analysis."""
    analysis = latest_analysis(session, row)
    if analysis is None:
        raise InvalidInput(f"claim {row.claim_id} has no analysis to correct yet")
    tool = tool_verdicts(session, analysis)
    added: list[CorrectionRow] = []
    for item in (i.checked() for i in items):
        if tool.get(item.criterion) == item.verdict:
            raise InvalidInput(f"{item.criterion}: the tool already says {item.verdict}; nothing to correct")
        added.append(_row(row, analysis, reviewer, now, decision_id, criterion=item.criterion,
                          tool_verdict=tool.get(item.criterion), verdict=item.verdict, note=item.note,
                          document=item.document, where=item.where))
    if policy_exception:
        added.append(_row(row, analysis, reviewer, now, decision_id, criterion=POLICY_EXCEPTION,
                          tool_verdict=None, verdict=None, note=note.strip()[:2000]))
    session.add_all(added)
    return added


def _row(row: ClaimRow, analysis: AnalysisRow, reviewer: str, now: datetime, decision_id: int | None,
         **fields: Any) -> CorrectionRow:
    return CorrectionRow(claim_id=row.claim_id, analysis_id=analysis.id, submission_seq=analysis.submission_seq,
                         scoring_version=analysis.scoring_version or "", reviewer=reviewer, at=now,
                         decision_id=decision_id, **fields)


def for_overrule(session: Session, row: ClaimRow, wrong: Iterable[str]) -> list[CorrectionIn]:
    """The corrections an overrule's ticks stand for: each ticked criterion flipped."""
    tool = tool_verdicts(session, latest_analysis(session, row))
    return [CorrectionIn(c, opposite(tool.get(c))) for c in dict.fromkeys(wrong)]


@dataclass(frozen=True)
class CorrectionView:
    """A correction as the claim page shows it to staff."""

    at: datetime
    reviewer: str
    criterion: str
    tool_verdict: str | None
    verdict: str | None
    note: str
    document: str | None
    where: str | None
    scoring_version: str
    superseded: bool


def corrections_of(session: Session, claim_id: str) -> list[CorrectionView]:
    rows = list(session.scalars(
        select(CorrectionRow).where(CorrectionRow.claim_id == claim_id).order_by(CorrectionRow.id)))
    latest: dict[tuple[int | None, str], int] = {}
    for r in rows:
        latest[(r.analysis_id, r.criterion)] = r.id
    return [CorrectionView(r.at, r.reviewer, r.criterion, r.tool_verdict, r.verdict, r.note, r.document, r.where,
                           r.scoring_version, latest[(r.analysis_id, r.criterion)] != r.id) for r in rows]


# --- every reviewer's corrections (admins) ------------------------------------------------------

LIST_LIMIT = 500


@dataclass(frozen=True)
class CorrectionListing:
    """One stored correction as the admins' list shows it (the reviewer named)."""

    id: int
    at: datetime
    claim_id: str
    reviewer: str
    criterion: str
    tool_verdict: str | None
    verdict: str | None
    note: str
    document: str | None
    where: str | None
    scoring_version: str
    decision_id: int | None

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "at": self.at.isoformat()}


@dataclass(frozen=True)
class CorrectionList:
    rows: list[CorrectionListing]
    total: int  # matching the filters (rows holds the newest ``limit`` of them)
    by_reviewer: dict[str, int]  # every reviewer's count, whatever the filters


def list_all(
    engine: Engine,
    actor: Actor,
    *,
    reviewer: str | None = None,
    criterion: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = LIST_LIMIT,
) -> CorrectionList:
    """Every reviewer's corrections, newest first, filtered by reviewer, criterion and period:
    admins only (analysts read them aggregated, reviewers on each claim's page)."""
    require_role(actor, {Role.ADMIN}, "see every reviewer's corrections")
    if criterion is not None and criterion not in (*CRITERIA, POLICY_EXCEPTION):
        raise InvalidInput(f"criterion: one of {', '.join((*CRITERIA, POLICY_EXCEPTION))}, not {criterion!r}")
    where = []
    if reviewer:
        where.append(CorrectionRow.reviewer == reviewer)
    if criterion:
        where.append(CorrectionRow.criterion == criterion)
    if since is not None:
        where.append(CorrectionRow.at >= since)
    if until is not None:
        where.append(CorrectionRow.at <= until)
    with session_scope(engine) as session:
        total = session.scalar(select(func.count()).select_from(CorrectionRow).where(*where)) or 0
        rows = session.scalars(select(CorrectionRow).where(*where)
                               .order_by(CorrectionRow.at.desc(), CorrectionRow.id.desc()).limit(max(1, limit)))
        listed = [CorrectionListing(r.id, r.at, r.claim_id, r.reviewer, r.criterion, r.tool_verdict, r.verdict,
                                    r.note, r.document, r.where, r.scoring_version, r.decision_id) for r in rows]
        counts = session.execute(select(CorrectionRow.reviewer, func.count()).group_by(CorrectionRow.reviewer))
        by_reviewer = {name: int(n) for name, n in sorted(counts)}
    return CorrectionList(listed, int(total), by_reviewer)
