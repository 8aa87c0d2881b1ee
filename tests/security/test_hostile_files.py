"""Hostile files (issue 13): one test per attack, each seen failing on the code before its fix.

The files are built by ``tests.security.hostile`` (small on disk, expensive to open)."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from extractors import Limits, extract, sniff
from extractors.worker import shutdown
from tests.security import hostile

WORKER = Limits(timeout_seconds=20)


def _peak_bytes(fn, *args):  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        result = fn(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_zip_bomb_in_content_types_is_not_inflated_by_sniffing_or_intake(tmp_path: Path) -> None:
    """High #3: sniffing inflated [Content_Types].xml whole before any limit (1 GiB -> 2.2 GB in
    intake); now the directory is checked first and reads are capped."""
    from pipeline.intake import detect_type

    bomb = hostile.docx_bomb(tmp_path / "sow.docx", inflated=64 * hostile.MB)
    kind, peak = _peak_bytes(sniff, bomb)
    assert kind == "docx" and peak < 4 * hostile.MB
    kind, peak = _peak_bytes(detect_type, bomb)
    assert kind == "docx" and peak < 4 * hostile.MB
    doc = extract(bomb, limits=WORKER)
    assert doc.status == "unreadable" and "zip bomb" in (doc.error or "")


def test_huge_png_is_refused_by_the_pixel_budget_before_decoding(tmp_path: Path) -> None:
    """Medium: a 13,000 x 13,000 PNG took 52 s and 3.85 GB with status ok."""
    png = hostile.big_png(tmp_path / "scan.png", 13_000, 13_000)
    doc = extract(png, limits=Limits(timeout_seconds=15))
    assert doc.status == "unreadable"
    assert "pixel budget" in (doc.error or "") and "13000 x 13000" in (doc.error or "")


def test_huge_scanned_pdf_page_is_not_rendered_for_ocr_beyond_the_pixel_budget(tmp_path: Path) -> None:
    """Medium: a page's pixels for OCR are its size in points x the OCR dpi; a 10,000 pt page
    at 300 dpi is 1.7 gigapixels."""
    pdf = hostile.huge_page_pdf(tmp_path / "poster.pdf", 10_000)
    doc = extract(pdf, limits=Limits(timeout_seconds=20))
    assert doc.status == "unreadable" and "too large to OCR: page 1 is 10000 x 10000 pt" in (doc.error or "")
    assert "pixel budget" in (doc.error or ""), (doc.status, doc.error, doc.warnings)


def test_pdf_stream_bomb_is_refused_by_the_stream_limit(tmp_path: Path) -> None:
    """Medium: a PDF with a 1 GB stream took 2.1 GB; decompressed streams are now capped."""
    pdf = hostile.pdf_stream_bomb(tmp_path / "sow.pdf", inflated=300 * hostile.MB)
    assert pdf.stat().st_size < 2 * hostile.MB
    doc = extract(pdf, limits=WORKER)
    assert doc.status == "unreadable" and "stream" in (doc.error or "") and "MB" in (doc.error or "")


def test_document_over_the_memory_budget_is_unreadable_and_the_worker_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Medium: a MemoryError in the worker is a clear 'exceeds the memory budget' on that
    document only; the next document is read by a fresh worker."""
    shutdown()
    monkeypatch.setenv("POE_EXTRACT_WORKER_MEMORY_MB", "400")
    big = tmp_path / "notes.txt"
    with big.open("w") as f:  # 13 MB of short lines: far more than 400 MB as text blocks
        for i in range(1_500_000):
            f.write(f"l{i}\n")
    small = tmp_path / "ok.txt"
    small.write_text("Statement of work, signed.\n")
    try:
        doc = extract(big, limits=Limits(timeout_seconds=60))
        assert doc.status == "unreadable" and "exceeds the memory budget of 400 MB" in (doc.error or "")
        after = extract(small, limits=Limits(timeout_seconds=60))
        assert after.status == "ok" and "signed" in after.text()
    finally:
        shutdown()


