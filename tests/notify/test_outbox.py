"""Outbox from the history (D-15, D-17, D-19): once per transition, retried on failure, recorded."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from pipeline.clock import FixedClock
from pipeline.notify.outbox import Notifier
from pipeline.notify.tokens import read_consent_token
from pipeline.notify.transports import EmlFolderTransport
from pipeline.service import ClaimService
from pipeline.store.db import session_scope
from pipeline.store.schema import HistoryRow, NotificationRow
from tests.pipeline.claim_factory import SUB_1, partner_claim, write_tenants
from tests.pipeline.conftest import START
from tests.pipeline.test_service import REVIEWER, m365, result, take_in

SECRET = b"test-secret"
EXO = {"name": "Exchange Online", "code": "EXO"}


class FakeTransport:
    """Records what was sent; fails the first ``failures`` sends."""

    name = "fake"

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.sent: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError("smtp.example:587 refused the connection")
        self.sent.append(message)


def notifier(engine: Engine, clock: FixedClock, transport: Any) -> Notifier:
    return Notifier(engine, transport, SECRET, clock, base_url="https://poe.example")


def analysed(service: ClaimService, tmp_path: Path, *claims: dict[str, Any], tenants: bool = False) -> None:
    if tenants:
        write_tenants(tmp_path / "inbox")
    take_in(service, tmp_path, *claims)
    for cid, seq in service.pending_analysis():
        service.record_analysis(cid, seq, result(cid))


def history(engine: Engine, claim_id: str, action: str) -> list[HistoryRow]:
    with session_scope(engine) as s:
        return list(s.scalars(select(HistoryRow).where(HistoryRow.claim_id == claim_id, HistoryRow.action == action)))


def outbox_table(engine: Engine) -> dict[str, dict[str, int]]:
    """The report's notification table (pipeline.reports.metrics.notification_status)."""
    from pipeline.reports.frames import load_frames
    from pipeline.reports.metrics import notification_status

    return {k: {c: int(v) for c, v in row.items()} for k, row in notification_status(load_frames(engine)).iterrows()}


def notifications(engine: Engine) -> list[NotificationRow]:
    with session_scope(engine) as s:
        return list(s.scalars(select(NotificationRow).order_by(NotificationRow.id)))


def test_approval_sends_one_consent_email_to_customer_and_admin_never_partner(
    service: ClaimService, engine: Engine, clock: FixedClock, tmp_path: Path
) -> None:
    claim = m365("1000005", "111", "Fabrikam Consulting", [EXO])
    analysed(service, tmp_path, claim)
    service.decide(REVIEWER, "1000005", "approve", "POE complete")
    outbox = tmp_path / "outbox"
    n = notifier(engine, clock, EmlFolderTransport(outbox))
    report = n.run()
    assert (report.queued, report.sent, report.failed) == (1, 1, 0)
    files = list(outbox.glob("*.eml"))
    assert len(files) == 1
    msg = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert msg["To"] == "teo.lupu@contoso.example" and msg["Cc"] == "admin@contoso.example"
    assert "pc@111.example" not in str(msg["To"]) + str(msg["Cc"]) + str(msg.get("Bcc", ""))
    body = msg.get_body(("plain",)).get_content()
    assert "Fabrikam Consulting is requesting to be associated with your Microsoft 365 implementation." in body
    assert "Product(s): [EXCHANGE ONLINE, EXO]" in body and "Partner contact email: pc@111.example" in body
    link = next(w for w in body.split() if "/consent/" in w)
    assert link.startswith("https://poe.example/consent/")
    assert read_consent_token(link.rsplit("/", 1)[1], SECRET) == "1000005"
    (row,) = notifications(engine)
    assert row.kind == "consent" and row.sent_at == START and row.attempts == 1 and row.eml_path == str(files[0])
    assert "pc@111.example" not in row.recipients
    (note,) = history(engine, "1000005", "notified")
    assert note.details["kind"] == "consent" and "D-19" in note.reason
    # Idempotent: re-runs, later, queue and send nothing more.
    clock.advance(days=1)
    again = n.run()
    assert (again.queued, again.sent) == (0, 0)
    assert len(list(outbox.glob("*.eml"))) == 1 and len(history(engine, "1000005", "notified")) == 1


