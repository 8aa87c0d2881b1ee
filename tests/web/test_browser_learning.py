"""Learning from reviewers (issue 16) end to end in headless Chromium: a reviewer marks a
criterion wrong on the claim page, answers the overrule question, and an analyst reads the
agreement page, whose figures are checked against the known corrections of
:func:`tests.reports.agreement_store.add_known_corrections` (worked out by hand there and in
tests/reports/test_agreement.py). Selectors are form names, values and labels, so layout changes
of the claim page do not break them. Screenshots go to ``test-artifacts/`` (git-ignored)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.reports.agreement_store import add_known_corrections
from tests.web.live_server import serving
from tests.web.store_builder import PASSWORD, Built, build_store
from tests.web.test_browser import ARTIFACTS, CHROMIUM, browser  # noqa: F401 - the Chromium fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent: install Debian's chromium"),
]


@contextmanager
def _serving(built: Built) -> Iterator[str]:
    from delivery.web import create_app

    app = create_app(built.engine, built.clock, secret_key="browser-learning", data_dir=built.data_dir)
    try:
        with serving(app) as base:
            yield base
    finally:
        built.engine.dispose()


@pytest.fixture(scope="module")
def review_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web store as built: the reviewer's corrections start from nothing."""
    with _serving(build_store(tmp_path_factory.mktemp("learning-review"))) as base:
        yield base


