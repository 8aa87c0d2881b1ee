"""The web against the real pipeline: a claim's stored submission analysed by
``pipeline.analysis.analyze_folder`` (real extractors and checks), then every piece of evidence
on its page must open its document with the evidence highlighted at its place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web.store_builder import Built

pytest.importorskip("extractors.api")


def test_every_real_evidence_link_opens_highlighted(client_for, built: Built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pipeline.analysis import analyze_folder
    from pipeline.service import ClaimService

    service = ClaimService(built.engine, built.clock, data_dir=built.data_dir)
    folder = service.materialize_submission("1000002", None, tmp_path / "1000002")
    result = analyze_folder(folder)
    service.record_analysis("1000002", 1, result)

    rita = client_for("rita")
    html = rita.get("/claims/1000002").text
    links = re.findall(r'class="evidence-link" data-testid="evidence"[^>]*? href="([^"]+)"', html)
    total = sum(len(c.get("evidence") or []) + sum(len(p.get("evidence") or []) for p in (c.get("products") or {}).values())
                for c in result["criteria"].values())
    assert total > 0 and len(links) == total
    for link in links:
        page = rita.get(link.replace("&amp;", "&"))
        assert page.status_code == 200, link
        assert 'data-testid="highlight"' in page.text, f"no highlight at {link}"
