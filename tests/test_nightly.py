"""The nightly run as plain functions (no Prefect): idempotency, the extraction cache, the
lifecycle effects, the summary, and a run killed with SIGKILL then finished (spec section 5)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from pipeline.models import Status
from pipeline.nightly import NightlyConfig, plan_batches, run_nightly, summary_markdown, summary_rows
from pipeline.store.db import make_engine, session_scope
from pipeline.store.schema import (
    AnalysisRow,
    ClaimRow,
    ConflictRow,
    DocumentRow,
    ExtractionRow,
    HistoryRow,
    RunRow,
)
from tests.flows.helpers import EXTRACTOR, SOW, build_inbox, claim_json, write_folder

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-07-01T02:00:00+00:00"
PREFECT_ENV_KEYS = (
    "PREFECT_API_URL", "PREFECT_HOME", "PREFECT_SERVER_ANALYTICS_ENABLED", "DO_NOT_TRACK",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_FLOW_RUNS_LEVEL", "PREFECT_LOGGING_HANDLERS_CONSOLE_TASK_RUNS_LEVEL",
)


def config(tmp_path: Path, inbox: Path, **kw: Any) -> NightlyConfig:
    base: dict[str, Any] = dict(
        inbox=str(inbox), db_url=f"sqlite:///{tmp_path / 'data' / 'poe-review.db'}", as_of=AS_OF,
        concurrency=1, extractor=EXTRACTOR,
    )
    base.update(kw)
    return NightlyConfig(**base)


def store_state(db_url: str | None) -> dict[str, Any]:
    """Every row count and every claim's status/version: what 'changes nothing' is checked on."""
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            counts = {
                t.__tablename__: s.scalar(select(func.count()).select_from(t))
                for t in (AnalysisRow, ConflictRow, DocumentRow, ExtractionRow, HistoryRow)
            }
            claims = {c.claim_id: (c.status, c.version, c.recommendation) for c in s.scalars(select(ClaimRow))}
        return {"counts": counts, "claims": claims}
    finally:
        engine.dispose()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    return build_inbox(tmp_path / "inbox", n=6)


def test_first_run_analyses_queues_and_summarises(tmp_path: Path, inbox: Path) -> None:
    cfg = config(tmp_path, inbox)
    summary = run_nightly(cfg)
    assert summary["claims_in"] == {"accepted": 5, "resubmitted": 0, "unchanged": 0, "refused": 1}
    assert summary["refused"][0]["folder"] == "bad-claim" and "program" in summary["refused"][0]["message"]
    assert summary["analysed"] == 5 and summary["failed"] == []
    assert sum(summary["recommendations"].values()) == 5
    # The damaged second file of claim 2000003 is named, its claim still analysed.
    assert [(u["claim_id"], u["path"]) for u in summary["documents"]["unreadable"]] == [("2000003", "scan.pdf")]
    assert summary["documents"]["extracted"] == 6  # 5 SOWs + 1 damaged file, each parsed once
    # Two partners on Exchange Online of one tenant: one conflict group (D-18).
    recorded = summary["conflicts"]["recorded"]
    assert [(g["product"], g["claims"]) for g in recorded] == [("EXO", ["2000001", "2000002"])]
    assert summary["changed"] is True
    engine = make_engine(cfg.resolved().db_url)
    with session_scope(engine) as s:
        claims = {c.claim_id: c for c in s.scalars(select(ClaimRow))}
        run = s.get(RunRow, summary["run_id"])
        assert run is not None and run.finished_at is not None and run.summary["analysed"] == 5
    engine.dispose()
    # Submitted -> Under review with a recommendation and a D-14 due date; nobody decided (no policy).
    assert {c.status for c in claims.values()} == {Status.UNDER_REVIEW.value}
    assert all(c.recommendation in ("approve", "request_info", "reject") for c in claims.values())
    assert all(c.review_due_at is not None and c.review_due_at > c.status_since for c in claims.values())
    assert claims["2000001"].in_conflict and claims["2000002"].in_conflict and not claims["2000004"].in_conflict
    # The summary renders as Markdown and as table rows with the same figures.
    text = summary_markdown(summary)
    assert "scan.pdf" in text and "bad-claim" in text and "EXO" in text
    rows = {r["figure"]: r["value"] for r in summary_rows(summary)}
    assert rows["analysed"] == "5" and rows["unreadable documents"] == "1" and rows["conflicts recorded"] == "1"


