"""Helpers for the scoring-glue tests: claims and fake criterion results (no files, no checks)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from extractors.document import ExtractedDocument, Location, TextBlock
from scoring.types import (
    CRITERIA,
    ClaimAssertion,
    ClaimedProduct,
    CriterionResult,
    Evidence,
    ProductFinding,
    Reason,
)


def make_claim(**kw: Any) -> ClaimAssertion:
    base: dict[str, Any] = dict(
        claim_id="1000001",
        program="OSU-Business Applications",
        solution_area="Business Applications",
        activity="Implementation",
        partner_name="Fabrikam Consulting Ltd",
        customer_domain="contoso.example",
        tenant_id="00000000-0000-4000-8000-000000000001",
        products=(ClaimedProduct("Dynamics 365 Sales Enterprise", "D365_SALES_ENT"),),
        customer_name="Contoso Ltd",
        created_at=datetime(2026, 7, 1, tzinfo=UTC),
        submitted_at=datetime(2026, 7, 20, tzinfo=UTC),
    )
    base.update(kw)
    return ClaimAssertion(**base)


def evidence(text: str = "By: /s/ Teo Lupu  Date: 12 June 2026", document: str = "SOW.pdf",
             page: int = 2) -> Evidence:
    return Evidence(document, text, Location(page=page))


def result(criterion: str, verdict: str = "met", confidence: float = 0.9, *,
           text: str | None = None, reasons: tuple[Reason, ...] = (),
           products: dict[str, str] | None = None) -> CriterionResult:
    ev = (evidence(text or f"{criterion} evidence"),) if verdict == "met" else ()
    found = {k: ProductFinding(v, ev if v == "linked" else ()) for k, v in products.items()} if products else None
    return CriterionResult(criterion, verdict, confidence, ev, reasons, found)  # type: ignore[arg-type]


def all_met(confidence: float = 0.9, products: tuple[str, ...] = ("D365_SALES_ENT",),
            **overrides: CriterionResult) -> dict[str, CriterionResult]:
    out = {c: result(c, "met", confidence) for c in CRITERIA}
    out["product_links"] = result("product_links", "met", confidence, products=dict.fromkeys(products, "linked"))
    out.update(overrides)
    return out


def fake_checks(criteria: dict[str, CriterionResult]):
    """A stand-in for scoring.checks.run_checks returning fixed verdicts."""

    def run(claim: ClaimAssertion, docs: object) -> dict[str, CriterionResult]:
        return dict(criteria)

    return run


def text_doc(path: str, *lines: str, fmt: str = "pdf", status: str = "ok", error: str | None = None,
             pages: int = 1) -> ExtractedDocument:
    blocks = [TextBlock(line, Location(page=1, paragraph=i)) for i, line in enumerate(lines)]
    return ExtractedDocument(path=path, status=status, error=error, format=fmt, pages=pages, blocks=blocks)  # type: ignore[arg-type]
