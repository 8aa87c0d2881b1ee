"""Issue 13: every route of the app x every role, generated from ``app.routes`` so a new route
cannot be left out (``test_every_route_has_a_policy`` fails until it gets an entry in POLICY).

Roles: anonymous; the customer holding the consent link of the claim; a reviewer; an analyst;
an admin (reads like staff, sees every reviewer's corrections, neither decides nor corrects);
the partner who owns the claim; a partner of another organisation. Claim routes run on two claims
of different partners *and* different customer tenants (1000001: Fabrikam on Contoso; 1000002:
Northwind on Adatum), so "partner_own"/"partner_other" swap users between them: every claim route
is tried cross-partner and cross-tenant. State-changing calls send valid requests and run on a
fresh store per route and claim; the role expected to succeed goes last, so the refusals are
checked against the untouched claim.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route

from delivery.web import create_app
from pipeline.notify.tokens import consent_secret, make_consent_token
from tests.web.store_builder import PASSWORD, Built

ROLES = ("anon", "customer", "analyst", "admin", "partner_other", "partner_own", "reviewer")
CLAIMS = {"1000001": ("fab", "nw"), "1000002": ("nw", "fab")}  # claim -> (its partner, another partner)
USERS = {"reviewer": "rita", "analyst": "ana", "admin": "adam"}



def _all(status: int, **override: int) -> dict[str, int]:
    out = dict.fromkeys(ROLES, status)
    out.update(override)
    return out


# Statuses: pages send the signed-out to sign-in (303), the API answers 401; 403 = role refused;
# 404 = a partner is never told another organisation's claim exists (D-1); 409 = the claim is
# Under review, so partner actions are closed (D-15) after the role check passed.
STAFF_PAGE = _all(403, anon=303, customer=303, analyst=200, admin=200, reviewer=200)
STAFF_API = _all(403, anon=401, customer=401, analyst=200, admin=200, reviewer=200)
ADMIN_PAGE = _all(403, anon=303, customer=303, admin=200)
ADMIN_API = _all(403, anon=401, customer=401, admin=200)
CLAIM_PAGE = _all(200, anon=303, customer=303, partner_other=404)
RAW_FILE = _all(200, anon=303, customer=303, partner_other=404, analyst=403)
CLAIM_API = _all(200, anon=401, customer=401, partner_other=404)
SIGNED_IN_API = _all(200, anon=401, customer=401)
DECIDE_API = _all(403, anon=401, customer=401, reviewer=200)
DECIDE_FORM = _all(403, anon=303, customer=303, reviewer=303)
PARTNER_API = _all(409, anon=401, customer=401, analyst=403, admin=403, reviewer=403, partner_other=404)
PARTNER_FORM = _all(303, anon=303, customer=303, analyst=403, admin=403, reviewer=403, partner_other=404)

POLICY: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/"): _all(303),
    ("GET", "/login"): _all(200),
    ("POST", "/login"): _all(401),  # wrong password for everyone
    ("POST", "/logout"): _all(303),
    ("GET", "/queue"): STAFF_PAGE,
    ("GET", "/claims/{claim_id}"): CLAIM_PAGE,
    ("POST", "/claims/{claim_id}/decision"): DECIDE_FORM,
    ("GET", "/claims/{claim_id}/documents/{doc_no}"): CLAIM_PAGE,
    ("GET", "/claims/{claim_id}/documents/{doc_no}/pages/{page}.png"): RAW_FILE,
    ("GET", "/claims/{claim_id}/documents/{doc_no}/file"): RAW_FILE,
    ("GET", "/claims/{claim_id}/timeline.{fmt}"): STAFF_PAGE,  # the audit export: never partners
    ("GET", "/queue/next"): {r: 303 if v == 200 else v for r, v in STAFF_PAGE.items()},  # staff: to the next claim
    ("GET", "/conflicts/{conflict_id}"): STAFF_PAGE,
    ("POST", "/conflicts/{conflict_id}/decision"): DECIDE_FORM,
    ("POST", "/conflicts/{conflict_id}/request-info"): DECIDE_FORM,
    ("GET", "/partner"): _all(200, anon=303, customer=303, analyst=403, admin=403, reviewer=403),
    ("POST", "/claims/{claim_id}/documents"): PARTNER_FORM,
    ("POST", "/claims/{claim_id}/products"): PARTNER_FORM,
    ("GET", "/claims/{claim_id}/resubmit"): PARTNER_FORM,  # the confirmation step (issue 15)
    ("POST", "/claims/{claim_id}/resubmit"): PARTNER_FORM,
    ("GET", "/analyst"): STAFF_PAGE,
    ("GET", "/analyst/agreement"): STAFF_PAGE,
    ("POST", "/claims/{claim_id}/corrections"): DECIDE_FORM,
    ("POST", "/api/claims/{claim_id}/corrections"): DECIDE_API,
    ("GET", "/reports"): STAFF_PAGE,
    ("GET", "/reports/{name:path}"): _all(403, anon=303, customer=303, analyst=404, admin=404, reviewer=404),
    ("GET", "/admin/corrections"): ADMIN_PAGE,
    ("GET", "/api/corrections"): ADMIN_API,
    # The consent link is the customer's only credential and opens one claim (D-17): with the
    # link anyone sees the page; a denial of a claim not Approved is refused (400) for all.
    ("GET", "/consent/{token}"): _all(200),
    ("POST", "/consent/{token}"): _all(400),
    ("POST", "/api/login"): _all(401),
    ("POST", "/api/logout"): SIGNED_IN_API,
    ("GET", "/api/me"): SIGNED_IN_API,
    ("GET", "/api/queue"): STAFF_API,
    ("GET", "/api/claims"): SIGNED_IN_API,
    ("GET", "/api/claims/{claim_id}"): CLAIM_API,
    ("POST", "/api/claims/{claim_id}/decision"): DECIDE_API,
    ("GET", "/api/conflicts/{conflict_id}"): STAFF_API,
    ("POST", "/api/conflicts/{conflict_id}/decision"): DECIDE_API,
    ("POST", "/api/conflicts/{conflict_id}/request-info"): DECIDE_API,
    ("POST", "/api/claims/{claim_id}/documents"): PARTNER_API,
    ("POST", "/api/claims/{claim_id}/products"): PARTNER_API,
    ("POST", "/api/claims/{claim_id}/resubmit"): PARTNER_API,
    ("GET", "/api/openapi.json"): SIGNED_IN_API,
    ("GET", "/api/docs"): _all(200, anon=303, customer=303),
    ("GET", "/api/docs/assets/{name}"): SIGNED_IN_API,
    ("GET", "/healthz"): _all(200),
    ("GET", "/favicon.ico"): _all(204),
    ("GET", "/static"): _all(200),  # the mount: the app's own CSS and script, public
}
FORGED_TOKEN = _all(400)  # a consent link for no claim, or another's with its signature broken


def app_routes(app: Any) -> list[tuple[str, str]]:
    """(method, path) of every route, included routers walked (FastAPI >= 0.15x includes them
    lazily: ``app.routes`` holds the routers, not their routes)."""
    return _walk(app.routes, "")


def _walk(routes: list[Any], prefix: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for route in routes:
        if hasattr(route, "original_router"):  # fastapi.routing._IncludedRouter
            out += _walk(route.original_router.routes, prefix + route.include_context.prefix)
        elif isinstance(route, Mount):
            out.append(("GET", prefix + route.path))
        elif isinstance(route, APIRoute | Route):
            out += [(m, prefix + route.path) for m in sorted(route.methods or ()) if m != "HEAD"]
        else:
            raise AssertionError(f"a route of a kind this test cannot read: {route!r}")
    return out


def test_every_route_has_a_policy(built: Built) -> None:
    app = create_app(built.engine, built.clock, secret_key="t", data_dir=built.data_dir)
    routes = set(app_routes(app))
    assert routes - set(POLICY) == set(), "new routes need an entry in POLICY"
    assert set(POLICY) - routes == set(), "POLICY names routes the app no longer has"


# --- running one route -------------------------------------------------------------------------


def _token(client: TestClient) -> str:
    me = client.get("/api/me")
    if me.status_code == 200:
        return str(me.json()["csrf_token"])
    m = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert m
    return m.group(1)


def _client(app: Any, role: str, claim_id: str, consent: str) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    own, other = CLAIMS[claim_id]
    user = {**USERS, "partner_own": own, "partner_other": other}.get(role)
    if user:
        assert client.post("/api/login", json={"username": user, "password": PASSWORD}).status_code == 200
    elif role == "customer":
        assert client.get(f"/consent/{consent}").status_code == 200
    return client


def _concrete(path: str, claim_id: str, conflict_id: int, consent: str) -> str:
    return (
        path.replace("{claim_id}", claim_id).replace("{doc_no}", "0").replace("{page}", "1")
        .replace("{conflict_id}", str(conflict_id)).replace("{name:path}", "none.html")
        .replace("{name}", "swagger-ui.css").replace("{token}", consent).replace("{fmt}", "csv")
        + ("/app.css" if path == "/static" else "") + ("?after=1000001&q=sort%3Ddue" if path == "/queue/next" else "")
    )


def _send(client: TestClient, method: str, path: str, template: str, claim_id: str) -> int:
    if method == "GET":
        return client.get(path).status_code
    token = _token(client)
    api = path.startswith("/api/")
    headers = {"X-CSRF-Token": token} if api else {}
    form: dict[str, Any] = {"csrf_token": token}
    body: dict[str, Any] = {}
    files = None
    if template.endswith("/decision") and "conflicts" in template:
        body, form = {"winner": "1000002", "note": "matrix"}, {**form, "winner": "1000002", "note": "matrix"}
    elif template.endswith("/decision"):
        # An overrule on the claim page must say which criteria were wrong, or a policy exception.
        body = {"decision": "request_info", "note": "matrix", "requests": ["x"]}
        form = {**form, "decision": "request_info", "note": "matrix", "requests": "x", "policy_exception": "true"}
    elif template.endswith("/corrections"):  # growth is 'unclear' on every claim of the store
        body = {"corrections": [{"criterion": "growth_activities", "verdict": "met"}]}
        form = {**form, "criterion": "growth_activities", "verdict": "met"}
    elif template.endswith("/request-info"):
        body = {"requests": {"1000002": ["x"], "1000003": ["x"]}, "note": "matrix"}
        form = {**form, "requests_1000002": "x", "note": "matrix"}
    elif template.endswith("/documents"):
        files = {"files": ("ack.txt", b"Acknowledged by the customer.", "text/plain")}
    elif template.endswith("/products"):
        body, form = {"keep": ["D365_SALES_ENT", "EXO"]}, {**form, "keep": ["D365_SALES_ENT", "EXO"]}
    elif template in ("/login", "/api/login"):
        # A username of its own per role: six failures on one account would lock it (throttling),
        # and the reviewer's client signs in as rita last.
        who = f"nobody-{id(client)}"
        body, form = {"username": who, "password": "wrong wrong"}, {**form, "username": who, "password": "wrong wrong"}
    elif template == "/consent/{token}":
        form = {**form, "reason": "I did not work with this partner", "comment": ""}
    if api:
        if files:
            return client.post(path, files=files, headers=headers).status_code
        return client.post(path, json=body, headers=headers).status_code
    return client.post(path, data=form, files=files).status_code


def _cases() -> list[tuple[str, str, str]]:
    out = []
    for method, path in POLICY:
        claims = list(CLAIMS) if "{claim_id}" in path else ["1000001"]
        out += [(method, path, c) for c in claims]
    return out


@pytest.mark.parametrize(("method", "template", "claim_id"), _cases())
def test_route_by_role(built: Built, method: str, template: str, claim_id: str) -> None:
    app = create_app(built.engine, built.clock, secret_key="matrix", data_dir=built.data_dir)
    consent = make_consent_token(claim_id, consent_secret(built.data_dir))
    path = _concrete(template, claim_id, built.conflict_id, consent)
    expected = POLICY[(method, template)]
    got = {}
    for role in ROLES:  # the reviewer (the one who may change things) last
        client = _client(app, role, claim_id, consent)
        got[role] = _send(client, method, path, template, claim_id)
        client.close()
    assert got == expected, f"{method} {path}"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_forged_consent_link(built: Built, method: str) -> None:
    app = create_app(built.engine, built.clock, secret_key="matrix", data_dir=built.data_dir)
    good = make_consent_token("1000002", consent_secret(built.data_dir))
    forged = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    got = {}
    for role in ROLES:
        client = _client(app, role, "1000001", make_consent_token("1000001", consent_secret(built.data_dir)))
        got[role] = _send(client, method, f"/consent/{forged}", "/consent/{token}", "1000001")
        client.close()
    assert got == FORGED_TOKEN
