"""How far the tool agrees with the reviewers, per criterion, by analysis version and week by week.

Every reviewed analysis is a labelled example. The reviewer's label for a criterion of a claim's
submission is their latest correction of it (``corrections``); a criterion the reviewer decided
on without correcting keeps the tool's verdict as its label (the reviewer saw it and let it
stand). An ``unclear`` verdict left uncorrected has no label: it counts in the unclear rate only.
The tool's verdict is read as "met" or "not met" (unclear = not met: the tool did not accept).

Figures carry their count and a Wilson 95% interval, so a rate on eight claims is not read as a
rate on eight hundred.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from scoring.types import CRITERIA

if TYPE_CHECKING:
    import pandas as pd

    from pipeline.reports.frames import Frames

POLICY_EXCEPTION = "policy_exception"
DRIFT_THRESHOLD = 0.05  # a fall in weekly agreement of more than this is flagged
DRIFT_BASELINE_WEEKS = 4
DRIFT_MIN_LABELS = 10  # a week with fewer labels is not judged


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float | None, float | None]:
    """The Wilson score interval of k successes in n trials (None, None for n = 0)."""
    if n == 0:
        return None, None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)


def labelled(fr: Frames) -> pd.DataFrame:
    """One row per (reviewed analysis, criterion): tool verdict, reviewer label, when, version.

    Reviewed analyses: every analysis of a submission that a reviewer decided on or corrected.
    ``at`` is when the label was given (the correction, else the decision)."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    analyses = fr.analyses.rename(columns={"id": "analysis_id"})
    findings = fr.findings.merge(
        analyses[["analysis_id", "submission_seq", "analysed_at", "scoring_version"]], on="analysis_id"
    )
    # A correction labels the analysis the reviewer saw (its analysis_id), not later re-analyses.
    corrections = fr.corrections[fr.corrections["criterion"] != POLICY_EXCEPTION]
    latest = corrections.sort_values("id").groupby(["analysis_id", "criterion"]).tail(1)
    truth = latest[["analysis_id", "criterion", "verdict", "at"]].rename(
        columns={"verdict": "corrected", "at": "corrected_at"})
    out = findings.merge(truth, on=["analysis_id", "criterion"], how="left")
    decided = _decided_analyses(fr, analyses)
    out = out.merge(decided, on="analysis_id", how="left")
    out = out[out["corrected"].notna() | out["decided_at"].notna()].copy()
    implied = out["verdict"].where(out["verdict"].isin(["met", "not_met"]))
    out["label"] = out["corrected"].fillna(implied)
    out["at"] = out["corrected_at"].fillna(out["decided_at"])
    out["tool_met"] = out["verdict"] == "met"
    out["label_met"] = out["label"] == "met"
    out["agree"] = out["label"].notna() & (out["tool_met"] == out["label_met"])
    out["scoring_version"] = out["scoring_version"].fillna("").astype(str)
    if out.empty:
        return pd.DataFrame(columns=[*out.columns])
    return out.reset_index(drop=True)


