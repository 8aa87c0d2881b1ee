"""Per-claim cost of the nightly run: a batch validates only its claims' tenants, and the name
matchers of one claim answer each text once."""

from __future__ import annotations

from pathlib import Path

from pipeline.nightly.analyse import load_tenant_directory
from pipeline.service import ClaimService
from pipeline.store.db import make_engine, migrate
from scoring.checks.context import remembering
from scoring.checks.parties import NameMatcher
from tests.flows.helpers import TENANT_A, TENANT_B, build_inbox


def test_batch_loads_only_its_tenants(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    migrate(engine)
    assert load_tenant_directory(engine, [TENANT_A]) is None  # no directory at all: checks say so
    ClaimService(engine, data_dir=tmp_path).ingest(build_inbox(tmp_path / "inbox", n=4))
    assert set(load_tenant_directory(engine) or {}) == {TENANT_A, TENANT_B}
    assert set(load_tenant_directory(engine, [TENANT_A.upper()]) or {}) == {TENANT_A}
    assert load_tenant_directory(engine, ["00000000-0000-0000-0000-000000000000"]) == {}  # unknown tenant
    engine.dispose()


def test_name_matcher_answers_each_text_once() -> None:
    calls: list[str] = []
    matcher = NameMatcher("Contoso Ltd")
    plain = matcher.match
    matcher.match = lambda text: calls.append(text) or plain(text)  # type: ignore[method-assign]
    remembered = remembering(matcher)
    for _ in range(3):
        assert remembered.match("signed for Contoso Ltd") is not None
        assert remembered.match("Northwind Traders") is None
    assert calls == ["signed for Contoso Ltd", "Northwind Traders"]


def test_summary_times_each_stage(tmp_path: Path) -> None:
    from pipeline.nightly import NightlyConfig, run_nightly
    from tests.flows.helpers import EXTRACTOR

    summary = run_nightly(NightlyConfig(
        inbox=str(build_inbox(tmp_path / "inbox", n=4)), db_url=f"sqlite:///{tmp_path / 's.db'}",
        as_of="2026-07-01T02:00:00+00:00", concurrency=1, extractor=EXTRACTOR))
    assert set(summary["stages"]) == {"start", "ingest", "plan", "analyse", "conflicts", "clocks", "notify", "report"}
    assert summary["batch_seconds"] > 0 and sum(summary["stages"].values()) <= summary["seconds"] + 1