@pytest.fixture(scope="module")
def agreement_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web store with the known corrections and decisions, and nothing else."""
    built = build_store(tmp_path_factory.mktemp("learning-agreement"))
    add_known_corrections(built)
    with _serving(built) as base:
        yield base


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state("networkidle")


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"learning-{name}.png"), full_page=True)


def _correction_form(page: Any, claim_id: str, criterion: str) -> Any:
    """The one-click correction form of a criterion (found by its action and hidden field)."""
    return page.locator(f"form[action='/claims/{claim_id}/corrections']").filter(
        has=page.locator(f"input[name=criterion][value={criterion}]"))


def _decision_form(page: Any, claim_id: str) -> Any:
    return page.locator(f"form[action='/claims/{claim_id}/decision']")


def _api(page: Any, base: str, path: str) -> Any:
    response = page.request.get(f"{base}{path}")
    assert response.ok, response.text()
    return response.json()


def test_a_reviewer_marks_a_criterion_wrong(review_server: str, browser: Any) -> None:  # noqa: F811
    base = review_server
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    _sign_in(page, base, "rita")
    page.goto(f"{base}/claims/1000001")  # the tool says the customer signature is not met
    form = _correction_form(page, "1000001", "customer_signature")
    assert form.count() == 1
    button = form.locator("button[name=verdict][value=met]")
    assert button.is_visible() and "it is met" in button.inner_text()
    # Readable: the one-click button was drawn white on the white card (the sign-out style).
    assert button.evaluate("b => getComputedStyle(b).color") != "rgb(255, 255, 255)"
    # Where it shows is optional: opened here to point at the page.
    form.locator("summary").click()
    form.locator("input[name=document]").fill("SOW.pdf")
    form.locator("input[name=where]").fill("page 2")
    form.locator("input[name=note]").fill("wet signature the OCR missed")
    _shot(page, "01-correct-signature")
    button.click()
    page.wait_for_load_state("networkidle")
    assert page.url.split("#")[0].endswith("/claims/1000001")
    assert "Recorded: customer signature is met" in page.locator("[role=status]").first.inner_text()
    row = page.locator("tr[data-criterion=customer_signature]")
    assert "corrected to met by rita" in row.inner_text()
    _shot(page, "02-corrected")
    claim = _api(page, base, "/api/claims/1000001")
    assert [(c["criterion"], c["tool_verdict"], c["verdict"], c["document"], c["where"], c["note"])
            for c in claim["corrections"]] == [
        ("customer_signature", "not_met", "met", "SOW.pdf", "page 2", "wet signature the OCR missed")]
    # An analyst sees the claim page without any correction form.
    page.click("form[action='/logout'] button")
    page.wait_for_load_state("networkidle")
    _sign_in(page, base, "ana")
    page.goto(f"{base}/claims/1000001")
    assert page.locator("form[action='/claims/1000001/corrections']").count() == 0
    context.close()


def test_an_overrule_asks_which_criteria_were_wrong(review_server: str, browser: Any) -> None:  # noqa: F811
    base = review_server
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    _sign_in(page, base, "rita")
    page.goto(f"{base}/claims/1000005")  # recommended: approve
    form = _decision_form(page, "1000005")
    question = form.locator("fieldset").filter(has=page.locator("input[name=wrong]"))
    assert question.is_hidden()  # agreeing with the recommendation asks nothing more
    form.locator("input[name=decision][value=reject]").check()
    assert question.is_visible()  # overruling asks which criteria were wrong
    assert "which criteria did the tool get wrong" in question.inner_text()
    form.locator("input[name=wrong][value=dates]").check()
    form.locator("textarea[name=note]").fill("the milestone dates are a quote's validity, not the work")
    _shot(page, "03-overrule-question")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    claim = _api(page, base, "/api/claims/1000005")
    assert claim["status"] == "Rejected"
    assert [(c["criterion"], c["tool_verdict"], c["verdict"]) for c in claim["corrections"]] == [
        ("dates", "met", "not_met")]
    _shot(page, "04-overruled")

    # A policy exception: no criterion wrong, said so.
    page.goto(f"{base}/claims/1000002")  # recommended: approve
    form = _decision_form(page, "1000002")
    form.locator("input[name=decision][value=reject]").check()
    form.locator("input[name=policy_exception]").check()
    form.locator("textarea[name=note]").fill("the customer asked us to hold this claim")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    claim = _api(page, base, "/api/claims/1000002")
    assert [(c["criterion"], c["verdict"]) for c in claim["corrections"]] == [("policy_exception", None)]
    context.close()


def _cells(page: Any, criterion: str) -> list[str]:
    row = page.locator(f"table[data-testid=agreement] tr[data-criterion={criterion}]")
    return [" ".join(t.split()) for t in row.locator("th, td").all_inner_texts()]


def test_the_analysts_agreement_page_shows_the_known_figures(agreement_server: str, browser: Any) -> None:  # noqa: F811
    base = agreement_server
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    _sign_in(page, base, "ana")
    page.get_by_role("link", name="Agreement").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/analyst/agreement")
    # Customer signature: 1000001 tool not met / label met (FN), 1000005 met/met (TP), 1000003
    # not met / not met (TN): 3 labelled, 2 agree (Wilson 0.21-0.94), precision 1/1, recall 1/2.
    signature = _cells(page, "customer_signature")
    assert signature[0].startswith("Customer signature")
    assert signature[1:] == ["3", "67% 0.21-0.94", "100% 0.21-1.00", "50% 0.09-0.91", "0%", "1", "R-SIG-001 (1)"]
    # Dates: 1000005 met/met (TP), 1000003 met / corrected not met (FP).
    assert _cells(page, "dates")[1:7] == ["2", "50% 0.09-0.91", "50% 0.09-0.91", "100% 0.21-1.00", "0%", "1"]
    # Growth: unclear on both decided claims and never corrected: no label, unclear 100%.
    assert _cells(page, "growth_activities")[1:3] == ["0", "—"] and _cells(page, "growth_activities")[5] == "100%"
    assert page.locator("[data-testid=drift]").count() == 0  # one week of labels: nothing to compare
    versions = page.locator("h2", has_text="By scoring version").locator("xpath=following-sibling::table[1]")
    assert "9.9" in versions.inner_text()
    _shot(page, "05-agreement-page")
    context.close()


def test_an_admin_lists_every_reviewers_corrections(agreement_server: str, browser: Any) -> None:  # noqa: F811
    base = agreement_server
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    _sign_in(page, base, "adam")
    assert page.url.endswith("/admin/corrections")  # the admin's home
    rows = page.locator("table[data-testid=corrections] tbody tr")
    # The known corrections: rita's signature on 1000001, then her dates on 1000003 (newest first).
    assert [(r.get_attribute("data-reviewer"), r.get_attribute("data-criterion")) for r in rows.all()] == [
        ("rita", "dates"), ("rita", "customer_signature")]
    filters = page.locator("form[action='/admin/corrections']")
    filters.locator("select[name=criterion]").select_option("dates")
    filters.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "criterion=dates" in page.url and rows.count() == 1
    assert "only a quote's validity date" in rows.first.inner_text()
    _shot(page, "06-admin-corrections")
    page.locator("table[data-testid=corrections] a", has_text="1000003").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/claims/1000003")
    assert page.locator("form[action='/claims/1000003/corrections']").count() == 0  # admins do not correct
    context.close()
