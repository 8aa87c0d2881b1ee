"""Issue 13, Low: ``/api/docs`` loaded Swagger UI from a CDN (blank offline) and, with the
OpenAPI schema, was open to anyone. Now both are for signed-in users, from local files, under
the app's strict Content-Security-Policy."""

from __future__ import annotations

import re


def test_docs_and_schema_need_sign_in(client_for) -> None:  # type: ignore[no-untyped-def]
    anon = client_for()
    r = anon.get("/api/docs")
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=/api/docs")
    r = anon.get("/api/openapi.json")
    assert r.status_code == 401 and r.json()["error"] == "login_required"
    assert anon.get("/api/docs/assets/swagger-ui-bundle.js").status_code == 401


def test_docs_use_only_local_assets(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    r = rita.get("/api/docs")
    assert r.status_code == 200
    assert "//" not in re.sub(r"<!doctype[^>]*>", "", r.text)  # no URL of another host
    sources = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert sources and all(s.startswith("/") for s in sources)
    for src in sources:
        asset = rita.get(src)
        assert asset.status_code == 200 and len(asset.content) > 200, src
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "<script>" not in r.text  # no inline script: the CSP would block it
    schema = rita.get("/api/openapi.json").json()
    assert "/api/claims/{claim_id}" in schema["paths"]


def test_unknown_asset_is_not_served(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    assert rita.get("/api/docs/assets/index.html").status_code == 404
    assert rita.get("/api/docs/assets/..%2F..%2F__init__.py").status_code == 404
