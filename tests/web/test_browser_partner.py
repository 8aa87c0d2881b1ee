"""Issue 15 in real headless Chromium: the partner's upload, check and confirmed re-submission; a
bad file shown as unreadable with the claim unchanged; the conflict side by side with two
viewers; partner and customer pages at 390 x 844; and axe-core on every kind of page.

axe-core is vendored (``tests/web/vendor/axe.min.js``, MPL-2.0) and injected into the page, so
nothing is fetched. Screenshots go to ``test-artifacts/`` (git-ignored)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.store_builder import Built, email_docx
from tests.web.test_browser import CHROMIUM, _shot, _sign_in
from tests.web.test_browser import browser as browser  # noqa: PLC0414 - the shared fixtures
from tests.web.test_browser import server as server  # noqa: PLC0414

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent"),
]


@pytest.fixture
def page_for(server: tuple[str, Built], browser: Any) -> Iterator[Any]:
    """``page_for(username, viewport)``: a page in a fresh context, signed in (None: not)."""
    contexts = []

    def make(username: str | None, viewport: dict[str, int] | None = None) -> Any:
        # bypass_csp: axe is injected as an inline script, which the app's CSP rightly refuses.
        context = browser.new_context(viewport=viewport or {"width": 1360, "height": 900}, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        if username:
            _sign_in(page, server[0], username)
        return page

    yield make
    for c in contexts:
        c.close()


def _request_info(page: Any, base: str, claim_id: str) -> None:
    page.goto(f"{base}/claims/{claim_id}")
    page.check("input[name=decision][value=request_info]")
    page.fill("textarea[data-testid=requests]", "Upload the SOW signed by Contoso (D-11)")
    if page.locator("[data-testid=overrule-why]").is_visible():  # asking on a claim recommended otherwise
        page.check("input[name=policy_exception]")
        page.fill("textarea[data-testid=note]", "The signed SOW is needed before deciding")
    page.click("button[data-testid=decide]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=status]").inner_text() == "Partner action required"


def _decided(page: Any, base: str, claim_id: str, decision: str) -> None:
    """The claim decided (once per module store): approve, or request information."""
    page.goto(f"{base}/claims/{claim_id}")
    if page.locator(f"input[name=decision][value={decision}]").count() == 0:
        return  # decided by an earlier test of this module
    if decision == "request_info":
        _request_info(page, base, claim_id)
        return
    page.check(f"input[name=decision][value={decision}]")
    page.click("button[data-testid=decide]")
    page.wait_for_load_state("networkidle")


def _serious(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
    found = json.loads(result)["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in found if v["impact"] in ("serious", "critical")]


def test_partner_upload_check_and_confirmed_resubmission(server: tuple[str, Built], page_for: Any, tmp_path: Path) -> None:
    base, _ = server
    _request_info(page_for("rita"), base, "1000001")
    page = page_for("fab")
    page.goto(f"{base}/claims/1000001")

    # The 16-byte text file named broken.pdf: refused with its reason, nothing changes.
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"this is not a pdf")
    docs_before = page.locator("[data-testid=documents] li").count()
    page.set_input_files("input[data-testid=files]", str(broken))
    page.click("button[data-testid=add-files]")
    page.wait_for_load_state("networkidle")
    refused = page.locator("[data-testid=upload-refused]")
    assert refused.is_visible()
    assert "broken.pdf: not a PDF: the file is plain text" in refused.inner_text()
    assert page.locator("[data-testid=status]").inner_text() == "Partner action required"
    assert page.locator("[data-testid=documents] li").count() == docs_before
    assert "broken.pdf" not in page.locator("[data-testid=documents]").inner_text()
    _shot(page, "15-01-partner-bad-file-refused")
    assert _serious(page) == []

    # A real document: added, read and shown; the claim still waits on the partner.
    ack = tmp_path / "Signed acknowledgment.docx"
    ack.write_bytes(email_docx()[0])
    page.set_input_files("input[data-testid=files]", str(ack))
    page.fill("input[name=comment]", "Customer's signed acknowledgment")
    page.click("button[data-testid=add-files]")
    page.wait_for_load_state("networkidle")
    check = page.locator("[data-testid=checked-file]")
    assert check.count() == 1 and "Signed acknowledgment.docx" in check.inner_text()
    assert "a Word document" in check.locator("[data-testid=read-facts]").inner_text()
    assert check.locator("[data-testid=excerpt]").inner_text().strip()
    assert "customer (Contoso Ltd)" in check.locator("[data-testid=hints]").inner_text()
    assert page.locator("[data-testid=status]").inner_text() == "Partner action required"
    assert "Signed acknowledgment.docx" in page.locator("[data-testid=documents]").inner_text()
    _shot(page, "15-02-partner-file-read")
    assert _serious(page) == []

    # Re-submitting asks first; "No, go back" changes nothing.
    page.click("a[data-testid=resubmit-link]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/claims/1000001/resubmit")
    assert "new" in page.locator("[data-testid=confirm-documents]").inner_text()
    _shot(page, "15-03-partner-confirm-resubmit")
    assert _serious(page) == []
    page.click("a[data-testid=cancel-resubmit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=status]").inner_text() == "Partner action required"
    page.click("a[data-testid=resubmit-link]")
    page.wait_for_load_state("networkidle")
    page.click("button[data-testid=confirm-resubmit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=status]").inner_text() == "Submitted"
    assert "re-submitted" in page.locator(".flash").first.inner_text()
    assert page.locator("button[data-testid=add-files]").count() == 0  # closed until asked again (D-15)
    _shot(page, "15-04-partner-resubmitted")


def test_conflict_side_by_side_with_two_viewers(server: tuple[str, Built], page_for: Any) -> None:
    base, built = server
    page = page_for("rita")
    page.goto(f"{base}/conflicts/{built.conflict_id}")
    side = page.locator("table[data-testid=side-by-side]")
    row = side.locator("tr[data-criterion=customer_signature]")
    cells = row.locator("td")
    assert cells.count() == 2
    assert "met" in cells.nth(0).inner_text().lower() and "not met" in cells.nth(1).inner_text().lower()
    assert "Teo Lupu" in cells.nth(0).inner_text() and "2026-07-12" in cells.nth(0).inner_text()
    a, b = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert a and b and abs(a["y"] - b["y"]) < 2 and a["x"] + a["width"] <= b["x"] + 1  # truly side by side
    deciding = page.locator("[data-testid=deciding-factor]")
    assert deciding.count() == 1 and "POE criteria met" in deciding.inner_text()
    assert "(88 − 41) / 100" in page.locator("[data-testid=margin-explained]").inner_text()
    assert page.locator("fieldset:has(input[name=winner]) legend").inner_text() == "Which claim to approve"

    # A quote opens in the left viewer with its region highlighted; the right one keeps the rival's.
    row.locator("a[data-testid=compare-quote]").first.click()
    page.wait_for_load_state("networkidle")
    left, right = page.locator("[data-testid=viewer-left]"), page.locator("[data-testid=viewer-right]")
    page.wait_for_function("document.querySelector('[data-testid=viewer-left] img').naturalWidth > 0")
    assert left.locator("[data-testid=pane-highlight]").count() == 1
    assert "1000002" in left.locator("h3").inner_text() and "1000003" in right.locator("h3").inner_text()
    lb, rb = left.bounding_box(), right.bounding_box()
    assert lb and rb and abs(lb["y"] - rb["y"]) < 2 and lb["x"] + lb["width"] <= rb["x"]
    # The right viewer switches document without script-only controls (a GET form).
    right.locator("select").select_option("1000003:1")
    right.locator("button").click()
    page.wait_for_load_state("networkidle")
    assert "Email.docx" in page.locator("[data-testid=viewer-right] h3").inner_text()
    assert left.locator("[data-testid=pane-highlight]").count() == 1  # the left one stayed
    _shot(page, "15-05-conflict-side-by-side")


def _fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"
    signout = page.locator("form.signout button")
    if signout.count():
        box = signout.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "Sign out is clipped"


def test_partner_and_customer_pages_at_390_px(server: tuple[str, Built], page_for: Any) -> None:
    from pipeline.notify.tokens import consent_secret, make_consent_token

    base, built = server
    rita = page_for("rita")
    _decided(rita, base, "1000004", "request_info")  # the partner's page with its upload form
    _decided(rita, base, "1000005", "approve")  # the customer's page with its deny form
    page = page_for("fab", PHONE)
    for path, name in (("/partner", "15-06-phone-partner-home"), ("/claims/1000004", "15-07-phone-partner-claim"),
                       ("/claims/1000004/documents/0", "15-08-phone-partner-document")):
        page.goto(base + path)
        _fits(page)
        _shot(page, name)
    assert page.locator("form.signout button").is_visible()
    page.goto(f"{base}/claims/1000004/resubmit")  # the confirmation step on a phone
    _fits(page)
    assert page.locator("button[data-testid=confirm-resubmit]").is_visible()
    _shot(page, "15-10-phone-partner-confirm")
    customer = page_for(None, PHONE)
    customer.goto(f"{base}/consent/{make_consent_token('1000005', consent_secret(built.data_dir))}")
    assert customer.locator("input[name=reason]").count() >= 2
    _fits(customer)
    _shot(customer, "15-09-phone-customer")


def test_axe_finds_no_serious_violations(server: tuple[str, Built], page_for: Any) -> None:
    from pipeline.notify.tokens import consent_secret, make_consent_token

    base, built = server
    found: dict[str, list[str]] = {}
    rita = page_for("rita")
    _decided(rita, base, "1000004", "request_info")
    _decided(rita, base, "1000005", "approve")
    for path in ("/queue", "/queue?status=all&sort=score&desc=1", "/claims/1000002", f"/conflicts/{built.conflict_id}"):
        rita.goto(base + path)
        found[path] = _serious(rita)
    fab = page_for("fab")
    for path in ("/partner", "/claims/1000004"):
        fab.goto(base + path)
        found[path] = _serious(fab)
    phone = page_for("fab", PHONE)
    phone.goto(base + "/partner")
    found["/partner (390 px)"] = _serious(phone)
    customer = page_for(None)
    customer.goto(f"{base}/consent/{make_consent_token('1000005', consent_secret(built.data_dir))}")
    found["/consent"] = _serious(customer)
    bad = {k: v for k, v in found.items() if v}
    assert bad == {}, json.dumps(bad, indent=1)


def test_skip_link_and_focus_ring_by_keyboard(server: tuple[str, Built], page_for: Any) -> None:
    base, _ = server
    page = page_for("fab")
    page.goto(f"{base}/partner")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 10  # on screen once focused
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the first link of the page's content, with its ring
    assert page.evaluate("document.activeElement.closest('main') !== null")
    assert page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)") >= 2
    _shot(page, "15-11-keyboard-focus-ring")
