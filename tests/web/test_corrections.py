"""Reviewers' per-criterion corrections (learning from reviewers): one click per criterion on
the claim page, the overrule question, append-only storage, and who may see or make them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from tests.web.conftest import csrf_of


def _form_token(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return m.group(1)


def test_a_reviewer_marks_a_criterion_wrong_in_one_click(client_for, built) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    page = rita.get("/claims/1000001").text
    assert 'data-testid="correct-customer_signature"' in page  # one form per criterion
    r = rita.post("/claims/1000001/corrections", data={
        "csrf_token": _form_token(page), "criterion": "customer_signature", "verdict": "met",
        "document": "SOW.pdf", "where": "page 2", "note": "wet signature the OCR missed"})
    assert r.status_code == 303
    page = rita.get("/claims/1000001").text
    assert 'data-testid="corrected"' in page and 'data-testid="corrections"' in page
    assert "wet signature the OCR missed" in page and "SOW.pdf, page 2" in page
    claim = rita.get("/api/claims/1000001").json()
    assert [(c["criterion"], c["tool_verdict"], c["verdict"], c["reviewer"]) for c in claim["corrections"]] == [
        ("customer_signature", "not_met", "met", "rita")]
    assert claim["corrections"][0]["scoring_version"] is not None
    assert any(h["action"] == "criterion_corrected" for h in claim["history"])


def test_partners_never_see_corrections_and_analysts_cannot_make_them(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    ok = rita.post("/api/claims/1000001/corrections", headers={"X-CSRF-Token": csrf_of(rita)},
                   json={"corrections": [{"criterion": "growth_activities", "verdict": "met"}]})
    assert ok.status_code == 200
    fab = client_for("fab")
    mine = fab.get("/api/claims/1000001").json()
    assert "corrections" not in mine and all(h["action"] != "criterion_corrected" for h in mine["history"])
    assert "Reviewers' corrections" not in fab.get("/claims/1000001").text
    ana = client_for("ana")
    assert "correct-growth_activities" not in ana.get("/claims/1000001").text
    r = ana.post("/api/claims/1000001/corrections", headers={"X-CSRF-Token": csrf_of(ana)},
                 json={"corrections": [{"criterion": "dates", "verdict": "not_met"}]})
    assert r.status_code == 403


def test_a_correction_must_differ_from_the_tool(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    r = rita.post("/api/claims/1000001/corrections", headers={"X-CSRF-Token": csrf_of(rita)},
                  json={"corrections": [{"criterion": "dates", "verdict": "met"}]})
    assert r.status_code == 400 and "already says met" in r.json()["message"]
    r = rita.post("/api/claims/1000001/corrections", headers={"X-CSRF-Token": csrf_of(rita)},
                  json={"corrections": [{"criterion": "colour", "verdict": "met"}]})
    assert r.status_code == 400 and "criterion" in r.json()["message"]


def test_an_overrule_asks_which_criteria_were_wrong(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    page = rita.get("/claims/1000001").text  # recommended: request information
    assert 'data-testid="overrule-why"' in page
    form = {"csrf_token": _form_token(page), "decision": "approve", "note": "the e-mail is the customer's sign-off"}
    r = rita.post("/claims/1000001/decision", data=form)
    assert r.status_code == 400 and "tick the criteria the tool got wrong" in r.text
    r = rita.post("/claims/1000001/decision", data={**form, "wrong": ["customer_signature", "growth_activities"]})
    assert r.status_code == 303
    claim = rita.get("/api/claims/1000001").json()
    assert claim["status"] == "Approved"
    assert sorted((c["criterion"], c["verdict"]) for c in claim["corrections"]) == [
        ("customer_signature", "met"), ("growth_activities", "met")]


def test_an_overrule_may_be_a_policy_exception(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    page = rita.get("/claims/1000002").text  # recommended: approve
    r = rita.post("/claims/1000002/decision", data={"csrf_token": _form_token(page), "decision": "reject",
                                                    "note": "customer asked us to hold", "policy_exception": "true"})
    assert r.status_code == 303
    corrections = rita.get("/api/claims/1000002").json()["corrections"]
    assert [(c["criterion"], c["verdict"]) for c in corrections] == [("policy_exception", None)]
    assert "policy exception (no criterion wrong)" in rita.get("/claims/1000002").text


def test_corrections_are_append_only(built, client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    rita.post("/api/claims/1000001/corrections", headers={"X-CSRF-Token": csrf_of(rita)},
              json={"corrections": [{"criterion": "growth_activities", "verdict": "met"}]})
    with built.engine.begin() as conn, pytest.raises(DatabaseError, match="append-only"):
        conn.execute(text("UPDATE corrections SET verdict = 'not_met'"))
    with built.engine.begin() as conn, pytest.raises(DatabaseError, match="append-only"):
        conn.execute(text("DELETE FROM corrections"))


def test_analysts_see_the_agreement_page_partners_do_not(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    rita.post("/api/claims/1000001/corrections", headers={"X-CSRF-Token": csrf_of(rita)},
              json={"corrections": [{"criterion": "customer_signature", "verdict": "met"}]})
    page = client_for("ana").get("/analyst/agreement")
    assert page.status_code == 200 and 'data-testid="agreement"' in page.text
    row = re.search(r'<tr data-criterion="customer_signature">(.*?)</tr>', page.text, re.S)
    assert row and "0%" in row.group(1) and "R-SIG-001 (1)" in row.group(1)  # 0 of 1 labelled agree
    assert client_for("fab").get("/analyst/agreement").status_code == 403
    assert client_for().get("/analyst/agreement").status_code == 303
