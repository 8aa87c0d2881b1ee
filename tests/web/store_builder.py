"""A small, realistic claims store for the web tests (helpers, not tests).

Claims go in through the library (``ClaimService.ingest`` of real claim folders, then
``record_analysis`` / ``record_conflict`` with spec section 3/4 JSON), with real PDF, DOCX and
XLSX files, so pages render real documents. The evidence in the analyses points at places that
really hold that text (a bbox measured with reportlab's font metrics, a DOCX paragraph, an XLSX
cell); the extraction cache rows stand in for the nightly run's extractions.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from delivery.web.accounts import add_user
from pipeline.clock import FixedClock
from pipeline.service import ClaimService
from pipeline.store.db import make_engine, migrate, session_scope
from pipeline.store.schema import DocumentRow, ExtractionRow

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday
TENANT_A = "72f988bf-86f1-41af-91ab-2d7cd011db47"
TENANT_B = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
FABRIKAM = ("4412093", "Fabrikam Consulting LLC")
NORTHWIND = ("5550001", "Northwind Traders Partners")
PASSWORD = "correct horse battery"
USERS = {
    "rita": ("reviewer", None),
    "rob": ("reviewer", None),
    "ana": ("analyst", None),
    "adam": ("admin", None),
    "fab": ("incentive_admin", FABRIKAM[0]),
    "nw": ("incentive_user", NORTHWIND[0]),
}
SIGNATURE_LINE = "Customer: Contoso Ltd  By: /s/ Teo Lupu  Date: 12 July 2026"
PAGE_W, PAGE_H = 612.0, 792.0


@dataclass
class Built:
    engine: Engine
    clock: FixedClock
    data_dir: Path
    signature_bbox: tuple[float, float, float, float]
    conflict_id: int
    claims: dict[str, str] = field(default_factory=dict)  # role of the claim -> claim_id


def sow_pdf() -> tuple[bytes, tuple[float, float, float, float]]:
    """A two-page SOW; page 2 carries the customer's signature line. Returns its bbox
    (x0, top, x1, bottom from the top-left, in points)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, 720, "Statement of Work: Dynamics 365 Sales roll-out")
    c.setFont("Helvetica", 11)
    lines = [
        "Between Fabrikam Consulting LLC (the Partner) and Contoso Ltd (the Customer).",
        "Fabrikam will deploy Dynamics 365 Sales Enterprise for 400 sellers in three waves.",
        "Milestone 1: pipeline migration, 15 August 2026. Milestone 2: go-live, 30 September 2026.",
        "The roll-out is expected to grow active usage of Dynamics 365 Sales by 60% in FY27.",
    ]
    for i, line in enumerate(lines):
        c.drawString(72, 680 - 18 * i, line)
    c.showPage()
    c.setFont("Helvetica", 11)
    c.drawString(72, 720, "Signatures")
    x, baseline, size = 72.0, 600.0, 11.0
    c.drawString(x, baseline, SIGNATURE_LINE)
    c.drawString(x, 560, "Partner: Fabrikam Consulting LLC  By: /s/ Ola Demmo  Date: 10 July 2026")
    c.showPage()
    c.save()
    width = stringWidth(SIGNATURE_LINE, "Helvetica", size)
    bbox = (x, PAGE_H - baseline - size * 0.8, x + width, PAGE_H - baseline + size * 0.25)
    return buf.getvalue(), bbox


def email_docx() -> tuple[bytes, list[str]]:
    import docx

    paragraphs = [
        "From: Teo Lupu, Contoso Ltd",
        "Subject: Dynamics roll-out",
        "Thanks Fabrikam, we confirm your team is leading our Dynamics 365 Sales deployment.",
        "Kind regards, Teo",
    ]
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), paragraphs


def poe_xlsx() -> tuple[bytes, dict[str, str]]:
    import openpyxl

    cells = {
        "A1": "POE template",
        "A3": "Partner name",
        "B3": "Fabrikam Consulting LLC",
        "A4": "Customer name",
        "B4": "Contoso Ltd",
        "A7": "Workload",
        "B7": "D365_SALES_ENT: sales pipeline deployment",
    }
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "POE"
    for ref, value in cells.items():
        ws[ref] = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), cells


