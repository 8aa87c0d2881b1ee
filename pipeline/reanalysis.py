"""Stale analyses: which open claims the nightly run analyses again when the rules change.

Every stored analysis records the scoring version (``scoring.analyze.SCORING_VERSION``) and the
extractor version (the key of the extraction cache) it was made with. When either is *older* than
the version running now, the analysis is stale:

- an *open* claim (Submitted, Under review, Partner action required) is re-analysed by the nightly
  run, oldest analysis first, at most ``limit`` a night (``--reanalyse-limit``) so a version bump
  never floods one night; the rest follow on later nights;
- a *decided* claim (Approved, Rejected, Customer consent denied) is never touched: its analysis is
  what the decision was taken on. The analysts' report counts those decisions instead
  (:func:`decisions_on_older_versions`).

Only the scoring version changed: the documents' text comes from the extraction cache (keyed by
content hash and extractor version), so a re-analysis costs the checks, not the extraction.

"Older" compares versions part by part (numbers as numbers: 1.10 > 1.9); an empty version (an
analysis stored before versions were recorded) is older than any. A *newer* stored version (an
older deployment running against the store) is not stale: the two would otherwise undo each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select

from pipeline.models import Status
from pipeline.store.db import session_scope
from pipeline.store.schema import AnalysisRow, ClaimRow
from scoring import analyze as scoring_analyze

if TYPE_CHECKING:
    import pandas as pd

# Claims a reviewer or partner still acts on; their recommendation may still matter (D-13).
OPEN_STATUSES = (Status.SUBMITTED.value, Status.UNDER_REVIEW.value, Status.PARTNER_ACTION_REQUIRED.value)
# Claims re-analysed per night at most. A scoring-only bump re-runs the checks on cached text
# (tens of ms a claim), an extractor bump re-reads every document (OCR included): 1,000 claims
# stay within a tenth of the 15-minute budget of a 10,000-claim night either way.
DEFAULT_REANALYSE_LIMIT = 1000

_PART = re.compile(r"\d+|[^\W\d_]+")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a version string: '1.10' > '1.9', 'test-text-2' > 'test-text-1', '' lowest."""
    return tuple((0, int(p)) if p.isdigit() else (1, p.lower()) for p in _PART.findall(version or ""))


def is_older(stored: str | None, current: str) -> bool:
    return version_key(stored or "") < version_key(current)


@dataclass(frozen=True)
class Versions:
    scoring: str
    extractor: str

    def stale(self, scoring: str | None, extractor: str | None) -> bool:
        return is_older(scoring, self.scoring) or is_older(extractor, self.extractor)

    def describe_change(self, scoring: str | None, extractor: str | None) -> str:
        """'scoring 1.1 -> 1.2, extractor 1.3.0 -> 1.4.0' (the parts that differ)."""
        parts = [
            f"{name} {old or '(unrecorded)'} -> {new}"
            for name, old, new in (("scoring", scoring, self.scoring), ("extractor", extractor, self.extractor))
            if (old or "") != new
        ]
        return ", ".join(parts) or f"scoring {self.scoring}, extractor {self.extractor} (unchanged)"


def current_versions(extractor_ref: str | None = None) -> Versions:
    """The versions a run makes analyses with: the scoring package's and the extractor's
    (``module:function`` as the nightly run names it; default the bundled extractors)."""
    # lazy: import cycle (pipeline.service imports this module; pipeline.nightly imports the service)
    from pipeline.nightly.analyse import DEFAULT_EXTRACTOR, extractor_version

    return Versions(scoring=scoring_analyze.SCORING_VERSION,  # read at call time: a test may replace it
                     extractor=extractor_version(extractor_ref or DEFAULT_EXTRACTOR))


@dataclass(frozen=True)
class StalePlan:
    items: list[tuple[str, int]]  # (claim_id, submission_seq) to re-analyse tonight, oldest first
    stale: int  # open claims whose analysis is stale, tonight's included
    limit: int

    def to_json(self) -> dict[str, Any]:
        return {"selected": len(self.items), "stale": self.stale, "limit": self.limit,
                "left_for_later": self.stale - len(self.items)}


