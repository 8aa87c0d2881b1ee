"""report / export / notify commands end to end through typer, on a known-outcome store."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from delivery.cli import app
from pipeline.clock import FixedClock
from pipeline.notify.tokens import consent_secret, read_consent_token
from pipeline.service import ClaimService
from pipeline.store.db import make_engine, migrate
from tests.pipeline.conftest import START
from tests.reports.known_store import AS_OF, build_known_store

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("POE_DATA_DIR", str(tmp_path / "data"))
    for var in ("POE_SMTP_URL", "POE_PSEUDONYM_KEY", "POE_CONSENT_SECRET", "POE_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    migrate(engine)
    clock = FixedClock(START)
    build_known_store(ClaimService(engine, clock, data_dir=tmp_path / "data"), clock, tmp_path)
    engine.dispose()
    return url


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    return result.exit_code, result.stdout, result.stderr


def test_report_command(db: str, tmp_path: Path) -> None:
    code, out, err = run(db, "report", "--out", str(tmp_path / "r"), "--now", AS_OF.isoformat())
    assert code == 0, err
    assert out.strip() == str(tmp_path / "r" / "report.html")
    head = json.loads((tmp_path / "r" / "report.json").read_text())
    assert head["sla"]["adherence"] == 0.75 and head["action_required"]["expired"] == 1
    code, _, _ = run(db, "report", "--since", "2026-11-09", "--out", str(tmp_path / "s"), "--now", AS_OF.isoformat())
    assert code == 0 and json.loads((tmp_path / "s" / "report.json").read_text())["transitions"]["Approved"] == 1
    code, _, err = run(db, "report", "--since", "last week")
    assert code == 2 and "--since" in err


def test_export_command_hashes_by_default(db: str, tmp_path: Path) -> None:
    code, out, err = run(db, "export", "--format", "csv", "--out", str(tmp_path / "e"))
    assert code == 0, err
    assert len(out.split()) == 7  # the six tables and the reviewers' corrections
    claims = pd.read_csv(tmp_path / "e" / "claims.csv", dtype=str)
    assert claims["customer_contact_email"].str.startswith("p_").all()
    code, _, _ = run(db, "export", "--format", "parquet", "--out", str(tmp_path / "f"), "--as", "reviewer")
    assert code == 0
    assert "teo.lupu@contoso.example" in set(pd.read_parquet(tmp_path / "f" / "claims.parquet")["customer_contact_email"])
    assert run(db, "export", "--as", "incentive_admin")[0] == 1
    code, _, err = run(db, "export", "--format", "xml")
    assert code == 2 and "parquet" in err
    assert run(db, "export", "--as", "nobody")[0] == 2


def test_notify_command_writes_eml_once(db: str, tmp_path: Path) -> None:
    code, out, err = run(db, "notify", "--now", AS_OF.isoformat(), "--base-url", "https://poe.example")
    assert code == 0, err
    # Known store: approvals of 1 (then denied: superseded), 4 and 5 (5 approved after its request
    # was answered: superseded request); 3's request was followed by its expiry.
    assert out.strip() == "2 queued, 2 sent, 0 failed, 0 without recipient"
    emls = sorted((tmp_path / "data" / "outbox").glob("*.eml"))
    assert [p.name.split("-")[0] for p in emls] == ["4", "5"]
    msg = email.message_from_bytes(emls[0].read_bytes(), policy=email.policy.default)
    body = msg.get_body(("plain",)).get_content()
    token = next(w for w in body.split() if "/consent/" in w).rsplit("/", 1)[1]
    assert read_consent_token(token, consent_secret(tmp_path / "data")) == "4"
    code, out, _ = run(db, "notify", "--now", AS_OF.isoformat(), "--json")
    assert code == 0 and json.loads(out)["queued"] == 0 and json.loads(out)["sent"] == 0
