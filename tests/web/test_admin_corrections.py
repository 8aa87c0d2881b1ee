"""Issue 16: an admin sees every reviewer's corrections (a page and ``/api/corrections``,
filterable by reviewer, criterion and period); reviewers correct, analysts and admins cannot;
analysts and partners never get the named list."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipeline import corrections
from pipeline.corrections import CorrectionIn
from pipeline.errors import AccessDenied, InvalidInput
from pipeline.roles import Actor, Role
from pipeline.service import ClaimService
from tests.web.conftest import csrf_of

RITA, ROB = Actor("rita", Role.REVIEWER), Actor("rob", Role.REVIEWER)
ADAM, ANA = Actor("adam", Role.ADMIN), Actor("ana", Role.ANALYST)


def _three_corrections(built) -> None:  # type: ignore[no-untyped-def]
    """rita corrects 1000001's signature on day 0 and its growth on day 2; rob 1000003's dates on day 1."""
    service = ClaimService(built.engine, built.clock, data_dir=built.data_dir)
    start = built.clock.now()
    service.correct(RITA, "1000001", [CorrectionIn("customer_signature", "met", document="SOW.pdf", where="page 2")])
    built.clock.set(start + timedelta(days=1))
    service.correct(ROB, "1000003", [CorrectionIn("dates", "not_met", note="only a quote's validity date")])
    built.clock.set(start + timedelta(days=2))
    service.correct(RITA, "1000001", [CorrectionIn("growth_activities", "met")])


def test_the_library_lists_every_reviewers_corrections_for_admins_only(built) -> None:  # type: ignore[no-untyped-def]
    _three_corrections(built)
    found = corrections.list_all(built.engine, ADAM)
    assert found.total == 3 and found.by_reviewer == {"rita": 2, "rob": 1}
    assert [(c.reviewer, c.claim_id, c.criterion, c.tool_verdict, c.verdict) for c in found.rows] == [
        ("rita", "1000001", "growth_activities", "unclear", "met"),  # newest first
        ("rob", "1000003", "dates", "met", "not_met"),
        ("rita", "1000001", "customer_signature", "not_met", "met"),
    ]
    assert [c.criterion for c in corrections.list_all(built.engine, ADAM, reviewer="rita").rows] == [
        "growth_activities", "customer_signature"]
    assert corrections.list_all(built.engine, ADAM, criterion="dates").total == 1
    day1 = built.clock.now() - timedelta(days=1)
    assert [c.reviewer for c in corrections.list_all(built.engine, ADAM, since=day1 - timedelta(hours=1),
                                                     until=day1 + timedelta(hours=1)).rows] == ["rob"]
    capped = corrections.list_all(built.engine, ADAM, limit=1)
    assert capped.total == 3 and len(capped.rows) == 1
    for actor in (RITA, ANA, Actor("fab", Role.INCENTIVE_ADMIN, "4412093")):
        with pytest.raises(AccessDenied):
            corrections.list_all(built.engine, actor)
    with pytest.raises(InvalidInput, match="criterion"):
        corrections.list_all(built.engine, ADAM, criterion="colour")


def test_admins_page_and_api_filter_by_reviewer(built, client_for) -> None:  # type: ignore[no-untyped-def]
    _three_corrections(built)
    adam = client_for("adam")
    home = adam.get("/")
    assert home.status_code == 303 and home.headers["location"] == "/admin/corrections"
    page = adam.get("/admin/corrections").text
    assert page.count("<tr data-reviewer=") == 3 and 'data-reviewer="rob"' in page
    assert "only a quote&#39;s validity date" in page and "SOW.pdf · page 2" in page
    only_rob = adam.get("/admin/corrections", params={"reviewer": "rob"}).text
    assert only_rob.count("<tr data-reviewer=") == 1 and 'data-reviewer="rita"' not in only_rob
    api = adam.get("/api/corrections", params={"reviewer": "rita", "criterion": "customer_signature"}).json()
    assert api["total"] == 1 and api["by_reviewer"] == {"rita": 2, "rob": 1}
    assert api["corrections"][0]["verdict"] == "met" and api["corrections"][0]["where"] == "page 2"
    bad = adam.get("/api/corrections", params={"since": "yesterday"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["message"]
    # Analysts read the corrections aggregated only; reviewers on each claim's page.
    for user in ("ana", "rita", "fab"):
        assert client_for(user).get("/api/corrections").status_code == 403


def test_an_admin_reads_claims_but_neither_corrects_nor_decides(client_for) -> None:  # type: ignore[no-untyped-def]
    adam = client_for("adam")
    page = adam.get("/claims/1000001")
    assert page.status_code == 200 and "correct-customer_signature" not in page.text
    assert 'data-testid="decide"' not in page.text
    token = {"X-CSRF-Token": csrf_of(adam)}
    r = adam.post("/api/claims/1000001/corrections", headers=token,
                  json={"corrections": [{"criterion": "growth_activities", "verdict": "met"}]})
    assert r.status_code == 403
    r = adam.post("/api/claims/1000001/decision", headers=token, json={"decision": "approve"})
    assert r.status_code == 403
    assert adam.get("/analyst/agreement").status_code == 200


def test_the_library_lets_reviewers_correct_and_nobody_else(built) -> None:  # type: ignore[no-untyped-def]
    service = ClaimService(built.engine, built.clock, data_dir=built.data_dir)
    item = [CorrectionIn("growth_activities", "met")]
    for actor in (ANA, ADAM, Actor("fab", Role.INCENTIVE_ADMIN, "4412093")):
        with pytest.raises(AccessDenied):
            service.correct(actor, "1000001", item)
    assert corrections.list_all(built.engine, ADAM).total == 0
    service.correct(RITA, "1000001", item)
    assert [(c.reviewer, c.verdict) for c in corrections.list_all(built.engine, ADAM).rows] == [("rita", "met")]
