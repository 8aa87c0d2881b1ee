"""Renderers of the sample generator: every format renders every block type, reads back through
the project's extractor with the key strings in reading order, and gives the same bytes twice."""

from __future__ import annotations

import email
import io
import re
import zipfile
from email import policy
from pathlib import Path

import pytest

from extractors import ExtractedDocument, Limits, extract
from extractors.ocr import ocr_available
from samples.docmodel import (
    Bullets,
    Document,
    Email,
    Fields,
    Heading,
    PageBreak,
    Paragraph,
    Signatory,
    SignatureBlock,
    Table,
)
from samples.render import render, render_bytes
from samples.render.pdf_style import pdf_style
from samples.render.text import blocks_to_text

IN_PROCESS = Limits(timeout_seconds=None)
LAYOUTS = ("stacked", "columns", "table", "inline")
STAMP = "DocuSign Envelope ID: 3F2504E0-4F89-11D3-9A0C-0305E82C3301"
HEADING = "Statement of Work Contoso Migration"
SENTENCE = "Fabrikam Consulting migrates 800 mailboxes to Exchange Online."
CUSTOMER = Signatory("CUSTOMER", "Contoso Ltd", "/s/ Teo Lupu", "Teo Lupu", "Chief Information Officer", "12 July 2026")
PARTNER = Signatory("PARTNER", "Fabrikam Consulting", None, "Ola Demmo", "Delivery Lead", "2026-07-14", image=True)
BLANK_PARTY = Signatory("Accepted by:", "Northwind Traders")  # signature, name, title, date all blank


def blocks(layout: str = "stacked", signatories: tuple[Signatory, ...] = (CUSTOMER, PARTNER)) -> tuple:
    return (
        Paragraph(STAMP, style="stamp"),
        Heading(HEADING),
        Paragraph(SENTENCE),
        Heading("Scope", level=2),
        Bullets(("Tenant readiness assessment", "Pilot wave of 50 users")),
        Bullets(("Plan the waves", "Migrate the mailboxes"), numbered=True),
        Table((("Milestone", "Workload", "Date"), ("Go-live", "Exchange Online", "2026-09-15"))),
        Table((("Role", "Owner"), ("Project manager", "Ana Pop")), ruled=False),
        Fields((("Customer name", "Contoso Ltd"), ("PO number", ""))),
        Paragraph("Prices exclude VAT.", style="small"),
        PageBreak(),
        Heading("Signatures", level=3),
        SignatureBlock(signatories, layout=layout, intro="IN WITNESS WHEREOF the parties have signed."),  # type: ignore[arg-type]
    )


def document(fmt: str, layout: str = "stacked", seed: int = 0, **kw: object) -> Document:
    ext = {"scan_pdf": "pdf"}.get(fmt, fmt)
    kw.setdefault("header", "Fabrikam Consulting Confidential")
    kw.setdefault("footer", "SOW reference FAB-0042")
    return Document(f"sow_{layout}_{seed}.{ext}", fmt, "sow", kw.pop("blocks", None) or blocks(layout),  # type: ignore[arg-type]
                    layout_seed=seed, **kw)  # type: ignore[arg-type]


def flat(doc: ExtractedDocument) -> str:
    """The extracted text with whitespace (line wraps inside cells, tabs) as single spaces."""
    return " ".join(doc.text().split())


def read(doc: Document | Email, folder: Path) -> ExtractedDocument:
    out = extract(render(doc, folder), limits=IN_PROCESS)
    assert out.status == "ok", out.error
    return out


def assert_in_order(text: str, needles: list[str]) -> None:
    at = -1
    for needle in needles:
        found = text.find(needle, at + 1)
        assert found > at, f"{needle!r} missing or out of order in: {text}"
        at = found


def assert_only_blanks(out: ExtractedDocument) -> None:
    """The body of a blank form is labels, the party's caption and fill-in lines, nothing else."""
    body = " ".join(b.text for b in out.blocks if b.kind not in ("header", "footer"))
    assert re.search(r"PO number:?\s+_{8}", body) or "PO number" in body, body
    body = re.sub(r"Page \d+( of \d+)?", "", body)  # the page numbers some looks print
    rest = re.sub(r"Accepted by:|Northwind Traders|PO number|By|Signature|Name|Title|Date|[:_\s]", "", body)
    assert rest == "", body


