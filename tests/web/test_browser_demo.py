"""The demo's queue worked from start to finish in real headless Chromium: the bundled sample
inbox goes through the real nightly run (no Prefect, one worker), then a reviewer decides every
claim in the Under review queue through the pages, conflicts on the conflict page, until the
queue is empty. Screenshots in ``test-artifacts/demo-*.png``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.web.live_server import serving
from tests.web.test_browser import ARTIFACTS, CHROMIUM, _shot, _sign_in, sync_api

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent: install Debian's chromium"),
]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from delivery.web import create_app
    from delivery.web.accounts import add_user
    from pipeline.nightly import NightlyConfig, run_nightly
    from pipeline.store.db import make_engine

    root = tmp_path_factory.mktemp("demo")
    from delivery.cli.nightly import demo_inbox_builder

    build_demo_inbox, _ = demo_inbox_builder()  # exactly the inbox `poe-review demo` uses
    inbox = Path(build_demo_inbox(root / "inbox"))
    db_url = f"sqlite:///{root / 'poe-review.db'}"
    run_nightly(NightlyConfig(inbox=str(inbox), db_url=db_url, as_of=datetime.now(UTC).isoformat(), concurrency=1))
    engine = make_engine(db_url)
    add_user(engine, "rita", "reviewer", "correct horse battery")
    app = create_app(engine, secret_key="demo-test", data_dir=root)
    with serving(app) as base:
        yield base
    engine.dispose()


def _decide_here(page: Any) -> None:
    """Take the recommended decision (pre-selected), with a note where one is needed."""
    chosen = page.locator("input[name=decision]:checked")
    decision = chosen.get_attribute("value") if chosen.count() else "request_info"
    if not chosen.count():
        page.check("input[name=decision][value=request_info]")
    if decision == "request_info":
        requests = page.locator("textarea[data-testid=requests]")
        if not requests.input_value().strip():
            requests.fill("Upload a POE signed by the customer (D-11)")
    if decision == "reject":
        page.fill("textarea[name=note]", "The POE does not support the claim (D-16)")
    page.click("button[data-testid=decide]")
    page.wait_for_load_state("networkidle")
    if page.locator("[data-testid=form-error]").count():  # e.g. D-6: the product went elsewhere
        page.check("input[name=decision][value=reject]")
        page.fill("textarea[name=note]", "Reviewed: cannot be approved as claimed")
        page.click("button[data-testid=decide]")
        page.wait_for_load_state("networkidle")


def test_reviewer_works_the_demo_queue_to_the_end(demo_server: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        _sign_in(page, demo_server, "rita")
        start = page.locator("table[data-testid=queue] tbody tr[data-claim]").count()
        assert start > 0, "the demo produced no claim to review"
        _shot(page, "demo-01-queue")
        decided: list[str] = []
        for step in range(start + 5):
            page.goto(f"{demo_server}/queue")
            rows = page.locator("table[data-testid=queue] tbody tr[data-claim]")
            if rows.count() == 0:
                break
            claim_id = rows.first.get_attribute("data-claim") or ""
            rows.first.locator("a.claim-link").click()
            page.wait_for_load_state("networkidle")
            if step == 0:
                _shot(page, "demo-02-first-claim")
                evidence = page.locator("a[data-testid=evidence]")
                if evidence.count():
                    evidence.first.click()  # the viewer beside the criteria moves to it
                    page.locator("[data-testid=viewer-pages] [data-testid=highlight]").first.wait_for()
                    # In view in the viewer, however late the pages above it loaded.
                    page.wait_for_function("""() => {
                        const h = document.querySelector('[data-testid=viewer-pages] [data-testid=highlight]');
                        const v = document.querySelector('[data-testid=viewer-pages]').getBoundingClientRect();
                        const r = h.getBoundingClientRect();
                        const img = h.parentElement.querySelector('img');
                        return r.top >= v.top - 1 && r.bottom <= v.bottom + 1 && (!img || img.complete);
                    }""", timeout=10000)
                    # The window as the reviewer sees it (a full-page capture resizes the workspace).
                    page.screenshot(path=str(ARTIFACTS / "demo-03-first-evidence.png"))
            conflict = page.locator("a[data-testid=conflict-link]")
            if conflict.count() and page.locator("button:has-text('Record decision')").count():
                conflict.first.click()
                page.wait_for_load_state("networkidle")
                form = page.locator("form[action$='/decision'] button.primary")
                if form.count():
                    _shot(page, "demo-04-conflict")
                    page.fill("textarea[name=note]", "Compared side by side (D-18)")
                    form.click()
                    page.wait_for_load_state("networkidle")
                    if not page.locator("[data-testid=form-error]").count():
                        decided.append(f"conflict via {claim_id}")
                        continue
                page.goto(f"{demo_server}/claims/{claim_id}")
                page.wait_for_load_state("networkidle")
            _decide_here(page)
            assert page.locator("[data-testid=status]").inner_text() != "Under review", f"claim {claim_id} still under review"
            decided.append(claim_id)
        page.goto(f"{demo_server}/queue")
        assert page.locator("table[data-testid=queue] tbody tr[data-claim]").count() == 0, decided
        _shot(page, "demo-05-queue-empty")
        browser.close()
