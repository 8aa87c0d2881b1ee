"""Sample files of every format, built by the tests (reportlab, python-docx, openpyxl,
python-pptx, stdlib), including the odd cases the extractors must handle."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path

from reportlab import rl_config

rl_config.invariant = 1  # no timestamps or random IDs: the same bytes on every run

SIGNATURE_LABEL = "Customer signature:"


def _signature_png() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (240, 80), "white")
    draw = ImageDraw.Draw(img)
    draw.line([(10, 60), (60, 20), (110, 60), (160, 20), (220, 50)], fill="black", width=4)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def build_sow_pdf(path: Path) -> Path:
    """Two pages: headings and prose, a ruled table on page 1, a signature block with a
    wet-signature image beside its label on page 2."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Table, TableStyle

    c = canvas.Canvas(str(path), pagesize=letter)
    c.setTitle("Statement of Work")
    c.setAuthor("Fabrikam Consulting")
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, 720, "Statement of Work: Contoso Dynamics 365 Sales")
    c.setFont("Helvetica", 11)
    c.drawString(72, 690, "Partner: Fabrikam Consulting LLC")
    c.drawString(72, 674, "Customer: Contoso Ltd")
    c.drawString(72, 650, "Scope: deploy Dynamics 365 Sales Enterprise for 120 users.")
    table = Table([["Milestone", "Workload", "Date"],
                   ["Kick-off", "Dynamics 365 Sales", "2026-07-01"],
                   ["Go-live", "Dynamics 365 Sales", "2026-09-15"]], colWidths=[120, 180, 100])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    table.wrapOn(c, 400, 200)
    table.drawOn(c, 72, 560)
    c.drawString(72, 520, "Payment terms: net 30 days after each milestone.")
    c.showPage()
    c.setFont("Helvetica", 11)
    c.drawString(72, 720, "Signatures")
    c.drawString(72, 650, SIGNATURE_LABEL)
    c.drawImage(ImageReader(io.BytesIO(_signature_png())), 190, 635, width=120, height=40)
    c.drawString(72, 610, "Name: Teo Lupu    Date: 12 July 2026")
    c.showPage()
    c.save()
    return path


def build_two_column_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 780, "Project newsletter spanning both columns of this page")
    c.setFont("Helvetica", 10)
    for i in range(12):
        c.drawString(72, 740 - i * 14, f"Left column line {i + 1:02d} about the migration work")
        c.drawString(320, 740 - i * 14, f"Right column line {i + 1:02d} about adoption and usage")
    c.showPage()
    c.save()
    return path


def build_rotated_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.setPageRotation(90)
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "This page is stored turned by ninety degrees")
    c.showPage()
    c.save()
    return path


def build_scanned_pdf(path: Path) -> Path:
    """A page that is only a picture of text: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (850, 1100), 255)
    ImageDraw.Draw(img).text((100, 100), "Signed by the customer on 12 July 2026", fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=595, height=842)
    c.showPage()
    c.save()
    return path


def build_pages_pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for n in range(pages):
        c.drawString(72, 720, f"Page {n + 1} of {pages}")
        c.showPage()
    c.save()
    return path


def build_encrypted_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt="s3cret")
    c.drawString(72, 720, "Confidential statement of work")
    c.showPage()
    c.save()
    return path


def build_signature_field_pdfs(folder: Path) -> tuple[Path, Path]:
    """(empty field, signed field): a PDF with an AcroForm signature field 'Customer', left
    empty, and the same signed by 'Teo Lupu' with a self-signed certificate (pyHanko)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    base = build_pages_pdf(folder / "sigbase.pdf", 1)
    empty = folder / "signature_empty.pdf"
    with base.open("rb") as f:
        w = IncrementalPdfFileWriter(f)
        fields.append_signature_field(w, fields.SigFieldSpec("Customer", on_page=0, box=(72, 100, 272, 160)))
        with empty.open("wb") as out:
            w.write(out)
    signed = folder / "signature_signed.pdf"
    signer = _self_signed_signer("Teo Lupu")
    with empty.open("rb") as f:
        w = IncrementalPdfFileWriter(f)
        meta = signers.PdfSignatureMetadata(field_name="Customer", name="Teo Lupu")
        with signed.open("wb") as out:
            signers.sign_pdf(w, meta, signer=signer, output=out)
    return empty, signed


