"""Where rendered messages go: ``.eml`` files in an outbox folder (default) or SMTP.

A transport is anything with ``send(message: EmailMessage) -> str | None`` (the stored file's
path, if any) that raises on failure; tests inject fakes (httpx-style injected I/O).
"""

from __future__ import annotations

import os
import smtplib
import ssl
import tempfile
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlparse

SMTP_URL_ENV = "POE_SMTP_URL"
SMTP_CA_FILE_ENV = "POE_SMTP_CA_FILE"  # PEM file of a private CA that signed the server's certificate
SMTP_PLAINTEXT_AUTH_ENV = "POE_SMTP_ALLOW_PLAINTEXT_AUTH"  # "1": allow the password without TLS


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


class SmtpSecurityError(smtplib.SMTPException):
    """The server offers no TLS and the settings do not allow sending the password without it."""


class SmtpTransport:
    """``smtp://user:pass@host:port`` (STARTTLS whenever offered) or ``smtps://`` (TLS from the start).

    Certificates are verified (``ssl.create_default_context()``, plus ``ca_file`` for a private
    CA). Without TLS the password is never sent: a server that offers no STARTTLS is refused
    unless ``allow_plaintext_auth`` (``POE_SMTP_ALLOW_PLAINTEXT_AUTH=1``, a local relay only).
    """

    name = "smtp"

    def __init__(
        self,
        url: str,
        timeout: float = 30.0,
        *,
        ca_file: str | None = None,
        allow_plaintext_auth: bool = False,
    ) -> None:
        parsed = urlparse(url)
        if parsed.scheme not in ("smtp", "smtps") or not parsed.hostname:
            raise ValueError(f"{SMTP_URL_ENV} must look like smtp://user:password@host:587, not {url!r}")
        self.tls = parsed.scheme == "smtps"
        self.host = parsed.hostname
        self.port = parsed.port or (465 if self.tls else 25)
        self.user = unquote(parsed.username) if parsed.username else None
        self.password = unquote(parsed.password) if parsed.password else None
        self.timeout = timeout
        self.ca_file = ca_file
        self.allow_plaintext_auth = allow_plaintext_auth

    def tls_context(self) -> ssl.SSLContext:
        """Verifies the server's certificate and host name (system CAs, and ``ca_file`` if set)."""
        context = ssl.create_default_context()
        if self.ca_file:
            context.load_verify_locations(cafile=self.ca_file)
        return context

    def send(self, message: EmailMessage) -> None:
        smtp: smtplib.SMTP
        if self.tls:
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=self.tls_context())
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with smtp:
            if not self.tls:
                smtp.ehlo()
                if smtp.has_extn("starttls"):
                    smtp.starttls(context=self.tls_context())
                    smtp.ehlo()
                elif self.user and not self.allow_plaintext_auth:
                    raise SmtpSecurityError(
                        f"{self.host}:{self.port} offers no STARTTLS: the SMTP password is not sent in clear "
                        f"text (use smtps://, or set {SMTP_PLAINTEXT_AUTH_ENV}=1 for a trusted local relay)"
                    )
            if self.user:
                smtp.login(self.user, self.password or "")
            del message["X-Poe-File"]
            smtp.send_message(message)
        return None


def transport_from_env(outbox: Path) -> Transport:
    """SMTP when ``POE_SMTP_URL`` is set (with ``POE_SMTP_CA_FILE`` and
    ``POE_SMTP_ALLOW_PLAINTEXT_AUTH``), else ``.eml`` files in ``outbox``."""
    url = os.environ.get(SMTP_URL_ENV)
    if not url:
        return EmlFolderTransport(outbox)
    return SmtpTransport(
        url,
        ca_file=os.environ.get(SMTP_CA_FILE_ENV) or None,
        allow_plaintext_auth=os.environ.get(SMTP_PLAINTEXT_AUTH_ENV, "").strip().lower() in ("1", "true", "yes"),
    )
