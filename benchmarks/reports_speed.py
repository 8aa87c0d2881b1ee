"""Report, export and notify figures on a synthetic store (rows inserted directly).

    .venv/bin/python benchmarks/reports_speed.py [--claims 2000]

Prints seconds for build_report, export_tables (parquet, analyst) and a notify run into .eml
files. Claims follow a fixed random plan (seeded): analysed, then approved / rejected /
request_info, some expiring (D-15), some consent denials.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.notify.outbox import Notifier  # noqa: E402
from pipeline.notify.transports import EmlFolderTransport  # noqa: E402
from pipeline.reports import build_report, export_tables  # noqa: E402
from pipeline.roles import Actor, Role  # noqa: E402
from pipeline.store.db import make_engine, migrate, session_scope  # noqa: E402
from pipeline.store.schema import (  # noqa: E402
    AnalysisRow,
    ClaimProductRow,
    ClaimRow,
    DecisionRow,
    FindingRow,
    HistoryRow,
    ReasonRow,
)

CRITERIA = ["customer_signature", "product_links", "growth_activities", "partner_name", "customer_name", "dates"]
CODES = {"customer_signature": "R-SIG-001", "product_links": "R-PROD-001", "growth_activities": "R-GROW-001",
         "partner_name": "R-NAME-001", "customer_name": "R-NAME-002", "dates": "R-DATE-001"}
START = datetime(2026, 6, 1, 9, tzinfo=UTC)


def populate(engine: object, n: int, seed: int = 7) -> datetime:
    rnd = random.Random(seed)
    with session_scope(engine) as s:  # type: ignore[arg-type]
        for i in range(n):
            cid = str(1_000_000 + i)
            m365 = rnd.random() < 0.5
            t0 = START + timedelta(hours=rnd.randint(0, 24 * 150))
            s.add(ClaimRow(
                claim_id=cid, name=f"Claim {i}", program="OSU-Microsoft 365" if m365 else "OSU-Business Applications",
                solution_area="Microsoft 365" if m365 else "Business Applications", activity="Deployment",
                status="Under review", partner_name=f"Partner {i % 97}", partner_org=str(5000 + i % 97),
                partner_contact_name=f"P {i}", partner_contact_email=f"p{i}@partner{i % 97}.example",
                mpn_id=str(5000 + i % 97), mpn_country="United States", customer_domain=f"cust{i}.example",
                tenant_id=f"00000000-0000-4000-8000-{i:012d}", customer_contact_name=f"C {i}",
                customer_contact_email=f"c{i}@cust{i}.example", status_since=t0, content_hash="x" * 64,
            ))
            s.add(ClaimProductRow(claim_id=cid, position=0, name="Exchange Online" if m365 else "Dynamics 365 Sales",
                                  code="EXO" if m365 else "D365_SALES_ENT"))
            s.flush()
            failing = [c for c in CRITERIA if rnd.random() < 0.18]
            rec = "approve" if not failing else ("reject" if len(failing) > 2 else "request_info")
            a = AnalysisRow(claim_id=cid, submission_seq=1, analysed_at=t0, score=90 - 15 * len(failing),
                            recommendation=rec, result={})
            s.add(a)
            s.flush()
            for c in CRITERIA:
                s.add(FindingRow(analysis_id=a.id, claim_id=cid, criterion=c,
                                 verdict="not_met" if c in failing else "met", confidence=0.9))
            for c in failing:
                s.add(ReasonRow(analysis_id=a.id, claim_id=cid, code=CODES[c], rule="D-11", criterion=c, message=c))
            s.add(HistoryRow(claim_id=cid, at=t0, actor="system:intake", action="submitted", to_status="Submitted"))
            s.add(HistoryRow(claim_id=cid, at=t0, actor="system:analysis", action="transition",
                             from_status="Submitted", to_status="Under review"))
            decision = rec if rnd.random() < 0.85 else rnd.choice(["approve", "reject", "request_info"])
            at = t0 + timedelta(hours=rnd.randint(4, 24 * 9))
            to = {"approve": "Approved", "reject": "Rejected", "request_info": "Partner action required"}[decision]
            s.add(DecisionRow(claim_id=cid, decided_at=at, reviewer="rita", decision=decision, recommendation=rec,
                              overruled=decision != rec, requests=["Signed SOW"] if decision == "request_info" else []))
            s.add(HistoryRow(claim_id=cid, at=at, actor="rita", action="transition", from_status="Under review",
                             to_status=to, details={"rule": "D-13", "requests": ["Signed SOW"]}))
            status = to
            if to == "Partner action required" and rnd.random() < 0.3:
                s.add(HistoryRow(claim_id=cid, at=at + timedelta(days=30), actor="system:clock", action="transition",
                                 from_status=to, to_status="Rejected", details={"rule": "D-15"}))
                status = "Rejected"
            elif to == "Approved" and rnd.random() < 0.05:
                s.add(HistoryRow(claim_id=cid, at=at + timedelta(days=3), actor="system:customer", action="transition",
                                 from_status=to, to_status="Customer consent denied", reason="Partner is unknown",
                                 details={"rule": "D-17", "d21_reason": "Partner is unknown"}))
                status = "Customer consent denied"
            row = s.get(ClaimRow, cid)
            assert row is not None
            row.status = status
    return START + timedelta(days=200)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        migrate(engine)
        t = time.perf_counter()
        as_of = populate(engine, args.claims)
        print(f"populate {args.claims} claims: {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        build_report(engine, None, Path(tmp) / "report", as_of=as_of)
        print(f"build_report: {time.perf_counter() - t:.2f} s "
              f"({(Path(tmp) / 'report' / 'report.html').stat().st_size / 1024:.0f} KiB HTML)")
        t = time.perf_counter()
        export_tables(engine, "parquet", Path(tmp) / "export", Actor("ana", Role.ANALYST), key=b"bench")
        print(f"export_tables parquet (analyst, hashed): {time.perf_counter() - t:.2f} s")
        notifier = Notifier(engine, EmlFolderTransport(Path(tmp) / "outbox"), b"bench")
        t = time.perf_counter()
        first = notifier.run(as_of)
        print(f"notify first run: {time.perf_counter() - t:.2f} s ({first.sent} sent)")
        t = time.perf_counter()
        again = notifier.run(as_of)
        print(f"notify re-run: {time.perf_counter() - t:.2f} s ({again.queued} queued, {again.sent} sent)")


if __name__ == "__main__":
    main()