def _self_signed_signer(name: str):
    from asn1crypto import keys, x509
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (cx509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(1000)
            .not_valid_before(datetime(2025, 1, 1)).not_valid_after(datetime(2035, 1, 1))
            .sign(key, hashes.SHA256()))
    asn_cert = x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    asn_key = keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER,
                                                         serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    return signers.SimpleSigner(signing_cert=asn_cert, signing_key=asn_key,
                                cert_registry=SimpleCertificateStore.from_certs([asn_cert]))


# ------------------------------------------------------------------------------------ DOCX

def build_docx(path: Path) -> Path:
    """Heading, prose, a table with a nested table, a signature image beside its label, header
    and footer, a text box, a date content control, a tracked insertion and a tracked deletion,
    and a comment."""
    import docx
    import docx.shared
    from docx.oxml import parse_xml

    d = docx.Document()
    d.core_properties.author = "Fabrikam Consulting"
    d.core_properties.title = "Contoso SOW"
    section = d.sections[0]
    section.header.paragraphs[0].text = "Fabrikam Consulting - Confidential"
    section.footer.paragraphs[0].text = "Page footer: SOW v2"
    d.add_heading("Statement of Work", level=1)
    p = d.add_paragraph("Customer: Contoso Ltd")
    d.add_comment(p.runs, text="reviewer comment that is not document text", author="Rita")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Workload"
    table.cell(0, 1).text = "Activity"
    table.cell(1, 0).text = "Exchange Online"
    cell = table.cell(1, 1)
    cell.text = "Migrate 800 mailboxes"
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Phase 1"
    inner.cell(0, 1).text = "Pilot 50 users"
    signatures = d.add_table(rows=1, cols=2)
    signatures.cell(0, 0).text = SIGNATURE_LABEL
    signatures.cell(0, 1).paragraphs[0].add_run().add_picture(io.BytesIO(_signature_png()), width=docx.shared.Pt(120))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = d.element.body
    sect = body[-1]
    sect.addprevious(parse_xml(
        f'<w:p {w}><w:r><w:t xml:space="preserve">Approved </w:t></w:r>'
        f'<w:ins w:id="1" w:author="A" w:date="2026-07-01T00:00:00Z"><w:r><w:t>by Teo Lupu</w:t></w:r></w:ins>'
        f'<w:del w:id="2" w:author="A" w:date="2026-07-01T00:00:00Z"><w:r><w:delText>by Nobody</w:delText></w:r></w:del>'
        f'</w:p>'))
    sect.addprevious(parse_xml(
        f'<w:sdt {w}><w:sdtPr><w:date w:fullDate="2026-07-12T00:00:00Z"><w:dateFormat w:val="d MMMM yyyy"/>'
        f'</w:date></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Signed on 12 July 2026</w:t></w:r></w:p>'
        f'</w:sdtContent></w:sdt>'))
    sect.addprevious(parse_xml(
        f'<w:p {w} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
        f'<w:p><w:r><w:t>Text box: customer sign-off pending</w:t></w:r></w:p>'
        f'</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>'))
    d.save(str(path))
    return path


# ------------------------------------------------------------------------------------ XLSX

def build_xlsx(path: Path, *, epoch_1904: bool = False) -> Path:
    """POE template: label/value rows, a typed date, a formula with a cached value, a merged
    title, a second sheet."""
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.Workbook()
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "POE"
    ws["A1"] = "Proof of execution"
    ws.merge_cells("A1:C1")
    ws["A2"], ws["B2"] = "Customer name", "Contoso Ltd"
    ws["A3"], ws["B3"] = "Sign-off date", date(2026, 7, 12)
    ws["A4"], ws["B4"] = "Users", 120
    ws["A5"], ws["B5"] = "Licences", 30
    ws["A6"], ws["B6"] = "Total", "=B4+B5"
    ws2 = wb.create_sheet("Notes")
    ws2["A1"] = "Workshop held on site"
    props = wb.properties
    props.creator, props.created, props.modified = "Fabrikam", datetime(2026, 7, 1), datetime(2026, 7, 1)
    wb.save(str(path))
    _set_cached_value(path, "xl/worksheets/sheet1.xml", b"<f>B4+B5</f><v></v>", b"<f>B4+B5</f><v>150</v>")
    return path


def _set_cached_value(path: Path, part: str, old: bytes, new: bytes) -> None:
    """openpyxl writes formulas without results; Excel stores the last result beside them."""
    rewrite_zip(path, {part: lambda data: data.replace(old, new)})


