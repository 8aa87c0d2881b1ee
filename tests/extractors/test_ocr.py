"""The OCR engine interface (extractors.ocr): the choice of engine, Tesseract's TSV, RapidOCR's
lines turned into words, and a scanned execution page read end to end by the pip engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import extract
from extractors.ocr import ENGINE_ENV, engine
from extractors.ocr_rapid import _as_words, _split_line
from extractors.ocr_rapid import available as rapid_available
from extractors.ocr_tesseract import parse_tsv
from tests.extractors.conftest import IN_PROCESS

CASES = Path(__file__).resolve().parent.parent / "cases"
needs_rapidocr = pytest.mark.skipif(not rapid_available(), reason="the rapidocr package is not installed")


def test_tesseract_tsv_gives_words_with_boxes_and_lines() -> None:
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "4\t1\t1\t1\t1\t0\t10\t20\t300\t30\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t10\t20\t100\t30\t96.5\tSigned\n"
           "5\t1\t1\t1\t1\t2\t120\t20\t40\t30\t-1\t \n"
           "5\t1\t2\t1\t3\t1\t10\t80\t60\t28\t41\tBy:\n")
    words = parse_tsv(tsv)
    assert [(w.text, w.conf, w.box, w.line) for w in words] == [
        ("Signed", 96.5, (10.0, 20.0, 110.0, 50.0), (1, 1, 1)), ("By:", 41.0, (10.0, 80.0, 70.0, 108.0), (2, 1, 3))]


def test_rapidocr_pieces_side_by_side_are_one_line_and_words_are_split() -> None:
    # Two columns of one printed line, boxed apart by RapidOCR, and a line below them.
    left = [("Name: Helen Brandt", 0.98, (100.0, 500.0, 460.0, 540.0))]
    right = [("Name: Priya Natarajan", 0.97, (1300.0, 503.0, 1720.0, 542.0))]
    below = [("Title: Partner", 0.99, (100.0, 580.0, 340.0, 620.0))]
    words = _as_words([below, right, left])
    assert [w.text for w in words] == ["Name:", "Helen", "Brandt", "Name:", "Priya", "Natarajan", "Title:", "Partner"]
    assert len({w.line for w in words[:6]}) == 1 and words[6].line != words[0].line
    assert words[0].conf == pytest.approx(98.0)
    assert words[0].box[0] == 100.0 and words[2].box[2] == 460.0 and words[3].box[0] == 1300.0


def test_a_split_word_keeps_its_share_of_the_box() -> None:
    a, b = _split_line("By: signed", 90.0, (0.0, 0.0, 100.0, 20.0))
    assert (a.text, b.text) == ("By:", "signed")
    assert a.box == (0.0, 0.0, 30.0, 20.0) and b.box == (40.0, 0.0, 100.0, 20.0)


def test_an_unknown_engine_setting_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE_ENV, "abbyy")
    with pytest.raises(ValueError, match="tesseract, rapidocr or auto"):
        engine()


@needs_rapidocr
def test_rapid_is_short_for_rapidocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE_ENV, "rapid")
    chosen = engine()
    assert chosen is not None and chosen.name == "rapidocr"


@needs_rapidocr
def test_the_pip_engine_reads_a_scanned_execution_page_into_its_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE_ENV, "rapidocr")
    chosen = engine()
    assert chosen is not None and chosen.name == "rapidocr"
    doc = extract(CASES / "scanned-execution-table" / "SB-INT-2026-07_execution_page_scan.pdf", limits=IN_PROCESS)
    assert doc.status == "ok" and doc.metadata["ocr_pages"] == "1"
    assert "Statement of Work SB-INT-2026-07" in [b.text for b in doc.blocks if b.kind == "ocr"]
    [table] = doc.tables
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Name"] == ["Helen Brandt", "Priya Natarajan"]
    assert rows["Title"] == ["Partner", "Head of IT"]
    # both wet signatures are marks in the Signature row, one per party's column
    assert sorted((i.location.row, i.location.col) for i in doc.images if i.location.table == 0) == [(1, 1), (1, 2)]


def test_with_no_engine_a_scan_needs_ocr(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from extractors import ocr, ocr_rapid, ocr_tesseract
    from tests.extractors.samples import build_scanned_pdf

    monkeypatch.setattr(ocr_tesseract, "available", lambda: False)
    monkeypatch.setattr(ocr_rapid, "available", lambda: False)
    monkeypatch.setenv(ENGINE_ENV, "auto")
    ocr._engine.cache_clear()
    try:
        doc = extract(build_scanned_pdf(tmp_path / "scan.pdf"), limits=IN_PROCESS)
    finally:
        ocr._engine.cache_clear()
    assert doc.status == "needs_ocr" and "no OCR engine" in doc.error and "rapidocr" in doc.error
