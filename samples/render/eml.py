"""EML renderer (stdlib ``email``, SMTP policy): headers from the ``Email``, a plain-text body
from its blocks, attachments rendered by their own renderer. Message-ID and MIME boundary are
derived from the message itself, so the bytes are the same on every run."""

from __future__ import annotations

import email
import hashlib
from email import policy
from email.message import EmailMessage
from email.utils import parseaddr

from samples.docmodel import Document, Email
from samples.render.text import blocks_to_text

MIME_TYPES = {
    "pdf": ("application", "pdf"),
    "scan_pdf": ("application", "pdf"),
    "png": ("image", "png"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def _digest(mail: Email) -> str:
    return hashlib.sha256(f"{mail.filename}\0{mail.subject}".encode()).hexdigest()


def message_id(mail: Email) -> str:
    """'<hash@sender-domain>', as mail servers write them, from the file name and subject."""
    domain = parseaddr(mail.from_addr)[1].rpartition("@")[2] or "mail.example"
    return f"<{_digest(mail)[:32].upper()}@{domain}>"


def build_message(mail: Email) -> EmailMessage:
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = mail.from_addr
    msg["To"] = ", ".join(mail.to_addrs)
    if mail.cc_addrs:
        msg["Cc"] = ", ".join(mail.cc_addrs)
    msg["Subject"] = mail.subject
    msg["Date"] = mail.date
    msg["Message-ID"] = message_id(mail)
    msg.set_content(blocks_to_text(mail.body))
    for doc in mail.attachments:
        _attach(msg, doc)
    if msg.is_multipart():
        # Left unset, the boundary is random at every serialisation.
        msg.set_boundary(f"=_poe_{_digest(mail)[:24]}")
    return msg


def _attach(msg: EmailMessage, doc: Document | Email) -> None:
    # lazy: import cycle (samples.render imports this module for render_eml)
    from samples.render import render_bytes

    data = render_bytes(doc)
    if isinstance(doc, Email):  # a forwarded e-mail travels as message/rfc822
        inner = email.message_from_bytes(data, policy=policy.SMTP)
        msg.add_attachment(inner, filename=doc.filename)
        return
    maintype, subtype = MIME_TYPES.get(doc.fmt, ("application", "octet-stream"))
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=doc.filename)


def render_eml(mail: Email) -> bytes:
    return build_message(mail).as_bytes(policy=policy.SMTP)
