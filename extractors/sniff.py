"""Format by content (magic bytes and container structure), never by file name.

The name only breaks ties inside the plain-text family (CSV versus text). Returned names:
pdf, docx, docm, xlsx, xlsm, xlsb, pptx, xps, odf, zip, doc, xls, ppt, msg, encrypted-office,
damaged-zip, ole, png, jpeg, tiff, gif, bmp, webp, rtf, html, xml, eml, csv, txt, exe, empty, binary.
"""

from __future__ import annotations

import csv
import re
import zipfile
import zlib
from pathlib import Path

import olefile

from extractors.limits import DEFAULT_LIMITS, zip_problem

HEAD = 8192
TYPES_CAP = 200_000  # [Content_Types].xml is a few KB in every real package

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"{\\rtf", "rtf"),
    (b"MZ", "exe"),
    (b"\x7fELF", "exe"),
    (b"\xca\xfe\xba\xbe", "exe"),
    (b"\xcf\xfa\xed\xfe", "exe"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EMAIL_HEADER = re.compile(
    rb"^(?:received|return-path|from|to|subject|date|message-id|mime-version|x-[\w-]+|"
    rb"delivered-to|reply-to|cc|content-type|thread-topic|dkim-signature|authentication-results)"
    rb"[ \t]*:", re.I)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|table|div|p)[\s>]", re.I)


def sniff(path: Path | str) -> str:
    """The format of the file at ``path`` from its bytes (see the module docstring)."""
    path = Path(path)
    with path.open("rb") as f:
        head = f.read(HEAD)
    return sniff_bytes(head, path)


def sniff_bytes(head: bytes, path: Path | None = None) -> str:
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, head) if path is not None else "zip"
    if head.startswith(_OLE):
        return _ole_kind(path) if path is not None else "ole"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:2] == b"BM" and len(head) > 14 and head[6:10] == b"\x00\x00\x00\x00":
        return "bmp"
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return _text_kind(head, path)


def _zip_kind(path: Path, head: bytes) -> str:  # noqa: ARG001
    """The package's kind from its part names and at most TYPES_CAP bytes of its content types.
    Sniffing runs in intake, outside any worker: it must never inflate a member whole (a 1 MB
    DOCX whose [Content_Types].xml inflated to 1 GiB took intake to 2.2 GB), so a directory
    that declares a zip bomb is classified by its names alone and left to the extractor to refuse."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            types = b""
            if "[Content_Types].xml" in names and zip_problem(zf.infolist(), DEFAULT_LIMITS) is None:
                types = _read_capped(zf, "[Content_Types].xml", TYPES_CAP)
    except (zipfile.BadZipFile, zlib.error, OSError, KeyError, ValueError, EOFError, RuntimeError,
            NotImplementedError):
        return "damaged-zip"  # local headers but no readable directory: a cut or corrupt package
    macro = b"macroEnabled" in types or any(n.endswith("vbaProject.bin") for n in names)
    if "word/document.xml" in names or b"wordprocessingml.document" in types:
        return "docm" if macro else "docx"
    if "xl/workbook.xml" in names:
        return "xlsm" if macro else "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "FixedDocumentSequence.fdseq" in names or any(n.endswith(".fdseq") for n in names):
        return "xps"
    if "mimetype" in names and "content.xml" in names:
        return "odf"
    return "zip"


def _read_capped(zf: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """At most ``cap`` inflated bytes of one member, read in chunks (a declared size can lie)."""
    out = bytearray()
    with zf.open(name) as member:
        while len(out) < cap and (chunk := member.read(min(65536, cap - len(out)))):
            out += chunk
    return bytes(out)


def _ole_kind(path: Path) -> str:
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(s) for s in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, TypeError, KeyError, RuntimeError):
        return "ole"
    if "EncryptionInfo" in streams and "EncryptedPackage" in streams:
        return "encrypted-office"
    if any(s.startswith("__substg1.0_") for s in streams):
        return "msg"
    if "WordDocument" in streams:
        return "doc"
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    if "PowerPoint Document" in streams:
        return "ppt"
    return "ole"


def decode_text(data: bytes) -> str | None:
    """Text from bytes (BOM, UTF-8, then cp1252), or None when the bytes are binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if e.start > len(data) - 4:  # a multi-byte character cut by the head's end
            return data[: e.start].decode("utf-8-sig", errors="ignore")
    text = data.decode("cp1252", errors="replace")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    return None if controls > len(text) * 0.01 else text


def _text_kind(head: bytes, path: Path | None) -> str:
    text = decode_text(head)
    if text is None:
        return "binary"
    stripped = text.lstrip()
    raw = stripped.encode("utf-8", errors="replace")
    if _HTML.search(raw[:2048]):
        return "html"
    if stripped.startswith("<?xml"):
        return "xml"
    lines = [ln for ln in stripped.splitlines()[:30]]
    if lines and _EMAIL_HEADER.match(lines[0].encode()):
        headers = 0
        for ln in lines:
            if not ln.strip():
                break
            if _EMAIL_HEADER.match(ln.encode()) or ln[:1] in " \t":
                headers += 1
        if headers >= 2:
            return "eml"
    if _looks_like_csv(lines, path):
        return "csv"
    return "txt"


def _looks_like_csv(lines: list[str], path: Path | None) -> bool:
    sample = [ln for ln in lines if ln.strip()][:20]
    if len(sample) < 2:
        return bool(path and path.suffix.lower() == ".csv")
    try:
        dialect = csv.Sniffer().sniff("\n".join(sample), delimiters=",;\t|")
    except csv.Error:
        return bool(path and path.suffix.lower() in (".csv", ".tsv"))
    counts = [len(row) for row in csv.reader(sample, dialect)]
    consistent = min(counts) >= 2 and max(counts) == min(counts)
    return consistent or bool(path and path.suffix.lower() in (".csv", ".tsv") and max(counts) >= 2)