def test_claim_naming_too_many_documents_is_refused_naming_the_field(tmp_path: Path) -> None:
    """Medium: a limit on the number of documents per claim, refused at intake."""
    from extractors.limits import DEFAULT_LIMITS
    from pipeline.claim_folder import read_claim_folder
    from pipeline.errors import ClaimFolderError

    source = Path(__file__).resolve().parents[1] / "cases" / "conflict-exo-weak" / "claim.json"
    claim = json.loads(source.read_text())
    count = DEFAULT_LIMITS.max_documents + 1
    claim["documents"] = []
    for i in range(count):
        (tmp_path / f"page{i}.txt").write_text(f"page {i}\n")
        claim["documents"].append({"path": f"page{i}.txt", "uploaded_by": "P", "uploaded_at": "2026-07-20T14:18:00Z"})
    (tmp_path / "claim.json").write_text(json.dumps(claim))
    with pytest.raises(ClaimFolderError) as info:
        read_claim_folder(tmp_path)
    assert str(info.value).startswith("documents:") and str(count) in str(info.value)


def test_email_attachment_named_dotdot_keeps_the_email_and_its_other_attachments(tmp_path: Path) -> None:
    """Low: an attachment named '..' made the whole e-mail unreadable."""
    eml = hostile.eml_with_attachments(tmp_path / "ack.eml", {
        "..": b"first attachment text", "../../etc/passwd": b"second attachment text",
        "signed.txt": b"I approve the SOW. Signed, Cy Customer"})
    doc = extract(eml, limits=WORKER)
    assert doc.status == "ok", doc.error
    assert len(doc.attachments) == 3 and all(a.status == "ok" for a in doc.attachments)
    assert "I approve the SOW" in " ".join(a.text() for a in doc.attachments)


def test_msg_attachment_names_are_sanitised_like_eml_ones() -> None:
    """Low: Outlook MSG attachments go through the same name sanitising as EML ones."""
    from extractors.mail import safe_attachment_name

    for hostile_name in ("..", ".", "../..", "..\\..\\boot.ini", "/", "", "...."):
        safe = safe_attachment_name(hostile_name)
        assert safe and not safe.startswith(".") and "/" not in safe and "\\" not in safe
    assert safe_attachment_name("..\\..\\SOW signed.pdf") == "SOW signed.pdf"


def test_pdf_claiming_a_gigantic_page_does_not_hang_the_reading_order(tmp_path: Path) -> None:
    """Found by the fuzz campaign: a MediaBox of 10^9 pt made the column-gutter search step
    through the page 3 pt at a time (minutes); now at most ~500 steps."""
    pdf = hostile.text_pdf_with_mediabox(tmp_path / "sow.pdf", 1e9)
    doc = extract(pdf, limits=Limits(timeout_seconds=10, ocr=False))
    assert doc.status == "ok", doc.error
    assert "Line 13 of the statement of work" in doc.text()


def test_image_longer_than_ocr_can_take_is_refused_not_an_extractor_error(tmp_path: Path) -> None:
    """Found by the fuzz campaign: a 40,000 x 1 PNG is within the pixel budget but Tesseract
    refuses a side over 32,767 px, which came out as an internal extractor error."""
    png = hostile.big_png(tmp_path / "strip.png", 40_000, 1)
    doc = extract(png, limits=WORKER)
    assert doc.status == "unreadable" and "32767 pixels on one side" in (doc.error or ""), doc.error


def test_rtf_control_word_missing_its_number_is_a_damaged_file_not_an_extractor_error(tmp_path: Path) -> None:
    """Found by the fuzz campaign: a flipped byte left '\\uc' without its number and the RTF
    library raised a TypeError, reported as an internal extractor error."""
    rtf = tmp_path / "letter.rtf"
    rtf.write_bytes(b"{\\rtf1\\ansi\\uc Signed by the customer\\par}")
    doc = extract(rtf, limits=WORKER)
    assert doc.status == "unreadable" and (doc.error or "").startswith("damaged"), doc.error


def test_pptx_shape_of_unknown_type_is_a_damaged_file_not_an_extractor_error(tmp_path: Path) -> None:
    """Found by the Hypothesis fuzz test: one byte of a slide's XML turned '-' made python-pptx
    raise NotImplementedError ('unrecognized shape type'), reported as an internal error."""
    import shutil

    from tests.extractors.samples import build_all, rewrite_zip

    samples = build_all(tmp_path / "samples")
    pptx = tmp_path / "plan.pptx"
    shutil.copy(samples["plan.pptx"], pptx)

    def flip(data: bytes) -> bytes:
        at = int(0.49273559682375306 * len(data))
        return data[:at] + b"-" + data[at + 1:]

    rewrite_zip(pptx, {"ppt/slides/slide1.xml": flip})
    doc = extract(pptx, limits=WORKER)
    assert "internal extractor error" not in (doc.error or ""), doc.error
    assert doc.status == "ok" or (doc.error or "").startswith("damaged"), doc.error
