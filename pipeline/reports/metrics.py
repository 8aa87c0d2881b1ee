"""Report computations over :class:`~pipeline.reports.frames.Frames` (pure pandas, no I/O).

Every function takes the frames, the start of the period (``since``, UTC, or None for all time)
and, where open intervals matter, ``as_of`` (the report's "now"). Decisions written down here:

- An *adverse event* is a transition into Rejected or Partner action required. Its causes are the
  coded reasons (``R-...``) of the claim's latest analysis at that moment, and the criteria that
  analysis did not find met; a D-15 expiry has the cause ``D-15 expired`` and a claim closed because
  another partner's claim was approved (D-6) the cause ``D-6 products taken``.
- *Partner segment* is the partner organisation's claim volume in the store: ``1 claim``,
  ``2-4 claims``, ``5+ claims`` (the store has no partner tiers; volume separates newcomers from
  regular claimants, whose rejection causes differ most).
- *SLA (D-14)*: each stint in Under review is due ``review_due_at(entered, in_conflict)``; a stint
  that left on or before its due date met the SLA; an open stint past its due date missed it.
- *Criteria failing together*: latest analysis per claim, a criterion "fails" unless ``met``.
- *Overrule direction*: decisions ranked reject < request_info < approve; a decision above the
  recommendation is *more lenient*, below it *stricter*.
"""

from __future__ import annotations

from datetime import datetime
from statistics import median
from typing import TYPE_CHECKING, Any

from pipeline.lifecycle import review_due_at
from pipeline.models import Status

if TYPE_CHECKING:
    import pandas as pd

    from pipeline.reports.frames import Frames

OUTCOMES = [
    Status.APPROVED.value,
    Status.PARTNER_ACTION_REQUIRED.value,
    Status.REJECTED.value,
    Status.CONSENT_DENIED.value,
]
ADVERSE = [Status.REJECTED.value, Status.PARTNER_ACTION_REQUIRED.value]
EXPIRED = "D-15 expired"
PRODUCTS_TAKEN = "D-6 products taken"
NO_CODE = "(no coded reason)"
DECISION_RANK = {"reject": 0, "request_info": 1, "approve": 2}


def _since(df: pd.DataFrame, col: str, since: datetime | None) -> pd.DataFrame:
    return df if since is None or df.empty else df[df[col] >= since]


def _rule(details: Any) -> str:
    return str(details.get("rule") or "") if isinstance(details, dict) else ""


def outcomes_over_time(fr: Frames, since: datetime | None = None, freq: str = "W-SUN") -> pd.DataFrame:
    """Transitions into each outcome state per week (rows: week start, columns: OUTCOMES)."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    t = _since(fr.transitions, "at", since)
    t = t[t["action"] == "transition"]
    t = t[t["to_status"].isin(OUTCOMES)]
    if t.empty:
        return pd.DataFrame(columns=OUTCOMES, dtype="int64")
    week = t["at"].dt.tz_convert(None).dt.to_period(freq).dt.start_time.dt.date.rename("week")
    out = pd.crosstab(week, t["to_status"]).reindex(columns=OUTCOMES, fill_value=0)
    out.columns.name = None
    return out


def adverse_events(fr: Frames, since: datetime | None = None) -> pd.DataFrame:
    """One row per transition into Rejected / Partner action required, with its cause kind and
    the analysis it rests on (latest analysis of the claim at that moment)."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    t = _since(fr.transitions, "at", since)
    t = t[(t["action"] == "transition") & t["to_status"].isin(ADVERSE)].copy()
    cols = ["event_id", "claim_id", "at", "outcome", "kind", "analysis_id"]
    if t.empty:
        return pd.DataFrame(columns=cols)
    rules = t["details"].map(_rule)
    t["kind"] = "review"
    t.loc[(rules == "D-15") & (t["from_status"] == Status.PARTNER_ACTION_REQUIRED.value)
          & (t["to_status"] == Status.REJECTED.value), "kind"] = "expired"
    t.loc[rules == "D-6", "kind"] = "products_taken"
    a = fr.analyses.sort_values("analysed_at")
    t = t.sort_values("at")
    if a.empty:
        t["analysis_id"] = pd.NA
    else:
        t = pd.merge_asof(
            t, a[["claim_id", "analysed_at", "id"]].rename(columns={"id": "analysis_id"}),
            left_on="at", right_on="analysed_at", by="claim_id", direction="backward",
        )
    t = t.rename(columns={"id": "event_id", "to_status": "outcome"})
    return t[cols].reset_index(drop=True)