def claim_json(claim_id: str, partner: tuple[str, str], tenant: str, products: list[dict[str, Any]], docs: list[str], **extra: Any) -> dict[str, Any]:
    mpn, name = partner
    return {
        "claim_id": claim_id,
        "name": extra.get("name", f"Claim {claim_id}"),
        "program": extra.get("program", "OSU-Business Applications"),
        "solution_area": extra.get("solution_area", "Business Applications"),
        "activity": "Deployment",
        "status": "Submitted",
        "created_at": "2026-10-20T09:00:00Z",
        "submitted_at": "2026-10-22T09:00:00Z",
        "mpn_location": {"mpn_id": mpn, "country": "United States"},
        "partner": {"name": name, "contact_name": f"Contact of {mpn}", "contact_email": f"contact@{mpn}.example"},
        "customer": {
            "domain": "contoso.example" if tenant == TENANT_A else "adatum.example",
            "tenant_id": tenant,
            "contact_name": "Teo Lupu",
            "contact_email": "teo.lupu@contoso.example",
        },
        "products": products,
        "documents": [
            {"path": d, "uploaded_by": f"Contact of {mpn}", "uploaded_at": "2026-10-22T08:00:00Z", "comment": ""}
            for d in docs
        ],
        "comment": "",
    }


def _write(folder: Path, data: dict[str, Any], files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    (folder / "claim.json").write_text(json.dumps(data, indent=2))
    return folder


def _criterion(verdict: str, evidence: list[dict[str, Any]], confidence: float = 0.9, **extra: Any) -> dict[str, Any]:
    return {"verdict": verdict, "confidence": confidence, "evidence": evidence, **extra}


def analysis(claim_id: str, bbox: tuple[float, float, float, float] | None, *, signature: str = "met", recommendation: str = "approve", score: float = 86) -> dict[str, Any]:
    sig_ev = [
        {"document": "SOW.pdf", "page": 2, "location": {"page": 2, **({"bbox": list(bbox)} if bbox else {})}, "where": "page 2", "text": SIGNATURE_LINE, "note": "customer block, /s/ signature"}
    ]
    reasons = []
    if signature != "met":
        reasons.append({"code": "R-SIG-001", "rule": "D-11", "criterion": "customer_signature", "message": "No customer signature or acknowledgment found in the POE"})
    return {
        "claim_id": claim_id,
        "criteria": {
            "customer_signature": _criterion(signature, sig_ev if signature == "met" else []),
            "partner_name": _criterion("met", [{"document": "POE.xlsx", "sheet": "POE", "cell": "B3", "location": {"sheet": "POE", "cell": "B3"}, "where": "POE!B3", "text": "Fabrikam Consulting LLC"}]),
            "customer_name": _criterion("met", [{"document": "Email.docx", "paragraph": 2, "location": {"part": "body", "paragraph": 2}, "where": "paragraph 3", "text": "we confirm your team is leading our Dynamics 365 Sales deployment"}]),
            "dates": _criterion("met", [{"document": "SOW.pdf", "page": 1, "location": {"page": 1}, "where": "page 1", "text": "Milestone 1: pipeline migration, 15 August 2026"}]),
            "product_links": _criterion("met", [], products={"D365_SALES_ENT": {"verdict": "linked", "evidence": [{"document": "POE.xlsx", "sheet": "POE", "cell": "B7", "location": {"sheet": "POE", "cell": "B7"}, "where": "POE!B7", "text": "D365_SALES_ENT: sales pipeline deployment"}]}}),
            "growth_activities": _criterion("unclear", [], 0.4),
        },
        "documents": [
            {"path": "SOW.pdf", "status": "ok", "kind": "sow", "pages": 2},
            {"path": "Email.docx", "status": "ok", "kind": "email", "pages": 1},
            {"path": "POE.xlsx", "status": "ok", "kind": "poe_template", "pages": 1},
        ],
        "eligibility": [],
        "score": score,
        "recommendation": recommendation,
        "reasons": reasons + [{"code": "R-GROW-002", "rule": "D-11", "criterion": "growth_activities", "message": "Growth activities are not explicitly stated"}],
    }


def _extraction_rows(engine: Engine, docx_paragraphs: list[str], xlsx_cells: dict[str, str], now: datetime) -> None:
    """What the nightly run's extraction cache would hold for the DOCX and XLSX."""
    with session_scope(engine) as session:
        for doc in session.scalars(select(DocumentRow)):
            if session.get(ExtractionRow, (doc.content_hash, "test")) is not None:
                continue
            if doc.path.endswith(".docx"):
                blocks = [{"text": t, "location": {"part": "body", "paragraph": i}, "kind": "text"} for i, t in enumerate(docx_paragraphs)]
                fmt = "docx"
            elif doc.path.endswith(".xlsx"):
                blocks = [{"text": t, "location": {"sheet": "POE", "cell": ref}, "kind": "cell"} for ref, t in xlsx_cells.items()]
                fmt = "xlsx"
            else:
                continue
            session.add(
                ExtractionRow(
                    content_hash=doc.content_hash,
                    extractor_version="test",
                    status="ok",
                    pages=1,
                    document={"path": doc.path, "status": "ok", "format": fmt, "pages": 1, "blocks": blocks},
                    extracted_at=now,
                )
            )


def build_store(root: Path) -> Built:
    """Five claims: one to review (request_info recommended), a conflict of two partners on one
    customer and product, an overdue one, and one of the second partner alone."""
    root.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{root / 'store.db'}")
    migrate(engine)
    clock = FixedClock(START - timedelta(days=14))
    service = ClaimService(engine, clock, data_dir=root)
    pdf, bbox = sow_pdf()
    docx_bytes, paragraphs = email_docx()
    xlsx_bytes, cells = poe_xlsx()
    files = {"SOW.pdf": pdf, "Email.docx": docx_bytes, "POE.xlsx": xlsx_bytes}
    d365 = [{"name": "Dynamics 365 Sales Enterprise", "code": "D365_SALES_ENT"}]
    exo = [{"name": "Exchange Online", "code": "EXO"}]
    m365 = {"program": "OSU-Microsoft 365", "solution_area": "Microsoft 365"}

    (root / "inbox").mkdir(exist_ok=True)
    (root / "inbox" / "tenants.json").write_text(
        json.dumps(
            [
                {"tenant_id": TENANT_A, "display_name": "Contoso Ltd", "domains": ["contoso.example"], "subscriptions": []},
                {"tenant_id": TENANT_B, "display_name": "Adatum Corporation", "domains": ["adatum.example"], "subscriptions": []},
            ]
        )
    )

    def take(claim_id: str, data: dict[str, Any], result: dict[str, Any]) -> None:
        inbox = root / "inbox" / claim_id
        _write(inbox, data, files)
        report = service.ingest(inbox)
        assert report.items[0].outcome == "accepted", report.to_json()
        service.record_analysis(claim_id, 1, result)

    # Entered review 14 days ago: overdue now (D-14).
    take("1000004", claim_json("1000004", FABRIKAM, TENANT_A, [{"name": "Dynamics 365 Customer Service", "code": "D365_CS"}], list(files), name="Old service claim"), analysis("1000004", bbox, score=91))
    clock.set(START)
    d365_two = [*d365, {"name": "Dynamics 365 Marketing", "code": "D365_MKT"}]
    take("1000001", claim_json("1000001", FABRIKAM, TENANT_A, d365_two, list(files), name="Dynamics for Contoso"), analysis("1000001", bbox, signature="not_met", recommendation="request_info", score=58))
    take("1000002", claim_json("1000002", NORTHWIND, TENANT_B, exo, list(files), name="Exchange for Adatum", **m365), analysis("1000002", bbox, recommendation="approve", score=88))
    take("1000003", claim_json("1000003", FABRIKAM, TENANT_B, exo, list(files), name="Exchange for Adatum (Fabrikam)", **m365), analysis("1000003", None, signature="not_met", recommendation="reject", score=41))
    take("1000005", claim_json("1000005", NORTHWIND, TENANT_A, [{"name": "Dynamics 365 Field Service", "code": "D365_FS"}], list(files), name="Field Service for Contoso"), analysis("1000005", bbox, score=79))
    conflict_id = service.record_conflict(
        {
            "key": {"tenant_id": TENANT_B, "product": "EXO"},
            "ranking": ["1000002", "1000003"],
            "recommended": "1000002",
            "margin": 0.31,
            "side_by_side": {"customer_signature": {"1000002": "met", "1000003": "not_met"}},
            "rationale": "1000002 shows a signed SOW naming Exchange Online; 1000003 has no customer acknowledgment.",
        }
    )
    _extraction_rows(engine, paragraphs, cells, START)
    for username, (role, org) in USERS.items():
        add_user(engine, username, role, PASSWORD, partner_org=org)
    clock.set(START + timedelta(hours=1))
    return Built(
        engine,
        clock,
        root,
        bbox,
        conflict_id,
        {"review": "1000001", "winner": "1000002", "loser": "1000003", "overdue": "1000004", "northwind_only": "1000005"},
    )