def test_second_run_over_same_inbox_changes_nothing_and_says_so(tmp_path: Path, inbox: Path) -> None:
    cfg = config(tmp_path, inbox)
    run_nightly(cfg)
    before = store_state(cfg.resolved().db_url)
    again = run_nightly(cfg)
    assert store_state(cfg.resolved().db_url) == before
    assert again["changed"] is False
    assert again["headline"].startswith("Nothing changed")
    assert again["claims_in"]["unchanged"] == 5 and again["analysed"] == 0 and again["pending"] == 0
    assert again["documents"]["extracted"] == 0
    assert again["conflicts"] == {"groups": 1, "recorded": [], "unchanged": 1, "skipped": 0, "errors": []}
    assert again["clock"] == []


def test_resubmission_reparses_only_the_changed_document(tmp_path: Path, inbox: Path) -> None:
    cfg = config(tmp_path, inbox)
    run_nightly(cfg)
    # Claim 2000004 comes back with an extra document; its SOW's bytes are unchanged.
    data = json.loads((inbox / "2000004" / "claim.json").read_text())
    data["documents"].append(dict(data["documents"][0], path="PO.txt"))
    po = "PURCHASE ORDER 77 from Contoso Ltd to Fabrikam Consulting LLC for Exchange Online deployment\n"
    write_folder(inbox, data, {"PO.txt": po.encode()})
    engine = make_engine(cfg.resolved().db_url)
    with session_scope(engine) as s:  # the partner was asked for more (D-15), so it may re-submit
        row = s.get(ClaimRow, "2000004")
        assert row is not None
        row.status = Status.PARTNER_ACTION_REQUIRED.value
    engine.dispose()
    summary = run_nightly(cfg)
    assert summary["claims_in"]["resubmitted"] == 1
    assert summary["analysed"] == 1
    assert summary["documents"]["extracted"] == 1  # the PO only
    assert summary["documents"]["reused_from_cache"] == 1  # the SOW, from the cache


def test_clocks_run_as_of_the_given_time_once(tmp_path: Path, inbox: Path) -> None:
    run_nightly(config(tmp_path, inbox))
    late = "2026-08-15T02:00:00+00:00"  # well past every D-14 due date
    summary = run_nightly(config(tmp_path, inbox, as_of=late))
    assert summary["clock_by_action"] == {"review_overdue": 5}
    assert {t["rule"] for t in summary["clock"]} == {"D-14"}
    assert summary["changed"] is True
    again = run_nightly(config(tmp_path, inbox, as_of=late))
    assert again["clock"] == [] and again["changed"] is False


def power_bi_inbox(tmp_path: Path) -> Path:
    inbox = build_inbox(tmp_path / "inbox", n=4)
    sow = SOW.format(partner="Fabrikam Consulting LLC", customer="Contoso Ltd", product="Power BI Pro")
    data = claim_json("2000009", "4412093", "Fabrikam Consulting LLC", ("Power BI Pro", "POWER_BI"))
    write_folder(inbox, data, {"SOW.txt": sow.encode()})
    return inbox


def test_nothing_is_decided_without_a_reviewer_by_default(tmp_path: Path) -> None:
    inbox = power_bi_inbox(tmp_path)
    summary = run_nightly(config(tmp_path, inbox))
    assert summary["auto_decisions"] == []
    state = store_state(config(tmp_path, inbox).resolved().db_url)
    assert state["claims"]["2000009"][0] == Status.UNDER_REVIEW.value  # D-3 ineligible, still a reviewer's call


def test_explicit_auto_decision_policy_rejects_ineligible_claims(tmp_path: Path) -> None:
    from pipeline.nightly import AutoDecisionPolicy

    inbox = power_bi_inbox(tmp_path)
    cfg = config(tmp_path, inbox, policy=AutoDecisionPolicy(reject_ineligible=True))
    summary = run_nightly(cfg)
    assert summary["auto_decisions"] == [{"claim_id": "2000009", "decision": "reject"}]
    state = store_state(cfg.resolved().db_url)
    assert state["claims"]["2000009"][0] == Status.REJECTED.value
    assert {s for cid, (s, _, _) in state["claims"].items() if cid != "2000009"} == {Status.UNDER_REVIEW.value}


