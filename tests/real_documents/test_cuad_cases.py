"""One test per real CUAD contract kept in ``cuad/`` (CC BY 4.0, see README.md): the claim over
it and the verdicts the checks must give (``cases.json``), each reproducing a class of issue 12."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import pytest

from extractors.api import extract_local
from extractors.document import ExtractedDocument
from extractors.limits import Limits
from scoring.checks import run_checks
from scoring.types import ClaimAssertion, ClaimedProduct

HERE = Path(__file__).parent
CASES = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))["cases"]


def _domain(name: str) -> str:
    """The customer's domain as it would register it: 'VNUE, Inc.' -> 'vnue.example'."""
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in {"inc", "llc", "ltd", "corp", "co", "the"}]
    return "".join(words)[:30] + ".example"


@cache
def _document(name: str) -> ExtractedDocument:
    doc, bug = extract_local(HERE / "cuad" / name, name, Limits(timeout_seconds=None))
    assert bug is None and doc.ok, doc.error
    return doc


def _claim(case: dict) -> ClaimAssertion:
    day = datetime.fromisoformat(case["submitted"]).replace(tzinfo=UTC)
    return ClaimAssertion(
        claim_id=case["id"], program="OSU-Microsoft 365", solution_area="Modern Work", activity="Deployment",
        partner_name=case["partner"], customer_domain=_domain(case["customer"]), tenant_id="t-" + case["id"],
        products=(ClaimedProduct("Microsoft 365 E3/E5", "M365_SUITE"),), customer_name=case["customer"],
        created_at=day - timedelta(days=1), submitted_at=day)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_cuad_case(case: dict) -> None:
    results = run_checks(_claim(case), [_document(case["file"])])
    for criterion, expected in case["expect"].items():
        accepted = expected if isinstance(expected, list) else [expected]
        got = results[criterion]
        assert got.verdict in accepted, f"{criterion}: {got.verdict} {[r.message for r in got.reasons]} ({case['why']})"
