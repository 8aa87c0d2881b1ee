"""Shared steps of the attack tests (not tests)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of


def request_info(client_for: Any, claim_id: str = "1000001") -> None:
    """A reviewer asks the partner for more POE: the claim opens for uploads (D-15)."""
    rita = client_for("rita")
    r = rita.post(
        f"/api/claims/{claim_id}/decision",
        json={"decision": "request_info", "requests": ["Upload the SOW signed by the customer"]},
        headers={"X-CSRF-Token": csrf_of(rita)},
    )
    assert r.status_code == 200, r.text


def upload(client: TestClient, claim_id: str, name: str, content: bytes) -> Any:
    return client.post(
        f"/api/claims/{claim_id}/documents",
        files={"files": (name, content, "application/octet-stream")},
        headers={"X-CSRF-Token": csrf_of(client)},
    )