def event_causes(fr: Frames, since: datetime | None = None) -> pd.DataFrame:
    """Long table: one row per (adverse event, coded cause)."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    ev = adverse_events(fr, since)
    rows: list[dict[str, Any]] = []
    by_analysis = fr.reasons.groupby("analysis_id")["code"].apply(lambda s: sorted(set(s))).to_dict()
    for e in ev.itertuples(index=False):
        if e.kind == "expired":
            codes = [EXPIRED]
        elif e.kind == "products_taken":
            codes = [PRODUCTS_TAKEN]
        else:
            found: list[str] | None = by_analysis.get(e.analysis_id) if pd.notna(e.analysis_id) else None
            codes = found or [NO_CODE]
        rows += [{"event_id": e.event_id, "claim_id": e.claim_id, "outcome": e.outcome, "code": c} for c in codes]
    return pd.DataFrame(rows, columns=["event_id", "claim_id", "outcome", "code"])


def partner_segments(fr: Frames) -> pd.Series:
    """claim_id -> segment (see module docstring)."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    c = fr.claims
    if c.empty:
        return pd.Series(dtype="object")
    volume = c.groupby("partner_org")["claim_id"].transform("count")
    seg = pd.cut(volume, bins=[0, 1, 4, float("inf")], labels=["1 claim", "2-4 claims", "5+ claims"])
    return pd.Series(seg.astype(str).values, index=c["claim_id"].values)


def _count(long: pd.DataFrame, key: str) -> pd.DataFrame:
    """Distinct adverse events per ``key`` value and outcome, most frequent first."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    if long.empty:
        return pd.DataFrame(columns=[*ADVERSE, "total"], dtype="int64")
    out = pd.crosstab(long[key], long["outcome"], values=long["event_id"], aggfunc="nunique").fillna(0).astype(int)
    out = out.reindex(columns=ADVERSE, fill_value=0)
    out["total"] = out.sum(axis=1)
    out.columns.name = None
    out.index.name = key
    return out.sort_index().sort_values("total", ascending=False, kind="stable")


def causes_by(fr: Frames, dimension: str, since: datetime | None = None) -> pd.DataFrame:
    """Adverse events by ``dimension``: reason code, criterion, program, solution area, product or
    partner segment. An event counts once per value (a claim of two products counts for both)."""
    ev = adverse_events(fr, since)
    if dimension == "code":
        return _count(event_causes(fr, since), "code")
    if dimension == "criterion":
        failing = fr.findings[fr.findings["verdict"] != "met"][["analysis_id", "criterion"]]
        long = ev[ev["kind"] == "review"].merge(failing, on="analysis_id", how="inner")
        return _count(long, "criterion")
    if dimension in ("program", "solution_area"):
        long = ev.merge(fr.claims[["claim_id", dimension]], on="claim_id")
        return _count(long, dimension)
    if dimension == "product":
        p = fr.products.assign(product=fr.products["code"].fillna(fr.products["name"]))
        long = ev.merge(p[["claim_id", "product"]], on="claim_id")
        return _count(long, "product")
    if dimension == "segment":
        seg = partner_segments(fr)
        long = ev.assign(segment=ev["claim_id"].map(seg))
        return _count(long, "segment")
    raise ValueError(f"unknown dimension {dimension!r}")


def latest_analyses(fr: Frames) -> pd.DataFrame:
    a = fr.analyses.sort_values(["claim_id", "analysed_at", "id"])
    return a.groupby("claim_id").tail(1)


def criteria_cofailure(fr: Frames, since: datetime | None = None) -> pd.DataFrame:
    """Square table: claims whose latest analysis fails both criteria (diagonal: fails that one)."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    latest = _since(latest_analyses(fr), "analysed_at", since)
    f = fr.findings[fr.findings["analysis_id"].isin(latest["id"])]
    criteria = sorted(fr.findings["criterion"].unique())
    fails = (f.assign(fail=(f["verdict"] != "met").astype(int))
             .pivot_table(index="analysis_id", columns="criterion", values="fail", aggfunc="max", fill_value=0))
    fails = fails.reindex(columns=criteria, fill_value=0)
    if fails.empty:
        return pd.DataFrame(0, index=criteria, columns=criteria)
    m = fails.T.dot(fails)
    m.index.name = None
    m.columns.name = None
    return m.astype(int)


