"""Speed of ``analyze`` and ``compare`` on claim folders (real extractors and checks).

Builds N claim folders (a signed DOCX SOW, a POE-template XLSX and a damaged PDF each) in a
temporary inbox, then times ``analyze_folder`` per claim and one ``compare_folders`` over a
conflicting pair. Prints figures; asserts nothing (tests do that).

    .venv/bin/python benchmarks/analysis_speed.py [N]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
SUB = "d66656c2-f69b-4488-8035-287eb6711ddc"


def _sow(path: Path, partner: str, i: int) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading("Statement of Work", 0)
    for line in (
        f"This Statement of Work is made between {partner} and Contoso Ltd, effective {1 + i % 27} June 2026.",
        "The partner will deploy Dynamics 365 Sales Enterprise for 300 sellers and configure lead management.",
        "Goal: increase active usage of Dynamics 365 Sales from 80 to 300 users by Q4 2026.",
        "Milestones: Design complete 30 June 2026; Go-live 15 September 2026.",
        *(f"Work package {k}: configure pipeline stage {k} and train the sales team." for k in range(20)),
    ):
        doc.add_paragraph(line)
    table = doc.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Contoso Ltd", partner), ("By: /s/ Teo Lupu", "By: /s/ Ola Demmo"),
                                ("Date: 12 June 2026", "Date: 10 June 2026")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    doc.save(str(path))


def _poe(path: Path, partner: str) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "POE"
    rows = [("CPOR Proof of Execution (POE) Template", ""), ("Partner name", partner),
            ("Customer name", "Contoso Ltd"), ("Products", "Dynamics 365 Sales Enterprise"),
            ("Activity", "Deploy Dynamics 365 Sales Enterprise for the sales team"),
            ("Customer acknowledgment", "Teo Lupu, CIO"), ("Date", "2026-06-12")]
    for row in rows:
        ws.append(row)
    wb.save(str(path))


def build(inbox: Path, n: int) -> list[Path]:
    (inbox / "tenants.json").write_text(json.dumps([{
        "tenant_id": TENANT, "display_name": "Contoso Ltd", "domains": ["contoso.example"],
        "subscriptions": [{"subscription_id": SUB, "product": "Dynamics 365 Sales Enterprise",
                           "code": "D365_SALES_ENT", "channel": "EA", "activated_at": "2026-06-01T00:00:00Z"}]}]))
    folders = []
    for i in range(n):
        partner = f"Partner {i} Consulting LLC"
        folder = inbox / f"claim{i}"
        folder.mkdir()
        _sow(folder / "SOW.docx", partner, i)
        _poe(folder / "POE.xlsx", partner)
        (folder / "scan.pdf").write_bytes(b"%PDF-1.4 damaged")
        (folder / "claim.json").write_text(json.dumps({
            "claim_id": str(1000000 + i), "program": "OSU-Business Applications",
            "solution_area": "Business Applications", "activity": "Deployment",
            "created_at": "2026-07-24T09:12:00Z", "submitted_at": "2026-07-26T15:40:00Z",
            "mpn_location": {"mpn_id": str(4400 + i), "country": "United States"},
            "partner": {"name": partner},
            "customer": {"domain": "contoso.example", "tenant_id": TENANT},
            "products": [{"name": "Dynamics 365 Sales Enterprise", "code": "D365_SALES_ENT", "subscription_id": SUB}],
            "documents": [{"path": "SOW.docx"}, {"path": "POE.xlsx"}, {"path": "scan.pdf"}],
        }))
        folders.append(folder)
    return folders


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    from pipeline.analysis import analyze_folder, compare_folders

    with tempfile.TemporaryDirectory() as tmp:
        folders = build(Path(tmp), n)
        t0 = time.perf_counter()
        first = analyze_folder(folders[0])
        warm = time.perf_counter() - t0
        times = []
        recs: dict[str, int] = {}
        for folder in folders[1:]:
            t = time.perf_counter()
            out = analyze_folder(folder)
            times.append(time.perf_counter() - t)
            recs[out["recommendation"]] = recs.get(out["recommendation"], 0) + 1
        t = time.perf_counter()
        cmp = compare_folders(folders[:2])
        compare_s = time.perf_counter() - t
    print(f"claims: {n} (DOCX SOW + XLSX POE + damaged PDF each)")
    print(f"first analyze (loads spaCy, catalogue): {warm * 1000:.0f} ms, recommendation {first['recommendation']}")
    if times:
        print(f"analyze per claim: median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms; recommendations {recs}")
    print(f"compare of 2 claims (re-extracts both): {compare_s * 1000:.0f} ms, margin {cmp['margin']}")


if __name__ == "__main__":
    main()