def stale_open_claims(engine: Engine, versions: Versions, limit: int) -> StalePlan:
    """Open claims whose latest analysis of their current submission is older than ``versions``;
    the ``limit`` oldest analyses of them as tonight's work (``limit`` 0: none)."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(
                AnalysisRow.claim_id, AnalysisRow.submission_seq, AnalysisRow.scoring_version,
                AnalysisRow.extractor_version, AnalysisRow.analysed_at, AnalysisRow.id,
            )
            .join(ClaimRow, ClaimRow.claim_id == AnalysisRow.claim_id)
            .where(
                ClaimRow.status.in_(OPEN_STATUSES),
                AnalysisRow.submission_seq == ClaimRow.current_submission,
            )
        ).all()
    latest: dict[str, Any] = {}
    for row in rows:  # the latest analysis per claim decides (an older-version row may remain)
        have = latest.get(row.claim_id)
        if have is None or (row.analysed_at, row.id) > (have.analysed_at, have.id):
            latest[row.claim_id] = row
    stale = sorted(
        (r for r in latest.values() if versions.stale(r.scoring_version, r.extractor_version)),
        key=lambda r: (r.analysed_at, r.claim_id),
    )
    chosen = stale[: max(0, limit)]
    return StalePlan([(r.claim_id, r.submission_seq) for r in chosen], len(stale), limit)


def decisions_on_older_versions(
    decisions: pd.DataFrame, analyses: pd.DataFrame, versions: Versions
) -> dict[str, Any]:
    """How many decisions were taken on an analysis older than ``versions``: for each decision,
    the claim's latest analysis made at or before it (decisions without one are not counted)."""
    out: dict[str, Any] = {"decisions": len(decisions), "with_analysis": 0, "older_version": 0, "by_version": {}}
    if decisions.empty or analyses.empty:
        return out
    by_claim: dict[str, list[Any]] = {}
    for a in analyses.sort_values(["analysed_at", "id"]).itertuples():
        by_claim.setdefault(str(a.claim_id), []).append(a)
    by_version: dict[str, int] = {}
    for d in decisions.itertuples():
        before = [a for a in by_claim.get(str(d.claim_id), []) if a.analysed_at <= d.decided_at]
        if not before:
            continue
        out["with_analysis"] += 1
        a = before[-1]
        extractor = getattr(a, "extractor_version", "") or ""
        if versions.stale(a.scoring_version, extractor):
            out["older_version"] += 1
            key = f"scoring {a.scoring_version or '(unrecorded)'}, extractor {extractor or '(unrecorded)'}"
            by_version[key] = by_version.get(key, 0) + 1
    out["by_version"] = dict(sorted(by_version.items()))
    return out


def reanalysis_change(previous: AnalysisRow | None, result: dict[str, Any]) -> dict[str, Any] | None:
    """What a new analysis of a submission changed against the one before it, when that one was
    made with other versions: the history's 're-analysed: scoring X -> Y' and the recommendation
    before and after. None for a first analysis or the same versions again."""
    if previous is None:
        return None
    scoring = str(result.get("scoring_version") or "")[:30]
    extractor = str(result.get("extractor_version") or "")[:30]
    if (previous.scoring_version or "", previous.extractor_version or "") == (scoring, extractor):
        return None
    change = Versions(scoring, extractor).describe_change(previous.scoring_version, previous.extractor_version)
    before, after = previous.recommendation, str(result.get("recommendation") or "")
    outcome = f"recommendation {before} -> {after}" if before != after else f"recommendation {after} (unchanged)"
    return {
        "reason": f"re-analysed: {change}; {outcome}",
        "reanalysed": {
            "scoring": [previous.scoring_version or "", scoring],
            "extractor": [previous.extractor_version or "", extractor],
            "recommendation": [before, after],
            "score": [previous.score, result.get("score")],
        },
    }
