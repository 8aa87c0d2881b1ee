"""The JSON form of ExtractedDocument (the extraction cache's, the web's document view's, and
Location's inside findings): derived by pydantic from the type hints since issue 17, and still
exactly the form the hand-written converters wrote (document_form.json was written by them), so
cached extractions stay valid without an EXTRACTOR_VERSION bump."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from extractors.document import (
    ExtractedDocument,
    ImageInfo,
    Location,
    SignatureField,
    Table,
    TextBlock,
    TypedDate,
)

FORM = Path(__file__).with_name("document_form.json")


def every_kind(empty_cells: list[list[Location]] | None) -> ExtractedDocument:
    """One of each class, with None, empty and int-valued fields where the form treats them apart."""
    loc = Location
    return ExtractedDocument(
        path="mail.eml", format="eml", pages=1,
        blocks=[TextBlock("Statement of Work", loc(page=1, bbox=(72, 90.5, 300, 104)), "heading"),
                TextBlock("Signed for the Customer", loc(part="body", paragraph=3))],
        tables=[Table([["Product", "Users"]], loc(sheet="POE"), [[loc(sheet="POE", cell="A1"), loc(sheet="POE", cell="B1")]]),
                Table([["x"]], loc(part="body", table=1), empty_cells)],
        signature_fields=[SignatureField("Customer", True, loc(page=2), "Ana Ruiz", datetime(2026, 3, 5, 10, 0, tzinfo=UTC),
                                         True, "docusign", "none", "entire_file"),
                          SignatureField("Partner", False, loc(page=2))],
        images=[ImageInfo(loc(page=2, bbox=(50, 600, 200, 650)), 150.0, 50.0, "Customer signature:")],
        dates=[TypedDate(date(2026, 3, 2), "2 March 2026", loc(sheet="POE", cell="C3"))],
        metadata={"subject": "POE"}, warnings=["one page could not be read"], extractor_version="1.4.0",
        attachments=[ExtractedDocument(path="mail.eml#attachment:SOW.pdf", status="unreadable",
                                       error="unreadable: password-protected", format="pdf")],
    )


def test_the_json_form_is_the_one_the_cache_holds() -> None:
    # Byte for byte: key order, None fields dropped from locations only, ints in bbox kept,
    # signed_at with '+00:00', a table's empty cells written as null.
    assert json.dumps(every_kind([]).to_dict(), indent=1) + "\n" == FORM.read_text()


def test_a_cached_entry_reads_back_to_the_same_document() -> None:
    cached = json.loads(FORM.read_text())
    doc = ExtractedDocument.from_dict(cached)
    assert doc == every_kind(None)  # an empty cells list was stored as null
    assert doc.signature_fields[0].signed_at == datetime(2026, 3, 5, 10, 0, tzinfo=UTC)
    assert doc.blocks[0].location.bbox == (72, 90.5, 300, 104)
    assert doc.to_dict() == cached


def test_location_alone_keeps_its_short_form() -> None:
    # scoring.types writes findings' locations with it (spec section 3).
    assert Location(page=7, bbox=(1, 2, 3, 4)).to_dict() == {"page": 7, "bbox": [1, 2, 3, 4]}
    assert Location.from_dict({"sheet": "S", "cell": "B7"}).label() == "S!B7"


def test_a_date_written_with_its_time_reads_as_the_day() -> None:
    typed = TypedDate.from_dict({"value": "2026-03-05T10:00:00+00:00", "text": "5 Mar", "location": {"line": 4}})
    assert typed.value == date(2026, 3, 5) and typed.location == Location(line=4)


@pytest.mark.parametrize("broken", [
    {"path": "a.pdf", "status": "lost"},            # no such status
    {"status": "ok"},                               # no path
    {"path": "a.pdf", "status": "ok", "blocks": [{"text": "x"}]},  # a block without its location
])
def test_a_malformed_entry_is_refused_by_field(broken: dict) -> None:
    with pytest.raises(ValidationError):
        ExtractedDocument.from_dict(broken)
