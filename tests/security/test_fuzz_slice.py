"""A short, deterministic slice of the fuzz campaign (``benchmarks/fuzz.py``) on the extractor
test samples: every mutated input gets an envelope, none crashes, none hangs, and no worker
goes over its memory budget. The full campaign (>= 10,000 inputs) is a benchmark, not a test."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.fuzz import campaign
from tests.extractors.samples import build_all


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return sorted(build_all(tmp_path_factory.mktemp("fuzz-seeds")).values())


def test_fuzz_slice_has_no_crash_hang_or_memory_overrun(seeds: list[Path]) -> None:
    report = campaign(seeds, count=400, seed=13, jobs=1, timeout=20.0, ocr_share=0.0)
    assert report.inputs == 400
    assert report.crashes == [] and report.native_crashes == []
    assert report.hangs == []
    assert report.over_budget == [] and 0 < report.peak_mb < report.budget_mb
