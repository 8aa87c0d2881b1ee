"""Inboxes and a text-file extractor for the nightly-run tests (helpers, not tests).

The extractor stands in for ``extractors.extract`` so these tests exercise orchestration,
caching and idempotency without depending on PDF/DOCX parsing: it reads UTF-8 text files
into blocks with line locations and reports anything else as unreadable, like the real one.
It is named by import path (``tests.flows.helpers:extract_text``) so worker processes and
Dask workers can load it too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractors.document import ExtractedDocument, Location, TextBlock

EXTRACTOR_VERSION = "test-text-1"
EXTRACTOR = "tests.flows.helpers:extract_text"
TENANT_A = "72f988bf-86f1-41af-91ab-2d7cd011db47"
TENANT_B = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"


def extract_text(path: Path, *, display_path: str | None = None, limits: Any = None) -> ExtractedDocument:
    name = display_path or Path(path).name
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
        if "\x00" in text or text.startswith("%PDF"):
            raise UnicodeDecodeError("utf-8", data, 0, 1, "binary")
    except UnicodeDecodeError:
        return ExtractedDocument(
            path=name, status="unreadable", format="unknown",
            error="unreadable: the file is damaged or not a document", extractor_version=EXTRACTOR_VERSION,
        )
    blocks = [
        TextBlock(line, Location(part="body", line=i + 1)) for i, line in enumerate(text.splitlines()) if line.strip()
    ]
    return ExtractedDocument(path=name, status="ok", format="txt", pages=1, blocks=blocks,
                             extractor_version=EXTRACTOR_VERSION)


SOW = """STATEMENT OF WORK
between {partner} ("Partner") and {customer} ("Customer")
Effective date: 1 June 2026
Scope of work: {partner} will deploy and configure {product} for {customer}, migrate 400 users
and run adoption workshops to drive usage growth of {product} across the sales team.
Milestones: design complete 15 June 2026; go-live 30 June 2026.
Signed for and on behalf of {customer}:
Name: Teo Lupu  Title: CIO  Signature: /s/ Teo Lupu  Date: 12 June 2026
Signed for and on behalf of {partner}:
Name: Ola Demmo  Title: Director  Signature: /s/ Ola Demmo  Date: 11 June 2026
"""


def claim_json(claim_id: str, mpn: str, partner: str, product: tuple[str, str], *, tenant: str = TENANT_A,
               docs: list[str] | None = None) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "name": f"{product[0]} for Contoso",
        "program": "OSU-Microsoft 365",
        "solution_area": "Microsoft 365",
        "activity": "Deployment",
        "status": "Submitted",
        "created_at": "2026-06-20T09:00:00Z",
        "submitted_at": "2026-06-22T09:00:00Z",
        "mpn_location": {"mpn_id": mpn, "country": "United States"},
        "partner": {"name": partner, "contact_name": "Ola Demmo", "contact_email": f"ola@{mpn}.example"},
        "customer": {"domain": "contoso.example", "tenant_id": tenant, "contact_name": "Teo Lupu",
                     "contact_email": "teo.lupu@contoso.example"},
        "products": [{"name": product[0], "code": product[1]}],
        "documents": [{"path": d, "uploaded_by": "Ola Demmo", "uploaded_at": "2026-06-22T08:00:00Z", "comment": ""}
                      for d in (docs or ["SOW.txt"])],
        "comment": "",
    }


WORKLOADS = [("Exchange Online", "EXO"), ("Microsoft Teams", "TEAMS"), ("SharePoint Online", "SPO"),
             ("Microsoft Intune", "INTUNE")]


def write_folder(inbox: Path, data: dict[str, Any], files: dict[str, bytes]) -> Path:
    folder = inbox / data["claim_id"]
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    (folder / "claim.json").write_text(json.dumps(data, indent=2))
    return folder


def build_inbox(inbox: Path, n: int = 6) -> Path:
    """``n`` claims (n >= 4) on two tenants: claims 1 and 2 are two partners on Exchange Online
    of tenant A (a D-18 conflict), claim 3 carries a damaged second file, the last folder's
    claim.json is malformed (refused by field). Documents are SOW text files."""
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "tenants.json").write_text(json.dumps([
        {"tenant_id": TENANT_A, "display_name": "Contoso Ltd", "domains": ["contoso.example"], "subscriptions": []},
        {"tenant_id": TENANT_B, "display_name": "Contoso Ltd", "domains": ["contoso.example"], "subscriptions": []},
    ]))
    partners = [("4412093", "Fabrikam Consulting LLC"), ("5523104", "Northwind Traders Inc"),
                ("6634215", "Adatum Services Ltd")]
    for i in range(1, n):
        claim_id = f"{2000000 + i}"
        mpn, partner = partners[(i - 1) % len(partners)]
        product = WORKLOADS[0] if i <= 2 else WORKLOADS[i % len(WORKLOADS)]
        tenant = TENANT_A if i <= 2 else (TENANT_A if i % 2 else TENANT_B)
        if i > 2 and product == WORKLOADS[0]:
            tenant = TENANT_B
        docs = ["SOW.txt", "scan.pdf"] if i == 3 else ["SOW.txt"]
        sow = SOW.format(partner=partner, customer="Contoso Ltd", product=product[0])
        files = {"SOW.txt": (sow + f"Reference {claim_id}\n").encode()}
        if i == 3:
            files["scan.pdf"] = b"%PDF-1.4\n\x00\x01 broken"
        write_folder(inbox, claim_json(claim_id, mpn, partner, product, tenant=tenant, docs=docs), files)
    bad = inbox / "bad-claim"
    bad.mkdir(exist_ok=True)
    (bad / "claim.json").write_text(json.dumps({"claim_id": "2999999", "program": "Unknown"}))
    return inbox
