"""Defects found using the workspace as a new reviewer would (issue: the reviewer's workspace,
second pass). One test per defect; each failed before its fix."""

from __future__ import annotations

import re

from pipeline.web.params import without_empty_params


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