def _decided_analyses(fr: Frames, analyses: pd.DataFrame) -> pd.DataFrame:
    """The analysis each decision was taken on: the claim's latest analysis before the decision."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    if fr.decisions.empty or analyses.empty:
        return pd.DataFrame({"analysis_id": pd.Series(dtype="int64"), "decided_at": pd.Series(dtype="datetime64[ns, UTC]")})
    d = fr.decisions[["claim_id", "decided_at"]].sort_values("decided_at")
    a = analyses[["analysis_id", "claim_id", "analysed_at"]].sort_values("analysed_at")
    seen = pd.merge_asof(d, a, left_on="decided_at", right_on="analysed_at", by="claim_id", direction="backward")
    seen = seen.dropna(subset=["analysis_id"])
    seen["analysis_id"] = seen["analysis_id"].astype("int64")
    return seen.groupby("analysis_id", as_index=False)["decided_at"].max()


def _in_period(df: pd.DataFrame, since: datetime | None, until: datetime | None) -> pd.DataFrame:
    if since is not None:
        df = df[df["at"] >= since]
    if until is not None:
        df = df[df["at"] <= until]
    return df


@dataclass(frozen=True)
class Rate:
    k: int
    n: int

    @property
    def value(self) -> float | None:
        return round(self.k / self.n, 4) if self.n else None

    def as_dict(self) -> dict[str, Any]:
        low, high = wilson(self.k, self.n)
        return {"value": self.value, "k": self.k, "n": self.n, "ci_low": low, "ci_high": high}


def criterion_figures(rows: pd.DataFrame) -> dict[str, Any]:
    """Agreement, precision / recall of met against the labels, unclear rate, for one criterion."""
    known = rows[rows["label"].notna()]
    tp = int((known["tool_met"] & known["label_met"]).sum())
    fp = int((known["tool_met"] & ~known["label_met"]).sum())
    fn = int((~known["tool_met"] & known["label_met"]).sum())
    return {
        "agreement": Rate(int(known["agree"].sum()), len(known)).as_dict(),
        "precision_met": Rate(tp, tp + fp).as_dict(),
        "recall_met": Rate(tp, tp + fn).as_dict(),
        "unclear_rate": Rate(int((rows["verdict"] == "unclear").sum()), len(rows)).as_dict(),
        "corrections": int(rows["corrected"].notna().sum()),
    }


def disagreement_reasons(fr: Frames, rows: pd.DataFrame, most: int = 5) -> list[tuple[str, int]]:
    """The reason codes the tool gave on the criteria reviewers disagreed with, most frequent first."""
    wrong = rows[rows["label"].notna() & ~rows["agree"]]
    if wrong.empty or fr.reasons.empty:
        return []
    keys = wrong[["analysis_id", "criterion"]]
    hits = fr.reasons.merge(keys, on=["analysis_id", "criterion"])
    return [(str(code), int(n)) for code, n in hits["code"].value_counts().head(most).items()]


def agreement_table(fr: Frames, since: datetime | None = None, until: datetime | None = None) -> pd.DataFrame:
    """Per criterion: count, agreement and its interval, precision/recall of met, unclear rate,
    corrections, the top reason codes among disagreements."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    rows = _in_period(labelled(fr), since, until)
    records = []
    for criterion in CRITERIA:
        mine = rows[rows["criterion"] == criterion]
        f = criterion_figures(mine)
        records.append({
            "criterion": criterion,
            "labelled": f["agreement"]["n"],
            "agreement": f["agreement"]["value"],
            "agreement_ci": _ci(f["agreement"]),
            "precision_met": f["precision_met"]["value"],
            "precision_ci": _ci(f["precision_met"]),
            "recall_met": f["recall_met"]["value"],
            "recall_ci": _ci(f["recall_met"]),
            "unclear_rate": f["unclear_rate"]["value"],
            "corrections": f["corrections"],
            "disagreement_reasons": ", ".join(f"{c} ({n})" for c, n in disagreement_reasons(fr, mine)),
        })
    return pd.DataFrame(records).set_index("criterion")


def _ci(rate: dict[str, Any]) -> str:
    if rate["ci_low"] is None:
        return ""
    return f"{rate['ci_low']:.2f}-{rate['ci_high']:.2f}"


