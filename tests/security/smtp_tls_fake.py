"""An SMTP server on 127.0.0.1 for the attack tests: offers STARTTLS (with a given certificate)
or not, accepts AUTH PLAIN/LOGIN and records whether each command arrived inside TLS."""

from __future__ import annotations

import base64
import shutil
import socketserver
import ssl
import subprocess
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType

import pytest

from tests.notify.smtp_fake import read_data, serve


def consent_message() -> EmailMessage:
    """A small message for the transport to send."""
    msg = EmailMessage()
    msg["From"] = "no-reply@poe.example"
    msg["To"] = "customer@contoso.example"
    msg["Subject"] = "consent"
    msg.set_content("hello")
    return msg


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (IP SAN) signed by nobody a client trusts by default."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no certificate for the fake SMTP server")
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


@dataclass
class TlsSmtpFake:
    cert: Path | None = None  # None: STARTTLS is not offered
    key: Path | None = None
    auths: list[tuple[str, bool]] = field(default_factory=list)  # (credentials, over TLS)
    received: list[bytes] = field(default_factory=list)
    handshake_errors: list[str] = field(default_factory=list)

    def __enter__(self) -> TlsSmtpFake:
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            tls = False

            def reply(self, line: str) -> None:
                self.wfile.write((line + "\r\n").encode())
                self.wfile.flush()

            def starttls(self) -> bool:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain(str(fake.cert), str(fake.key))
                self.reply("220 go ahead")
                try:
                    self.connection = context.wrap_socket(self.connection, server_side=True)
                except (ssl.SSLError, OSError) as exc:
                    fake.handshake_errors.append(str(exc))
                    return False
                self.rfile = self.connection.makefile("rb")
                self.wfile = self.connection.makefile("wb")
                self.tls = True
                return True

            def handle(self) -> None:
                self.reply("220 fake ESMTP")
                while raw := self.rfile.readline():
                    cmd = raw.decode().strip()
                    verb = cmd.split(" ", 1)[0].upper()
                    if verb == "EHLO":
                        offers = ["250-fake", "250-AUTH PLAIN LOGIN"]
                        if fake.cert and not self.tls:
                            offers.append("250-STARTTLS")
                        self.reply("\r\n".join(offers + ["250 8BITMIME"]))
                    elif verb == "STARTTLS" and fake.cert:
                        if not self.starttls():
                            return
                    elif verb == "AUTH":
                        parts = cmd.split(" ")
                        secret = base64.b64decode(parts[2]).decode() if len(parts) > 2 else ""
                        fake.auths.append((secret, self.tls))
                        self.reply("235 ok")
                    elif verb == "DATA":
                        fake.received.append(read_data(self))
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("250 ok")

        self.server = serve(Handler)
        return self

    def url(self, user: str = "mailer", password: str = "s3cret-pass") -> str:
        host, port = self.server.server_address[:2]
        return f"smtp://{user}:{password}@{host}:{port}"

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.server.shutdown()
        self.server.server_close()
