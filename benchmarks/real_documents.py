"""Accuracy of the POE checks on real documents nobody here wrote (issue 12).

    .venv/bin/python benchmarks/real_documents.py /work/realdata/cuad_part1 /work/realdata/eoframework
    .venv/bin/python benchmarks/real_documents.py DIR... --jobs 2 --limit 40 --json out.json
    .venv/bin/python benchmarks/real_documents.py DIR... --cache /tmp/realdocs-cache --misses 50

Each DIR is a data folder: one holding a CUAD ``master_clauses*.csv`` gives a true and a
wrong-customer claim per contract (``benchmarks/real_claims.py`` says how); the hand labels
(``--labels``, default ``benchmarks/real_labels.json``) name documents relative to any DIR.
Every document is extracted once, in-process (``--cache`` keeps the extractions between runs,
keyed by file digest and extractor version), then ``run_checks`` runs on each of its claims.
Prints, per set and criterion: accuracy, precision and recall of ``met``, the ``unclear`` rate;
the wrong-customer claims accepted; then the misses with their reasons and evidence.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.real_claims import LabelledClaim, cuad_claims, hand_claims  # noqa: E402

CRITERIA = ("customer_signature", "partner_name", "customer_name", "dates", "product_links", "growth_activities")
SHORT = {"customer_signature": "signature", "partner_name": "partner", "customer_name": "customer",
         "dates": "dates", "product_links": "products", "growth_activities": "growth"}


@dataclass
class Outcome:
    claim: LabelledClaim
    verdicts: dict[str, dict[str, Any]]  # criterion -> {verdict, reasons, evidence}
    error: str = ""


def _extract(path: Path, cache: Path | None) -> Any:
    from extractors.api import extract_local
    from extractors.limits import Limits
    from extractors.version import EXTRACTOR_VERSION

    key = ""
    if cache is not None:
        key = hashlib.sha256(path.read_bytes()).hexdigest()[:24] + "-" + EXTRACTOR_VERSION
        hit = cache / f"{key}.pickle"
        if hit.is_file():
            return pickle.loads(hit.read_bytes())
    doc, _bug = extract_local(path, path.name, Limits(timeout_seconds=None))
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / f"{key}.pickle").write_bytes(pickle.dumps(doc))
    return doc


def _summary(result: Any) -> dict[str, Any]:
    return {
        "verdict": result.verdict,
        "reasons": [f"{r.code} {r.message}" for r in result.reasons],
        "evidence": [f"p.{e.location.page}: {e.text[:160]}" if e.location.page is not None else e.text[:160]
                     for e in result.evidence[:3]],
    }


def run_document(job: tuple[str, list[LabelledClaim], str | None]) -> tuple[list[Outcome], float]:
    """Extract one document once and check every claim made on it."""
    from scoring.checks import run_checks

    path, claims, cache = job
    t0 = time.perf_counter()
    try:
        doc = _extract(Path(path), Path(cache) if cache else None)
    except Exception as exc:  # noqa: BLE001  (one unreadable file is a miss, not the end of the run)
        return [Outcome(c, {}, f"extract: {type(exc).__name__}: {exc}") for c in claims], 0.0
    out = []
    for c in claims:
        try:
            results = run_checks(c.claim, [doc])
            out.append(Outcome(c, {k: _summary(v) for k, v in results.items()}))
        except Exception as exc:  # noqa: BLE001
            out.append(Outcome(c, {}, f"checks: {type(exc).__name__}: {exc}"))
    return out, time.perf_counter() - t0


def run_all(claims: list[LabelledClaim], jobs: int, cache: Path | None) -> tuple[list[Outcome], float]:
    by_doc: dict[str, list[LabelledClaim]] = defaultdict(list)
    for c in claims:
        by_doc[str(c.document)].append(c)
    work = [(p, cs, str(cache) if cache else None) for p, cs in sorted(by_doc.items())]
    outcomes: list[Outcome] = []
    busy = 0.0
    if jobs <= 1:
        results = map(run_document, work)
    else:
        pool = ProcessPoolExecutor(jobs)
        results = pool.map(run_document, work, chunksize=1)
    for outs, seconds in results:
        outcomes += outs
        busy += seconds
    if jobs > 1:
        pool.shutdown()
    return outcomes, busy / max(1, len(work))


def figures(outcomes: list[Outcome], criterion: str) -> dict[str, Any]:
    n = right = tp = fp = fn = unclear = 0
    for o in outcomes:
        accepted = o.claim.labels.get(criterion)
        if accepted is None:
            continue
        verdict = o.verdicts.get(criterion, {}).get("verdict", "error")
        n += 1
        right += verdict in accepted
        unclear += verdict == "unclear"
        truth_met = accepted[0] == "met"
        tp += truth_met and verdict == "met"
        fp += (not truth_met) and verdict == "met"
        fn += truth_met and verdict != "met"
    return {"n": n, "accuracy": right / n if n else None,
            "precision_met": tp / (tp + fp) if tp + fp else None,
            "recall_met": tp / (tp + fn) if tp + fn else None,
            "unclear_rate": unclear / n if n else None}


def misses(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    out = []
    for o in outcomes:
        for criterion, accepted in o.claim.labels.items():
            got = o.verdicts.get(criterion, {"verdict": "error", "reasons": [o.error], "evidence": []})
            if got["verdict"] not in accepted:
                out.append({"set": o.claim.kind, "document": o.claim.shown, "claim": o.claim.claim.claim_id,
                            "partner": o.claim.claim.partner_name, "customer": o.claim.claim.customer_name,
                            "criterion": criterion, "truth": accepted[0], "verdict": got["verdict"],
                            "label_note": o.claim.notes.get(criterion, ""),
                            "reasons": got["reasons"], "evidence": got["evidence"]})
    return out


def _f(x: float | None) -> str:
    return "  -  " if x is None else f"{100 * x:5.1f}"


def _signature_met(outcomes: list[Outcome]) -> int:
    """Claims whose customer got a signature credited: on a wrong-customer claim, a company that is
    no party to the contract (it should be 0)."""
    return sum(1 for o in outcomes if o.verdicts.get("customer_signature", {}).get("verdict") == "met")


def print_report(sets: dict[str, list[Outcome]], shown_misses: int, per_doc: float, n_docs: int) -> None:
    for name, outs in sets.items():
        if not outs:
            continue
        print(f"\n== {name}: {len(outs)} claims")
        print(f"{'criterion':<10} {'n':>4} {'acc%':>6} {'prec%':>6} {'rec%':>6} {'uncl%':>6}")
        for criterion in CRITERIA:
            f = figures(outs, criterion)
            if f["n"]:
                print(f"{SHORT[criterion]:<10} {f['n']:>4} {_f(f['accuracy']):>6} {_f(f['precision_met']):>6} "
                      f"{_f(f['recall_met']):>6} {_f(f['unclear_rate']):>6}")
    wrong = sets.get("cuad-wrong-customer", [])
    if wrong:
        accepted = [o for o in wrong if o.verdicts.get("customer_name", {}).get("verdict") == "met"]
        print(f"\nwrong-customer claims accepted (customer_name met): {len(accepted)} of {len(wrong)}")
        print(f"wrong-customer claims credited a customer signature (customer_signature met): "
              f"{_signature_met(wrong)} of {len(wrong)}")
    print(f"\n{n_docs} documents, {per_doc:.2f} s per document (extraction + checks, shared machine)")
    found = [m for outs in sets.values() for m in misses(outs)]
    print(f"\n== misses: {len(found)}" + (f" (first {shown_misses})" if len(found) > shown_misses else ""))
    for m in found[:shown_misses]:
        print(f"- [{m['set']}] {m['criterion']}: truth {m['truth']}, got {m['verdict']} | {m['document']}"
              f" | partner {m['partner']!r} customer {m['customer']!r}")
        if m["label_note"]:
            print(f"    label: {m['label_note']}")
        for r in m["reasons"][:2]:
            print(f"    reason: {r[:200]}")
        for e in m["evidence"][:2]:
            print(f"    evidence: {e}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="+", type=Path, help="data folders (CUAD with its CSV, others)")
    ap.add_argument("--labels", type=Path, default=ROOT / "benchmarks" / "real_labels.json")
    ap.add_argument("--limit", type=int, default=0, help="only the first N CUAD contracts")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes")
    ap.add_argument("--only", default="", help="only documents whose path contains this text")
    ap.add_argument("--cache", type=Path, default=None, help="folder keeping extractions between runs")
    ap.add_argument("--misses", type=int, default=40, help="misses to print")
    ap.add_argument("--json", type=Path, default=None, help="write figures and every miss here")
    args = ap.parse_args(argv)
    for folder in args.folders:
        if not folder.is_dir():
            ap.error(f"{folder}: not a folder")
    cuad: list[LabelledClaim] = []
    for folder in args.folders:
        cuad += cuad_claims(folder)
    if args.limit:
        keep = {c.shown for c in cuad[: 2 * args.limit]}
        cuad = [c for c in cuad if c.shown in keep]
    hand, missing = hand_claims(args.labels, args.folders) if args.labels.is_file() else ([], [])
    if args.only:
        cuad = [c for c in cuad if args.only in c.shown]
        hand = [c for c in hand if args.only in c.shown]
    for path in missing:
        print(f"hand label skipped: {path} is in none of the folders", file=sys.stderr)
    outcomes, per_doc = run_all(cuad + hand, args.jobs, args.cache)
    sets: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        sets[o.claim.kind].append(o)
    ordered = {k: sets[k] for k in ("cuad", "cuad-wrong-customer", "hand") if k in sets}
    n_docs = len({o.claim.document for o in outcomes})
    print_report(ordered, args.misses, per_doc, n_docs)
    if args.json:
        report = {
            "figures": {k: {c: figures(v, c) for c in CRITERIA} for k, v in ordered.items()},
            "wrong_customer_accepted": sum(
                1 for o in ordered.get("cuad-wrong-customer", [])
                if o.verdicts.get("customer_name", {}).get("verdict") == "met"),
            "wrong_customer_signature_met": _signature_met(ordered.get("cuad-wrong-customer", [])),
            "documents": n_docs, "seconds_per_document": per_doc,
            "misses": [m for v in ordered.values() for m in misses(v)],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
