"""Defects found using the workspace as a new reviewer would (issue: the reviewer's workspace,
second pass). One test per defect; each failed before its fix."""

from __future__ import annotations

import re

from delivery.web.params import without_empty_params


def _queue_ids(html: str) -> list[str]:
    return re.findall(r'<tr[^>]*data-claim="(\d+)"', html)


def test_filter_button_from_the_default_view_sends_empty_params(client_for) -> None:  # type: ignore[no-untyped-def]
    # The queue form sends every field, blank ones empty: 'desc=' was a 422 with raw JSON.
    rita = client_for("rita")
    page = rita.get("/queue?program=&solution_area=&product=&recommendation=&sort=due&desc=&overdue=&conflict=")
    assert page.status_code == 200, page.text[:300]
    assert _queue_ids(page.text)
    api = rita.get("/api/queue?desc=&page=")
    assert api.status_code == 200 and api.json()["filters"]["desc"] is False


def test_a_bad_parameter_is_a_readable_error_with_navigation(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    page = rita.get("/queue?desc=maybe")
    assert page.status_code == 400
    assert "desc" in page.text and "Sign out" in page.text and "bool_parsing" not in page.text
    api = rita.get("/api/queue?page=two")
    assert api.status_code == 400 and api.json()["error"] == "invalid_input" and "page" in api.json()["message"]


def test_an_unknown_page_keeps_the_navigation(client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("rita").get("/no-such-page")
    assert page.status_code == 404 and "Sign out" in page.text and "Not found" in page.text
    assert client_for("rita").get("/api/no-such-route").json()["error"] == "not_found"


def test_product_filter_matches_product_names_not_only_codes(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    by_name = _queue_ids(rita.get("/queue?product=Exchange Online").text)
    by_code = _queue_ids(rita.get("/queue?product=EXO").text)
    assert by_name and sorted(by_name) == sorted(by_code)
    dynamics = _queue_ids(rita.get("/queue?product=dynamics").text)
    assert "1000001" in dynamics and "1000002" not in dynamics


def test_without_empty_params_keeps_filled_ones() -> None:
    assert without_empty_params(b"a=&b=1&c=%20&d=x%20y") == b"b=1&d=x+y"
    assert without_empty_params(b"b=1") == b"b=1"


def _rows(html: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r'<tr[^>]*data-claim="(\d+)">(.*?)</tr>', html, re.S)}


def test_a_rejected_row_gives_its_deciding_reason(built, client_for) -> None:  # type: ignore[no-untyped-def]
    from pipeline.service import ClaimService
    from tests.web.store_builder import analysis

    service = ClaimService(built.engine, built.clock, data_dir=built.data_dir)
    result = analysis("1000003", None, signature="not_met", recommendation="reject", score=41)
    result["reasons"].insert(0, {"code": "R-DEC-004", "rule": "D-3", "criterion": None,
                                 "message": "The claim is ineligible whatever its POE (R-ELIG-001): recommend rejection."})
    result["documents"][1].update(status="unreadable", error="damaged file")
    result["reasons"].append({"code": "R-DOC-003", "rule": "D-24", "criterion": None,
                              "message": "Email.docx could not be read (damaged file); upload it again."})
    service.record_analysis("1000003", 1, result)
    rita = client_for("rita")
    row = _rows(rita.get("/queue").text)["1000003"]
    assert 'data-testid="row-reason"' in row and "ineligible whatever its POE" in row
    assert 'data-testid="unreadable"' in row and "1 unreadable file" in row
    item = next(i for i in rita.get("/api/queue").json()["items"] if i["claim_id"] == "1000003")
    assert item["reason_code"] == "R-DEC-004" and item["unreadable_documents"] == 1


def test_waiting_on_partners_shows_the_partners_deadline(built, client_for) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    rita = client_for("rita")
    token = rita.get("/api/me").json()["csrf_token"]
    r = rita.post("/api/claims/1000001/decision", headers={"X-CSRF-Token": token},
                  json={"decision": "request_info", "note": "", "requests": ["countersigned SOW"]})
    assert r.status_code == 200, r.text
    deadline = (built.clock.now() + timedelta(days=30)).strftime("%Y-%m-%d")
    row = _rows(rita.get("/queue?status=Partner+action+required").text)["1000001"]
    due = re.search(r'data-testid="due">(.*?)</td>', row, re.S)
    assert due and deadline in due.group(1) and "deadline (D-15)" in due.group(1)


def test_rejecting_as_recommended_needs_no_note_and_sends_the_reasons(client_for) -> None:  # type: ignore[no-untyped-def]
    # The browser asked for a note on every rejection; the server only when overruling: one rule.
    rita = client_for("rita")
    token = rita.get("/api/me").json()["csrf_token"]
    r = rita.post("/api/claims/1000003/decision", headers={"X-CSRF-Token": token}, json={"decision": "reject"})
    assert r.status_code == 200, r.text
    note = r.json()["decisions"][-1]["note"]
    assert note.startswith("Rejected as recommended") and "R-SIG" not in note and "signature" in note.lower()
    overrule = rita.post("/api/claims/1000001/decision", headers={"X-CSRF-Token": token}, json={"decision": "reject"})
    assert overrule.status_code == 400 and "overruling needs a note" in overrule.json()["message"]


def test_the_customers_denial_comment_reaches_the_reviewers_history(client_for, built) -> None:  # type: ignore[no-untyped-def]
    from pipeline.notify.tokens import consent_secret, make_consent_token

    rita = client_for("rita")
    token = rita.get("/api/me").json()["csrf_token"]
    assert rita.post("/api/claims/1000005/decision", json={"decision": "approve"}, headers={"X-CSRF-Token": token}).status_code == 200
    link = make_consent_token("1000005", consent_secret(built.data_dir))
    customer = client_for()
    page = customer.get(f"/consent/{link}")
    assert "(D-21)" not in page.text and "D-2" not in page.text  # no internal rule codes for customers
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    customer.post(f"/consent/{link}", data={"reason": "Other", "comment": "we ended the project in May", "csrf_token": form_token})
    history = rita.get("/claims/1000005").text
    assert 'data-testid="history-comment"' in history and "we ended the project in May" in history


def test_the_same_quote_is_listed_once() -> None:
    from delivery.web.views import evidence_refs

    quote = {"document": "SOW.pdf", "page": 2, "location": {"page": 2}, "text": "Signed:  Jane Roe"}
    analysis = {"criteria": {
        "customer_signature": {"verdict": "met", "evidence": [quote, {**quote, "text": "Signed: Jane Roe"}, quote]},
        "dates": {"verdict": "met", "evidence": [quote, {**quote, "location": {"page": 3}}]},
    }}
    refs = evidence_refs(analysis)
    assert [(r.criterion, r.evidence["location"]["page"]) for r in refs] == [
        ("customer_signature", 2), ("dates", 2), ("dates", 3)]
    assert [r.index for r in refs] == [0, 1, 2]
