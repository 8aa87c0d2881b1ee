"""The checks over real files read by the real extractors: verdicts, and every evidence's text
standing at its stated location in the extracted document."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from extractors import extract
from extractors.document import ExtractedDocument
from scoring.checks import run_checks
from tests.scoring.docs import claim


def _located(doc: ExtractedDocument, ev) -> bool:
    for d in doc.all_documents():
        if d.path != ev.document:
            continue
        if any(b.location == ev.location and ev.text in b.text for b in d.blocks):
            return True
        for t in d.tables:
            for r, row in enumerate(t.rows):
                for c, value in enumerate(row):
                    if t.cells and t.cells[r][c] == ev.location and ev.text in (value or ""):
                        return True
        if any(td.location == ev.location and td.text == ev.text for td in d.dates):
            return True
    return False


def _docx(path: Path) -> Path:
    from docx import Document
    d = Document()
    d.add_heading("Statement of Work", 0)
    d.add_paragraph('This SOW is made between Fabrikam Consulting Ltd ("Partner") and Contoso Ltd ("Customer").')
    d.add_heading("Scope", 1)
    d.add_paragraph("Fabrikam will migrate 800 mailboxes to Exchange Online and roll out Microsoft Teams.")
    d.add_paragraph("Drive Teams adoption to 90% of staff by December 2026.")
    d.add_heading("Out of scope", 1)
    d.add_paragraph("Power BI reporting.")
    t = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Contoso Ltd", "Fabrikam Consulting Ltd"),
                                ("Signature: /s/ Teo Lupu", "Signature: /s/ Anna Smith"),
                                ("Date: 2 July 2026", "Date: 1 July 2026")]):
        t.cell(r, 0).text = a
        t.cell(r, 1).text = b
    d.save(path)
    return path


def _xlsx(path: Path) -> Path:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "POE"
    for row in [["Partner name", "Fabrikam Consulting Ltd"], ["Customer name", "Contoso Ltd"],
                ["Workload", "Activities"], ["Exchange Online", "Migrate 800 mailboxes"],
                ["Microsoft Teams", "Teams Phone roll-out to 3 sites"],
                ["Activities driving revenue and/or usage growth", "Increase Teams active users from 300 to 900"],
                ["Customer acknowledgement"], ["Name", "Teo Lupu"], ["Signature", "Teo Lupu"],
                ["Date", datetime(2026, 7, 2)]]:
        ws.append(row)
    wb.save(path)
    return path


def _pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in ["STATEMENT OF WORK",
                 'This SOW is made between Fabrikam Consulting Ltd ("Partner") and Contoso Ltd ("Customer").',
                 "Scope", "Fabrikam will migrate 800 mailboxes to Exchange Online and deploy Microsoft Teams.",
                 "Drive Teams adoption to 90% of staff.", "Milestones", "Kick-off: 15 June 2026",
                 "Go-live: 30 September 2026"]:
        c.drawString(72, y, line)
        y -= 18
    y -= 20
    for left, right in [("CONTOSO LTD", "FABRIKAM CONSULTING LTD"), ("By: ____________", "By: /s/ Anna Smith"),
                        ("Name:", "Name: Anna Smith"), ("Date: ________", "Date: 1 July 2026")]:
        c.drawString(72, y, left)
        c.drawString(320, y, right)
        y -= 18
    c.save()
    return path


@pytest.mark.parametrize("make,expected", [
    (_docx, {"customer_signature": "met", "product_links": "met", "growth_activities": "met", "dates": "met"}),
    (_xlsx, {"customer_signature": "met", "product_links": "met", "growth_activities": "met", "dates": "met"}),
    (_pdf, {"customer_signature": "not_met", "product_links": "met", "growth_activities": "met", "dates": "met"}),
], ids=["docx", "xlsx", "pdf"])
def test_real_files(tmp_path, make, expected):
    path = make(tmp_path / f"poe.{make.__name__[1:]}")
    doc = extract(path, display_path=path.name)
    assert doc.ok, doc.error
    results = run_checks(claim(products=("EXO", "TEAMS")), [doc])
    assert results["partner_name"].verdict == results["customer_name"].verdict == "met"
    for name, verdict in expected.items():
        assert results[name].verdict == verdict, (name, results[name].to_json())
    for name, r in results.items():
        for ev in r.evidence:
            assert _located(doc, ev), (name, ev)
        for finding in (r.products or {}).values():
            for ev in finding.evidence:
                assert _located(doc, ev), (name, ev)
