"""Speed of the six POE checks (scoring.checks.run_checks) on synthetic extracted documents.

Usage: .venv/bin/python benchmarks/checks_speed.py [N_CLAIMS] [PAGES]   (default 50 claims, 12 pages)
Prints the spaCy pipeline build time and per-claim / per-page milliseconds; nothing asserted.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime

from extractors.document import ExtractedDocument, Location, TextBlock
from scoring.checks import run_checks
from scoring.nlp import get_nlp, has_statistical_model
from scoring.types import ClaimAssertion, ClaimedProduct

FILLER = ["the", "partner", "will", "deliver", "services", "configure", "workloads", "for", "users", "across", "sites", "with", "governance", "plans", "reviews", "status", "reports", "risks", "issues", "and", "change", "requests"]
SCOPE = [
    "Fabrikam will implement Dynamics 365 Sales Enterprise for {n} sellers.",
    "Migrate {n} mailboxes to Exchange Online and configure mail flow.",
    "Run an adoption programme to grow monthly active users from {n} to {m}.",
    "Power BI dashboards are out of scope.",
    "Kick-off: 15 June 2026; go-live: 30 September 2026.",
]
SIGNATURES = """CONTOSO LTD                         FABRIKAM CONSULTING LTD
By: /s/ Teo Lupu                    By: /s/ Anna Smith
Name: Teo Lupu                      Name: Anna Smith
Date: 12 June 2026                  Date: 10 June 2026"""


def make_doc(rng: random.Random, pages: int, i: int) -> ExtractedDocument:
    blocks = [TextBlock('This SOW is made between Fabrikam Consulting Ltd ("Partner") and Contoso Ltd '
                        '("Customer").', Location(page=1))]
    for p in range(1, pages + 1):
        for _ in range(38):
            line = " ".join(rng.choice(FILLER) for _ in range(14)).capitalize() + "."
            blocks.append(TextBlock(line, Location(page=p)))
        blocks.append(TextBlock(rng.choice(SCOPE).format(n=rng.randint(50, 500), m=rng.randint(600, 900)),
                                Location(page=p)))
    blocks += [TextBlock(line, Location(page=pages)) for line in SIGNATURES.splitlines()]
    return ExtractedDocument(path=f"SOW_{i}.pdf", format="pdf", pages=pages, blocks=blocks)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    pages = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    t0 = time.perf_counter()
    get_nlp()
    print(f"spaCy pipeline built in {time.perf_counter() - t0:.2f} s (statistical model: {has_statistical_model()})")
    rng = random.Random(7)
    claim = ClaimAssertion(
        claim_id="1", program="OSU-Business Applications", solution_area="Business Applications",
        activity="Implementation", partner_name="Fabrikam Consulting Ltd", customer_domain="contoso.example",
        tenant_id="t", products=(ClaimedProduct("Dynamics 365 Sales Enterprise", "D365_SALES_ENT"),
                                 ClaimedProduct("Exchange Online", "EXO")),
        customer_name="Contoso Ltd", submitted_at=datetime(2026, 7, 20, tzinfo=UTC))
    docs = [make_doc(rng, pages, i) for i in range(n)]
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        run_checks(claim, [d])
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{n} claims x {pages} pages: {took:.2f} s wall, {cpu:.2f} s CPU; CPU {1000 * cpu / n:.1f} ms/claim, "
          f"{1000 * cpu / (n * pages):.2f} ms/page (wall is higher when the shared cores are busy)")


if __name__ == "__main__":
    main()
