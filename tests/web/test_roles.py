"""Every route with every role (D-1), partners kept to their own organisation's claims."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of
from tests.web.store_builder import FABRIKAM, NORTHWIND, Built

ROLES = ("anon", "rita", "ana", "fab", "nw")  # reviewer, analyst, Fabrikam admin, Northwind user
OWN = "1000001"  # Fabrikam's claim

# (path, {role: expected status}); anon pages redirect to sign-in (303), the API answers 401.
GETS: list[tuple[str, dict[str, int]]] = [
    ("/queue", {"anon": 303, "rita": 200, "ana": 200, "fab": 403, "nw": 403}),
    (f"/claims/{OWN}", {"anon": 303, "rita": 200, "ana": 200, "fab": 200, "nw": 404}),
    (f"/claims/{OWN}/documents/0", {"anon": 303, "rita": 200, "ana": 200, "fab": 200, "nw": 404}),
    (f"/claims/{OWN}/documents/0?ev=0", {"anon": 303, "rita": 200, "ana": 200, "fab": 200, "nw": 404}),
    # Analysts get the redacted text, never the raw file or a page image (issue 13).
    (f"/claims/{OWN}/documents/0/pages/1.png", {"anon": 303, "rita": 200, "ana": 403, "fab": 200, "nw": 404}),
    (f"/claims/{OWN}/documents/1/file", {"anon": 303, "rita": 200, "ana": 403, "fab": 200, "nw": 404}),
    ("/conflicts/{conflict}", {"anon": 303, "rita": 200, "ana": 200, "fab": 403, "nw": 403}),
    ("/partner", {"anon": 303, "rita": 403, "ana": 403, "fab": 200, "nw": 200}),
    ("/analyst", {"anon": 303, "rita": 200, "ana": 200, "fab": 403, "nw": 403}),
    ("/reports", {"anon": 303, "rita": 200, "ana": 200, "fab": 403, "nw": 403}),
    ("/api/me", {"anon": 401, "rita": 200, "ana": 200, "fab": 200, "nw": 200}),
    ("/api/queue", {"anon": 401, "rita": 200, "ana": 200, "fab": 403, "nw": 403}),
    ("/api/claims", {"anon": 401, "rita": 200, "ana": 200, "fab": 200, "nw": 200}),
    (f"/api/claims/{OWN}", {"anon": 401, "rita": 200, "ana": 200, "fab": 200, "nw": 404}),
    ("/api/conflicts/{conflict}", {"anon": 401, "rita": 200, "ana": 200, "fab": 403, "nw": 403}),
]

# State-changing calls, each on a fresh store; the reviewer's succeed, nobody else's do.
POSTS: list[tuple[str, str, dict[str, int]]] = [
    (f"/api/claims/{OWN}/decision", "decision", {"anon": 401, "rita": 200, "ana": 403, "fab": 403, "nw": 403}),
    ("/api/conflicts/{conflict}/decision", "conflict", {"anon": 401, "rita": 200, "ana": 403, "fab": 403, "nw": 403}),
    # Fabrikam's claim is Under review: the upload area is closed (409); Northwind never sees it (404).
    (f"/api/claims/{OWN}/documents", "upload", {"anon": 401, "rita": 403, "ana": 403, "fab": 409, "nw": 404}),
    (f"/api/claims/{OWN}/resubmit", "empty", {"anon": 401, "rita": 403, "ana": 403, "fab": 409, "nw": 404}),
    ("/api/conflicts/{conflict}/request-info", "conflict_info", {"anon": 401, "rita": 200, "ana": 403, "fab": 403, "nw": 403}),
    (f"/api/claims/{OWN}/products", "products", {"anon": 401, "rita": 403, "ana": 403, "fab": 409, "nw": 404}),
    (f"/claims/{OWN}/decision", "form", {"anon": 303, "rita": 303, "ana": 403, "fab": 403, "nw": 403}),
]


def _client(client_for, role: str) -> TestClient:  # type: ignore[no-untyped-def]
    return client_for(None if role == "anon" else role)


@pytest.mark.parametrize("role", ROLES)
def test_every_get_route_with_every_role(client_for, built: Built, role: str) -> None:  # type: ignore[no-untyped-def]
    client = _client(client_for, role)
    for path, expected in GETS:
        url = path.format(conflict=built.conflict_id)
        r = client.get(url)
        assert r.status_code == expected[role], f"{role} GET {url}: {r.status_code} {r.text[:300]}"
        if r.status_code == 303:
            assert r.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path,kind,expected", POSTS, ids=[p[0] for p in POSTS])
def test_every_post_route_with_every_role(client_for, built: Built, role: str, path: str, kind: str, expected: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    client = _client(client_for, role)
    headers = {} if role == "anon" else {"X-CSRF-Token": csrf_of(client)}
    url = path.format(conflict=built.conflict_id)
    if kind == "decision":
        r = client.post(url, json={"decision": "request_info", "requests": ["Upload the signed SOW"]}, headers=headers)
    elif kind == "conflict":
        r = client.post(url, json={"winner": "1000002"}, headers=headers)
    elif kind == "upload":
        r = client.post(url, files={"files": ("more.txt", b"Signed by Contoso", "text/plain")}, headers=headers)
    elif kind == "conflict_info":
        r = client.post(url, json={"requests": {"1000002": ["Name the growth targets"], "1000003": ["Sign"]}}, headers=headers)
    elif kind == "products":
        r = client.post(url, json={"keep": ["D365_SALES_ENT"]}, headers=headers)
    elif kind == "form":
        data = {"decision": "request_info", "requests": "Upload the signed SOW", "csrf_token": headers.get("X-CSRF-Token", "")}
        r = client.post(url, data=data)
    else:
        r = client.post(url, headers=headers)
    assert r.status_code == expected[role], f"{role} POST {url}: {r.status_code} {r.text[:300]}"


def test_partner_cannot_reach_another_partners_claim_by_id(client_for, built: Built) -> None:  # type: ignore[no-untyped-def]
    """Northwind guesses Fabrikam's claim IDs, including the one competing with its own claim."""
    nw = client_for("nw")
    token = csrf_of(nw)
    for cid in ("1000001", "1000003", "1000004"):
        for url in (f"/claims/{cid}", f"/claims/{cid}/documents/0", f"/claims/{cid}/documents/0/file", f"/claims/{cid}/documents/0/pages/1.png", f"/api/claims/{cid}"):
            r = nw.get(url)
            assert r.status_code == 404, (url, r.status_code)
            assert "Fabrikam" not in r.text and FABRIKAM[0] not in r.text
        r = nw.post(f"/api/claims/{cid}/documents", files={"files": ("x.txt", b"x", "text/plain")}, headers={"X-CSRF-Token": token})
        assert r.status_code == 404
        assert nw.post(f"/api/claims/{cid}/resubmit", headers={"X-CSRF-Token": token}).status_code == 404
    listed = {c["claim_id"] for c in nw.get("/api/claims").json()}
    assert listed == {"1000002", "1000005"}
    page = nw.get("/partner").text
    assert "1000001" not in page and "1000003" not in page and "Fabrikam" not in page