def state_intervals(fr: Frames, as_of: datetime) -> pd.DataFrame:
    """Each stint of each claim in a state: claim_id, state, start, end (None when open), days."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    t = fr.transitions
    cols = ["claim_id", "state", "start", "end", "next_state", "open", "days"]
    if t.empty:
        return pd.DataFrame(columns=cols)
    t = t[["claim_id", "at", "to_status"]].rename(columns={"at": "start", "to_status": "state"})
    t["end"] = t.groupby("claim_id")["start"].shift(-1)
    t["next_state"] = t.groupby("claim_id")["state"].shift(-1)
    t["open"] = t["end"].isna()
    until = t["end"].fillna(pd.Timestamp(as_of))
    t["days"] = (until - t["start"]).dt.total_seconds() / 86400
    return t[cols].reset_index(drop=True)


def time_in_state(fr: Frames, as_of: datetime, since: datetime | None = None) -> pd.DataFrame:
    """Per state: finished stints, their median / mean / 90th percentile days, and open stints."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    iv = state_intervals(fr, as_of)
    if since is not None and not iv.empty:
        iv = iv[iv["end"].isna() | (iv["end"] >= since)]
    # Rejected and Customer consent denied are final: time "in" them measures nothing.
    states = [s.value for s in Status if s not in (Status.REJECTED, Status.CONSENT_DENIED)]
    rows = []
    for state in states:
        s = iv[iv["state"] == state]
        done = s[~s["open"].astype(bool)]["days"]
        rows.append({
            "state": state,
            "finished": len(done),
            "median_days": round(float(done.median()), 2) if len(done) else None,
            "mean_days": round(float(done.mean()), 2) if len(done) else None,
            "p90_days": round(float(done.quantile(0.9)), 2) if len(done) else None,
            "open": int(s["open"].sum()),
            "open_median_days": round(float(s[s["open"].astype(bool)]["days"].median()), 2) if s["open"].any() else None,
        })
    out = pd.DataFrame(rows).set_index("state")
    return out[(out["finished"] > 0) | (out["open"] > 0)]