KEY_STRINGS = [HEADING, SENTENCE, "Exchange Online", "Customer name", "Contoso Ltd", "Teo Lupu",
               "12 July 2026", "Ola Demmo", "2026-07-14"]


# -- PDF ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", [0, 2, 5, 6])  # Times, Helvetica, Courier (two sizes)
def test_pdf_every_layout_reads_back_in_order(tmp_path: Path, layout: str, seed: int) -> None:
    out = read(document("pdf", layout, seed), tmp_path)
    text = flat(out)
    assert out.pages == 2  # the PageBreak
    assert_in_order(text, [STAMP, "Fabrikam Consulting Confidential", HEADING, SENTENCE, "Tenant readiness",
                           "Milestone", "Exchange Online", "Project manager", "Customer name", "Contoso Ltd",
                           "SOW reference FAB-0042"])
    for needle in ["Signatures", "Teo Lupu", "12 July 2026", "Ola Demmo", "2026-07-14"]:
        assert needle in text
    assert any(t.rows[1][:2] == ["Go-live", "Exchange Online"] for t in out.tables)  # the ruled grid
    assert out.images, "the drawn signature is an image on the page"
    assert [f.source for f in out.signature_fields] == ["docusign"]


def test_pdf_stamp_top_left_of_every_page(tmp_path: Path) -> None:
    out = read(document("pdf"), tmp_path)
    stamps = [b for b in out.blocks if b.text == STAMP]
    assert [b.location.page for b in stamps] == [1, 2]
    assert all(b.location.bbox and b.location.bbox[1] < 30 and b.location.bbox[0] < 50 for b in stamps)


def test_pdf_stamp_not_first_is_inline(tmp_path: Path) -> None:
    body = (Heading("Order"), Paragraph("Adobe Acrobat Sign transaction ID: CBJCHBCAABAA1", style="stamp"))
    out = read(Document("po.pdf", "pdf", "po", body), tmp_path)
    assert [b.text for b in out.blocks][:2] == ["Order", "Adobe Acrobat Sign transaction ID: CBJCHBCAABAA1"]


@pytest.mark.parametrize("seed", [0, 2, 5])
def test_pdf_blank_fields_and_signature_have_no_value(tmp_path: Path, seed: int) -> None:
    for layout in LAYOUTS:
        doc = document("pdf", layout, seed, blocks=(Fields((("PO number", ""),)),
                                              SignatureBlock((BLANK_PARTY,), layout=layout)),  # type: ignore[arg-type]
                       header="", footer="")
        out = read(doc, tmp_path)
        assert_only_blanks(out)
        assert not out.images


def test_pdf_page_of_total_and_automatic_page_breaks(tmp_path: Path) -> None:
    seed = next(s for s in range(50) if pdf_style(s).page_numbers == "page_of")
    long = tuple(Paragraph(f"Paragraph {n}: the consultants held workshop {n} on site.") for n in range(150))
    out = read(Document("long.pdf", "pdf", "sow", long, footer="Confidential", layout_seed=seed), tmp_path)
    assert out.pages >= 3
    text = out.text()
    assert f"Page 1 of {out.pages}" in text and f"Page {out.pages} of {out.pages}" in text
    assert_in_order(flat(out), [f"Paragraph {n}:" for n in range(0, 150, 10)])


def test_pdf_footer_placeholders(tmp_path: Path) -> None:
    body = (Paragraph("one"), PageBreak(), Paragraph("two"))
    out = read(Document("p.pdf", "pdf", "sow", body, footer="Sheet {page}/{pages}"), tmp_path)
    assert "Sheet 1/2" in out.text() and "Sheet 2/2" in out.text()


def test_pdf_looks_vary_with_the_seed() -> None:
    looks = [pdf_style(s) for s in range(40)]
    assert {s.regular for s in looks} == {"Helvetica", "Times-Roman", "Courier"}
    assert len({s.pagesize for s in looks}) == 2
    assert {s.fields for s in looks} == {"inline", "columns"}
    assert all(9 <= s.size <= 11 for s in looks) and all(s.size >= 11 for s in (pdf_style(x, scan=True) for x in range(20)))
    assert render_bytes(document("pdf", seed=1)) != render_bytes(document("pdf", seed=2))


