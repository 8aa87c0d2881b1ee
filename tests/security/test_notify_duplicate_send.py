"""Attack surface: the nightly run dies after the SMTP server accepted a consent e-mail but before
the outbox marked it sent (two transactions). The next run must not send a second, different-
looking copy silently: the attempt was recorded first, the copy carries the same Message-ID (so
receiving systems drop it), and the report and the claim's history say it was re-sent."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from pipeline.clock import FixedClock
from pipeline.notify.outbox import Notifier
from pipeline.notify.transports import SmtpTransport
from pipeline.service import ClaimService
from pipeline.store.db import session_scope
from pipeline.store.schema import HistoryRow, NotificationRow
from tests.notify.smtp_fake import SmtpFake
from tests.notify.test_outbox import EXO, analysed
from tests.pipeline.conftest import START
from tests.pipeline.test_service import REVIEWER, m365


class CrashAfterSend:
    """Hands the message to the SMTP server, then the process 'dies' before recording it."""

    name = "smtp"

    def __init__(self, inner: SmtpTransport) -> None:
        self.inner = inner

    def send(self, message: EmailMessage) -> None:
        self.inner.send(message)
        raise SystemExit("killed between send and commit")


def test_crash_between_send_and_mark_is_resent_once_with_same_message_id(
    service: ClaimService, engine: Engine, clock: FixedClock, tmp_path: Path
) -> None:
    analysed(service, tmp_path, m365("1000005", "111", "Fabrikam", [EXO]))
    service.decide(REVIEWER, "1000005", "approve", "ok")
    with SmtpFake() as smtp:
        smtp_transport = SmtpTransport(smtp.url)
        with pytest.raises(SystemExit):
            Notifier(engine, CrashAfterSend(smtp_transport), b"k", clock, base_url="https://poe.example").run()
        with session_scope(engine) as s:
            (row,) = s.scalars(select(NotificationRow))
            # The attempt was committed before the send: the outcome is known to be unknown.
            assert row.sent_at is None and row.attempted_at == START and row.message_id

        # A run a few minutes later leaves it alone (it may still be in another run's hands).
        soon = Notifier(engine, smtp_transport, b"k", FixedClock(START + timedelta(minutes=5))).run()
        assert (soon.sent, soon.unconfirmed, len(smtp.received)) == (0, 0, 1)
        assert "not recorded yet" in soon.warnings[0]

        later = Notifier(engine, smtp_transport, b"k", FixedClock(START + timedelta(hours=1))).run()
        assert (later.sent, later.failed, later.unconfirmed) == (1, 0, 1)
        assert "never confirmed" in later.warnings[0]
        again = Notifier(engine, smtp_transport, b"k", FixedClock(START + timedelta(hours=2))).run()
        assert again.sent == 0 and len(smtp.received) == 2

    first, second = (email.message_from_bytes(r.data, policy=email.policy.default) for r in smtp.received)
    assert first["Message-ID"] == second["Message-ID"] == row.message_id
    with session_scope(engine) as s:
        (notified,) = s.scalars(select(HistoryRow).where(HistoryRow.action == "notified"))
    assert notified.details["unconfirmed_attempt_at"] == START.isoformat()
    assert notified.details["message_id"] == row.message_id
