"""Web figures: Under review queue pages over N claims, a claim page, a PDF page render.

    .venv/bin/python benchmarks/web_queue.py [N]

Claims are written straight into a fresh SQLite store (rows, one analysis with six findings
each), so the figure is the web's own cost: list_claims + filter/sort/page + the page's failed
criteria + rendering.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient  # noqa: E402

from delivery.web import create_app  # noqa: E402
from delivery.web.accounts import add_user  # noqa: E402
from pipeline.clock import FixedClock  # noqa: E402
from pipeline.store.db import make_engine, migrate, session_scope  # noqa: E402
from pipeline.store.schema import AnalysisRow, ClaimProductRow, ClaimRow, FindingRow  # noqa: E402

CRITERIA = ("customer_signature", "partner_name", "customer_name", "dates", "product_links", "growth_activities")


def fill(engine, n: int, now: datetime) -> None:  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        for i in range(n):
            cid = str(3000000 + i)
            s.add(ClaimRow(
                claim_id=cid, name=f"Claim {i}", program=("OSU-Microsoft 365", "OSU-Business Applications", "OSA Sell")[i % 3],
                solution_area=("Microsoft 365", "Business Applications")[i % 2], activity="Deployment", status="Under review",
                partner_name=f"Partner {i % 97}", partner_org=str(4000000 + i % 97), mpn_id=str(4000000 + i % 97), mpn_country="US",
                customer_domain=f"c{i}.example", tenant_id=f"00000000-0000-4000-8000-{i:012d}", status_since=now,
                review_due_at=now + timedelta(hours=(i * 7919) % 400 - 100), content_hash="x" * 64, recommendation="approve",
                score=float(i % 100), current_submission=1, version=1, in_conflict=i % 17 == 0,
                products=[ClaimProductRow(position=0, name="Exchange Online", code="EXO")],
            ))
        s.flush()
        for i in range(n):
            a = AnalysisRow(claim_id=str(3000000 + i), submission_seq=1, analysed_at=now, score=float(i % 100), recommendation="approve", result={})
            s.add(a)
            s.flush()
            for j, c in enumerate(CRITERIA):
                s.add(FindingRow(analysis_id=a.id, claim_id=a.claim_id, criterion=c, verdict="met" if (i + j) % 4 else "not_met", confidence=0.9, evidence=[]))


def timed(client: TestClient, url: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = client.get(url)
        times.append(time.perf_counter() - t)
        assert r.status_code == 200, (url, r.status_code)
    return statistics.median(times) * 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    root = Path(tempfile.mkdtemp())
    engine = make_engine(f"sqlite:///{root / 'store.db'}")
    migrate(engine)
    now = datetime(2026, 11, 2, 9, tzinfo=UTC)
    t = time.perf_counter()
    fill(engine, n, now)
    print(f"filled {n} claims in {time.perf_counter() - t:.1f} s")
    add_user(engine, "rita", "reviewer", "a long password")
    client = TestClient(create_app(engine, FixedClock(now), secret_key="bench", data_dir=root, secure_cookies=False))
    client.post("/api/login", json={"username": "rita", "password": "a long password"})
    for label, url in [
        ("queue page 1 (due date)", "/queue"),
        ("queue page 20, by score desc", "/queue?sort=score&desc=1&page=20"),
        ("queue overdue + product filter", "/queue?overdue=1&product=exo"),
        ("api queue page 1", "/api/queue"),
        ("claim page", "/claims/3000001"),
    ]:
        print(f"{label:<34} {timed(client, url):7.1f} ms (median of 5, {n} claims)")


if __name__ == "__main__":
    main()
