"""What each format must give the checks: text at the right location, tables, typed dates,
signature fields and images, and format flags."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractors import EXTRACTOR_VERSION, ExtractedDocument, Location, extract, sniff
from extractors.ocr import ocr_available
from extractors.pdf_layout import TextBox, find_gutter, reading_order, rotate_box, to_display
from tests.extractors.conftest import IN_PROCESS
from tests.extractors.samples import SIGNATURE_LABEL, build_png, build_scanned_pdf


def _get(samples: dict[str, Path], name: str) -> ExtractedDocument:
    doc = extract(samples[name], display_path=name, limits=IN_PROCESS)
    assert doc.status == "ok", doc.error
    assert doc.extractor_version == EXTRACTOR_VERSION
    return doc


def _block(doc: ExtractedDocument, text: str):
    found = [b for b in doc.blocks if text in b.text]
    assert found, f"{text!r} not in {[b.text for b in doc.blocks]}"
    return found[0]


# ------------------------------------------------------------------------------------ PDF

def test_pdf_lines_carry_page_and_bbox(samples: dict[str, Path]) -> None:
    doc = _get(samples, "sow.pdf")
    assert doc.pages == 2 and doc.metadata["title"] == "Statement of Work"
    customer = _block(doc, "Customer: Contoso Ltd")
    assert customer.location.page == 1
    x0, top, x1, bottom = customer.location.bbox
    assert 70 < x0 < 75 and top < bottom and 100 < top < 120  # drawn at y=674 of 792: 118 from the top
    assert _block(doc, "Name: Teo Lupu").location.page == 2


def test_pdf_ruled_table_becomes_cells_in_reading_order(samples: dict[str, Path]) -> None:
    doc = _get(samples, "sow.pdf")
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.rows[0] == ["Milestone", "Workload", "Date"]
    assert table.rows[2] == ["Go-live", "Dynamics 365 Sales", "2026-09-15"]
    assert table.cells[2][2] == Location(page=1, bbox=table.cells[2][2].bbox, table=0, row=2, col=2)
    texts = [b.text for b in doc.blocks]
    assert texts.index("Scope: deploy Dynamics 365 Sales Enterprise for 120 users.") < texts.index("Milestone")
    assert texts.index("2026-09-15") < texts.index("Payment terms: net 30 days after each milestone.")
    assert texts.count("Go-live") == 1  # the table's text is not also kept as loose lines


def test_pdf_image_beside_signature_label(samples: dict[str, Path]) -> None:
    doc = _get(samples, "sow.pdf")
    assert len(doc.images) == 1
    image = doc.images[0]
    assert image.location.page == 2 and image.near_text == SIGNATURE_LABEL
    assert image.width == pytest.approx(120, abs=1) and image.height == pytest.approx(40, abs=1)


def test_pdf_two_columns_read_left_then_right(samples: dict[str, Path]) -> None:
    texts = [b.text for b in _get(samples, "two_column.pdf").blocks]
    assert texts[0].startswith("Project newsletter")
    assert texts[1:13] == [f"Left column line {i:02d} about the migration work" for i in range(1, 13)]
    assert texts[13].startswith("Right column line 01")


def test_pdf_rotated_page_boxes_are_on_the_displayed_page(samples: dict[str, Path]) -> None:
    doc = _get(samples, "rotated.pdf")
    block = _block(doc, "stored turned by ninety degrees")
    x0, top, x1, bottom = block.location.bbox
    assert 0 <= x0 < x1 <= 842 and 0 <= top < bottom <= 595  # A4 shown landscape
    assert bottom - top > x1 - x0  # horizontal text on a page shown turned reads downwards


def test_rotation_geometry_matches_pdfplumber_convention() -> None:
    crop = (0.0, 0.0, 600.0, 800.0)
    box = to_display((100, 700, 200, 710), crop, 0)
    assert box == (100, 90, 200, 100)
    assert rotate_box(box, crop, 90) == to_display((100, 700, 200, 710), crop, 90)
    assert rotate_box(box, crop, 180) == to_display((100, 700, 200, 710), crop, 180)
    assert rotate_box(box, crop, 270) == to_display((100, 700, 200, 710), crop, 270)


def test_a_table_of_short_cells_is_not_taken_for_two_columns() -> None:
    rows = [TextBox(f"r{i}c{j}", (50 + j * 110, 100 + i * 15, 80 + j * 110, 110 + i * 15))
            for i in range(10) for j in range(5)]
    assert find_gutter(rows, 600) is None
    assert [s.text for s in reading_order(rows, 600)][0] == "r0c0\tr0c1\tr0c2\tr0c3\tr0c4"


def test_pdf_empty_signature_field(signature_pdfs: tuple[Path, Path]) -> None:
    doc = extract(signature_pdfs[0], limits=IN_PROCESS)
    [field] = doc.signature_fields
    assert (field.name, field.signed, field.signer, field.valid) == ("Customer", False, None, None)
    assert field.location.page == 1
    x0, top, x1, bottom = field.location.bbox
    assert (x0, x1) == (72, 272) and bottom - top == pytest.approx(60)


def test_pdf_signed_field_names_signer_time_and_checks_it(signature_pdfs: tuple[Path, Path]) -> None:
    doc = extract(signature_pdfs[1], limits=IN_PROCESS)
    [field] = doc.signature_fields
    assert field.signed and field.signer == "Teo Lupu" and field.valid is True
    assert field.signed_at is not None and field.signed_at.tzinfo is not None
    assert any(d.value == field.signed_at.date() for d in doc.dates)


def test_pdf_signature_tampered_after_signing_is_not_valid(signature_pdfs: tuple[Path, Path],
                                                           tmp_path: Path) -> None:
    data = bytearray(signature_pdfs[1].read_bytes())
    at = data.index(b"(untitled)")
    data[at:at + 10] = b"(untitlex)"  # the Info title, inside the signed byte range
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    doc = extract(tampered, limits=IN_PROCESS)
    assert doc.status == "ok"
    [field] = doc.signature_fields
    assert field.signed and field.valid is False


def test_scanned_pdf_needs_ocr_or_is_read_by_ocr(tmp_path: Path) -> None:
    doc = extract(build_scanned_pdf(tmp_path / "scan.pdf"), limits=IN_PROCESS)
    if ocr_available():
        assert doc.status == "ok" and all(b.kind == "ocr" for b in doc.blocks)
        assert "customer" in doc.text().lower()
    else:
        assert doc.status == "needs_ocr" and "OCR" in doc.error and doc.pages == 1


def test_image_needs_ocr_or_is_read_by_ocr(tmp_path: Path) -> None:
    doc = extract(build_png(tmp_path / "photo.png"), limits=IN_PROCESS)
    assert doc.format == "png"
    if ocr_available():
        assert doc.status == "ok" and "Teo" in doc.text()
    else:
        assert doc.status == "needs_ocr" and "OCR" in doc.error


# ----------------------------------------------------------------------------------- DOCX

def test_docx_body_tables_and_parts_in_document_order(samples: dict[str, Path]) -> None:
    doc = _get(samples, "sow.docx")
    heading = _block(doc, "Statement of Work")
    assert heading.kind == "heading" and heading.location == Location(part="body", paragraph=0)
    assert _block(doc, "Customer: Contoso Ltd").location == Location(part="body", paragraph=1)
    cell = _block(doc, "Migrate 800 mailboxes")
    assert (cell.kind, cell.location) == ("cell", Location(part="body", table=0, row=1, col=1))
    nested = _block(doc, "Pilot 50 users")
    assert nested.location == Location(part="body", table=1, row=0, col=1)
    assert doc.tables[1].rows == [["Phase 1", "Pilot 50 users"]]
    texts = [b.text for b in doc.blocks]
    assert texts.index("Customer: Contoso Ltd") < texts.index("Workload") < texts.index("Approved by Teo Lupu")
    header = _block(doc, "Confidential")
    assert (header.kind, header.location.part) == ("header", "header")
    assert _block(doc, "SOW v2").location.part == "footer"
    assert _block(doc, "customer sign-off pending").location.part == "textbox"


def test_docx_tracked_changes_and_comments(samples: dict[str, Path]) -> None:
    text = _get(samples, "sow.docx").text()
    assert "Approved by Teo Lupu" in text  # a tracked insertion is text
    assert "Nobody" not in text  # a tracked deletion is not
    assert "reviewer comment" not in text  # comments are not the document's text


def test_docx_date_content_control_is_typed(samples: dict[str, Path]) -> None:
    doc = _get(samples, "sow.docx")
    [typed] = doc.dates
    assert typed.value == date(2026, 7, 12)
    assert typed.location == _block(doc, "Signed on 12 July 2026").location


# ----------------------------------------------------------------------------------- XLSX

@pytest.mark.parametrize("name", ["poe.xlsx", "poe_1904.xlsx"])
def test_xlsx_cells_dates_formulas_merged(samples: dict[str, Path], name: str) -> None:
    doc = _get(samples, name)
    assert doc.pages == 2
    assert doc.metadata["date_system"] == ("1904" if "1904" in name else "1900")
    assert _block(doc, "Contoso Ltd").location == Location(sheet="POE", cell="B2")
    [typed] = doc.dates
    assert (typed.value, typed.location) == (date(2026, 7, 12), Location(sheet="POE", cell="B3"))
    assert _block(doc, "150").location.cell == "B6"  # the formula's cached value, never evaluated
    poe = doc.tables[0]
    assert poe.rows[0] == ["Proof of execution"] * 3  # merged A1:C1 shown across its range
    assert poe.cells[1][1] == Location(sheet="POE", cell="B2")
    assert _block(doc, "Workshop held on site").location == Location(sheet="Notes", cell="A1")


def test_xlsm_is_flagged_and_read(samples: dict[str, Path]) -> None:
    doc = _get(samples, "poe.xlsm")
    assert doc.format == "xlsm" and doc.metadata["macros"] == "present, not run"
    assert any("macro" in w for w in doc.warnings)
    assert "Contoso Ltd" in doc.text()


# ---------------------------------------------------------------------------------- other

def test_email_headers_body_and_recursive_attachments(samples: dict[str, Path]) -> None:
    doc = _get(samples, "ack.eml")
    assert doc.metadata["from"] == "Teo Lupu <teo.lupu@contoso.example>"
    assert doc.metadata["subject"].startswith("RE: Acknowledgment")
    assert [d.value for d in doc.dates] == [date(2026, 7, 12)]
    assert _block(doc, "I confirm Fabrikam deployed").location == Location(part="body", line=3)
    attached, inner = doc.attachments
    assert attached.path == "ack.eml#attachment:sow.docx" and attached.format == "docx"
    assert "Migrate 800 mailboxes" in attached.text()
    assert inner.format == "eml" and inner.metadata["subject"] == "Original request"
    assert len(doc.all_documents()) == 3


def test_pptx_slides(samples: dict[str, Path]) -> None:
    doc = _get(samples, "plan.pptx")
    assert doc.pages == 2
    assert _block(doc, "Adoption plan").kind == "heading"
    assert _block(doc, "Teams Phone roll-out").location.page == 1
    assert doc.tables[0].rows == [["Workload", "Date"], ["Teams Phone", "2026-08-01"]]


def test_csv_is_one_sheet_table(samples: dict[str, Path]) -> None:
    doc = _get(samples, "users.csv")
    assert doc.tables[0].rows[1] == ["Teo Lupu", "Exchange Online", "2026-07-12"]
    assert _block(doc, "Exchange Online").location == Location(sheet="users", cell="B2")


def test_html_drops_script_and_style(samples: dict[str, Path]) -> None:
    doc = _get(samples, "ack.html")
    assert "alert" not in doc.text() and "color" not in doc.text()
    assert _block(doc, "Customer acknowledgment").kind == "heading"
    assert doc.tables[0].rows == [["Workload", "Status"], ["Exchange Online", "Done"]]
    assert doc.metadata["title"] == "Acknowledgment"


def test_rtf_and_text(samples: dict[str, Path]) -> None:
    assert _block(_get(samples, "letter.rtf"), "Signed: Teo Lupu").location.line == 2
    assert _block(_get(samples, "notes.txt"), "go-live").location == Location(part="body", line=3)


def test_sniff_reads_content_not_names(samples: dict[str, Path], tmp_path: Path) -> None:
    mislabelled = tmp_path / "contract.pdf"
    mislabelled.write_bytes(samples["sow.docx"].read_bytes())
    assert sniff(mislabelled) == "docx"
    doc = extract(mislabelled, limits=IN_PROCESS)
    assert doc.status == "ok" and doc.format == "docx" and "Contoso Ltd" in doc.text()
    blob = tmp_path / "9f86d081884c7d659a2feaa0c55ad015"  # content-addressed blobs have no extension
    blob.write_bytes(samples["poe.xlsx"].read_bytes())
    assert extract(blob, limits=IN_PROCESS).format == "xlsx"
    expected = {"sow.pdf": "pdf", "poe.xlsm": "xlsm", "plan.pptx": "pptx", "ack.eml": "eml", "users.csv": "csv",
                "notes.txt": "txt", "ack.html": "html", "letter.rtf": "rtf"}
    assert {name: sniff(samples[name]) for name in expected} == expected


def test_the_worker_path_gives_the_same_document(samples: dict[str, Path]) -> None:
    from extractors import Limits

    for name in ("sow.pdf", "sow.docx", "ack.eml"):
        local = extract(samples[name], display_path=name, limits=IN_PROCESS)
        worker = extract(samples[name], display_path=name, limits=Limits(timeout_seconds=60))
        assert worker.to_dict() == local.to_dict()


def test_ruled_grid_from_drawn_lines_and_rows_ruled_in_blocks() -> None:
    from extractors.pdf_layout import group_lines
    from extractors.pdf_tables import edges_from_boxes, fill, find_grids, split_rows

    # Three columns, rules only at the top and bottom: two data lines share one ruled row.
    boxes = [(50, 100, 350, 100.5), (50, 140, 350, 140.5)] + [(x, 100, x + 0.5, 140) for x in (50, 150, 250, 350)]
    grids = find_grids(*edges_from_boxes(boxes))
    assert len(grids) == 1 and len(grids[0].xs) == 4
    runs = [TextBox(t, (x, y, x + 40, y + 8)) for y, row in ((105, ("Alabama", "18", "22")), (120, ("Alaska", "2", "3")))
            for x, t in zip((60, 160, 260), row, strict=True)]
    outside = TextBox("Footnote", (60, 200, 120, 208))
    assert fill(grids, [*runs, outside]) == [outside]
    rows = [[" ".join(s.text for s in cell) for cell in stacks] for _, _, stacks in split_rows(grids[0], group_lines)]
    assert rows == [["Alabama", "18", "22"], ["Alaska", "2", "3"]]


def test_stacked_boxes_are_not_a_table() -> None:
    from extractors.pdf_tables import edges_from_boxes, find_grids

    assert find_grids(*edges_from_boxes([(50, 100, 350, 140), (50, 140, 350, 180)])) == []


def test_outlook_msg_headers_and_body(tmp_path: Path) -> None:
    from tests.extractors.ole import build_ole

    def utf16(text: str) -> bytes:
        return text.encode("utf-16-le")

    path = tmp_path / "ack.msg"  # streams are NUL-padded by the tiny writer, as real ones can be
    path.write_bytes(build_ole({
        "__substg1.0_001A001F": utf16("IPM.Note"),
        "__substg1.0_0037001F": utf16("Acknowledgment of work"),
        "__substg1.0_1000001F": utf16("I confirm Fabrikam deployed Exchange Online.\r\nTeo Lupu"),
        "__substg1.0_0C1A001F": utf16("Teo Lupu"),
        "__substg1.0_0E04001F": utf16("Ola Demmo"),
        "__properties_version1.0": b"\x00" * 32,
    }))
    doc = extract(path, limits=IN_PROCESS)
    assert (doc.status, doc.format) == ("ok", "msg")
    assert doc.metadata["subject"] == "Acknowledgment of work" and doc.metadata["from"] == "Teo Lupu"
    assert _block(doc, "I confirm Fabrikam deployed").location == Location(part="body", line=1)
    assert "\x00" not in doc.text()


def test_docusign_stamp_and_certificate_of_completion(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "signed.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(40, 810, "Docusign Envelope ID: 1A2B3C4D-1111-2222-3333-444455556666")
    c.drawString(72, 700, "Customer: Contoso Ltd   DocuSigned by: Teo Lupu")
    c.showPage()
    c.drawString(72, 750, "Certificate Of Completion")
    c.drawString(72, 730, "Envelope Id: 1A2B3C4D111122223333444455556666   Status: Completed")
    c.showPage()
    c.save()
    doc = extract(path, limits=IN_PROCESS)
    [stamp] = doc.signature_fields
    assert (stamp.source, stamp.signed, stamp.signer) == ("docusign", True, "Teo Lupu")
    assert stamp.location.page == 1 and stamp.name.endswith("1A2B3C4D-1111-2222-3333-444455556666")


def test_a_stamp_without_completion_is_not_signed(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "sent.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(40, 810, "DocuSign Envelope ID: 1A2B3C4D-1111-2222-3333-444455556666")
    c.drawString(72, 700, "Customer signature: ____________")
    c.showPage()
    c.save()
    [stamp] = extract(path, limits=IN_PROCESS).signature_fields
    assert stamp.source == "docusign" and not stamp.signed and stamp.signer is None


def test_adobe_sign_audit_report(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "adobe.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 760, "Audit Report  Adobe Acrobat Sign")
    c.drawString(72, 740, "Transaction ID: CBJCHBCAABAAq8Xd3kf0")
    c.drawString(72, 720, "E-signed by Teo Lupu (teo.lupu@contoso.example)")
    c.drawString(72, 700, "Agreement completed.")
    c.showPage()
    c.save()
    [stamp] = extract(path, limits=IN_PROCESS).signature_fields
    assert (stamp.source, stamp.signed, stamp.signer) == ("adobe_sign", True, "Teo Lupu")
    assert stamp.location.page == 1


def test_docx_picture_beside_its_label(samples: dict[str, Path]) -> None:
    doc = _get(samples, "sow.docx")
    [image] = doc.images
    assert image.near_text == SIGNATURE_LABEL
    assert image.location == Location(part="body", table=2, row=0, col=1)
    assert image.width == pytest.approx(120, abs=1)
