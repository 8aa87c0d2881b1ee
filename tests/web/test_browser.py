"""End to end in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright for
Python): a reviewer works a claim from the queue to a request for information, and the partner
answers it with a new document. Screenshots go to ``test-artifacts/`` for people to look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.live_server import serving
from tests.web.store_builder import PASSWORD, Built, build_store, email_docx

CHROMIUM = Path(os.environ.get("POE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Built]]:
    from delivery.web import create_app

    built = build_store(tmp_path_factory.mktemp("browser-store"))
    app = create_app(built.engine, built.clock, secret_key="browser-test", data_dir=built.data_dir)
    with serving(app) as base:
        yield base, built
    built.engine.dispose()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield b
        b.close()


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    )


def test_reviewer_requests_information_and_partner_answers(server: tuple[str, Built], browser: Any, tmp_path: Path) -> None:
    base, built = server
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()

    # The reviewer's queue: due-date order, the overdue claim on top and marked.
    _sign_in(page, base, "rita")
    assert page.url.endswith("/queue")
    rows = page.locator("table[data-testid=queue] tbody tr")
    assert rows.count() == 5
    assert rows.first.get_attribute("data-claim") == "1000004"
    assert "overdue" in (rows.first.get_attribute("class") or "")
    assert rows.first.locator(".badge.overdue").is_visible()
    _shot(page, "01-reviewer-queue")

    # Open a claim from the queue.
    page.click("tr[data-claim='1000002'] a.claim-link")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=status]").inner_text() == "Under review"
    assert page.locator("[data-testid=status-diagram] .step.current").first.inner_text() == "Under review"
    _shot(page, "02-claim-page")

    # The customer-signature evidence's own page (the claim page's viewer loads it; a new tab
    # opens it): the PDF page with the region highlighted.
    page.goto(base + page.locator("tr[data-criterion=customer_signature] a[data-testid=evidence]").first.get_attribute("href"))
    page.wait_for_load_state("networkidle")
    image = page.locator("[data-testid=pdf-page] img")
    image.wait_for(state="visible")
    page.wait_for_function("document.querySelector('[data-testid=pdf-page] img').naturalWidth > 0")
    highlight = page.locator("[data-testid=highlight]")
    assert highlight.count() == 1 and highlight.is_visible()
    box, img_box = highlight.bounding_box(), image.bounding_box()
    assert box and img_box and _inside(box, img_box)
    # Where the signature line is on page 2: its bbox scaled to the rendered image.
    x0, top, x1, _bottom = built.signature_bbox
    assert abs((box["x"] - img_box["x"]) - (x0 - 2) / 612 * img_box["width"]) < 3
    assert abs((box["y"] - img_box["y"]) - (top - 2) / 792 * img_box["height"]) < 3
    assert box["width"] > (x1 - x0) / 612 * img_box["width"]
    assert "Page 2 of 2" in page.content()
    _shot(page, "03-evidence-pdf-highlight")

    # And a spreadsheet cell in the extracted-text view.
    page.go_back()
    page.goto(base + page.locator("tr[data-criterion=partner_name] a[data-testid=evidence]").first.get_attribute("href"))
    page.wait_for_load_state("networkidle")
    cell = page.locator("td[data-testid=highlight]")
    assert cell.inner_text() == "Fabrikam Consulting LLC" and cell.is_visible()
    _shot(page, "04-evidence-xlsx-cell")

    # Request information on Fabrikam's claim: the form is pre-filled from the findings.
    page.goto(f"{base}/claims/1000001")
    page.check("input[name=decision][value=request_info]")
    requests = page.locator("textarea[data-testid=requests]")
    assert requests.is_visible()
    assert "No customer signature or acknowledgment found in the POE" in requests.input_value()
    requests.fill("Upload the SOW signed by Contoso (D-11)\nState the growth targets explicitly (D-11)")
    _shot(page, "05-request-form")
    page.click("button[data-testid=decide]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=status]").inner_text() == "Partner action required"
    page.click("button.link")  # sign out
    page.wait_for_load_state("networkidle")
    assert "/login" in page.url

    # The partner sees the request, uploads a document and re-submits.
    _sign_in(page, base, "fab")
    assert page.url.endswith("/partner")
    assert "Partner action required" in page.locator("table[data-testid=partner-claims]").inner_text()
    assert "Northwind" not in page.content()
    page.click("a[href='/claims/1000001']")
    page.wait_for_load_state("networkidle")
    requested = page.locator("[data-testid=requested]")
    assert "Upload the SOW signed by Contoso" in requested.inner_text()
    _shot(page, "06-partner-sees-request")
    upload = tmp_path / "Signed acknowledgment.docx"
    upload.write_bytes(email_docx()[0])
    page.set_input_files("input[data-testid=files]", str(upload))
    page.fill("input[name=comment]", "Customer's signed acknowledgment")
    page.click("button[data-testid=add-files]")  # adding files is not re-submitting (issue 15)
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=status]").inner_text() == "Partner action required"
    page.click("a[data-testid=resubmit-link]")
    page.wait_for_load_state("networkidle")
    page.click("button[data-testid=confirm-resubmit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=status]").inner_text() == "Submitted"
    assert "Signed acknowledgment.docx" in page.locator("[data-testid=documents]").inner_text()
    assert "re-submitted" in page.locator(".flash").first.inner_text()
    _shot(page, "07-partner-resubmitted")
    context.close()


def test_second_reviewer_sees_a_conflict_message(server: tuple[str, Built], browser: Any) -> None:
    base, _ = server
    first, second = browser.new_context(), browser.new_context()
    a, b = first.new_page(), second.new_page()
    _sign_in(a, base, "rita")
    _sign_in(b, base, "rob")
    a.goto(f"{base}/claims/1000005")
    b.goto(f"{base}/claims/1000005")
    a.check("input[name=decision][value=approve]")
    a.click("button[data-testid=decide]")
    a.wait_for_load_state("networkidle")
    assert a.locator("[data-testid=status]").inner_text() == "Approved"
    b.check("input[name=decision][value=reject]")
    b.fill("textarea[name=note]", "No growth statement")
    b.click("button[data-testid=decide]")
    b.wait_for_load_state("networkidle")
    message = b.locator("[data-testid=form-error]")
    assert "was changed by rita" in message.inner_text() and "NOT recorded" in message.inner_text()
    assert b.locator("[data-testid=status]").inner_text() == "Approved"
    _shot(b, "08-second-reviewer-conflict")
    first.close()
    second.close()
