"""Stale analyses re-run (pipeline.reanalysis): a scoring or extractor version bump re-analyses
exactly the open claims whose analysis is older, within the nightly cap; decided claims keep the
analysis they were decided on, and the analysts' report counts those decisions."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select

import scoring.analyze
import tests.flows.helpers as helpers
from pipeline.clock import FixedClock
from pipeline.models import Status
from pipeline.nightly import run_nightly
from pipeline.reanalysis import (
    DEFAULT_REANALYSE_LIMIT,
    Versions,
    is_older,
    reanalysis_change,
    stale_open_claims,
)
from pipeline.reports.frames import load_frames
from pipeline.reports.report import older_version_decisions
from pipeline.roles import Actor, Role
from pipeline.service import ClaimService
from pipeline.store.db import make_engine, session_scope
from pipeline.store.schema import AnalysisRow, ClaimRow, HistoryRow
from tests.flows.helpers import build_inbox
from tests.test_nightly import AS_OF, config

OLD_SCORING = scoring.analyze.SCORING_VERSION
NEW_SCORING = OLD_SCORING + ".1"  # newer by version order, whatever today's version is
REVIEWER = Actor("rita", Role.REVIEWER)
NEXT_NIGHT = "2026-07-02T02:00:00+00:00"


def test_version_order() -> None:
    assert is_older("1.9", "1.10") and not is_older("1.10", "1.9")
    assert is_older("", "1.0") and is_older(None, "0")  # unrecorded: older than any
    assert is_older("test-text-1", "test-text-2") and not is_older("1.1", "1.1")
    v = Versions("1.2", "1.3.0")
    assert v.stale("1.1", "1.3.0") and v.stale("1.2", "1.2.9") and not v.stale("1.2", "1.3.0")
    assert not v.stale("1.3", "1.3.0")  # a newer stored version (an older deployment) is not stale


def test_reanalysis_change_names_versions_and_recommendation() -> None:
    previous: Any = SimpleNamespace(scoring_version="1.1", extractor_version="1.3.0", recommendation="approve", score=82)
    result = {"scoring_version": "1.2", "extractor_version": "1.3.0", "recommendation": "request_info", "score": 61}
    change = reanalysis_change(previous, result)
    assert change is not None
    assert change["reason"] == "re-analysed: scoring 1.1 -> 1.2; recommendation approve -> request_info"
    assert change["reanalysed"]["recommendation"] == ["approve", "request_info"]
    same = dict(result, scoring_version="1.1", recommendation="approve")
    assert reanalysis_change(previous, same) is None  # same versions: an ordinary analysis
    assert reanalysis_change(None, result) is None  # a first analysis


@pytest.fixture
def analysed_store(tmp_path: Path) -> tuple[Any, str]:
    """Five claims analysed, then decided: 2000001 approved, 2000002 rejected, 2000003 sent back
    to the partner (Partner action required); 2000004 and 2000005 still Under review."""
    cfg = config(tmp_path, build_inbox(tmp_path / "inbox", n=6))
    first = run_nightly(cfg)
    assert first["analysed"] == 5 and first["reanalysed"]["selected"] == 0
    db_url = cfg.resolved().db_url
    assert db_url is not None
    engine = make_engine(db_url)
    service = ClaimService(engine, FixedClock(datetime.fromisoformat(AS_OF) + timedelta(hours=6)))
    service.decide(REVIEWER, "2000002", "reject", "no customer signature")  # first: same product as 2000001
    service.decide(REVIEWER, "2000001", "approve", "POE checked")
    service.decide(REVIEWER, "2000003", "request_info", "send the signed SOW", requests=["signed SOW"])
    engine.dispose()
    cfg.as_of = NEXT_NIGHT
    return cfg, db_url


def _statuses(db_url: str) -> dict[str, str]:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        out = {c.claim_id: c.status for c in s.scalars(select(ClaimRow))}
    engine.dispose()
    return out


def _versions(db_url: str) -> dict[str, set[tuple[str, str]]]:
    engine = make_engine(db_url)
    out: dict[str, set[tuple[str, str]]] = {}
    with session_scope(engine) as s:
        for a in s.scalars(select(AnalysisRow)):
            out.setdefault(a.claim_id, set()).add((a.scoring_version, a.extractor_version))
    engine.dispose()
    return out


def test_scoring_bump_reanalyses_exactly_the_open_stale_claims(
    analysed_store: tuple[Any, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg, db_url = analysed_store
    before = _statuses(db_url)
    assert before["2000003"] == Status.PARTNER_ACTION_REQUIRED.value
    monkeypatch.setattr(scoring.analyze, "SCORING_VERSION", NEW_SCORING)
    summary = run_nightly(cfg)
    reanalysed = sorted(c["claim_id"] for c in summary["reanalysed"]["claims"])
    assert reanalysed == ["2000003", "2000004", "2000005"]  # open claims only
    assert summary["analysed"] == 3 and summary["reanalysed"]["left_for_later"] == 0
    # Only scoring changed: the text came from the extraction cache, nothing was parsed again.
    assert summary["documents"]["extracted"] == 0 and summary["documents"]["reused_from_cache"] >= 3
    assert _statuses(db_url) == before  # re-analysis never moves a claim
    versions = _versions(db_url)
    for decided in ("2000001", "2000002"):
        assert versions[decided] == {(OLD_SCORING, helpers.EXTRACTOR_VERSION)}
    for open_claim in reanalysed:
        assert (NEW_SCORING, helpers.EXTRACTOR_VERSION) in versions[open_claim]
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        notes = [h for h in s.scalars(select(HistoryRow).where(HistoryRow.action == "analysed"))
                 if h.details.get("reanalysed")]
        assert sorted(h.claim_id for h in notes) == reanalysed
        assert all(h.reason.startswith(f"re-analysed: scoring {OLD_SCORING} -> {NEW_SCORING}; recommendation ")
                   for h in notes)
    # The report counts the three decisions taken on the older scoring version.
    older = older_version_decisions(load_frames(engine), None)
    engine.dispose()
    assert older["older_version"] == 3 and older["with_analysis"] == 3
    # Nothing is stale any more: the next night re-analyses nothing.
    assert run_nightly(cfg)["analysed"] == 0


def test_the_nightly_cap_takes_the_oldest_first_and_leaves_the_rest(
    analysed_store: tuple[Any, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg, db_url = analysed_store
    monkeypatch.setattr(scoring.analyze, "SCORING_VERSION", NEW_SCORING)
    cfg.reanalyse_limit = 2
    first = run_nightly(cfg)
    assert first["analysed"] == 2
    assert first["reanalysed"] | {"claims": []} == {
        "selected": 2, "stale": 3, "limit": 2, "left_for_later": 1, "claims": []}
    second = run_nightly(cfg)
    done = {c["claim_id"] for c in first["reanalysed"]["claims"]} | {c["claim_id"] for c in second["reanalysed"]["claims"]}
    assert second["analysed"] == 1 and done == {"2000003", "2000004", "2000005"}
    cfg.reanalyse_limit = 0
    monkeypatch.setattr(scoring.analyze, "SCORING_VERSION", NEW_SCORING + ".1")
    assert run_nightly(cfg)["analysed"] == 0  # 0: no re-analysis tonight


def test_extractor_bump_reads_the_documents_again(
    analysed_store: tuple[Any, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg, db_url = analysed_store
    monkeypatch.setattr(helpers, "EXTRACTOR_VERSION", "test-text-2")
    summary = run_nightly(cfg)
    assert sorted(c["claim_id"] for c in summary["reanalysed"]["claims"]) == ["2000003", "2000004", "2000005"]
    assert summary["documents"]["extracted"] == 4  # three SOWs and the damaged scan of 2000003
    assert all(c["extractor"] == ["test-text-1", "test-text-2"] for c in summary["reanalysed"]["claims"])


def test_stale_plan_ignores_decided_claims(analysed_store: tuple[Any, str]) -> None:
    _, db_url = analysed_store
    engine = make_engine(db_url)
    plan = stale_open_claims(engine, Versions(NEW_SCORING, helpers.EXTRACTOR_VERSION), DEFAULT_REANALYSE_LIMIT)
    assert sorted(c for c, _ in plan.items) == ["2000003", "2000004", "2000005"]
    assert stale_open_claims(engine, Versions(OLD_SCORING, helpers.EXTRACTOR_VERSION), 10).stale == 0
    engine.dispose()


def test_cli_default_cap_is_the_documented_one() -> None:
    import inspect

    from delivery.cli.nightly import run_command

    assert inspect.signature(run_command).parameters["reanalyse_limit"].default == DEFAULT_REANALYSE_LIMIT