def sla_stints(fr: Frames, as_of: datetime, since: datetime | None = None) -> pd.DataFrame:
    """Under review stints with their D-14 due date and SLA outcome."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    iv = state_intervals(fr, as_of)
    iv = iv[iv["state"] == Status.UNDER_REVIEW.value].copy()
    if since is not None:
        iv = iv[iv["end"].isna() | (iv["end"] >= since)]
    if iv.empty:
        return pd.DataFrame(columns=["claim_id", "start", "end", "due", "outcome"])
    conflict = dict(zip(fr.claims["claim_id"], fr.claims["in_conflict"].astype(bool), strict=True))
    iv["due"] = [
        pd.Timestamp(review_due_at(s.to_pydatetime(), conflict.get(c, False)))
        for c, s in zip(iv["claim_id"], iv["start"], strict=True)
    ]
    now = pd.Timestamp(as_of)
    iv["outcome"] = "open, on time"
    iv.loc[iv["open"] & (iv["due"] < now), "outcome"] = "open, overdue"
    iv.loc[~iv["open"] & (iv["end"] <= iv["due"]), "outcome"] = "met"
    iv.loc[~iv["open"] & (iv["end"] > iv["due"]), "outcome"] = "missed"
    return iv[["claim_id", "start", "end", "due", "outcome"]].reset_index(drop=True)


def sla_summary(fr: Frames, as_of: datetime, since: datetime | None = None) -> dict[str, Any]:
    s = sla_stints(fr, as_of, since)
    counts = {k: int((s["outcome"] == k).sum()) for k in ("met", "missed", "open, overdue", "open, on time")}
    judged = counts["met"] + counts["missed"] + counts["open, overdue"]
    return {**counts, "adherence": round(counts["met"] / judged, 4) if judged else None}


def action_required_outcomes(fr: Frames, as_of: datetime, since: datetime | None = None) -> dict[str, Any]:
    """D-15: how each Partner action required stint ended (re-submitted, expired after 30 days,
    closed by D-6, still open) and the median days to respond."""
    iv = state_intervals(fr, as_of)
    iv = iv[iv["state"] == Status.PARTNER_ACTION_REQUIRED.value]
    if since is not None and not iv.empty:
        iv = iv[iv["end"].isna() | (iv["end"] >= since)]
    ev = adverse_events(fr, None)
    expired = set(zip(ev.loc[ev["kind"] == "expired", "claim_id"], ev.loc[ev["kind"] == "expired", "at"], strict=True))
    out: dict[str, Any] = {"requests": len(iv), "responded": 0, "expired": 0, "closed_other": 0, "open": 0}
    responded_days: list[float] = []
    for r in iv.itertuples(index=False):
        if r.open:
            out["open"] += 1
        elif (r.claim_id, r.end) in expired:
            out["expired"] += 1
        elif r.next_state == Status.SUBMITTED.value:
            out["responded"] += 1
            responded_days.append(r.days)
        else:
            out["closed_other"] += 1
    finished = out["requests"] - out["open"]
    out["expiry_rate"] = round(out["expired"] / finished, 4) if finished else None
    out["median_days_to_respond"] = round(median(responded_days), 2) if responded_days else None
    return out


def consent_denials(fr: Frames, since: datetime | None = None) -> pd.DataFrame:
    """Each D-17 denial: claim, when, D-21 reason, days after approval, inside the 7-day window."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    t = fr.transitions[fr.transitions["action"] == "transition"]
    d = _since(t[t["to_status"] == Status.CONSENT_DENIED.value], "at", since).copy()
    cols = ["claim_id", "at", "reason", "days_after_approval", "within_opt_out"]
    if d.empty:
        return pd.DataFrame(columns=cols)
    approved = t[t["to_status"] == Status.APPROVED.value].groupby("claim_id")["at"].max()
    d["reason"] = [
        (det.get("d21_reason") if isinstance(det, dict) else None) or reason
        for det, reason in zip(d["details"], d["reason"], strict=True)
    ]
    d["days_after_approval"] = ((d["at"] - d["claim_id"].map(approved)).dt.total_seconds() / 86400).round(2)
    d["within_opt_out"] = d["days_after_approval"] <= 7
    return d[cols].reset_index(drop=True)