def test_worker_processes_give_the_same_results(tmp_path: Path, inbox: Path) -> None:
    serial = run_nightly(config(tmp_path / "a", inbox))
    parallel = run_nightly(config(tmp_path / "b", inbox, concurrency=2, batch_size=2))
    assert parallel["batches"] == 3
    assert parallel["workers"] and not any(w.endswith(f":{os.getpid()}") for w in parallel["workers"])
    a = store_state(config(tmp_path / "a", inbox).resolved().db_url)
    b = store_state(config(tmp_path / "b", inbox).resolved().db_url)
    assert {k: v[0::2] for k, v in a["claims"].items()} == {k: v[0::2] for k, v in b["claims"].items()}
    assert serial["recommendations"] == parallel["recommendations"]


def test_plan_batches_cuts_tens_not_thousands() -> None:
    pending = [(str(i), 1) for i in range(10_000)]
    batches = plan_batches(pending, workers=2)
    assert len(batches) == 50 and sum(map(len, batches)) == 10_000
    assert [len(b) for b in plan_batches(pending[:10], workers=2)] == [2, 2, 2, 2, 2]
    assert [len(b) for b in plan_batches(pending[:10], workers=2, batch_size=4)] == [4, 4, 2]
    assert plan_batches([], workers=2) == []


def test_run_killed_with_sigkill_then_run_again_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    inbox = build_inbox(tmp_path / "inbox", n=41)  # 40 claims + a refused folder
    db_file = tmp_path / "data" / "poe-review.db"
    db_url = f"sqlite:///{db_file}"
    cmd = [
        sys.executable, "-c", "from delivery.cli import main; main()", "run", "--inbox", str(inbox), "--db", db_url, "--as-of", AS_OF,
        "--no-prefect", "--concurrency", "1", "--batch-size", "1", "--extractor", EXTRACTOR, "--json",
    ]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    analysed_at_kill = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if db_file.exists():
                try:
                    with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True, timeout=1) as con:
                        analysed_at_kill = con.execute(
                            "SELECT count(*) FROM submissions WHERE analysed_at IS NOT NULL"
                        ).fetchone()[0]
                except sqlite3.OperationalError:
                    analysed_at_kill = 0  # tables not created yet
                if analysed_at_kill >= 3:
                    break
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode() if proc.stderr else ""
    assert 3 <= analysed_at_kill < 40, "the run must be killed mid-way through the analysis"

    summary = run_nightly(
        NightlyConfig(inbox=str(inbox), db_url=db_url, as_of=AS_OF, concurrency=1, extractor=EXTRACTOR)
    )
    assert summary["unfinished_before"] == [1]  # the killed run, left visibly unfinished
    assert summary["analysed"] + analysed_at_kill >= 40
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        statuses = list(s.scalars(select(ClaimRow.status)))
        assert len(statuses) == 40 and set(statuses) == {Status.UNDER_REVIEW.value}
        # Exactly one analysis, one 'analysed' and one 'submitted' history row per claim.
        per_claim = s.execute(select(AnalysisRow.claim_id, func.count()).group_by(AnalysisRow.claim_id)).all()
        assert len(per_claim) == 40 and {n for _, n in per_claim} == {1}
        for action in ("analysed", "submitted"):
            rows = s.execute(
                select(HistoryRow.claim_id, func.count()).where(HistoryRow.action == action).group_by(HistoryRow.claim_id)
            ).all()
            assert len(rows) == 40 and {n for _, n in rows} == {1}, action
        hashes = set(s.scalars(select(DocumentRow.content_hash)))
        assert s.scalar(select(func.count()).select_from(ExtractionRow)) == len(hashes)
    engine.dispose()
    assert run_nightly(
        NightlyConfig(inbox=str(inbox), db_url=db_url, as_of=AS_OF, concurrency=1, extractor=EXTRACTOR)
    )["changed"] is False


