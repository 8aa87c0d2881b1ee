"""Every sample format round-trips to its golden output (text, locations, tables, dates).

Regenerate after an intended change with ``POE_REGEN_GOLDEN=1 .venv/bin/pytest tests/extractors``
and review the diff of ``tests/extractors/golden/``; bump ``EXTRACTOR_VERSION`` with it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractors import extract
from tests.extractors.conftest import IN_PROCESS

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("POE_REGEN_GOLDEN") == "1"
NAMES = [
    "sow.pdf", "two_column.pdf", "rotated.pdf", "sow.docx", "poe.xlsx", "poe_1904.xlsx", "poe.xlsm",
    "plan.pptx", "ack.eml", "users.csv", "notes.txt", "ack.html", "letter.rtf",
]


def _normalised(data: dict) -> dict:
    data = dict(data)
    data.pop("extractor_version", None)  # the version moves on purpose; the content must not
    data["attachments"] = [_normalised(a) for a in data["attachments"]]
    return data


@pytest.mark.parametrize("name", NAMES)
def test_sample_matches_golden(samples: dict[str, Path], name: str) -> None:
    doc = extract(samples[name], display_path=name, limits=IN_PROCESS)
    got = _normalised(json.loads(json.dumps(doc.to_dict())))
    golden = GOLDEN / f"{name}.json"
    if REGEN:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    assert golden.exists(), f"no golden output for {name}: run with POE_REGEN_GOLDEN=1"
    assert got == json.loads(golden.read_text())


@pytest.mark.parametrize("name", NAMES)
def test_golden_round_trips_through_from_dict(samples: dict[str, Path], name: str) -> None:
    from extractors import ExtractedDocument

    doc = extract(samples[name], display_path=name, limits=IN_PROCESS)
    assert ExtractedDocument.from_dict(doc.to_dict()).to_dict() == doc.to_dict()
