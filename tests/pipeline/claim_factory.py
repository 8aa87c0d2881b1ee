"""Builds claim folders for the pipeline tests (helpers, not tests)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

TENANT_A = "72f988bf-86f1-41af-91ab-2d7cd011db47"
TENANT_B = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
SUB_1 = "d66656c2-f69b-4488-8035-287eb6711ddc"

BASE_CLAIM: dict[str, Any] = {
    "claim_id": "1012503",
    "name": "Dynamics for CompanyX",
    "program": "OSU-Business Applications",
    "solution_area": "Business Applications",
    "activity": "Pre-sales",
    "status": "Submitted",
    "created_at": "2026-07-24T09:12:00Z",
    "submitted_at": "2026-07-26T15:40:00Z",
    "mpn_location": {"mpn_id": "4412093", "country": "United States"},
    "partner": {
        "name": "Fabrikam Consulting LLC",
        "contact_name": "Ola Demmo",
        "contact_email": "ola.demmo@fabrikam.example",
    },
    "customer": {
        "domain": "contoso.example",
        "tenant_id": TENANT_A,
        "contact_name": "Teo Lupu",
        "contact_email": "teo.lupu@contoso.example",
    },
    "products": [{"name": "Dynamics 365 Sales Enterprise", "code": "D365_SALES_ENT", "subscription_id": SUB_1}],
    "documents": [
        {"path": "SOW.pdf", "uploaded_by": "Ola Demmo", "uploaded_at": "2026-07-26T15:38:00Z", "comment": "Signed SOW"}
    ],
    "comment": "Phase 1 of the CRM roll-out",
}

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def claim_dict(**overrides: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE_CLAIM)
    for key, value in overrides.items():
        data[key] = value
    return data


def write_claim(
    folder: Path,
    data: dict[str, Any] | None = None,
    files: dict[str, bytes] | None = None,
) -> Path:
    """Write ``claim.json`` and its document files into ``folder`` (created)."""
    data = claim_dict() if data is None else data
    folder.mkdir(parents=True, exist_ok=True)
    if files is None:
        files = {d["path"]: PDF_BYTES + data["claim_id"].encode() for d in data.get("documents", [])}
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    (folder / "claim.json").write_text(json.dumps(data, indent=2))
    return folder


def partner_claim(
    claim_id: str,
    mpn_id: str,
    partner_name: str,
    products: list[dict[str, Any]] | None = None,
    tenant_id: str = TENANT_A,
    **overrides: Any,
) -> dict[str, Any]:
    data = claim_dict(claim_id=claim_id, **overrides)
    data["mpn_location"] = {"mpn_id": mpn_id, "country": "United States"}
    data["partner"] = {"name": partner_name, "contact_name": "P C", "contact_email": f"pc@{mpn_id}.example"}
    data["customer"] = dict(data["customer"], tenant_id=tenant_id)
    if products is not None:
        data["products"] = products
    return data


TENANTS = [
    {
        "tenant_id": TENANT_A,
        "display_name": "Contoso Ltd",
        "domains": ["contoso.example"],
        "subscriptions": [
            {
                "subscription_id": SUB_1,
                "product": "Dynamics 365 Sales Enterprise",
                "code": "D365_SALES_ENT",
                "channel": "EA",
                "country": "United States",
                "activated_at": "2026-06-01T00:00:00Z",
            }
        ],
    }
]


def write_tenants(inbox: Path, tenants: list[dict[str, Any]] | None = None) -> Path:
    inbox.mkdir(parents=True, exist_ok=True)
    path = inbox / "tenants.json"
    path.write_text(json.dumps(TENANTS if tenants is None else tenants))
    return path
