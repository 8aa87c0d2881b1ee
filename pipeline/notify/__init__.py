"""Customer and partner notifications (D-15, D-17, D-19..D-21): templates, outbox, delivery."""

from pipeline.notify.outbox import Notifier, NotifyReport, notify_pending
from pipeline.notify.tokens import InvalidConsentToken, consent_secret, make_consent_token, read_consent_token
from pipeline.notify.transports import EmlFolderTransport, SmtpTransport, transport_from_env

__all__ = [
    "EmlFolderTransport",
    "InvalidConsentToken",
    "Notifier",
    "NotifyReport",
    "SmtpTransport",
    "consent_secret",
    "make_consent_token",
    "notify_pending",
    "read_consent_token",
    "transport_from_env",
]
