"""The nightly Prefect flow for real, inside the one session-scoped prefect_test_harness:
a run with its artifacts, an idempotent second run, and the batch tasks on a two-worker Dask
cluster through prefect-dask's DaskTaskRunner."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pipeline.models import Status
from pipeline.store.db import make_engine, session_scope
from pipeline.store.schema import ClaimRow
from tests.flows.helpers import EXTRACTOR, build_inbox

pytestmark = [pytest.mark.prefect, pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]
AS_OF = "2026-07-01T02:00:00+00:00"


def statuses(db_url: str) -> dict[str, str]:
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            return {c.claim_id: c.status for c in s.scalars(select(ClaimRow))}
    finally:
        engine.dispose()


def read_artifact(key: str) -> dict[str, Any] | None:
    """The latest artifact stored under ``key``, straight from the REST API (3.8.8's
    ``read_artifacts`` sends null fields its own server refuses)."""
    import asyncio

    from prefect.client.orchestration import get_client

    async def latest() -> Any:
        async with get_client() as client:
            response = await client._client.post(
                "/artifacts/filter",
                json={"artifacts": {"key": {"any_": [key]}}, "sort": "CREATED_DESC", "limit": 1, "offset": 0},
            )
            response.raise_for_status()
            return response.json()

    found = asyncio.run(latest())
    return found[0] if found else None


def test_flow_run_records_summary_artifacts_and_is_idempotent(tmp_path: Path) -> None:
    from flows.nightly import nightly_flow

    inbox = build_inbox(tmp_path / "inbox", n=6)
    db_url = f"sqlite:///{tmp_path / 'data' / 'poe-review.db'}"
    params: dict[str, Any] = dict(inbox=str(inbox), db_url=db_url, as_of=AS_OF, concurrency=2, batch_size=2, extractor=EXTRACTOR)
    summary = nightly_flow(**params)
    assert summary["mode"] == "prefect"
    assert summary["analysed"] == 5 and summary["batches"] == 3
    # Batches ran in the flow's local worker processes, not in the flow's own process.
    assert summary["workers"] and not any(w.endswith(f":{os.getpid()}") for w in summary["workers"])
    assert set(statuses(db_url).values()) == {Status.UNDER_REVIEW.value}
    markdown = read_artifact("nightly-summary")
    table = read_artifact("nightly-figures")
    assert markdown is not None and markdown["type"] == "markdown"
    assert "scan.pdf" in markdown["data"] and summary["headline"] in markdown["data"]
    assert table is not None and table["type"] == "table"
    assert {"figure": "analysed", "value": "5"} in json.loads(table["data"])

    again = nightly_flow(**params)
    assert again["changed"] is False and again["analysed"] == 0
    assert again["headline"].startswith("Nothing changed")


def test_batches_run_on_a_two_worker_dask_cluster(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    from flows.nightly import run_flow

    inbox = build_inbox(tmp_path / "inbox", n=9)
    db_url = f"sqlite:///{tmp_path / 'data' / 'poe-review.db'}"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            worker_pids = set(client.run(os.getpid).values())
        summary = run_flow(
            dask_address=cluster.scheduler_address, inbox=str(inbox), db_url=db_url, as_of=AS_OF,
            concurrency=2, batch_size=2, extractor=EXTRACTOR,
        )
    assert summary["mode"] == "prefect+dask"
    assert summary["analysed"] == 8 and summary["batches"] == 4 and summary["failed"] == []
    used = {int(w.rsplit(":", 1)[1]) for w in summary["workers"]}
    assert used and used <= worker_pids  # every batch ran inside a Dask worker process
    assert set(statuses(db_url).values()) == {Status.UNDER_REVIEW.value}


def test_run_command_prints_the_flow_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from delivery.cli import app
    from tests.test_nightly import PREFECT_ENV_KEYS

    for key in PREFECT_ENV_KEYS:  # the command sets missing ones; put everything back afterwards
        if key in os.environ:
            monkeypatch.setenv(key, os.environ[key])
        else:
            monkeypatch.delenv(key, raising=False)

    inbox = build_inbox(tmp_path / "inbox", n=5)
    db_url = f"sqlite:///{tmp_path / 'data' / 'poe-review.db'}"
    args = ["run", "--inbox", str(inbox), "--db", db_url, "--as-of", AS_OF, "--concurrency", "1",
            "--extractor", EXTRACTOR]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "(prefect)" in result.output and "4 analysed" in result.output
    assert "unreadable documents" in result.output and "scan.pdf" in result.output
    again = CliRunner().invoke(app, [*args, "--json"])
    assert again.exit_code == 0, again.output
    summary = json.loads(again.output[again.output.index("{"):])
    assert summary["mode"] == "prefect" and summary["changed"] is False


def test_demo_runs_the_flow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from delivery.cli import app
    from tests.test_nightly import PREFECT_ENV_KEYS

    for key in PREFECT_ENV_KEYS:
        if key in os.environ:
            monkeypatch.setenv(key, os.environ[key])
        else:
            monkeypatch.delenv(key, raising=False)
    result = CliRunner().invoke(app, ["demo", "--data", str(tmp_path / "data"), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output[result.output.index("{"):])
    assert summary["mode"] == "prefect" and summary["analysed"] > 0 and summary["failed"] == []


def test_nightly_deployment_runs_at_two_utc_with_its_parameters(tmp_path: Path) -> None:
    from flows.nightly import nightly_deployment

    deployment = nightly_deployment(inbox=str(tmp_path), db_url="sqlite:///x.db", concurrency=2, as_of=None)
    assert deployment.name == "nightly"
    (schedule,) = deployment.schedules
    assert schedule.schedule.cron == "0 2 * * *" and schedule.schedule.timezone == "UTC"
    assert deployment.parameters == {"inbox": str(tmp_path), "db_url": "sqlite:///x.db", "concurrency": 2}
