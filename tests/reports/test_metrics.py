"""Report figures against a store with known outcomes (tests/reports/known_store.py)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pipeline.clock import FixedClock
from pipeline.reports import build_report
from pipeline.reports import metrics as m
from pipeline.reports.frames import Frames, load_frames
from pipeline.service import ClaimService
from tests.pipeline.conftest import START
from tests.reports.known_store import AS_OF, build_known_store


@pytest.fixture
def frames(service: ClaimService, clock: FixedClock, engine: Engine, tmp_path: Path) -> Frames:
    build_known_store(service, clock, tmp_path)
    return load_frames(engine)


def test_store_reached_the_planned_states(frames: Frames) -> None:
    status = dict(zip(frames.claims["claim_id"], frames.claims["status"], strict=True))
    assert status == {"1": "Customer consent denied", "2": "Rejected", "3": "Rejected", "4": "Approved",
                      "5": "Approved", "6": "Under review", "7": "Rejected"}
    assert "personal" not in " ".join(frames.claims.columns) and "customer_contact_email" not in frames.claims


def test_outcomes_over_time_per_week(frames: Frames) -> None:
    out = m.outcomes_over_time(frames)
    assert out.loc[date(2026, 11, 2)].to_dict() == {
        "Approved": 2, "Partner action required": 2, "Rejected": 1, "Customer consent denied": 1}
    assert out.loc[date(2026, 11, 9)].to_dict() == {
        "Approved": 1, "Partner action required": 0, "Rejected": 1, "Customer consent denied": 0}
    assert out.loc[date(2026, 12, 7), "Rejected"] == 1  # the D-15 expiry at day 40
    since = m.outcomes_over_time(frames, START + timedelta(days=7))
    assert since.sum().to_dict() == {"Approved": 1, "Partner action required": 0, "Rejected": 2, "Customer consent denied": 0}


def test_causes_by_code_criterion_program_product_segment(frames: Frames) -> None:
    code = m.causes_by(frames, "code")
    assert code["total"].to_dict() == {"R-DAT-001": 2, "D-15 expired": 1, "D-6 products taken": 1, "R-GROW-001": 1,
                                       "R-SIG-001": 1}
    assert code.loc["D-6 products taken", "Rejected"] == 1
    assert code.loc["R-DAT-001", "Partner action required"] == 2 and code.loc["R-SIG-001", "Rejected"] == 1
    assert code.loc["D-15 expired", "Rejected"] == 1
    crit = m.causes_by(frames, "criterion")
    assert crit["total"].to_dict() == {"dates": 2, "customer_signature": 1, "growth_activities": 1}
    prog = m.causes_by(frames, "program")
    assert prog.loc["OSU-Microsoft 365"].to_dict() == {"Rejected": 2, "Partner action required": 1, "total": 3}
    assert prog.loc["OSU-Business Applications"].to_dict() == {"Rejected": 1, "Partner action required": 1, "total": 2}
    assert m.causes_by(frames, "solution_area")["total"].sum() == 5
    prod = m.causes_by(frames, "product")
    assert prod["total"].to_dict() == {"D365_SALES_ENT": 2, "EXO": 1, "SPO": 1, "TEAMS": 1}
    seg = m.causes_by(frames, "segment")
    assert seg["total"].to_dict() == {"2-4 claims": 4, "1 claim": 1}  # 111 and 222 have two claims each
    assert m.partner_segments(frames).to_dict()["4"] == "1 claim"


def test_criteria_failing_together(frames: Frames) -> None:
    co = m.criteria_cofailure(frames)
    assert co.loc["dates", "dates"] == 2 and co.loc["customer_signature", "customer_signature"] == 2
    assert co.loc["growth_activities", "growth_activities"] == 2
    assert co.loc["dates", "growth_activities"] == 1 and co.loc["dates", "customer_signature"] == 1
    assert co.loc["customer_signature", "growth_activities"] == 0 and co.loc["partner_name"].sum() == 0


def test_time_in_state_and_sla(frames: Frames) -> None:
    tis = m.time_in_state(frames, AS_OF)
    review = tis.loc["Under review"]
    assert review["finished"] == 7 and review["open"] == 1 and review["median_days"] == 2.0
    assert tis.loc["Partner action required", "finished"] == 2
    assert tis.loc["Partner action required", "p90_days"] == pytest.approx(3 + 0.9 * 36, abs=0.01)
    assert m.sla_summary(frames, AS_OF) == {"met": 6, "missed": 1, "open, overdue": 1, "open, on time": 0,
                                             "adherence": 0.75}
    late = m.sla_stints(frames, AS_OF)
    assert sorted(late[late["outcome"] != "met"]["claim_id"]) == ["2", "6"]
    # Claim 6 is in a conflict: ten business days (D-14), due Monday 16 November.
    assert late[late["claim_id"] == "6"]["due"].iloc[0] == START + timedelta(days=14)


def test_expiries_denials_conflicts_overrules(frames: Frames) -> None:
    assert m.action_required_outcomes(frames, AS_OF) == {
        "requests": 2, "responded": 1, "expired": 1, "closed_other": 0, "open": 0,
        "expiry_rate": 0.5, "median_days_to_respond": 3.0}
    d = m.consent_denials(frames)
    assert d[["claim_id", "reason", "days_after_approval"]].to_dict("records") == [
        {"claim_id": "1", "reason": "Partner is unknown", "days_after_approval": 2.0}]
    assert bool(d["within_opt_out"].iloc[0])
    c = m.conflict_outcomes(frames)
    assert c[["claims", "recommended", "approved", "outcome"]].to_dict("records") == [
        {"claims": "1, 6", "recommended": "1", "approved": "1", "outcome": "recommended claim approved"}]
    table, over = m.overrules(frames)
    assert over == {"decisions": 6, "with_recommendation": 6, "overruled": 2, "overrule_rate": round(2 / 6, 4),
                    "more_lenient": 1, "stricter": 1}
    assert table.loc["approve", "reject"] == 1 and table.loc["reject", "approve"] == 1
    assert table.loc["request_info", "request_info"] == 2 and table.loc["approve", "approve"] == 2


def test_build_report_writes_html_with_the_figures(frames: Frames, engine: Engine, tmp_path: Path) -> None:
    path = build_report(engine, None, tmp_path / "out", as_of=AS_OF)
    doc = path.read_text()
    assert path.name == "report.html" and doc.count("data:image/png;base64,") >= 5
    assert "<script" not in doc and "http://" not in doc and "https://" not in doc  # self-contained
    assert "Adherence <b>75%</b>: 6 met, 1 missed, 1 still open past due" in doc
    assert "<b>1 expired</b> after 30 days (50% of finished requests)" in doc
    assert "2 of 6 decisions with a recommendation overruled it (33%): <b>1 more lenient</b>, <b>1 stricter</b>" in doc
    assert "Partner is unknown" in doc and "R-DAT-001" in doc and "recommended claim approved" in doc
    assert "No response within 30 days of the request." in doc  # reason codes carry their meaning
    assert not re.search(r"\{[a-z_]+\}", doc)  # ... filled, never a raw template field ('{count}')
    assert "teo.lupu" not in doc.lower() and "pc@" not in doc  # no personal data in the report
    head = json.loads((tmp_path / "out" / "report.json").read_text())
    assert head["transitions"] == {"Approved": 3, "Partner action required": 2, "Rejected": 3,
                                   "Customer consent denied": 1}
    assert head["approval_rate"] == 0.5 and head["consent_denial_reasons"] == {"Partner is unknown": 1}
    since = json.loads((build_report(engine, START + timedelta(days=7), tmp_path / "s", as_of=AS_OF)
                        .with_name("report.json")).read_text())
    assert since["transitions"]["Approved"] == 1 and since["consent_denials"] == 0


def test_produce_artifacts_for_the_nightly_flow(frames: Frames, engine: Engine, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    from pipeline.reports.artifacts import headline_markdown, produce_artifacts

    monkeypatch.setenv("POE_PSEUDONYM_KEY", "nightly")
    summary = produce_artifacts(engine, tmp_path / "n", as_of=AS_OF, export_format="parquet")
    assert summary["headline"]["sla"]["met"] == 6 and len(summary["exports"]) == 7
    claims = pd.read_parquet(tmp_path / "n" / "exports" / "claims.parquet")
    assert claims["customer_contact_email"].str.startswith("p_").all()  # analysts' kind of export
    md = headline_markdown(summary)
    assert "3 approved" in md and "D-14 SLA adherence 75%" in md and "2 of 6" in md
    assert produce_artifacts(engine, tmp_path / "m", as_of=AS_OF)["exports"] == []


def test_reason_meanings_fill_template_fields() -> None:
    # The analysts' report printed "{count} item(s)" and "{products}" unfilled.
    import pandas as pd

    from pipeline.reports.report import _with_meaning

    table = _with_meaning(pd.DataFrame({"claims": [3, 2]}, index=["R-DEC-002", "R-DEC-005"]))
    assert table.loc["R-DEC-002", "meaning"].startswith("Partner action required: N item(s)")
    assert not any("{" in m for m in table["meaning"])
