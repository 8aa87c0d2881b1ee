"""Nightly-run figures: N generated claims through the whole pipeline, then again unchanged.

Usage::

    .venv/bin/python benchmarks/nightly.py                 # 1,000 claims, Prefect flow
    .venv/bin/python benchmarks/nightly.py --n 10000       # the 10,000-claim target
    .venv/bin/python benchmarks/nightly.py --n 200 --no-prefect --concurrency 2

Claims come from ``samples.generate_corpus`` (realistic POE files: contracts, POs, the POE
template, e-mails and a few scanned pages, as partners send them) unless ``--synthetic`` asks for
the simple synthetic writer, whose claims are about 16x cheaper than realistic ones and so do NOT
stand for a real night; it is also used when the samples package is missing. The synthetic writer: (a 2-page PDF SOW per claim, an acknowledgment
email for every other claim, one MSA PDF shared by each partner's claims so the extraction cache
has something to reuse; one claim in ten contests the previous claim's customer and product, so
there are conflict groups to compare). Prints claims/s, pages/s, peak memory (this process by
RSS, and by tracemalloc with --tracemalloc, which slows it; worker processes by RSS), the ratio to a raw text dump of the same files (pypdfium2 text /
plain read, no analysis, no store), and the time of a re-run over the unchanged inbox. Nothing
is asserted: figures only.

Also printed: the share of scanned pages (pages read by OCR, from the extraction cache), wall time
per stage (ingest, analyse, conflicts, clocks; the analyse stage split into extraction of text
documents, extraction with OCR, and checks + store, in worker-seconds), orchestration (the rest of
the wall time: process start-up, Prefect, IPC, idle workers), and peak RSS and CPU seconds per
process kind (this process, extraction/batch workers, the temporary Prefect server) sampled with
psutil every 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TENANTS = [f"72f988bf-86f1-41af-91ab-{i:012d}" for i in range(50)]
WORKLOADS = [("Exchange Online", "EXO"), ("Microsoft Teams", "TEAMS"), ("SharePoint Online", "SPO"),
             ("Microsoft Intune", "INTUNE"), ("Microsoft Defender for Endpoint", "MDE")]
PARTNERS = [(str(4400000 + i), f"Partner {chr(65 + i % 26)}{i} Consulting LLC") for i in range(40)]


def synthetic_inbox(root: Path, n: int) -> Path:
    """n claim folders + tenants.json, written fast (reportlab PDFs, plain .eml)."""
    from pipeline.nightly.demo import write_text_pdf  # the demo inbox's writer; after REPO is on sys.path
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
        write_text_pdf(folder / "SOW.pdf", [
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
            write_text_pdf(msa, [[f"MASTER SERVICES AGREEMENT of {partner}", "General terms and conditions."]])
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
            from samples import generate_corpus

            return Path(generate_corpus(root / "corpus", n, seed=7)), "samples.generate_corpus"
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


def _kind(cmdline: list[str]) -> str:
    text = " ".join(cmdline)
    if "prefect" in text and ("server" in text or "uvicorn" in text):
        return "Prefect server"
    if "extractors.worker" in text:
        return "extraction worker (time limit)"
    if "multiprocessing" in text or "spawn_main" in text:
        return "batch worker process"
    if "tesseract" in text:
        return "tesseract"
    return cmdline[0].rsplit("/", 1)[-1] if cmdline else "?"


class ProcessSampler:
    """Peak RSS and last CPU seconds of this process and every descendant, by kind (psutil)."""

    def __init__(self) -> None:
        import threading

        self.peak: dict[int, float] = {}
        self.cpu: dict[int, float] = {}
        self.kind: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> ProcessSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            for proc in [me, *me.children(recursive=True)]:
                try:
                    with proc.oneshot():
                        rss = proc.memory_info().rss / 2**20
                        cpu = sum(proc.cpu_times()[:2])
                        kind = "benchmark / flow process" if proc.pid == me.pid else _kind(proc.cmdline())
                except (psutil.Error, OSError):
                    continue
                self.peak[proc.pid] = max(self.peak.get(proc.pid, 0.0), rss)
                self.cpu[proc.pid] = max(self.cpu.get(proc.pid, 0.0), cpu)
                self.kind[proc.pid] = kind
            self._stop.wait(0.5)

    def report(self) -> list[str]:
        kinds: dict[str, list[int]] = {}
        for pid, kind in self.kind.items():
            kinds.setdefault(kind, []).append(pid)
        lines = []
        for kind, pids in sorted(kinds.items()):
            peak = max(self.peak[p] for p in pids)
            cpu = sum(self.cpu[p] for p in pids)
            lines.append(f"    {kind}: {len(pids)} process(es), peak {peak:.0f} MiB RSS each at most, {cpu:.1f} CPU-s")
        total = sum(self.peak.values())
        lines.append(f"    sum of the peaks of all processes: {total:.0f} MiB (an upper bound of the run's peak)")
        return lines


def extraction_split(db_url: str) -> dict[str, float]:
    """From the extraction cache: documents, pages and worker-seconds of text and OCR extraction."""
    from sqlalchemy import select

    from pipeline.store.db import make_engine, session_scope
    from pipeline.store.schema import ExtractionRow

    out = {"docs": 0, "pages": 0, "ocr_docs": 0, "ocr_pages": 0, "text_s": 0.0, "ocr_s": 0.0}
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        for row in session.scalars(select(ExtractionRow)):
            doc = row.document or {}
            ocr_pages = {(b.get("location") or {}).get("page") for b in _blocks(doc) if b.get("kind") == "ocr"}
            out["docs"] += 1
            out["pages"] += row.pages
            if ocr_pages:
                out["ocr_docs"] += 1
                out["ocr_pages"] += len(ocr_pages)
                out["ocr_s"] += row.seconds
            else:
                out["text_s"] += row.seconds
    engine.dispose()
    return out


def _blocks(doc: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = list(doc.get("blocks") or [])
    for attachment in doc.get("attachments") or []:
        blocks += _blocks(attachment)
    return blocks


@contextmanager
def dask_scheduler(address: str, workers: int) -> Iterator[str]:
    """``address``, or for ``local`` a ``distributed.LocalCluster`` started here: one worker
    process per core (``workers``, 0: the CPU count), one thread each, closed afterwards."""
    if address != "local":
        yield address
        return
    import os

    from distributed import LocalCluster

    with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def run_once(args: argparse.Namespace, inbox: Path, db_url: str) -> tuple[dict[str, Any], float]:
    started = time.perf_counter()
    if args.no_prefect:
        from pipeline.nightly import NightlyConfig, run_nightly

        summary = run_nightly(NightlyConfig(inbox=str(inbox), db_url=db_url, concurrency=args.concurrency))
    elif args.dask:
        from flows.nightly import run_flow

        with dask_scheduler(args.dask, args.concurrency) as address:
            summary = run_flow(dask_address=address, inbox=str(inbox), db_url=db_url, concurrency=args.concurrency)
    else:
        from flows.nightly import run_flow

        summary = run_flow(inbox=str(inbox), db_url=db_url, concurrency=args.concurrency)
    return summary, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="claims to generate (10000 for the target run)")
    parser.add_argument("--concurrency", type=int, default=0, help="worker processes (0: one per CPU)")
    parser.add_argument("--no-prefect", action="store_true", help="plain runner instead of the Prefect flow")
    parser.add_argument("--synthetic", action="store_true",
                        help="the simple synthetic writer (about 16x cheaper claims than realistic ones)")
    parser.add_argument("--dask", metavar="ADDRESS",
                        help="Prefect flow with its batches on this Dask scheduler ('local': a LocalCluster of "
                             "--concurrency worker processes started here, to compare with the local pool)")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also trace this process's Python allocations (slows its stages, ingest 3.5x)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--inbox", type=Path, help="an inbox already generated (skips generation; --n ignored)")
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="poe-nightly-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    # The same Prefect environment the CLI sets (offline, quiet console, CI-safe start-up timeout).
    from delivery.cli.nightly import prefect_environment

    prefect_environment(root)

    t = time.perf_counter()
    if args.inbox:
        inbox, source = args.inbox.resolve(), f"existing inbox {args.inbox}"
        source = ("samples.generate_corpus, " if (inbox / "labels.json").is_file() else "") + source
    else:
        inbox, source = build_inbox(root, args.n, args.synthetic)
    print(f"inbox from the {source} ({time.perf_counter() - t:.1f} s): {inbox}")
    raw_s, raw_pages, raw_files = raw_text_dump(inbox)
    print(f"raw text dump: {raw_files} files, {raw_pages} pages in {raw_s:.2f} s")

    db_url = f"sqlite:///{root / 'data' / 'poe-review.db'}"
    if args.tracemalloc:  # off by default: it made the flow process's ingest 3.5x the CPU
        tracemalloc.start()
    with ProcessSampler() as sampler:
        summary, first_s = run_once(args, inbox, db_url)
    _, traced_peak = tracemalloc.get_traced_memory() if args.tracemalloc else (0, 0)
    tracemalloc.stop()
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = children_max_rss_mib()
    rerun, rerun_s = run_once(args, inbox, db_url)

    analysed = summary["analysed"]
    pages = summary["documents"]["pages_extracted"]
    mode = "plain process pool" if args.no_prefect else ("Prefect flow + Dask" if args.dask else "Prefect flow")
    label = "REALISTIC generated corpus" if source.startswith("samples") else "SIMPLE SYNTHETIC claims"
    print(f"\ncorpus: {label} ({source})")
    print(f"\nnightly run ({mode}, {summary['batches']} batches, workers {len(summary['workers'])}):")
    print(f"  claims in {sum(summary['claims_in'].values())}, analysed {analysed}, failed {len(summary['failed'])}, "
          f"recommendations {summary['recommendations']}")
    print(f"  documents extracted {summary['documents']['extracted']}, reused from cache "
          f"{summary['documents']['reused_from_cache']}, unreadable {len(summary['documents']['unreadable'])}; "
          f"conflict groups {summary['conflicts']['groups']}")
    print(f"  wall {first_s:.1f} s: {analysed / first_s:.1f} claims/s, {pages / first_s:.1f} pages/s")
    print(f"  ratio to the raw text dump: {first_s / raw_s:.1f}x ({raw_s:.2f} s)")
    split = extraction_split(db_url)
    print(f"  scanned share: {split['ocr_pages']} of {split['pages']} pages ({100 * split['ocr_pages'] / max(1, split['pages']):.1f}%)"
          f" read by OCR, in {split['ocr_docs']} of {split['docs']} documents")
    stages = summary.get("stages", {})
    analyse_wall = stages.get("analyse", 0.0)
    batch_s = summary.get("batch_seconds", 0.0)
    checks_store = max(0.0, batch_s - split["text_s"] - split["ocr_s"])
    print("  time per stage (wall s): " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))
    print(f"    analyse stage in worker-seconds: extraction text {split['text_s']:.1f}, extraction OCR "
          f"{split['ocr_s']:.1f}, checks + store {checks_store:.1f} ({1000 * checks_store / max(1, analysed):.0f} ms "
          f"a claim); {batch_s:.1f} worker-s in {analyse_wall:.1f} s wall")
    orchestration = first_s - sum(stages.values())
    print(f"    orchestration outside the stages (start-up, Prefect, store set-up, summary): {orchestration:.1f} s")
    print("  processes (psutil samples):")
    for line in sampler.report():
        print(line)
    traced = f" ({traced_peak / 2**20:.0f} MiB traced by tracemalloc)" if args.tracemalloc else ""
    print(f"  peak memory: this process {self_rss:.0f} MiB RSS{traced}, largest worker process {child_rss:.0f} MiB RSS")
    print(f"re-run over the unchanged inbox: {rerun_s:.1f} s (changed={rerun['changed']}, "
          f"analysed {rerun['analysed']}, extracted {rerun['documents']['extracted']})")
    print(f"work folder: {root}")


if __name__ == "__main__":
    main()