def conflict_outcomes(fr: Frames, since: datetime | None = None) -> pd.DataFrame:
    """Each D-18 conflict: its claims, the recommended one, and what the reviewers did."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    c = _since(fr.conflicts, "compared_at", since)
    status = dict(zip(fr.claims["claim_id"], fr.claims["status"], strict=True))
    rows = []
    for r in c.itertuples(index=False):
        ids = [str(x) for x in r.claim_ids]
        approved = [i for i in ids if status.get(i) in (Status.APPROVED.value, Status.CONSENT_DENIED.value)]
        if not approved:
            open_ = any(status.get(i) not in (Status.REJECTED.value,) for i in ids)
            outcome = "open" if open_ else "none approved"
        elif str(r.recommended) in approved:
            outcome = "recommended claim approved"
        else:
            outcome = "other claim approved"
        rows.append({
            "tenant_id": r.tenant_id, "product": r.product_key, "claims": ", ".join(ids),
            "recommended": r.recommended, "margin": r.margin, "approved": ", ".join(approved), "outcome": outcome,
        })
    return pd.DataFrame(rows, columns=["tenant_id", "product", "claims", "recommended", "margin", "approved", "outcome"])


def overrules(fr: Frames, since: datetime | None = None) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Recommendation x decision table and the overrule figures (DecisionRow.overruled)."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    d = _since(fr.decisions, "decided_at", since)
    order = ["approve", "request_info", "reject"]
    d = d.assign(recommendation=d["recommendation"].fillna("(none)"))
    table = pd.crosstab(d["recommendation"], d["decision"]).reindex(
        index=[*order, "(none)"], columns=order, fill_value=0
    )
    table = table.loc[(table.sum(axis=1) > 0) | table.index.isin(order)]
    table.index.name = "recommended \\ decided"
    table.columns.name = None
    with_rec = d[d["recommendation"] != "(none)"]
    over = with_rec[with_rec["overruled"].astype(bool)]
    # float: with no overrule the mapped Series are empty strings-typed, and str - str fails
    diff = over["decision"].map(DECISION_RANK).astype(float) - over["recommendation"].map(DECISION_RANK).astype(float)
    figures = {
        "decisions": len(d),
        "with_recommendation": len(with_rec),
        "overruled": len(over),
        "overrule_rate": round(len(over) / len(with_rec), 4) if len(with_rec) else None,
        "more_lenient": int((diff > 0).sum()),
        "stricter": int((diff < 0).sum()),
    }
    return table, figures


def notification_status(fr: Frames) -> pd.DataFrame:
    """Outbox by kind: sent, pending after a failed attempt, waiting, without recipient."""
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    n = fr.notifications
    kinds = ["consent", "action_required", "action_reminder"]
    if n.empty:
        return pd.DataFrame(columns=["sent", "failed, will retry", "queued", "no recipient"], dtype="int64")
    unsent = n["sent_at"].isna()
    no_rcpt = unsent & n["last_error"].fillna("").str.startswith("no recipient")
    state = pd.Series("queued", index=n.index)
    state[~unsent] = "sent"
    state[unsent & (n["attempts"] > 0) & ~no_rcpt] = "failed, will retry"
    state[no_rcpt] = "no recipient"
    out = pd.crosstab(n["kind"], state).reindex(
        index=[k for k in kinds if k in set(n["kind"])], columns=["sent", "failed, will retry", "queued", "no recipient"],
        fill_value=0,
    )
    out.columns.name = None
    return out


def headline(fr: Frames, as_of: datetime, since: datetime | None = None) -> dict[str, Any]:
    """The figures at the top of the report (and in report.json)."""
    out = outcomes_over_time(fr, since)
    totals = {k: int(out[k].sum()) if k in out else 0 for k in OUTCOMES}
    decided = totals[Status.APPROVED.value] + totals[Status.REJECTED.value]
    _, over = overrules(fr, since)
    denials = consent_denials(fr, since)
    return {
        "claims_in_store": len(fr.claims),
        "claims_by_status": {k: int(v) for k, v in fr.claims["status"].value_counts().sort_index().items()},
        "transitions": totals,
        "approval_rate": round(totals[Status.APPROVED.value] / decided, 4) if decided else None,
        "sla": sla_summary(fr, as_of, since),
        "action_required": action_required_outcomes(fr, as_of, since),
        "consent_denials": len(denials),
        "consent_denial_reasons": {k: int(v) for k, v in denials["reason"].value_counts().items()},
        "overrules": over,
        "conflicts": {k: int(v) for k, v in conflict_outcomes(fr, since)["outcome"].value_counts().items()},
    }
