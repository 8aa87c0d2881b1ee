"""The agreement report (tool vs reviewers) checked against a store built with known decisions
and corrections; figures worked out by hand in the comments."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from pipeline.reports import agreement as ag
from pipeline.reports.frames import load_frames
from tests.reports.agreement_store import add_known_corrections
from tests.web.store_builder import build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    built = build_store(tmp_path_factory.mktemp("agreement"))
    add_known_corrections(built)  # the decisions and corrections the figures below are worked from
    return built


def test_per_criterion_agreement_precision_recall_unclear(store) -> None:  # type: ignore[no-untyped-def]
    fr = load_frames(store.engine)
    table = ag.agreement_table(fr)
    sig = table.loc["customer_signature"]
    # 1000001 tool not_met / label met (FN), 1000005 met/met (TP), 1000003 not_met/not_met (TN)
    assert sig["labelled"] == 3 and sig["agreement"] == round(2 / 3, 4)
    assert sig["precision_met"] == 1.0 and sig["recall_met"] == 0.5
    assert sig["disagreement_reasons"] == "R-SIG-001 (1)" and sig["corrections"] == 1
    dates = table.loc["dates"]
    # 1000005 met/met (TP), 1000003 met / corrected not_met (FP)
    assert dates["labelled"] == 2 and dates["agreement"] == 0.5 and dates["precision_met"] == 0.5
    assert dates["recall_met"] == 1.0
    growth = table.loc["growth_activities"]  # unclear on both decided claims, never corrected: no label
    assert growth["labelled"] == 0 and growth["agreement"] != growth["agreement"] and growth["unclear_rate"] == 1.0  # NaN
    assert table.loc["partner_name", "agreement"] == 1.0 and table.loc["partner_name", "labelled"] == 2
    assert sig["agreement_ci"] == "{:.2f}-{:.2f}".format(*ag.wilson(2, 3))


def test_wilson_interval() -> None:
    low, high = ag.wilson(8, 10)
    assert (low, high) == (0.4902, 0.9433)
    assert ag.wilson(0, 0) == (None, None)


def test_by_version_compares_on_the_claims_both_saw(store) -> None:  # type: ignore[no-untyped-def]
    versions = ag.by_version(load_frames(store.engine))
    sig = versions[(versions["criterion"] == "customer_signature") & (versions["scope"] == "both_saw")]
    by = dict(zip(sig["scoring_version"], sig["agreement"], strict=True))
    # only 1000003 was analysed by both: the old version said not_met (agrees), 9.9 says met (does not)
    assert by == {"": 1.0, "9.9": 0.0}


def test_drift_is_flagged_when_weekly_agreement_falls(store) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd

    fr = load_frames(store.engine)
    assert ag.drift(fr) is None  # one week of labels: nothing to compare
    week = pd.Timestamp("2026-06-01", tz="UTC")
    rows = []
    for w, agree in ((0, 20), (1, 20), (2, 12)):  # 20/20, 20/20, then 12/20
        for i in range(20):
            rows.append({"at": week + pd.Timedelta(weeks=w), "label": "met", "agree": i < agree})
    fake = pd.DataFrame(rows)
    original = ag.labelled
    ag.labelled = lambda _fr: fake  # type: ignore[assignment]
    try:
        alert = ag.drift(fr)
    finally:
        ag.labelled = original  # type: ignore[assignment]
    assert alert is not None and alert["agreement"] == 0.6 and alert["baseline"] == 1.0 and alert["fall"] == 0.4


def test_the_report_carries_the_agreement_section(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    from pipeline.reports.report import build_report

    path = build_report(store.engine, None, tmp_path, as_of=store.clock.now() + timedelta(days=1))
    doc = path.read_text()
    assert "Tool and reviewers: agreement per criterion" in doc and "By scoring version" in doc
    head = json.loads((tmp_path / "report.json").read_text())
    assert head["agreement"]["criteria"]["customer_signature"]["labelled"] == 3
