"""Attack: a man in the middle strips STARTTLS from the server's EHLO answer, and the sender then
hands over the SMTP password in clear text. The password is never sent without TLS unless the
operator says so (POE_SMTP_ALLOW_PLAINTEXT_AUTH=1, for a trusted local relay)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.notify.transports import SmtpSecurityError, SmtpTransport, transport_from_env
from tests.security.smtp_tls_fake import TlsSmtpFake, consent_message


def test_password_is_not_sent_when_starttls_is_not_offered() -> None:
    # No certificate: STARTTLS is not offered.
    with TlsSmtpFake() as server, pytest.raises(SmtpSecurityError, match="offers no STARTTLS"):
        SmtpTransport(server.url()).send(consent_message())
    assert server.auths == [] and server.received == []


def test_plaintext_auth_only_when_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with TlsSmtpFake() as server:
        monkeypatch.setenv("POE_SMTP_URL", server.url())
        monkeypatch.setenv("POE_SMTP_ALLOW_PLAINTEXT_AUTH", "1")
        transport_from_env(tmp_path).send(consent_message())
    assert server.auths == [("\0mailer\0s3cret-pass", False)] and len(server.received) == 1
