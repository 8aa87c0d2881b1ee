"""The bad-input matrix: every bad file gets its own status and a message a partner can act
on; nothing raises and nothing half-read is returned."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from extractors import Limits, extract, sniff
from extractors.api import extract_local
from tests.extractors.conftest import IN_PROCESS
from tests.extractors.ole import build_ole
from tests.extractors.samples import build_encrypted_pdf, build_pages_pdf, rewrite_zip

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")


def _failed(doc, status: str, *words: str) -> None:
    assert doc.status == status, (doc.status, doc.error)
    assert doc.error and all(w.lower() in doc.error.lower() for w in words), doc.error
    assert not doc.blocks and not doc.tables and not doc.attachments


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"")
    _failed(extract(tmp_path / "x.pdf", limits=IN_PROCESS), "unreadable", "empty file")


@pytest.mark.parametrize("name", ["sow.pdf", "sow.docx", "poe.xlsx", "plan.pptx"])
def test_truncated_file(samples: dict[str, Path], tmp_path: Path, name: str) -> None:
    cut = tmp_path / name
    cut.write_bytes(samples[name].read_bytes()[: samples[name].stat().st_size // 2])
    doc = extract(cut, limits=IN_PROCESS)
    assert doc.status in ("unreadable", "ok"), doc.error  # pdfium may recover a cut PDF's first page
    if doc.status == "unreadable":
        assert "damaged" in doc.error or "no text" in doc.error
    else:
        assert doc.format == "pdf" and doc.text()


@pytest.mark.parametrize(("data", "words"), [
    (b"MZ\x90\x00" + b"\x00" * 200, ("unsupported file type (exe)", "PDF")),
    (bytes(range(256)) * 4, ("unsupported file type (binary)",)),
    (b"GIF89a" + b"\x00" * 100, ("unsupported file type (gif)",)),
    (b"PK\x05\x06" + b"\x00" * 18, ("unsupported file type (zip)",)),
])
def test_wrong_type_is_unsupported_naming_accepted_types(tmp_path: Path, data: bytes, words: tuple) -> None:
    path = tmp_path / "claim.pdf"  # the name says PDF; the bytes do not
    path.write_bytes(data)
    _failed(extract(path, limits=IN_PROCESS), "unsupported", *words)


@pytest.mark.parametrize(("streams", "fmt", "words"), [
    ({"WordDocument": b"x", "1Table": b"y"}, "doc", ("legacy Word .doc", ".docx")),
    ({"Workbook": b"x"}, "xls", ("legacy Excel .xls", ".xlsx")),
    ({"PowerPoint Document": b"x"}, "ppt", (".pptx",)),
    ({"EncryptionInfo": b"x", "EncryptedPackage": b"y"}, "encrypted-office", ("password-protected",)),
])
def test_legacy_and_encrypted_office(tmp_path: Path, streams: dict, fmt: str, words: tuple) -> None:
    path = tmp_path / "file.docx"
    path.write_bytes(build_ole(streams))
    assert sniff(path) == fmt
    doc = extract(path, limits=IN_PROCESS)
    _failed(doc, "unreadable" if fmt == "encrypted-office" else "unsupported", *words)


def test_xps_names_the_format_to_upload(tmp_path: Path) -> None:
    path = tmp_path / "poe.xps"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("FixedDocumentSequence.fdseq", "<FixedDocumentSequence/>")
    _failed(extract(path, limits=IN_PROCESS), "unsupported", "XPS", "PDF")


def test_encrypted_pdf(tmp_path: Path) -> None:
    doc = extract(build_encrypted_pdf(tmp_path / "enc.pdf"), limits=IN_PROCESS)
    _failed(doc, "unreadable", "password-protected")


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (40 * 1024 * 1024))
    _failed(extract(path, limits=IN_PROCESS), "unreadable", "zip bomb", "ratio")


def test_zip_total_uncompressed_limit(samples: dict[str, Path]) -> None:
    doc = extract(samples["sow.docx"], limits=Limits(timeout_seconds=None, max_zip_uncompressed=10_000))
    _failed(doc, "unreadable", "unpacks to", "zip bomb")


def test_xml_bomb_billion_laughs(samples: dict[str, Path], tmp_path: Path) -> None:
    for name, part in (("sow.docx", "word/document.xml"), ("poe.xlsx", "xl/workbook.xml")):
        path = tmp_path / name
        path.write_bytes(samples[name].read_bytes())
        rewrite_zip(path, {part: lambda _: BILLION_LAUGHS})
        _failed(extract(path, limits=IN_PROCESS), "unreadable", "XML entity attack")


def test_page_count_limit(tmp_path: Path) -> None:
    path = build_pages_pdf(tmp_path / "long.pdf", 6)
    _failed(extract(path, limits=Limits(timeout_seconds=None, max_pages=5)), "unreadable", "too many pages", "6")
    assert extract(path, limits=Limits(timeout_seconds=None, max_pages=6)).status == "ok"


def test_size_limit(samples: dict[str, Path]) -> None:
    doc = extract(samples["sow.pdf"], limits=Limits(timeout_seconds=None, max_bytes=100))
    _failed(doc, "unreadable", "too large")


def test_directory(tmp_path: Path) -> None:
    _failed(extract(tmp_path, limits=IN_PROCESS), "unreadable", "directory")
    _failed(extract(tmp_path, limits=Limits()), "unreadable", "directory")


def test_missing_file(tmp_path: Path) -> None:
    _failed(extract(tmp_path / "nope.pdf"), "unreadable", "no such file")


def test_symlink_out_of_its_folder(samples: dict[str, Path], tmp_path: Path) -> None:
    claim = tmp_path / "claim"
    claim.mkdir()
    outside = claim / "sow.pdf"
    os.symlink(samples["sow.pdf"], outside)
    _failed(extract(outside, limits=IN_PROCESS), "unreadable", "symbolic link", "outside")
    inside = claim / "alias.pdf"
    (claim / "real.pdf").write_bytes(samples["sow.pdf"].read_bytes())
    os.symlink("real.pdf", inside)
    assert extract(inside, limits=IN_PROCESS).status == "ok"
    dangling = claim / "gone.pdf"
    os.symlink(claim / "missing.pdf", dangling)
    _failed(extract(dangling, limits=IN_PROCESS), "unreadable", "does not exist")


def test_time_limit_stops_a_parse_and_the_next_file_still_goes_through(samples: dict[str, Path]) -> None:
    slow = extract(samples["sow.pdf"], limits=Limits(timeout_seconds=0.000001))
    _failed(slow, "unreadable", "took too long", "time limit")
    assert extract(samples["sow.pdf"], limits=Limits(timeout_seconds=60)).status == "ok"


def test_a_crashing_parser_is_a_damaged_file(samples: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors import worker

    real_call = worker._Worker.call

    def dies(self, job, timeout):  # the worker process dies mid-document, as a segfault would do
        self.proc.kill()
        self.proc.wait()
        return real_call(self, job, timeout)

    monkeypatch.setattr(worker._Worker, "call", dies)
    _failed(extract(samples["sow.pdf"], limits=Limits(timeout_seconds=30)), "unreadable", "parser crashed")
    monkeypatch.undo()
    assert extract(samples["sow.pdf"], limits=Limits(timeout_seconds=30)).status == "ok"


def test_an_extractor_bug_is_reported_not_raised(samples: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors.xlsx import XlsxExtractor

    def broken(self, path, doc):
        raise RuntimeError("a bug")

    monkeypatch.setattr(XlsxExtractor, "parse", broken)
    doc, bug = extract_local(samples["poe.xlsx"], "poe.xlsx", IN_PROCESS)
    _failed(doc, "unreadable", "internal extractor error (RuntimeError)")
    assert bug and "a bug" in bug


def test_a_damaged_pdf_says_so(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.7\n" + io.BytesIO(b"garbage " * 100).getvalue())
    _failed(extract(path, limits=IN_PROCESS), "unreadable", "damaged PDF")


def test_bad_attachment_does_not_spoil_its_email(tmp_path: Path) -> None:
    from tests.extractors.samples import build_eml

    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ" + b"\x00" * 500)
    doc = extract(build_eml(tmp_path / "mail.eml", attachment=exe), limits=IN_PROCESS)
    assert doc.status == "ok" and "I confirm Fabrikam" in doc.text()
    [att] = doc.attachments
    assert att.status == "unsupported" and att.path.endswith("#attachment:setup.exe")


def test_worksheets_too_large_to_hold_are_refused_before_loading(samples: dict[str, Path],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors import xlsx

    monkeypatch.setattr(xlsx, "MAX_SHEET_XML", 100)
    _failed(extract(samples["poe.xlsx"], limits=IN_PROCESS), "unreadable", "too large", "worksheets")
