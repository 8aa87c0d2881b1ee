"""Mutated real samples (flipped bytes, cuts, insertions, damaged XML inside Office packages):
never an exception, never a hang, always a status the pipeline knows and JSON it can store."""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import Limits, extract
from tests.extractors.samples import rewrite_zip

STATUSES = {"ok", "unreadable", "needs_ocr", "unsupported"}
LIMITS = Limits(timeout_seconds=20, max_pages=50)
SOURCES = ["sow.pdf", "sow.docx", "poe.xlsx", "plan.pptx", "ack.eml", "users.csv", "ack.html", "letter.rtf"]
XML_PARTS = {"sow.docx": "word/document.xml", "poe.xlsx": "xl/worksheets/sheet1.xml",
             "plan.pptx": "ppt/slides/slide1.xml"}

flips = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=12)


def _mutate(data: bytes, changes: list[tuple[float, int]], cut: float | None, insert: bytes) -> bytes:
    buf = bytearray(data)
    for where, value in changes:
        buf[int(where * len(buf))] = value
    if insert:
        at = len(buf) // 2
        buf[at:at] = insert
    if cut is not None:
        buf = buf[: max(1, int(cut * len(buf)))]
    return bytes(buf)


def _check(path: Path) -> None:
    doc = extract(path, display_path=path.name, limits=LIMITS)
    assert doc.status in STATUSES
    assert doc.status == "ok" or doc.error
    assert "internal extractor error" not in (doc.error or ""), doc.error  # damage is named, not a bug
    json.dumps(doc.to_dict())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from(SOURCES), changes=flips, cut=st.none() | st.floats(0.05, 1.0),
       insert=st.binary(max_size=64))
def test_mutated_bytes_never_crash_or_hang(samples: dict[str, Path], source: str, changes: list, cut: float | None,
                                           insert: bytes) -> None:
    data = _mutate(samples[source].read_bytes(), changes, cut, insert)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / source
        path.write_bytes(data)
        _check(path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from(sorted(XML_PARTS)), changes=flips, cut=st.none() | st.floats(0.0, 1.0))
def test_damaged_xml_inside_office_files(samples: dict[str, Path], source: str, changes: list,
                                         cut: float | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / source
        path.write_bytes(samples[source].read_bytes())
        with zipfile.ZipFile(path) as zf:
            assert XML_PARTS[source] in zf.namelist()
        rewrite_zip(path, {XML_PARTS[source]: lambda data: _mutate(data, changes, cut, b"")})
        _check(path)
