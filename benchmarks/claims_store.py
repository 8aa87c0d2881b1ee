"""Claims store figures: ingest, re-ingest (no-op), queue listing, decisions and timers.

Usage: .venv/bin/python benchmarks/claims_store.py [N] [DB_URL]   (default 200 claims, SQLite)
Prints seconds and per-claim milliseconds; nothing is asserted (figures only).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline.clock import FixedClock
from pipeline.roles import Actor, Role
from pipeline.service import ClaimService
from pipeline.store.db import make_engine, migrate

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db4{}"


def build_inbox(root: Path, n: int) -> Path:
    inbox = root / "inbox"
    for i in range(n):
        folder = inbox / f"c{i:05d}"
        folder.mkdir(parents=True)
        (folder / "SOW.pdf").write_bytes(b"%PDF-1.4\n" + bytes(20_000) + str(i).encode())
        claim = {
            "claim_id": str(100000 + i),
            "name": f"Claim {i}",
            "program": "OSU-Microsoft 365",
            "solution_area": "Microsoft 365",
            "activity": "Deployment",
            "mpn_location": {"mpn_id": str(5000 + i % 40), "country": "United States"},
            "partner": {"name": f"Partner {i % 40}"},
            "customer": {"domain": f"cust{i % 10}.example", "tenant_id": TENANT.format(i % 10)},
            "products": [
                {"name": "Exchange Online", "code": "EXO"},
                {"name": "Microsoft Teams", "code": "TEAMS"},
            ],
            "documents": [{"path": "SOW.pdf"}],
        }
        (folder / "claim.json").write_text(json.dumps(claim))
    return inbox


def timed(label: str, n: int, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn()
    took = time.perf_counter() - start
    print(f"{label:<28} {took:7.2f} s  {1000 * took / max(n, 1):7.1f} ms/claim")
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{root / 'bench.db'}"
        engine = make_engine(url)
        timed("migrate", 1, lambda: migrate(engine))
        clock = FixedClock(datetime(2026, 11, 2, 9, tzinfo=UTC))
        service = ClaimService(engine, clock, data_dir=root / "data")
        inbox = build_inbox(root, n)
        report = timed(f"ingest {n}", n, lambda: service.ingest(inbox))
        print("  ", report.counts())
        again = timed("re-ingest (no-op)", n, lambda: service.ingest(inbox))
        print("  ", again.counts())
        result = {
            "criteria": {},
            "documents": [],
            "score": 70,
            "recommendation": "approve",
            "reasons": [],
            "eligibility": [],
        }
        timed(
            "record_analysis",
            n,
            lambda: [service.record_analysis(c, s, result) for c, s in service.pending_analysis()],
        )
        reviewer = Actor("rita", Role.REVIEWER)
        timed("list_claims", n, lambda: service.list_claims(reviewer))
        timed(
            "get_claim x50",
            50,
            lambda: [service.get_claim(reviewer, str(100000 + i)) for i in range(min(50, n))],
        )
        # One approval per customer tenant; each takes EXO/Teams from that tenant's other claims (D-6).
        tenants = min(10, n)
        timed(
            f"decide x{tenants} (approve + D-6)",
            tenants,
            lambda: [service.decide(reviewer, str(100000 + i), "approve", "ok") for i in range(tenants)],
        )
        timed("tick +40 days", n, lambda: service.tick(clock.now() + timedelta(days=40)))


if __name__ == "__main__":
    main()
