"""Tiny generators of hostile files: each builds a file that is small on disk and expensive to
open (zip bombs, huge images, huge PDF pages and streams), so no big file is ever committed."""

from __future__ import annotations

import struct
import zipfile
import zlib
from email.message import EmailMessage
from pathlib import Path

MB = 1024 * 1024

_CONTENT_TYPES_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                       b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                       b'<Override PartName="/word/document.xml" ContentType="application/'
                       b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>')


def docx_bomb(path: Path, inflated: int = 64 * MB) -> Path:
    """A DOCX whose ``[Content_Types].xml`` (the part format sniffing reads) inflates to
    ``inflated`` bytes: a valid XML head, then zeros, written in 1 MB steps (never held whole)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("word/document.xml", b'<?xml version="1.0"?><w:document xmlns:w="x"/>')
        with zf.open("[Content_Types].xml", "w") as member:
            member.write(_CONTENT_TYPES_HEAD)
            zeros, left = bytes(MB), inflated - len(_CONTENT_TYPES_HEAD)
            while left > 0:
                member.write(zeros[: min(MB, left)])
                left -= MB
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def big_png(path: Path, width: int, height: int) -> Path:
    """A valid greyscale PNG of ``width`` x ``height`` white pixels (a few hundred KB on disk)."""
    comp = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    body = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", body)
                     + _png_chunk(b"IEND", b""))
    return path


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"


def huge_page_pdf(path: Path, side: float = 10_000, scanned: bool = True) -> Path:
    """A PDF of one ``side`` x ``side`` pt page; ``scanned``: a 1x1 grey image stretched over it
    and no text, so the extractor takes it for a scan to OCR."""
    content = f"q {side:g} 0 0 {side:g} 0 0 cm /Im0 Do Q".encode() if scanned else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side:g} {side:g}] /Contents 4 0 R "
        f"/Resources << /XObject << /Im0 5 0 R >> >> >>".encode(),
        _stream(b"", content),
        _stream(b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8", b"\x80"),
    ]
    path.write_bytes(_pdf(objects))
    return path


def pdf_stream_bomb(path: Path, inflated: int) -> Path:
    """A one-page PDF whose content stream is ``inflated`` bytes of spaces, Flate-compressed."""
    comp = zlib.compressobj(9)
    spaces = b" " * MB
    data = b"".join(comp.compress(spaces) for _ in range(inflated // MB)) + comp.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        _stream(b"/Filter /FlateDecode", data),
    ]
    path.write_bytes(_pdf(objects))
    return path


def eml_with_attachments(path: Path, attachments: dict[str, bytes]) -> Path:
    msg = EmailMessage()
    msg["From"] = "Pat Partner <pat@partner.example>"
    msg["To"] = "Cy Customer <cy@customer.example>"
    msg["Subject"] = "Signed SOW"
    msg["Date"] = "Mon, 20 Jul 2026 10:00:00 +0000"
    msg.set_content("Please find the signed SOW attached.")
    for name, data in attachments.items():
        msg.add_attachment(data, maintype="text", subtype="plain", filename=name)
    path.write_bytes(msg.as_bytes())
    return path


def text_pdf_with_mediabox(path: Path, side: float, lines: int = 14) -> Path:
    """A one-page PDF of ``lines`` lines of text whose MediaBox claims ``side`` x ``side`` pt."""
    body = "".join(f"BT /F1 11 Tf 72 {720 - 20 * i} Td (Line {i} of the statement of work) Tj ET\n"
                   for i in range(lines)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side:.0f} {side:.0f}] /Contents 4 0 R "
        f"/Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        _stream(b"", body),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(_pdf(objects))
    return path
