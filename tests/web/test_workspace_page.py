"""The claim page as one screen (issue 15), over HTTP: the viewer's documents, the queue's query
carried to the claim page and "next claim", and the audit timeline with its export."""

from __future__ import annotations

import csv
import io
import re

from tests.web.conftest import csrf_of


def test_claim_page_has_the_viewer_and_the_decision_form_in_one_workspace(client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for("rita").get("/claims/1000001?q=product%3DEXO%26evil%3D1").text
    workspace = html[html.index('data-testid="workspace"'):html.index('id="facts"')]
    assert 'data-testid="viewer"' in workspace and 'class="decision"' in workspace
    assert workspace.count('class="vpage"') == 2  # both pages of SOW.pdf, one under another
    assert '<option value="2" data-kind="text"' in workspace  # the spreadsheet: its text view
    # The queue's query, cleaned to the queue's own keys, rides on "next claim" and the form.
    assert 'href="/queue/next?after=1000001&amp;q=product%3DEXO"' in html
    assert 'name="q" value="product=EXO"' in html and "evil" not in html
    assert "<legend" in workspace and 'data-testid="shortcuts"' in html


def test_analysts_viewer_shows_text_not_pages(client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for("ana").get("/claims/1000001").text
    assert 'class="vpage"' not in html and 'data-kind="pages"' not in html


def test_next_claim_follows_the_queue_order_and_filters(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    first = rita.get("/queue/next?after=1000004&q=sort%3Ddue")
    assert first.status_code == 303 and first.headers["location"] == "/claims/1000001?q=sort%3Ddue"
    exchange = rita.get("/queue/next?after=1000002&q=product%3DExchange%20Online")
    assert exchange.headers["location"].startswith("/claims/1000003?q=product%3DExchange")
    end = rita.get("/queue/next?after=1000003&q=product%3DExchange%20Online")
    assert end.headers["location"] == "/queue?product=Exchange+Online"
    backwards = rita.get("/queue/next?after=1000002&q=sort%3Dclaim%26desc%3D1")
    assert backwards.headers["location"].startswith("/claims/1000001?")


def test_next_claim_after_a_decision_is_the_one_that_followed_it(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    r = rita.post("/claims/1000004/decision", data={"csrf_token": csrf_of(rita), "decision": "approve", "q": "sort=due"})
    assert r.status_code == 303 and r.headers["location"] == "/claims/1000004?q=sort%3Ddue"
    # Approved, its due date is now the opt-out's end (D-17): its place in the queue is kept.
    assert rita.get("/queue/next?after=1000004&q=sort%3Ddue").headers["location"].startswith("/claims/1000001?")


def test_timeline_lists_who_did_what_and_exports(client_for, built) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    token = csrf_of(rita)
    r = rita.post("/api/claims/1000001/decision", headers={"X-CSRF-Token": token},
                  json={"decision": "request_info", "note": "=HYPERLINK(\"x\")", "requests": ["countersigned SOW", "dated milestones"]})
    assert r.status_code == 200, r.text
    page = rita.get("/claims/1000001").text
    assert re.search(r'data-kind="request".*?countersigned SOW', page, re.S)
    export = rita.get("/claims/1000001/timeline.csv")
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(export.text)))
    kinds = [row["kind"] for row in rows]
    assert kinds.count("request") == 2 and kinds.count("upload") == 3 and "decision" in kinds
    decision = next(row for row in rows if row["kind"] == "decision")
    assert decision["who"] == "rita" and "Request information" in decision["what"]
    assert next(row for row in rows if row["kind"] == "note")["detail"].startswith("'=")  # no formula
    events = rita.get("/claims/1000001/timeline.json").json()["events"]
    assert [e["kind"] for e in events] == kinds and events == sorted(events, key=lambda e: e["at"])
    assert rita.get("/claims/1000001/timeline.xml").status_code == 404


def test_timeline_withholds_personal_data_from_analysts(client_for) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(client_for("ana").get("/claims/1000001/timeline.csv").text)))
    uploads = [row for row in rows if row["kind"] == "upload"]
    assert uploads and all("Contact of" not in row["who"] for row in uploads)


def test_the_request_form_holds_the_scorings_requests_only() -> None:
    from delivery.web.views import request_prefill

    analysis = {"criteria": {}, "requests": ["Upload the signed SOW"], "reasons": [
        {"code": "R-DEC-002", "rule": "D-15", "message": "Partner action required: 1 item(s) to complete"},
        {"code": "R-SIG-001", "rule": "D-11", "message": "Upload the signed SOW", "request": True},
        {"code": "R-ELIG-013", "rule": "D-8", "message": "No tenant directory was given"},
    ]}
    assert request_prefill(analysis) == ["Upload the signed SOW (D-11)"]
    del analysis["requests"]  # an analysis without the marks (older scoring): every gap, as before
    assert len(request_prefill(analysis)) == 2


def test_timeline_has_the_emails_and_corrections(client_for, built, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pipeline.notify.outbox import Notifier
    from pipeline.notify.transports import EmlFolderTransport

    rita = client_for("rita")
    token = csrf_of(rita)
    fixed = rita.post("/api/claims/1000001/corrections", headers={"X-CSRF-Token": token},
                      json={"corrections": [{"criterion": "customer_signature", "verdict": "met", "note": "signed on page 2"}]})
    assert fixed.status_code == 200, fixed.text
    r = rita.post("/api/claims/1000001/decision", headers={"X-CSRF-Token": token},
                  json={"decision": "approve", "note": "signature is there", "wrong_criteria": ["customer_signature"]})
    assert r.status_code == 200, r.text
    Notifier(built.engine, EmlFolderTransport(tmp_path / "out"), b"k", built.clock, base_url="https://poe.example").run()
    rows = list(csv.DictReader(io.StringIO(rita.get("/claims/1000001/timeline.csv").text)))
    correction = next(row for row in rows if row["kind"] == "correction")
    assert correction["who"] == "rita" and "customer_signature" in correction["what"] and correction["detail"] == "signed on page 2"
    decision = next(row for row in rows if row["kind"] == "decision")
    assert "overruled the recommendation Request information" in decision["what"] and "signature" in decision["detail"]
    mail = next(row for row in rows if row["kind"] == "email")
    assert mail["what"].startswith("E-mail sent: ") and "teo.lupu@contoso.example" in mail["detail"]
    analyst = list(csv.DictReader(io.StringIO(client_for("ana").get("/claims/1000001/timeline.csv").text)))
    assert next(row for row in analyst if row["kind"] == "email")["detail"] == "to (recipients withheld)"