def test_partner_never_sees_the_other_side_of_a_conflict(client_for, built: Built) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    r = rita.post(f"/api/conflicts/{built.conflict_id}/decision", json={"winner": "1000002"}, headers={"X-CSRF-Token": csrf_of(rita)})
    assert r.status_code == 200, r.text
    # Fabrikam lost EXO to Northwind (D-6): its claim is closed, and says so without naming anyone.
    fab = client_for("fab")
    for url in ("/claims/1000003", "/api/claims/1000003"):
        text = fab.get(url).text
        assert "Rejected" in text
        for secret in ("1000002", NORTHWIND[0], NORTHWIND[1], "Northwind"):
            assert secret not in text, (url, secret)
    assert "another partner" in fab.get("/claims/1000003").text
    # Northwind's winning claim does not name Fabrikam either.
    nw = client_for("nw")
    for url in ("/claims/1000002", "/api/claims/1000002", "/api/claims"):
        text = nw.get(url).text
        for secret in ("1000003", FABRIKAM[0], FABRIKAM[1], "Fabrikam"):
            assert secret not in text, (url, secret)
    assert nw.get(f"/conflicts/{built.conflict_id}").status_code == 403


def test_analyst_sees_no_contacts(client_for) -> None:  # type: ignore[no-untyped-def]
    ana = client_for("ana")
    for url in ("/claims/1000001", "/api/claims/1000001"):
        text = ana.get(url).text
        assert "teo.lupu@contoso.example" not in text and "Teo Lupu" not in text.replace("/s/ Teo Lupu", "")
        assert "contact@4412093.example" not in text
    page = ana.get("/claims/1000001").text
    assert "Record decision" not in page  # no decision form for analysts


def test_reviewer_sees_contacts_and_decision_form(client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("rita").get("/claims/1000001").text
    assert "teo.lupu@contoso.example" in page and "Record decision" in page


def test_api_never_shows_where_document_bytes_are_kept(client_for, built: Built) -> None:  # type: ignore[no-untyped-def]
    for user in ("rita", "ana", "fab"):
        text = client_for(user).get(f"/api/claims/{OWN}").text
        assert "stored_path" not in text and str(built.data_dir) not in text
