"""Attack: keep (or steal) a session cookie and use it after its owner signed out. The signed
cookie used to stay valid for 8 h; now the session lives in the store and signing out revokes it,
so the copied cookie is refused on the very next request. Sessions also end 8 h after sign-in
whatever the cookie says, and replacing an account's password ends its sessions."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from delivery.cli import app as cli
from delivery.web.accounts import add_user
from delivery.web.sessions import SESSION_TTL
from tests.security.web_app import PASSWORD, make_site


def _signed_in(site, app):  # type: ignore[no-untyped-def]
    client = site.client(app)
    r = client.post("/api/login", json={"username": "rita", "password": PASSWORD})
    assert r.status_code == 200, r.text
    return client, r.json()["csrf_token"]


def test_cookie_copied_before_logout_is_refused_after_it(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    app = site.app()
    owner, csrf = _signed_in(site, app)
    stolen = dict(owner.cookies)
    assert owner.get("/api/me").status_code == 200
    assert owner.post("/api/logout", headers={"X-CSRF-Token": csrf}).status_code == 200

    thief = site.client(app)
    thief.cookies.update(stolen)
    assert thief.get("/api/me").status_code == 401
    assert thief.get("/queue").status_code == 303  # the pages send it to sign in


def test_session_ends_after_its_lifetime_and_when_the_account_is_replaced(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    app = site.app()
    first, _ = _signed_in(site, app)
    site.clock.advance(SESSION_TTL)
    assert first.get("/api/me").status_code == 401

    second, _ = _signed_in(site, app)
    assert second.get("/api/me").status_code == 200
    add_user(site.engine, "rita", "reviewer", "a new password 2", replace=True)
    assert second.get("/api/me").status_code == 401

    third = site.client(app)
    assert third.post("/api/login", json={"username": "rita", "password": "a new password 2"}).status_code == 200
    out = CliRunner().invoke(cli, ["users", "sign-out", "rita", "--db", f"sqlite:///{tmp_path / 'store.db'}"])
    assert out.exit_code == 0 and "revoked 1 session" in out.output
    assert third.get("/api/me").status_code == 401
