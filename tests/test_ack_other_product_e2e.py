"""End to end (issue 15, R-SIG-011): a claim folder whose customer acknowledgment e-mail is about
another product, through the real e-mail extractor and ``poe-review analyze`` / ``compare``.

A Teams claim whose only customer acknowledgment is an e-mail confirming the partner 'for the
migration to Defender for Business' must not count it (D-11.1): customer_signature is unclear
with R-SIG-011, the claim is not recommended for approval, and a conflict comparison says why.
The same folder with the e-mail naming Teams is met.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from delivery.cli import app

runner = CliRunner()
TENANT = "2c914440-f2e5-4efa-9d23-a67dcc41c5d5"

EMAIL = """From: Megan Lopez <megan.lopez@nimbly.example>
To: Stefan Wagner <stefan.wagner@solvaris.example>
Subject: Partner confirmation
Date: Mon, 12 Jan 2026 10:01:07 +0000
Message-ID: <ack-1@nimbly.example>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Dear Stefan,

We confirm that Solvaris Data SE is our partner for {scope}.
We are planning for the work to start on 20 January 2026.

Thanks and regards,
Megan Lopez
Managing Director
Nimbly Utilities Corporation
"""


def claim_json(claim_id: str, partner: str, contact: str, domain: str) -> dict[str, Any]:
    return {
        "claim_id": claim_id, "name": "Teams for Nimbly", "program": "OSU-Microsoft 365",
        "solution_area": "Microsoft 365", "activity": "Deployment", "status": "Submitted",
        "created_at": "2026-03-20T14:52:00Z", "submitted_at": "2026-03-21T14:46:00Z",
        "mpn_location": {"mpn_id": "6854433", "country": "Germany"},
        "partner": {"name": partner, "contact_name": contact, "contact_email": f"{contact.split()[0].lower()}@{domain}"},
        "customer": {"domain": "nimbly.example", "tenant_id": TENANT, "contact_name": "Megan Lopez",
                     "contact_email": "megan.lopez@nimbly.example"},
        "products": [{"name": "Microsoft Teams", "code": "TEAMS"}],
        "documents": [{"path": "Acknowledgement.eml"}],
    }


def folder(root: Path, name: str, scope: str, claim_id: str = "2017928") -> Path:
    f = root / name
    f.mkdir(parents=True)
    data = claim_json(claim_id, "Solvaris Data SE", "Stefan Wagner", "solvaris.example")
    (f / "claim.json").write_text(json.dumps(data), encoding="utf-8")
    (f / "Acknowledgement.eml").write_text(EMAIL.format(scope=scope), encoding="utf-8")
    return f


def analyze(path: Path) -> dict[str, Any]:
    res = runner.invoke(app, ["analyze", str(path), "--json"])
    assert res.exit_code == 0, res.output
    out: dict[str, Any] = json.loads(res.stdout)
    return out


def test_acknowledgment_email_about_another_product_is_flagged_end_to_end(tmp_path: Path) -> None:
    out = analyze(folder(tmp_path, "other", "the migration to Defender for Business"))
    sig = out["criteria"]["customer_signature"]
    assert sig["verdict"] == "unclear"
    codes = {r["code"]: r["message"] for r in sig["reasons"]}
    assert "R-SIG-011" in codes
    assert "Defender for Business" in codes["R-SIG-011"] and "Microsoft Teams" in codes["R-SIG-011"]
    assert out["recommendation"] != "approve"
    assert "R-SIG-011" in {r["code"] for r in out["reasons"]}  # the claim page lists the analysis' reasons


def test_acknowledgment_email_naming_the_claimed_product_is_met_end_to_end(tmp_path: Path) -> None:
    out = analyze(folder(tmp_path, "teams", "the Microsoft Teams Phone roll-out"))
    sig = out["criteria"]["customer_signature"]
    assert sig["verdict"] == "met"
    assert "R-SIG-011" not in {r["code"] for r in sig.get("reasons", [])}


def test_conflict_comparison_says_the_acknowledgment_is_another_engagement(tmp_path: Path) -> None:
    a = folder(tmp_path, "a", "the migration to Defender for Business")
    b = tmp_path / "b"
    b.mkdir()
    data = claim_json("2017953", "Marari Software Limited", "Ruth Ames", "marari.example")
    data["documents"] = [{"path": "Acknowledgement.eml"}]
    (b / "claim.json").write_text(json.dumps(data), encoding="utf-8")
    (b / "Acknowledgement.eml").write_text(
        EMAIL.format(scope="the Microsoft Teams roll-out").replace("Solvaris Data SE", "Marari Software Limited")
        .replace("Stefan Wagner <stefan.wagner@solvaris.example>", "Ruth Ames <ruth@marari.example>"),
        encoding="utf-8")
    res = runner.invoke(app, ["compare", str(a), str(b), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["side_by_side"]["customer_signature"] == {"2017928": "unclear", "2017953": "met"}
    assert out["ranking"][0] == "2017953"
    assert "R-SIG-011" in out["rationale"] and "Defender for Business" in out["rationale"]
    # The other engagement's e-mail (12 January) does not date this claim's engagement: its creation does.
    engaged = {c["claim_id"]: c["engaged_on"] for c in out["claims"]}
    assert engaged["2017928"] == "2026-03-20"
