"""The one registry of coded messages: well-formed codes, D-rules cited, every code used exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring.reasons import REASONS, codes_for, reason
from scoring.types import CRITERIA

SCORING = Path(__file__).resolve().parents[2] / "scoring"
SECTIONS = ("R-DOC", "R-SIG", "R-NAME", "R-DATE", "R-PROD", "R-GROW", "R-ELIG", "R-CONF", "R-DEC")


def test_codes_rules_and_criteria_are_well_formed():
    for code, spec in REASONS.items():
        assert re.fullmatch(r"R-[A-Z]+-\d{3}", code) and spec.code == code
        assert code.rsplit("-", 1)[0] in SECTIONS, code
        assert re.fullmatch(r"D-\d+(\.\d+)?", spec.rule), (code, spec.rule)
        assert spec.criterion is None or spec.criterion in CRITERIA, code
        assert spec.template.strip().endswith((".", ")")), code


def test_every_code_named_in_scoring_source_is_registered():
    used = set()
    for path in SCORING.rglob("*.py"):
        used |= set(re.findall(r"\"(R-[A-Z]+-\d{3})\"", path.read_text(encoding="utf-8")))
    assert used, "no reason codes found in scoring/"
    assert used <= set(REASONS), sorted(used - set(REASONS))


def test_reason_fills_fields_and_marks_missing_ones():
    r = reason("R-ELIG-006", subscription_id="s", product="P", activated_at="a", created_at="c", hours="47")
    assert r.code == "R-ELIG-006" and r.rule == "D-8" and "only 47 hours" in r.message
    assert r.details["hours"] == "47"
    assert "?" in reason("R-ELIG-002").message  # a missing field never raises


def test_unknown_code_raises():
    with pytest.raises(KeyError):
        reason("R-NOPE-001")


def test_sections_have_codes():
    for prefix in ("R-ELIG", "R-DEC", "R-CONF", "R-DOC"):
        assert codes_for(prefix), prefix
