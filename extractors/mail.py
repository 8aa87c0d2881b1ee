"""Customer acknowledgment emails: EML (stdlib ``email``) and Outlook MSG (extract-msg). Sender,
recipients, date and subject as header blocks and metadata, the body by line, and attachments
extracted recursively (an attached signed SOW is a document in its own right)."""

from __future__ import annotations

import email
import tempfile
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, ClassVar

from extractors.api import extract_local
from extractors.base import Extractor
from extractors.document import ExtractedDocument, Location, TextBlock, TypedDate
from extractors.text import add_html, add_lines

HEADERS = ("from", "to", "cc", "date", "subject")


def add_headers(doc: ExtractedDocument, values: dict[str, str], when: datetime | None) -> None:
    line = 0
    for key in HEADERS:
        value = " ".join((values.get(key) or "").split())
        if not value:
            continue
        line += 1
        loc = Location(part="headers", line=line)
        doc.metadata[key] = value[:1000]
        doc.blocks.append(TextBlock(f"{key.capitalize()}: {value}", loc, "email_header"))
        if key == "date" and when is not None:
            doc.dates.append(TypedDate(when.date(), value, loc))


def safe_attachment_name(name: str) -> str:
    """A file name for an attachment's bytes in a temporary folder: the last path component,
    only letters, digits and ``._- ``, no leading dots. A sender-chosen ``..``, ``.`` or
    ``../../x`` (EML and MSG alike) must not name the folder itself or a place outside it."""
    last = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    safe = "".join(c if c.isalnum() or c in "._- " else "_" for c in last)[:100].lstrip(". ").rstrip()
    return safe or "attachment"


def add_attachment(extractor: Extractor, doc: ExtractedDocument, name: str, data: bytes) -> None:
    """Extract one attachment from its bytes (by content, like any upload) into ``doc``."""
    safe = safe_attachment_name(name)
    shown = f"{doc.path}#attachment:{name or 'attachment'}"
    if extractor.depth + 1 > extractor.limits.max_attachment_depth:
        doc.warnings.append(f"attachment {name!r} not read: attachments nested deeper than "
                            f"{extractor.limits.max_attachment_depth} levels")
        return
    with tempfile.TemporaryDirectory(prefix="poe-att-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        child, bug = extract_local(path, shown, extractor.limits, extractor.depth + 1)
    if bug:
        doc.warnings.append(f"attachment {name!r}: {child.error}")
    doc.attachments.append(child)


class EmlExtractor(Extractor):
    formats = ("eml",)
    label = "email"
    damaged_errors: ClassVar[tuple[type[BaseException], ...]] = (ValueError, LookupError, IndexError,
                                                                 UnicodeError)

    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        with path.open("rb") as f:
            msg = email.message_from_binary_file(f, policy=policy.default)
        self.message(msg, doc)  # type: ignore[arg-type]

    def message(self, msg: EmailMessage, doc: ExtractedDocument) -> None:
        doc.pages = 1
        values = {k: str(msg.get(k, "") or "") for k in HEADERS}
        try:
            when = parsedate_to_datetime(values["date"]) if values["date"] else None
        except (TypeError, ValueError, IndexError):
            when = None
        add_headers(doc, values, when)
        body = msg.get_body(preferencelist=("plain", "html"))
        if body is not None:
            content = _content_text(body)
            if body.get_content_subtype() == "html":
                add_html(doc, content)
            else:
                add_lines(doc, content)
        for part in msg.iter_attachments():
            name = part.get_filename() or ""
            if part.get_content_type() == "message/rfc822":
                inner: Any = part.get_payload(0) if part.is_multipart() else part.get_content()
                data = inner.as_bytes(policy=policy.default) if hasattr(inner, "as_bytes") else str(inner).encode()
                add_attachment(self, doc, name or "message.eml", data)
                continue
            try:
                payload: Any = part.get_payload(decode=True) or b""
            except (ValueError, TypeError):
                doc.warnings.append(f"attachment {name!r} could not be decoded")
                continue
            add_attachment(self, doc, name, payload if isinstance(payload, bytes) else str(payload).encode())


def _content_text(part: Any) -> str:
    try:
        return str(part.get_content())
    except (LookupError, ValueError, UnicodeError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")


class MsgExtractor(Extractor):
    formats = ("msg",)
    label = "Outlook message"
    damaged_errors: ClassVar[tuple[type[BaseException], ...]] = (ValueError, KeyError, IndexError, OSError,
                                                                 UnicodeError, TypeError)

    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        # lazy: extract_msg costs ~300 ms at import (python -X importtime); only .msg files need it
        import extract_msg

        try:
            msg = extract_msg.openMsg(str(path), delayAttachments=False)
        except extract_msg.exceptions.ExMsgBaseException as e:
            raise ValueError(f"not a readable Outlook message ({type(e).__name__})") from e
        try:
            self.message(msg, doc)
        finally:
            msg.close()

    def message(self, msg: Any, doc: ExtractedDocument) -> None:
        doc.pages = 1
        when = msg.date if isinstance(getattr(msg, "date", None), datetime) else None
        values = {"from": msg.sender or "", "to": msg.to or "", "cc": msg.cc or "",
                  "date": when.isoformat() if when else "", "subject": msg.subject or ""}
        add_headers(doc, values, when)
        body = msg.body
        if body and body.strip():
            add_lines(doc, body)
        else:
            html = msg.htmlBody
            if html:
                add_html(doc, html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html)
        for att in msg.attachments:
            name = getattr(att, "longFilename", None) or getattr(att, "shortFilename", None) or "attachment"
            data = att.data
            if isinstance(data, bytes):
                add_attachment(self, doc, name, data)
            elif data is not None and hasattr(data, "subject"):  # an embedded Outlook message
                child = ExtractedDocument(path=f"{doc.path}#attachment:{name}", format="msg",
                                          extractor_version=doc.extractor_version)
                if self.depth + 1 > self.limits.max_attachment_depth:
                    doc.warnings.append(f"attachment {name!r} not read: nested too deep")
                    continue
                MsgExtractor(self.limits, self.depth + 1).message(data, child)
                doc.attachments.append(child)
