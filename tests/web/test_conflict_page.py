"""Issue 15: the conflict page side by side, over HTTP (the browser test checks the layout)."""

from __future__ import annotations

import re

from delivery.web.conflict_view import parse_pane
from tests.web.store_builder import Built


def test_pane_specs_parse_or_are_ignored() -> None:
    assert parse_pane("1000002:0") == ("1000002", 0, None, None)
    assert parse_pane("1000002:1:2:5") == ("1000002", 1, 2, 5)
    assert parse_pane("1000002:0::3") == ("1000002", 0, None, 3)
    assert parse_pane("1000002") is None and parse_pane("x:y") is None and parse_pane(None) is None


def test_criteria_quotes_dates_factors_and_margin_side_by_side(client_for, built: Built) -> None:  # type: ignore[no-untyped-def]
    html = client_for("rita").get(f"/conflicts/{built.conflict_id}").text
    row = html[html.index('data-criterion="customer_signature"'):]
    row = row[: row.index("</tr>")]
    winner, loser = row.split('data-claim="1000003"')
    assert "MET" in winner.upper() and "Teo Lupu" in winner and 'datetime="2026-07-12"' in winner
    assert "not met" in loser.replace("_", " ").lower() and "compare-quote" not in loser
    factors = html[html.index('data-testid="ranking-factors"'):]
    deciding = re.search(r'data-testid="deciding-factor"><th scope="row">([^<]+)', factors)
    assert deciding and deciding.group(1).strip() == "1. POE criteria met (D-11)"  # 5 of 5 against 4 of 5
    margin = html[html.index('data-testid="margin-explained"'):]
    assert "(88 − 41) / 100 = 0.47" in margin and "recorded 0.31" in margin
    # Two viewers by default: the first document of each of the two best-ranked claims.
    assert 'data-testid="viewer-left"' in html and 'data-testid="viewer-right"' in html
    assert "/claims/1000002/documents/0/pages/1.png" in html and "/claims/1000003/documents/0/pages/1.png" in html


def test_a_quote_opens_in_its_viewer_with_the_evidence_marked(client_for, built: Built) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    html = rita.get(f"/conflicts/{built.conflict_id}").text
    link = re.search(r'<a class="evidence-link" data-testid="compare-quote" href="(\?left=1000002:0::\d+[^"]*)"', html)
    assert link, "the signature quote links into the left viewer"
    opened = rita.get(f"/conflicts/{built.conflict_id}" + link.group(1).replace("&amp;", "&")).text
    left = opened[opened.index('data-testid="viewer-left"'):opened.index('data-testid="viewer-right"')]
    assert 'data-testid="pane-quote"' in left and "Page 2 of 2" in left and 'data-testid="pane-highlight"' in left


def test_viewers_show_only_this_conflicts_documents_and_analysts_get_text(client_for, built: Built) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    other = rita.get(f"/conflicts/{built.conflict_id}?left=1000001:0&right=1000003:9").text  # not in it; no such doc
    assert "Choose a document to open it here." in other and "/claims/1000001/documents" not in other
    ana = client_for("ana").get(f"/conflicts/{built.conflict_id}?left=1000002:1&right=1000003:2")
    assert ana.status_code == 200
    assert "/pages/" not in ana.text  # analysts get no page images (raw files), the extracted text instead
    assert 'class="pane-text"' in ana.text
