"""Attack: read the session cookie off a plain-HTTP request (a downgraded link, a captive portal).
The cookie is Secure by default, so browsers send it over HTTPS only; only an explicit setting for
local HTTP (POE_WEB_INSECURE_COOKIES=1, ``poe-review serve --insecure-cookies``) drops the flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.web_app import PASSWORD, make_site


def _set_cookie(site, **kwargs: object) -> str:  # type: ignore[no-untyped-def]
    client = site.client(site.app(**kwargs))
    r = client.post("/api/login", json={"username": "rita", "password": PASSWORD})
    assert r.status_code == 200, r.text
    return str(r.headers["set-cookie"]).lower()


def test_session_cookie_is_secure_unless_local_http_is_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path)
    monkeypatch.delenv("POE_WEB_INSECURE_COOKIES", raising=False)
    cookie = _set_cookie(site)
    assert "poe_session=" in cookie and "; secure" in cookie and "httponly" in cookie

    monkeypatch.setenv("POE_WEB_INSECURE_COOKIES", "1")
    assert "; secure" not in _set_cookie(site)
    assert "; secure" not in _set_cookie(site, secure_cookies=False)


def test_serve_offers_the_local_http_switch() -> None:
    from typer.testing import CliRunner

    from delivery.cli import app

    out = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert out.exit_code == 0 and "--insecure-cookies" in out.output
