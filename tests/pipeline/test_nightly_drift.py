"""Issue 16, drift: agreement between the tool and the reviewers week by week, a drop of more
than the chosen threshold flagged in the nightly summary. Checked on a store built with known
decisions and corrections across three weeks (SQLite, and PostgreSQL when POE_TEST_PG_URL is set).

Every claim's analysis says ``met`` on all six criteria and recommends approval; a decided claim
gives six labels. Week of 2 Nov: claims 1, 2 approved as they stand (12/12 agree). Week of 9 Nov:
claims 3, 4 the same (12/12). Week of 16 Nov: claims 5, 6 each have customer_signature, dates and
product_links corrected to not met before the reviewer rejects them (6/12 agree). So the last
week is 50%, the two before 100%: a fall of 50 points.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pipeline.clock import FixedClock
from pipeline.corrections import CorrectionIn
from pipeline.nightly import NightlyConfig, run_nightly, summary_markdown, summary_rows
from pipeline.nightly.drift import agreement_drift
from pipeline.reports import agreement
from pipeline.service import ClaimService
from pipeline.store.db import make_engine, migrate
from scoring.types import CRITERIA
from tests.pipeline.claim_factory import claim_dict, write_claim
from tests.pipeline.conftest import START
from tests.reports.known_store import REVIEWER, analysis

WRONG = ("customer_signature", "dates", "product_links")
AS_OF = START + timedelta(days=21, hours=-7)  # Monday 23 Nov 02:00: the night after the third week


def _claim(cid: str) -> dict[str, object]:
    data = claim_dict(claim_id=cid)
    data["customer"] = {**data["customer"], "tenant_id": f"00000000-0000-4000-8000-{int(cid):012d}"}  # type: ignore[dict-item]
    return data


def build(engine: Engine, clock: FixedClock, tmp_path: Path) -> None:
    service = ClaimService(engine, clock, data_dir=tmp_path / "data")
    inbox = tmp_path / "inbox"
    for cid in "123456":
        write_claim(inbox / cid, _claim(cid))
    assert not service.ingest(inbox).refused
    for cid, seq in service.pending_analysis():
        service.record_analysis(cid, seq, analysis(cid, "approve", {}, []))
    for week, claims in enumerate(("12", "34", "56")):
        clock.set(START + timedelta(weeks=week, days=1))
        for cid in claims:
            if week < 2:
                service.decide(REVIEWER, cid, "approve", "")
                continue
            service.correct(REVIEWER, cid, [CorrectionIn(c, "not_met", note="not in the POE") for c in WRONG])
            service.decide(REVIEWER, cid, "reject", "signature, dates and products missing",
                           wrong_criteria=list(WRONG))


def test_weekly_agreement_and_the_drop_flagged(engine: Engine, clock: FixedClock, tmp_path: Path) -> None:
    build(engine, clock, tmp_path)
    drift = agreement_drift(engine, AS_OF, 0.05)
    assert drift["weeks"] == [
        {"week": "2026-11-02", "labelled": 12, "agreement": 1.0},
        {"week": "2026-11-09", "labelled": 12, "agreement": 1.0},
        {"week": "2026-11-16", "labelled": 12, "agreement": 0.5},
    ]
    # Per criterion a week holds two labels (below DRIFT_MIN_LABELS): only the whole is judged.
    assert drift["flagged"] == [{
        "scope": "all criteria", "week": "2026-11-16", "agreement": 0.5, "baseline": 1.0, "fall": 0.5,
        "labelled": 12, "baseline_labelled": 24, "threshold": 0.05,
    }]
    assert agreement_drift(engine, AS_OF, 0.5)["flagged"] == []  # a fall of exactly the threshold is not
    # As of the second week nothing had fallen yet.
    assert agreement_drift(engine, START + timedelta(weeks=2), 0.05)["flagged"] == []


def test_per_criterion_drift_names_the_corrected_criteria(
    engine: Engine, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(engine, clock, tmp_path)
    monkeypatch.setattr(agreement, "DRIFT_MIN_LABELS", 2)  # judge the two-label weeks
    flagged = agreement_drift(engine, AS_OF, 0.05)["flagged"]
    assert [a["scope"] for a in flagged] == ["all criteria", *(c for c in CRITERIA if c in WRONG)]
    assert len(flagged) == 4
    assert all(a["agreement"] == 0.0 and a["baseline"] == 1.0 for a in flagged[1:])


def test_a_store_without_labels_has_no_weeks(engine: Engine) -> None:
    assert agreement_drift(engine, AS_OF, 0.05) == {"threshold": 0.05, "weeks": [], "flagged": []}
    with pytest.raises(ValueError, match="between 0 and 1"):
        agreement_drift(engine, AS_OF, 5)


def test_the_nightly_summary_flags_the_drop(tmp_path: Path) -> None:
    db = tmp_path / "store" / "poe-review.db"
    db.parent.mkdir()
    url = f"sqlite:///{db}"
    eng = make_engine(url)
    migrate(eng)
    build(eng, FixedClock(START), tmp_path)
    eng.dispose()
    (tmp_path / "empty").mkdir()
    cfg = NightlyConfig(inbox=str(tmp_path / "empty"), db_url=url, as_of=AS_OF.isoformat(), concurrency=1)
    summary = run_nightly(cfg)
    assert summary["agreement_drift"]["flagged"][0]["fall"] == 0.5
    text = summary_markdown(summary)
    assert "**DRIFT (all criteria)**: agreement 50% in the week of 2026-11-16 (12 labels), 50.0 points below" in text
    assert "| 2026-11-09 | 12 | 100% |" in text
    assert {"figure": "agreement drift flagged", "value": "all criteria"} in summary_rows(summary)
    cfg.as_of, cfg.drift_threshold = (AS_OF + timedelta(hours=1)).isoformat(), 0.6
    calm = run_nightly(cfg)
    assert calm["agreement_drift"]["flagged"] == [] and "no drop of more than 60 points" in summary_markdown(calm)
    assert {"figure": "agreement drift flagged", "value": "none"} in summary_rows(calm)


def test_the_agreement_page_and_the_report_name_every_fallen_scope(
    engine: Engine, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    from delivery.web import create_app
    from delivery.web.accounts import add_user
    from pipeline.reports.report import build_report

    build(engine, clock, tmp_path)
    monkeypatch.setattr(agreement, "DRIFT_MIN_LABELS", 2)
    clock.set(AS_OF)
    add_user(engine, "ana", "analyst", "a long password")
    app = create_app(engine, clock, secret_key="t", data_dir=tmp_path / "data")
    with TestClient(app) as client:
        assert client.post("/api/login", json={"username": "ana", "password": "a long password"}).status_code == 200
        page = client.get("/analyst/agreement").text
    scopes = ["all criteria", *(c for c in CRITERIA if c in WRONG)]
    assert [s for s in scopes if f'data-scope="{s}"' in page] == scopes
    assert page.count('data-testid="drift"') == 4 and "fell to 0% in the week of 2026-11-16" in page
    report = build_report(engine, None, tmp_path / "report", as_of=AS_OF).read_text()
    assert report.count("<b>Agreement fell</b>") == 4 and "(customer signature) to 0%" in report
