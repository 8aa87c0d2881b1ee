"""A small demo inbox, used by ``poe-review demo`` only when the bundled samples
(``samples.build_demo_inbox``) are not installed, so the README's first command still
shows the whole run: a D-18 conflict with a stronger and a weaker POE, a D-3 ineligible claim
(Power BI), a damaged file, a POE without a customer signature, a D-7 revenue association with no
POE, and a tenant directory. Documents are real PDFs and an e-mail.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TENANT = "5b1f3c2e-8d4a-4e7b-9c61-2a3f4b5c6d7e"
DOMAIN = "tailspin.example"
CUSTOMER = "Tailspin Toys Ltd"


def write_text_pdf(path: Path, pages: list[list[str]]) -> None:
    """A plain PDF, one line of text per string, one page per list; the same bytes every build.
    Also the writer of benchmarks/nightly.py's synthetic inbox."""
    # lazy: reportlab costs ~50 ms at import (python -X importtime); only PDF writing needs it
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)  # same bytes every build: re-runs are no-ops
    for lines in pages:
        y = 800
        for line in lines:
            c.drawString(50, y, line)
            y -= 16
        c.showPage()
    c.save()


def _sow(partner: str, product: str, signed: bool = True, growth: bool = True) -> list[list[str]]:
    outcome = (f"and run adoption workshops to increase active usage of {product} by 30%." if growth
               else "and provide two weeks of post-go-live support.")  # no growth stated (D-11.3)
    work = [
        "STATEMENT OF WORK",
        f"between {partner} (\"Partner\") and {CUSTOMER} (\"Customer\")",
        "Effective date: 2 March 2026",
        f"Scope: {partner} will deploy and configure {product} for {CUSTOMER}, migrate 350 users",
        outcome,
        "Milestones: design complete 16 March 2026; go-live 30 April 2026.",
    ]
    if not signed:
        return [work + ["This draft is for discussion and is not signed."]]
    return [work, [
        f"Signed for and on behalf of {CUSTOMER}:",
        "Name: Mia Kowalski   Title: Chief Information Officer",
        "Signature: /s/ Mia Kowalski   Date: 5 March 2026",
        f"Signed for and on behalf of {partner}:",
        "Name: Ravi Patel   Title: Delivery Director",
        "Signature: /s/ Ravi Patel   Date: 4 March 2026",
    ]]


def _claim(claim_id: str, mpn: str, partner: str, products: list[tuple[str, str]], docs: list[str],
           program: str = "OSU-Microsoft 365", area: str = "Microsoft 365") -> dict[str, Any]:
    slug = partner.split()[0].lower()
    return {
        "claim_id": claim_id, "name": f"{products[0][0]} for {CUSTOMER}", "program": program,
        "solution_area": area, "activity": "Deployment", "status": "Submitted",
        "created_at": "2026-03-10T09:00:00Z", "submitted_at": "2026-03-12T09:00:00Z",
        "mpn_location": {"mpn_id": mpn, "country": "United Kingdom"},
        "partner": {"name": partner, "contact_name": "Ravi Patel", "contact_email": f"ravi.patel@{slug}.example"},
        "customer": {"domain": DOMAIN, "tenant_id": TENANT, "contact_name": "Mia Kowalski",
                     "contact_email": f"mia.kowalski@{DOMAIN}"},
        "products": [{"name": n, "code": c} for n, c in products],
        "documents": [{"path": d, "uploaded_by": "Ravi Patel", "uploaded_at": "2026-03-12T08:30:00Z"} for d in docs],
    }


def minimal_demo_inbox(dest: Path) -> Path:
    """Write the inbox into ``dest`` (created) and return it."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "tenants.json").write_text(json.dumps([
        {"tenant_id": TENANT, "display_name": CUSTOMER, "domains": [DOMAIN], "subscriptions": [
            {"subscription_id": "0c9a7e52-3b1d-4f6a-8e2c-5d4b3a291f07", "product": "Dynamics 365 Sales Enterprise",
             "code": "D365_SALES_ENT", "channel": "EA", "country": "United Kingdom",
             "activated_at": "2026-01-15T00:00:00Z"}]}
    ], indent=2))
    exo = ("Exchange Online", "EXO")
    claims = [
        ("1100001", "4410001", "Fabrikam Consulting LLC", [exo], True),
        # Conflict with 1100001 (D-18): signed and acknowledged, but no growth stated, so it ranks second.
        ("1100002", "4410002", "Northwind Traders Inc", [exo], True),
        ("1100003", "4410003", "Adatum Services Ltd", [("Microsoft Teams", "TEAMS")], False),  # unsigned
        ("1100004", "4410004", "Litware Analytics Ltd", [("Power BI Pro", "POWER_BI")], True),  # D-3
        ("1100005", "4410001", "Fabrikam Consulting LLC", [("Microsoft Intune", "INTUNE")], True),
    ]
    for claim_id, mpn, partner, products, signed in claims:
        folder = dest / claim_id
        folder.mkdir(exist_ok=True)
        write_text_pdf(folder / "SOW.pdf", _sow(partner, products[0][0], signed, growth=claim_id != "1100002"))
        docs = ["SOW.pdf"]
        if claim_id == "1100005":
            (folder / "signed-page.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<")  # truncated
            docs.append("signed-page.pdf")
        if claim_id == "1100002":
            (folder / "acknowledgment.eml").write_text(
                f"From: Mia Kowalski <mia.kowalski@{DOMAIN}>\nTo: ravi.patel@northwind.example\n"
                "Subject: Exchange Online deployment\nDate: Thu, 5 Mar 2026 10:00:00 +0000\n\n"
                f"We confirm Northwind Traders Inc is deploying Exchange Online for {CUSTOMER}.\n"
                "Mia Kowalski, CIO\n"
            )
            docs.append("acknowledgment.eml")
        (folder / "claim.json").write_text(json.dumps(_claim(claim_id, mpn, partner, products, docs), indent=2))
    # A revenue association under OSA Sell needs no POE (D-7): taken in with no documents.
    revenue = _claim("1100006", "4410003", "Adatum Services Ltd", [("Dynamics 365 Sales Enterprise", "D365_SALES_ENT")],
                     [], program="OSA Sell", area="Business Applications")
    revenue["activity"] = "Revenue association"
    (dest / "1100006").mkdir(exist_ok=True)
    (dest / "1100006" / "claim.json").write_text(json.dumps(revenue, indent=2))
    return dest