def test_bizapps_consent_lists_subscription_and_country_from_tenant_directory(
    service: ClaimService, engine: Engine, clock: FixedClock, tmp_path: Path
) -> None:
    claim = partner_claim("1000004", "111", "FridayINC")  # Business Applications, SUB_1 on TENANT_A
    analysed(service, tmp_path, claim, tenants=True)
    service.decide(REVIEWER, "1000004", "approve", "ok")
    fake = FakeTransport()
    notifier(engine, clock, fake).run()
    (msg,) = fake.sent
    body = msg.get_body(("plain",)).get_content()
    assert f"Subscription(s): [DYNAMICS 365 SALES ENTERPRISE, {SUB_1.upper()}, United States]" in body
    assert "Customer name: Contoso Ltd" in body  # the tenant directory's name
    assert "A Microsoft partner is requesting to be associated with your implementation of Dynamics 365." in body


def test_no_consent_email_for_revenue_association(
    service: ClaimService, engine: Engine, clock: FixedClock, tmp_path: Path
) -> None:
    claim = partner_claim("1000007", "111", "FridayINC", program="OSA Sell", activity="Revenue association")
    analysed(service, tmp_path, claim)
    service.decide(REVIEWER, "1000007", "approve", "ok")
    fake = FakeTransport()
    report = notifier(engine, clock, fake).run()
    assert report.queued == 0 and fake.sent == [] and notifications(engine) == []


def test_partner_action_required_email_then_one_reminder_before_the_deadline(
    service: ClaimService, engine: Engine, clock: FixedClock, tmp_path: Path
) -> None:
    analysed(service, tmp_path, m365("1000006", "222", "Northwind", [EXO]))
    service.decide(REVIEWER, "1000006", "request_info", "Need more", requests=["Signed SOW", "Milestone dates"])
    fake = FakeTransport()
    n = notifier(engine, clock, fake)
    n.run()
    (msg,) = fake.sent
    assert msg["To"] == "pc@222.example" and msg["Cc"] is None
    body = msg.get_body(("plain",)).get_content()
    assert "1. Signed SOW" in body and "2. Milestone dates" in body and "Respond by 02 December 2026" in body
    clock.advance(days=22)  # 8 days left: too early for the reminder
    assert n.run().sent == 1 - 1
    clock.advance(days=1)  # 7 days left
    assert n.run().sent == 1 and n.run().sent == 0
    assert [m["X-Poe-Kind"] for m in fake.sent] == ["action_required", "action_reminder"]
    assert "7 days left" in fake.sent[1]["Subject"]
    clock.advance(days=8)
    service.tick()  # D-15: rejected; no further reminder
    assert n.run().queued == 0 and len(fake.sent) == 2
    assert [h.details["kind"] for h in history(engine, "1000006", "notified")] == ["action_required", "action_reminder"]


def test_failed_send_is_kept_and_retried_without_touching_the_claim(
    service: ClaimService, engine: Engine, clock: FixedClock, tmp_path: Path
) -> None:
    analysed(service, tmp_path, m365("1000005", "111", "Fabrikam", [EXO]))
    service.decide(REVIEWER, "1000005", "approve", "ok")
    flaky = FakeTransport(failures=1)
    n = notifier(engine, clock, flaky)
    first = n.run()
    assert (first.queued, first.sent, first.failed) == (1, 0, 1) and "refused" in first.errors[0]
    (row,) = notifications(engine)
    assert row.sent_at is None and row.attempts == 1 and "ConnectionRefusedError" in (row.last_error or "")
    assert service.get_claim(REVIEWER, "1000005").status == "Approved"
    assert history(engine, "1000005", "notified") == []
    assert outbox_table(engine) == {"consent": {"sent": 0, "failed, will retry": 1, "queued": 0, "no recipient": 0}}
    clock.advance(hours=24)
    second = n.run()
    assert (second.queued, second.sent, second.failed) == (0, 1, 0)
    (row,) = notifications(engine)
    assert row.sent_at == START + timedelta(hours=24) and row.attempts == 2 and row.last_error is None
    assert len(flaky.sent) == 1 and history(engine, "1000005", "notified")[0].details["attempt"] == 2
    assert outbox_table(engine)["consent"]["sent"] == 1


def test_transition_already_left_gets_no_message(
    service: ClaimService, engine: Engine, clock: FixedClock, tmp_path: Path
) -> None:
    analysed(service, tmp_path, m365("1000005", "111", "Fabrikam", [EXO]))
    service.decide(REVIEWER, "1000005", "approve", "ok")
    service.consent_deny(REVIEWER, "1000005", "Partner is unknown")
    fake = FakeTransport()
    assert notifier(engine, clock, fake).run().queued == 0 and fake.sent == []


