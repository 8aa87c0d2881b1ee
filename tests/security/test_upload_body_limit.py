"""Issue 13, Low: a 60 MB upload was read whole before the 50 MB check. The body is now capped
while it streams in: 413 with the standard error body, the rest never read."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from delivery.web import uploads
from tests.security.helpers import request_info, upload
from tests.web.conftest import csrf_of

CAP = 10_000


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "_limits", lambda: (None, CAP))


def test_oversized_upload_is_answered_413_with_the_standard_error_body(client_for, small_cap: None) -> None:  # type: ignore[no-untyped-def]
    request_info(client_for)
    fab = client_for("fab")
    r = upload(fab, "1000001", "big.pdf", b"%PDF-" + b"0" * (CAP + 400_000))
    assert r.status_code == 413, r.text
    assert r.json()["error"] == "request_too_large" and "larger than" in r.json()["message"]
    claim = fab.get("/api/claims/1000001").json()
    assert claim["current_submission"] == 1 and claim["status"] == "Partner action required"


def test_oversized_form_upload_gets_the_error_page(client_for, small_cap: None) -> None:  # type: ignore[no-untyped-def]
    request_info(client_for)
    fab = client_for("fab")
    r = fab.post("/claims/1000001/documents", data={"csrf_token": csrf_of(fab)},
                 files={"files": ("big.pdf", b"%PDF-" + b"0" * (CAP + 400_000), "application/pdf")})
    assert r.status_code == 413 and 'data-testid="error"' in r.text


def test_a_body_without_length_is_not_read_past_the_cap(app_for, client_for, small_cap: None) -> None:  # type: ignore[no-untyped-def]
    """Straight through ASGI (the test client would buffer the body): a chunked upload of
    100 x 64 KB stops being read just past the cap."""
    request_info(client_for)
    fab = client_for("fab")
    token = csrf_of(fab)
    cookie = "; ".join(f"{k}={v}" for k, v in fab.cookies.items())
    chunk = b"x" * 65536
    sent = {"chunks": 0}
    status: dict[str, Any] = {}

    head = b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n'

    async def receive() -> dict[str, Any]:
        sent["chunks"] += 1
        body = head + chunk if sent["chunks"] == 1 else chunk
        return {"type": "http.request", "body": body, "more_body": sent["chunks"] < 100}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status["code"] = message["status"]

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/api/claims/1000001/documents", "raw_path": b"/api/claims/1000001/documents", "query_string": b"",
        "root_path": "", "server": ("testserver", 80), "client": ("127.0.0.1", 1),
        "headers": [(b"host", b"testserver"), (b"cookie", cookie.encode()), (b"x-csrf-token", token.encode()),
                    (b"content-type", b"multipart/form-data; boundary=xyz")],
    }
    asyncio.run(app_for(scope, receive, send))
    assert status["code"] == 413
    limit = uploads.upload_body_limit()
    assert sent["chunks"] <= limit // len(chunk) + 2


def test_other_requests_are_capped_too(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    r = rita.post("/api/claims/1000001/decision", content=b'{"decision": "approve", "note": "' + b"a" * 2_000_000 + b'"}',
                  headers={"X-CSRF-Token": csrf_of(rita), "content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"] == "request_too_large"