def test_demo_without_prefect_runs_twice_and_says_what_to_open(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from delivery.cli import app

    runner = CliRunner()
    data = tmp_path / "data"
    first = runner.invoke(app, ["demo", "--data", str(data), "--no-prefect", "--concurrency", "1"])
    assert first.exit_code == 0, first.output
    assert "analysed" in first.output and "poe-review" in first.output and "claims" in first.output
    assert "show <CLAIM_ID>" in first.output and "serve" in first.output
    assert (data / "poe-review.db").is_file() and (data / "demo-inbox").is_dir()
    second = runner.invoke(app, ["demo", "--data", str(data), "--no-prefect", "--concurrency", "1", "--json"])
    assert second.exit_code == 0, second.output
    summary = json.loads(second.output[second.output.index("{"):])
    assert summary["changed"] is False and summary["analysed"] == 0
    assert summary["claims_in"]["accepted"] == 0 and summary["claims_in"]["unchanged"] > 0


def test_fallback_demo_inbox_is_byte_identical_on_every_build(tmp_path: Path) -> None:
    from pipeline.claim_folder import read_claim_folder
    from pipeline.nightly.demo import minimal_demo_inbox

    first = minimal_demo_inbox(tmp_path / "a")
    second = minimal_demo_inbox(tmp_path / "b")
    folders = sorted(p.parent.name for p in first.glob("*/claim.json"))
    assert len(folders) == 6  # conflict pair, unsigned, D-3, damaged file, D-7 revenue association
    for name in folders:
        assert read_claim_folder(first / name).content_hash == read_claim_folder(second / name).content_hash


def test_schedule_without_a_prefect_server_explains_server_and_cron_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from delivery.cli import app

    for key in PREFECT_ENV_KEYS:  # the command sets them; restore them afterwards
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("POE_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["schedule", "--inbox", str(tmp_path)])
    assert result.exit_code == 2
    assert "prefect server start" in result.output and "0 2 * * *" in result.output
    assert "poe-review run --inbox" in result.output


def test_two_products_contested_by_the_same_claims_make_two_conflicts(tmp_path: Path) -> None:
    inbox = build_inbox(tmp_path / "inbox", n=4)
    both = [("Exchange Online", "EXO"), ("Microsoft Teams", "TEAMS")]
    for claim_id, mpn, partner, order in (
        ("2000011", "7745326", "Contoso Partners Ltd", both),
        ("2000012", "8856437", "Litware Services Inc", both[::-1]),
    ):
        data = claim_json(claim_id, mpn, partner, order[0])
        data["products"] = [{"name": n, "code": c} for n, c in order]
        sow = SOW.format(partner=partner, customer="Contoso Ltd", product="Exchange Online and Microsoft Teams")
        write_folder(inbox, data, {"SOW.txt": sow.encode()})
    summary = run_nightly(config(tmp_path, inbox, concurrency=2))
    by_product = {g["product"]: g["claims"] for g in summary["conflicts"]["recorded"]}
    # Claims 2000001/2000002 contest EXO too, so EXO holds four claims; TEAMS only the two new ones.
    assert by_product["TEAMS"] == ["2000011", "2000012"]
    assert set(by_product["EXO"]) == {"2000001", "2000002", "2000011", "2000012"}
    engine = make_engine(config(tmp_path, inbox).resolved().db_url)
    with session_scope(engine) as s:
        stored = {(c.product_key, c.result["key"]["product"]) for c in s.scalars(select(ConflictRow))}
    engine.dispose()
    assert stored == {("EXO", "EXO"), ("TEAMS", "TEAMS")}  # each comparison ranked on its own product


def test_run_finishes_without_prefect_when_prefect_cannot_start(tmp_path: Path) -> None:
    inbox = build_inbox(tmp_path / "inbox", n=4)
    env = {**os.environ, "PREFECT_API_URL": "http://127.0.0.1:9/api", "PREFECT_HOME": str(tmp_path / "prefect")}
    cmd = [
        sys.executable, "-c", "from delivery.cli import main; main()", "run", "--inbox", str(inbox),
        "--db", f"sqlite:///{tmp_path / 'data' / 'poe-review.db'}", "--as-of", AS_OF, "--concurrency", "1",
        "--extractor", EXTRACTOR, "--json",
    ]
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "finishing the run without Prefect" in done.stderr
    summary = json.loads(done.stdout[done.stdout.index("{"):])
    assert summary["mode"] == "local" and summary["analysed"] == 3


def test_run_delivers_the_consent_email_of_an_approval_once(tmp_path: Path, inbox: Path) -> None:
    """A reviewer's approval between two runs: the next run sends the customer's consent email
    (D-17, D-19) to the outbox; the run after that sends nothing again."""
    from pipeline.roles import Actor, Role
    from pipeline.service import ClaimService

    cfg = config(tmp_path, inbox)
    first = run_nightly(cfg)
    assert first["notifications"]["sent"] == 0
    engine = make_engine(cfg.db_url)
    try:
        service = ClaimService(engine)
        reviewer = Actor("rita", Role.REVIEWER)
        claim = next(c for c in service.list_claims(reviewer, Status.UNDER_REVIEW.value) if not c.in_conflict)
        service.decide(reviewer, claim.claim_id, "approve", "POE checked")
    finally:
        engine.dispose()
    second = run_nightly(config(tmp_path, inbox, as_of="2026-07-02T02:00:00+00:00"))
    assert second["notifications"]["sent"] == 1 and second["notifications"]["failed"] == 0
    assert {"figure": "emails sent", "value": "1"} in summary_rows(second)
    emails = list((tmp_path / "data" / "outbox").rglob("*.eml"))
    assert len(emails) == 1 and claim.claim_id in emails[0].read_text()
    third = run_nightly(config(tmp_path, inbox, as_of="2026-07-03T02:00:00+00:00"))
    assert third["notifications"]["sent"] == 0


def test_run_writes_the_analysts_report_and_exports_when_asked(tmp_path: Path, inbox: Path) -> None:
    """Issue 7: the nightly run produces the report (and exports) only when asked for them."""
    plain = run_nightly(config(tmp_path, inbox))
    assert "report" not in plain
    out = tmp_path / "analyst"
    summary = run_nightly(config(tmp_path, inbox, as_of="2026-07-02T02:00:00+00:00",
                                 report_dir=str(out), export_format="csv"))
    report = json.loads((out / "report.json").read_text())
    assert summary["report"]["path"] == str(out / "report.html") and (out / "report.html").stat().st_size > 0
    assert report["claims_in_store"] == 5  # the inbox's five good claims; the bad folder was refused
    assert {Path(p).name for p in summary["report"]["exports"]} >= {"claims.csv"}
    assert "Analysts' report" in summary_markdown(summary)


def _path_without_tesseract() -> str:
    return os.pathsep.join(
        d for d in os.environ.get("PATH", "").split(os.pathsep) if d and not (Path(d) / "tesseract").exists()
    )


@pytest.mark.slow
def test_demo_reads_its_scanned_sow_with_rapidocr_when_tesseract_is_absent(tmp_path: Path) -> None:
    """A fresh machine set up with the README's commands has no Tesseract (a system package):
    the demo's scanned SOW must still be read, by the pip-installed RapidOCR, and the summary
    says how many pages OCR read and with which engine. Run as a new process with PATH lacking
    tesseract, as on such a machine."""
    from extractors.ocr_rapid import available as rapid_available

    if not rapid_available():
        pytest.skip("the rapidocr package is not installed")
    env = {k: v for k, v in os.environ.items() if k != "POE_OCR_ENGINE"}
    env["PATH"] = _path_without_tesseract()
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH")) if p)
    run = subprocess.run(
        [sys.executable, "-c", "from delivery.cli import main; main()", "demo", "--data", str(tmp_path / "data"),
         "--no-prefect", "--concurrency", "1", "--json"],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    summary = json.loads(run.stdout[run.stdout.index("{"):])
    labels = json.loads((tmp_path / "data" / "demo-inbox" / "labels.json").read_text())
    assert [c for c in labels["claims"].values() if "scanned" in c["cases"]]  # the demo holds a scanned SOW
    assert summary["documents"]["ocr_pages"] >= 1
    assert summary["documents"]["ocr_engines"] == ["rapidocr"]
    assert not [u for u in summary["documents"]["unreadable"] if u.get("status") == "needs_ocr"]
    rows = {r["figure"]: r["value"] for r in summary_rows(summary)}
    assert rows["scanned pages read by OCR"].endswith("(rapidocr)")
