"""Attack: guess passwords at full speed. Review found 30 wrong passwords answered, then the right
one let the caller in. Now failures are counted per account and per client address in the store
(so every worker and a restart see them); a locked account or address is refused even with the
right password, told until when, and the lock lifts after that time or by an administrator."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from delivery.cli import app as cli
from delivery.web import throttle
from tests.security.web_app import PASSWORD, make_site


def _login(client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/api/login", json={"username": username, "password": password})


def test_thirty_wrong_passwords_then_the_right_one_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    with site.client() as client:
        answers = [_login(client, "rita", f"guess-{i}").status_code for i in range(30)]
        assert answers[: throttle.ACCOUNT_LIMIT - 1] == [401] * (throttle.ACCOUNT_LIMIT - 1)
        assert set(answers[throttle.ACCOUNT_LIMIT - 1 :]) == {429}
        right = _login(client, "rita", PASSWORD)
        assert right.status_code == 429
        assert right.json()["error"] == "login_locked" and "locked until" in right.json()["message"]
        assert 0 < int(right.headers["Retry-After"]) <= throttle.LOCKOUT.total_seconds() + 1
        assert client.get("/api/me").status_code == 401

        # A restarted server (a new app on the same store) still refuses.
        with site.client() as restarted:
            assert _login(restarted, "rita", PASSWORD).status_code == 429
        # The sign-in page says so too, with the time it lifts.
        form = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token is not None
        page = client.post("/login", data={"username": "rita", "password": PASSWORD, "csrf_token": token.group(1)})
        assert page.status_code == 429 and "locked until" in page.text and "Retry-After" in page.headers

        site.clock.advance(throttle.LOCKOUT + timedelta(seconds=1))
        assert _login(client, "rita", PASSWORD).status_code == 200


def test_many_accounts_from_one_address_lock_the_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throttle, "ADDRESS_LIMIT", 8)  # fewer argon2 checks than the real 20: a faster test
    site = make_site(tmp_path)
    with site.client(address="198.51.100.9") as attacker, site.client(address="192.0.2.1") as colleague:
        codes = [_login(attacker, f"user{i}", "guess").status_code for i in range(throttle.ADDRESS_LIMIT + 2)]
        assert codes[-1] == 429 and "from this address" in _login(attacker, "pam", PASSWORD).json()["message"]
        # Another address is not affected, and none of the guessed accounts was locked by it.
        assert _login(colleague, "pam", PASSWORD).status_code == 200


def test_administrator_lifts_a_lock(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    with site.client() as client:
        for _ in range(throttle.ACCOUNT_LIMIT):
            _login(client, "rita", "wrong password")
        assert _login(client, "rita", PASSWORD).status_code == 429
        db = f"sqlite:///{tmp_path / 'store.db'}"
        listed = CliRunner().invoke(cli, ["users", "unlock", "--db", db])
        assert listed.exit_code == 0 and "account\trita\tuntil" in listed.output
        out = CliRunner().invoke(cli, ["users", "unlock", "rita", "--db", db])
        assert out.exit_code == 0, out.output
        assert _login(client, "rita", PASSWORD).status_code == 200
