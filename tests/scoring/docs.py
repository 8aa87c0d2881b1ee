"""Builders of ExtractedDocument objects for the checks' tests (no files, no extractors)."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.document import ExtractedDocument, Location, Table, TextBlock
from scoring.types import ClaimAssertion, ClaimedProduct


def pdf(*pages: str, path: str = "SOW.pdf", **kw) -> ExtractedDocument:
    """A PDF-like document: one block per line, page by page."""
    blocks = []
    for p, page in enumerate(pages, start=1):
        for i, line in enumerate(page.strip("\n").splitlines()):
            if line.strip():
                # As a PDF gives them: a line's box ends where its text ends (5 pt a character).
                right = min(550.0, 50.0 + 5.0 * len(line))
                blocks.append(TextBlock(line, Location(page=p, bbox=(50.0, 50.0 + 14 * i, right, 62.0 + 14 * i))))
    return ExtractedDocument(path=path, format="pdf", pages=len(pages), blocks=blocks, **kw)


def docx(*paragraphs: str | list[list[str]], path: str = "SOW.docx", **kw) -> ExtractedDocument:
    """A DOCX-like document: strings are paragraphs, lists of rows are tables (cells as blocks)."""
    blocks: list[TextBlock] = []
    tables: list[Table] = []
    t = 0
    for i, item in enumerate(paragraphs):
        if isinstance(item, str):
            kind = "heading" if item.startswith("# ") else "text"
            blocks.append(TextBlock(item.removeprefix("# "), Location(part="body", paragraph=i), kind))
        else:
            cells = []
            for r, row in enumerate(item):
                row_locs = []
                for c, value in enumerate(row):
                    loc = Location(part="body", paragraph=i, table=t, row=r, col=c)
                    row_locs.append(loc)
                    blocks.append(TextBlock(value, loc, "cell"))
                cells.append(row_locs)
            tables.append(Table(rows=item, location=Location(part="body", paragraph=i, table=t), cells=cells))
            t += 1
    return ExtractedDocument(path=path, format="docx", pages=1, blocks=blocks, tables=tables, **kw)


def xlsx(rows: list[list[str]], sheet: str = "POE", path: str = "POE.xlsx", **kw) -> ExtractedDocument:
    blocks = []
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value:
                blocks.append(TextBlock(value, Location(sheet=sheet, cell=f"{chr(65 + c)}{r}"), "cell"))
    return ExtractedDocument(path=path, format="xlsx", pages=1, blocks=blocks, **kw)


def claim(products: tuple[str, ...] = ("D365_SALES_ENT",), **kw) -> ClaimAssertion:
    base = dict(
        claim_id="1000001",
        program="OSU-Business Applications",
        solution_area="Business Applications",
        activity="Implementation",
        partner_name="Fabrikam Consulting Ltd",
        customer_domain="contoso.example",
        tenant_id="00000000-0000-0000-0000-000000000001",
        products=tuple(ClaimedProduct(name=p, code=p if p.isupper() else None) for p in products),
        customer_name="Contoso Ltd",
        customer_contact_name="Teo Lupu",
        customer_contact_email="teo.lupu@contoso.example",
        partner_contact_name="Anna Smith",
        partner_contact_email="anna.smith@fabrikam.example",
        created_at=datetime(2026, 7, 1, tzinfo=UTC),
        submitted_at=datetime(2026, 7, 20, tzinfo=UTC),
    )
    base.update(kw)
    return ClaimAssertion(**base)
