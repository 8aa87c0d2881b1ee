"""The reviewer's workspace in real headless Chromium (issue 15): one screen per claim worked by
keyboard alone, the audit timeline and its export, and one test per defect found in use (each
failed before its fix). Screenshots: ``test-artifacts/ws-*.png`` (ignored by git).

The tests share one server and run in file order; each changes a claim no earlier test reads.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from delivery.web import create_app
from tests.web.live_server import serving
from tests.web.store_builder import Built, build_store
from tests.web.test_browser import ARTIFACTS, CHROMIUM, _inside, _sign_in, sync_api
from tests.web.workspace_store import add_workspace_cases, write_report_after_a_request

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent: install Debian's chromium"),
]
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Built]]:
    built = build_store(tmp_path_factory.mktemp("workspace-store"))
    add_workspace_cases(built)
    app = create_app(built.engine, built.clock, secret_key="browser-test", data_dir=built.data_dir)
    with serving(app) as base:
        yield base, built
    built.engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    yield context.new_page()
    context.close()


def _shot(page: Any, name: str, full: bool = False) -> None:
    page.screenshot(path=str(ARTIFACTS / f"ws-{name}.png"), full_page=full)


def _in_viewport(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"] and box["x"] + box["width"] <= VIEWPORT["width"]


def _queue_ids(page: Any) -> list[str]:
    return [r.get_attribute("data-claim") for r in page.locator("table[data-testid=queue] tbody tr[data-claim]").all()]


def _settle(page: Any) -> None:
    page.wait_for_load_state("networkidle")


# --- one screen per claim, by keyboard alone ---------------------------------------------------


def test_one_screen_review_by_keyboard_alone(server: tuple[str, Built], page: Any) -> None:
    base, built = server
    _sign_in(page, base, "rita")
    page.goto(f"{base}/queue?sort=due")
    assert _queue_ids(page)[:2] == ["1000004", "1000001"]

    # Open the first claim of the queue: j focuses it, Enter opens it; the queue's query rides along.
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/claims/1000004\?q=sort%3Ddue"))
    _settle(page)

    # One screen: viewer left, criteria right, the decision form in view without scrolling.
    viewer, pane = page.locator("[data-testid=viewer]").bounding_box(), page.locator("aside.pane").bounding_box()
    assert viewer and pane and viewer["x"] + viewer["width"] <= pane["x"] and abs(viewer["y"] - pane["y"]) < 2
    assert _in_viewport(page, "button[data-testid=decide]") and _in_viewport(page, "input[name=decision][value=approve]")
    assert _in_viewport(page, "[data-testid=pane]")  # the criteria scroll inside it
    _shot(page, "00-claim-one-screen")
    assert page.evaluate("window.scrollY") == 0
    # Every page of the SOW, one under another.
    assert page.locator("[data-testid=viewer-pages] .vpage img").count() == 2

    # The help overlay lists the shortcuts.
    page.keyboard.press("?")
    help_box = page.locator("dialog[data-testid=shortcuts]")
    assert help_box.is_visible() and "next claim" in help_box.inner_text()
    _shot(page, "01-shortcuts-help")
    page.keyboard.press("Escape")
    assert not help_box.is_visible()

    # Next evidence: the customer's signature, highlighted on page 2 of the SOW where its bbox is.
    page.keyboard.press("j")
    mark = page.locator("[data-testid=viewer-pages] .vpage[data-page='2'] [data-testid=highlight]")
    mark.wait_for(state="visible")
    page.wait_for_function("[...document.querySelectorAll('.vpage img')].every(i => i.complete && i.naturalWidth > 0)")
    img = page.locator(".vpage[data-page='2'] img")
    box, img_box, pages_box = mark.bounding_box(), img.bounding_box(), page.locator("[data-testid=viewer-pages]").bounding_box()
    assert box and img_box and pages_box and _inside(box, img_box) and _inside(box, pages_box)  # scrolled into view
    x0, top, _x1, _bottom = built.signature_bbox
    assert abs((box["x"] - img_box["x"]) - (x0 - 2) / 612 * img_box["width"]) < 3
    assert abs((box["y"] - img_box["y"]) - (top - 2) / 792 * img_box["height"]) < 3
    assert page.locator("[data-testid=evidence-pos]").inner_text().startswith("1 of ")
    assert "Teo Lupu" in page.locator("[data-testid=viewer-quote]").inner_text()
    # The criteria pane and the decision form stayed where they were.
    assert _in_viewport(page, "button[data-testid=decide]") and page.evaluate("window.scrollY") == 0
    _shot(page, "02-evidence-signature")

    # Zoom in: the page grows, the highlight still sits on the signature line.
    page.keyboard.press("+")
    assert page.locator("[data-testid=zoom-level]").inner_text() == "125%"
    zoomed = img.bounding_box()
    assert zoomed and zoomed["width"] > img_box["width"] * 1.2
    page.keyboard.press("0")

    # Next evidence: the product line in a spreadsheet cell, shown in the viewer's text view.
    page.keyboard.press("j")
    cell = page.locator("[data-testid=viewer-pages] td[data-testid=highlight]")
    cell.wait_for(state="visible")
    assert cell.inner_text() == "D365_SALES_ENT: sales pipeline deployment"  # product links, next in the pane
    assert page.locator("select[data-testid=viewer-doc]").input_value() == "2"
    _shot(page, "03-evidence-cell")
    page.keyboard.press("k")  # back to the signature
    page.locator(".vpage[data-page='2'] [data-testid=highlight]").wait_for(state="visible")

    # Approve: selected, the note focused, nothing recorded yet.
    page.keyboard.press("a")
    assert page.locator("input[name=decision][value=approve]").is_checked()
    assert page.evaluate("document.activeElement.name") == "note"
    page.keyboard.type("Signed SOW and POE template checked in the viewer")
    assert page.locator("[data-testid=status]").inner_text() == "Under review"
    # Ctrl+Enter asks for the confirmation; Escape goes back; Ctrl+Enter and Enter record it.
    page.keyboard.press("Control+Enter")
    assert "Press Enter to record: Approve" in page.locator("[data-testid=confirm-line]").inner_text()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.name") == "note"
    assert page.locator("[data-testid=status]").inner_text() == "Under review"
    page.keyboard.press("Control+Enter")
    _shot(page, "04-confirm-decision")
    with page.expect_navigation():  # Enter submits the decision form
        page.keyboard.press("Enter")
    _settle(page)
    assert page.locator("[data-testid=status]").inner_text() == "Approved"
    assert re.search(r"/claims/1000004\?q=sort%3Ddue$", page.url)

    # Next claim in the queue, with the queue's filters: the one after the claim just decided.
    page.keyboard.press("n")
    page.wait_for_url(re.compile(r"/claims/1000001\?q=sort%3Ddue"))
    assert page.locator("[data-testid=status]").inner_text() == "Under review"
    _shot(page, "05-next-claim")


def test_next_claim_keeps_the_queues_filters(server: tuple[str, Built], page: Any) -> None:
    base, _ = server
    _sign_in(page, base, "rita")
    page.goto(f"{base}/queue")
    page.fill("input[name=product]", "Exchange Online")
    page.click("form[data-testid=queue-filters] button[type=submit]")
    _settle(page)
    assert _queue_ids(page) == ["1000002", "1000003"]
    page.click("tr[data-claim='1000002'] a.claim-link")
    _settle(page)
    page.keyboard.press("n")
    page.wait_for_url(re.compile(r"/claims/1000003\?q=.*product%3DExchange"))
    page.keyboard.press("n")  # the end of this queue: back to it, filters kept
    page.wait_for_url(re.compile(r"/queue\?.*product=Exchange"))
    assert "No further claim" in page.locator(".flash").first.inner_text()


# --- the audit timeline ------------------------------------------------------------------------


def test_audit_timeline_and_its_export(server: tuple[str, Built], page: Any, browser: Any) -> None:
    base, _ = server
    _sign_in(page, base, "rita")
    page.goto(f"{base}/claims/1000004")  # approved by the keyboard test
    timeline = page.locator("table[data-testid=timeline]")
    kinds = [r.get_attribute("data-kind") for r in timeline.locator("tbody tr").all()]
    assert {"decision", "note", "upload", "submission", "analysis"} <= set(kinds)
    decision = timeline.locator("tr[data-kind=decision]").first
    assert "rita" in decision.inner_text() and "Approve" in decision.inner_text()
    page.locator("#timeline").scroll_into_view_if_needed()
    _shot(page, "06-timeline", full=True)

    with page.expect_download() as got:
        page.click("a[data-testid=timeline-csv]")
    rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8"))))
    assert got.value.suggested_filename == "claim-1000004-timeline.csv"
    note = next(r for r in rows if r["kind"] == "note")
    assert note["who"] == "rita" and note["detail"] == "Signed SOW and POE template checked in the viewer"
    assert any(r["kind"] == "upload" and "SOW.pdf" in r["what"] for r in rows)
    with page.expect_download() as got_json:
        page.click("a[data-testid=timeline-json]")
    events = json.loads(Path(got_json.value.path()).read_text())["events"]
    assert [e["kind"] for e in events] == [r["kind"] for r in rows]

    # Partners never get it, even for their own claim.
    partner = browser.new_context()
    fab = partner.new_page()
    _sign_in(fab, base, "fab")
    assert fab.request.get(f"{base}/claims/1000004/timeline.csv").status == 403
    partner.close()


# --- one test per defect of the Defects list ---------------------------------------------------


def test_defect_filter_button_from_the_default_view(server: tuple[str, Built], page: Any) -> None:
    base, _ = server
    _sign_in(page, base, "rita")
    page.goto(f"{base}/queue")
    with page.expect_response(lambda r: "/queue?" in r.url) as answer:
        page.click("form[data-testid=queue-filters] button[type=submit]")
    assert answer.value.status == 200 and "desc=" in answer.value.url  # the empty field is sent
    assert _queue_ids(page) and page.locator("table[data-testid=queue]").is_visible()
    # A bad value is a readable page that keeps the navigation and Sign out.
    page.goto(f"{base}/queue?desc=maybe")
    assert "desc" in page.locator("main").inner_text() and page.locator("button:has-text('Sign out')").is_visible()
    assert "bool_parsing" not in page.content()
    _shot(page, "07-defect-error-page")


def test_defect_product_filter_matches_names(server: tuple[str, Built], page: Any) -> None:
    base, _ = server
    _sign_in(page, base, "rita")
    page.goto(f"{base}/queue?status=all")
    page.fill("input[name=product]", "Exchange Online")
    page.click("form[data-testid=queue-filters] button[type=submit]")
    _settle(page)
    assert sorted(_queue_ids(page)) == ["1000002", "1000003"]
    page.fill("input[name=product]", "dynamics")
    page.click("form[data-testid=queue-filters] button[type=submit]")
    _settle(page)
    assert "1000001" in _queue_ids(page) and "1000002" not in _queue_ids(page)
    _shot(page, "08-defect-product-filter")


def test_defect_rows_give_their_deciding_reason(server: tuple[str, Built], page: Any) -> None:
    base, _ = server
    _sign_in(page, base, "rita")
    page.goto(f"{base}/queue")
    row = page.locator("tr[data-claim='1000003']")
    assert "ineligible whatever its POE" in row.locator("[data-testid=row-reason]").inner_text()
    assert row.locator("[data-testid=unreadable]").inner_text() == "1 unreadable file"
    assert "none" not in row.locator("td").nth(6).inner_text()
    _shot(page, "09-defect-row-reasons")


def test_defect_request_count_matches_the_request_lines(server: tuple[str, Built], page: Any) -> None:
    base, _ = server
    _sign_in(page, base, "rita")
    page.goto(f"{base}/claims/1000001")
    sentence = page.locator(".pane-rec ul.findings li", has_text="R-DEC-002").inner_text()
    count = int(re.search(r"(\d+) item\(s\)", sentence).group(1))  # type: ignore[union-attr]
    page.keyboard.press("i")
    lines = [x for x in page.locator("textarea[data-testid=requests]").input_value().splitlines() if x.strip()]
    assert len(lines) == count == 4
    assert not any("tenant directory" in x for x in lines)  # a note (R-ELIG-013) asks the partner nothing
    _shot(page, "10-defect-request-count")


def test_defect_waiting_on_partners_shows_the_partners_deadline(server: tuple[str, Built], page: Any) -> None:
    base, built = server
    _sign_in(page, base, "rita")
    page.goto(f"{base}/claims/1000001")
    page.keyboard.press("i")
    page.keyboard.press("Control+Enter")
    with page.expect_navigation():  # Enter submits the decision form
        page.keyboard.press("Enter")
    _settle(page)
    assert page.locator("[data-testid=status]").inner_text() == "Partner action required"
    page.click("nav >> text=Waiting on partners")
    _settle(page)
    due = page.locator("tr[data-claim='1000001'] [data-testid=due]").inner_text()
    assert (built.clock.now() + timedelta(days=30)).strftime("%Y-%m-%d") in due and "deadline (D-15)" in due
    _shot(page, "11-defect-partner-deadline")


def test_defect_one_note_rule_for_browser_and_server(server: tuple[str, Built], page: Any) -> None:
    base, _ = server
    _sign_in(page, base, "rita")
    # Overruling without a note: the browser holds the form (the server would refuse it too).
    page.goto(f"{base}/claims/1000002")
    page.keyboard.press("r")
    page.click("button[data-testid=decide]")
    assert page.evaluate("document.querySelector('textarea[name=note]').validity.valueMissing")
    assert page.locator("[data-testid=status]").inner_text() == "Under review"
    # Rejecting as recommended needs no note: recorded with the recommendation's reasons.
    page.goto(f"{base}/claims/1000003")
    page.keyboard.press("r")
    page.click("button[data-testid=decide]")
    _settle(page)
    assert page.locator("[data-testid=status]").inner_text() == "Rejected"
    assert page.locator(".flash").first.is_visible() and _in_viewport(page, "aside.pane")  # the flash above: still one screen
    assert "Rejected as recommended" in page.locator("table[data-testid=timeline] tr[data-kind=note]").first.inner_text()
    _shot(page, "12-defect-note-rule")


def test_defect_denial_comment_reaches_the_reviewer(server: tuple[str, Built], page: Any, browser: Any) -> None:
    from pipeline.notify.tokens import consent_secret, make_consent_token

    base, built = server
    _sign_in(page, base, "rita")
    page.goto(f"{base}/claims/1000005")
    page.keyboard.press("a")
    page.keyboard.press("Control+Enter")
    with page.expect_navigation():  # Enter submits the decision form
        page.keyboard.press("Enter")
    _settle(page)
    assert page.locator("[data-testid=status]").inner_text() == "Approved"
    customer = browser.new_context(viewport=VIEWPORT)
    link = customer.new_page()
    link.goto(f"{base}/consent/{make_consent_token('1000005', consent_secret(built.data_dir))}")
    assert not re.search(r"\(D-\d+\)", link.locator("main").inner_text())  # no internal rule codes
    link.check("input[name=reason] >> nth=-1")
    link.fill("textarea[name=comment]", "we ended the project in May")
    link.click("button:has-text('Deny the association')")
    link.locator("[data-testid=denied]").wait_for()
    _shot(link, "13-defect-customer-denies")
    customer.close()
    page.reload()
    comment = page.locator("[data-testid=history-comment]")
    assert "we ended the project in May" in comment.inner_text() and comment.is_visible() is not None
    _shot(page, "14-defect-denial-comment", full=True)


def test_defect_analyst_report_fills_the_meaning_column(server: tuple[str, Built], page: Any) -> None:
    base, built = server
    write_report_after_a_request(built)  # what the nightly run writes, once 1000001 was asked for items
    _sign_in(page, base, "ana")
    page.goto(f"{base}/reports")
    page.click("a:has-text('report.html')")
    _settle(page)
    text = page.locator("body").inner_text()
    assert "R-DEC-002" in text and "N item(s)" in text
    assert not re.search(r"\{[a-z_]+\}", text)
    _shot(page, "15-defect-analyst-report", full=True)


def test_defect_the_same_quote_is_listed_once(server: tuple[str, Built], page: Any) -> None:
    base, _ = server
    _sign_in(page, base, "rita")
    page.goto(f"{base}/claims/1000002")
    quotes = page.locator("tr[data-criterion=customer_signature] a[data-testid=evidence]")
    assert quotes.count() == 1  # stored three times by the analysis
    assert page.locator("tr[data-criterion=dates] a[data-testid=evidence]").count() == 2  # two places
    total = page.locator("a[data-testid=evidence]").count()
    assert page.locator("[data-testid=evidence-pos]").inner_text() == f"– of {total}"
    _shot(page, "16-defect-evidence-once")