def test_pdf_text_outside_winansi(tmp_path: Path) -> None:
    out = read(Document("n.pdf", "pdf", "letter", (Paragraph("Signed by Ștefan Nguyễn"),)), tmp_path)
    assert "Signed by Stefan Nguyen" in out.text()


# -- DOCX ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", [1, 2])  # Title + fields table; Heading 1 + "Label: value" paragraphs
def test_docx_every_layout_reads_back(tmp_path: Path, layout: str, seed: int) -> None:
    out = read(document("docx", layout, seed), tmp_path)
    text = flat(out)
    assert_in_order(text, [STAMP, HEADING, SENTENCE, "Tenant readiness", "Plan the waves", "Milestone",
                           "Exchange Online", "Customer name", "Contoso Ltd", "Teo Lupu", "Ola Demmo"])
    for needle in KEY_STRINGS + ["Fabrikam Consulting Confidential", "SOW reference FAB-0042"]:
        assert needle in text
    kinds = {b.text: b.kind for b in out.blocks}
    assert kinds[HEADING] == "heading"
    assert kinds["Fabrikam Consulting Confidential"] == "header"
    assert kinds["SOW reference FAB-0042"] == "footer"
    assert len(out.images) == 1


def test_docx_blank_fields_and_signature_have_no_value(tmp_path: Path) -> None:
    for seed in range(4):
        for layout in LAYOUTS:
            doc = document("docx", layout, seed, blocks=(Fields((("PO number", ""),)),
                                                         SignatureBlock((BLANK_PARTY,), layout=layout)),  # type: ignore[arg-type]
                           header="", footer="")
            assert_only_blanks(read(doc, tmp_path))


# -- XLSX ---------------------------------------------------------------------------------------

def test_xlsx_reads_back_as_a_poe_template(tmp_path: Path) -> None:
    for seed in range(3):
        out = read(document("xlsx", seed=seed, extra_sheets=(("Notes", (Paragraph("Workshop held on site"),)),)),
                   tmp_path)
        text = flat(out)
        for needle in KEY_STRINGS + ["Customer signature", "/s/ Teo Lupu", "Workshop held on site"]:
            assert needle in text, needle
        cells = {str(b.location.cell): b.text for b in out.blocks if b.location.sheet == "POE"}
        label = next(ref for ref, v in cells.items() if v == "Customer name")  # the Fields row, first
        assert label[0] == "A" and cells["B" + label[1:]] == "Contoso Ltd"
        po = next(ref for ref, v in cells.items() if v == "PO number")
        assert "B" + po[1:] not in cells  # a blank field is an empty cell
        assert out.pages == 2


def test_xlsx_iso_dates_may_be_date_cells(tmp_path: Path) -> None:
    typed = []
    for seed in range(6):
        out = read(document("xlsx", seed=seed), tmp_path)
        typed.append(any(d.value.isoformat() == "2026-07-14" for d in out.dates))
    assert True in typed and False in typed  # both looks occur across seeds


# -- EML ----------------------------------------------------------------------------------------

def mail(attachments: tuple[Document, ...]) -> Email:
    return Email("ack.eml", "Teo Lupu <teo.lupu@contoso.example>", ("Ola Demmo <ola.demmo@fabrikam.example>",),
                 "RE: Acknowledgment of Fabrikam's work", "Tue, 14 Jul 2026 10:02:00 +0000",
                 (Paragraph("Hello Ola,"), Paragraph("I confirm Fabrikam completed the migration."),
                  SignatureBlock((Signatory("", "Contoso Ltd", None, "Teo Lupu", "CIO"),))),
                 cc_addrs=("cpor@contoso.example",), attachments=attachments)


