"""Start-up of one ``poe-review analyze``: spaCy only when a check needs entities, and no
extraction worker process for a claim folder of small files (pipeline.analysis)."""

from __future__ import annotations

import subprocess
import sys
from functools import partial
from pathlib import Path

from pipeline import analysis
from pipeline.claim_folder import read_claim_folder
from tests.flows.helpers import SOW, claim_json, write_folder

REPO = Path(__file__).resolve().parent.parent


def test_importing_the_checks_does_not_import_spacy() -> None:
    code = "import sys, pipeline.analysis, scoring.analyze, scoring.checks; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_entities_still_load_spacy_on_first_use() -> None:
    from scoring import nlp

    assert "Northwind Traders Ltd" in nlp.organisations(["Agreement with Northwind Traders Ltd today"])[0]
    assert "poe_legal_orgs" in nlp.get_nlp().pipe_names


def _folder(tmp_path: Path, size: int) -> Path:
    sow = SOW.format(partner="Fabrikam Consulting LLC", customer="Contoso Ltd", product="Exchange Online")
    body = sow + "x" * max(0, size - len(sow))
    data = claim_json("2000001", "4412093", "Fabrikam Consulting LLC", ("Exchange Online", "EXO"))
    write_folder(tmp_path, data, {"SOW.txt": body.encode()})
    return tmp_path / "2000001"


def test_small_folder_is_read_in_process(tmp_path: Path) -> None:
    chosen = analysis.extractor_for_folder(read_claim_folder(_folder(tmp_path, 1000)))
    assert isinstance(chosen, partial) and chosen.keywords["limits"].timeout_seconds is None
    result = analysis.analyze_folder(tmp_path / "2000001")
    assert result["documents"][0]["status"] == "ok"


def test_large_file_keeps_the_time_limited_worker(tmp_path: Path) -> None:
    from extractors import extract

    folder = read_claim_folder(_folder(tmp_path, analysis.IN_PROCESS_MAX_BYTES + 10))
    assert analysis.extractor_for_folder(folder) is extract
