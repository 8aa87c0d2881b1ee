"""Signed PDFs changed after signing (D-11.1): pyHanko's difference analysis, read by the PDF
extractor and judged by the customer-signature check.

The PDFs are built here with pyHanko itself: a one-page SOW with a customer signature field,
signed with a self-signed certificate made in the test (trust in the chain stays out of scope
offline), then (a) left intact, (b) given an incremental update that adds page content, (c)
given bytes appended after signing that form no revision, (d) countersigned in a second field
(form filling), (e) signed over a prefix of the file only: the signature's byte range stops before
the end of its own revision (its startxref and %%EOF are not signed), re-signed with the same key
so the signature itself is intact and only its coverage is wrong.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("pyhanko")

from asn1crypto import keys as asn1_keys  # noqa: E402
from asn1crypto import x509 as asn1_x509  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402
from pyhanko.pdf_utils import generic  # noqa: E402
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: E402
from pyhanko.sign import fields, signers  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from extractors import extract  # noqa: E402
from scoring.checks import run_checks  # noqa: E402
from tests.scoring.docs import claim  # noqa: E402

SIGNED_AT = datetime(2026, 7, 3, 10, 0, tzinfo=UTC)  # the certificate's validity starts before it


def _signer(common_name: str) -> signers.SimpleSigner:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(SIGNED_AT - timedelta(days=30)).not_valid_after(SIGNED_AT + timedelta(days=3650))
            .sign(key, hashes.SHA256()))
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return signers.SimpleSigner(signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
                                signing_key=asn1_keys.PrivateKeyInfo.load(der_key), cert_registry=None)


def _sow() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Statement of Work between Fabrikam Consulting Ltd and Contoso Ltd")
    c.drawString(72, 700, "Fabrikam deploys Dynamics 365 Sales for Contoso Ltd. Total fee: 10,000 USD")
    c.showPage()
    c.save()
    return buf.getvalue()


def _sign(pdf: bytes, field: str, signer_name: str, box: tuple[int, int, int, int]) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields.append_signature_field(writer, fields.SigFieldSpec(field, box=box, on_page=0))
    out = io.BytesIO()
    meta = signers.PdfSignatureMetadata(field_name=field)
    signers.sign_pdf(writer, meta, signer=_signer(signer_name), output=out)
    return out.getvalue()


def _signed_by_customer() -> bytes:
    return _sign(_sow(), "CustomerSignature", "Teo Lupu", (72, 100, 272, 150))


def _signed_over_a_prefix() -> bytes:
    """A correct signature over the file up to its last ``startxref`` only: the byte range is
    rewritten in place (same width) and the CMS recomputed over the shorter range with the key."""
    signer = _signer("Teo Lupu")
    writer = IncrementalPdfFileWriter(io.BytesIO(_sow()))
    fields.append_signature_field(writer, fields.SigFieldSpec("CustomerSignature", box=(72, 100, 272, 150), on_page=0))
    out = io.BytesIO()
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="CustomerSignature"), signer=signer, output=out)
    data = bytearray(out.getvalue())
    m = re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert m is not None
    hole_start, hole_end = int(m.group(1)), int(m.group(2))
    second = data.rindex(b"startxref") - hole_end  # the revision's tail left unsigned
    assert second < int(m.group(3))
    data[m.start():m.end()] = f"/ByteRange [0 {hole_start} {hole_end} {second}]".encode().ljust(m.end() - m.start())
    digest = hashlib.sha256(bytes(data[:hole_start]) + bytes(data[hole_end:hole_end + second])).digest()
    contents = asyncio.run(signer.async_sign(digest, "sha256")).dump().hex().encode()
    assert len(contents) <= hole_end - hole_start - 2
    data[hole_start + 1:hole_end - 1] = contents.ljust(hole_end - hole_start - 2, b"0")
    return bytes(data)


def _page_content_added(signed: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    extra = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 680 Td (Total fee: 1 USD) Tj ET"))
    contents = page.raw_get("/Contents")
    page["/Contents"] = generic.ArrayObject([*(contents if isinstance(contents, generic.ArrayObject) else [contents]), extra])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _field(tmp_path: Path, name: str, data: bytes, field: str = "CustomerSignature"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    doc = extract(path, display_path="SOW.pdf")
    assert doc.status == "ok", doc.error
    return doc, next(f for f in doc.signature_fields if f.name == field)


def _signature_verdict(doc):  # type: ignore[no-untyped-def]
    # pyHanko signs at the machine's time: the claim is submitted just after it (D-22 window).
    now = datetime.now(UTC)
    submitted = claim(created_at=now - timedelta(days=2), submitted_at=now + timedelta(days=1))
    return run_checks(submitted, [doc])["customer_signature"]


def test_intact_signature_covers_the_whole_file_and_is_met(tmp_path: Path) -> None:
    doc, field = _field(tmp_path, "intact.pdf", _signed_by_customer())
    assert field.signed and field.valid and field.modification == "none" and field.coverage == "entire_file"
    result = _signature_verdict(doc)
    assert result.verdict == "met" and not [r for r in result.reasons if r.code in ("R-SIG-008", "R-SIG-009")]


def test_page_content_changed_after_signing_is_unclear(tmp_path: Path) -> None:
    doc, field = _field(tmp_path, "modified.pdf", _page_content_added(_signed_by_customer()))
    assert field.valid  # the signed revision itself is intact ...
    assert field.modification == "other" and field.coverage == "entire_revision"  # ... the file is not
    result = _signature_verdict(doc)
    assert result.verdict == "unclear"
    assert [r.code for r in result.reasons] == ["R-SIG-008"]
    assert "changed after signing" in result.reasons[0].message and "CustomerSignature" in result.reasons[0].message


def test_bytes_appended_after_signing_are_noted_and_the_signature_stands(tmp_path: Path) -> None:
    data = _signed_by_customer() + b"\n% bytes appended after signing\n"
    doc, field = _field(tmp_path, "appended.pdf", data)
    assert field.coverage == "entire_revision" and field.modification == "none"
    result = _signature_verdict(doc)
    assert result.verdict == "met"
    assert [r.code for r in result.reasons] == ["R-SIG-009"] and "no new revision" in result.reasons[0].message


def test_countersigning_after_the_customer_is_form_filling_and_stands(tmp_path: Path) -> None:
    data = _sign(_signed_by_customer(), "PartnerSignature", "Anna Smith", (320, 100, 520, 150))
    doc, field = _field(tmp_path, "countersigned.pdf", data)
    assert field.modification == "form_filling"
    result = _signature_verdict(doc)
    assert result.verdict == "met" and "R-SIG-009" in [r.code for r in result.reasons]


def test_signature_covering_only_part_of_the_file_has_its_own_reason(tmp_path: Path) -> None:
    doc, field = _field(tmp_path, "prefix.pdf", _signed_over_a_prefix())
    assert field.valid  # the signature matches the bytes it covers ...
    assert field.coverage == "contiguous_block_from_start"  # ... which are not a whole revision
    result = _signature_verdict(doc)
    assert result.verdict == "unclear"
    assert [r.code for r in result.reasons] == ["R-SIG-010"]
    assert "covers only part of the file" in result.reasons[0].message
    assert "not a whole revision" in result.reasons[0].message
