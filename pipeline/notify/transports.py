"""Where rendered messages go: ``.eml`` files in an outbox folder (default) or SMTP.

A transport is anything with ``send(message: EmailMessage) -> str | None`` (the stored file's
path, if any) that raises on failure; tests inject fakes (httpx-style injected I/O).
"""

from __future__ import annotations

import os
import smtplib
import tempfile
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlparse

SMTP_URL_ENV = "POE_SMTP_URL"


class Transport(Protocol):
    name: str

    def send(self, message: EmailMessage) -> str | None: ...


class EmlFolderTransport:
    """Writes each message as ``<outbox>/<file name>.eml`` (atomically: temp file then rename)."""

    name = "eml"

    def __init__(self, outbox: Path) -> None:
        self.outbox = Path(outbox)

    def send(self, message: EmailMessage) -> str:
        self.outbox.mkdir(parents=True, exist_ok=True)
        stem = str(message.get("X-Poe-File", "")) or "message"
        target = self.outbox / f"{stem}.eml"
        fd, tmp = tempfile.mkstemp(dir=self.outbox, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(bytes(message))
        os.replace(tmp, target)
        return str(target)


class SmtpTransport:
    """``smtp://user:pass@host:port`` (STARTTLS when offered) or ``smtps://`` (TLS from the start)."""

    name = "smtp"

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        parsed = urlparse(url)
        if parsed.scheme not in ("smtp", "smtps") or not parsed.hostname:
            raise ValueError(f"{SMTP_URL_ENV} must look like smtp://user:password@host:587, not {url!r}")
        self.tls = parsed.scheme == "smtps"
        self.host = parsed.hostname
        self.port = parsed.port or (465 if self.tls else 25)
        self.user = unquote(parsed.username) if parsed.username else None
        self.password = unquote(parsed.password) if parsed.password else None
        self.timeout = timeout

    def send(self, message: EmailMessage) -> None:
        cls = smtplib.SMTP_SSL if self.tls else smtplib.SMTP
        with cls(self.host, self.port, timeout=self.timeout) as smtp:
            if not self.tls:
                smtp.ehlo()
                if smtp.has_extn("starttls"):
                    smtp.starttls()
                    smtp.ehlo()
            if self.user:
                smtp.login(self.user, self.password or "")
            del message["X-Poe-File"]
            smtp.send_message(message)
        return None


def transport_from_env(outbox: Path) -> Transport:
    """SMTP when ``POE_SMTP_URL`` is set, else ``.eml`` files in ``outbox``."""
    url = os.environ.get(SMTP_URL_ENV)
    return SmtpTransport(url) if url else EmlFolderTransport(outbox)
