"""Attack: a man in the middle answers STARTTLS with a certificate of its own and reads the SMTP
password and every consent link. The server's certificate is verified (system CAs, or the
private CA named by POE_SMTP_CA_FILE); an unverified server gets no password and no message."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from pipeline.notify.transports import SmtpTransport, transport_from_env
from tests.security.smtp_tls_fake import TlsSmtpFake, consent_message, self_signed_cert


def test_untrusted_certificate_gets_neither_password_nor_mail(tmp_path: Path) -> None:
    cert, key = self_signed_cert(tmp_path)
    with TlsSmtpFake(cert, key) as server, pytest.raises(ssl.SSLCertVerificationError):
        SmtpTransport(server.url()).send(consent_message())
    assert server.auths == [] and server.received == []


def test_private_ca_file_is_trusted_and_password_goes_inside_tls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = self_signed_cert(tmp_path)
    with TlsSmtpFake(cert, key) as server:
        monkeypatch.setenv("POE_SMTP_URL", server.url())
        monkeypatch.setenv("POE_SMTP_CA_FILE", str(cert))
        transport_from_env(tmp_path).send(consent_message())
    assert server.auths == [("\0mailer\0s3cret-pass", True)] and len(server.received) == 1
