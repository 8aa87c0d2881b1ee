"""Real-world files from other projects' test suites (../shared/corpus, see its README): each is
``ok`` with its real text, or gets a specific status and message; none raises or hangs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractors import Limits, extract

SPECIFIC = {  # files no reader can take: the status and the words of the message
    "empty.pdf": ("unreadable", "empty file"),
    "password-example.pdf": ("unreadable", "password-protected"),
    "issue-297-example.pdf": ("unreadable", "no text"),  # no content objects at all
}
TEXT = {  # a phrase of each file's real text, as a reader sees it
    "annotations.pdf": "Dummy PDF file",
    "nics-background-checks-2015-11-rotated.pdf": "NICS Firearm Background Checks",
    "scotus-transcript-p1.pdf": "SUPREME COURT OF THE UNITED STATES",
    "issue-33-lorem-ipsum.pdf": "Voluptatem",
    "pdffill-demo.pdf": "PDFill",
    "test-punkt.pdf": "fine-tuned parameters",
}
LIMITS = Limits(timeout_seconds=60)  # through the worker, as the batch runs them


def _corpus_files() -> list[str]:
    folder = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    if not folder.is_dir():
        return ["<absent>"]
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
                  and p.suffix.lower() in (".pdf", ".docx", ".xlsx"))


@pytest.mark.parametrize("name", _corpus_files())
def test_corpus_file(shared_corpus: Path, name: str) -> None:
    path = shared_corpus / name
    doc = extract(path, display_path=name, limits=LIMITS)
    base = path.name
    if base in SPECIFIC:
        status, words = SPECIFIC[base]
        assert doc.status == status and words in doc.error, (doc.status, doc.error)
        return
    assert doc.status == "ok", (doc.status, doc.error)
    assert doc.text().strip() or doc.tables
    if base in TEXT:
        assert TEXT[base] in doc.text()
    for block in doc.blocks:
        if doc.format == "pdf":
            assert block.location.page and 1 <= block.location.page <= doc.pages
            assert block.location.bbox is not None


def test_header_and_footer_only_text(shared_corpus: Path) -> None:
    doc = extract(shared_corpus / "real-office" / "hdr-header-footer.docx", limits=LIMITS)
    parts = {b.location.part for b in doc.blocks}
    assert {"header", "footer"} <= parts
    assert any(b.text == "Header for section-1" for b in doc.blocks if b.location.part == "header")


def test_1904_dates(shared_corpus: Path) -> None:
    doc = extract(shared_corpus / "real-office" / "date_1904.xlsx", limits=LIMITS)
    assert doc.metadata["date_system"] == "1904"
    assert [d.value for d in doc.dates] == [date(2011, 10, 31)]  # a 1900 reader says 2007-10-30