def by_version(fr: Frames, since: datetime | None = None, until: datetime | None = None) -> pd.DataFrame:
    """Agreement per criterion and scoring version; with ``both_saw`` the claims' submissions that
    every listed version analysed, so a new version is compared with the last on the same claims."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    rows = _in_period(labelled_all_versions(fr), since, until)
    if rows.empty:
        return pd.DataFrame(columns=["scoring_version", "criterion", "labelled", "agreement", "agreement_ci", "both_saw"])
    versions = sorted(rows["scoring_version"].unique())
    per_sub = rows.groupby(["claim_id", "submission_seq"])["scoring_version"].nunique()
    shared = set(per_sub[per_sub == len(versions)].index)
    records = []
    for (version, criterion), mine in rows.groupby(["scoring_version", "criterion"]):
        both = mine[[(c, s) in shared for c, s in zip(mine["claim_id"], mine["submission_seq"], strict=True)]]
        for scope, part in (("all", mine), ("both_saw", both)):
            known = part[part["label"].notna()]
            rate = Rate(int(known["agree"].sum()), len(known)).as_dict()
            records.append({"scoring_version": version, "criterion": criterion, "scope": scope,
                            "labelled": rate["n"], "agreement": rate["value"], "agreement_ci": _ci(rate)})
    return pd.DataFrame(records)


def labelled_all_versions(fr: Frames) -> pd.DataFrame:
    """Every analysis (any scoring version) of a labelled submission, against that submission's
    labels: how each version would have fared on what the reviewers said."""
    base = labelled(fr)
    if base.empty:
        return base
    truth = base.dropna(subset=["label"]).sort_values("at").groupby(
        ["claim_id", "submission_seq", "criterion"], as_index=False).tail(1)[
        ["claim_id", "submission_seq", "criterion", "label", "at"]]
    analyses = fr.analyses.rename(columns={"id": "analysis_id"})
    every = fr.findings.merge(analyses[["analysis_id", "submission_seq", "scoring_version"]], on="analysis_id")
    out = every.merge(truth, on=["claim_id", "submission_seq", "criterion"])
    out["tool_met"] = out["verdict"] == "met"
    out["agree"] = out["tool_met"] == (out["label"] == "met")
    out["scoring_version"] = out["scoring_version"].fillna("").astype(str)
    return out


def weekly(fr: Frames, until: datetime | None = None, criterion: str | None = None) -> pd.DataFrame:
    """Agreement week by week (weeks starting Monday, UTC), over all criteria or one."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    rows = _in_period(labelled(fr), None, until)
    rows = rows[rows["label"].notna()]
    if criterion is not None and not rows.empty:
        rows = rows[rows["criterion"] == criterion]
    if rows.empty:
        return pd.DataFrame(columns=["week", "labelled", "agreement"])
    week = rows["at"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period("W-SUN").dt.start_time
    grouped = rows.assign(week=week).groupby("week")["agree"].agg(["count", "sum"])
    return pd.DataFrame({
        "week": grouped.index, "labelled": grouped["count"].astype(int),
        "agreement": (grouped["sum"] / grouped["count"]).round(4),
    }).reset_index(drop=True)


def drift(fr: Frames, until: datetime | None = None, threshold: float = DRIFT_THRESHOLD,
          criterion: str | None = None) -> dict[str, Any] | None:
    """The latest judged week (at least DRIFT_MIN_LABELS labels) against the label-weighted mean
    of up to DRIFT_BASELINE_WEEKS judged weeks before it: a dict saying so when agreement fell
    by more than ``threshold`` (a fraction: 0.05 = 5 points), else None."""
    weeks = weekly(fr, until, criterion)
    weeks = weeks[weeks["labelled"] >= DRIFT_MIN_LABELS]
    if len(weeks) < 2:
        return None
    last = weeks.iloc[-1]
    before = weeks.iloc[-1 - DRIFT_BASELINE_WEEKS:-1]
    baseline = float((before["agreement"] * before["labelled"]).sum() / before["labelled"].sum())
    fall = baseline - float(last["agreement"])
    if fall <= threshold:
        return None
    return {"scope": criterion or "all criteria", "week": str(last["week"].date()),
            "agreement": float(last["agreement"]), "baseline": round(baseline, 4), "fall": round(fall, 4),
            "labelled": int(last["labelled"]), "baseline_labelled": int(before["labelled"].sum()),
            "threshold": threshold}


def drift_alerts(fr: Frames, until: datetime | None = None, threshold: float = DRIFT_THRESHOLD) -> list[dict[str, Any]]:
    """Drift over all criteria, then per criterion (each judged on its own labels)."""
    alerts = [drift(fr, until, threshold, criterion) for criterion in (None, *CRITERIA)]
    return [a for a in alerts if a is not None]


@dataclass(frozen=True)
class Agreement:
    """Everything the report shows of the tool against the reviewers, computed once."""

    table: pd.DataFrame
    versions: pd.DataFrame
    weeks: pd.DataFrame
    drift: dict[str, Any] | None  # over all criteria
    alerts: tuple[dict[str, Any], ...] = ()  # every fallen scope: all criteria, then each criterion

    def to_json(self) -> dict[str, Any]:
        table = self.table.astype(object).where(self.table.notna(), None)
        return {"criteria": table.to_dict(orient="index"), "drift": self.drift, "drift_alerts": list(self.alerts)}


def figures(fr: Frames, since: datetime | None = None, until: datetime | None = None) -> Agreement:
    alerts = drift_alerts(fr, until)
    overall = next((a for a in alerts if a["scope"] == "all criteria"), None)
    return Agreement(agreement_table(fr, since, until), by_version(fr, since, until), weekly(fr, until),
                     overall, tuple(alerts))