def rewrite_zip(path: Path, changes: dict, extra: dict[str, bytes] | None = None) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in changes:
                data = changes[info.filename](data)
            dst.writestr(info, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    path.write_bytes(buf.getvalue())


def build_xlsm(path: Path) -> Path:
    build_xlsx(path)
    rewrite_zip(path, {}, extra={"xl/vbaProject.bin": b"not really VBA, never run"})
    return path


# ------------------------------------------------------------------------------- others

def build_pptx(path: Path) -> Path:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Adoption plan"
    slide.placeholders[1].text = "Teams Phone roll-out to 300 users"
    slide2 = prs.slides.add_slide(prs.slide_layouts[5])
    slide2.shapes.title.text = "Milestones"
    rows = slide2.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1)).table
    rows.cell(0, 0).text, rows.cell(0, 1).text = "Workload", "Date"
    rows.cell(1, 0).text, rows.cell(1, 1).text = "Teams Phone", "2026-08-01"
    prs.save(str(path))
    return path


def build_eml(path: Path, attachment: Path | None = None, nested: bool = False) -> Path:
    msg = EmailMessage()
    msg["From"] = "Teo Lupu <teo.lupu@contoso.example>"
    msg["To"] = "Ola Demmo <ola.demmo@fabrikam.example>"
    msg["Cc"] = "cpor@contoso.example"
    msg["Subject"] = "RE: Acknowledgment of Fabrikam's work"
    msg["Date"] = "Sun, 12 Jul 2026 10:15:00 +0000"
    msg.set_content("Hello Ola,\n\nI confirm Fabrikam deployed Exchange Online for Contoso.\n\nTeo Lupu\nContoso Ltd\n")
    if attachment is not None:
        msg.add_attachment(attachment.read_bytes(), maintype="application", subtype="octet-stream",
                           filename=attachment.name)
    if nested:
        inner = EmailMessage()
        inner["From"] = "ola.demmo@fabrikam.example"
        inner["Subject"] = "Original request"
        inner["Date"] = "Fri, 10 Jul 2026 09:00:00 +0000"
        inner.set_content("Could you acknowledge the migration?")
        msg.add_attachment(inner)
    path.write_bytes(msg.as_bytes())
    return path


def build_png(path: Path) -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(img).text((20, 80), "Customer signature: Teo Lupu", fill=0)
    img.save(path, format="PNG")
    return path


def build_all(folder: Path) -> dict[str, Path]:
    """Every golden sample, by name."""
    folder.mkdir(parents=True, exist_ok=True)
    docx_path = build_docx(folder / "sow.docx")
    out = {
        "sow.pdf": build_sow_pdf(folder / "sow.pdf"),
        "two_column.pdf": build_two_column_pdf(folder / "two_column.pdf"),
        "rotated.pdf": build_rotated_pdf(folder / "rotated.pdf"),
        "sow.docx": docx_path,
        "poe.xlsx": build_xlsx(folder / "poe.xlsx"),
        "poe_1904.xlsx": build_xlsx(folder / "poe_1904.xlsx", epoch_1904=True),
        "poe.xlsm": build_xlsm(folder / "poe.xlsm"),
        "plan.pptx": build_pptx(folder / "plan.pptx"),
        "ack.eml": build_eml(folder / "ack.eml", attachment=docx_path, nested=True),
    }
    (folder / "users.csv").write_text("Name,Workload,Date\nTeo Lupu,Exchange Online,2026-07-12\nAna Pop,Teams,2026-07-13\n")
    (folder / "notes.txt").write_text("Meeting notes\n\nContoso confirmed go-live on 15 September 2026.\n")
    (folder / "ack.html").write_text(
        "<html><head><title>Acknowledgment</title><style>p{color:red}</style></head><body>"
        "<h1>Customer acknowledgment</h1><p>Contoso Ltd confirms the work of <b>Fabrikam</b>.</p>"
        "<table><tr><th>Workload</th><th>Status</th></tr><tr><td>Exchange Online</td><td>Done</td></tr></table>"
        "<script>alert('x')</script></body></html>")
    (folder / "letter.rtf").write_text(r"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Contoso Ltd acknowledges "
                                       r"the deployment.\par Signed: Teo Lupu\par}")
    for name in ("users.csv", "notes.txt", "ack.html", "letter.rtf"):
        out[name] = folder / name
    return out
