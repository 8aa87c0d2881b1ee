"""`poe-review cases export`: reviewers' corrections as labelled case folders, round-tripped.

A real case of tests/cases is taken in, analysed by the real checks and stored; a reviewer
corrects one criterion; the export, run through the checks again, gives the stored verdicts,
and its labels give the corrected ones. Contacts are pseudonymised, documents left out unless
asked for.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.analysis import analyze_folder
from pipeline.cases_export import export_cases
from pipeline.clock import FixedClock
from pipeline.corrections import CorrectionIn
from pipeline.roles import SYSTEM, Actor, Role
from pipeline.service import ClaimService
from pipeline.store import make_engine, migrate

CASES = Path(__file__).parent / "cases"
CASE = "baseline-signed-sow-pdf"
RITA = Actor("rita", Role.REVIEWER)


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    root = tmp_path_factory.mktemp("cases-export")
    inbox = root / "inbox"
    shutil.copytree(CASES / CASE, inbox / CASE)
    shutil.copy(CASES / "tenants.json", inbox / "tenants.json")
    engine = make_engine(f"sqlite:///{root / 'store.db'}")
    migrate(engine)
    service = ClaimService(engine, FixedClock(datetime(2026, 7, 21, tzinfo=UTC)), data_dir=root)
    claim_id = service.ingest(inbox).items[0].claim_id
    assert claim_id
    stored = analyze_folder(service.materialize_submission(claim_id, None, root / "work"), inbox / "tenants.json")
    service.record_analysis(claim_id, 1, stored, SYSTEM)
    growth = stored["criteria"]["growth_activities"]["verdict"]
    right = "not_met" if growth == "met" else "met"
    service.correct(RITA, claim_id, [CorrectionIn("growth_activities", right, note="only a hope, no target")])
    return service, claim_id, stored, right, root


def test_an_exported_case_round_trips(corrected, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    service, claim_id, stored, right, _ = corrected
    key = b"k" * 32
    cases = export_cases(service, datetime(2026, 7, 1, tzinfo=UTC), tmp_path, key, with_documents=True)
    assert [(c.claim_id, c.corrected) for c in cases] == [(claim_id, ["growth_activities"])]
    again = analyze_folder(tmp_path / claim_id, tmp_path / "tenants.json")
    verdicts = {c: f["verdict"] for c, f in again["criteria"].items()}
    assert verdicts == {c: f["verdict"] for c, f in stored["criteria"].items()}  # the stored verdicts
    labels = json.loads((tmp_path / "labels.json").read_text())["claims"][claim_id]
    assert labels["criteria"] == {**verdicts, "growth_activities": right}  # the corrected ones
    assert labels["stored"] == verdicts and "reviewer-correction" in labels["cases"]
    assert "only a hope" in labels["note"]
    # The regression suite can read it as it reads tests/cases: the same top-level keys, the same
    # keys per claim, the folder named in the labels holding the claim.json of that claim.
    suite = json.loads((CASES / "labels.json").read_text())
    exported = json.loads((tmp_path / "labels.json").read_text())
    assert set(suite) <= set(exported)
    assert set(next(iter(suite["claims"].values()))) <= set(labels)
    assert labels["eligible"] is (not stored["eligibility"]) and labels["eligibility_rules"] == []
    assert json.loads((tmp_path / labels["folder"] / "claim.json").read_text())["claim_id"] == claim_id


def test_contacts_are_pseudonymised_and_documents_left_out_by_default(corrected, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    service, claim_id, _, _, _ = corrected
    export_cases(service, datetime(2026, 7, 1, tzinfo=UTC), tmp_path, b"k" * 32)
    folder = tmp_path / claim_id
    assert [p.name for p in folder.iterdir()] == ["claim.json"]
    raw = json.loads((folder / "claim.json").read_text())
    original = json.loads((CASES / CASE / "claim.json").read_text())
    for side in ("partner", "customer"):
        assert raw[side]["contact_name"] != original[side]["contact_name"]
        assert raw[side]["contact_name"].startswith("Contact p_")
        local, domain = raw[side]["contact_email"].split("@")
        assert local.startswith("p_") and domain == original[side]["contact_email"].split("@")[1]
    text = (folder / "claim.json").read_text() + (tmp_path / "labels.json").read_text()
    assert original["customer"]["contact_name"] not in text and original["partner"]["contact_email"] not in text
    labels = json.loads((tmp_path / "labels.json").read_text())
    assert labels["claims"][claim_id]["documents_included"] is False


def test_nothing_corrected_since_the_date_exports_nothing(corrected, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    service = corrected[0]
    assert export_cases(service, datetime(2030, 1, 1, tzinfo=UTC), tmp_path, b"k" * 32) == []
    assert json.loads((tmp_path / "labels.json").read_text())["claims"] == {}


def test_the_cli_writes_the_cases(corrected, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from delivery.cli import app

    _, claim_id, _, _, root = corrected
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{root / 'store.db'}", "cases", "export",
                                      str(tmp_path / "out"), "--since", "2026-07-01"])
    assert result.exit_code == 0, result.output
    assert "1 case(s)" in result.output and (tmp_path / "out" / claim_id / "claim.json").exists()
    bad = CliRunner().invoke(app, ["--db", f"sqlite:///{root / 'store.db'}", "cases", "export",
                                   str(tmp_path / "x"), "--since", "last week"])
    assert bad.exit_code == 2