def test_missing_partner_address_is_queued_as_undeliverable_not_retried(
    service: ClaimService, engine: Engine, clock: FixedClock, tmp_path: Path
) -> None:
    claim = m365("1000006", "222", "Northwind", [EXO])
    claim["partner"] = {"name": "Northwind", "contact_name": "", "contact_email": ""}
    analysed(service, tmp_path, claim)
    service.decide(REVIEWER, "1000006", "request_info", "Need more", requests=["Signed SOW"])
    fake = FakeTransport()
    report = notifier(engine, clock, fake).run()
    assert (report.queued, report.sent, report.undeliverable) == (1, 0, 1) and fake.sent == []
    (row,) = notifications(engine)
    assert row.attempts == 0 and (row.last_error or "").startswith("no recipient")
    assert outbox_table(engine)["action_required"]["no recipient"] == 1


@pytest.mark.parametrize("kind", ["smtp"])
def test_smtp_transport_parses_url(kind: str) -> None:
    from pipeline.notify.transports import SmtpTransport

    t = SmtpTransport("smtp://user%40x:p%3Ass@mail.example:587")
    assert (t.host, t.port, t.user, t.password, t.tls) == ("mail.example", 587, "user@x", "p:ss", False)
    assert SmtpTransport("smtps://mail.example").port == 465
    with pytest.raises(ValueError):
        SmtpTransport("http://mail.example")


def test_each_new_request_gets_its_own_email(
    service: ClaimService, engine: Engine, clock: FixedClock, tmp_path: Path
) -> None:
    from pipeline.roles import Actor, Role

    analysed(service, tmp_path, m365("1000006", "222", "Northwind", [EXO]))
    fake = FakeTransport()
    n = notifier(engine, clock, fake)
    service.decide(REVIEWER, "1000006", "request_info", "first", requests=["Signed SOW"])
    n.run()
    clock.advance(days=2)
    service.submit(Actor("nina", Role.INCENTIVE_USER, "222"), "1000006")
    for cid, seq in service.pending_analysis():
        service.record_analysis(cid, seq, result(cid, "request_info", 50))
    service.decide(REVIEWER, "1000006", "request_info", "second", requests=["Milestone dates"])
    n.run()
    n.run()
    assert [m["X-Poe-Kind"] for m in fake.sent] == ["action_required", "action_required"]
    assert "1. Signed SOW" in fake.sent[0].get_body(("plain",)).get_content()
    assert "1. Milestone dates" in fake.sent[1].get_body(("plain",)).get_content()
    assert fake.sent[0]["Message-ID"] != fake.sent[1]["Message-ID"]


def test_smtp_refused_then_accepted_through_notify_pending(
    service: ClaimService, engine: Engine, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.notify import notify_pending
    from tests.notify.smtp_fake import SmtpFake

    monkeypatch.setenv("POE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("POE_CONSENT_SECRET", raising=False)
    analysed(service, tmp_path, m365("1000005", "111", "Fabrikam", [EXO]))
    service.decide(REVIEWER, "1000005", "approve", "ok")
    with SmtpFake(refuse=1) as smtp:
        monkeypatch.setenv("POE_SMTP_URL", smtp.url)
        first = notify_pending(engine, START)
        assert (first.queued, first.sent, first.failed) == (1, 0, 1) and "451" in first.errors[0]
        assert smtp.received == [] and service.get_claim(REVIEWER, "1000005").status == "Approved"
        second = notify_pending(engine, START + timedelta(hours=1))
        assert (second.sent, second.failed) == (1, 0)
        (got,) = smtp.received
        # SMTP envelope: the customer contact and the administrator, never the partner.
        assert sorted(got.rcpt_to) == ["admin@contoso.example", "teo.lupu@contoso.example"]
        assert b"pc@111.example" not in b"".join(line for line in got.data.splitlines(True) if line.lower().startswith((b"to:", b"cc:", b"bcc:")))
        assert b"X-Poe-File" not in got.data
        assert notify_pending(engine, START + timedelta(hours=2)).sent == 0 and len(smtp.received) == 1
    assert not (tmp_path / "data" / "outbox").exists()  # SMTP configured: no .eml files