def test_eml_headers_body_and_attachment(tmp_path: Path) -> None:
    m = mail((document("pdf"), document("xlsx")))
    path = render(m, tmp_path)
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    parts = [(p.get_filename(), p.get_content_type()) for p in msg.iter_attachments()]
    assert parts == [("sow_stacked_0.pdf", "application/pdf"),
                     ("sow_stacked_0.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    assert msg["Message-ID"].endswith("@contoso.example>")
    out = extract(path, limits=IN_PROCESS)
    assert out.status == "ok"
    assert out.metadata["subject"] == "RE: Acknowledgment of Fabrikam's work"
    assert_in_order(out.text(), ["From: Teo Lupu", "Cc: cpor@contoso.example", "I confirm Fabrikam completed",
                                 "Contoso Ltd", "Name: Teo Lupu", "Title: CIO"])
    assert [a.status for a in out.attachments] == ["ok", "ok"]
    assert SENTENCE in flat(out.attachments[0]) and "Customer signature" in flat(out.attachments[1])


def test_blocks_to_text() -> None:
    text = blocks_to_text((Heading("Title"), Bullets(("a", "b")), Bullets(("c",), numbered=True),
                           Table((("x", "y"), ("1", "2"))), Fields((("Label", "v"), ("Blank:", ""))),
                           SignatureBlock((Signatory("CUSTOMER", "Contoso", "/s/ T", "T", None, "1 May"),))))
    assert text == ("Title\n\n- a\n- b\n\n1. c\n\nx | y\n1 | 2\n\nLabel: v\nBlank:\n\n"
                    "CUSTOMER: Contoso\n/s/ T\nName: T\nDate: 1 May\n")


# -- determinism --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "eml"])
def test_same_bytes_twice(fmt: str) -> None:
    doc: Document | Email = mail((document("docx"),)) if fmt == "eml" else document(fmt, "columns", 5)
    first = render_bytes(doc)
    assert render_bytes(doc) == first
    if fmt in ("docx", "xlsx"):  # no clock in the package: fixed member times and core dates
        with zipfile.ZipFile(io.BytesIO(first)) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert z.namelist()[0] == "[Content_Types].xml" or fmt == "xlsx"
            core = z.read("docProps/core.xml").decode()
        assert "2026-01-01T09:00:00Z" in core and core.count("2026-01-01T09:00:00Z") >= 2


def test_empty_blocks_render(tmp_path: Path) -> None:
    empty = (Heading("Empty parts"), Table(()), Bullets(()), Fields(()), SignatureBlock(()), PageBreak())
    for fmt in ("pdf", "docx", "xlsx"):
        assert "Empty parts" in read(Document(f"e.{fmt}", fmt, "other", empty), tmp_path).text()  # type: ignore[arg-type]


def test_docx_footer_page_fields(tmp_path: Path) -> None:
    out = read(Document("f.docx", "docx", "sow", (Paragraph("x"),), footer="Page {page} of {pages}"), tmp_path)
    assert [b.text for b in out.blocks if b.kind == "footer"] == ["Page 1 of 1"]


def test_render_dispatch(tmp_path: Path) -> None:
    path = render(Document("sub/x.docx", "docx", "sow", (Heading("X"),)), tmp_path)
    assert path == tmp_path / "sub" / "x.docx" and path.read_bytes()[:2] == b"PK"
    with pytest.raises(ValueError, match="no renderer"):
        render_bytes(Document("x.txt", "txt", "other", ()))  # type: ignore[arg-type]


# -- scans (OCR) --------------------------------------------------------------------------------

needs_tesseract = pytest.mark.skipif(not ocr_available(),
                                     reason="no OCR engine (Tesseract or rapidocr) here: scans cannot be OCR'd")
SCAN_BODY = (Heading("Proof of Execution Certificate"), Paragraph("Contoso Ltd confirms the migration."),
             SignatureBlock((CUSTOMER,)))


@needs_tesseract
def test_scan_pdf_has_no_text_layer_and_ocrs_back(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    doc = Document("scan.pdf", "scan_pdf", "sow", SCAN_BODY, layout_seed=3)
    data = render_bytes(doc)
    assert data == render_bytes(doc)
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) == 1 and pdf[0].get_textpage().get_text_range().strip() == ""
    out = read(doc, tmp_path)
    assert {b.kind for b in out.blocks} == {"ocr"}
    text = flat(out)
    for word in ("Proof", "Execution", "Certificate", "Contoso", "Teo Lupu"):
        assert word in text, text


@needs_tesseract
def test_png_photo_ocrs_back(tmp_path: Path) -> None:
    doc = Document("signed.png", "png", "sow", SCAN_BODY, layout_seed=4)
    out = read(doc, tmp_path)
    assert out.format == "png"
    assert "Proof of Execution" in flat(out)
