"""Nightly-run figures: N generated claims through the whole pipeline, then again unchanged.

Usage::

    .venv/bin/python benchmarks/nightly.py                 # 1,000 claims, Prefect flow
    .venv/bin/python benchmarks/nightly.py --n 10000       # the 10,000-claim target
    .venv/bin/python benchmarks/nightly.py --n 200 --no-prefect --concurrency 2

Claims come from ``pipeline.samples.generate_corpus`` when the samples package is there (realistic
POE files), else from a fast synthetic writer (a 2-page PDF SOW per claim, an acknowledgment
email for every other claim, one MSA PDF shared by each partner's claims so the extraction cache
has something to reuse; one claim in ten contests the previous claim's customer and product, so
there are conflict groups to compare). Prints claims/s, pages/s, peak memory (this process by tracemalloc and
RSS; worker processes by RSS), the ratio to a raw text dump of the same files (pypdfium2 text /
plain read, no analysis, no store), and the time of a re-run over the unchanged inbox. Nothing
is asserted: figures only.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TENANTS = [f"72f988bf-86f1-41af-91ab-{i:012d}" for i in range(50)]
WORKLOADS = [("Exchange Online", "EXO"), ("Microsoft Teams", "TEAMS"), ("SharePoint Online", "SPO"),
             ("Microsoft Intune", "INTUNE"), ("Microsoft Defender for Endpoint", "MDE")]
PARTNERS = [(str(4400000 + i), f"Partner {chr(65 + i % 26)}{i} Consulting LLC") for i in range(40)]


def _pdf(path: Path, pages: list[list[str]]) -> None:
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


def synthetic_inbox(root: Path, n: int) -> Path:
    """n claim folders + tenants.json, written fast (reportlab PDFs, plain .eml)."""
    inbox = root / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "tenants.json").write_text(json.dumps([
        {"tenant_id": t, "display_name": f"Customer {i} Ltd", "domains": [f"cust{i}.example"], "subscriptions": []}
        for i, t in enumerate(TENANTS)
    ]))
    msas: dict[str, bytes] = {}
    for i in range(n):
        claim_id = str(3000000 + i)
        mpn, partner = PARTNERS[i % len(PARTNERS)]
        product = WORKLOADS[(i // len(PARTNERS)) % len(WORKLOADS)]
        t = i % len(TENANTS)
        if i % 10 == 9:  # one claim in ten contests the previous claim's customer and product (D-18)
            product = WORKLOADS[((i - 1) // len(PARTNERS)) % len(WORKLOADS)]
            t = (i - 1) % len(TENANTS)
        customer = f"Customer {t} Ltd"
        folder = inbox / claim_id
        folder.mkdir()
        _pdf(folder / "SOW.pdf", [
            ["STATEMENT OF WORK", f"between {partner} and {customer}", f"Claim reference {claim_id}",
             "Effective date: 1 June 2026",
             f"{partner} will deploy and configure {product[0]} for {customer} and run adoption",
             f"workshops to increase active usage of {product[0]} by 40% across 600 users.",
             "Milestones: design 15 June 2026; pilot 30 June 2026; go-live 31 July 2026."],
            [f"Signed for and on behalf of {customer}:", "Name: Teo Lupu   Title: CIO",
             "Signature: /s/ Teo Lupu   Date: 12 June 2026", f"Signed for and on behalf of {partner}:",
             "Name: Ola Demmo   Title: Director", "Signature: /s/ Ola Demmo   Date: 11 June 2026"],
        ])
        if mpn not in msas:
            msa = root / f"msa-{mpn}.pdf"
            _pdf(msa, [[f"MASTER SERVICES AGREEMENT of {partner}", "General terms and conditions."]])
            msas[mpn] = msa.read_bytes()
        (folder / "MSA.pdf").write_bytes(msas[mpn])
        docs = ["SOW.pdf", "MSA.pdf"]
        if i % 2 == 0:
            (folder / "ack.eml").write_text(
                f"From: Teo Lupu <teo.lupu@cust{t}.example>\nTo: ola@{mpn}.example\n"
                f"Subject: Acknowledgment {claim_id}\nDate: Fri, 12 Jun 2026 10:00:00 +0000\n\n"
                f"We confirm {partner} is our partner for the {product[0]} deployment.\nTeo Lupu, CIO, {customer}\n"
            )
            docs.append("ack.eml")
        (folder / "claim.json").write_text(json.dumps({
            "claim_id": claim_id, "name": f"{product[0]} for {customer}", "program": "OSU-Microsoft 365",
            "solution_area": "Microsoft 365", "activity": "Deployment", "status": "Submitted",
            "created_at": "2026-06-20T09:00:00Z", "submitted_at": "2026-06-22T09:00:00Z",
            "mpn_location": {"mpn_id": mpn, "country": "United States"},
            "partner": {"name": partner, "contact_name": "Ola Demmo", "contact_email": f"ola@{mpn}.example"},
            "customer": {"domain": f"cust{t}.example", "tenant_id": TENANTS[t], "contact_name": "Teo Lupu",
                         "contact_email": f"teo.lupu@cust{t}.example"},
            "products": [{"name": product[0], "code": product[1]}],
            "documents": [{"path": d, "uploaded_by": "Ola Demmo", "uploaded_at": "2026-06-22T08:00:00Z"}
                          for d in docs],
        }))
    return inbox


def build_inbox(root: Path, n: int, synthetic: bool) -> tuple[Path, str]:
    if not synthetic:
        try:
            from pipeline.samples import generate_corpus

            return Path(generate_corpus(root / "corpus", n, seed=7)), "pipeline.samples.generate_corpus"
        except ImportError:
            pass
    return synthetic_inbox(root, n), "synthetic writer"


def raw_text_dump(inbox: Path) -> tuple[float, int, int]:
    """Seconds to dump the text of every document once (pypdfium2 for PDFs, read() otherwise),
    pages and files: the floor any pipeline over these files is compared with."""
    import pypdfium2 as pdfium

    started = time.perf_counter()
    pages = files = 0
    for path in sorted(inbox.rglob("*")):
        if not path.is_file() or path.name in ("claim.json", "tenants.json", "labels.json"):
            continue
        files += 1
        if path.read_bytes()[:5] == b"%PDF-":
            try:
                pdf = pdfium.PdfDocument(str(path))
                for page in pdf:
                    page.get_textpage().get_text_range()
                    pages += 1
                pdf.close()
            except pdfium.PdfiumError:
                pass
        else:
            path.read_bytes().decode("utf-8", "replace")
            pages += 1
    return time.perf_counter() - started, pages, files


def children_max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_once(args: argparse.Namespace, inbox: Path, db_url: str) -> tuple[dict[str, Any], float]:
    started = time.perf_counter()
    if args.no_prefect:
        from pipeline.nightly import NightlyConfig, run_nightly

        summary = run_nightly(NightlyConfig(inbox=str(inbox), db_url=db_url, concurrency=args.concurrency))
    else:
        from flows.nightly import run_flow

        summary = run_flow(inbox=str(inbox), db_url=db_url, concurrency=args.concurrency)
    return summary, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="claims to generate (10000 for the target run)")
    parser.add_argument("--concurrency", type=int, default=0, help="worker processes (0: one per CPU)")
    parser.add_argument("--no-prefect", action="store_true", help="plain runner instead of the Prefect flow")
    parser.add_argument("--synthetic", action="store_true", help="synthetic writer even if samples exist")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="poe-nightly-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    # The same Prefect environment the CLI sets (offline, quiet console, CI-safe start-up timeout).
    from pipeline.cli.nightly import prefect_environment

    prefect_environment(root)

    t = time.perf_counter()
    inbox, source = build_inbox(root, args.n, args.synthetic)
    print(f"generated {args.n} claims with the {source} in {time.perf_counter() - t:.1f} s: {inbox}")
    raw_s, raw_pages, raw_files = raw_text_dump(inbox)
    print(f"raw text dump: {raw_files} files, {raw_pages} pages in {raw_s:.2f} s")

    db_url = f"sqlite:///{root / 'data' / 'poe-review.db'}"
    tracemalloc.start()
    summary, first_s = run_once(args, inbox, db_url)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = children_max_rss_mib()
    rerun, rerun_s = run_once(args, inbox, db_url)

    analysed = summary["analysed"]
    pages = summary["documents"]["pages_extracted"]
    mode = "plain process pool" if args.no_prefect else "Prefect flow"
    print(f"\nnightly run ({mode}, {summary['batches']} batches, workers {len(summary['workers'])}):")
    print(f"  claims in {sum(summary['claims_in'].values())}, analysed {analysed}, failed {len(summary['failed'])}, "
          f"recommendations {summary['recommendations']}")
    print(f"  documents extracted {summary['documents']['extracted']}, reused from cache "
          f"{summary['documents']['reused_from_cache']}, unreadable {len(summary['documents']['unreadable'])}; "
          f"conflict groups {summary['conflicts']['groups']}")
    print(f"  wall {first_s:.1f} s: {analysed / first_s:.1f} claims/s, {pages / first_s:.1f} pages/s")
    print(f"  ratio to the raw text dump: {first_s / raw_s:.1f}x ({raw_s:.2f} s)")
    print(f"  peak memory: this process {self_rss:.0f} MiB RSS ({traced_peak / 2**20:.0f} MiB traced by "
          f"tracemalloc), largest worker process {child_rss:.0f} MiB RSS")
    print(f"re-run over the unchanged inbox: {rerun_s:.1f} s (changed={rerun['changed']}, "
          f"analysed {rerun['analysed']}, extracted {rerun['documents']['extracted']})")
    print(f"work folder: {root}")


if __name__ == "__main__":
    main()
